package s3_test

import (
	"context"
	"sort"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/parity-harness/parity/harness"
)

// recordsByNameAndETag receives n event records ordered by event name, then
// by the object's ETag, as the reference test sorts them (the versions of
// one key differ only there).
func recordsByNameAndETag(ctx context.Context, q *sqs.Client, queueURL string, n int) []any {
	recs := eventRecords(ctx, q, queueURL, n)
	sortKey := func(r any) string {
		m, _ := r.(map[string]any)
		obj, _ := m["s3"].(map[string]any)["object"].(map[string]any)
		name, _ := m["eventName"].(string)
		etag, _ := obj["eTag"].(string)
		return name + "\x00" + etag
	}
	sort.SliceStable(recs, func(i, j int) bool { return sortKey(recs[i]) < sortKey(recs[j]) })
	return recs
}

var _ = Describe("S3 notifications to SQS of versioned buckets", func() {
	It("sends version events while versioning is enabled and suspended", harness.Reference(refNotify+"test_object_created_put_versioned"), func(ctx SpecContext) {
		snap := notificationSnapshot()
		motoObjectDivergences(snap)
		snap.Divergence("moto", "$..versionId", "AWS names the version of each event in a versioned bucket (reference message-versioning-active); moto omits it")
		snap.Divergence("moto", "$.DeleteMarker", "AWS answers the removal of a delete marker of a suspended bucket with DeleteMarker and its VersionId (reference del-delete-marker); moto with neither")
		snap.Divergence("moto", "$.VersionId", "AWS answers the removal of a delete marker of a suspended bucket with DeleteMarker and its VersionId (reference del-delete-marker); moto with neither")
		for _, path := range []string{"$[1]", "$[2]", "$[3]"} {
			snap.Divergence("moto", path, "moto sends no ObjectRemoved events for versions and delete markers; AWS sends ObjectRemoved:Delete and ObjectRemoved:DeleteMarkerCreated (reference message-versioning-active and -suspended)")
		}
		c, q := harness.S3(), harness.SQS()
		b := newBucket(ctx, c)
		url, arn := notificationQueue(ctx, q)
		notifyQueue(ctx, c, b, arn, nil, types.EventS3ObjectCreated, types.EventS3ObjectRemoved)
		_, err := c.PutBucketVersioning(ctx, &s3.PutBucketVersioningInput{Bucket: aws.String(b), VersioningConfiguration: enabled})
		Expect(err).NotTo(HaveOccurred())
		const key = "test-key"
		ver1 := put(ctx, c, b, key, "data")
		snap.Match("obj-ver1", ver1)
		snap.Match("obj-ver2", put(ctx, c, b, key, "data-version2"))
		marker, err := c.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: aws.String(b), Key: aws.String(key)})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("delete-marker", marker)
		snap.Match("delete-version", orErr(c.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: aws.String(b), Key: aws.String(key), VersionId: ver1.VersionId})))
		snap.Match("message-versioning-active", recordsByNameAndETag(ctx, q, url, 4))

		_, err = c.PutBucketVersioning(ctx, &s3.PutBucketVersioningInput{Bucket: aws.String(b),
			VersioningConfiguration: &types.VersioningConfiguration{Status: types.BucketVersioningStatusSuspended}})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("add-null-version", put(ctx, c, b, key, "data-version3"))
		snap.Match("del-delete-marker", orErr(c.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: aws.String(b), Key: aws.String(key), VersionId: marker.VersionId})))
		snap.Match("message-versioning-suspended", recordsByNameAndETag(ctx, q, url, 2))
	})
})
