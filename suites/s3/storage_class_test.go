package s3_test

import (
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/parity-harness/parity/harness"
)

// Objects written in each storage class; archived ones cannot be read
// before a restore.
var _ = Describe("S3 storage classes", func() {
	for _, tc := range []struct {
		class       types.StorageClass
		retrievable bool
	}{
		{types.StorageClassStandard, true}, {types.StorageClassStandardIa, true}, {types.StorageClassOnezoneIa, true},
		{types.StorageClassIntelligentTiering, true}, {types.StorageClassReducedRedundancy, true}, {types.StorageClassGlacier, false},
	} {
		id := refS3 + "test_put_object_storage_class[" + string(tc.class) + "-False]"
		if tc.retrievable {
			id = refS3 + "test_put_object_storage_class[" + string(tc.class) + "-True]"
		}
		It("stores an object in "+string(tc.class), harness.Reference(id), func(ctx SpecContext) {
			snap := harness.Snapshot()
			c := harness.S3()
			motoObjectDivergences(snap)
			b := newBucket(ctx, c)
			_, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(b), Key: aws.String("test-put-object-storage-class"), Body: stringsReader("body-test"), StorageClass: tc.class}, noDefaultContentType)
			Expect(err).NotTo(HaveOccurred())
			attrs, err := c.GetObjectAttributes(ctx, &s3.GetObjectAttributesInput{Bucket: aws.String(b), Key: aws.String("test-put-object-storage-class"),
				ObjectAttributes: []types.ObjectAttributes{types.ObjectAttributesStorageClass}}, lenientLastModified)
			Expect(err).NotTo(HaveOccurred())
			snap.Match("get-object-storage-class", attrs)
			snap.Match("get-object", getBody(c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String(b), Key: aws.String("test-put-object-storage-class")})))
		})
	}

	It("restores a DEEP_ARCHIVE object", harness.Reference("tests/aws/services/s3/test_s3.py::TestS3DeepArchive::test_s3_get_deep_archive_object_restore"), func(ctx SpecContext) {
		snap := harness.Snapshot()
		c := harness.S3()
		motoObjectDivergences(snap)
		b := newBucket(ctx, c)
		_, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(b), Key: aws.String("key-with-deep-archive"), Body: stringsReader("body data"), StorageClass: types.StorageClassDeepArchive}, noDefaultContentType)
		Expect(err).NotTo(HaveOccurred())
		get := func() error {
			_, err := c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String(b), Key: aws.String("key-with-deep-archive")})
			return err
		}
		snap.Match("get-object-invalid-state", get())
		snap.Match("get_object_invalid_state", get())
		out, err := c.RestoreObject(ctx, &s3.RestoreObjectInput{Bucket: aws.String(b), Key: aws.String("key-with-deep-archive"),
			RestoreRequest: &types.RestoreRequest{Days: aws.Int32(1), GlacierJobParameters: &types.GlacierJobParameters{Tier: types.TierBulk}}})
		snap.Match("restore_object", orErr(out, err))
	})
})
