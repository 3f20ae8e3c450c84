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
	"github.com/parity-harness/parity/transformers"
)

const refWritePreco = refAPI + "TestS3ObjectWritePrecondition::"

// writePreconditionDivergences declares where moto's conditional writes
// differ from AWS's.
func writePreconditionDivergences(snap *harness.Session) {
	motoObjectDivergences(snap)
	snap.Divergence("moto", "$.Location", "the location URL names the endpoint's host")
	snap.Divergence("moto", "$.EncodingType", "AWS echoes EncodingType url in version listings (reference recordings); moto omits it")
	snap.Divergence("moto", "$..ChecksumAlgorithm", "AWS lists each version's checksum algorithm (reference recordings); moto omits it")
	snap.Divergence("moto", "$.VersionId", "moto answers version ids for writes to unversioned buckets too")
	snap.Divergence("moto", "$.CopySourceVersionId", "moto answers a source version id for copies from unversioned buckets too")
	snap.Divergence("moto", "$.ChecksumCRC64NVME", "AWS gives a completed multipart upload without an algorithm a full-object CRC64NVME (reference recordings); moto omits it")
}

// motoCompletesWhatAWSRefuses declares that moto completes uploads whose
// conditions AWS refuses.
func motoCompletesWhatAWSRefuses(snap *harness.Session) {
	for _, p := range []string{"$.Bucket", "$.Key", "$.ETag", "$.ChecksumType"} {
		snap.Divergence("moto", p, "moto completes the upload where AWS refuses its conditions (see $.Error)")
	}
}

// condPut writes body to key with If-Match / If-None-Match.
func condPut(ctx context.Context, c *s3.Client, b, key, body, ifMatch, ifNoneMatch string) any {
	in := &s3.PutObjectInput{Bucket: aws.String(b), Key: aws.String(key), Body: stringsReader(body)}
	if ifMatch != "" {
		in.IfMatch = aws.String(ifMatch)
	}
	if ifNoneMatch != "" {
		in.IfNoneMatch = aws.String(ifNoneMatch)
	}
	return orErr(c.PutObject(ctx, in, noDefaultContentType))
}

// onePartUpload starts a multipart upload of key and uploads one part "test".
func onePartUpload(ctx context.Context, c *s3.Client, b, key string) (*s3.CreateMultipartUploadOutput, types.CompletedPart) {
	up, err := c.CreateMultipartUpload(ctx, &s3.CreateMultipartUploadInput{Bucket: aws.String(b), Key: aws.String(key)})
	Expect(err).NotTo(HaveOccurred())
	part, err := c.UploadPart(ctx, &s3.UploadPartInput{Bucket: aws.String(b), Key: aws.String(key), UploadId: up.UploadId, PartNumber: aws.Int32(1), Body: stringsReader("test")})
	Expect(err).NotTo(HaveOccurred())
	return up, types.CompletedPart{PartNumber: aws.Int32(1), ETag: part.ETag}
}

func condComplete(ctx context.Context, c *s3.Client, b, key string, up *s3.CreateMultipartUploadOutput, part types.CompletedPart, ifMatch, ifNoneMatch string) any {
	in := &s3.CompleteMultipartUploadInput{Bucket: aws.String(b), Key: aws.String(key), UploadId: up.UploadId,
		MultipartUpload: &types.CompletedMultipartUpload{Parts: []types.CompletedPart{part}}}
	if ifMatch != "" {
		in.IfMatch = aws.String(ifMatch)
	}
	if ifNoneMatch != "" {
		in.IfNoneMatch = aws.String(ifNoneMatch)
	}
	return orErr(c.CompleteMultipartUpload(ctx, in))
}

func deleteKey(ctx context.Context, c *s3.Client, b, key string) any {
	return orErr(c.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: aws.String(b), Key: aws.String(key)}))
}

func listVersions(ctx context.Context, c *s3.Client, b string) any {
	return orErr(c.ListObjectVersions(ctx, &s3.ListObjectVersionsInput{Bucket: aws.String(b), EncodingType: types.EncodingTypeUrl}))
}

func versionedBucket(ctx context.Context, c *s3.Client) string {
	b := newBucket(ctx, c)
	_, err := c.PutBucketVersioning(ctx, &s3.PutBucketVersioningInput{Bucket: aws.String(b), VersioningConfiguration: enabled})
	Expect(err).NotTo(HaveOccurred())
	return b
}

var _ = Describe("S3 conditional writes", func() {
	const key = "test-precondition"
	names := transformers.Key("Name", "name")

	It("puts only over the matching ETag", harness.Reference(refWritePreco+"test_put_object_if_match"), func(ctx SpecContext) {
		snap := harness.Snapshot()
		c := harness.S3()
		writePreconditionDivergences(snap)
		motoErrsOtherwise(snap, "moto ignores If-Match on PutObject; AWS answers 412, or NoSuchKey for a missing key (reference test_put_object_if_match)")
		b := newBucket(ctx, c)
		p, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(b), Key: aws.String(key), Body: stringsReader("test")}, noDefaultContentType)
		Expect(err).NotTo(HaveOccurred())
		snap.Match("put-obj", p)
		snap.Match("put-obj-if-match-wrong-etag", condPut(ctx, c, b, key, "", `"abcdef"`, ""))
		snap.Match("put-obj-overwrite", condPut(ctx, c, b, key, "", *p.ETag, ""))
		snap.Match("del-obj", deleteKey(ctx, c, b, key))
		snap.Match("put-obj-if-match-key-not-exists", condPut(ctx, c, b, key, "", *p.ETag, ""))
		snap.Match("put-obj-after-del", condPut(ctx, c, b, key, "", "", ""))
	})

	It("validates If-Match values", harness.Reference(refWritePreco+"test_put_object_if_match_validation"), func(ctx SpecContext) {
		snap := harness.Snapshot()
		c := harness.S3()
		writePreconditionDivergences(snap)
		motoErrsOtherwise(snap, "moto ignores If-Match on PutObject; AWS answers NoSuchKey for a missing key and 501 for If-Match * (reference test_put_object_if_match_validation)")
		snap.Divergence("moto", "$.ETag", "moto stores the object AWS refuses to write")
		b := newBucket(ctx, c)
		k := "test-precondition-validation"
		snap.Match("put-obj-if-match-star-value", condPut(ctx, c, b, k, "test", "*", ""))
		snap.Match("put-obj-if-match-bad-value", condPut(ctx, c, b, k, "test", "abcdef", ""))
		snap.Match("put-obj-if-match-bad-value-2", condPut(ctx, c, b, k, "test", `"abcdef"`, ""))
	})

	It("refuses If-Match with If-None-Match", harness.Reference(refWritePreco+"test_put_object_if_match_and_if_none_match_validation"), func(ctx SpecContext) {
		snap := harness.Snapshot()
		c := harness.S3()
		writePreconditionDivergences(snap)
		motoErrsOtherwise(snap, "moto accepts If-Match with If-None-Match; AWS answers 501 NotImplemented (reference test_put_object_if_match_and_if_none_match_validation)")
		snap.Divergence("moto", "$.ETag", "moto stores the object AWS refuses to write")
		b := newBucket(ctx, c)
		snap.Match("put-obj-both-precondition", condPut(ctx, c, b, key, "test", `"abcdef"`, "*"))
	})

	It("puts over the matching ETag of a versioned key", harness.Reference(refWritePreco+"test_put_object_if_match_versioned_bucket"), func(ctx SpecContext) {
		snap := harness.Snapshot().Transform(names)
		c := harness.S3()
		writePreconditionDivergences(snap)
		motoErrsOtherwise(snap, "moto ignores If-Match on PutObject; AWS answers 412, or NoSuchKey behind a delete marker (reference test_put_object_if_match_versioned_bucket)")
		b := versionedBucket(ctx, c)
		p, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(b), Key: aws.String(key), Body: stringsReader("test")}, noDefaultContentType)
		Expect(err).NotTo(HaveOccurred())
		snap.Match("put-obj", p)
		snap.Match("del-obj", deleteKey(ctx, c, b, key))
		snap.Match("put-obj-after-del-exc", condPut(ctx, c, b, key, "test-after-del", *p.ETag, ""))
		p2, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(b), Key: aws.String(key), Body: stringsReader("test-after-del")}, noDefaultContentType)
		Expect(err).NotTo(HaveOccurred())
		snap.Match("put-obj-after-del", p2)
		snap.Match("put-obj-if-none-match-bad-value", condPut(ctx, c, b, key, "test-if-match", `"abcdef"`, ""))
		snap.Match("put-obj-if-match", condPut(ctx, c, b, key, "test-if-match", *p2.ETag, ""))
		snap.Match("list-object-versions", listVersions(ctx, c, b))
	})

	It("puts only a new key with If-None-Match in a versioned bucket", harness.Reference(refWritePreco+"test_put_object_if_none_match_versioned_bucket"), func(ctx SpecContext) {
		snap := harness.Snapshot().Transform(names)
		c := harness.S3()
		writePreconditionDivergences(snap)
		b := versionedBucket(ctx, c)
		snap.Match("put-obj", condPut(ctx, c, b, key, "", "", "*"))
		snap.Match("put-obj-if-none-match", condPut(ctx, c, b, key, "", "", "*"))
		snap.Match("del-obj", deleteKey(ctx, c, b, key))
		snap.Match("put-obj-after-del", condPut(ctx, c, b, key, "", "", "*"))
		snap.Match("list-object-versions", listVersions(ctx, c, b))
	})

	copyTo := func(ctx context.Context, c *s3.Client, b, src, dest, ifMatch, ifNoneMatch string, opts ...func(*s3.CopyObjectInput)) any {
		in := &s3.CopyObjectInput{Bucket: aws.String(b), Key: aws.String(dest), CopySource: aws.String(b + "/" + src)}
		if ifMatch != "" {
			in.IfMatch = aws.String(ifMatch)
		}
		if ifNoneMatch != "" {
			in.IfNoneMatch = aws.String(ifNoneMatch)
		}
		for _, o := range opts {
			o(in)
		}
		return orErr(c.CopyObject(ctx, in))
	}

	It("copies over the matching destination ETag", harness.Reference(refWritePreco+"test_copy_object_if_match"), func(ctx SpecContext) {
		snap := harness.Snapshot()
		c := harness.S3()
		writePreconditionDivergences(snap)
		motoErrsOtherwise(snap, "moto ignores If-Match on CopyObject; AWS answers 412, or NoSuchKey for a missing destination (reference test_copy_object_if_match)")
		snap.Divergence("moto", "$.CopyObjectResult", "moto copies where AWS refuses")
		b := newBucket(ctx, c)
		put(ctx, c, b, "source-object", "source content")
		dest := put(ctx, c, b, "dest-object", "initial content")
		snap.Match("copy-obj-if-match-fail-no-object", copyTo(ctx, c, b, "source-object", "non-existent-key", *dest.ETag, ""))
		snap.Match("copy-obj-if-match-fail-wrong-etag", copyTo(ctx, c, b, "source-object", "dest-object", `"abcdef"`, ""))
		snap.Match("copy-obj-if-match", copyTo(ctx, c, b, "source-object", "dest-object", *dest.ETag, ""))
	})

	It("copies in place over its own ETag", harness.Reference(refWritePreco+"test_copy_object_if_match_in_place"), func(ctx SpecContext) {
		snap := harness.Snapshot()
		c := harness.S3()
		writePreconditionDivergences(snap)
		b := newBucket(ctx, c)
		src := put(ctx, c, b, "source-object", "source content")
		snap.Match("copy-obj-if-match-in-place", copyTo(ctx, c, b, "source-object", "source-object", *src.ETag, "", func(in *s3.CopyObjectInput) {
			in.MetadataDirective = types.MetadataDirectiveReplace
			in.Metadata = map[string]string{"key": "value"}
		}))
	})

	It("copies over the matching ETag of a versioned destination", harness.Reference(refWritePreco+"test_copy_object_if_match_versioned_bucket"), func(ctx SpecContext) {
		snap := harness.Snapshot().Transform(names)
		c := harness.S3()
		writePreconditionDivergences(snap)
		motoErrsOtherwise(snap, "moto ignores If-Match on CopyObject; AWS answers 412, or NoSuchKey behind a delete marker (reference test_copy_object_if_match_versioned_bucket)")
		snap.Divergence("moto", "$.CopyObjectResult", "moto copies where AWS refuses")
		snap.Divergence("moto", "$.Versions", "moto lists a key's versions oldest first; AWS newest first (reference list-object-versions)")
		snap.Transform(transformers.Key("CopySourceVersionId", "version-id"))
		b := versionedBucket(ctx, c)
		first, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(b), Key: aws.String("dest-object"), Body: stringsReader("initial content")}, noDefaultContentType)
		Expect(err).NotTo(HaveOccurred())
		snap.Match("put-obj", first)
		snap.Match("del-obj", deleteKey(ctx, c, b, "dest-object"))
		put(ctx, c, b, "source-object", "source content")
		snap.Match("copy-obj-after-del-exc", copyTo(ctx, c, b, "source-object", "dest-object", *first.ETag, ""))
		again, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(b), Key: aws.String("dest-object"), Body: stringsReader("new content after delete")}, noDefaultContentType)
		Expect(err).NotTo(HaveOccurred())
		snap.Match("put-obj-after-del", orErr(again, err))
		snap.Match("copy-obj-if-match-wrong-etag", copyTo(ctx, c, b, "source-object", "dest-object", `"abcdef"`, ""))
		snap.Match("copy-obj-if-match", copyTo(ctx, c, b, "source-object", "dest-object", *again.ETag, ""))
		snap.Match("list-object-versions", listVersions(ctx, c, b))
	})

	It("copies only to a new key with If-None-Match", harness.Reference(refWritePreco+"test_copy_object_if_none_match"), func(ctx SpecContext) {
		snap := harness.Snapshot()
		c := harness.S3()
		writePreconditionDivergences(snap)
		motoErrsOtherwise(snap, "moto ignores If-None-Match on CopyObject; AWS answers 412 (reference test_copy_object_if_none_match)")
		snap.Divergence("moto", "$.CopyObjectResult", "moto copies where AWS refuses")
		b := newBucket(ctx, c)
		put(ctx, c, b, "source-object", "source content")
		snap.Match("copy-obj", copyTo(ctx, c, b, "source-object", "dest-object", "", "*"))
		snap.Match("copy-obj-if-none-match-fail", copyTo(ctx, c, b, "source-object", "dest-object", "", "*"))
	})

	It("completes uploads over the matching ETag", harness.Reference(refWritePreco+"test_multipart_if_match_etag"), func(ctx SpecContext) {
		snap := harness.Snapshot()
		c := harness.S3()
		writePreconditionDivergences(snap)
		motoErrsOtherwise(snap, "moto ignores If-Match on CompleteMultipartUpload; AWS answers 412 (reference test_multipart_if_match_etag)")
		motoCompletesWhatAWSRefuses(snap)
		b := newBucket(ctx, c)
		p, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(b), Key: aws.String(key), Body: stringsReader("test")}, noDefaultContentType)
		Expect(err).NotTo(HaveOccurred())
		snap.Match("put-obj", p)
		up, part := onePartUpload(ctx, c, b, key)
		snap.Match("create-multipart", up)
		done, err := c.CompleteMultipartUpload(ctx, &s3.CompleteMultipartUploadInput{Bucket: aws.String(b), Key: aws.String(key), UploadId: up.UploadId, IfMatch: p.ETag,
			MultipartUpload: &types.CompletedMultipartUpload{Parts: []types.CompletedPart{part}}})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("complete-multipart-if-match", done)
		up2, part2 := onePartUpload(ctx, c, b, key)
		snap.Match("create-multipart-overwrite", up2)
		snap.Match("complete-multipart-if-match-true-etag", condComplete(ctx, c, b, key, up2, part2, *p.ETag, ""))
		snap.Match("complete-multipart-if-match-overwrite-multipart", condComplete(ctx, c, b, key, up2, part2, *done.ETag, ""))
	})

	It("refuses to complete over a key written during the upload", harness.Reference(refWritePreco+"test_multipart_if_match_with_put"), func(ctx SpecContext) {
		snap := harness.Snapshot()
		c := harness.S3()
		writePreconditionDivergences(snap)
		motoErrsOtherwise(snap, "moto ignores If-Match on CompleteMultipartUpload; AWS answers 409 ConditionalRequestConflict when the key changed during the upload, 412 for another ETag (reference test_multipart_if_match_with_put)")
		motoCompletesWhatAWSRefuses(snap)
		b := newBucket(ctx, c)
		p, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(b), Key: aws.String(key), Body: stringsReader("test")}, noDefaultContentType)
		Expect(err).NotTo(HaveOccurred())
		snap.Match("put-obj", p)
		up, part := onePartUpload(ctx, c, b, key)
		snap.Match("create-multipart", up)
		during, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(b), Key: aws.String(key), Body: stringsReader("test2")}, noDefaultContentType)
		Expect(err).NotTo(HaveOccurred())
		snap.Match("put-obj-during", during)
		snap.Match("complete-multipart-if-match-put-during", condComplete(ctx, c, b, key, up, part, *p.ETag, ""))
		up2, part2 := onePartUpload(ctx, c, b, key)
		snap.Match("create-multipart-again", up2)
		snap.Match("complete-multipart-if-match-put-before", condComplete(ctx, c, b, key, up2, part2, *p.ETag, ""))
		snap.Match("complete-multipart-if-match-put-before-restart", condComplete(ctx, c, b, key, up2, part2, *during.ETag, ""))
	})

	It("refuses to complete over an identical rewrite during the upload", harness.Reference(refWritePreco+"test_multipart_if_match_with_put_identical"), func(ctx SpecContext) {
		snap := harness.Snapshot()
		c := harness.S3()
		writePreconditionDivergences(snap)
		motoErrsOtherwise(snap, "moto ignores If-Match on CompleteMultipartUpload; AWS answers 409 ConditionalRequestConflict when the key was written during the upload (reference test_multipart_if_match_with_put_identical)")
		motoCompletesWhatAWSRefuses(snap)
		b := newBucket(ctx, c)
		p, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(b), Key: aws.String(key), Body: stringsReader("test")}, noDefaultContentType)
		Expect(err).NotTo(HaveOccurred())
		snap.Match("put-obj", p)
		up, part := onePartUpload(ctx, c, b, key)
		snap.Match("create-multipart", up)
		snap.Match("put-obj-during", condPut(ctx, c, b, key, "test", "", ""))
		snap.Match("complete-multipart-if-match-put-during", condComplete(ctx, c, b, key, up, part, *p.ETag, ""))
		up2, part2 := onePartUpload(ctx, c, b, key)
		snap.Match("create-multipart-again", up2)
		snap.Match("complete-multipart-if-match-put-before-restart", condComplete(ctx, c, b, key, up2, part2, *p.ETag, ""))
	})

	It("refuses to complete over a key deleted during the upload", harness.Reference(refWritePreco+"test_multipart_if_match_with_delete"), func(ctx SpecContext) {
		snap := harness.Snapshot()
		c := harness.S3()
		writePreconditionDivergences(snap)
		motoErrsOtherwise(snap, "moto ignores If-Match on CompleteMultipartUpload; AWS answers NoSuchKey, then 409 ConditionalRequestConflict (reference test_multipart_if_match_with_delete)")
		motoCompletesWhatAWSRefuses(snap)
		b := newBucket(ctx, c)
		p, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(b), Key: aws.String(key), Body: stringsReader("test")}, noDefaultContentType)
		Expect(err).NotTo(HaveOccurred())
		snap.Match("put-obj", p)
		up, part := onePartUpload(ctx, c, b, key)
		snap.Match("create-multipart", up)
		snap.Match("del-obj", deleteKey(ctx, c, b, key))
		snap.Match("complete-multipart-after-del", condComplete(ctx, c, b, key, up, part, *p.ETag, ""))
		snap.Match("put-obj-2", condPut(ctx, c, b, key, "test", "", ""))
		snap.Match("complete-multipart-if-match-after-put", condComplete(ctx, c, b, key, up, part, *p.ETag, ""))
	})

	It("completes with If-None-Match only over no key", harness.Reference(refWritePreco+"test_multipart_if_none_match_with_delete"), func(ctx SpecContext) {
		snap := harness.Snapshot()
		c := harness.S3()
		writePreconditionDivergences(snap)
		motoErrsOtherwise(snap, "moto answers 409 ConditionalRequestConflict only where AWS does not (reference test_multipart_if_none_match_with_delete)")
		motoCompletesWhatAWSRefuses(snap)
		b := newBucket(ctx, c)
		snap.Match("put-obj", condPut(ctx, c, b, key, "", "", ""))
		up, part := onePartUpload(ctx, c, b, key)
		snap.Match("create-multipart", up)
		snap.Match("complete-multipart-if-none-match", condComplete(ctx, c, b, key, up, part, "", "*"))
		snap.Match("del-obj", deleteKey(ctx, c, b, key))
		snap.Match("complete-multipart-after-del", condComplete(ctx, c, b, key, up, part, "", "*"))
		up2, part2 := onePartUpload(ctx, c, b, key)
		snap.Match("complete-multipart-after-del-restart", condComplete(ctx, c, b, key, up2, part2, "", "*"))
	})

	It("refuses to complete with If-None-Match over a key written during the upload", harness.Reference(refWritePreco+"test_multipart_if_none_match_with_put"), func(ctx SpecContext) {
		snap := harness.Snapshot()
		c := harness.S3()
		writePreconditionDivergences(snap)
		b := newBucket(ctx, c)
		up, part := onePartUpload(ctx, c, b, key)
		snap.Match("create-multipart", up)
		snap.Match("put-obj", condPut(ctx, c, b, key, "", "", ""))
		snap.Match("complete-multipart-if-none-match-put-during", condComplete(ctx, c, b, key, up, part, "", "*"))
	})

	It("deletes only the matching ETag", harness.Reference(refAPI+"TestS3DeletePrecondition::test_delete_object_if_match_non_express"), func(ctx SpecContext) {
		snap := harness.Snapshot()
		c := harness.S3()
		motoErrsOtherwise(snap, "moto ignores If-Match on DeleteObject; AWS answers 412 (reference test_delete_object_if_match_non_express)")
		b := newBucket(ctx, c)
		put(ctx, c, b, key, "test")
		snap.Match("delete-obj-if-match", orErr(c.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: aws.String(b), Key: aws.String(key), IfMatch: aws.String(`"abcdef"`)})))
	})

	It("refuses last-modified delete conditions outside directory buckets", harness.Reference(refAPI+"TestS3DeletePrecondition::test_delete_object_if_match_modified_non_express"), func(ctx SpecContext) {
		snap := harness.Snapshot()
		c := harness.S3()
		motoErrsOtherwise(snap, "moto ignores x-amz-if-match-last-modified-time; AWS answers 501 NotImplemented outside directory buckets (reference test_delete_object_if_match_modified_non_express)")
		b := newBucket(ctx, c)
		put(ctx, c, b, key, "test")
		snap.Match("delete-obj-if-match-last-modified", orErr(c.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: aws.String(b), Key: aws.String(key),
			IfMatchLastModifiedTime: aws.Time(time.Now().Add(-time.Hour).UTC().Truncate(time.Second))})))
	})
})
