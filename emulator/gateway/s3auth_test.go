package gateway

import (
	"context"
	"crypto/hmac"
	"crypto/sha1"
	"encoding/base64"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"

	"github.com/parity-harness/parity/emulator/awserr"
)

// presignedV4 presigns method on rawURL for S3 with key/secret.
func presignedV4(t *testing.T, method, rawURL, key, secret string) string {
	t.Helper()
	r := httptest.NewRequest(method, rawURL, nil)
	q := r.URL.Query()
	q.Set("X-Amz-Expires", "60")
	r.URL.RawQuery = q.Encode()
	u, _, err := v4.NewSigner().PresignHTTP(context.Background(), aws.Credentials{AccessKeyID: key, SecretAccessKey: secret}, r, "UNSIGNED-PAYLOAD", "s3", "us-east-1", time.Now())
	if err != nil {
		t.Fatal(err)
	}
	return u
}

// presignedV2 presigns a GET of /bucket/key (the canonical resource) at
// rawURL with SigV2.
func presignedV2(rawURL, resource, key, secret string) string {
	expires := strconv.FormatInt(time.Now().Add(time.Minute).Unix(), 10)
	m := hmac.New(sha1.New, []byte(secret))
	m.Write([]byte("GET\n\n\n" + expires + "\n" + resource))
	return rawURL + "?" + url.Values{"AWSAccessKeyId": {key}, "Expires": {expires}, "Signature": {base64.StdEncoding.EncodeToString(m.Sum(nil))}}.Encode()
}

func TestAuthenticateS3(t *testing.T) {
	cases := []struct {
		name     string
		method   string // default GET
		url      func(t *testing.T) string
		header   map[string]string
		verify   bool
		wantCode string
		wantHdr  map[string]string // request headers after authentication
	}{
		{name: "path-style SigV4", url: func(t *testing.T) string { return presignedV4(t, "GET", "http://127.0.0.1:4566/bkt/k", "test", "test") }},
		{name: "virtual-host SigV4", url: func(t *testing.T) string {
			return presignedV4(t, "GET", "http://bkt.s3.localhost:4566/k", "test", "test")
		}},
		{name: "virtual-host SigV4 of another key", url: func(t *testing.T) string {
			return strings.Replace(presignedV4(t, "GET", "http://bkt.s3.localhost:4566/k", "test", "test"), "/k?", "/other?", 1)
		}, wantCode: "SignatureDoesNotMatch"},
		{name: "wrong secret of the default key", url: func(t *testing.T) string {
			return presignedV4(t, "GET", "http://127.0.0.1:4566/bkt/k", "test", "other")
		}, wantCode: "SignatureDoesNotMatch"},
		{name: "unknown key, signatures not verified", url: func(t *testing.T) string {
			return presignedV4(t, "GET", "http://127.0.0.1:4566/bkt/k", "AKIAUNKNOWN", "other")
		}},
		{name: "unknown key, signatures verified", url: func(t *testing.T) string {
			return presignedV4(t, "GET", "http://127.0.0.1:4566/bkt/k", "AKIAUNKNOWN", "other")
		}, verify: true, wantCode: "SignatureDoesNotMatch"},
		{name: "x-amz- query parameters become headers", method: "PUT", url: func(t *testing.T) string {
			return presignedV4(t, "PUT", "http://127.0.0.1:4566/bkt/k?x-amz-meta-foo=bar&x-amz-storage-class=GLACIER", "test", "test")
		}, wantHdr: map[string]string{"X-Amz-Meta-Foo": "bar", "X-Amz-Storage-Class": "GLACIER", "X-Amz-Signature": ""}},
		{name: "unsigned x-amz- header", url: func(t *testing.T) string { return presignedV4(t, "GET", "http://127.0.0.1:4566/bkt/k", "test", "test") },
			header: map[string]string{"X-Amz-Meta-A": "b"}, wantCode: "AccessDenied"},
		{name: "virtual-host SigV2", url: func(t *testing.T) string {
			return presignedV2("http://bkt.s3.localhost:4566/k", "/bkt/k", "test", "test")
		}},
		{name: "path-style SigV2 of another key", url: func(t *testing.T) string {
			return presignedV2("http://127.0.0.1:4566/bkt/other", "/bkt/k", "test", "test")
		}, wantCode: "SignatureDoesNotMatch"},
		{name: "SigV2 without Expires", url: func(t *testing.T) string { return "http://127.0.0.1:4566/bkt/k?AWSAccessKeyId=test&Signature=abc" }, wantCode: "AccessDenied"},
		{name: "double-encoded credential", url: func(t *testing.T) string {
			return strings.ReplaceAll(presignedV4(t, "GET", "http://127.0.0.1:4566/bkt/k", "test", "test"), "%2F", "%252F")
		}, wantCode: "AuthorizationQueryParametersError"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			g := testGateway(t)
			g.cfg.VerifySignatures = tc.verify
			method := tc.method
			if method == "" {
				method = "GET"
			}
			r := httptest.NewRequest(method, tc.url(t), nil)
			for k, v := range tc.header {
				r.Header.Set(k, v)
			}
			rt, ok := g.resolve(r)
			if !ok || rt.svc.name != "s3" {
				t.Fatalf("route %+v", rt)
			}
			c := &call{w: &statusWriter{ResponseWriter: httptest.NewRecorder()}, r: r, rt: rt}
			err := g.authenticate(c)
			ae, _ := awserr.As(err)
			switch {
			case tc.wantCode == "" && err != nil:
				t.Fatalf("unexpected %v", err)
			case tc.wantCode != "" && (ae == nil || ae.Code != tc.wantCode):
				t.Fatalf("got %v, want %s", err, tc.wantCode)
			}
			for k, want := range tc.wantHdr {
				if got := r.Header.Get(k); got != want {
					t.Errorf("header %s = %q, want %q", k, got, want)
				}
			}
		})
	}
}

func TestAuthenticateS3HeaderSigV2(t *testing.T) {
	date := time.Now().UTC().Format(http.TimeFormat)
	m := hmac.New(sha1.New, []byte("test"))
	m.Write([]byte("GET\n\n\n" + date + "\n/bkt/k"))
	good := "AWS test:" + base64.StdEncoding.EncodeToString(m.Sum(nil))
	for auth, wantCode := range map[string]string{good: "", "AWS test:AAAA": "SignatureDoesNotMatch", "AWS test": "InvalidArgument"} {
		g := testGateway(t)
		g.cfg.VerifySignatures = true
		r := httptest.NewRequest("GET", "http://127.0.0.1:4566/bkt/k", nil)
		r.Header.Set("Date", date)
		r.Header.Set("Authorization", auth)
		rt, _ := g.resolve(r)
		err := g.authenticate(&call{w: &statusWriter{ResponseWriter: httptest.NewRecorder()}, r: r, rt: rt})
		ae, _ := awserr.As(err)
		if (wantCode == "" && err != nil) || (wantCode != "" && (ae == nil || ae.Code != wantCode)) {
			t.Errorf("%s: got %v, want %q", auth, err, wantCode)
		}
	}
}

// A request refused for its signature is logged under the operation it
// asked for, so coverage does not count it as an unknown call.
func TestRefusedSignatureLogsTheOperation(t *testing.T) {
	g := testGateway(t)
	r := httptest.NewRequest("GET", presignedV2("http://127.0.0.1:4566/bkt/other", "/bkt/k", "test", "test"), nil)
	w := httptest.NewRecorder()
	g.ServeHTTP(w, r)
	if w.Code != http.StatusForbidden {
		t.Fatalf("status %d:\n%s", w.Code, w.Body)
	}
	entries := g.CallLog().Entries()
	if len(entries) != 1 || entries[0].Operation != "GetObject" || entries[0].ErrorCode != "SignatureDoesNotMatch" {
		t.Fatalf("call log %+v", entries)
	}
}
