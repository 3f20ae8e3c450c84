package s3_test

import (
	"context"
	"crypto/md5"
	"encoding/base64"
	"net/http"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/parity-harness/parity/harness"
)

// anonymousS3 is an S3 client without credentials: its requests are not
// signed.
func anonymousS3() *s3.Client {
	cfg := harness.AWSConfig()
	return s3.NewFromConfig(cfg, func(o *s3.Options) {
		o.BaseEndpoint = cfg.BaseEndpoint
		o.UsePathStyle = harness.TargetKind() != harness.KindAWS
		o.Credentials = aws.AnonymousCredentials{}
	})
}

// bucketURL is the URL of a bucket on the target: virtual-host style on
// AWS, path style elsewhere.
func bucketURL(bucket string) string {
	if harness.TargetKind() == harness.KindAWS {
		return "https://" + bucket + ".s3." + harness.Region() + ".amazonaws.com/"
	}
	return strings.TrimSuffix(aws.ToString(harness.AWSConfig().BaseEndpoint), "/") + "/" + bucket + "/"
}

// unsignedPost sends a plain POST, as the requests library does.
func unsignedPost(ctx context.Context, url string, header map[string]string, body string) *http.Response {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, strings.NewReader(body))
	Expect(err).NotTo(HaveOccurred())
	for k, v := range header {
		req.Header.Set(k, v)
	}
	resp, err := harness.HTTPClient().Do(req)
	Expect(err).NotTo(HaveOccurred())
	return resp
}

var _ = Describe("S3 public objects", func() {
	It("deletes public objects with an unsigned DeleteObjects request", harness.Reference(refS3+"test_s3_batch_delete_public_objects_using_requests"), func(ctx SpecContext) {
		snap := harness.Snapshot()
		snap.Divergence("moto", "$.EncodingType", "AWS echoes EncodingType url (reference list-remaining-objects); moto omits it")
		snap.Divergence("moto", "$.Marker", "AWS echoes an empty Marker (reference list-remaining-objects); moto omits it")
		snap.Divergence("moto", "$.Prefix", "AWS echoes an empty Prefix (reference list-remaining-objects); moto omits it")
		c := harness.S3()
		b := harness.UniqueName("bkt")
		_, err := c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String(b), ObjectOwnership: types.ObjectOwnershipObjectWriter})
		Expect(err).NotTo(HaveOccurred())
		harness.Cleanup(func(ctx context.Context) { emptyAndDelete(ctx, c, b) })
		allowPublicPolicies(ctx, c, b)
		_, err = c.PutBucketAcl(ctx, &s3.PutBucketAclInput{Bucket: aws.String(b), ACL: types.BucketCannedACLPublicReadWrite})
		Expect(err).NotTo(HaveOccurred())
		anon := anonymousS3()
		keys := []string{"key-created-by-anonymous-1", "key-created-by-anonymous-2"}
		for i, body := range []string{"This body document", "This body document #2"} {
			_, err := anon.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(b), Key: aws.String(keys[i]), Body: strings.NewReader(body), ACL: types.ObjectCannedACLPublicReadWrite})
			Expect(err).NotTo(HaveOccurred())
		}
		data := "\n<Delete>\n  <Object>\n    <Key>" + keys[0] + "</Key>\n  </Object>\n  <Object>\n    <Key>" + keys[1] + "</Key>\n  </Object>\n</Delete>\n"
		sum := md5.Sum([]byte(data))
		resp := unsignedPost(ctx, bucketURL(b)+"?delete", map[string]string{"Content-MD5": base64.StdEncoding.EncodeToString(sum[:]), "x-amz-request-payer": "requester"}, data)
		Expect(resp.StatusCode).To(Equal(http.StatusOK))
		snap.Match("multi-delete-with-requests", xmlDoc(readBody(resp)))
		snap.Match("list-remaining-objects", orErr(c.ListObjects(ctx, &s3.ListObjectsInput{Bucket: aws.String(b), EncodingType: types.EncodingTypeUrl})))
	})
})
