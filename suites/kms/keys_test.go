package kms_test

import (
	"regexp"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kms"
	"github.com/aws/aws-sdk-go-v2/service/kms/types"
	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/parity-harness/parity/harness"
	"github.com/parity-harness/parity/transformers"
)

// literal replaces every occurrence of value by placeholder.
func literal(value, placeholder string) transformers.Transformer {
	return transformers.Regex(regexp.QuoteMeta(value), placeholder)
}

var _ = Describe("KMS keys", func() {
	It("creates and describes a key", harness.Reference(ref+"test_create_key"), func(ctx SpecContext) {
		snap := harness.Snapshot()
		motoKeyMetadata(snap)
		c := harness.KMS()
		key := createKey(ctx, c, &kms.CreateKeyInput{Description: aws.String("test key 123")})
		out, err := c.DescribeKey(ctx, &kms.DescribeKeyInput{KeyId: key.KeyId})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("describe-key", out.KeyMetadata)
		Expect(*out.KeyMetadata.Arn).To(HaveSuffix(":key/" + *key.KeyId))
	})

	It("creates a multi-Region primary key", harness.Reference(ref+"test_create_multi_region_key"), func(ctx SpecContext) {
		snap := harness.Snapshot()
		motoKeyMetadata(snap)
		key := createKey(ctx, harness.KMS(), &kms.CreateKeyInput{Description: aws.String("test multi region key"), MultiRegion: aws.Bool(true)})
		Expect(*key.KeyId).To(HavePrefix("mrk-"))
		snap.Match("create_multi_region_key", key)
	})

	It("creates HMAC keys", harness.Reference(ref+"test_hmac_create_key"), func(ctx SpecContext) {
		snap := harness.Snapshot()
		motoKeyMetadata(snap)
		c := harness.KMS()
		key := createKey(ctx, c, &kms.CreateKeyInput{Description: aws.String("test key"), KeySpec: types.KeySpecHmac256, KeyUsage: types.KeyUsageTypeGenerateVerifyMac})
		snap.Match("create-hmac-key", key)
		out, err := c.DescribeKey(ctx, &kms.DescribeKeyInput{KeyId: key.KeyId})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("describe-key", out.KeyMetadata)
	})

	It("answers NotFoundException for keys that do not exist", harness.Reference(ref+"test_get_key_does_not_exist"), func(ctx SpecContext) {
		snap := harness.Snapshot()
		snap.Divergence("moto", "$.Error.Message", "moto takes multi-Region key ids for mrk- and a UUID and answers \"Invalid keyId\" for mrk- and 32 hex digits, AWS's form; AWS answers \"Key '<arn>' does not exist\" (reference describe-key-with-valid-id-mrk)")
		snap.Divergence("moto", "$.message", "moto words the error of a multi-Region key id differently (reference describe-key-with-valid-id-mrk)")
		c := harness.KMS()
		key := symmetricKey(ctx, c)
		prefix := strings.TrimSuffix(*key.Arn, *key.KeyId)
		missing := "00000000-1111-4222-8333-444444444444"
		mrk := "mrk-" + strings.Repeat("ab", 16)
		snap.Transform(literal(prefix+mrk, "<mrk-key-arn>"), literal(prefix+missing, "<key-arn>"))
		snap.Match("describe-nonexistent-key-with-id", result(c.DescribeKey(ctx, &kms.DescribeKeyInput{KeyId: aws.String(missing)})))
		snap.Match("describe-nonexistent-with-arn", result(c.DescribeKey(ctx, &kms.DescribeKeyInput{KeyId: aws.String(prefix + missing)})))
		snap.Match("describe-key-with-valid-id-mrk", result(c.DescribeKey(ctx, &kms.DescribeKeyInput{KeyId: aws.String(mrk)})))
	})

	It("finds keys only in their own region", harness.Reference(ref+"test_get_key_in_different_region"), func(ctx SpecContext) {
		snap := harness.Snapshot()
		motoKeyMetadata(snap)
		snap.Divergence("moto", "$.Error.Message", "moto looks an ARN of another region up by its key id and answers \"Key '<arn>' does not exist\"; AWS answers \"Invalid arn <region>\" (reference describe-key-diff-region-with-arn)")
		snap.Divergence("moto", "$.message", "moto words the error of an ARN of another region differently (reference describe-key-diff-region-with-arn)")
		secondary := "eu-central-1"
		if harness.AWSConfig().Region == secondary {
			secondary = "eu-west-1"
		}
		snap.Transform(literal(secondary, "<secondary-region>"))
		other := kmsIn(secondary)
		key := createKey(ctx, other, &kms.CreateKeyInput{Description: aws.String("test key 123")})
		c := harness.KMS()
		snap.Match("describe-key-diff-region-with-id", result(c.DescribeKey(ctx, &kms.DescribeKeyInput{KeyId: key.KeyId})))
		snap.Match("describe-key-diff-region-with-arn", result(c.DescribeKey(ctx, &kms.DescribeKeyInput{KeyId: key.Arn})))
		snap.Match("describe-key-same-specific-region-with-id", result(other.DescribeKey(ctx, &kms.DescribeKeyInput{KeyId: key.KeyId})))
		snap.Match("describe-key-same-specific-region-with-arn", result(other.DescribeKey(ctx, &kms.DescribeKeyInput{KeyId: key.Arn})))
	})

	It("lists keys with their ARNs, page by page", func(ctx SpecContext) {
		c := harness.KMS()
		first, second := symmetricKey(ctx, c), symmetricKey(ctx, c)
		seen := map[string]string{}
		var marker *string
		for {
			out, err := c.ListKeys(ctx, &kms.ListKeysInput{Limit: aws.Int32(1), Marker: marker})
			Expect(err).NotTo(HaveOccurred())
			for _, k := range out.Keys {
				seen[*k.KeyId] = *k.KeyArn
			}
			if !out.Truncated {
				break
			}
			marker = out.NextMarker
		}
		Expect(seen).To(HaveKeyWithValue(*first.KeyId, *first.Arn))
		Expect(seen).To(HaveKeyWithValue(*second.KeyId, *second.Arn))
	})
})
