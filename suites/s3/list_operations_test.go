package s3_test

import (
	"context"
	"net/http"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/aws/smithy-go/middleware"
	smithyhttp "github.com/aws/smithy-go/transport/http"
	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/parity-harness/parity/harness"
	"github.com/parity-harness/parity/transformers"
)

// The reference recordings' object bodies for these listings are not
// recorded; where the ETags depend on them they are not compared.
const unrecordedBodies = "the reference test's object bodies are not part of its recording, so the ETags they give cannot be reproduced"

// withQuery sets raw query parameters on a request, for values the SDK
// would not send (an empty encoding-type or max-parts, as boto3 sends them).
func withQuery(params map[string]string) func(*s3.Options) {
	return func(o *s3.Options) {
		o.APIOptions = append(o.APIOptions, func(stack *middleware.Stack) error {
			return stack.Build.Add(middleware.BuildMiddlewareFunc("parityRawQuery",
				func(ctx context.Context, in middleware.BuildInput, next middleware.BuildHandler) (middleware.BuildOutput, middleware.Metadata, error) {
					if req, ok := in.Request.(*smithyhttp.Request); ok {
						q := req.URL.Query()
						for k, v := range params {
							q.Set(k, v)
						}
						req.URL.RawQuery = q.Encode()
					}
					return next.HandleBuild(ctx, in)
				}), middleware.Before)
		})
	}
}

// rawListing sends a signed listing request without encoding-type, which
// the SDK would add, and parses its body as the reference tests do: the
// XML document without the namespace of its root element.
func rawListing(ctx context.Context, bucket, query string) map[string]any {
	resp := signedRequest(ctx, harness.Region(), http.MethodGet, "/"+bucket+"?"+query, nil, nil)
	doc := xmlDoc(readBody(resp))
	Expect(resp.StatusCode).To(Equal(http.StatusOK), "%v", doc)
	for _, root := range doc {
		if m, ok := root.(map[string]any); ok {
			delete(m, "@xmlns")
		}
	}
	return doc
}

// folderKeys are the keys of the common-prefix pagination references.
var folderKeys = []string{"folder/aSubfolder/subFile1", "folder/aSubfolder/subFile2", "folder/file1", "folder/file2"}

func versioned(ctx context.Context, c *s3.Client, b string) {
	_, err := c.PutBucketVersioning(ctx, &s3.PutBucketVersioningInput{Bucket: aws.String(b), VersioningConfiguration: enabled})
	Expect(err).NotTo(HaveOccurred())
}

// listDivergences declares moto's listing differences from AWS.
func listDivergences(snap *harness.Session) {
	motoObjectDivergences(snap)
	snap.Divergence("moto", "$..ChecksumAlgorithm", "AWS lists each object's checksum algorithm (reference recordings: [CRC32]); moto omits it")
	snap.Divergence("moto", "$.EncodingType", "AWS echoes EncodingType url (reference recordings); moto omits it")
	snap.Divergence("moto", "$.Marker", "AWS echoes an empty Marker (reference recordings); moto omits it")
	snap.Divergence("moto", "$.Prefix", "AWS echoes an empty Prefix (reference recordings); moto omits it")
	snap.Divergence("moto", "$.ContinuationToken", "AWS echoes the continuation token given (reference recordings); moto omits it")
	for _, path := range []string{"$.NextKeyMarker", "$.NextVersionIdMarker", "$.NextMarker", "$.IsTruncated", "$.KeyCount", "$.Versions", "$.DeleteMarkers", "$.CommonPrefixes", "$.Contents", "$.Uploads", "$.Delimiter", "$.MaxUploads", "$.KeyMarker", "$.VersionIdMarker", "$.MaxKeys", "$.Name"} {
		snap.Divergence("moto", path, "moto pages listings with markers, delimiters and common prefixes differently from AWS (this spec's reference recording shows AWS's pages)")
	}
}

var _ = Describe("S3 list operations", func() {
	It("lists buckets by a case-sensitive prefix", harness.Reference(refList+"TestS3ListBuckets::test_list_buckets_by_prefix_with_case_sensitivity"), func(ctx SpecContext) {
		snap := harness.Snapshot()
		c := harness.S3()
		b := newBucket(ctx, c)
		snap.Divergence("moto", "$.Prefix", "AWS echoes the Prefix of ListBuckets (reference recording); moto omits it")
		snap.Divergence("moto", "$.Buckets", "moto ignores the Prefix of ListBuckets and lists every bucket")
		snap.Divergence("moto", "$..BucketArn", "AWS lists each bucket's ARN (reference recording); moto omits it")
		snap.Divergence("moto", "$..BucketRegion", "AWS lists each bucket's region (reference recording); moto omits it")
		snap.Divergence("moto", "$.Owner", "moto reports an owner display name")
		out, err := c.ListBuckets(ctx, &s3.ListBucketsInput{Prefix: aws.String(strings.ToUpper(b))})
		Expect(err).NotTo(HaveOccurred())
		snap.Transform(transformers.Reference("prefix", strings.ToUpper(b)))
		snap.Match("list-objects-by-prefix-empty", out)
		out, err = c.ListBuckets(ctx, &s3.ListBucketsInput{Prefix: aws.String(b)})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("list-objects-by-prefix-not-empty", out)
	})

	It("validates the bucket region of ListBuckets", harness.Reference(refList+"TestS3ListBuckets::test_list_buckets_region_validation"), func(ctx SpecContext) {
		snap := harness.Snapshot()
		c := harness.S3()
		out, err := c.ListBuckets(ctx, &s3.ListBucketsInput{BucketRegion: aws.String("eu-east-1")})
		snap.Divergence("moto", "$.Error", "AWS rejects an unknown BucketRegion (reference recording bad-region); moto ignores it")
		snap.Divergence("moto", "$.ResponseMetadata.HTTPStatusCode", "AWS answers 400 to an unknown BucketRegion; moto 200")
		snap.Divergence("moto", "$.Buckets", "moto lists buckets for an unknown region")
		snap.Divergence("moto", "$.Owner", "moto lists buckets for an unknown region")
		snap.Match("bad-region", orErr(out, err))
	})

	It("lists buckets with an empty continuation token", harness.Reference(refList+"TestS3ListBuckets::test_list_buckets_when_continuation_token_is_empty"), func(ctx SpecContext) {
		snap := harness.Snapshot()
		c := harness.S3()
		newBucket(ctx, c)
		newBucket(ctx, c)
		out, err := c.ListBuckets(ctx, &s3.ListBucketsInput{ContinuationToken: aws.String(""), MaxBuckets: aws.Int32(1)})
		Expect(err).NotTo(HaveOccurred())
		snap.SkipVerify("$.Buckets[0].Name", "the account holds other buckets that may sort first")
		snap.SkipVerify("$.Buckets[0].BucketArn", "the account holds other buckets that may sort first")
		snap.Divergence("moto", "$..BucketArn", "AWS lists each bucket's ARN (reference recording); moto omits it")
		snap.Divergence("moto", "$..BucketRegion", "AWS lists each bucket's region (reference recording); moto omits it")
		snap.Divergence("moto", "$.Owner", "moto reports an owner display name")
		snap.Divergence("moto", "$.ContinuationToken", "moto does not page ListBuckets")
		snap.Divergence("moto", "$.Buckets", "moto does not page ListBuckets")
		snap.Match("list-objects-with-empty-continuation-token", out)
	})

	It("pages multipart uploads over common prefixes", harness.Reference(refList+"TestS3ListMultipartUploads::test_list_multipart_uploads_marker_common_prefixes"), func(ctx SpecContext) {
		snap := harness.Snapshot()
		c := harness.S3()
		listDivergences(snap)
		b := newBucket(ctx, c)
		for _, k := range folderKeys {
			_, err := c.CreateMultipartUpload(ctx, &s3.CreateMultipartUploadInput{Bucket: aws.String(b), Key: aws.String(k)})
			Expect(err).NotTo(HaveOccurred())
		}
		snap.SkipVerify("$..Initiator", "the reference recording scrubs the initiator to fixed words")
		snap.SkipVerify("$..Uploads[*].Owner", "the reference recording scrubs the owner to fixed words")
		snap.Divergence("moto", "$.NextKeyMarker", "AWS answers empty next markers when a page ends on a common prefix (reference list-multiparts-start); moto names the last key")
		snap.Divergence("moto", "$.NextUploadIdMarker", "AWS answers empty next markers when a page ends on a common prefix (reference list-multiparts-start)")
		snap.Divergence("moto", "$.CommonPrefixes", "moto does not roll uploads up into common prefixes")
		snap.Divergence("moto", "$.Uploads", "moto does not roll uploads up into common prefixes")
		snap.Divergence("moto", "$.IsTruncated", "moto does not roll uploads up into common prefixes")
		list := func(marker string) (*s3.ListMultipartUploadsOutput, error) {
			return c.ListMultipartUploads(ctx, &s3.ListMultipartUploadsInput{Bucket: aws.String(b), Prefix: aws.String("folder/"), Delimiter: aws.String("/"),
				MaxUploads: aws.Int32(1), KeyMarker: aws.String(marker)})
		}
		snap.Match("list-multiparts-start", orErr(list("")))
		snap.Match("list-multiparts-manual-prefix", orErr(list("folder/aSubfolder/")))
		snap.Match("list-multiparts-manual-first-file", orErr(list("folder/aSubfolder/subFile1")))
	})

	It("pages object versions over common prefixes", harness.Reference(refList+"TestS3ListObjectVersions::test_list_object_versions_pagination_common_prefixes"), func(ctx SpecContext) {
		snap := harness.Snapshot()
		c := harness.S3()
		listDivergences(snap)
		b := newBucket(ctx, c)
		versioned(ctx, c, b)
		for _, k := range folderKeys {
			put(ctx, c, b, k, "content 123")
		}
		all, err := c.ListObjectVersions(ctx, &s3.ListObjectVersionsInput{Bucket: aws.String(b), EncodingType: types.EncodingTypeUrl})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("list-object-versions-all-keys", all)
		list := func(marker string) (*s3.ListObjectVersionsOutput, error) {
			return c.ListObjectVersions(ctx, &s3.ListObjectVersionsInput{Bucket: aws.String(b), Prefix: aws.String("folder/"), Delimiter: aws.String("/"),
				MaxKeys: aws.Int32(1), KeyMarker: aws.String(marker), EncodingType: types.EncodingTypeUrl})
		}
		start, err := list("")
		Expect(err).NotTo(HaveOccurred())
		snap.Match("list-object-versions-start", start)
		next, err := list(aws.ToString(start.NextKeyMarker))
		snap.Match("list-object-versions-next-1", orErr(next, err))
		snap.Match("list-object-versions-manual-first-file", orErr(list("folder/aSubfolder/subFile1")))
		snap.Match("list-object-versions-end", orErr(list("folder/file1")))
	})

	It("pages object versions by key and version markers", harness.Reference(refList+"TestS3ListObjectVersions::test_list_objects_versions_markers"), func(ctx SpecContext) {
		snap := harness.Snapshot()
		c := harness.S3()
		listDivergences(snap)
		b := newBucket(ctx, c)
		versioned(ctx, c, b)
		var order []any
		record := func(id *string) { order = append(order, map[string]any{"VersionId": aws.ToString(id)}) }
		for _, k := range []string{"test_0", "test_1", "test_2"} {
			record(put(ctx, c, b, k, "version 1").VersionId)
		}
		record(put(ctx, c, b, "test_2", "version 2").VersionId)
		for _, k := range []string{"test_0", "test_1", "test_2"} {
			del, err := c.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: aws.String(b), Key: aws.String(k)})
			Expect(err).NotTo(HaveOccurred())
			record(del.VersionId)
		}
		for _, k := range []string{"test_0", "test_1"} {
			record(put(ctx, c, b, k, "version 2").VersionId)
		}
		snap.Match("version-order", map[string]any{"Versions": order})
		list := func(max int32, keyMarker, versionMarker *string) (*s3.ListObjectVersionsOutput, error) {
			in := &s3.ListObjectVersionsInput{Bucket: aws.String(b), KeyMarker: keyMarker, VersionIdMarker: versionMarker, EncodingType: types.EncodingTypeUrl}
			if max > 0 {
				in.MaxKeys = aws.Int32(max)
			}
			return c.ListObjectVersions(ctx, in)
		}
		snap.Match("list-objects-versions-all", orErr(list(0, nil, nil)))
		page, err := list(5, nil, nil)
		Expect(err).NotTo(HaveOccurred())
		snap.Match("list-objects-versions-5", page)
		snap.Match("list-objects-next-key-only", orErr(list(1, page.NextKeyMarker, nil)))
		snap.Match("list-objects-both-markers", orErr(list(1, page.NextKeyMarker, page.NextVersionIdMarker)))
		snap.Divergence("moto", "$.Error", "AWS rejects a version-id marker without a key marker (reference list-objects-next-version-only); moto lists")
		snap.Divergence("moto", "$.ResponseMetadata.HTTPStatusCode", "AWS answers 400 to a version-id marker without a key marker; moto 200")
		snap.Match("list-objects-next-version-only", orErr(list(1, nil, page.NextVersionIdMarker)))
		snap.Match("list-objects-next-key-last", orErr(list(1, aws.String("test_2"), nil)))
		v4 := order[3].(map[string]any)["VersionId"].(string)
		snap.Match("list-objects-last-key-last-version", orErr(list(1, aws.String("test_2"), aws.String(v4))))
		snap.Match("list-objects-next-key-empty", orErr(list(1, aws.String(""), nil)))
	})

	It("lists object versions by prefix and delimiter", harness.Reference(refList+"TestS3ListObjectVersions::test_list_objects_versions_with_prefix"), func(ctx SpecContext) {
		snap := harness.Snapshot()
		c := harness.S3()
		listDivergences(snap)
		snap.SkipVerify("$..ETag", unrecordedBodies)
		b := newBucket(ctx, c)
		versioned(ctx, c, b)
		for _, k := range []string{"dir/test", "dir/subdir/test2"} {
			put(ctx, c, b, k, "version 1 body.")
			put(ctx, c, b, k, "version 2 body.")
		}
		list := func(prefix string) (*s3.ListObjectVersionsOutput, error) {
			return c.ListObjectVersions(ctx, &s3.ListObjectVersionsInput{Bucket: aws.String(b), Prefix: aws.String(prefix), Delimiter: aws.String("/"), EncodingType: types.EncodingTypeUrl})
		}
		for i, prefix := range []string{"dir/", "dir/s", "dir/test", "dir/subdir", "dir/subdir/", "dir/subdir/test2"} {
			snap.Match("list-object-version-"+string(rune('1'+i)), orErr(list(prefix)))
		}
		snap.Match("list-objects-versions-no-encoding", rawListing(ctx, b, "versions&prefix=dir/subdir&delimiter=/"))
	})

	It("pages object versions of one prefix", harness.Reference(refList+"TestS3ListObjectVersions::test_list_objects_versions_with_prefix_only_and_pagination"), func(ctx SpecContext) {
		snap := harness.Snapshot()
		c := harness.S3()
		listDivergences(snap)
		b := newBucket(ctx, c)
		versioned(ctx, c, b)
		put(ctx, c, b, "other_key", "")
		for range 5 {
			put(ctx, c, b, "prefixed_key", "")
		}
		list := func(max int32, keyMarker, versionMarker *string) (*s3.ListObjectVersionsOutput, error) {
			in := &s3.ListObjectVersionsInput{Bucket: aws.String(b), Prefix: aws.String("prefix"), KeyMarker: keyMarker, VersionIdMarker: versionMarker, EncodingType: types.EncodingTypeUrl}
			if max > 0 {
				in.MaxKeys = aws.Int32(max)
			}
			return c.ListObjectVersions(ctx, in)
		}
		snap.Match("list-object-version-prefix-full", orErr(list(0, nil, nil)))
		page, err := list(3, nil, nil)
		Expect(err).NotTo(HaveOccurred())
		snap.Match("list-object-version-prefix-page-1", page)
		snap.Match("list-object-version-prefix-page-2", orErr(list(5, page.NextKeyMarker, page.NextVersionIdMarker)))
		snap.Match("list-object-version-prefix-key-marker-only", orErr(list(4, page.NextKeyMarker, nil)))
		// the version-id marker names a version deleted since: the listing
		// still starts after where it was
		for _, v := range page.Versions {
			_, err := c.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: aws.String(b), Key: v.Key, VersionId: v.VersionId})
			Expect(err).NotTo(HaveOccurred())
		}
		snap.Match("list-object-version-prefix-page-2-after-delete", orErr(list(5, page.NextKeyMarker, page.NextVersionIdMarker)))
	})

	It("pages objects over common prefixes with markers", harness.Reference(refList+"TestS3ListObjects::test_list_objects_marker_common_prefixes"), func(ctx SpecContext) {
		snap := harness.Snapshot()
		c := harness.S3()
		listDivergences(snap)
		b := newBucket(ctx, c)
		for _, k := range folderKeys {
			put(ctx, c, b, k, "content 123")
		}
		snap.Match("list-objects-all-keys", orErr(c.ListObjects(ctx, &s3.ListObjectsInput{Bucket: aws.String(b), EncodingType: types.EncodingTypeUrl})))
		list := func(marker string) (*s3.ListObjectsOutput, error) {
			return c.ListObjects(ctx, &s3.ListObjectsInput{Bucket: aws.String(b), Prefix: aws.String("folder/"), Delimiter: aws.String("/"),
				MaxKeys: aws.Int32(1), Marker: aws.String(marker), EncodingType: types.EncodingTypeUrl})
		}
		start, err := list("")
		Expect(err).NotTo(HaveOccurred())
		snap.Match("list-objects-start", start)
		snap.Match("list-objects-next-1", orErr(list(aws.ToString(start.NextMarker))))
		snap.Match("list-objects-manual-first-file", orErr(list("folder/aSubfolder/subFile1")))
		snap.Match("list-objects-end", orErr(list("folder/file1")))
	})

	It("answers NextMarker only with a delimiter", harness.Reference(refList+"TestS3ListObjects::test_list_objects_next_marker"), func(ctx SpecContext) {
		snap := harness.Snapshot()
		c := harness.S3()
		listDivergences(snap)
		b := newBucket(ctx, c)
		for range 3 {
			put(ctx, c, b, harness.UniqueName("key"), "content 123")
		}
		list := func(in s3.ListObjectsInput) (*s3.ListObjectsOutput, error) {
			in.Bucket, in.EncodingType = aws.String(b), types.EncodingTypeUrl
			return c.ListObjects(ctx, &in)
		}
		snap.Match("list-objects-all", orErr(list(s3.ListObjectsInput{})))
		first, err := list(s3.ListObjectsInput{MaxKeys: aws.Int32(1), Delimiter: aws.String("/")})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("list-objects-max-1", first)
		snap.Match("list-objects-rest", orErr(list(s3.ListObjectsInput{MaxKeys: aws.Int32(1), Marker: first.NextMarker})))
		snap.Match("list-objects-marker-empty", orErr(list(s3.ListObjectsInput{MaxKeys: aws.Int32(1), Marker: aws.String("")})))
	})

	for _, d := range []struct{ id, delimiter string }{{"%2F", "%2F"}, {"/", "/"}, {"", ""}} {
		It("lists objects by prefix with delimiter "+d.id, harness.Reference(refList+"TestS3ListObjects::test_list_objects_with_prefix["+d.id+"]"), func(ctx SpecContext) {
			snap := harness.Snapshot()
			c := harness.S3()
			listDivergences(snap)
			b := newBucket(ctx, c)
			put(ctx, c, b, "test/foo/bar/123", "content 123")
			in := &s3.ListObjectsInput{Bucket: aws.String(b), Prefix: aws.String("test/"), MaxKeys: aws.Int32(1), EncodingType: types.EncodingTypeUrl}
			if d.delimiter != "" {
				in.Delimiter = aws.String(d.delimiter)
			}
			snap.Divergence("moto", "$.Delimiter", "AWS URL-encodes the echoed delimiter under encoding-type url (reference test_list_objects_with_prefix[%2F]: %252F); moto echoes it as sent")
			snap.Match("list-objects", orErr(c.ListObjects(ctx, in)))
			if d.id == "%2F" {
				snap.Divergence("moto", "$.ListBucketResult.Marker", "AWS answers an empty Marker element (reference list-objects-no-encoding); moto omits it")
				snap.Match("list-objects-no-encoding", rawListing(ctx, b, "prefix=test&delimiter=%2F"))
			}
		})
	}

	It("pages objects over common prefixes with continuation tokens", harness.Reference(refList+"TestS3ListObjectsV2::test_list_objects_v2_continuation_common_prefixes"), func(ctx SpecContext) {
		snap := harness.Snapshot()
		c := harness.S3()
		listDivergences(snap)
		b := newBucket(ctx, c)
		for _, k := range folderKeys {
			put(ctx, c, b, k, "content 123")
		}
		snap.Match("list-objects-v2-all-keys", orErr(c.ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: aws.String(b), EncodingType: types.EncodingTypeUrl})))
		list := func(token *string) (*s3.ListObjectsV2Output, error) {
			return c.ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: aws.String(b), Prefix: aws.String("folder/"), Delimiter: aws.String("/"),
				MaxKeys: aws.Int32(1), ContinuationToken: token, EncodingType: types.EncodingTypeUrl})
		}
		start, err := list(nil)
		Expect(err).NotTo(HaveOccurred())
		snap.Match("list-objects-v2-start", start)
		next, err := list(start.NextContinuationToken)
		Expect(err).NotTo(HaveOccurred())
		snap.Match("list-objects-v2-next-1", next)
		snap.Match("list-objects-v2-end", orErr(list(next.NextContinuationToken)))
	})

	It("pages objects with continuation tokens and start-after", harness.Reference(refList+"TestS3ListObjectsV2::test_list_objects_v2_continuation_start_after"), func(ctx SpecContext) {
		snap := harness.Snapshot()
		c := harness.S3()
		listDivergences(snap)
		b := newBucket(ctx, c)
		for i := range 12 {
			put(ctx, c, b, "test_"+itoa(i), "content 123")
		}
		list := func(in s3.ListObjectsV2Input) (*s3.ListObjectsV2Output, error) {
			in.Bucket, in.EncodingType = aws.String(b), types.EncodingTypeUrl
			return c.ListObjectsV2(ctx, &in)
		}
		first, err := list(s3.ListObjectsV2Input{MaxKeys: aws.Int32(5)})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("list-objects-v2-max-5", first)
		snap.Match("list-objects-v2-rest", orErr(list(s3.ListObjectsV2Input{ContinuationToken: first.NextContinuationToken})))
		snap.Match("list-objects-start-after", orErr(list(s3.ListObjectsV2Input{StartAfter: aws.String("test_7"), MaxKeys: aws.Int32(2)})))
		snap.Divergence("moto", "$.StartAfter", "AWS does not echo StartAfter when a continuation token is given (reference list-objects-start-after-token)")
		snap.Match("list-objects-start-after-token", orErr(list(s3.ListObjectsV2Input{StartAfter: aws.String("test_7"), ContinuationToken: first.NextContinuationToken})))
		snap.Divergence("moto", "$.Error", "AWS answers InvalidArgument naming continuation-token to a bad token (reference exc-continuation-token); moto answers otherwise")
		snap.Divergence("moto", "$.ResponseMetadata.HTTPStatusCode", "AWS answers 400 to a bad continuation token (reference exc-continuation-token)")
		snap.Match("exc-continuation-token", orErr(list(s3.ListObjectsV2Input{ContinuationToken: aws.String("blah")})))
	})

	It("lists objects v2 by prefix", harness.Reference(refList+"TestS3ListObjectsV2::test_list_objects_v2_with_prefix"), func(ctx SpecContext) {
		snap := harness.Snapshot()
		c := harness.S3()
		listDivergences(snap)
		b := newBucket(ctx, c)
		for _, k := range []string{"test/foo/bar/123", "test/foo/bar/456", "test/bar/foo/123"} {
			put(ctx, c, b, k, "content 123")
		}
		for i, prefix := range []string{"test/", "test/foo", "test/foo/bar"} {
			snap.Match("list-objects-v2-"+itoa(i+1), orErr(c.ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: aws.String(b), Prefix: aws.String(prefix), EncodingType: types.EncodingTypeUrl})))
		}
		snap.Match("list-objects-v2-no-encoding", rawListing(ctx, b, "list-type=2&prefix=test/foo"))
	})

	for _, op := range []string{"list_objects", "list_objects_v2", "list_object_versions", "list_multipart_uploads"} {
		It("validates the encoding type of "+op, harness.Reference(refList+"TestS3ListObjectsV2::test_list_ops_encoding_type_validation["+op+"]"), func(ctx SpecContext) {
			snap := harness.Snapshot()
			c := harness.S3()
			b := newBucket(ctx, c)
			call := func(value string) any {
				opt := withQuery(map[string]string{"encoding-type": value})
				switch op {
				case "list_objects":
					return orErr(c.ListObjects(ctx, &s3.ListObjectsInput{Bucket: aws.String(b)}, opt))
				case "list_objects_v2":
					return orErr(c.ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: aws.String(b)}, opt))
				case "list_object_versions":
					return orErr(c.ListObjectVersions(ctx, &s3.ListObjectVersionsInput{Bucket: aws.String(b)}, opt))
				}
				return orErr(c.ListMultipartUploads(ctx, &s3.ListMultipartUploadsInput{Bucket: aws.String(b)}, opt))
			}
			snap.Divergence("moto", "$.Error", "AWS rejects an encoding type other than url (reference test_list_ops_encoding_type_validation); moto ignores it")
			snap.Divergence("moto", "$.ResponseMetadata.HTTPStatusCode", "AWS answers 400 to an invalid encoding type; moto 200")
			for _, path := range []string{"$.Name", "$.Bucket", "$.Prefix", "$.MaxKeys", "$.MaxUploads", "$.IsTruncated", "$.KeyCount", "$.Marker", "$.KeyMarker", "$.VersionIdMarker", "$.UploadIdMarker", "$.EncodingType", "$.NextKeyMarker", "$.NextUploadIdMarker"} {
				snap.Divergence("moto", path, "moto lists where AWS rejects the encoding type")
			}
			snap.Match(op+"-error-empty-value", call(""))
			snap.Match(op+"-error-wrong-value", call("value"))
		})
	}

	It("lists parts with an empty part number marker", harness.Reference(refList+"TestS3ListParts::test_list_parts_empty_part_number_marker"), func(ctx SpecContext) {
		snap := harness.Snapshot()
		c := harness.S3()
		motoObjectDivergences(snap)
		b := newBucket(ctx, c)
		key := "test-list-part-empty-marker"
		up, err := c.CreateMultipartUpload(ctx, &s3.CreateMultipartUploadInput{Bucket: aws.String(b), Key: aws.String(key)})
		Expect(err).NotTo(HaveOccurred())
		_, err = c.UploadPart(ctx, &s3.UploadPartInput{Bucket: aws.String(b), Key: aws.String(key), UploadId: up.UploadId, PartNumber: aws.Int32(1), Body: stringsReader("data")})
		Expect(err).NotTo(HaveOccurred())
		snap.SkipVerify("$.Bucket", "the reference recording scrubs the bucket name to a fixed word")
		snap.SkipVerify("$.Initiator", "the reference recording scrubs the initiator to fixed words")
		snap.SkipVerify("$.Owner", "the reference recording scrubs the owner to fixed words")
		snap.Divergence("moto", "$.NextPartNumberMarker", "AWS answers the last listed part number as NextPartNumberMarker (reference recording)")
		snap.Divergence("moto", "$.PartNumberMarker", "AWS answers PartNumberMarker 0 when none is given (reference recording)")
		snap.Divergence("moto", "$.StorageClass", "moto reports the storage class of an upload's parts listing differently")
		snap.Divergence("moto", "$.ChecksumType", "moto reports no checksum type")
		snap.Divergence("moto", "$.ChecksumAlgorithm", "moto reports no checksum algorithm")
		for _, path := range []string{"$.Error", "$.ResponseMetadata.HTTPStatusCode", "$.IsTruncated", "$.Key", "$.MaxParts", "$.Parts", "$.UploadId"} {
			snap.Divergence("moto", path, "moto answers 500 to an empty part-number-marker or max-parts; AWS lists the parts (reference recording)")
		}
		snap.Match("list-parts-empty-marker", orErr(c.ListParts(ctx, &s3.ListPartsInput{Bucket: aws.String(b), Key: aws.String(key), UploadId: up.UploadId, PartNumberMarker: aws.String("")})))
		snap.Match("list-parts-empty-max-parts", orErr(c.ListParts(ctx, &s3.ListPartsInput{Bucket: aws.String(b), Key: aws.String(key), UploadId: up.UploadId},
			withQuery(map[string]string{"max-parts": ""}))))
	})

	It("pages an object's parts through GetObjectAttributes", harness.Reference(refList+"TestS3ListParts::test_list_parts_via_object_attrs_pagination"), func(ctx SpecContext) {
		snap := harness.Snapshot()
		c := harness.S3()
		motoObjectDivergences(snap)
		b := newBucket(ctx, c)
		key := "test-object-attrs-pagination"
		up, err := c.CreateMultipartUpload(ctx, &s3.CreateMultipartUploadInput{Bucket: aws.String(b), Key: aws.String(key), ChecksumAlgorithm: types.ChecksumAlgorithmSha256})
		Expect(err).NotTo(HaveOccurred())
		body := strings.Repeat("a", 5<<20+1)
		var parts []types.CompletedPart
		for n := int32(1); n <= 2; n++ {
			p, err := c.UploadPart(ctx, &s3.UploadPartInput{Bucket: aws.String(b), Key: aws.String(key), UploadId: up.UploadId, PartNumber: aws.Int32(n),
				Body: strings.NewReader(body), ChecksumAlgorithm: types.ChecksumAlgorithmSha256})
			Expect(err).NotTo(HaveOccurred())
			parts = append(parts, types.CompletedPart{PartNumber: aws.Int32(n), ETag: p.ETag, ChecksumSHA256: p.ChecksumSHA256})
		}
		snap.SkipVerify("$.Bucket", "the reference recording scrubs the bucket name to a fixed word")
		snap.SkipVerify("$.Initiator", "the reference recording scrubs the initiator to fixed words")
		snap.SkipVerify("$.Owner", "the reference recording scrubs the owner to fixed words")
		snap.SkipVerify("$.Location", "the location URL names the endpoint's host")
		snap.Divergence("moto", "$..ChecksumSHA256", "AWS keeps the parts' SHA-256 checksums and answers the composite one (reference recording); moto does not")
		snap.Divergence("moto", "$.ChecksumType", "moto reports no checksum type")
		snap.Divergence("moto", "$.ChecksumAlgorithm", "moto reports no checksum algorithm")
		snap.Divergence("moto", "$.VersionId", "moto returns a version id from an unversioned bucket; AWS returns none")
		snap.Divergence("moto", "$.StorageClass", "moto reports the storage class of an upload's parts listing differently")
		snap.Divergence("moto", "$.NextPartNumberMarker", "AWS answers the last listed part number as NextPartNumberMarker (reference recording)")
		snap.Divergence("moto", "$.PartNumberMarker", "AWS answers PartNumberMarker 0 when none is given (reference recording)")
		snap.Divergence("moto", "$.ObjectParts", "moto does not answer ObjectParts of GetObjectAttributes as AWS does")
		snap.Match("list-parts", orErr(c.ListParts(ctx, &s3.ListPartsInput{Bucket: aws.String(b), Key: aws.String(key), UploadId: up.UploadId})))
		done, err := c.CompleteMultipartUpload(ctx, &s3.CompleteMultipartUploadInput{Bucket: aws.String(b), Key: aws.String(key), UploadId: up.UploadId,
			MultipartUpload: &types.CompletedMultipartUpload{Parts: parts}})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("complete-mpu", done)
		attrs := func(max int32, marker string) (*s3.GetObjectAttributesOutput, error) {
			in := &s3.GetObjectAttributesInput{Bucket: aws.String(b), Key: aws.String(key), ObjectAttributes: []types.ObjectAttributes{types.ObjectAttributesObjectParts}}
			if max > 0 {
				in.MaxParts = aws.Int32(max)
			}
			if marker != "" {
				in.PartNumberMarker = aws.String(marker)
			}
			return c.GetObjectAttributes(ctx, in)
		}
		snap.SkipVerify("$.LastModified", "GetObjectAttributes answers the object's modification time")
		snap.Divergence("moto", "$.Error", "moto fails GetObjectAttributes with ObjectParts; AWS pages the parts (reference recording)")
		snap.Divergence("moto", "$.ResponseMetadata.HTTPStatusCode", "moto fails GetObjectAttributes with ObjectParts; AWS answers 200")
		snap.Match("get-object-attrs-all", orErr(attrs(0, "")))
		snap.Match("get-object-attrs-1", orErr(attrs(0, "")))
		snap.Match("get-object-attrs-next", orErr(attrs(1, "1")))
		snap.Match("get-object-attrs-wrong-part", orErr(attrs(1, "10")))
	})
})

func itoa(i int) string {
	if i < 10 {
		return string(rune('0' + i))
	}
	return itoa(i/10) + string(rune('0'+i%10))
}
