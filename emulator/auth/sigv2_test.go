package auth

import (
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// The signatures below were made by independent signers: the S3
// documentation's query-string example and botocore's HmacV1 signers.
func TestVerifyV2(t *testing.T) {
	const docsSecret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
	const putURL = "/bkt/k?AWSAccessKeyId=AKIDEXAMPLE&Signature=RR%2Boio16YehzuauhC2QuwjVqDVw%3D&content-type=text%2Fplain&x-amz-meta-foo=bar&Expires=1795262254"
	cases := []struct {
		name     string
		method   string
		url      string
		header   map[string]string
		secret   string
		wantCode string
	}{
		{name: "documentation example", method: "GET", url: "/johnsmith/photos/puppy.jpg?AWSAccessKeyId=AKIAIOSFODNN7EXAMPLE&Signature=NpgCjnDzrM%2BWFzoENXmpNDUsSn8%3D&Expires=1175139620", secret: docsSecret},
		{name: "wrong secret", method: "GET", url: "/johnsmith/photos/puppy.jpg?AWSAccessKeyId=AKIAIOSFODNN7EXAMPLE&Signature=NpgCjnDzrM%2BWFzoENXmpNDUsSn8%3D&Expires=1175139620", secret: "other", wantCode: "SignatureDoesNotMatch"},
		{name: "other key than signed", method: "GET", url: "/johnsmith/photos/kitten.jpg?AWSAccessKeyId=AKIAIOSFODNN7EXAMPLE&Signature=NpgCjnDzrM%2BWFzoENXmpNDUsSn8%3D&Expires=1175139620", secret: docsSecret, wantCode: "SignatureDoesNotMatch"},
		{name: "other verb than signed", method: "PUT", url: "/johnsmith/photos/puppy.jpg?AWSAccessKeyId=AKIAIOSFODNN7EXAMPLE&Signature=NpgCjnDzrM%2BWFzoENXmpNDUsSn8%3D&Expires=1175139620", secret: docsSecret, wantCode: "SignatureDoesNotMatch"},
		{name: "encoded key", method: "GET", url: "/bkt/a%20b/%C3%BC.txt?AWSAccessKeyId=AKIDEXAMPLE&Signature=Hx%2BX86R1MQlu2dwqpj8A7ENEXYs%3D&Expires=1795262254", secret: "secret"},
		{name: "sub-resources and response overrides", method: "GET", url: "/bkt/k?response-cache-control=no-cache&response-content-type=text%2Fplain&versionId=v1&AWSAccessKeyId=AKIDEXAMPLE&Signature=rBySt3HaiA3H49PUAbg3Bku4uOc%3D&Expires=1795262254", secret: "secret"},
		{name: "an unsigned query parameter does not count", method: "GET", url: "/bkt/k?response-cache-control=no-cache&response-content-type=text%2Fplain&versionId=v1&foo=bar&AWSAccessKeyId=AKIDEXAMPLE&Signature=rBySt3HaiA3H49PUAbg3Bku4uOc%3D&Expires=1795262254", secret: "secret"},
		{name: "a sub-resource changed", method: "GET", url: "/bkt/k?response-cache-control=no-store&response-content-type=text%2Fplain&versionId=v1&AWSAccessKeyId=AKIDEXAMPLE&Signature=rBySt3HaiA3H49PUAbg3Bku4uOc%3D&Expires=1795262254", secret: "secret", wantCode: "SignatureDoesNotMatch"},
		{name: "metadata from the query, content type sent", method: "PUT", url: putURL, header: map[string]string{"Content-Type": "text/plain"}, secret: "secret"},
		{name: "content type not sent", method: "PUT", url: putURL, secret: "secret", wantCode: "SignatureDoesNotMatch"},
		{name: "other content type", method: "PUT", url: putURL, header: map[string]string{"Content-Type": "text/xml"}, secret: "secret", wantCode: "SignatureDoesNotMatch"},
		{name: "extra metadata header", method: "PUT", url: putURL, header: map[string]string{"Content-Type": "text/plain", "X-Amz-Meta-Wrong": "wrong"}, secret: "secret", wantCode: "SignatureDoesNotMatch"},
		{name: "unsigned header", method: "PUT", url: putURL, header: map[string]string{"Content-Type": "text/plain", "Content-Encoding": "gzip"}, secret: "secret"},
		{name: "header authentication", method: "PUT", url: "/bkt/k?tagging", header: map[string]string{
			"Date": "Sat, 21 Nov 2026 10:57:46 GMT", "Content-Type": "text/plain", "Content-MD5": "ZZ+C3rZQu2nZ0UYE9DkFkw==",
			"X-Amz-Meta-B": "two", "x-amz-meta-a": "  one   spaced ", "Authorization": "AWS AKIDEXAMPLE:MCoDoFk7ff6O80Tu6LoN5/Z7y2E="}, secret: "secret"},
		{name: "header authentication, other date", method: "PUT", url: "/bkt/k?tagging", header: map[string]string{
			"Date": "Sat, 21 Nov 2026 10:57:47 GMT", "Content-Type": "text/plain", "Content-MD5": "ZZ+C3rZQu2nZ0UYE9DkFkw==",
			"X-Amz-Meta-B": "two", "x-amz-meta-a": "  one   spaced ", "Authorization": "AWS AKIDEXAMPLE:MCoDoFk7ff6O80Tu6LoN5/Z7y2E="}, secret: "secret", wantCode: "SignatureDoesNotMatch"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := httptest.NewRequest(tc.method, tc.url, nil)
			for k, v := range tc.header {
				r.Header.Set(k, v)
			}
			v, ok, perr := ParseSigV2(r)
			if !ok || perr != nil {
				t.Fatalf("ParseSigV2: ok=%v err=%v", ok, perr)
			}
			err := VerifyV2(r, v, tc.secret)
			switch {
			case tc.wantCode == "" && err != nil:
				t.Fatalf("unexpected %v (string to sign %q)", err, err.Fields["StringToSign"])
			case tc.wantCode != "" && (err == nil || err.Code != tc.wantCode):
				t.Fatalf("got %v, want %s", err, tc.wantCode)
			}
			if err == nil {
				return
			}
			toSign, _ := err.Fields["StringToSign"].(string)
			if err.Status != 403 || err.Fields["AWSAccessKeyId"] != v.AccessKey || err.Fields["SignatureProvided"] != v.Signature || err.Fields["StringToSignBytes"] != spacedHex(toSign) {
				t.Fatalf("error fields: %d %v", err.Status, err.Fields)
			}
		})
	}
}

func TestParseSigV2(t *testing.T) {
	cases := []struct {
		name     string
		url      string
		auth     string
		wantOK   bool
		wantCode string
		want     SigV2
	}{
		{name: "no authentication", url: "/b/k"},
		{name: "SigV4 presigned", url: "/b/k?X-Amz-Credential=a%2F20260101%2Fus-east-1%2Fs3%2Faws4_request&Signature=x"},
		{name: "query", url: "/b/k?AWSAccessKeyId=AK&Signature=c2ln&Expires=10", wantOK: true, want: SigV2{AccessKey: "AK", Signature: "c2ln", Expires: "10", Presigned: true}},
		{name: "signature missing", url: "/b/k?AWSAccessKeyId=AK&Expires=10", wantCode: "AccessDenied"},
		{name: "expires missing", url: "/b/k?AWSAccessKeyId=AK&Signature=c2ln", wantCode: "AccessDenied"},
		{name: "key missing", url: "/b/k?Signature=c2ln&Expires=10", wantCode: "AccessDenied"},
		{name: "empty signature", url: "/b/k?AWSAccessKeyId=AK&Signature=&Expires=10", wantCode: "AccessDenied"},
		{name: "header", url: "/b/k", auth: "AWS AK:c2ln", wantOK: true, want: SigV2{AccessKey: "AK", Signature: "c2ln"}},
		{name: "header without signature", url: "/b/k", auth: "AWS AK", wantCode: "InvalidArgument"},
		{name: "SigV4 header", url: "/b/k", auth: "AWS4-HMAC-SHA256 Credential=AK/20260101/us-east-1/s3/aws4_request"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := httptest.NewRequest("GET", tc.url, nil)
			if tc.auth != "" {
				r.Header.Set("Authorization", tc.auth)
			}
			got, ok, err := ParseSigV2(r)
			if tc.wantCode != "" {
				if err == nil || err.Code != tc.wantCode {
					t.Fatalf("got %v, want %s", err, tc.wantCode)
				}
				return
			}
			if err != nil || ok != tc.wantOK || got != tc.want {
				t.Fatalf("got %+v %v %v, want %+v %v", got, ok, err, tc.want, tc.wantOK)
			}
		})
	}
}

func TestCheckExpiryV2(t *testing.T) {
	now := time.Unix(1700000000, 0)
	cases := []struct {
		expires  string
		wantCode string
		wantMsg  string
	}{
		{expires: "1700000001"},
		{expires: "1700000000"},
		{expires: "1699999999", wantCode: "AccessDenied", wantMsg: "Request has expired"},
		{expires: "soon", wantCode: "AccessDenied", wantMsg: "Invalid date (should be seconds since epoch): soon"},
	}
	for _, tc := range cases {
		err := CheckExpiryV2(SigV2{Expires: tc.expires, Presigned: true}, now)
		if tc.wantCode == "" {
			if err != nil {
				t.Errorf("%s: unexpected %v", tc.expires, err)
			}
			continue
		}
		if err == nil || err.Code != tc.wantCode || err.Message != tc.wantMsg {
			t.Errorf("%s: got %v, want %s %s", tc.expires, err, tc.wantCode, tc.wantMsg)
		}
	}
	err := CheckExpiryV2(SigV2{Expires: "1699999999", Presigned: true}, now)
	if err.Fields["Expires"] != "2023-11-14T22:13:19Z" || err.Fields["ServerTime"] != "2023-11-14T22:13:20Z" {
		t.Errorf("expired fields: %v", err.Fields)
	}
}

func TestCanonicalResourceV2(t *testing.T) {
	for url, want := range map[string]string{
		"/":                                  "/",
		"/b/k%2Fx?acl":                       "/b/k%2Fx?acl",
		"/b/?versions&prefix=p&delete":       "/b/?delete&versions",
		"/b/k?uploadId=u&partNumber=2&foo=1": "/b/k?partNumber=2&uploadId=u",
		"/b/k?response-expires=a%20b":        "/b/k?response-expires=a b",
	} {
		r := httptest.NewRequest("GET", url, nil)
		if got := canonicalResourceV2(r.URL); got != want {
			t.Errorf("%s: got %q, want %q", url, got, want)
		}
	}
}

func TestSpacedHex(t *testing.T) {
	if got := spacedHex("GET\n"); got != "47 45 54 0a" {
		t.Fatalf("got %q", got)
	}
	if spacedHex("") != "" {
		t.Fatal("empty")
	}
}

// FuzzSigV2 feeds arbitrary query strings and Authorization headers to the
// SigV2 parser and verifier: they must answer, never panic, and a parsed
// query must carry all three parameters.
func FuzzSigV2(f *testing.F) {
	f.Add("AWSAccessKeyId=AK&Signature=c2ln&Expires=10", "")
	f.Add("AWSAccessKeyId=AK&Expires=x", "")
	f.Add("acl&versionId=%00&response-cache-control=%E2%80%94", "AWS AK:sig")
	f.Add("", "AWS :")
	f.Fuzz(func(t *testing.T, query, authorization string) {
		r := httptest.NewRequest("GET", "/b/k", nil)
		r.URL.RawQuery = query
		if strings.ContainsAny(authorization, "\r\n") {
			authorization = strings.NewReplacer("\r", "", "\n", "").Replace(authorization)
		}
		if authorization != "" {
			r.Header.Set("Authorization", authorization)
		}
		v, ok, err := ParseSigV2(r)
		if err != nil {
			if ok || err.Status == 0 || err.Code == "" {
				t.Fatalf("bad error %+v ok=%v", err, ok)
			}
			return
		}
		if !ok {
			return
		}
		if v.Presigned && (v.AccessKey == "" || v.Signature == "" || v.Expires == "") {
			t.Fatalf("incomplete query authentication parsed: %+v", v)
		}
		_ = CheckExpiryV2(v, time.Unix(0, 0))
		if verr := VerifyV2(r, v, "secret"); verr != nil && verr.Code != "SignatureDoesNotMatch" {
			t.Fatalf("verify: %v", verr)
		}
	})
}
