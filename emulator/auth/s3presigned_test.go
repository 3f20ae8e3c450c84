package auth

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
)

// presignV4 presigns a request for S3 with the SDK's signer; header is sent
// and signed.
func presignV4(t *testing.T, method, rawURL string, header http.Header, at time.Time) string {
	t.Helper()
	r := httptest.NewRequest(method, rawURL, nil)
	r.Header = header.Clone()
	q := r.URL.Query()
	q.Set("X-Amz-Expires", "60")
	r.URL.RawQuery = q.Encode()
	signed, _, err := v4.NewSigner().PresignHTTP(context.Background(), aws.Credentials{AccessKeyID: "AKID", SecretAccessKey: "secret"}, r, "UNSIGNED-PAYLOAD", "s3", "us-east-1", at)
	if err != nil {
		t.Fatal(err)
	}
	return signed
}

func TestS3PresignedV4(t *testing.T) {
	at := time.Now()
	meta := http.Header{"X-Amz-Meta-Foo": {"bar"}}
	cases := []struct {
		name     string
		signed   http.Header // headers signed
		query    string      // extra query parameters signed
		sent     http.Header // headers sent
		tamper   func(u string) string
		wantCode string
		wantNot  string // HeadersNotSigned
	}{
		{name: "plain"},
		{name: "signed metadata sent", signed: meta, sent: meta},
		{name: "signed metadata not sent", signed: meta, wantCode: "SignatureDoesNotMatch"},
		{name: "unsigned metadata sent", signed: meta, sent: http.Header{"X-Amz-Meta-Wrong": {"wrong"}}, wantCode: "AccessDenied", wantNot: "x-amz-meta-wrong"},
		{name: "two unsigned headers", sent: http.Header{"X-Amz-Meta-B": {"b"}, "X-Amz-Acl": {"private"}}, wantCode: "AccessDenied", wantNot: "x-amz-acl, x-amz-meta-b"},
		{name: "authentication parameter as header", sent: http.Header{"X-Amz-Expires": {"5"}}, wantCode: "AccessDenied", wantNot: "x-amz-expires"},
		{name: "query parameter repeated as header", query: "x-amz-storage-class=STANDARD", sent: http.Header{"X-Amz-Storage-Class": {"STANDARD"}}, wantCode: "SignatureDoesNotMatch"},
		{name: "query parameter alone", query: "x-amz-storage-class=STANDARD"},
		{name: "unsigned non-amz header", sent: http.Header{"Content-Type": {"text/plain"}}},
		{name: "tampered key", tamper: func(u string) string { return strings.Replace(u, "/bkt/k", "/bkt/other", 1) }, wantCode: "SignatureDoesNotMatch"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			raw := "http://localhost:4566/bkt/k"
			if tc.query != "" {
				raw += "?" + tc.query
			}
			u := presignV4(t, "PUT", raw, tc.signed, at)
			if tc.tamper != nil {
				u = tc.tamper(u)
			}
			r := httptest.NewRequest("PUT", u, nil)
			for k, vs := range tc.sent {
				r.Header[k] = vs
			}
			scope, ok := ParseScope(r)
			if !ok || !scope.Presigned {
				t.Fatalf("scope %+v %v", scope, ok)
			}
			if err := CheckS3QueryAuth(r); err != nil {
				t.Fatal(err)
			}
			err := CheckSignedAmzHeaders(r)
			if err == nil {
				err = Verify(r, scope, "secret", nil)
			}
			switch {
			case tc.wantCode == "" && err != nil:
				t.Fatalf("unexpected %v", err)
			case tc.wantCode != "" && (err == nil || err.Code != tc.wantCode):
				t.Fatalf("got %v, want %s", err, tc.wantCode)
			case tc.wantNot != "" && err.Fields["HeadersNotSigned"] != tc.wantNot:
				t.Fatalf("HeadersNotSigned %v, want %s", err.Fields["HeadersNotSigned"], tc.wantNot)
			}
			if err != nil && err.Code == "SignatureDoesNotMatch" {
				for _, f := range []string{"AWSAccessKeyId", "StringToSign", "SignatureProvided", "StringToSignBytes", "CanonicalRequest", "CanonicalRequestBytes"} {
					if s, _ := err.Fields[f].(string); s == "" {
						t.Fatalf("no %s in %v", f, err.Fields)
					}
				}
			}
		})
	}
}

func TestCheckS3QueryAuth(t *testing.T) {
	const rest = "&X-Amz-Signature=abc&X-Amz-Date=20260101T000000Z&X-Amz-SignedHeaders=host&X-Amz-Expires=60"
	cases := []struct {
		query    string
		wantCode string
	}{
		{query: ""},
		{query: "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AK%2F20260101%2Fus-east-1%2Fs3%2Faws4_request" + rest},
		{query: "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AK%252F20260101%252Fus-east-1%252Fs3%252Faws4_request" + rest, wantCode: "AuthorizationQueryParametersError"},
		{query: "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=" + rest, wantCode: "AuthorizationQueryParametersError"},
		{query: "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AK%2F20260101%2Fus-east-1%2Fs3%2Faws5_request" + rest, wantCode: "AuthorizationQueryParametersError"},
		{query: "X-Amz-Algorithm=AWS4-HMAC-SHA1&X-Amz-Credential=AK%2F20260101%2Fus-east-1%2Fs3%2Faws4_request" + rest, wantCode: "AuthorizationQueryParametersError"},
		{query: "X-Amz-Credential=AK%2F20260101%2Fus-east-1%2Fs3%2Faws4_request", wantCode: "AuthorizationQueryParametersError"},
		{query: "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AK%2F20260101%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20260101T000000Z&X-Amz-SignedHeaders=host&X-Amz-Expires=60", wantCode: "AuthorizationQueryParametersError"},
		{query: "AWSAccessKeyId=AK&Expires=1", wantCode: "AccessDenied"},
		{query: "AWSAccessKeyId=AK&Expires=1&Signature=s"},
	}
	for _, tc := range cases {
		r := httptest.NewRequest("GET", "/b/k?"+tc.query, nil)
		err := CheckS3QueryAuth(r)
		if (tc.wantCode == "" && err != nil) || (tc.wantCode != "" && (err == nil || err.Code != tc.wantCode)) {
			t.Errorf("%s: got %v, want %q", tc.query, err, tc.wantCode)
		}
	}
}

func TestCheckExpiryS3Fields(t *testing.T) {
	r := httptest.NewRequest("GET", "/b/k?X-Amz-Credential=AKID%2F20260101%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20260101T000000Z&X-Amz-Expires=2", nil)
	err := CheckExpiry(r, time.Date(2026, 1, 1, 0, 0, 5, 0, time.UTC))
	if err == nil || err.Fields["X-Amz-Expires"] != "2" || err.Fields["Expires"] != "2026-01-01T00:00:02Z" || err.Fields["ServerTime"] != "2026-01-01T00:00:05Z" {
		t.Fatalf("got %v %v", err, err.Fields)
	}
	r = httptest.NewRequest("GET", "/?X-Amz-Credential=AKID%2F20260101%2Fus-east-1%2Fsqs%2Faws4_request&X-Amz-Date=20260101T000000Z&X-Amz-Expires=2", nil)
	if err := CheckExpiry(r, time.Date(2026, 1, 1, 0, 0, 5, 0, time.UTC)); err == nil || err.Fields != nil {
		t.Fatalf("other services have no extra fields: %v", err)
	}
}

func TestCheckExpiryParameters(t *testing.T) {
	const base = "/b/k?X-Amz-Credential=AKID%2F20260101%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date="
	now := time.Date(2026, 1, 1, 0, 0, 30, 0, time.UTC)
	for _, tc := range []struct{ date, expires, wantCode, wantMsg string }{
		{date: "20260101T000000Z", expires: "60"},
		{date: "20260101T000000Z", expires: "604800"},
		{date: "20260101T000000Z", expires: "0", wantCode: "AccessDenied", wantMsg: "Request has expired"},
		{date: "20260101T000000Z", expires: "604801", wantCode: "AuthorizationQueryParametersError", wantMsg: "X-Amz-Expires must be less than a week (in seconds) that is 604800"},
		{date: "20260101T000000Z", expires: "-1", wantCode: "AuthorizationQueryParametersError", wantMsg: "X-Amz-Expires must be non-negative"},
		{date: "20260101T000000Z", expires: "soon", wantCode: "AuthorizationQueryParametersError", wantMsg: "X-Amz-Expires should be a number"},
		{date: "2026-01-01", expires: "60", wantCode: "AuthorizationQueryParametersError", wantMsg: `X-Amz-Date must be in the ISO8601 Long Format "yyyyMMdd'T'HHmmss'Z'"`},
	} {
		err := CheckExpiry(httptest.NewRequest("GET", base+tc.date+"&X-Amz-Expires="+tc.expires, nil), now)
		if tc.wantCode == "" {
			if err != nil {
				t.Errorf("%s %s: unexpected %v", tc.date, tc.expires, err)
			}
			continue
		}
		if err == nil || err.Code != tc.wantCode || err.Message != tc.wantMsg {
			t.Errorf("%s %s: got %v, want %s: %s", tc.date, tc.expires, err, tc.wantCode, tc.wantMsg)
		}
	}
}

func TestHoistQueryHeaders(t *testing.T) {
	r := httptest.NewRequest("PUT", "/b/k?"+url.Values{
		"x-amz-meta-foo": {"bar"}, "x-amz-storage-class": {"GLACIER"}, "X-Amz-Signature": {"s"},
		"X-Amz-Credential": {"c"}, "versionId": {"v"},
	}.Encode(), nil)
	r.Header.Set("X-Amz-Storage-Class", "STANDARD")
	HoistQueryHeaders(r)
	for name, want := range map[string]string{"X-Amz-Meta-Foo": "bar", "X-Amz-Storage-Class": "STANDARD", "X-Amz-Signature": "", "X-Amz-Credential": "", "Versionid": ""} {
		if got := r.Header.Get(name); got != want {
			t.Errorf("%s: got %q, want %q", name, got, want)
		}
	}
}
