package s3_test

import (
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/parity-harness/parity/harness"
	"github.com/parity-harness/parity/transformers"
)

const refObjectCRUD = refAPI + "TestS3ObjectCRUD::"

// unknownVersionID is a well-formed version id no object has.
const unknownVersionID = "HPniJFCxqTsMuIH9KX8K8wEjNUgmABCD"

// versionListDivergences declares where moto's version listings differ from AWS's.
func versionListDivergences(snap *harness.Session) {
	motoObjectDivergences(snap)
	snap.Divergence("moto", "$.EncodingType", "AWS echoes EncodingType url in version listings (reference recordings); moto omits it")
	snap.Divergence("moto", "$..ChecksumAlgorithm", "AWS lists each version's checksum algorithm (reference recordings); moto omits it")
}

var _ = Describe("S3 object versions and deletes", func() {
	It("deletes versions and delete markers", harness.Reference(refObjectCRUD+"test_delete_object_versioned"), func(ctx SpecContext) {
		snap := harness.Snapshot().Transform(transformers.Path("$.Error.ArgumentValue", "argument-value"))
		c := harness.S3()
		versionListDivergences(snap)
		snap.Divergence("moto", "$.Error", "AWS answers 405 MethodNotAllowed to a GET of a delete marker version, InvalidArgument to a malformed version id (reference test_delete_object_versioned); moto differs")
		snap.Divergence("moto", "$.ResponseMetadata.HTTPStatusCode", "see $.Error")
		snap.Divergence("moto", "$.DeleteMarker", "AWS says DeleteMarker true when a delete marker version is deleted; moto omits it")
		snap.Divergence("moto", "$.VersionId", "moto answers a version id where AWS refuses a malformed one")
		b := versionedBucket(ctx, c)
		key := "test-delete"
		p := put(ctx, c, b, key, "test-delete")
		snap.Match("put-object", p)
		del := func(version *string) any {
			return orErr(c.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: aws.String(b), Key: aws.String(key), VersionId: version}))
		}
		get := func(version *string) any {
			return getBody(c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String(b), Key: aws.String(key), VersionId: version}))
		}
		m1, err := c.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: aws.String(b), Key: aws.String(key)})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("delete-object", m1)
		snap.Match("get-deleted-object", get(nil))
		snap.Match("get-object-with-version", get(p.VersionId))
		snap.Match("get-delete-marker", get(m1.VersionId))
		snap.Match("delete-object-2", del(nil))
		snap.Match("list-object-versions", orErr(c.ListObjectVersions(ctx, &s3.ListObjectVersionsInput{Bucket: aws.String(b), Prefix: aws.String(key), EncodingType: types.EncodingTypeUrl})))
		snap.Match("delete-delete-marker", del(m1.VersionId))
		snap.Match("delete-object-version", del(p.VersionId))
		snap.Match("get-deleted-object-with-version", get(p.VersionId))
		snap.Match("delete-with-bad-version", del(aws.String("wrong-version-id")))
		snap.Match("delete-wrong-key", orErr(c.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: aws.String(b), Key: aws.String("wrong-key")})))
	})

	It("deletes several keys and reports unknown versions", harness.Reference(refObjectCRUD+"test_delete_objects"), func(ctx SpecContext) {
		snap := harness.Snapshot()
		c := harness.S3()
		motoObjectDivergences(snap)
		snap.Divergence("moto", "$.Errors", "AWS reports NoSuchVersion for an unknown version of an unversioned bucket (reference test_delete_objects); moto reports it deleted")
		snap.Divergence("moto", "$.Deleted", "moto reports the unknown version deleted")
		b := newBucket(ctx, c)
		snap.Match("put-object", orErr(putTagged(ctx, c, b, "test-delete", "test-delete", "")))
		ids := func(keys ...string) []types.ObjectIdentifier {
			out := []types.ObjectIdentifier{}
			for _, k := range keys {
				out = append(out, types.ObjectIdentifier{Key: aws.String(k)})
			}
			return out
		}
		snap.Match("delete-object-wrong-version-id", orErr(c.DeleteObjects(ctx, &s3.DeleteObjectsInput{Bucket: aws.String(b), Delete: &types.Delete{
			Objects: []types.ObjectIdentifier{{Key: aws.String("test-delete"), VersionId: aws.String(unknownVersionID)}}}})))
		snap.Match("delete-objects", orErr(c.DeleteObjects(ctx, &s3.DeleteObjectsInput{Bucket: aws.String(b), Delete: &types.Delete{Objects: ids("a-wrong-key", "c-wrong-key", "test-delete")}})))
	})

	It("reads the null version of an unversioned bucket", harness.Reference(refObjectCRUD+"test_get_object_with_version_unversioned_bucket"), func(ctx SpecContext) {
		snap := harness.Snapshot()
		c := harness.S3()
		motoObjectDivergences(snap)
		motoErrsOtherwise(snap, "AWS answers InvalidArgument to a version id no unversioned object has (reference test_get_object_with_version_unversioned_bucket); moto differs")
		b := newBucket(ctx, c)
		snap.Match("put-object", orErr(putTagged(ctx, c, b, "test-version", "test-version", "")))
		get := func(version string) any {
			return getBody(c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String(b), Key: aws.String("test-version"), VersionId: aws.String(version)}))
		}
		snap.Match("get-obj-with-version", get(unknownVersionID))
		snap.Match("get-obj-with-null-version", get("null"))
	})

	It("lists the null versions of an unversioned bucket by key", harness.Reference(refObjectCRUD+"test_list_object_versions_order_unversioned"), func(ctx SpecContext) {
		snap := harness.Snapshot()
		c := harness.S3()
		versionListDivergences(snap)
		b := newBucket(ctx, c)
		list := func() any {
			return orErr(c.ListObjectVersions(ctx, &s3.ListObjectVersionsInput{Bucket: aws.String(b), EncodingType: types.EncodingTypeUrl}))
		}
		snap.Match("list-empty", list())
		for i, k := range []string{"put-object", "put-object-2", "put-object-3"} {
			n := string(rune('1' + i))
			key := string(rune('a'+i)) + "-test-object-" + n
			snap.Match(k, orErr(putTagged(ctx, c, b, key, "test-object-"+n, "")))
		}
		snap.Match("list-object-versions", list())
	})

	It("deletes into the null version of a suspended bucket", harness.Reference(refObjectCRUD+"test_delete_object_on_suspended_bucket"), func(ctx SpecContext) {
		snap := harness.Snapshot()
		c := harness.S3()
		versionListDivergences(snap)
		b := versionedBucket(ctx, c)
		key := "test-delete-suspended"
		snap.Divergence("moto", "$.DeleteMarker", "AWS answers DeleteMarker true and version null to a delete in a suspended bucket (reference test_delete_object_on_suspended_bucket); moto omits both")
		snap.Divergence("moto", "$.VersionId", "AWS answers version null to a delete in a suspended bucket; moto omits it")
		snap.Divergence("moto", "$.Versions", "moto lists no versions of a key deleted in a suspended bucket; AWS lists the older versions and the null delete marker (reference test_delete_object_on_suspended_bucket)")
		snap.Divergence("moto", "$.DeleteMarkers", "moto lists no delete marker for a delete in a suspended bucket (reference test_delete_object_on_suspended_bucket)")
		for i := range 2 {
			n := string(rune('0' + i))
			snap.Match("put-object-"+n, orErr(putTagged(ctx, c, b, key, "test-version-"+n, "")))
		}
		_, err := c.PutBucketVersioning(ctx, &s3.PutBucketVersioningInput{Bucket: aws.String(b), VersioningConfiguration: &types.VersioningConfiguration{Status: types.BucketVersioningStatusSuspended}})
		Expect(err).NotTo(HaveOccurred())
		list := func() any {
			return orErr(c.ListObjectVersions(ctx, &s3.ListObjectVersionsInput{Bucket: aws.String(b), EncodingType: types.EncodingTypeUrl}))
		}
		snap.Match("list-suspended", list())
		snap.Match("delete-object-no-version", deleteKey(ctx, c, b, key))
		snap.Match("list-suspended-delete", list())
		snap.Match("put-object-suspended", orErr(putTagged(ctx, c, b, key, "test-version-suspended-after-delete", "")))
		snap.Match("list-suspended-put", list())
		snap.Match("delete-object-no-version-after-put", deleteKey(ctx, c, b, key))
		snap.Match("list-suspended-after-put", list())
	})

	It("answers whole objects to ranges S3 ignores", harness.Reference(refObjectCRUD+"test_get_object_range"), func(ctx SpecContext) {
		snap := harness.Snapshot()
		c := harness.S3()
		motoObjectDivergences(snap)
		b := newBucket(ctx, c)
		put(ctx, c, b, "test-range", "0123456789")
		motoErrsOtherwise(snap, "moto refuses range headers AWS ignores (reference test_get_object_range)")
		for _, p := range []string{"$.AcceptRanges", "$.Body", "$.ContentLength", "$.ContentType", "$.ETag", "$.LastModified"} {
			snap.Divergence("moto", p, "moto refuses range headers AWS ignores and answers with the whole object (reference test_get_object_range)")
		}
		get := func(rng string, mode types.ChecksumMode) any {
			return getBody(c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String(b), Key: aws.String("test-range"), Range: aws.String(rng), ChecksumMode: mode}))
		}
		for key, rng := range map[string]string{
			"get--": "bytes=-", "get--1-": "bytes=-1-", "get--15": "bytes=-15", "get-0--1": "bytes=0--1", "get-0-100": "bytes=0-100",
			"get-1-0": "bytes=1-0", "get-multiple-ranges": "bytes=0-1,3-4,7-9", "get-wrong-format": "0-8",
		} {
			snap.Match(key, get(rng, ""))
		}
		snap.Match("get-0-8-checksum", get("bytes=0-8", types.ChecksumModeEnabled))
		snap.Match("put-after-failed", put(ctx, c, b, "test-range", "01234567890123456789"))
	})
})
