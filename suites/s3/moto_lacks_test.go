package s3_test

import (
	"context"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/parity-harness/parity/harness"
)

// Behaviour moto 5.2.1 lacks: it accepts malformed policies and Content-MD5
// values, ignores x-amz-copy-source-if-match and has no default ownership
// controls. These specs are recorded against the emulator (the provenance
// says so) and reproduce AWS reference recordings where one exists, so
// `parity reference` holds them to AWS.
var _ = Describe("S3 behaviour moto lacks", Label("emulator-recorded"), func() {
	It("validates bucket policies", harness.Reference(refAPI+"TestS3BucketPolicy::test_bucket_policy_exc"), func(ctx SpecContext) {
		snap := harness.Snapshot()
		c := harness.S3()
		b := newBucket(ctx, c)
		for key, policy := range map[string]string{"put-empty-bucket-policy": "", "put-bucket-policy-randomstring": "invalid json", "put-bucket-policy-empty-json": "{}"} {
			_, err := c.PutBucketPolicy(ctx, &s3.PutBucketPolicyInput{Bucket: aws.String(b), Policy: aws.String(policy)})
			snap.Match(key, err)
		}
	})
	It("manages ownership controls", harness.Reference(refAPI+"TestS3BucketOwnershipControls::test_crud_bucket_ownership_controls"), func(ctx SpecContext) {
		snap := harness.Snapshot()
		c := harness.S3()
		b := newBucket(ctx, c)
		get, err := c.GetBucketOwnershipControls(ctx, &s3.GetBucketOwnershipControlsInput{Bucket: aws.String(b)})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("default-ownership", get)
		out, err := c.PutBucketOwnershipControls(ctx, &s3.PutBucketOwnershipControlsInput{Bucket: aws.String(b),
			OwnershipControls: &types.OwnershipControls{Rules: []types.OwnershipControlsRule{{ObjectOwnership: types.ObjectOwnershipObjectWriter}}}})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("put-ownership", out)
		get, err = c.GetBucketOwnershipControls(ctx, &s3.GetBucketOwnershipControlsInput{Bucket: aws.String(b)})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("get-ownership", get)
		del, err := c.DeleteBucketOwnershipControls(ctx, &s3.DeleteBucketOwnershipControlsInput{Bucket: aws.String(b)})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("delete-ownership", del)
		_, err = c.GetBucketOwnershipControls(ctx, &s3.GetBucketOwnershipControlsInput{Bucket: aws.String(b)})
		snap.Match("get-ownership-after-delete", err)
		snap.Match("delete-ownership-after-delete", orErr(c.DeleteBucketOwnershipControls(ctx, &s3.DeleteBucketOwnershipControlsInput{Bucket: aws.String(b)})))
		preferred := harness.UniqueName("bkt")
		_, err = c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String(preferred), ObjectOwnership: types.ObjectOwnershipBucketOwnerPreferred})
		Expect(err).NotTo(HaveOccurred())
		harness.Cleanup(func(ctx context.Context) { emptyAndDelete(ctx, c, preferred) })
		snap.Match("get-ownership-at-creation", orErr(c.GetBucketOwnershipControls(ctx, &s3.GetBucketOwnershipControlsInput{Bucket: aws.String(preferred)})))
	})
	It("validates Content-MD5", func(ctx SpecContext) {
		snap := harness.Snapshot()
		c := harness.S3()
		b := newBucket(ctx, c)
		_, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(b), Key: aws.String("k"), Body: stringsReader("test-string"), ContentMD5: aws.String("__invalid__")})
		snap.Match("md5-error-0", err)
		_, err = c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(b), Key: aws.String("k"), Body: stringsReader("test-string"), ContentMD5: aws.String("CYketZBSTjX8czcs3cXVlg==")})
		snap.Match("md5-error-bad-digest", err)
		ok, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(b), Key: aws.String("k"), Body: stringsReader("test-string"), ContentMD5: aws.String("Q3uTDbhLgHnC3YBKcZNrXw==")})
		snap.Match("success-put-object-md5", orErr(ok, err))
	})
	It("fails a copy whose source condition does not hold", func(ctx SpecContext) {
		snap := harness.Snapshot()
		c := harness.S3()
		b := newBucket(ctx, c)
		put(ctx, c, b, "src", "data")
		_, err := c.CopyObject(ctx, &s3.CopyObjectInput{Bucket: aws.String(b), Key: aws.String("dest"), CopySource: aws.String(b + "/src"), CopySourceIfMatch: aws.String(`"nope"`)})
		snap.Match("copy-precondition-if-match", err)
	})

	It("encrypts new buckets with SSE-S3 by default", func(ctx SpecContext) {
		snap := harness.Snapshot()
		c := harness.S3()
		b := newBucket(ctx, c)
		enc, err := c.GetBucketEncryption(ctx, &s3.GetBucketEncryptionInput{Bucket: aws.String(b)})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("get-encryption-default", enc)
	})

	It("ignores an If-Modified-Since in the future", func(ctx SpecContext) {
		snap := harness.Snapshot()
		c := harness.S3()
		b := newBucket(ctx, c)
		put(ctx, c, b, "test-object", "data")
		snap.Match("obj-ignore-future-modified-since", getBody(c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String(b), Key: aws.String("test-object"), IfModifiedSince: aws.Time(time.Now().Add(time.Hour))})))
	})

	// moto answers 304 Not Modified to an If-Modified-Since date in the future
	It("ignores an If-Modified-Since date in the future", harness.Reference(refS3+"test_s3_get_object_preconditions[get_object]"), func(ctx SpecContext) {
		snap := harness.Snapshot()
		c := harness.S3()
		b := newBucket(ctx, c)
		put(ctx, c, b, "test-object", "data")
		snap.Match("obj-ignore-future-modified-since", getBody(c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String(b), Key: aws.String("test-object"),
			IfModifiedSince: aws.Time(time.Now().Add(24 * time.Hour))})))
	})

	It("answers NoSuchUpload to a part for an unknown upload", harness.Reference(refS3+"test_multipart_no_such_upload"), func(ctx SpecContext) {
		snap := harness.Snapshot()
		c := harness.S3()
		b := newBucket(ctx, c)
		_, err := c.UploadPart(ctx, &s3.UploadPartInput{Bucket: aws.String(b), Key: aws.String("k"), UploadId: aws.String("fakeid"), PartNumber: aws.Int32(1), Body: stringsReader("x")})
		snap.Match("upload-exc", err)
	})

	It("deletes many objects quietly", harness.Reference(refS3+"test_delete_non_existing_keys_quiet"), func(ctx SpecContext) {
		snap := harness.Snapshot()
		c := harness.S3()
		b := newBucket(ctx, c)
		put(ctx, c, b, "test-key-nonexistent", "x")
		out, err := c.DeleteObjects(ctx, &s3.DeleteObjectsInput{Bucket: aws.String(b), Delete: &types.Delete{Quiet: aws.Bool(true),
			Objects: []types.ObjectIdentifier{{Key: aws.String("dummy1")}, {Key: aws.String("dummy2")}, {Key: aws.String("test-key-nonexistent")}}}})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("deleted-resp", out)
	})
})
