package s3_test

import (
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/parity-harness/parity/harness"
)

// User metadata values are kept as sent, RFC 2047 encoded words included.
var _ = Describe("S3 user metadata", func() {
	It("keeps an RFC 2047 encoded word as sent", harness.Reference(refS3+"test_user_metadata_rfc2047_bad_b64_encoded"), func(ctx SpecContext) {
		snap := harness.Snapshot()
		c := harness.S3()
		motoObjectDivergences(snap)
		b := newBucket(ctx, c)
		p, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(b), Key: aws.String("test-key"), Body: stringsReader(""),
			Metadata: map[string]string{"bad-b64-encoded": "=?UTF-8?B?77+9Ye+/vQ==?="}}, noDefaultContentType)
		Expect(err).NotTo(HaveOccurred())
		snap.Match("put-object", p)
		snap.Match("get-object", getBody(c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String(b), Key: aws.String("test-key")})))
	})
})
