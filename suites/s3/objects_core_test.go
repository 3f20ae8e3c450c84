package s3_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/parity-harness/parity/harness"
)

// urlDecodedV2 lists a bucket with EncodingType url and decodes the keys, as
// boto3 does when it sets the encoding type itself (every reference listing).
func urlDecodedV2(ctx context.Context, c *s3.Client, bucket string) *s3.ListObjectsV2Output {
	out, err := c.ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: aws.String(bucket), EncodingType: types.EncodingTypeUrl})
	Expect(err).NotTo(HaveOccurred())
	for i := range out.Contents {
		out.Contents[i].Key = aws.String(urlDecoded(aws.ToString(out.Contents[i].Key)))
	}
	return out
}

// urlDecoded undoes S3's url encoding type (a space is "+").
func urlDecoded(s string) string {
	d, err := url.QueryUnescape(s)
	Expect(err).NotTo(HaveOccurred())
	return d
}

// copySource is the x-amz-copy-source of bucket/key, each path segment
// percent-encoded as boto3 does.
func copySource(bucket, key string) string {
	segs := strings.Split(key, "/")
	for i, s := range segs {
		segs[i] = url.PathEscape(s)
	}
	return bucket + "/" + strings.Join(segs, "/")
}

// getWithChecksum is a GetObject in checksum mode, as boto3 sends it by
// default, with the body read into the snapshot.
func getWithChecksum(ctx context.Context, c *s3.Client, in *s3.GetObjectInput) any {
	in.ChecksumMode = types.ChecksumModeEnabled
	return getBody(c.GetObject(ctx, in))
}

// coreListDivergences declares moto's listing differences from AWS.
func coreListDivergences(snap *harness.Session) {
	motoObjectDivergences(snap)
	snap.Divergence("moto", "$..ChecksumAlgorithm", "AWS lists each object's checksum algorithm (reference recordings: [CRC32]); moto omits it")
	snap.Divergence("moto", "$.EncodingType", "AWS echoes EncodingType url (reference recordings); moto omits it")
}

var _ = Describe("S3 object basics", func() {
	It("keeps an object whose tags are deleted", harness.Reference(refS3+"test_delete_object_tagging"), func(ctx SpecContext) {
		snap := harness.Snapshot()
		c := harness.S3()
		motoObjectDivergences(snap)
		b := newBucket(ctx, c)
		put(ctx, c, b, "test-key-tagging", "something")
		snap.Match("get-obj", getWithChecksum(ctx, c, &s3.GetObjectInput{Bucket: aws.String(b), Key: aws.String("test-key-tagging")}))
		_, err := c.DeleteObjectTagging(ctx, &s3.DeleteObjectTaggingInput{Bucket: aws.String(b), Key: aws.String("test-key-tagging")})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("get-obj-after-tag-deletion", getWithChecksum(ctx, c, &s3.GetObjectInput{Bucket: aws.String(b), Key: aws.String("test-key-tagging")}))
	})

	It("deletes objects whose keys carry percent signs", harness.Reference(refS3+"test_delete_objects_encoding"), func(ctx SpecContext) {
		snap := harness.Snapshot()
		c := harness.S3()
		coreListDivergences(snap)
		b := newBucket(ctx, c)
		put(ctx, c, b, "a%2Fb", "percent encoding")
		put(ctx, c, b, "a/%F0%9F%98%80", "percent encoded emoji")
		snap.Match("list-objects-before-delete", urlDecodedV2(ctx, c, b))
		out, err := c.DeleteObjects(ctx, &s3.DeleteObjectsInput{Bucket: aws.String(b), Delete: &types.Delete{Objects: []types.ObjectIdentifier{{Key: aws.String("a%2Fb")}, {Key: aws.String("a/%F0%9F%98%80")}}}})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("deleted-resp", out)
		snap.Match("list-objects", urlDecodedV2(ctx, c, b))
	})

	It("lists versions newest first per key", harness.Reference(refS3+"test_get_bucket_versioning_order"), func(ctx SpecContext) {
		snap := harness.Snapshot()
		c := harness.S3()
		coreListDivergences(snap)
		b := newBucket(ctx, c)
		out, err := c.PutBucketVersioning(ctx, &s3.PutBucketVersioningInput{Bucket: aws.String(b), VersioningConfiguration: enabled})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("put_bucket_versioning", out)
		list := func() *s3.ListObjectVersionsOutput {
			vs, err := c.ListObjectVersions(ctx, &s3.ListObjectVersionsInput{Bucket: aws.String(b), EncodingType: types.EncodingTypeUrl})
			Expect(err).NotTo(HaveOccurred())
			return vs
		}
		snap.Match("list_object_versions_before", list())
		v, err := c.GetBucketVersioning(ctx, &s3.GetBucketVersioningInput{Bucket: aws.String(b)})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("get_bucket_versioning", v)
		put(ctx, c, b, "test", "body")
		put(ctx, c, b, "test", "body")
		put(ctx, c, b, "test2", "body")
		snap.Match("list_object_versions", list())
	})

	It("answers NoSuchKey for a key deleted in a versioned bucket", harness.Reference(refS3+"test_get_object_after_deleted_in_versioned_bucket"), func(ctx SpecContext) {
		snap := harness.Snapshot()
		c := harness.S3()
		motoObjectDivergences(snap)
		b := newBucket(ctx, c)
		_, err := c.PutBucketVersioning(ctx, &s3.PutBucketVersioningInput{Bucket: aws.String(b), VersioningConfiguration: enabled})
		Expect(err).NotTo(HaveOccurred())
		put(ctx, c, b, "my-key", "abcdefgh")
		snap.Match("get-object", getWithChecksum(ctx, c, &s3.GetObjectInput{Bucket: aws.String(b), Key: aws.String("my-key")}))
		_, err = c.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: aws.String(b), Key: aws.String("my-key")})
		Expect(err).NotTo(HaveOccurred())
		_, err = c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String(b), Key: aws.String("my-key")})
		snap.Match("get-object-after-delete", err)
	})

	It("answers NoSuchBucket to GetObject", harness.Reference(refS3+"test_get_object_no_such_bucket"), func(ctx SpecContext) {
		snap := harness.Snapshot()
		_, err := harness.S3().GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String(harness.UniqueName("nobkt")), Key: aws.String("foo")})
		snap.Match("expected_error", err)
	})

	It("answers HeadObject with the object's fields", harness.Reference(refS3+"test_head_object_fields"), func(ctx SpecContext) {
		snap := harness.Snapshot()
		c := harness.S3()
		motoObjectDivergences(snap)
		b := newBucket(ctx, c)
		put(ctx, c, b, "my-key", "abcdefgh")
		head, err := c.HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String(b), Key: aws.String("my-key")})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("head-object", head)
		_, err = c.HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String(b), Key: aws.String("doesnotexist")})
		snap.Match("head-object-404", err)
	})

	It("keeps underscores in metadata names", harness.Reference(refS3+"test_metadata_header_character_decoding"), func(ctx SpecContext) {
		snap := harness.Snapshot()
		c := harness.S3()
		motoObjectDivergences(snap)
		b := newBucket(ctx, c)
		_, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(b), Key: aws.String("test-key"), Body: stringsReader("foo"),
			Metadata: map[string]string{"test_meta_1": "foo", "__meta_2": "bar"}}, noDefaultContentType)
		Expect(err).NotTo(HaveOccurred())
		head, err := c.HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String(b), Key: aws.String("test-key")})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("head-object", head)
	})

	It("stores keys with leading and doubled slashes", harness.Reference(refS3+"test_object_with_slashes_in_key[False]"), func(ctx SpecContext) {
		snap := harness.Snapshot()
		c := harness.S3()
		coreListDivergences(snap)
		b := newBucket(ctx, c)
		put(ctx, c, b, "/foo", "foobar")
		put(ctx, c, b, "bar", "barfoo")
		put(ctx, c, b, "/bar/foo/", "test")
		snap.Match("list-objects-slashes", urlDecodedV2(ctx, c, b))
	})

	It("answers PreconditionFailed naming the condition", harness.Reference(refS3+"test_precondition_failed_error"), func(ctx SpecContext) {
		snap := harness.Snapshot()
		c := harness.S3()
		b := newBucket(ctx, c)
		put(ctx, c, b, "foo", "test-data")
		_, err := c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String(b), Key: aws.String("foo"), IfMatch: aws.String("etag")})
		snap.Divergence("moto", "$.Error.Condition", "AWS names the failed condition (reference get-object-if-match: If-Match); moto does not")
		snap.Match("get-object-if-match", err)
	})

	It("stores a key starting with a hash", harness.Reference(refS3+"test_put_and_get_object_with_hash_prefix"), func(ctx SpecContext) {
		snap := harness.Snapshot()
		c := harness.S3()
		motoObjectDivergences(snap)
		b := newBucket(ctx, c)
		snap.Match("put-object", put(ctx, c, b, "#key-with-hash-prefix", "test 123"))
		snap.Match("get-object", unreadBody("test 123")(c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String(b), Key: aws.String("#key-with-hash-prefix"), ChecksumMode: types.ChecksumModeEnabled})))
	})

	It("stores content language, disposition and cache control", harness.Reference(refS3+"test_put_and_get_object_with_content_language_disposition"), func(ctx SpecContext) {
		snap := harness.Snapshot()
		c := harness.S3()
		motoObjectDivergences(snap)
		b := newBucket(ctx, c)
		p, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(b), Key: aws.String("test"), Body: stringsReader("abc123"),
			ContentLanguage: aws.String("de"), ContentDisposition: aws.String(`attachment; filename="foo.jpg"`), CacheControl: aws.String("no-cache")}, noDefaultContentType)
		Expect(err).NotTo(HaveOccurred())
		snap.Match("put-object", p)
		snap.Match("get-object", unreadBody("abc123")(c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String(b), Key: aws.String("test"), ChecksumMode: types.ChecksumModeEnabled})))
	})

	It("stores single-character keys with a trailing slash", harness.Reference(refS3+"test_put_get_object_single_character_trailing_slash"), func(ctx SpecContext) {
		snap := harness.Snapshot()
		c := harness.S3()
		coreListDivergences(snap)
		b := newBucket(ctx, c)
		keys := []string{"a/", "t/", "u/"}
		for _, k := range keys {
			snap.Match("put-object-single-char-"+k, put(ctx, c, b, k, "test"))
		}
		snap.Match("list-objects-single-char", urlDecodedV2(ctx, c, b))
		for _, k := range keys {
			snap.Match("get-object-single-char-"+k, getWithChecksum(ctx, c, &s3.GetObjectInput{Bucket: aws.String(b), Key: aws.String(k)}))
		}
	})

	for _, key := range []string{"a/%F0%9F%98%80/", "test key/", "test%123/", "test%123", "test@key/"} {
		It("stores the key "+key, harness.Reference(refS3+"test_put_get_object_special_character["+key+"]"), func(ctx SpecContext) {
			snap := harness.Snapshot()
			c := harness.S3()
			coreListDivergences(snap)
			b := newBucket(ctx, c)
			snap.Match("put-object-special-char", put(ctx, c, b, key, "test"))
			snap.Match("list-object-special-char", urlDecodedV2(ctx, c, b))
			snap.Match("get-object-special-char", getWithChecksum(ctx, c, &s3.GetObjectInput{Bucket: aws.String(b), Key: aws.String(key)}))
			del, err := c.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: aws.String(b), Key: aws.String(key)})
			Expect(err).NotTo(HaveOccurred())
			snap.Match("del-object-special-char", del)
		})
	}

	It("copies objects whose keys carry special characters", harness.Reference(refS3+"test_copy_object_special_character"), func(ctx SpecContext) {
		snap := harness.Snapshot()
		c := harness.S3()
		coreListDivergences(snap)
		src, dst := newBucket(ctx, c), newBucket(ctx, c)
		for _, k := range []string{"file%2Fname", "test key/", "test key//", "a/%F0%9F%98%80/", "test+key", "test@key/"} {
			snap.Match("put-object-src-special-char-"+k, put(ctx, c, src, k, "test"))
			cp, err := c.CopyObject(ctx, &s3.CopyObjectInput{Bucket: aws.String(dst), Key: aws.String(k), CopySource: aws.String(copySource(src, k))})
			Expect(err).NotTo(HaveOccurred())
			snap.Match("copy-object-special-char-"+k, cp)
		}
		snap.Match("list-object-copy-dest-special-char", urlDecodedV2(ctx, c, dst))
	})

	It("lists a bucket whose name has dots", harness.Reference(refS3+"test_bucket_name_with_dots"), func(ctx SpecContext) {
		snap := harness.Snapshot()
		c := harness.S3()
		coreListDivergences(snap)
		b := harness.UniqueName("my.bkt")
		_, err := c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String(b), ObjectOwnership: types.ObjectOwnershipObjectWriter})
		Expect(err).NotTo(HaveOccurred())
		harness.Cleanup(func(ctx context.Context) { emptyAndDelete(ctx, c, b) })
		allowPublicPolicies(ctx, c, b)
		_, err = c.PutBucketAcl(ctx, &s3.PutBucketAclInput{Bucket: aws.String(b), ACL: types.BucketCannedACLPublicRead})
		Expect(err).NotTo(HaveOccurred())
		put(ctx, c, b, "my-content", "something")
		out, err := c.ListObjects(ctx, &s3.ListObjectsInput{Bucket: aws.String(b), EncodingType: types.EncodingTypeUrl})
		Expect(err).NotTo(HaveOccurred())
		snap.Divergence("moto", "$.Marker", "AWS answers an empty Marker (reference list-objects); moto omits it")
		snap.Divergence("moto", "$.Prefix", "AWS answers an empty Prefix (reference list-objects); moto omits it")
		snap.Match("list-objects", out)
		// the public bucket read anonymously, path style and as a virtual host
		snap.Divergence("moto", "$.ListBucketResult.Marker", "AWS answers an empty Marker element (reference request-path-url-content); moto omits it")
		snap.Divergence("moto", "$.ListBucketResult.Prefix", "AWS answers an empty Prefix element (reference request-path-url-content); moto omits it")
		snap.Divergence("moto", "$.ListBucketResult.Contents.Owner", "AWS names no object owner to an anonymous caller (reference request-path-url-content); moto does")
		snap.Match("request-path-url-content", anonymousGet(ctx, bucketURL(b), ""))
		snap.Match("request-vhost-url-content", anonymousGet(ctx, bucketURL(b), b+".s3."+harness.Region()+".amazonaws.com"))
	})

	It("answers MethodNotAllowed to ACL requests on a delete marker", harness.Reference(refS3+"test_put_object_acl_on_delete_marker"), func(ctx SpecContext) {
		snap := harness.Snapshot()
		c := harness.S3()
		motoObjectDivergences(snap)
		b := newBucket(ctx, c)
		_, err := c.PutBucketVersioning(ctx, &s3.PutBucketVersioningInput{Bucket: aws.String(b), VersioningConfiguration: enabled})
		Expect(err).NotTo(HaveOccurred())
		key := aws.String("test-key-versioned")
		snap.Match("put-obj-1", put(ctx, c, b, *key, "something"))
		snap.Match("put-obj-2", put(ctx, c, b, *key, "something-v2"))
		del, err := c.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: aws.String(b), Key: key})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("delete-object", del)
		_, err = c.PutObjectAcl(ctx, &s3.PutObjectAclInput{Bucket: aws.String(b), Key: key, ACL: types.ObjectCannedACLPublicRead})
		snap.Divergence("moto", "$.Error", "AWS answers 405 MethodNotAllowed to PutObjectAcl on a key whose current version is a delete marker (reference put-acl-delete-marker); moto answers NoSuchKey")
		snap.Divergence("moto", "$.ResponseMetadata.HTTPStatusCode", "AWS answers 405 to PutObjectAcl on a delete marker (reference put-acl-delete-marker); moto 404")
		snap.Match("put-acl-delete-marker", err)
		_, err = c.PutObjectAcl(ctx, &s3.PutObjectAclInput{Bucket: aws.String(b), Key: key, ACL: types.ObjectCannedACLPublicRead, VersionId: del.VersionId})
		snap.Match("put-acl-delete-marker-version-id", err)
		_, err = c.GetObjectAcl(ctx, &s3.GetObjectAclInput{Bucket: aws.String(b), Key: key})
		snap.Match("get-acl-delete-marker", err)
		_, err = c.GetObjectAcl(ctx, &s3.GetObjectAclInput{Bucket: aws.String(b), Key: key, VersionId: del.VersionId})
		snap.Match("get-acl-delete-marker-version-id", err)
	})

	It("copies an object onto itself in a bucket with default encryption", harness.Reference(refS3+"test_copy_in_place_with_bucket_encryption"), func(ctx SpecContext) {
		snap := harness.Snapshot()
		c := harness.S3()
		motoObjectDivergences(snap)
		b := newBucket(ctx, c)
		enc, err := c.PutBucketEncryption(ctx, &s3.PutBucketEncryptionInput{Bucket: aws.String(b), ServerSideEncryptionConfiguration: &types.ServerSideEncryptionConfiguration{
			Rules: []types.ServerSideEncryptionRule{{ApplyServerSideEncryptionByDefault: &types.ServerSideEncryptionByDefault{SSEAlgorithm: types.ServerSideEncryptionAes256}, BucketKeyEnabled: aws.Bool(false)}}}})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("put-bucket-encryption", enc)
		snap.Match("put-obj", put(ctx, c, b, "test-key", ""))
		cp, err := c.CopyObject(ctx, &s3.CopyObjectInput{Bucket: aws.String(b), Key: aws.String("test-key"), CopySource: aws.String(b + "/test-key")})
		snap.Match("copy-obj", orErr(cp, err))
	})
})

// moto 5.2.1 answers GetObjectAttributes with an ISO-8601 Last-Modified
// header that SDKs cannot parse: these specs are recorded against the
// emulator and held to the AWS reference recordings they declare.
var _ = Describe("S3 object attributes moto garbles", Label("emulator-recorded"), func() {
	It("reports the storage class of an archived object", harness.Reference(refS3+"test_put_object_storage_class[DEEP_ARCHIVE-False]"), func(ctx SpecContext) {
		snap := harness.Snapshot()
		c := harness.S3()
		b := newBucket(ctx, c)
		_, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(b), Key: aws.String("test-key"), Body: stringsReader("body data"), StorageClass: types.StorageClassDeepArchive})
		Expect(err).NotTo(HaveOccurred())
		_, err = c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String(b), Key: aws.String("test-key")})
		snap.Match("get-object", err)
		attrs, err := c.GetObjectAttributes(ctx, &s3.GetObjectAttributesInput{Bucket: aws.String(b), Key: aws.String("test-key"), ObjectAttributes: []types.ObjectAttributes{types.ObjectAttributesStorageClass}})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("get-object-storage-class", attrs)
	})

	It("reads attributes of versions and answers NoSuchKey once deleted", harness.Reference(refS3+"test_get_object_attributes_versioned"), func(ctx SpecContext) {
		snap := harness.Snapshot()
		c := harness.S3()
		motoObjectDivergences(snap)
		b := newBucket(ctx, c)
		_, err := c.PutBucketVersioning(ctx, &s3.PutBucketVersioningInput{Bucket: aws.String(b), VersioningConfiguration: enabled})
		Expect(err).NotTo(HaveOccurred())
		key := aws.String("key-attrs-versioned")
		first := put(ctx, c, b, *key, "69\n420\n")
		snap.Match("put-obj-v1", first)
		snap.Match("put-obj-v2", put(ctx, c, b, *key, "version 2"))
		attrs, err := c.GetObjectAttributes(ctx, &s3.GetObjectAttributesInput{Bucket: aws.String(b), Key: key, ObjectAttributes: []types.ObjectAttributes{
			types.ObjectAttributesEtag, types.ObjectAttributesChecksum, types.ObjectAttributesObjectSize, types.ObjectAttributesStorageClass}})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("object-attrs", attrs)
		snap.Match("get-object-attrs-v1", orErr(c.GetObjectAttributes(ctx, &s3.GetObjectAttributesInput{Bucket: aws.String(b), Key: key, VersionId: first.VersionId,
			ObjectAttributes: []types.ObjectAttributes{types.ObjectAttributesEtag, types.ObjectAttributesObjectSize, types.ObjectAttributesStorageClass}})))
		del, err := c.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: aws.String(b), Key: key})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("delete-key", del)
		_, err = c.GetObjectAttributes(ctx, &s3.GetObjectAttributesInput{Bucket: aws.String(b), Key: key, ObjectAttributes: []types.ObjectAttributes{types.ObjectAttributesObjectSize}})
		snap.Match("deleted-object-attrs", err)
	})
})

// anonymousGet sends an unsigned GET, as the requests library does, and
// parses the XML answer. A virtual host other than AWS's names the bucket
// in the Host header of a request sent to the target.
func anonymousGet(ctx context.Context, rawURL, virtualHost string) map[string]any {
	if virtualHost != "" && harness.TargetKind() == harness.KindAWS {
		rawURL, virtualHost = "http://"+virtualHost+"/", ""
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, rawURL, nil)
	Expect(err).NotTo(HaveOccurred())
	if virtualHost != "" {
		u, err := url.Parse(rawURL)
		Expect(err).NotTo(HaveOccurred())
		req.URL.Path = "/"
		req.Host = virtualHost + ":" + u.Port()
	}
	resp, err := harness.HTTPClient().Do(req)
	Expect(err).NotTo(HaveOccurred())
	doc := xmlDoc(readBody(resp))
	Expect(resp.StatusCode).To(Equal(http.StatusOK), "%v", doc)
	return doc
}

// unreadBody checks a GetObject body and then leaves it out of the snapshot
// as "", the way the reference recordings show a body the test did not read
// before matching.
func unreadBody(want string) func(*s3.GetObjectOutput, error) any {
	return func(out *s3.GetObjectOutput, err error) any {
		Expect(err).NotTo(HaveOccurred())
		got := getBody(out, nil).(*s3.GetObjectOutput)
		Expect(got.Body.(textBody).text).To(Equal(want))
		got.Body = textBody{strings.NewReader(""), ""}
		return got
	}
}
