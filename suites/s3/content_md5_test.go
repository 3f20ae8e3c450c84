package s3_test

import (
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/parity-harness/parity/harness"
)

// Content-MD5 of object and part uploads. moto does not check Content-MD5:
// recorded against the emulator.
var _ = Describe("S3 Content-MD5", Label("emulator-recorded"), func() {
	It("refuses invalid and mismatched digests", harness.Reference(refS3+"test_s3_invalid_content_md5"), func(ctx SpecContext) {
		snap := harness.Snapshot()
		c := harness.S3()
		b := newBucket(ctx, c)
		k := aws.String("test-key")
		invalid := []string{"__invalid__", "000", "not base64 encoded checksum", "MTIz", "dGVzdC1zdHJpbmc="}
		const wrongDigest, rightDigest = "CYketZBSTjX8czcs3cXVlg==", "Q3uTDbhLgHnC3YBKcZNrXw=="
		putMD5 := func(md5 string) (*s3.PutObjectOutput, error) {
			return c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(b), Key: k, Body: stringsReader("something"), ContentMD5: aws.String(md5)}, noDefaultContentType)
		}
		for i, md5 := range invalid {
			_, err := putMD5(md5)
			snap.Match(fmt.Sprintf("md5-error-%d", i), err)
		}
		_, err := putMD5(wrongDigest)
		snap.Match("md5-error-bad-digest", err)
		snap.Match("success-put-object-md5", orErr(putMD5(rightDigest)))

		up, err := c.CreateMultipartUpload(ctx, &s3.CreateMultipartUploadInput{Bucket: aws.String(b), Key: k})
		Expect(err).NotTo(HaveOccurred())
		partMD5 := func(md5 string) (*s3.UploadPartOutput, error) {
			return c.UploadPart(ctx, &s3.UploadPartInput{Bucket: aws.String(b), Key: k, UploadId: up.UploadId, PartNumber: aws.Int32(1), Body: stringsReader("something"), ContentMD5: aws.String(md5)})
		}
		for i, md5 := range invalid {
			_, err := partMD5(md5)
			snap.Match(fmt.Sprintf("upload-part-md5-error-%d", i), err)
		}
		_, err = partMD5(wrongDigest)
		snap.Match("upload-part-md5-bad-digest", err)
		snap.Match("success-upload-part-md5", orErr(partMD5(rightDigest)))
	})
})
