package s3

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/parity-harness/parity/emulator/service"
)

func TestAnonymousRequest(t *testing.T) {
	for _, tc := range []struct {
		name, url, authorization string
		want                     bool
	}{
		{"no credentials", "http://localhost/bkt", "", true},
		{"signed", "http://localhost/bkt", "AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/s3/aws4_request", false},
		{"presigned v4", "http://localhost/bkt?X-Amz-Credential=test&X-Amz-Signature=abc", "", false},
		{"presigned v2", "http://localhost/bkt?AWSAccessKeyId=test&Signature=abc&Expires=1", "", false},
		{"other query", "http://localhost/bkt?list-type=2&prefix=a", "", true},
	} {
		r := httptest.NewRequest(http.MethodGet, tc.url, nil)
		if tc.authorization != "" {
			r.Header.Set("Authorization", tc.authorization)
		}
		if got := anonymousRequest(r); got != tc.want {
			t.Errorf("%s: anonymousRequest = %v, want %v", tc.name, got, tc.want)
		}
	}
}

func TestListObjectsNamesOwnersToAuthenticatedCallers(t *testing.T) {
	h := newHarness(t)
	h.must("CreateBucket", service.Params{"Bucket": "bkt"})
	h.must("PutObject", service.Params{"Bucket": "bkt", "Key": "k", "Body": io.NopCloser(strings.NewReader("x"))})
	for _, tc := range []struct {
		name      string
		hdr       map[string]string
		wantOwner bool
	}{
		{"anonymous", nil, false},
		{"signed", map[string]string{"Authorization": "AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/s3/aws4_request"}, true},
	} {
		out, _, err := h.call("ListObjects", service.Params{"Bucket": "bkt"}, tc.hdr)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		entry := out["Contents"].([]any)[0].(map[string]any)
		if _, has := entry["Owner"]; has != tc.wantOwner {
			t.Errorf("%s: Owner listed = %v, want %v", tc.name, has, tc.wantOwner)
		}
	}
}
