package s3_test

import (
	"context"
	"net/http"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/parity-harness/parity/harness"
	"github.com/parity-harness/parity/transformers"
)

// corsAnswer is what a browser sees of S3's answer to a cross-origin
// request: the status, the CORS headers and the XML error body, if any.
type corsAnswer struct {
	Status  int
	Headers map[string]any
	Body    map[string]any `json:",omitempty"`
}

// corsAnswerOf reads a response as a corsAnswer, keeping only the
// Access-Control-* and Vary headers.
func corsAnswerOf(resp *http.Response) corsAnswer {
	body := readBody(resp)
	a := corsAnswer{Status: resp.StatusCode, Headers: map[string]any{}}
	for k, v := range headerDoc(resp.Header) {
		if strings.HasPrefix(k, "access-control-") || k == "vary" {
			a.Headers[k] = v
		}
	}
	if resp.StatusCode >= 300 && len(body) > 0 {
		a.Body = xmlDoc(body)
	}
	return a
}

// preflight sends a browser's unsigned OPTIONS request for path (path
// style) to the target's S3 endpoint; empty header values are not sent.
func preflight(ctx context.Context, path, origin, method, headers string) corsAnswer {
	req, err := http.NewRequestWithContext(ctx, http.MethodOptions, strings.TrimSuffix(aws.ToString(harness.AWSConfig().BaseEndpoint), "/")+path, nil)
	Expect(err).NotTo(HaveOccurred())
	for k, v := range map[string]string{"Origin": origin, "Access-Control-Request-Method": method, "Access-Control-Request-Headers": headers} {
		if v != "" {
			req.Header.Set(k, v)
		}
	}
	resp, err := harness.HTTPClient().Do(req)
	Expect(err).NotTo(HaveOccurred())
	return corsAnswerOf(resp)
}

// corsBucket creates a bucket with two CORS rules: any subdomain of
// example.com may GET and PUT with x-amz-* and Content-Type headers, and
// any origin may HEAD.
func corsBucket(ctx context.Context, c *s3.Client) string {
	b := newBucket(ctx, c)
	_, err := c.PutBucketCors(ctx, &s3.PutBucketCorsInput{Bucket: aws.String(b), CORSConfiguration: &types.CORSConfiguration{CORSRules: []types.CORSRule{
		{AllowedOrigins: []string{"https://*.example.com"}, AllowedMethods: []string{"GET", "PUT"}, AllowedHeaders: []string{"x-amz-*", "Content-Type"},
			ExposeHeaders: []string{"ETag", "x-amz-request-id"}, MaxAgeSeconds: aws.Int32(300)},
		{AllowedOrigins: []string{"*"}, AllowedMethods: []string{"HEAD"}},
	}}})
	Expect(err).NotTo(HaveOccurred())
	return b
}

// corsTransforms scrub the ids of the XML error bodies.
func corsTransforms(snap *harness.Session) {
	snap.Transform(transformers.KeyValue("RequestId", "<request-id>"), transformers.KeyValue("HostId", "<host-id>"))
}

// moto 5.2.1 evaluates preflights only in part: it answers a bucket
// without CORS configuration (and a GET whose origin no rule allows) with
// permissive CORS headers, answers a missing bucket with an empty 403,
// ignores Access-Control-Request-Headers when matching, echoes the rule's
// AllowedHeaders instead of the requested headers, sends neither Vary nor
// Access-Control-Allow-Credentials, leaves Method and ResourceType out of
// its AccessForbidden errors and fails (500) on a preflight without an
// Origin. These specs are recorded against the emulator, which follows
// S3's documented evaluation of CORS rules.
var _ = Describe("S3 CORS requests moto lacks", Label("emulator-recorded"), func() {
	It("answers preflights matching a rule with the rule's grants", func(ctx SpecContext) {
		snap := harness.Snapshot()
		b := corsBucket(ctx, harness.S3())
		snap.Match("wildcard-origin-with-headers", preflight(ctx, "/"+b+"/key", "https://app.example.com", "PUT", "X-Amz-Meta-Owner, Content-Type"))
		snap.Match("wildcard-origin-no-headers", preflight(ctx, "/"+b+"/key", "https://app.example.com", "GET", ""))
		snap.Match("any-origin", preflight(ctx, "/"+b+"/key", "http://elsewhere.test", "HEAD", ""))
		snap.Match("bucket-resource", preflight(ctx, "/"+b, "https://app.example.com", "GET", ""))
	})

	It("refuses preflights no rule matches", func(ctx SpecContext) {
		snap := harness.Snapshot()
		corsTransforms(snap)
		b := corsBucket(ctx, harness.S3())
		snap.Match("origin-not-allowed", preflight(ctx, "/"+b+"/key", "https://example.com", "GET", ""))
		snap.Match("method-not-allowed", preflight(ctx, "/"+b+"/key", "https://app.example.com", "DELETE", ""))
		snap.Match("header-not-allowed", preflight(ctx, "/"+b+"/key", "https://app.example.com", "PUT", "x-amz-date, authorization"))
		snap.Match("headers-on-rule-without-allowed-headers", preflight(ctx, "/"+b+"/key", "http://elsewhere.test", "HEAD", "x-amz-date"))
	})

	It("refuses preflights to buckets without CORS configuration or that do not exist", func(ctx SpecContext) {
		snap := harness.Snapshot()
		corsTransforms(snap)
		b := newBucket(ctx, harness.S3())
		snap.Match("no-cors-configuration", preflight(ctx, "/"+b+"/key", "https://app.example.com", "GET", ""))
		snap.Match("no-such-bucket", preflight(ctx, "/"+harness.UniqueName("missing")+"/key", "https://app.example.com", "GET", ""))
		snap.Match("no-origin", preflight(ctx, "/"+b+"/key", "", "GET", ""))
	})

	It("adds the matching rule's headers to requests carrying an Origin", func(ctx SpecContext) {
		snap := harness.Snapshot()
		corsTransforms(snap)
		c := harness.S3()
		b := corsBucket(ctx, c)
		put(ctx, c, b, "key", "body")
		plain := newBucket(ctx, c)
		put(ctx, c, plain, "key", "body")
		get := func(bucket, key, origin string) corsAnswer {
			return corsAnswerOf(signedRequest(ctx, harness.Region(), http.MethodGet, "/"+bucket+"/"+key, map[string]string{"Origin": origin}, nil))
		}
		snap.Match("get-allowed-origin", get(b, "key", "https://app.example.com"))
		snap.Match("get-other-origin", get(b, "key", "https://example.org"))
		snap.Match("get-missing-key-allowed-origin", get(b, "missing", "https://app.example.com"))
		snap.Match("get-bucket-without-cors", get(plain, "key", "https://app.example.com"))
		head := corsAnswerOf(signedRequest(ctx, harness.Region(), http.MethodHead, "/"+b+"/key", map[string]string{"Origin": "http://elsewhere.test"}, nil))
		snap.Match("head-any-origin", head)
	})
})
