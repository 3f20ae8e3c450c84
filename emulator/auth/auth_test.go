package auth

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
)

func signed(t *testing.T, method, url, body, secret, service string, at time.Time) *http.Request {
	t.Helper()
	r := httptest.NewRequest(method, url, bytes.NewReader([]byte(body)))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	sum := sha256hex([]byte(body))
	err := v4.NewSigner().SignHTTP(context.Background(), aws.Credentials{AccessKeyID: "AKIDEXAMPLE", SecretAccessKey: secret}, r, sum, service, "us-east-1", at)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestVerify(t *testing.T) {
	now := time.Now()
	cases := []struct {
		name       string
		signSecret string
		tamper     func(r *http.Request)
		wantCode   string
	}{
		{name: "good signature", signSecret: "secret"},
		{name: "wrong secret", signSecret: "other", wantCode: "SignatureDoesNotMatch"},
		{name: "tampered query", signSecret: "secret", tamper: func(r *http.Request) { r.URL.RawQuery = "x=2" }, wantCode: "SignatureDoesNotMatch"},
		{name: "no signature", signSecret: "secret", tamper: func(r *http.Request) {
			r.Header.Set("Authorization", "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/us-east-1/sqs/aws4_request")
		}, wantCode: "IncompleteSignature"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := signed(t, "POST", "http://sqs.us-east-1.localhost/?x=1", "Action=ListQueues", tc.signSecret, "sqs", now)
			if tc.tamper != nil {
				tc.tamper(r)
			}
			scope, ok := ParseScope(r)
			if !ok {
				t.Fatal("no scope")
			}
			body, _ := ReadBody(r)
			err := Verify(r, scope, "secret", body)
			switch {
			case tc.wantCode == "" && err != nil:
				t.Fatalf("unexpected %v", err)
			case tc.wantCode != "" && (err == nil || err.Code != tc.wantCode):
				t.Fatalf("got %v, want %s", err, tc.wantCode)
			}
		})
	}
}

func TestPresignedExpiry(t *testing.T) {
	r := httptest.NewRequest("GET", "/b/k?X-Amz-Credential=AKID%2F20260101%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20260101T000000Z&X-Amz-Expires=60", nil)
	if err := CheckExpiry(r, time.Date(2026, 1, 1, 0, 0, 30, 0, time.UTC)); err != nil {
		t.Fatalf("within expiry: %v", err)
	}
	if err := CheckExpiry(r, time.Date(2026, 1, 1, 0, 2, 0, 0, time.UTC)); err == nil || err.Code != "AccessDenied" {
		t.Fatalf("after expiry: %v", err)
	}
}

func TestResolveAccount(t *testing.T) {
	reg := NewRegistry()
	for key, want := range map[string]string{"test": "000000000000", "123456789012": "123456789012", "AKIAXXXX": "000000000000"} {
		if got := reg.Resolve(key).Account; got != want {
			t.Errorf("%s → %s, want %s", key, got, want)
		}
	}
}
