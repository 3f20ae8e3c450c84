package s3_test

import (
	"context"
	"io"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/parity-harness/parity/harness"
	"github.com/parity-harness/parity/transformers"
)

// partChecksum reads the checksum of algo from an UploadPart answer.
func partChecksum(p *s3.UploadPartOutput, algo types.ChecksumAlgorithm) *string {
	switch algo {
	case types.ChecksumAlgorithmCrc32:
		return p.ChecksumCRC32
	case types.ChecksumAlgorithmCrc32c:
		return p.ChecksumCRC32C
	case types.ChecksumAlgorithmSha1:
		return p.ChecksumSHA1
	case types.ChecksumAlgorithmSha256:
		return p.ChecksumSHA256
	}
	return p.ChecksumCRC64NVME
}

// withPartChecksum returns part carrying checksum as its checksum of algo.
func withPartChecksum(part types.CompletedPart, algo types.ChecksumAlgorithm, checksum *string) types.CompletedPart {
	part.ChecksumCRC32, part.ChecksumCRC32C, part.ChecksumSHA1, part.ChecksumSHA256, part.ChecksumCRC64NVME = nil, nil, nil, nil, nil
	switch algo {
	case types.ChecksumAlgorithmCrc32:
		part.ChecksumCRC32 = checksum
	case types.ChecksumAlgorithmCrc32c:
		part.ChecksumCRC32C = checksum
	case types.ChecksumAlgorithmSha1:
		part.ChecksumSHA1 = checksum
	case types.ChecksumAlgorithmSha256:
		part.ChecksumSHA256 = checksum
	case types.ChecksumAlgorithmCrc64nvme:
		part.ChecksumCRC64NVME = checksum
	}
	return part
}

// getDrained reads a GetObject body to its end (so the SDK validates the
// checksum) and leaves it empty, as the reference recordings show the
// consumed body of a large object.
func getDrained(out *s3.GetObjectOutput, err error) any {
	if err != nil {
		return err
	}
	_, err = io.Copy(io.Discard, out.Body)
	Expect(err).NotTo(HaveOccurred())
	out.Body.Close()
	out.Body = textBody{strings.NewReader(""), ""}
	return out
}

// whenRequired makes the SDK send a checksum only where the operation
// requires one, as a request without ChecksumAlgorithm did when the
// reference recordings were made.
func whenRequired(o *s3.Options) {
	o.RequestChecksumCalculation = aws.RequestChecksumCalculationWhenRequired
}

// ownerTransforms blank bucket names and owner identities, as the
// reference recordings do.
func ownerTransforms(snap *harness.Session) {
	snap.Transform(transformers.KeyValue("Bucket", "bucket"), transformers.KeyValue("DisplayName", "display-name"), transformers.KeyValue("ID", "i-d"))
}

// objectAttrs answers GetObjectAttributes for the checksum, the ETag and
// the parts of an object.
func objectAttrs(ctx context.Context, c *s3.Client, bucket, key string) any {
	return orErr(c.GetObjectAttributes(ctx, &s3.GetObjectAttributesInput{Bucket: aws.String(bucket), Key: aws.String(key),
		ObjectAttributes: []types.ObjectAttributes{types.ObjectAttributesChecksum, types.ObjectAttributesEtag, types.ObjectAttributesObjectParts}}))
}

// Flexible checksums of multipart uploads: moto 5.2.1 keeps no part
// checksums, computes no multipart checksum and does not check them, so
// these specs are recorded against the emulator and held to the AWS
// reference recordings.
var _ = Describe("S3 multipart checksums", Label("emulator-recorded"), func() {
	// Two 5 MiB + 1 parts of "a" and a last part of ten "a": the reference
	// recordings' part ETags and checksums are those of these bodies.
	bigPart, lastPart := strings.Repeat("a", 5<<20+1), strings.Repeat("a", 10)

	for _, tc := range []struct {
		kind  types.ChecksumType
		algo  types.ChecksumAlgorithm
		wrong int // the part whose checksum the wrong completion changes
	}{
		// AWS names one part whose checksum is wrong; the recordings name
		// part 1 or part 3, so each spec makes exactly that part wrong.
		{types.ChecksumTypeComposite, types.ChecksumAlgorithmCrc32, 1},
		{types.ChecksumTypeComposite, types.ChecksumAlgorithmSha1, 3},
		{types.ChecksumTypeComposite, types.ChecksumAlgorithmSha256, 3},
		{types.ChecksumTypeFullObject, types.ChecksumAlgorithmCrc32, 3},
		{types.ChecksumTypeFullObject, types.ChecksumAlgorithmCrc64nvme, 1},
	} {
		test := "test_complete_multipart_parts_checksum_composite"
		if tc.kind == types.ChecksumTypeFullObject {
			test = "test_complete_multipart_parts_checksum_full_object"
		}
		It("completes a "+string(tc.kind)+" "+string(tc.algo)+" upload from its part checksums", harness.Reference(refMultipartHash+test+"["+string(tc.algo)+"]"), func(ctx SpecContext) {
			snap := harness.Snapshot()
			c := harness.S3()
			ownerTransforms(snap)
			b := newBucket(ctx, c)
			key := "test-multipart-checksum"
			in := &s3.CreateMultipartUploadInput{Bucket: aws.String(b), Key: aws.String(key), ChecksumAlgorithm: tc.algo}
			if tc.kind == types.ChecksumTypeFullObject {
				in.ChecksumType = tc.kind
			}
			up, err := c.CreateMultipartUpload(ctx, in)
			Expect(err).NotTo(HaveOccurred())
			snap.Match("create-mpu-checksum", up)

			var parts []types.CompletedPart
			var sums []*string
			for i, body := range []string{bigPart, bigPart, lastPart} {
				n := int32(i + 1)
				p, err := c.UploadPart(ctx, &s3.UploadPartInput{Bucket: aws.String(b), Key: aws.String(key), UploadId: up.UploadId, PartNumber: aws.Int32(n),
					Body: strings.NewReader(body), ChecksumAlgorithm: tc.algo})
				Expect(err).NotTo(HaveOccurred())
				snap.Match("upload-part-"+itoa(i), p)
				sums = append(sums, partChecksum(p, tc.algo))
				parts = append(parts, withPartChecksum(types.CompletedPart{PartNumber: aws.Int32(n), ETag: p.ETag}, tc.algo, sums[i]))
			}
			listed, err := c.ListParts(ctx, &s3.ListPartsInput{Bucket: aws.String(b), Key: aws.String(key), UploadId: up.UploadId})
			Expect(err).NotTo(HaveOccurred())
			snap.Match("list-parts", listed)

			complete := func(parts []types.CompletedPart) (*s3.CompleteMultipartUploadOutput, error) {
				return c.CompleteMultipartUpload(ctx, &s3.CompleteMultipartUploadInput{Bucket: aws.String(b), Key: aws.String(key), UploadId: up.UploadId,
					MultipartUpload: &types.CompletedMultipartUpload{Parts: parts}})
			}
			if tc.kind == types.ChecksumTypeComposite {
				var bare []types.CompletedPart
				for _, p := range parts {
					bare = append(bare, types.CompletedPart{PartNumber: p.PartNumber, ETag: p.ETag})
				}
				_, err = complete(bare)
				snap.Match("complete-multipart-no-checksum", err)
			}
			wrong := append([]types.CompletedPart(nil), parts...)
			other := sums[2] // parts 1 and 2 have the same body: the last part's checksum differs from theirs
			if tc.wrong == 3 {
				other = sums[0]
			}
			wrong[tc.wrong-1] = withPartChecksum(wrong[tc.wrong-1], tc.algo, other)
			_, err = complete(wrong)
			snap.Match("complete-multipart-wrong-parts-checksum", err)

			done, err := complete(parts)
			Expect(err).NotTo(HaveOccurred())
			snap.Match("complete-multipart-checksum", done)
			snap.Match("get-object-attrs", objectAttrs(ctx, c, b, key))
			snap.Match("get-object-with-checksum", getDrained(c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String(b), Key: aws.String(key), ChecksumMode: types.ChecksumModeEnabled})))
			head, err := c.HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String(b), Key: aws.String(key), ChecksumMode: types.ChecksumModeEnabled})
			Expect(err).NotTo(HaveOccurred())
			snap.Match("head-object-with-checksum", head)
			snap.Match("get-object-part-checksum", getWithChecksum(ctx, c, &s3.GetObjectInput{Bucket: aws.String(b), Key: aws.String(key), PartNumber: aws.Int32(3)}))

			copied, err := c.CopyObject(ctx, &s3.CopyObjectInput{Bucket: aws.String(b), Key: aws.String(key + "-copy"), CopySource: aws.String(b + "/" + key), ChecksumAlgorithm: tc.algo})
			Expect(err).NotTo(HaveOccurred())
			snap.Match("copy-obj-checksum", copied)
			snap.Match("get-copy-object-attrs", objectAttrs(ctx, c, b, key+"-copy"))
		})
	}

	It("checks the whole-object checksum and type of a FULL_OBJECT completion", harness.Reference(refMultipartHash+"test_multipart_parts_checksum_exceptions_full_object"), func(ctx SpecContext) {
		snap := harness.Snapshot()
		c := harness.S3()
		ownerTransforms(snap)
		b := newBucket(ctx, c)
		key := "test-multipart-checksum-exc"
		_, err := c.CreateMultipartUpload(ctx, &s3.CreateMultipartUploadInput{Bucket: aws.String(b), Key: aws.String(key), ChecksumType: types.ChecksumTypeFullObject})
		snap.Match("create-mpu-no-checksum-algo-with-type", err)
		first, err := c.CreateMultipartUpload(ctx, &s3.CreateMultipartUploadInput{Bucket: aws.String(b), Key: aws.String(key),
			ChecksumAlgorithm: types.ChecksumAlgorithmCrc32c, ChecksumType: types.ChecksumTypeFullObject})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("create-mpu-checksum-crc32c", first)
		_, err = c.UploadPart(ctx, &s3.UploadPartInput{Bucket: aws.String(b), Key: aws.String(key), UploadId: first.UploadId, PartNumber: aws.Int32(1),
			Body: strings.NewReader("abc"), ChecksumAlgorithm: types.ChecksumAlgorithmCrc32})
		snap.Match("upload-part-different-checksum-exc", err)
		uploads, err := c.ListMultipartUploads(ctx, &s3.ListMultipartUploadsInput{Bucket: aws.String(b)})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("list-multiparts", uploads)
		_, err = c.AbortMultipartUpload(ctx, &s3.AbortMultipartUploadInput{Bucket: aws.String(b), Key: aws.String(key), UploadId: first.UploadId})
		Expect(err).NotTo(HaveOccurred())

		up, err := c.CreateMultipartUpload(ctx, &s3.CreateMultipartUploadInput{Bucket: aws.String(b), Key: aws.String(key),
			ChecksumAlgorithm: types.ChecksumAlgorithmCrc32c, ChecksumType: types.ChecksumTypeFullObject})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("create-mpu-with-checksum", up)
		p, err := c.UploadPart(ctx, &s3.UploadPartInput{Bucket: aws.String(b), Key: aws.String(key), UploadId: up.UploadId, PartNumber: aws.Int32(1),
			Body: strings.NewReader("abc")}, whenRequired)
		Expect(err).NotTo(HaveOccurred())
		snap.Match("upload-part-no-checksum-ok", p)

		parts := &types.CompletedMultipartUpload{Parts: []types.CompletedPart{{PartNumber: aws.Int32(1), ETag: p.ETag}}}
		complete := func(set func(*s3.CompleteMultipartUploadInput)) (*s3.CompleteMultipartUploadOutput, error) {
			in := &s3.CompleteMultipartUploadInput{Bucket: aws.String(b), Key: aws.String(key), UploadId: up.UploadId, MultipartUpload: parts}
			set(in)
			return c.CompleteMultipartUpload(ctx, in)
		}
		good := aws.ToString(p.ChecksumCRC32C) // CRC32C of "abc": the object's full checksum
		otherCRC32C := "yZRlqg=="              // CRC32C of "hello world"
		crc32OfBody := "NSRBwg=="              // CRC32 of "abc"
		for _, step := range []struct {
			key string
			set func(*s3.CompleteMultipartUploadInput)
		}{
			{"complete-part-bad-checksum", func(in *s3.CompleteMultipartUploadInput) {
				in.ChecksumCRC32C, in.ChecksumType = aws.String(otherCRC32C), types.ChecksumTypeFullObject
			}},
			{"complete-part-bad-checksum-algo", func(in *s3.CompleteMultipartUploadInput) {
				in.ChecksumCRC32, in.ChecksumType = aws.String(crc32OfBody), types.ChecksumTypeFullObject
			}},
			{"complete-part-bad-checksum-type", func(in *s3.CompleteMultipartUploadInput) {
				in.ChecksumCRC32C, in.ChecksumType = aws.String(good), types.ChecksumTypeComposite
			}},
			// without a type, the checksum is checked as a COMPOSITE one
			{"complete-part-good-checksum-no-type", func(in *s3.CompleteMultipartUploadInput) { in.ChecksumCRC32C = aws.String(good) }},
			{"complete-part-only-checksum-algo", func(in *s3.CompleteMultipartUploadInput) { in.ChecksumCRC32C = aws.String(otherCRC32C) }},
			{"complete-part-only-checksum-algo-diff", func(in *s3.CompleteMultipartUploadInput) { in.ChecksumCRC32 = aws.String(crc32OfBody) }},
		} {
			snap.Match(step.key, orErr(complete(step.set)))
		}
		done, err := complete(func(in *s3.CompleteMultipartUploadInput) {
			in.ChecksumCRC32C, in.ChecksumType = aws.String(good), types.ChecksumTypeFullObject
		})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("complete-success", done)
	})

	for _, algo := range []types.ChecksumAlgorithm{types.ChecksumAlgorithmCrc64nvme, types.ChecksumAlgorithmSha256} {
		It("rejects a malformed or wrong "+string(algo)+" part checksum", harness.Reference(refMultipartHash+"test_multipart_upload_part_checksum_exception["+string(algo)+"]"), func(ctx SpecContext) {
			snap := harness.Snapshot()
			c := harness.S3()
			ownerTransforms(snap)
			b := newBucket(ctx, c)
			key := "test-multipart-checksum-exc"
			up, err := c.CreateMultipartUpload(ctx, &s3.CreateMultipartUploadInput{Bucket: aws.String(b), Key: aws.String(key), ChecksumAlgorithm: algo})
			Expect(err).NotTo(HaveOccurred())
			upload := func(checksum string) error {
				in := &s3.UploadPartInput{Bucket: aws.String(b), Key: aws.String(key), UploadId: up.UploadId, PartNumber: aws.Int32(1), Body: strings.NewReader("test data")}
				if algo == types.ChecksumAlgorithmSha256 {
					in.ChecksumSHA256 = aws.String(checksum)
				} else {
					in.ChecksumCRC64NVME = aws.String(checksum)
				}
				_, err := c.UploadPart(ctx, in)
				return err
			}
			snap.Match("put-wrong-checksum-no-b64", upload("wrongchecksum"))
			wrong := map[types.ChecksumAlgorithm]string{ // well-formed, not the body's
				types.ChecksumAlgorithmSha256:    "hzUXlUuKPY/SIFJbHSAwXm5c+Hp5J7LevMk5HGr2Buk=", // SHA256 of "other data"
				types.ChecksumAlgorithmCrc64nvme: "AAAAAAAAAAA=",
			}[algo]
			snap.Match("put-wrong-checksum-value", upload(wrong))
		})
	}

	It("computes the upload's checksum of a copied part", harness.Reference(refMultipartHash+"test_multipart_upload_part_copy_checksum[FULL_OBJECT]"), func(ctx SpecContext) {
		snap := harness.Snapshot()
		c := harness.S3()
		ownerTransforms(snap)
		b := newBucket(ctx, c)
		src, key := "source-object", "test-multipart-checksum"
		put, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(b), Key: aws.String(src), Body: strings.NewReader("this is a part"),
			ChecksumAlgorithm: types.ChecksumAlgorithmCrc32}, noDefaultContentType)
		Expect(err).NotTo(HaveOccurred())
		snap.Match("put-object", put)
		up, err := c.CreateMultipartUpload(ctx, &s3.CreateMultipartUploadInput{Bucket: aws.String(b), Key: aws.String(key),
			ChecksumAlgorithm: types.ChecksumAlgorithmCrc32c, ChecksumType: types.ChecksumTypeFullObject})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("create-mpu-checksum-sha256", up)
		copied, err := c.UploadPartCopy(ctx, &s3.UploadPartCopyInput{Bucket: aws.String(b), Key: aws.String(key), UploadId: up.UploadId, PartNumber: aws.Int32(1),
			CopySource: aws.String(b + "/" + src)})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("upload-part-copy", copied)
		listed, err := c.ListParts(ctx, &s3.ListPartsInput{Bucket: aws.String(b), Key: aws.String(key), UploadId: up.UploadId})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("list-parts", listed)
		done, err := c.CompleteMultipartUpload(ctx, &s3.CompleteMultipartUploadInput{Bucket: aws.String(b), Key: aws.String(key), UploadId: up.UploadId,
			MultipartUpload: &types.CompletedMultipartUpload{Parts: []types.CompletedPart{{PartNumber: aws.Int32(1), ETag: copied.CopyPartResult.ETag,
				ChecksumCRC32C: copied.CopyPartResult.ChecksumCRC32C}}}})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("complete-multipart-checksum", done)
		snap.Match("get-object-attrs", objectAttrs(ctx, c, b, key))
		snap.Match("get-object-with-checksum", getWithChecksum(ctx, c, &s3.GetObjectInput{Bucket: aws.String(b), Key: aws.String(key)}))
		head, err := c.HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String(b), Key: aws.String(key), ChecksumMode: types.ChecksumModeEnabled})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("head-object-with-checksum", head)
	})
})
