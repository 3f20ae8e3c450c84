package gateway

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/parity-harness/parity/emulator/service"
)

func TestWebsiteBucket(t *testing.T) {
	for _, tc := range []struct{ host, want string }{
		{"site.s3-website-us-east-1.amazonaws.com", "site"},
		{"site.s3-website.eu-west-1.amazonaws.com", "site"},
		{"my.dotted.site.s3-website-us-west-2.amazonaws.com", "my.dotted.site"},
		{"site.s3-website.localhost.localstack.cloud", "site"},
		{"site.s3.us-east-1.amazonaws.com", ""},
		{"site.s3-us-west-2.amazonaws.com", ""},
		{"s3-website-us-east-1.amazonaws.com", ""},
		{"site.s3-websitex.amazonaws.com", ""},
		{"127.0.0.1", ""},
	} {
		if got := websiteBucket(tc.host); got != tc.want {
			t.Errorf("websiteBucket(%q) = %q, want %q", tc.host, got, tc.want)
		}
	}
}

// siteServer is an S3 stand-in that records the website requests it gets.
type siteServer struct {
	modelOnly
	bucket string
}

func (s *siteServer) ServeWebsite(w http.ResponseWriter, _ *http.Request, bucket, _ string) {
	s.bucket = bucket
	w.WriteHeader(http.StatusTeapot)
}

func TestWebsiteRequestsGoToTheWebsiteServer(t *testing.T) {
	site := &siteServer{modelOnly: "s3"}
	g, err := New(Config{Services: []service.Service{site}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = g.Close() })
	r := httptest.NewRequest(http.MethodDelete, "http://127.0.0.1:4566/index.html", nil)
	r.Host = "b1.s3-website.eu-central-1.amazonaws.com"
	w := httptest.NewRecorder()
	g.ServeHTTP(w, r)
	if w.Code != http.StatusTeapot || site.bucket != "b1" {
		t.Fatalf("status %d, bucket %q", w.Code, site.bucket)
	}
	entries := g.CallLog().Entries()
	if len(entries) != 1 || entries[0].Operation != websiteOperation || entries[0].Region != "eu-central-1" {
		t.Fatalf("call log %+v", entries)
	}
}
