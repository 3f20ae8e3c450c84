package kms_test

import (
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kms"
	"github.com/aws/aws-sdk-go-v2/service/kms/types"
	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/parity-harness/parity/harness"
)

// Behaviour moto 5.2.1 lacks: it accepts reserved, duplicate and over-long
// tags, deletion windows outside 7 to 30 days, both key spec members and
// HMAC keys without a key usage; it changes the state of keys pending
// deletion and encrypts and decrypts with disabled keys. These specs are
// recorded against the emulator (the provenance says so) and reproduce AWS
// reference recordings where one exists, so `parity reference` holds them
// to AWS.
var _ = Describe("KMS behaviour moto lacks", Label("emulator-recorded"), func() {
	for _, tc := range []struct{ name, key string }{
		{"lowercase_prefix", "aws:key1"},
		{"uppercase_prefix", "AWS:key1"},
		{"too_long_key", strings.Repeat("a", 129)},
	} {
		It("refuses invalid tag keys at creation: "+tc.name, harness.Reference(ref+"test_create_key_with_invalid_tag_key["+tc.name+"]"), func(ctx SpecContext) {
			snap := harness.Snapshot()
			c := harness.KMS()
			out, err := c.CreateKey(ctx, &kms.CreateKeyInput{Tags: []types.Tag{tag(tc.key, "value1")}})
			if err == nil {
				c.ScheduleKeyDeletion(ctx, &kms.ScheduleKeyDeletionInput{KeyId: out.KeyMetadata.KeyId, PendingWindowInDays: aws.Int32(7)})
			}
			snap.Match("invalid-tag-key", result(out, err))
		})
	}

	It("refuses reserved tag keys on existing keys", harness.Reference(ref+"test_tag_existing_key_with_invalid_tag_key"), func(ctx SpecContext) {
		snap := harness.Snapshot()
		c := harness.KMS()
		key := symmetricKey(ctx, c)
		snap.Match("invalid-tag-key", result(c.TagResource(ctx, &kms.TagResourceInput{KeyId: key.KeyId, Tags: []types.Tag{tag("aws:key1", "value1")}})))
	})

	It("refuses duplicate tag keys", harness.Reference(ref+"test_tag_key_with_duplicate_tag_keys_raises_error"), func(ctx SpecContext) {
		snap := harness.Snapshot()
		c := harness.KMS()
		key := symmetricKey(ctx, c)
		snap.Match("duplicate-tag-keys", result(c.TagResource(ctx, &kms.TagResourceInput{KeyId: key.KeyId, Tags: []types.Tag{tag("tag1", "value1"), tag("tag1", "value2")}})))
	})

	It("refuses tag values longer than 256 characters", harness.Reference(ref+"test_key_with_long_tag_value_raises_error"), func(ctx SpecContext) {
		snap := harness.Snapshot()
		c := harness.KMS()
		out, err := c.CreateKey(ctx, &kms.CreateKeyInput{Tags: []types.Tag{tag("tag1", strings.Repeat("v", 257))}})
		if err == nil {
			c.ScheduleKeyDeletion(ctx, &kms.ScheduleKeyDeletionInput{KeyId: out.KeyMetadata.KeyId, PendingWindowInDays: aws.Int32(7)})
		}
		snap.Match("too-long-tag-value", result(out, err))
	})

	It("refuses state changes of keys pending deletion", func(ctx SpecContext) {
		snap := harness.Snapshot()
		c := harness.KMS()
		key := symmetricKey(ctx, c)
		_, err := c.ScheduleKeyDeletion(ctx, &kms.ScheduleKeyDeletionInput{KeyId: key.KeyId, PendingWindowInDays: aws.Int32(7)})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("enable-pending-deletion", result(c.EnableKey(ctx, &kms.EnableKeyInput{KeyId: key.KeyId})))
		snap.Match("disable-pending-deletion", result(c.DisableKey(ctx, &kms.DisableKeyInput{KeyId: key.KeyId})))
		snap.Match("schedule-pending-deletion", result(c.ScheduleKeyDeletion(ctx, &kms.ScheduleKeyDeletionInput{KeyId: key.KeyId, PendingWindowInDays: aws.Int32(7)})))
	})

	It("validates the pending deletion window", func(ctx SpecContext) {
		snap := harness.Snapshot()
		c := harness.KMS()
		key := symmetricKey(ctx, c)
		snap.Match("window-too-short", result(c.ScheduleKeyDeletion(ctx, &kms.ScheduleKeyDeletionInput{KeyId: key.KeyId, PendingWindowInDays: aws.Int32(6)})))
		snap.Match("window-too-long", result(c.ScheduleKeyDeletion(ctx, &kms.ScheduleKeyDeletionInput{KeyId: key.KeyId, PendingWindowInDays: aws.Int32(31)})))
		snap.Match("cancel-not-pending", result(c.CancelKeyDeletion(ctx, &kms.CancelKeyDeletionInput{KeyId: key.KeyId})))
		snap.Match("disable-missing-key", result(c.DisableKey(ctx, &kms.DisableKeyInput{KeyId: aws.String("00000000-1111-4222-8333-444444444444")})))
	})

	It("refuses keys that are disabled or pending deletion", func(ctx SpecContext) {
		snap := harness.Snapshot()
		opaqueBlobs(snap)
		c := harness.KMS()
		key := symmetricKey(ctx, c)
		enc, err := c.Encrypt(ctx, &kms.EncryptInput{KeyId: key.KeyId, Plaintext: []byte("secret")})
		Expect(err).NotTo(HaveOccurred())
		_, err = c.DisableKey(ctx, &kms.DisableKeyInput{KeyId: key.KeyId})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("encrypt-disabled", result(c.Encrypt(ctx, &kms.EncryptInput{KeyId: key.KeyId, Plaintext: []byte("secret")})))
		snap.Match("decrypt-disabled", result(c.Decrypt(ctx, &kms.DecryptInput{CiphertextBlob: enc.CiphertextBlob})))
		snap.Match("data-key-disabled", result(c.GenerateDataKey(ctx, &kms.GenerateDataKeyInput{KeyId: key.KeyId, KeySpec: types.DataKeySpecAes256})))
		_, err = c.ScheduleKeyDeletion(ctx, &kms.ScheduleKeyDeletionInput{KeyId: key.KeyId, PendingWindowInDays: aws.Int32(7)})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("encrypt-pending-deletion", result(c.Encrypt(ctx, &kms.EncryptInput{KeyId: key.KeyId, Plaintext: []byte("secret")})))
		snap.Match("decrypt-pending-deletion", result(c.Decrypt(ctx, &kms.DecryptInput{CiphertextBlob: enc.CiphertextBlob})))
	})

	It("validates the key spec and usage", func(ctx SpecContext) {
		snap := harness.Snapshot()
		c := harness.KMS()
		snap.Match("hmac-without-key-usage", result(c.CreateKey(ctx, &kms.CreateKeyInput{KeySpec: types.KeySpecHmac256})))
		snap.Match("both-key-specs", result(c.CreateKey(ctx, &kms.CreateKeyInput{KeySpec: types.KeySpecSymmetricDefault,
			CustomerMasterKeySpec: types.CustomerMasterKeySpecSymmetricDefault})))
		rsa := createKey(ctx, c, &kms.CreateKeyInput{KeySpec: types.KeySpecRsa2048, KeyUsage: types.KeyUsageTypeSignVerify, Description: aws.String("rsa signing key")})
		snap.Match("rsa-signing-key", rsa)
	})
})
