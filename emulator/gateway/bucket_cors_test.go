package gateway

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/parity-harness/parity/emulator/awserr"
	"github.com/parity-harness/parity/emulator/service"
)

// bucketCORS is an S3 model whose bucket "open" grants every cross-origin
// request and whose other buckets refuse preflights; requests to no bucket
// are left to the gateway.
type bucketCORS struct{ modelOnly }

func (bucketCORS) EvaluateCORS(r *http.Request, h http.Header, requestID string) (applies, answered bool, err error) {
	bucket, _, _ := strings.Cut(strings.TrimPrefix(r.URL.Path, "/"), "/")
	if bucket == "" || (r.Method != http.MethodOptions && r.Header.Get("Origin") == "") {
		return false, false, nil
	}
	if bucket == "open" {
		h.Set("Access-Control-Allow-Origin", "*")
	} else if r.Method == http.MethodOptions {
		return true, true, awserr.New("AccessForbidden", 403, "CORSResponse: CORS is not enabled for this bucket.")
	}
	return true, r.Method == http.MethodOptions, nil
}

func TestBucketRequestsFollowTheBucketsCORS(t *testing.T) {
	g, err := New(Config{Services: []service.Service{bucketCORS{"s3"}, modelOnly("sqs")}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = g.Close() })
	for _, c := range []struct {
		name, method, target string
		status               int
		allowOrigin, code    string
	}{
		{"preflight granted by the bucket", http.MethodOptions, "http://localhost/open/key", 200, "*", ""},
		{"preflight granted by a virtual-host bucket", http.MethodOptions, "http://open.s3.localhost.localstack.cloud/key", 200, "*", ""},
		{"preflight refused by the bucket", http.MethodOptions, "http://localhost/closed/key", 403, "", "AccessForbidden"},
		{"preflight to no bucket is permissive", http.MethodOptions, "http://localhost/", 200, "http://app.example", ""},
		{"internal endpoints are permissive", http.MethodOptions, "http://localhost/_parity/health", 200, "http://app.example", ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := httptest.NewRequest(c.method, c.target, nil)
			r.Header.Set("Origin", "http://app.example")
			r.Header.Set("Access-Control-Request-Method", "GET")
			w := httptest.NewRecorder()
			g.ServeHTTP(w, r)
			if w.Code != c.status || w.Header().Get("Access-Control-Allow-Origin") != c.allowOrigin {
				t.Fatalf("status %d, headers %v, body %s", w.Code, w.Header(), w.Body)
			}
			if c.code != "" && !strings.Contains(w.Body.String(), "<Code>"+c.code+"</Code>") {
				t.Fatalf("body %s", w.Body)
			}
		})
	}
	entries := g.CallLog().Entries()
	if len(entries) == 0 || entries[0].Operation != "PreflightRequest" {
		t.Fatalf("call log %+v", entries)
	}
}
