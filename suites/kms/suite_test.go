// Package kms_test is the KMS parity suite: keys and their life cycle,
// aliases, tags, symmetric encryption and data keys, reproducing the AWS
// reference recordings of the KMS provider tests.
package kms_test

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kms"
	"github.com/aws/aws-sdk-go-v2/service/kms/types"
	. "github.com/onsi/gomega"

	"github.com/parity-harness/parity/harness"
)

func TestKMS(t *testing.T) { harness.RunSuite(t, "kms") }

const (
	refFile = "tests/aws/services/kms/test_kms.py::"
	ref     = refFile + "TestKMS::"
	refGen  = refFile + "TestKMSGenerateKeys::"
)

// createKey creates a key that is scheduled for deletion after the spec.
func createKey(ctx context.Context, c *kms.Client, in *kms.CreateKeyInput) *types.KeyMetadata {
	out, err := c.CreateKey(ctx, in)
	Expect(err).NotTo(HaveOccurred())
	id := out.KeyMetadata.KeyId
	harness.Cleanup(func(ctx context.Context) {
		c.ScheduleKeyDeletion(ctx, &kms.ScheduleKeyDeletionInput{KeyId: id, PendingWindowInDays: aws.Int32(7)})
	})
	return out.KeyMetadata
}

// symmetricKey creates a symmetric encryption key.
func symmetricKey(ctx context.Context, c *kms.Client) *types.KeyMetadata {
	return createKey(ctx, c, &kms.CreateKeyInput{Description: aws.String("parity test key")})
}

// kmsIn returns a KMS client of the current target in another region.
func kmsIn(region string) *kms.Client {
	cfg := harness.AWSConfig()
	cfg.Region = region
	return kms.NewFromConfig(cfg, func(o *kms.Options) { o.BaseEndpoint = cfg.BaseEndpoint })
}

// result is what a call returned: its error, or its output when it
// succeeded (where moto accepts what AWS refuses).
func result[T any](out T, err error) any {
	if err != nil {
		return err
	}
	return out
}

func tag(k, v string) types.Tag { return types.Tag{TagKey: aws.String(k), TagValue: aws.String(v)} }

// tagsOf lists the tags of a key.
func tagsOf(ctx context.Context, c *kms.Client, keyID *string) []types.Tag {
	out, err := c.ListResourceTags(ctx, &kms.ListResourceTagsInput{KeyId: keyID})
	Expect(err).NotTo(HaveOccurred())
	return out.Tags
}

// motoKeyMetadata declares where moto's KeyMetadata differs from AWS's
// (reference recordings test_create_key, test_hmac_create_key): moto omits
// KeyUsage of encryption keys, MultiRegion of single-Region keys and the
// current key material, answers an empty SigningAlgorithms list for keys
// that do not sign, and gives HMAC keys RSA encryption algorithms.
func motoKeyMetadata(snap *harness.Session) {
	const reason = "moto's KeyMetadata omits KeyUsage, MultiRegion and CurrentKeyMaterialId, lists empty SigningAlgorithms and gives HMAC keys encryption algorithms (reference describe-key of test_create_key and test_hmac_create_key)"
	for _, member := range []string{"KeyUsage", "MultiRegion", "CurrentKeyMaterialId", "SigningAlgorithms", "EncryptionAlgorithms", "MacAlgorithms"} {
		snap.Divergence("moto", "$.."+member, reason)
	}
}

// motoAcceptsInvalid declares that moto answers requests AWS refuses with a
// success: the recorded key then holds an output where AWS has an error.
func motoAcceptsInvalid(snap *harness.Session, reason string, outputMembers ...string) {
	snap.Divergence("moto", "$.Error", reason)
	snap.Divergence("moto", "$.message", reason)
	snap.Divergence("moto", "$.ResponseMetadata.HTTPStatusCode", reason)
	for _, m := range outputMembers {
		snap.Divergence("moto", "$."+m, reason)
	}
}
