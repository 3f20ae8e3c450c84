package s3_test

import (
	"context"
	"io"
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

// websiteResponse is what a plain HTTP client sees of a website endpoint.
type websiteResponse struct {
	Status   int
	Location string
	Body     string
}

// websiteGet sends a plain anonymous request to the website endpoint of
// bucket: on AWS http://<bucket>.s3-website-<region>.amazonaws.com, on
// other targets their endpoint with that Host header. Redirects are not
// followed.
func websiteGet(ctx context.Context, method, bucket, path, body string) websiteResponse {
	host := bucket + ".s3-website-" + harness.Region() + ".amazonaws.com"
	base := "http://" + host
	if harness.TargetKind() != harness.KindAWS {
		base = strings.TrimSuffix(aws.ToString(harness.AWSConfig().BaseEndpoint), "/")
	}
	req, err := http.NewRequestWithContext(ctx, method, base+path, strings.NewReader(body))
	Expect(err).NotTo(HaveOccurred())
	req.Host = host
	client := harness.HTTPClient()
	client.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	resp, err := client.Do(req)
	Expect(err).NotTo(HaveOccurred())
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	Expect(err).NotTo(HaveOccurred())
	return websiteResponse{Status: resp.StatusCode, Location: resp.Header.Get("Location"), Body: string(b)}
}

// websiteFollow is websiteGet following redirects to paths of the same
// site, as the requests library does.
func websiteFollow(ctx context.Context, bucket, path string) websiteResponse {
	for range 5 {
		resp := websiteGet(ctx, http.MethodGet, bucket, path, "")
		if resp.Status < 300 || resp.Status > 399 || !strings.HasPrefix(resp.Location, "/") {
			return resp
		}
		path = resp.Location
	}
	Fail("too many redirects")
	return websiteResponse{}
}

// websiteIDTransforms scrub the request and host ids of the HTML error
// pages, as the reference recordings do.
func websiteIDTransforms(snap *harness.Session) {
	snap.Transform(transformers.Regex(`<li>RequestId: (.*?)</li>`, "<li>RequestId: <request-id></li>"),
		transformers.Regex(`<li>HostId: (.*?)</li>`, "<li>HostId: <host-id></li>"))
}

// publicWebsiteBucket creates a bucket whose ACLs are enabled and public
// (the reference tests' allow_bucket_acl fixture and a public-read ACL),
// configured as a website with the index document index.html and, when
// errorKey is set, that error document.
func publicWebsiteBucket(ctx context.Context, c *s3.Client, errorKey string) string {
	b := harness.UniqueName("bkt")
	_, err := c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String(b), ObjectOwnership: types.ObjectOwnershipObjectWriter})
	Expect(err).NotTo(HaveOccurred())
	harness.Cleanup(func(ctx context.Context) { emptyAndDelete(ctx, c, b) })
	allowPublicPolicies(ctx, c, b)
	_, err = c.PutBucketAcl(ctx, &s3.PutBucketAclInput{Bucket: aws.String(b), ACL: types.BucketCannedACLPublicRead})
	Expect(err).NotTo(HaveOccurred())
	putWebsite(ctx, c, b, errorKey)
	return b
}

func putWebsite(ctx context.Context, c *s3.Client, b, errorKey string) {
	cfg := &types.WebsiteConfiguration{IndexDocument: &types.IndexDocument{Suffix: aws.String("index.html")}}
	if errorKey != "" {
		cfg.ErrorDocument = &types.ErrorDocument{Key: aws.String(errorKey)}
	}
	_, err := c.PutBucketWebsite(ctx, &s3.PutBucketWebsiteInput{Bucket: aws.String(b), WebsiteConfiguration: cfg})
	Expect(err).NotTo(HaveOccurred())
}

// putPublicPage stores a public text/html object.
func putPublicPage(ctx context.Context, c *s3.Client, b, key, body string) {
	_, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(b), Key: aws.String(key), Body: strings.NewReader(body),
		ContentType: aws.String("text/html"), ACL: types.ObjectCannedACLPublicRead})
	Expect(err).NotTo(HaveOccurred())
}

// moto 5.2.1 does not serve bucket websites: these specs are recorded
// against the emulator and held to the AWS reference recordings.
var _ = Describe("S3 website endpoint", Label("emulator-recorded"), func() {
	It("answers missing keys with 404 pages and the error document", harness.Reference(refWebsite+"test_website_hosting_404"), func(ctx SpecContext) {
		snap := harness.Snapshot()
		websiteIDTransforms(snap)
		c := harness.S3()
		b := publicWebsiteBucket(ctx, c, "error.html")
		resp := websiteGet(ctx, http.MethodGet, b, "/", "")
		Expect(resp.Status).To(Equal(http.StatusNotFound))
		snap.Match("404-no-such-key-nor-custom", resp.Body)

		putPublicPage(ctx, c, b, "error.html", "This is the error.html")
		resp = websiteGet(ctx, http.MethodGet, b, "/", "")
		Expect(resp.Status).To(Equal(http.StatusNotFound))
		Expect(resp.Body).To(Equal("This is the error.html"))

		putWebsite(ctx, c, b, "")
		resp = websiteGet(ctx, http.MethodGet, b, "/", "")
		Expect(resp.Status).To(Equal(http.StatusNotFound))
		snap.Match("404-no-such-key", resp.Body)
	})

	It("serves GET only, and refuses other methods with 405 pages", harness.Reference(refWebsite+"test_website_hosting_http_methods"), func(ctx SpecContext) {
		snap := harness.Snapshot()
		websiteIDTransforms(snap)
		c := harness.S3()
		b := publicWebsiteBucket(ctx, c, "")
		resp := websiteGet(ctx, http.MethodPost, b, "/", "test")
		Expect(resp.Status).To(Equal(http.StatusMethodNotAllowed))
		snap.Match("not-allowed-post", map[string]any{"content": resp.Body})
		resp = websiteGet(ctx, http.MethodDelete, b, "/", "")
		Expect(resp.Status).To(Equal(http.StatusMethodNotAllowed))
		snap.Match("not-allowed-delete", map[string]any{"content": resp.Body})
	})

	It("looks up index documents of folders", harness.Reference(refWebsite+"test_website_hosting_index_lookup"), func(ctx SpecContext) {
		snap := harness.Snapshot()
		websiteIDTransforms(snap)
		c := harness.S3()
		b := publicWebsiteBucket(ctx, c, "")
		putPublicPage(ctx, c, b, "index.html", "index")
		resp := websiteGet(ctx, http.MethodGet, b, "/", "")
		Expect(resp.Status).To(Equal(http.StatusOK))
		Expect(resp.Body).To(Equal("index"))

		putPublicPage(ctx, c, b, "directory/index.html", "index")
		snap.Match("redirect-no-trailing-slash", websiteGet(ctx, http.MethodGet, b, "/directory", ""))
		for _, path := range []string{"/directory", "/directory/"} {
			resp = websiteFollow(ctx, b, path)
			Expect(resp.Status).To(Equal(http.StatusOK))
			Expect(resp.Body).To(Equal("index"))
		}

		resp = websiteGet(ctx, http.MethodGet, b, "/directory-wrong", "")
		Expect(resp.Status).To(Equal(http.StatusNotFound))
		snap.Match("404-no-trailing-slash", resp.Body)
		resp = websiteGet(ctx, http.MethodGet, b, "/directory-wrong/", "")
		Expect(resp.Status).To(Equal(http.StatusNotFound))
		snap.Match("404-with-trailing-slash", resp.Body)
	})
})

// Website behaviour of the reference test class whose recordings are not
// among the reference files: recorded against the emulator, like the specs
// above.
var _ = Describe("S3 website endpoint redirects", Label("emulator-recorded"), func() {
	It("answers buckets that do not exist or have no website configuration", func(ctx SpecContext) {
		snap := harness.Snapshot()
		websiteIDTransforms(snap)
		c := harness.S3()
		missing := harness.UniqueName("bkt")
		resp := websiteGet(ctx, http.MethodGet, missing, "/", "")
		Expect(resp.Status).To(Equal(http.StatusNotFound))
		snap.Match("no-such-bucket", strings.ReplaceAll(resp.Body, missing, "<bucket-name>"))
		b := newBucket(ctx, c)
		for key, path := range map[string]string{"no-such-website-config": "/", "no-such-website-config-key": "/test"} {
			resp := websiteGet(ctx, http.MethodGet, b, path, "")
			Expect(resp.Status).To(Equal(http.StatusNotFound))
			snap.Match(key, strings.ReplaceAll(resp.Body, b, "<bucket-name>"))
		}
	})

	It("redirects every request to another host", func(ctx SpecContext) {
		snap := harness.Snapshot()
		c := harness.S3()
		b := publicWebsiteBucket(ctx, c, "")
		for _, protocol := range []types.Protocol{"", types.ProtocolHttps} {
			_, err := c.PutBucketWebsite(ctx, &s3.PutBucketWebsiteInput{Bucket: aws.String(b), WebsiteConfiguration: &types.WebsiteConfiguration{
				RedirectAllRequestsTo: &types.RedirectAllRequestsTo{HostName: aws.String("www.example.com"), Protocol: protocol}}})
			Expect(err).NotTo(HaveOccurred())
			name := string(protocol)
			if name == "" {
				name = "request-protocol"
			}
			snap.Match("redirect-root-"+name, websiteGet(ctx, http.MethodGet, b, "/", ""))
			snap.Match("redirect-key-"+name, websiteGet(ctx, http.MethodGet, b, "/random-key", ""))
		}
	})

	It("applies routing rules before and after the object lookup", func(ctx SpecContext) {
		snap := harness.Snapshot()
		websiteIDTransforms(snap)
		c := harness.S3()
		b := publicWebsiteBucket(ctx, c, "")
		snap.Transform(transformers.Reference("website-host", b+".s3-website-"+harness.Region()+".amazonaws.com"))
		rule := func(prefix, code string, redirect types.Redirect) types.RoutingRule {
			cond := &types.Condition{}
			if prefix != "" {
				cond.KeyPrefixEquals = aws.String(prefix)
			}
			if code != "" {
				cond.HttpErrorCodeReturnedEquals = aws.String(code)
			}
			return types.RoutingRule{Condition: cond, Redirect: &redirect}
		}
		_, err := c.PutBucketWebsite(ctx, &s3.PutBucketWebsiteInput{Bucket: aws.String(b), WebsiteConfiguration: &types.WebsiteConfiguration{
			IndexDocument: &types.IndexDocument{Suffix: aws.String("index.html")},
			RoutingRules: []types.RoutingRule{
				rule("both-prefixed/", "404", types.Redirect{ReplaceKeyWith: aws.String("redirected-both.html")}),
				rule("prefixed", "", types.Redirect{ReplaceKeyWith: aws.String("redirected.html")}),
				rule("host/", "", types.Redirect{HostName: aws.String("random-hostname")}),
				rule("replace-prefix/", "", types.Redirect{ReplaceKeyPrefixWith: aws.String("replaced-prefix/")}),
				rule("empty-prefix/", "", types.Redirect{ReplaceKeyPrefixWith: aws.String("")}),
				rule("protocol/", "", types.Redirect{Protocol: types.ProtocolHttps}),
				rule("code/", "", types.Redirect{HttpRedirectCode: aws.String("307")}),
				rule("", "404", types.Redirect{ReplaceKeyWith: aws.String("not-found.html")}),
			}}})
		Expect(err).NotTo(HaveOccurred())
		putPublicPage(ctx, c, b, "both-prefixed/page.html", "present")
		for _, path := range []string{"/both-prefixed/page.html", "/both-prefixed/missing.html", "/prefixed-page.html", "/host/key", "/replace-prefix/key",
			"/empty-prefix/index.html", "/protocol/key", "/code/key", "/missing"} {
			snap.Match("get "+path, websiteGet(ctx, http.MethodGet, b, path, ""))
		}
	})

	It("redirects objects with a website redirect location", func(ctx SpecContext) {
		snap := harness.Snapshot()
		c := harness.S3()
		b := publicWebsiteBucket(ctx, c, "error.html")
		for key, location := range map[string]string{"index.html": "/another/index.html", "error.html": "/another/error.html"} {
			_, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(b), Key: aws.String(key), Body: strings.NewReader(""),
				WebsiteRedirectLocation: aws.String(location), ACL: types.ObjectCannedACLPublicRead})
			Expect(err).NotTo(HaveOccurred())
		}
		putPublicPage(ctx, c, b, "another/index.html", "redirected")
		snap.Match("redirect-index", websiteGet(ctx, http.MethodGet, b, "/", ""))
		snap.Match("redirect-error-document", websiteGet(ctx, http.MethodGet, b, "/non-existent", ""))
		snap.Match("followed", websiteFollow(ctx, b, "/"))
	})
})
