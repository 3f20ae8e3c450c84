package s3_test

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kms"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/parity-harness/parity/harness"
	"github.com/parity-harness/parity/transformers"
)

// kmsKey creates a symmetric KMS key that is scheduled for deletion after
// the spec.
func kmsKey(ctx context.Context) *kms.CreateKeyOutput {
	c := harness.KMS()
	out, err := c.CreateKey(ctx, &kms.CreateKeyInput{Description: aws.String(harness.UniqueName("s3-sse-kms"))})
	Expect(err).NotTo(HaveOccurred())
	harness.Cleanup(func(ctx context.Context) {
		c.ScheduleKeyDeletion(ctx, &kms.ScheduleKeyDeletionInput{KeyId: out.KeyMetadata.KeyId, PendingWindowInDays: aws.Int32(7)})
	})
	return out
}

// putSSEKMS puts an object encrypted with SSE-KMS: with keyID, or with the
// AWS managed key when keyID is nil.
func putSSEKMS(ctx context.Context, c *s3.Client, bucket, key, body string, keyID *string, bucketKey *bool) (*s3.PutObjectOutput, error) {
	return c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(bucket), Key: aws.String(key), Body: stringsReader(body),
		ServerSideEncryption: types.ServerSideEncryptionAwsKms, SSEKMSKeyId: keyID, BucketKeyEnabled: bucketKey}, noDefaultContentType)
}

// motoSSEKMS declares how moto's SSE-KMS answers differ from AWS's.
func motoSSEKMS(snap *harness.Session) {
	snap.Divergence("moto", "$.SSEKMSKeyId", "AWS names the key of an SSE-KMS object by its ARN, the AWS managed key aws/s3 included (reference test_s3_sse_default_kms_key); moto echoes the key id it was given and names no AWS managed key")
}

const sseKMSETags = "AWS's ETags of SSE-KMS objects are opaque, not the MD5 digest of the body (reference: different ETags for the same body test-sse)"

var _ = Describe("S3 SSE-KMS", func() {
	It("copies an object with a KMS key", harness.Reference(refS3+"test_copy_object_kms"), func(ctx SpecContext) {
		snap := harness.Snapshot().Transform(transformers.Key("SSEKMSKeyId", "key-id"))
		motoObjectDivergences(snap)
		motoSSEKMS(snap)
		c := harness.S3()
		b := newBucket(ctx, c)
		key := kmsKey(ctx)
		put(ctx, c, b, "a-key", "hello world")
		snap.Match("get-object", getBody(c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String(b), Key: aws.String("a-key")})))
		cp, err := c.CopyObject(ctx, &s3.CopyObjectInput{Bucket: aws.String(b), Key: aws.String("copy"), CopySource: aws.String(b + "/a-key"),
			ServerSideEncryption: types.ServerSideEncryptionAwsKms, SSEKMSKeyId: key.KeyMetadata.KeyId, BucketKeyEnabled: aws.Bool(true)})
		Expect(err).NotTo(HaveOccurred())
		cp.CopyObjectResult.ETag = aws.String("copy-etag") // opaque for SSE-KMS objects, as the reference records it
		snap.Match("copy-object", cp)
		got, err := c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String(b), Key: aws.String("copy")})
		Expect(err).NotTo(HaveOccurred())
		got.ETag = aws.String("etag")
		snap.Match("get-copied-object", getBody(got, nil))
		Expect(*got.SSEKMSKeyId).To(HaveSuffix(*key.KeyMetadata.KeyId))
	})

	It("copies an object in place to change its encryption", harness.Reference(refS3+"test_s3_copy_object_in_place_with_encryption"), func(ctx SpecContext) {
		snap := harness.Snapshot().Transform(transformers.Key("SSEKMSKeyId", "s-s-e-k-m-s-key-id"))
		snap.SkipVerify("$..ETag", sseKMSETags)
		motoObjectDivergences(snap)
		motoSSEKMS(snap)
		c := harness.S3()
		b := newBucket(ctx, c)
		first, second := kmsKey(ctx), kmsKey(ctx)
		const name = "source-object"
		src := aws.String(b + "/" + name)
		head := func() any {
			return orErr(c.HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String(b), Key: aws.String(name)}))
		}
		snap.Match("put-object-with-kms-encryption", orErr(putSSEKMS(ctx, c, b, name, "test", first.KeyMetadata.KeyId, aws.Bool(true))))
		snap.Match("head-object", head())
		snap.Match("copy-object-in-place-with-sse", orErr(c.CopyObject(ctx, &s3.CopyObjectInput{Bucket: aws.String(b), Key: aws.String(name), CopySource: src,
			ServerSideEncryption: types.ServerSideEncryptionAwsKms, SSEKMSKeyId: second.KeyMetadata.KeyId})))
		snap.Match("head-copy-with-sse", head())
		snap.Match("copy-object-in-place-without-kms-sse", orErr(c.CopyObject(ctx, &s3.CopyObjectInput{Bucket: aws.String(b), Key: aws.String(name), CopySource: src})))
		snap.Match("head-copy-without-kms-sse", head())
		snap.Match("copy-object-in-place-with-aes", orErr(c.CopyObject(ctx, &s3.CopyObjectInput{Bucket: aws.String(b), Key: aws.String(name), CopySource: src,
			ServerSideEncryption: types.ServerSideEncryptionAes256})))
		snap.Match("head-copy-with-aes", head())
	})

	It("encrypts with the AWS managed key of the account", harness.Reference(refS3+"test_s3_sse_default_kms_key"), func(ctx SpecContext) {
		snap := harness.Snapshot()
		snap.SkipVerify("$..ETag", sseKMSETags)
		motoObjectDivergences(snap)
		motoSSEKMS(snap)
		c := harness.S3()
		b1, b2 := newBucket(ctx, c), newBucket(ctx, c)
		get := func(bucket string) any {
			return getBody(c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String(bucket), Key: aws.String("test-sse")}))
		}
		snap.Match("put-obj-default-kms-s3-key", orErr(putSSEKMS(ctx, c, b1, "test-sse", "test-sse", nil, nil)))
		snap.Match("get-obj-default-kms-s3-key", get(b1))
		snap.Match("put-obj-default-kms-s3-key-bucket-2", orErr(putSSEKMS(ctx, c, b2, "test-sse", "test-sse", nil, nil)))
		snap.Match("get-obj-default-kms-s3-key-bucket-2", get(b2))
		snap.Match("put-bucket-encryption-default-kms-s3-key", orErr(c.PutBucketEncryption(ctx, &s3.PutBucketEncryptionInput{Bucket: aws.String(b1),
			ServerSideEncryptionConfiguration: &types.ServerSideEncryptionConfiguration{Rules: []types.ServerSideEncryptionRule{{
				ApplyServerSideEncryptionByDefault: &types.ServerSideEncryptionByDefault{SSEAlgorithm: types.ServerSideEncryptionAwsKms},
				BucketKeyEnabled:                   aws.Bool(true)}}}})))
		snap.Match("get-bucket-encryption-default-kms-s3-key", orErr(c.GetBucketEncryption(ctx, &s3.GetBucketEncryptionInput{Bucket: aws.String(b1)})))
		snap.Match("put-obj-default-kms-s3-key-from-bucket", orErr(c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(b1), Key: aws.String("test-sse"),
			Body: stringsReader("test-sse")}, noDefaultContentType)))
		snap.Match("get-obj-default-kms-s3-key-from-bucket", get(b1))
	})
})

// moto 5.2.1 encrypts and decrypts S3 objects whatever the state of their
// KMS key: recorded against the emulator, held to AWS by the reference.
var _ = Describe("S3 SSE-KMS key states moto lacks", Label("emulator-recorded"), func() {
	It("refuses keys that are disabled or pending deletion", harness.Reference(refS3+"test_s3_sse_validate_kms_key_state"), func(ctx SpecContext) {
		snap := harness.Snapshot().Transform(transformers.Key("Description", "description"), transformers.Key("CurrentKeyMaterialId", "current-key-material-id"))
		snap.SkipVerify("$..ETag", sseKMSETags)
		motoObjectDivergences(snap)
		c := harness.S3()
		k := harness.KMS()
		b := newBucket(ctx, c)
		key := kmsKey(ctx)
		snap.Match("create-kms-key", key.KeyMetadata)
		get := func() any {
			return getBody(c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String(b), Key: aws.String("test-sse")}))
		}
		snap.Match("success-put-object-sse", orErr(putSSEKMS(ctx, c, b, "test-sse", "test-sse", key.KeyMetadata.KeyId, nil)))
		snap.Match("success-get-object-sse", get())
		_, err := k.DisableKey(ctx, &kms.DisableKeyInput{KeyId: key.KeyMetadata.KeyId})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("get-obj-disabled-key", get())
		snap.Match("put-obj-disabled-key", orErr(putSSEKMS(ctx, c, b, "test-sse", "test-sse", key.KeyMetadata.KeyId, nil)))
		_, err = k.ScheduleKeyDeletion(ctx, &kms.ScheduleKeyDeletionInput{KeyId: key.KeyMetadata.KeyId, PendingWindowInDays: aws.Int32(7)})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("get-obj-pending-deletion-key", get())
	})
})
