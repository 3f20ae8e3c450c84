package kms_test

import (
	"bytes"
	"strconv"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kms"
	"github.com/aws/aws-sdk-go-v2/service/kms/types"
	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/parity-harness/parity/harness"
	"github.com/parity-harness/parity/transformers"
)

// opaqueBlobs replaces ciphertexts and plaintexts, which differ on every
// call, as the reference recordings do.
func opaqueBlobs(snap *harness.Session) {
	snap.Transform(transformers.KeyValue("CiphertextBlob", "ciphertext-blob"), transformers.KeyValue("Plaintext", "plaintext"))
}

var _ = Describe("KMS encryption", func() {
	It("encrypts and decrypts with a key, its ARN and its alias", func(ctx SpecContext) {
		snap := harness.Snapshot()
		snap.Divergence("moto", "$.EncryptionAlgorithm", "AWS names the encryption algorithm in Encrypt and Decrypt answers (Encrypt/Decrypt API reference); moto omits it")
		opaqueBlobs(snap)
		c := harness.KMS()
		key := symmetricKey(ctx, c)
		name := "alias/" + harness.UniqueName("alias")
		_, err := c.CreateAlias(ctx, &kms.CreateAliasInput{AliasName: aws.String(name), TargetKeyId: key.KeyId})
		Expect(err).NotTo(HaveOccurred())
		plain := []byte("hello kms")
		for _, id := range []struct{ label, value string }{{"key-id", *key.KeyId}, {"key-arn", *key.Arn}, {"alias", name}} {
			enc, err := c.Encrypt(ctx, &kms.EncryptInput{KeyId: aws.String(id.value), Plaintext: plain, EncryptionContext: map[string]string{"purpose": "test"}})
			Expect(err).NotTo(HaveOccurred())
			snap.Match("encrypt-with-"+id.label, enc)
			Expect(enc.CiphertextBlob).NotTo(ContainSubstring(string(plain)))
			dec, err := c.Decrypt(ctx, &kms.DecryptInput{CiphertextBlob: enc.CiphertextBlob, EncryptionContext: map[string]string{"purpose": "test"}})
			Expect(err).NotTo(HaveOccurred())
			Expect(dec.Plaintext).To(Equal(plain))
			snap.Match("decrypt-"+id.label, dec)
		}
		_, err = c.DeleteAlias(ctx, &kms.DeleteAliasInput{AliasName: aws.String(name)})
		Expect(err).NotTo(HaveOccurred())
	})

	It("refuses ciphertexts it did not make", harness.Reference(ref+"test_key_rotations_encryption_decryption"), func(ctx SpecContext) {
		snap := harness.Snapshot()
		c := harness.KMS()
		key := symmetricKey(ctx, c)
		enc, err := c.Encrypt(ctx, &kms.EncryptInput{KeyId: key.KeyId, Plaintext: []byte("test")})
		Expect(err).NotTo(HaveOccurred())
		dec, err := c.Decrypt(ctx, &kms.DecryptInput{CiphertextBlob: enc.CiphertextBlob})
		Expect(err).NotTo(HaveOccurred())
		Expect(dec.Plaintext).To(Equal([]byte("test")))
		snap.Match("bad-ciphertext", result(c.Decrypt(ctx, &kms.DecryptInput{CiphertextBlob: append(bytes.Clone(enc.CiphertextBlob), []byte("bad")...)})))
	})

	It("refuses plaintexts over 4096 bytes", harness.Reference(ref+"test_plaintext_size_for_encrypt"), func(ctx SpecContext) {
		snap := harness.Snapshot()
		c := harness.KMS()
		key := symmetricKey(ctx, c)
		snap.Match("invalid-plaintext-size-encrypt", result(c.Encrypt(ctx, &kms.EncryptInput{KeyId: key.KeyId, Plaintext: []byte(strings.Repeat("a", 4097))})))
	})

	It("refuses a key id other than the ciphertext's", func(ctx SpecContext) {
		snap := harness.Snapshot()
		snap.Divergence("moto", "$.Error", "moto answers AccessDeniedException; AWS answers IncorrectKeyException when the key id is not the ciphertext's key (reference test_error_messaging_for_invalid_keys decrypt-invalid-key-id)")
		snap.Divergence("moto", "$.message", "moto answers AccessDeniedException without a message member")
		c := harness.KMS()
		key, other := symmetricKey(ctx, c), symmetricKey(ctx, c)
		enc, err := c.Encrypt(ctx, &kms.EncryptInput{KeyId: key.KeyId, Plaintext: []byte("secret")})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("decrypt-with-other-key", result(c.Decrypt(ctx, &kms.DecryptInput{CiphertextBlob: enc.CiphertextBlob, KeyId: other.KeyId})))
	})
})

var _ = Describe("KMS data keys", func() {
	It("generates a data key", harness.Reference(refGen+"test_generate_data_key"), func(ctx SpecContext) {
		snap := harness.Snapshot()
		opaqueBlobs(snap)
		c := harness.KMS()
		key := symmetricKey(ctx, c)
		out, err := c.GenerateDataKey(ctx, &kms.GenerateDataKeyInput{KeyId: key.KeyId, KeySpec: types.DataKeySpecAes256})
		Expect(err).NotTo(HaveOccurred())
		Expect(out.Plaintext).To(HaveLen(32))
		dec, err := c.Decrypt(ctx, &kms.DecryptInput{CiphertextBlob: out.CiphertextBlob})
		Expect(err).NotTo(HaveOccurred())
		Expect(dec.Plaintext).To(Equal(out.Plaintext))
		snap.Match("generate-data-key-result", out)
	})

	It("generates a data key without plaintext", harness.Reference(refGen+"test_generate_data_key_without_plaintext"), func(ctx SpecContext) {
		snap := harness.Snapshot()
		opaqueBlobs(snap)
		c := harness.KMS()
		key := symmetricKey(ctx, c)
		out, err := c.GenerateDataKeyWithoutPlaintext(ctx, &kms.GenerateDataKeyWithoutPlaintextInput{KeyId: key.KeyId, NumberOfBytes: aws.Int32(64)})
		Expect(err).NotTo(HaveOccurred())
		dec, err := c.Decrypt(ctx, &kms.DecryptInput{CiphertextBlob: out.CiphertextBlob})
		Expect(err).NotTo(HaveOccurred())
		Expect(dec.Plaintext).To(HaveLen(64))
		snap.Match("generate-data-key-without-plaintext", out)
	})

	It("binds data keys to their encryption context", harness.Reference(refGen+"test_encryption_context_generate_data_key"), func(ctx SpecContext) {
		snap := harness.Snapshot()
		c := harness.KMS()
		key := symmetricKey(ctx, c)
		context := map[string]string{"encryption": "context"}
		out, err := c.GenerateDataKey(ctx, &kms.GenerateDataKeyInput{KeyId: key.KeyId, KeySpec: types.DataKeySpecAes128, EncryptionContext: context})
		Expect(err).NotTo(HaveOccurred())
		dec, err := c.Decrypt(ctx, &kms.DecryptInput{CiphertextBlob: out.CiphertextBlob, EncryptionContext: context})
		Expect(err).NotTo(HaveOccurred())
		Expect(dec.Plaintext).To(Equal(out.Plaintext))
		snap.Match("decrypt-without-encryption-context", result(c.Decrypt(ctx, &kms.DecryptInput{CiphertextBlob: out.CiphertextBlob})))
	})

	It("binds data keys without plaintext to their encryption context", harness.Reference(refGen+"test_encryption_context_generate_data_key_without_plaintext"), func(ctx SpecContext) {
		snap := harness.Snapshot()
		c := harness.KMS()
		key := symmetricKey(ctx, c)
		context := map[string]string{"encryption": "context"}
		out, err := c.GenerateDataKeyWithoutPlaintext(ctx, &kms.GenerateDataKeyWithoutPlaintextInput{KeyId: key.KeyId, KeySpec: types.DataKeySpecAes256, EncryptionContext: context})
		Expect(err).NotTo(HaveOccurred())
		_, err = c.Decrypt(ctx, &kms.DecryptInput{CiphertextBlob: out.CiphertextBlob, EncryptionContext: context})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("decrypt-without-encryption-context", result(c.Decrypt(ctx, &kms.DecryptInput{CiphertextBlob: out.CiphertextBlob})))
	})

	It("needs exactly one of a key spec and a number of bytes", func(ctx SpecContext) {
		snap := harness.Snapshot()
		c := harness.KMS()
		key := symmetricKey(ctx, c)
		snap.Match("neither", result(c.GenerateDataKey(ctx, &kms.GenerateDataKeyInput{KeyId: key.KeyId})))
		snap.Match("both", result(c.GenerateDataKey(ctx, &kms.GenerateDataKeyInput{KeyId: key.KeyId, KeySpec: types.DataKeySpecAes256, NumberOfBytes: aws.Int32(32)})))
	})

	for _, n := range []int32{44, 1024} {
		It("generates "+strconv.Itoa(int(n))+" random bytes", harness.Reference(ref+"test_generate_random["+strconv.Itoa(int(n))+"]"), func(ctx SpecContext) {
			snap := harness.Snapshot()
			out, err := harness.KMS().GenerateRandom(ctx, &kms.GenerateRandomInput{NumberOfBytes: aws.Int32(n)})
			Expect(err).NotTo(HaveOccurred())
			snap.Match("result_length", len(out.Plaintext))
		})
	}

	It("refuses more than 1024 random bytes", harness.Reference(ref+"test_generate_random_invalid_number_of_bytes[1025]"), func(ctx SpecContext) {
		snap := harness.Snapshot()
		snap.Match("generate-random-exc", result(harness.KMS().GenerateRandom(ctx, &kms.GenerateRandomInput{NumberOfBytes: aws.Int32(1025)})))
	})
})
