package s3

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/parity-harness/parity/emulator/service"
)

// websiteHarness is a public website bucket "site" with an index and an
// error document configured by the test.
func websiteHarness(t *testing.T, website map[string]any) *harness {
	h := newHarness(t)
	h.must("CreateBucket", service.Params{"Bucket": "site", "ObjectOwnership": "ObjectWriter"})
	h.must("DeletePublicAccessBlock", service.Params{"Bucket": "site"})
	h.must("PutBucketAcl", service.Params{"Bucket": "site", "ACL": "public-read"})
	h.must("PutBucketWebsite", service.Params{"Bucket": "site", "WebsiteConfiguration": website})
	return h
}

func (h *harness) putPage(key, body string, extra service.Params) {
	h.t.Helper()
	in := service.Params{"Bucket": "site", "Key": key, "Body": io.NopCloser(strings.NewReader(body)), "ContentType": "text/html", "ACL": "public-read"}
	for k, v := range extra {
		in[k] = v
	}
	h.must("PutObject", in)
}

func (h *harness) website(method, path string) *httptest.ResponseRecorder {
	h.t.Helper()
	r := httptest.NewRequest(method, "http://site.s3-website-us-east-1.amazonaws.com"+path, nil)
	w := httptest.NewRecorder()
	h.svc.ServeWebsite(w, r, "site", "REQ1")
	return w
}

func index(suffix string) map[string]any { return map[string]any{"Suffix": suffix} }

func TestWebsiteEndpoint(t *testing.T) {
	cases := []struct {
		name     string
		website  map[string]any
		setup    func(h *harness)
		method   string
		path     string
		status   int
		location string
		body     string // substring of the body
	}{
		{name: "index of the root", website: map[string]any{"IndexDocument": index("index.html")},
			setup: func(h *harness) { h.putPage("index.html", "home", nil) }, method: "GET", path: "/", status: 200, body: "home"},
		{name: "head has no body", website: map[string]any{"IndexDocument": index("index.html")},
			setup: func(h *harness) { h.putPage("index.html", "home", nil) }, method: "HEAD", path: "/", status: 200},
		{name: "object by key", website: map[string]any{"IndexDocument": index("index.html")},
			setup: func(h *harness) { h.putPage("a/b c.html", "page", nil) }, method: "GET", path: "/a/b%20c.html", status: 200, body: "page"},
		{name: "folder without slash redirects", website: map[string]any{"IndexDocument": index("index.html")},
			setup: func(h *harness) { h.putPage("dir/index.html", "x", nil) }, method: "GET", path: "/dir", status: 302, location: "/dir/"},
		{name: "folder index", website: map[string]any{"IndexDocument": index("index.html")},
			setup: func(h *harness) { h.putPage("dir/index.html", "dir index", nil) }, method: "GET", path: "/dir/", status: 200, body: "dir index"},
		{name: "missing key", website: map[string]any{"IndexDocument": index("index.html")},
			method: "GET", path: "/nope", status: 404, body: "<li>Key: nope</li>"},
		{name: "put is not allowed", website: map[string]any{"IndexDocument": index("index.html")},
			method: "PUT", path: "/", status: 405, body: "<li>Method: PUT</li>\n<li>ResourceType: OBJECT</li>"},
		{name: "error document with the error's status", website: map[string]any{"IndexDocument": index("index.html"), "ErrorDocument": map[string]any{"Key": "err.html"}},
			setup: func(h *harness) { h.putPage("err.html", "oops", nil) }, method: "GET", path: "/missing", status: 404, body: "oops"},
		{name: "private object is denied", website: map[string]any{"IndexDocument": index("index.html")},
			setup: func(h *harness) { h.putPage("secret.html", "s", service.Params{"ACL": "private"}) }, method: "GET", path: "/secret.html", status: 403, body: "<li>Code: AccessDenied</li>"},
		{name: "object redirect location", website: map[string]any{"IndexDocument": index("index.html")},
			setup:  func(h *harness) { h.putPage("old.html", "", service.Params{"WebsiteRedirectLocation": "/new.html"}) },
			method: "GET", path: "/old.html", status: 301, location: "/new.html"},
		{name: "redirect all requests", website: map[string]any{"RedirectAllRequestsTo": map[string]any{"HostName": "example.com", "Protocol": "https"}},
			method: "GET", path: "/some/page", status: 301, location: "https://example.com/some/page"},
		{name: "prefix rule before the lookup", website: map[string]any{"IndexDocument": index("index.html"), "RoutingRules": []any{
			map[string]any{"Condition": map[string]any{"KeyPrefixEquals": "docs/"}, "Redirect": map[string]any{"ReplaceKeyPrefixWith": "documents/"}}}},
			setup:  func(h *harness) { h.putPage("docs/a.html", "a", nil) },
			method: "GET", path: "/docs/a.html", status: 301, location: "http://site.s3-website-us-east-1.amazonaws.com/documents/a.html"},
		{name: "error rule after the lookup", website: map[string]any{"IndexDocument": index("index.html"), "RoutingRules": []any{
			map[string]any{"Condition": map[string]any{"HttpErrorCodeReturnedEquals": "404"}, "Redirect": map[string]any{"HostName": "other.example", "ReplaceKeyWith": "404.html", "HttpRedirectCode": "302"}}}},
			setup:  func(h *harness) { h.putPage("here.html", "here", nil) },
			method: "GET", path: "/gone.html", status: 302, location: "http://other.example/404.html"},
		{name: "error rule leaves found objects", website: map[string]any{"IndexDocument": index("index.html"), "RoutingRules": []any{
			map[string]any{"Condition": map[string]any{"HttpErrorCodeReturnedEquals": "404"}, "Redirect": map[string]any{"ReplaceKeyWith": "404.html"}}}},
			setup:  func(h *harness) { h.putPage("here.html", "here", nil) },
			method: "GET", path: "/here.html", status: 200, body: "here"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			h := websiteHarness(t, tc.website)
			if tc.setup != nil {
				tc.setup(h)
			}
			w := h.website(tc.method, tc.path)
			if w.Code != tc.status {
				t.Fatalf("status %d, want %d; body %q", w.Code, tc.status, w.Body.String())
			}
			if got := w.Header().Get("Location"); got != tc.location {
				t.Errorf("Location %q, want %q", got, tc.location)
			}
			if !strings.Contains(w.Body.String(), tc.body) {
				t.Errorf("body %q, want it to hold %q", w.Body.String(), tc.body)
			}
			if tc.method == http.MethodHead && w.Body.Len() != 0 {
				t.Errorf("HEAD answered a body %q", w.Body.String())
			}
		})
	}
}

func TestWebsiteEndpointBucketErrors(t *testing.T) {
	h := newHarness(t)
	h.must("CreateBucket", service.Params{"Bucket": "plain"})
	for _, tc := range []struct {
		bucket, code string
	}{
		{"absent", "<li>Code: NoSuchBucket</li>\n<li>Message: The specified bucket does not exist</li>\n<li>BucketName: absent</li>"},
		{"plain", "<li>Code: NoSuchWebsiteConfiguration</li>\n<li>Message: The specified bucket does not have a website configuration</li>\n<li>BucketName: plain</li>"},
	} {
		w := httptest.NewRecorder()
		h.svc.ServeWebsite(w, httptest.NewRequest("GET", "http://x/", nil), tc.bucket, "REQ")
		if w.Code != 404 || !strings.Contains(w.Body.String(), tc.code) {
			t.Errorf("%s: %d %q", tc.bucket, w.Code, w.Body.String())
		}
		if got := w.Header().Get("Content-Type"); got != "text/html; charset=utf-8" {
			t.Errorf("%s: Content-Type %q", tc.bucket, got)
		}
	}
}

func TestWebsiteMissingKeyWithoutListing(t *testing.T) {
	h := newHarness(t)
	h.must("CreateBucket", service.Params{"Bucket": "site"})
	h.must("PutBucketWebsite", service.Params{"Bucket": "site", "WebsiteConfiguration": map[string]any{"IndexDocument": index("index.html")}})
	if w := h.website("GET", "/nope"); w.Code != 403 || !strings.Contains(w.Body.String(), "AccessDenied") {
		t.Fatalf("a private bucket answered %d %q", w.Code, w.Body.String())
	}
}

func TestWebsitePolicyGrantsReads(t *testing.T) {
	h := newHarness(t)
	h.must("CreateBucket", service.Params{"Bucket": "site"})
	h.must("DeletePublicAccessBlock", service.Params{"Bucket": "site"})
	h.must("PutBucketWebsite", service.Params{"Bucket": "site", "WebsiteConfiguration": map[string]any{"IndexDocument": index("index.html")}})
	h.must("PutObject", service.Params{"Bucket": "site", "Key": "index.html", "Body": io.NopCloser(strings.NewReader("hi"))})
	h.must("PutBucketPolicy", service.Params{"Bucket": "site", "Policy": `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::site/*"}]}`})
	if w := h.website("GET", "/"); w.Code != 200 || w.Body.String() != "hi" {
		t.Fatalf("a public policy answered %d %q", w.Code, w.Body.String())
	}
}

func TestGlobMatch(t *testing.T) {
	for _, tc := range []struct {
		pattern, s string
		want       bool
	}{
		{"*", "", true},
		{"s3:Get*", "s3:GetObject", true},
		{"s3:Get*", "s3:PutObject", false},
		{"arn:aws:s3:::b/*", "arn:aws:s3:::b/a/b/c", true},
		{"arn:aws:s3:::b/?.txt", "arn:aws:s3:::b/a.txt", true},
		{"arn:aws:s3:::b/?.txt", "arn:aws:s3:::b/ab.txt", false},
		{"a*b*c", "aXXbYYc", true},
		{"a*b*c", "aXXbYY", false},
		{"", "a", false},
	} {
		if got := globMatch(tc.pattern, tc.s); got != tc.want {
			t.Errorf("globMatch(%q, %q) = %v", tc.pattern, tc.s, got)
		}
	}
}

func TestRoutingRuleLocation(t *testing.T) {
	for _, tc := range []struct {
		name   string
		rule   routingRule
		key    string
		want   string
		status int
	}{
		{"same key", routingRule{}, "a/b", "http://h/a/b", 301},
		{"replace key", routingRule{Redirect: websiteRedirect{HasReplaceKey: true, ReplaceKey: "x.html"}}, "a", "http://h/x.html", 301},
		{"replace prefix", routingRule{HasPrefix: true, KeyPrefix: "a/", Redirect: websiteRedirect{HasReplacePrefix: true, ReplacePrefix: "z/"}}, "a/b", "http://h/z/b", 301},
		{"empty prefix replacement strips it", routingRule{HasPrefix: true, KeyPrefix: "a/", Redirect: websiteRedirect{HasReplacePrefix: true}}, "a/b", "http://h/b", 301},
		{"prefix without condition prepends", routingRule{Redirect: websiteRedirect{HasReplacePrefix: true, ReplacePrefix: "p/"}}, "b", "http://h/p/b", 301},
		{"protocol host and code", routingRule{Redirect: websiteRedirect{Protocol: "https", HostName: "e.com", RedirectCode: "307"}}, "k", "https://e.com/k", 307},
		{"escaped key", routingRule{}, "a b", "http://h/a%20b", 301},
	} {
		got, status := tc.rule.location(tc.key, "http", "h")
		if got != tc.want || status != tc.status {
			t.Errorf("%s: %q %d, want %q %d", tc.name, got, status, tc.want, tc.status)
		}
	}
}

func FuzzWebsiteRoutingRules(f *testing.F) {
	f.Add("docs/", "404", "new/", "", "docs/a.html", 404)
	f.Add("", "", "", "k", "", 0)
	f.Fuzz(func(t *testing.T, prefix, code, replacePrefix, replaceKey, key string, status int) {
		cfg := websiteConfigOf(map[string]any{"IndexDocument": index("index.html"), "RoutingRules": []any{
			map[string]any{"Condition": map[string]any{"KeyPrefixEquals": prefix, "HttpErrorCodeReturnedEquals": code},
				"Redirect": map[string]any{"ReplaceKeyPrefixWith": replacePrefix, "ReplaceKeyWith": replaceKey}}}})
		if r := cfg.matchRule(key, status); r != nil {
			if loc, st := r.location(key, "http", "h"); !strings.HasPrefix(loc, "http://h/") || st < 300 || st > 399 {
				t.Fatalf("location %q %d", loc, st)
			}
		}
		_ = globMatch(prefix, key)
	})
}
