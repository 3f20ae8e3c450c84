package s3

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/parity-harness/parity/emulator/awserr"
	"github.com/parity-harness/parity/emulator/service"
)

func TestEvaluateCORS(t *testing.T) {
	h := newHarness(t)
	h.must("CreateBucket", service.Params{"Bucket": "cors"})
	h.must("CreateBucket", service.Params{"Bucket": "plain"})
	h.must("PutBucketCors", service.Params{"Bucket": "cors", "CORSConfiguration": map[string]any{"CORSRules": []any{
		map[string]any{"AllowedOrigins": []any{"https://*.example.com"}, "AllowedMethods": []any{"GET"}, "AllowedHeaders": []any{"x-amz-*"}, "MaxAgeSeconds": int64(60)},
	}}})
	cases := []struct {
		name, method, path     string
		headers                map[string]string
		applies, answered      bool
		code, message, resType string
		allowOrigin, allowHdrs string
	}{
		{name: "no bucket", method: "OPTIONS", path: "/", headers: map[string]string{"Origin": "https://a.example.com"}},
		{name: "request without origin", method: "GET", path: "/cors/k"},
		{name: "granted preflight", method: "OPTIONS", path: "/cors/k", headers: map[string]string{"Origin": "https://a.example.com", "Access-Control-Request-Method": "GET", "Access-Control-Request-Headers": "X-Amz-Date"},
			applies: true, answered: true, allowOrigin: "https://a.example.com", allowHdrs: "x-amz-date"},
		{name: "refused preflight", method: "OPTIONS", path: "/cors/k", headers: map[string]string{"Origin": "https://a.example.com", "Access-Control-Request-Method": "PUT"},
			applies: true, answered: true, code: "AccessForbidden", message: corsNotAllowedMessage, resType: "OBJECT"},
		{name: "refused bucket preflight", method: "OPTIONS", path: "/cors", headers: map[string]string{"Origin": "https://evil.test", "Access-Control-Request-Method": "GET"},
			applies: true, answered: true, code: "AccessForbidden", message: corsNotAllowedMessage, resType: "BUCKET"},
		{name: "no configuration", method: "OPTIONS", path: "/plain/k", headers: map[string]string{"Origin": "https://a.example.com", "Access-Control-Request-Method": "GET"},
			applies: true, answered: true, code: "AccessForbidden", message: corsNotEnabledMessage, resType: "BUCKET"},
		{name: "no such bucket", method: "OPTIONS", path: "/missing/k", headers: map[string]string{"Origin": "https://a.example.com", "Access-Control-Request-Method": "GET"},
			applies: true, answered: true, code: "AccessForbidden", message: corsNoBucketMessage, resType: "BUCKET"},
		{name: "no origin", method: "OPTIONS", path: "/cors/k", headers: map[string]string{"Access-Control-Request-Method": "GET"},
			applies: true, answered: true, code: "BadRequest", message: corsNoOriginMessage},
		{name: "no requested method", method: "OPTIONS", path: "/cors/k", headers: map[string]string{"Origin": "https://a.example.com"},
			applies: true, answered: true, code: "BadRequest", message: corsNoMethodMessage},
		{name: "get with allowed origin", method: "GET", path: "/cors/k", headers: map[string]string{"Origin": "https://a.example.com"},
			applies: true, allowOrigin: "https://a.example.com"},
		{name: "put with allowed origin but method not allowed", method: "PUT", path: "/cors/k", headers: map[string]string{"Origin": "https://a.example.com"},
			applies: true},
		{name: "get to missing bucket", method: "GET", path: "/missing/k", headers: map[string]string{"Origin": "https://a.example.com"},
			applies: true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := httptest.NewRequest(c.method, "http://localhost"+c.path, nil)
			for k, v := range c.headers {
				r.Header.Set(k, v)
			}
			hdr := http.Header{}
			applies, answered, err := h.svc.EvaluateCORS(r, hdr, "REQ1")
			if applies != c.applies || answered != c.answered {
				t.Fatalf("applies %v answered %v, want %v %v", applies, answered, c.applies, c.answered)
			}
			if c.code != "" {
				ae, ok := awserr.As(err)
				if !ok || ae.Code != c.code || ae.Message != c.message || (c.resType != "" && ae.Fields["ResourceType"] != c.resType) {
					t.Fatalf("error %#v", err)
				}
				if len(hdr) != 0 {
					t.Fatalf("a refusal grants no headers: %v", hdr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if hdr.Get("Access-Control-Allow-Origin") != c.allowOrigin || hdr.Get("Access-Control-Allow-Headers") != c.allowHdrs {
				t.Fatalf("headers %v", hdr)
			}
			if c.allowOrigin != "" && (hdr.Get("Access-Control-Max-Age") != "60" || hdr.Get("Access-Control-Allow-Credentials") != "true") {
				t.Fatalf("headers %v", hdr)
			}
		})
	}
}
