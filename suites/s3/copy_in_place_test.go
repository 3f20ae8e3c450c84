package s3_test

import (
	"context"
	"encoding/json"
	"io"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/parity-harness/parity/harness"
)

// Copies of an object onto itself (legal only when something changes),
// copies with checksum algorithms, metadata and tagging directives.
var _ = Describe("S3 copies in place", func() {
	copyIn := func(b, src, dst string, f func(*s3.CopyObjectInput)) *s3.CopyObjectInput {
		in := &s3.CopyObjectInput{Bucket: aws.String(b), Key: aws.String(dst), CopySource: aws.String(b + "/" + src)}
		if f != nil {
			f(in)
		}
		return in
	}
	attrs := func(ctx context.Context, c *s3.Client, b, key string, which ...types.ObjectAttributes) *s3.GetObjectAttributesOutput {
		out, err := c.GetObjectAttributes(ctx, &s3.GetObjectAttributesInput{Bucket: aws.String(b), Key: aws.String(key), ObjectAttributes: which}, lenientLastModified)
		Expect(err).NotTo(HaveOccurred())
		return out
	}
	putJSON := func(ctx context.Context, c *s3.Client, b, key string) *s3.PutObjectOutput {
		out, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(b), Key: aws.String(key), Body: stringsReader(`{"key": "value"}`),
			ContentType: aws.String("application/json"), Metadata: map[string]string{"key": "value"}})
		Expect(err).NotTo(HaveOccurred())
		return out
	}

	It("refuses an in-place copy that changes nothing", harness.Reference(refS3+"test_s3_copy_object_in_place"), func(ctx SpecContext) {
		snap := harness.Snapshot()
		c := harness.S3()
		motoObjectDivergences(snap)
		b := newBucket(ctx, c)
		snap.Match("put_object", putJSON(ctx, c, b, "source-object"))
		head, err := c.HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String(b), Key: aws.String("source-object")})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("head_object", head)
		snap.Match("object-attrs", attrs(ctx, c, b, "source-object", types.ObjectAttributesStorageClass))
		_, err = c.CopyObject(ctx, copyIn(b, "source-object", "source-object", nil))
		snap.Match("copy-object-in-place-no-change", err)
		cp, err := c.CopyObject(ctx, copyIn(b, "source-object", "source-object", func(i *s3.CopyObjectInput) {
			i.ChecksumAlgorithm = types.ChecksumAlgorithmSha256
			i.StorageClass = types.StorageClassStandard
		}))
		snap.Divergence("moto", "$.CopyObjectResult.ChecksumSHA256", "AWS computes the requested SHA256 checksum of an in-place copy (reference test_s3_copy_object_in_place); moto omits it")
		snap.Match("copy-object-in-place-with-storage-class", orErr(cp, err))
		snap.Match("object-attrs-after-copy", attrs(ctx, c, b, "source-object", types.ObjectAttributesStorageClass))
		acl, err := c.GetObjectAcl(ctx, &s3.GetObjectAclInput{Bucket: aws.String(b), Key: aws.String("source-object")})
		Expect(err).NotTo(HaveOccurred())
		snap.SkipVerify("$.Owner.ID", "the reference recording scrubs the owner of an object ACL under a placeholder of its own, though it is the grantee's id")
		snap.Match("object-acl", acl)
		_, err = c.CopyObject(ctx, copyIn(b, "source-object", "source-object", func(i *s3.CopyObjectInput) { i.ACL = types.ObjectCannedACLPublicRead }))
		snap.Divergence("moto", "$.Error", "AWS refuses an in-place copy that only sets an ACL (reference test_s3_copy_object_in_place copy-object-in-place-with-acl); moto copies")
		snap.Divergence("moto", "$.ResponseMetadata.HTTPStatusCode", "AWS answers 400 to an in-place copy that only sets an ACL; moto 200")
		snap.Match("copy-object-in-place-with-acl", err)
	})

	It("copies in place in a bucket whose versioning is suspended", harness.Reference(refS3+"test_s3_copy_object_in_place_suspended_only"), func(ctx SpecContext) {
		snap := harness.Snapshot()
		c := harness.S3()
		motoObjectDivergences(snap)
		b := newBucket(ctx, c)
		snap.Match("put_object", putJSON(ctx, c, b, "source-object"))
		head, err := c.HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String(b), Key: aws.String("source-object")})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("head_object", head)
		snap.Divergence("moto", "$.VersionId", "AWS answers VersionId null to a write in a bucket whose versioning is suspended (reference test_s3_copy_object_in_place_suspended_only); moto omits it")
		replace := func(i *s3.CopyObjectInput) { i.MetadataDirective = types.MetadataDirectiveReplace }
		snap.Match("copy-in-place-non-versioned", orErr(c.CopyObject(ctx, copyIn(b, "source-object", "source-object", replace))))
		read := func(suffix string) {
			head, err := c.HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String(b), Key: aws.String("source-object")})
			Expect(err).NotTo(HaveOccurred())
			snap.Match("head-object-copied"+suffix, head)
			snap.Match("get-object-copied"+suffix, getJSONBody(c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String(b), Key: aws.String("source-object")})))
		}
		read("")
		_, err = c.PutBucketVersioning(ctx, &s3.PutBucketVersioningInput{Bucket: aws.String(b), VersioningConfiguration: &types.VersioningConfiguration{Status: types.BucketVersioningStatusSuspended}})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("copy-in-place-versioned-suspended", orErr(c.CopyObject(ctx, copyIn(b, "source-object", "source-object", replace))))
		snap.Match("copy-in-place-versioned-suspended-twice", orErr(c.CopyObject(ctx, copyIn(b, "source-object", "source-object", replace))))
		read("-suspended")
	})

	It("copies in place in a versioned bucket", Label("emulator-recorded"), harness.Reference(refS3+"test_s3_copy_object_in_place_versioned"), func(ctx SpecContext) {
		snap := harness.Snapshot()
		c := harness.S3()
		motoObjectDivergences(snap)
		b := newBucket(ctx, c)
		_, err := c.PutBucketVersioning(ctx, &s3.PutBucketVersioningInput{Bucket: aws.String(b), VersioningConfiguration: enabled})
		Expect(err).NotTo(HaveOccurred())
		p := putJSON(ctx, c, b, "source-object")
		snap.Match("put_object", p)
		head, err := c.HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String(b), Key: aws.String("source-object")})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("head_object", head)
		snap.Match("object-attrs", attrs(ctx, c, b, "source-object", types.ObjectAttributesStorageClass))
		_, err = c.CopyObject(ctx, copyIn(b, "source-object", "source-object", nil))
		snap.Divergence("moto", "$.Error", "AWS refuses an unchanged in-place copy in a versioned bucket too (reference test_s3_copy_object_in_place_versioned); moto copies")
		snap.Divergence("moto", "$.ResponseMetadata.HTTPStatusCode", "AWS answers 400 to an unchanged in-place copy in a versioned bucket; moto 200")
		snap.Match("copy-object-in-place-no-change", err)
		replace := func(i *s3.CopyObjectInput) { i.MetadataDirective = types.MetadataDirectiveReplace }
		cp, err := c.CopyObject(ctx, copyIn(b, "source-object", "source-object", replace))
		Expect(err).NotTo(HaveOccurred())
		snap.Match("copy-in-place-versioned", cp)
		read := func(suffix string, version *string) {
			head, err := c.HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String(b), Key: aws.String("source-object")})
			Expect(err).NotTo(HaveOccurred())
			snap.Match("head-object-copied"+suffix, head)
			snap.Match("get-object-copied"+suffix, getJSONBody(c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String(b), Key: aws.String("source-object")})))
		}
		read("", nil)
		_, err = c.PutBucketVersioning(ctx, &s3.PutBucketVersioningInput{Bucket: aws.String(b), VersioningConfiguration: &types.VersioningConfiguration{Status: types.BucketVersioningStatusSuspended}})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("copy-in-place-versioned-suspended", orErr(c.CopyObject(ctx, copyIn(b, "source-object", "source-object", replace))))
		read("-suspended", nil)
		prev, err := c.HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String(b), Key: aws.String("source-object"), VersionId: cp.VersionId})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("head-object-previous-version-suspended", prev)
		_, err = c.PutBucketVersioning(ctx, &s3.PutBucketVersioningInput{Bucket: aws.String(b), VersioningConfiguration: enabled})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("copy-in-place-versioned-re-enabled", orErr(c.CopyObject(ctx, copyIn(b, "source-object", "source-object", replace))))
	})

	It("copies in place to set a website redirect location", harness.Reference(refS3+"test_s3_copy_object_in_place_website_redirect_location"), func(ctx SpecContext) {
		snap := harness.Snapshot()
		c := harness.S3()
		motoObjectDivergences(snap)
		b := newBucket(ctx, c)
		p, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(b), Key: aws.String("source-object"), Body: stringsReader("test"), WebsiteRedirectLocation: aws.String("/test/direct")}, noDefaultContentType)
		Expect(err).NotTo(HaveOccurred())
		snap.Match("put-object", p)
		head, err := c.HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String(b), Key: aws.String("source-object")})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("head-object", head)
		snap.Match("copy-object-in-place-with-website-redirection", orErr(c.CopyObject(ctx, copyIn(b, "source-object", "source-object", func(i *s3.CopyObjectInput) {
			i.WebsiteRedirectLocation = aws.String("/test/direct")
		}))))
		head, err = c.HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String(b), Key: aws.String("source-object")})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("head-object-after-copy", head)
	})

	It("copies in place to change the storage class", Label("emulator-recorded"), harness.Reference(refS3+"test_s3_copy_object_storage_class"), func(ctx SpecContext) {
		snap := harness.Snapshot()
		c := harness.S3()
		motoObjectDivergences(snap)
		b := newBucket(ctx, c)
		p, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(b), Key: aws.String("source-object"), Body: stringsReader("test"), StorageClass: types.StorageClassStandardIa}, noDefaultContentType)
		Expect(err).NotTo(HaveOccurred())
		snap.Match("put-object", p)
		head, err := c.HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String(b), Key: aws.String("source-object")})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("head-object", head)
		snap.Match("object-attrs", attrs(ctx, c, b, "source-object", types.ObjectAttributesStorageClass))
		standard := func(i *s3.CopyObjectInput) { i.StorageClass = types.StorageClassStandard }
		snap.Match("copy-object-in-place-with-storage-class", orErr(c.CopyObject(ctx, copyIn(b, "source-object", "source-object", standard))))
		snap.Match("object-attrs-after-copy", attrs(ctx, c, b, "source-object", types.ObjectAttributesStorageClass))
		_, err = c.CopyObject(ctx, copyIn(b, "source-object", "source-object", standard))
		snap.Divergence("moto", "$.Error", "AWS refuses an in-place copy to the storage class the object already has (reference test_s3_copy_object_storage_class); moto copies")
		snap.Divergence("moto", "$.ResponseMetadata.HTTPStatusCode", "AWS answers 400 to an in-place copy to the same storage class; moto 200")
		snap.Match("exc-invalid-request-storage-class", err)
	})

	It("keeps the metadata of the source with the COPY directive", harness.Reference(refS3+"test_s3_copy_metadata_directive_copy"), func(ctx SpecContext) {
		snap := harness.Snapshot()
		c := harness.S3()
		motoObjectDivergences(snap)
		b := newBucket(ctx, c)
		p, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(b), Key: aws.String("source-object"), Body: stringsReader("test"),
			ContentLanguage: aws.String("en-US"), Metadata: map[string]string{"key": "value"}}, noDefaultContentType)
		Expect(err).NotTo(HaveOccurred())
		snap.Match("put-object", p)
		head, err := c.HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String(b), Key: aws.String("source-object")})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("head-object", head)
		snap.Match("copy-object", orErr(c.CopyObject(ctx, copyIn(b, "source-object", "dest-key", func(i *s3.CopyObjectInput) {
			i.MetadataDirective = types.MetadataDirectiveCopy
		}))))
		head, err = c.HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String(b), Key: aws.String("dest-key")})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("head-object-copy", head)
	})

	It("rejects a copy source without a key", harness.Reference(refS3+"test_s3_copy_object_wrong_format"), func(ctx SpecContext) {
		snap := harness.Snapshot()
		c := harness.S3()
		b := newBucket(ctx, c)
		put(ctx, c, b, "source-object", "test")
		_, err := c.CopyObject(ctx, &s3.CopyObjectInput{Bucket: aws.String(b), Key: aws.String("dest-key"), CopySource: aws.String(b)})
		snap.Divergence("moto", "$.Error", "AWS answers InvalidArgument naming x-amz-copy-source (reference test_s3_copy_object_wrong_format); moto differs")
		snap.Divergence("moto", "$.ResponseMetadata.HTTPStatusCode", "AWS answers 400 to a copy source without a key")
		snap.Match("copy-object-wrong-copy-source", err)
	})

	for _, alg := range []types.ChecksumAlgorithm{types.ChecksumAlgorithmCrc32, types.ChecksumAlgorithmCrc32c, types.ChecksumAlgorithmCrc64nvme, types.ChecksumAlgorithmSha1, types.ChecksumAlgorithmSha256} {
		// moto refuses an in-place copy that only asks for a checksum algorithm.
		It("copies in place with a new "+string(alg)+" checksum", Label("emulator-recorded"), harness.Reference(refS3+"test_s3_copy_object_with_checksum["+string(alg)+"]"), func(ctx SpecContext) {
			snap := harness.Snapshot()
			c := harness.S3()
			motoObjectDivergences(snap)
			b := newBucket(ctx, c)
			p, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(b), Key: aws.String("source-object"), Body: stringsReader(`{"key": "value"}`)}, noDefaultContentType)
			Expect(err).NotTo(HaveOccurred())
			snap.Match("put-object-no-checksum", p)
			snap.Match("object-attrs", attrs(ctx, c, b, "source-object", types.ObjectAttributesChecksum))
			snap.Match("copy-object-in-place-with-checksum", orErr(c.CopyObject(ctx, copyIn(b, "source-object", "source-object", func(i *s3.CopyObjectInput) {
				i.ChecksumAlgorithm = alg
			}))))
			snap.Match("object-attrs-after-copy", attrs(ctx, c, b, "source-object", types.ObjectAttributesChecksum))
			snap.Match("copy-object-to-dest-keep-checksum", orErr(c.CopyObject(ctx, copyIn(b, "source-object", "dest-object", nil))))
		})
	}

	for _, alg := range []types.ChecksumAlgorithm{types.ChecksumAlgorithmCrc32c, types.ChecksumAlgorithmCrc64nvme, types.ChecksumAlgorithmSha256} {
		It("keeps the "+string(alg)+" checksum of the source in copies", harness.Reference(refS3+"test_s3_copy_object_with_default_checksum["+string(alg)+"]"), func(ctx SpecContext) {
			snap := harness.Snapshot()
			c := harness.S3()
			motoObjectDivergences(snap)
			snap.Divergence("moto", "$..ChecksumCRC32C", "AWS returns the CRC32C checksum of an object and its copies (reference test_s3_copy_object_with_default_checksum); moto omits it")
			snap.Divergence("moto", "$..ChecksumCRC64NVME", "AWS returns the CRC64NVME checksum of an object and its copies (reference test_s3_copy_object_with_default_checksum); moto omits it")
			snap.Divergence("moto", "$..ChecksumSHA256", "AWS returns the SHA256 checksum of an object and its copies (reference test_s3_copy_object_with_default_checksum); moto omits it")
			snap.Divergence("moto", "$..Checksum", "AWS reports the checksum of the object in GetObjectAttributes (reference test_s3_copy_object_with_default_checksum); moto differs")
			b := newBucket(ctx, c)
			p, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(b), Key: aws.String("source-object"), Body: stringsReader(`{"key": "value"}`), ChecksumAlgorithm: alg}, noDefaultContentType)
			Expect(err).NotTo(HaveOccurred())
			snap.Match("put-object-no-checksum", p)
			snap.Match("object-attrs", attrs(ctx, c, b, "source-object", types.ObjectAttributesChecksum))
			snap.Match("copy-object-in-place-with-no-checksum", orErr(c.CopyObject(ctx, copyIn(b, "source-object", "source-object", func(i *s3.CopyObjectInput) {
				i.MetadataDirective = types.MetadataDirectiveReplace
			}))))
			snap.Match("object-attrs-after-copy", attrs(ctx, c, b, "source-object", types.ObjectAttributesChecksum))
			snap.Match("copy-object-to-dest-keep-checksum", orErr(c.CopyObject(ctx, copyIn(b, "source-object", "dest-object", nil))))
			snap.Match("dest-object-attrs-after-copy", attrs(ctx, c, b, "dest-object", types.ObjectAttributesChecksum))
		})
	}

	for _, directive := range []types.TaggingDirective{"", types.TaggingDirectiveReplace} {
		name := "None"
		if directive != "" {
			name = string(directive)
		}
		It("copies tags with tagging directive "+name, harness.Reference(refS3+"test_s3_copy_tagging_directive["+name+"]"), func(ctx SpecContext) {
			snap := harness.Snapshot()
			c := harness.S3()
			motoObjectDivergences(snap)
			b := newBucket(ctx, c)
			p, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(b), Key: aws.String("source-object"), Body: stringsReader("test"), Tagging: aws.String("key1=value1")}, noDefaultContentType)
			Expect(err).NotTo(HaveOccurred())
			snap.Match("put-object", p)
			tags := func(key string) *s3.GetObjectTaggingOutput {
				out, err := c.GetObjectTagging(ctx, &s3.GetObjectTaggingInput{Bucket: aws.String(b), Key: aws.String(key)})
				Expect(err).NotTo(HaveOccurred())
				return out
			}
			snap.Match("get-object-tag", tags("source-object"))
			withTags := func(t string) func(*s3.CopyObjectInput) {
				return func(i *s3.CopyObjectInput) { i.Tagging, i.TaggingDirective = aws.String(t), directive }
			}
			snap.Match("copy-object", orErr(c.CopyObject(ctx, copyIn(b, "source-object", "dest-object", withTags("key2=value2")))))
			snap.Match("get-copy-object-tag", tags("dest-object"))
			snap.Match("copy-object-tag-empty", orErr(c.CopyObject(ctx, copyIn(b, "source-object", "dest-object-empty", withTags("")))))
			snap.Match("get-copy-object-tag-empty", tags("dest-object-empty"))
		})
	}

	for _, directive := range []types.TaggingDirective{"", types.TaggingDirectiveCopy} {
		name := "None"
		if directive != "" {
			name = string(directive)
		}
		It("copies the tags of a version with tagging directive "+name, harness.Reference(refS3+"test_s3_copy_tagging_directive_versioned["+name+"]"), func(ctx SpecContext) {
			snap := harness.Snapshot()
			c := harness.S3()
			motoObjectDivergences(snap)
			b := newBucket(ctx, c)
			_, err := c.PutBucketVersioning(ctx, &s3.PutBucketVersioningInput{Bucket: aws.String(b), VersioningConfiguration: enabled})
			Expect(err).NotTo(HaveOccurred())
			p1, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(b), Key: aws.String("source-object"), Body: stringsReader("test"), Tagging: aws.String("key1=value1")}, noDefaultContentType)
			Expect(err).NotTo(HaveOccurred())
			snap.Match("put-object", p1)
			p2, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(b), Key: aws.String("source-object"), Body: stringsReader("test-v2"), Tagging: aws.String("key1=value1-v2")}, noDefaultContentType)
			Expect(err).NotTo(HaveOccurred())
			snap.Match("put-object-v2", p2)
			tags := func(key string, version *string) *s3.GetObjectTaggingOutput {
				out, err := c.GetObjectTagging(ctx, &s3.GetObjectTaggingInput{Bucket: aws.String(b), Key: aws.String(key), VersionId: version})
				Expect(err).NotTo(HaveOccurred())
				return out
			}
			snap.Match("get-object-tag", tags("source-object", nil))
			snap.Match("get-object-tag-v1", tags("source-object", p1.VersionId))
			cp := func(dst, tagging, srcVersion string) *s3.CopyObjectOutput {
				src := b + "/source-object"
				if srcVersion != "" {
					src += "?versionId=" + srcVersion
				}
				out, err := c.CopyObject(ctx, &s3.CopyObjectInput{Bucket: aws.String(b), Key: aws.String(dst), CopySource: aws.String(src), Tagging: aws.String(tagging), TaggingDirective: directive})
				Expect(err).NotTo(HaveOccurred())
				return out
			}
			out := cp("dest-object", "key2=value2", "")
			snap.Match("copy-object", out)
			snap.Match("get-copy-object-tag", tags("dest-object", out.VersionId))
			out = cp("dest-object-empty", "", "")
			snap.Match("copy-object-tag-empty", out)
			snap.Match("get-copy-object-tag-empty", tags("dest-object-empty", out.VersionId))
			out = cp("dest-object-v1", "key2=value2", *p1.VersionId)
			snap.Match("copy-object-v1", out)
			snap.Match("get-copy-object-tag-v1", tags("dest-object-v1", out.VersionId))
			out = cp("dest-object-empty-v1", "", *p1.VersionId)
			snap.Match("copy-object-tag-empty-v1", out)
			snap.Match("get-copy-object-tag-empty-v1", tags("dest-object-empty-v1", out.VersionId))
		})
	}
})

// getJSONBody reads a GetObject body holding JSON and puts it back decoded,
// as the reference tests snapshot it.
func getJSONBody(out *s3.GetObjectOutput, err error) any {
	if err != nil {
		return err
	}
	b, _ := io.ReadAll(out.Body)
	out.Body.Close()
	out.Body = jsonBody{strings.NewReader(string(b)), json.RawMessage(b)}
	return out
}

// jsonBody is a body already read: it still reads, and encodes as the JSON
// value it holds.
type jsonBody struct {
	*strings.Reader
	raw json.RawMessage
}

func (jsonBody) Close() error                   { return nil }
func (j jsonBody) MarshalJSON() ([]byte, error) { return j.raw, nil }
