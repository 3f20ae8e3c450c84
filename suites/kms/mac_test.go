package kms_test

import (
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kms"
	"github.com/aws/aws-sdk-go-v2/service/kms/types"
	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/parity-harness/parity/harness"
	"github.com/parity-harness/parity/transformers"
)

// macKey creates an HMAC key of spec.
func macKey(ctx SpecContext, c *kms.Client, spec types.KeySpec) *types.KeyMetadata {
	return createKey(ctx, c, &kms.CreateKeyInput{KeySpec: spec, KeyUsage: types.KeyUsageTypeGenerateVerifyMac, Description: aws.String("test key")})
}

// macSnapshot scrubs MACs and key ids of MAC answers as the reference
// recordings do.
func macSnapshot() *harness.Session {
	return harness.Snapshot().Transform(transformers.KeyValue("Mac", "<mac>"), transformers.Key("KeyId", "key-id"))
}

var _ = Describe("KMS MACs", func() {
	for _, tc := range []struct {
		spec types.KeySpec
		alg  types.MacAlgorithmSpec
	}{{types.KeySpecHmac224, types.MacAlgorithmSpecHmacSha224}, {types.KeySpecHmac384, types.MacAlgorithmSpecHmacSha384}} {
		It("generates and verifies "+string(tc.alg)+" MACs", harness.Reference(ref+"test_generate_and_verify_mac["+string(tc.spec)+"-"+string(tc.alg)+"]"), func(ctx SpecContext) {
			snap := macSnapshot()
			snap.Divergence("moto", "$.Error.Message", "moto answers \"Invalid keyId key_id\"; AWS quotes the key id: \"Invalid keyId 'key_id'\" (reference generate-mac-invalid-key-id)")
			snap.Divergence("moto", "$.message", "moto does not quote the invalid key id (reference generate-mac-invalid-key-id)")
			c := harness.KMS()
			key := macKey(ctx, c, tc.spec)
			msg := []byte("some important message")
			mac, err := c.GenerateMac(ctx, &kms.GenerateMacInput{KeyId: key.KeyId, Message: msg, MacAlgorithm: tc.alg})
			Expect(err).NotTo(HaveOccurred())
			snap.Match("generate-mac", mac)
			snap.Match("generate-mac-invalid-key-id", result(c.GenerateMac(ctx, &kms.GenerateMacInput{KeyId: aws.String("key_id"), Message: msg, MacAlgorithm: tc.alg})))
			snap.Match("verify-mac", result(c.VerifyMac(ctx, &kms.VerifyMacInput{KeyId: key.KeyId, Message: msg, MacAlgorithm: tc.alg, Mac: mac.Mac})))
			snap.Match("verify-mac-invalid-key-id", result(c.VerifyMac(ctx, &kms.VerifyMacInput{KeyId: aws.String("key_id"), Message: msg, MacAlgorithm: tc.alg, Mac: mac.Mac})))
		})
	}

	for _, tc := range []struct {
		alg     types.MacAlgorithmSpec
		message string
	}{{types.MacAlgorithmSpecHmacSha256, "some different important message"}, {types.MacAlgorithmSpecHmacSha512, "some important message"}} {
		It("refuses MACs of another message or algorithm: "+string(tc.alg), harness.Reference(ref+"test_invalid_verify_mac[HMAC_256-"+string(tc.alg)+"-"+tc.message+"]"), func(ctx SpecContext) {
			snap := macSnapshot()
			if tc.alg != types.MacAlgorithmSpecHmacSha256 {
				snap.Divergence("moto", "$.Error", "moto answers KMSInvalidMacException to an algorithm the key cannot compute; AWS answers InvalidKeyUsageException (reference verify-mac of test_invalid_verify_mac[HMAC_256-HMAC_SHA_512-…])")
				snap.Divergence("moto", "$.message", "moto answers KMSInvalidMacException without a message member")
			}
			c := harness.KMS()
			key := macKey(ctx, c, types.KeySpecHmac256)
			mac, err := c.GenerateMac(ctx, &kms.GenerateMacInput{KeyId: key.KeyId, Message: []byte("some important message"), MacAlgorithm: types.MacAlgorithmSpecHmacSha256})
			Expect(err).NotTo(HaveOccurred())
			snap.Match("generate-mac", mac)
			snap.Match("verify-mac", result(c.VerifyMac(ctx, &kms.VerifyMacInput{KeyId: key.KeyId, Message: []byte(tc.message), MacAlgorithm: tc.alg, Mac: mac.Mac})))
		})
	}
})
