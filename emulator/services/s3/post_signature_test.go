package s3

import (
	"crypto/hmac"
	"crypto/sha1"
	"encoding/base64"
	"testing"

	"github.com/parity-harness/parity/emulator/awserr"
)

// awsExamplePolicy and awsExampleSignature are the Signature Version 4
// browser upload example of the S3 API reference
// (sigv4-post-example.html): secret wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY,
// credential scope 20151229/us-east-1/s3.
const (
	awsExamplePolicy    = "eyAiZXhwaXJhdGlvbiI6ICIyMDE1LTEyLTMwVDEyOjAwOjAwLjAwMFoiLA0KICAiY29uZGl0aW9ucyI6IFsNCiAgICB7ImJ1Y2tldCI6ICJzaWd2NGV4YW1wbGVidWNrZXQifSwNCiAgICBbInN0YXJ0cy13aXRoIiwgIiRrZXkiLCAidXNlci91c2VyMS8iXSwNCiAgICB7ImFjbCI6ICJwdWJsaWMtcmVhZCJ9LA0KICAgIHsic3VjY2Vzc19hY3Rpb25fcmVkaXJlY3QiOiAiaHR0cDovL3NpZ3Y0ZXhhbXBsZWJ1Y2tldC5zMy5hbWF6b25hd3MuY29tL3N1Y2Nlc3NmdWxfdXBsb2FkLmh0bWwifSwNCiAgICBbInN0YXJ0cy13aXRoIiwgIiRDb250ZW50LVR5cGUiLCAiaW1hZ2UvIl0sDQogICAgeyJ4LWFtei1tZXRhLXV1aWQiOiAiMTQzNjUxMjM2NTEyNzQifSwNCiAgICB7IngtYW16LXNlcnZlci1zaWRlLWVuY3J5cHRpb24iOiAiQUVTMjU2In0sDQogICAgWyJzdGFydHMtd2l0aCIsICIkeC1hbXotbWV0YS10YWciLCAiIl0sDQoNCiAgICB7IngtYW16LWNyZWRlbnRpYWwiOiAiQUtJQUlPU0ZPRE5ON0VYQU1QTEUvMjAxNTEyMjkvdXMtZWFzdC0xL3MzL2F3czRfcmVxdWVzdCJ9LA0KICAgIHsieC1hbXotYWxnb3JpdGhtIjogIkFXUzQtSE1BQy1TSEEyNTYifSwNCiAgICB7IngtYW16LWRhdGUiOiAiMjAxNTEyMjlUMDAwMDAwWiIgfQ0KICBdDQp9"
	awsExampleSignature = "8afdbf4008c03f22c2cd3cdb72e4afbb1f6a588f3255ac628749a66d7f09699e"
	awsExampleSecret    = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
)

func TestPostSignatureV4AWSExample(t *testing.T) {
	c := &postCredentials{Version: 4, AccessKey: "AKIAIOSFODNN7EXAMPLE", Signature: awsExampleSignature, Date: "20151229", Region: "us-east-1", Service: "s3"}
	if err := c.verify(awsExamplePolicy, awsExampleSecret); err != nil {
		t.Fatalf("the AWS example does not verify: %v", err)
	}
	if err := c.verify(awsExamplePolicy, "other"); code(err) != "SignatureDoesNotMatch" {
		t.Fatalf("another secret: %v", err)
	}
	p, err := parsePostPolicy(awsExamplePolicy)
	if err != nil || len(p.Conditions) != 11 {
		t.Fatalf("the AWS example policy: %v, %v", p, err)
	}
}

func TestPostSignatureV2(t *testing.T) {
	mac := hmac.New(sha1.New, []byte("secret"))
	mac.Write([]byte("cG9saWN5"))
	c := &postCredentials{Version: 2, AccessKey: "AKID", Signature: base64.StdEncoding.EncodeToString(mac.Sum(nil))}
	if err := c.verify("cG9saWN5", "secret"); err != nil {
		t.Fatal(err)
	}
	err := c.verify("cG9saWN", "secret")
	ae, ok := awserr.As(err)
	if !ok || ae.Code != "SignatureDoesNotMatch" || ae.Status != 403 {
		t.Fatalf("tampered policy: %v", err)
	}
	want := map[string]any{"AWSAccessKeyId": "AKID", "StringToSign": "cG9saWN", "SignatureProvided": c.Signature, "StringToSignBytes": "63 47 39 73 61 57 4e"}
	for k, v := range want {
		if ae.Fields[k] != v {
			t.Errorf("%s = %v, want %v", k, ae.Fields[k], v)
		}
	}
}

func TestPostFormCredentials(t *testing.T) {
	v4 := [][2]string{{"X-Amz-Algorithm", "AWS4-HMAC-SHA256"}, {"X-Amz-Credential", "AKID/20240101/eu-west-1/s3/aws4_request"}, {"X-Amz-Date", "20240101T000000Z"}, {"X-Amz-Signature", "sig"}, {"Policy", "p"}}
	without := func(fields [][2]string, drop ...string) []postField {
		var out []postField
	next:
		for _, f := range fields {
			for _, d := range drop {
				if f[0] == d {
					continue next
				}
			}
			out = append(out, postField{f[0], f[1]})
		}
		return out
	}
	v2 := [][2]string{{"AWSAccessKeyId", "AKID"}, {"signature", "sig"}, {"policy", "p"}}
	for _, c := range []struct {
		name     string
		fields   []postField
		version  int
		code     string
		argument string
	}{
		{name: "v4", fields: without(v4), version: 4},
		{name: "v4 without signature", fields: without(v4, "X-Amz-Signature"), code: "InvalidArgument", argument: "X-Amz-Signature"},
		{name: "v4 without algorithm and credential", fields: without(v4, "X-Amz-Algorithm", "X-Amz-Credential"), code: "InvalidArgument", argument: "X-Amz-Algorithm"},
		{name: "v4 without date", fields: without(v4, "X-Amz-Date"), code: "InvalidArgument", argument: "X-Amz-Date"},
		{name: "v4 without policy", fields: without(v4, "Policy"), code: "InvalidArgument", argument: "Policy"},
		{name: "v4 field names in lower case", fields: []postField{{"x-amz-algorithm", "AWS4-HMAC-SHA256"}, {"x-amz-credential", "AKID/20240101/eu-west-1/s3/aws4_request"},
			{"x-amz-date", "d"}, {"x-amz-signature", "s"}, {"policy", "p"}}, version: 4},
		{name: "v4 other algorithm", fields: append(without(v4, "X-Amz-Algorithm"), postField{"X-Amz-Algorithm", "AWS4-HMAC-SHA1"}), code: "InvalidArgument", argument: "X-Amz-Algorithm"},
		{name: "v4 malformed credential", fields: append(without(v4, "X-Amz-Credential"), postField{"X-Amz-Credential", "AKID/20240101"}), code: "InvalidArgument", argument: "X-Amz-Credential"},
		{name: "v2", fields: without(v2), version: 2},
		{name: "v2 without signature", fields: without(v2, "signature"), code: "InvalidArgument", argument: "Signature"},
		{name: "v2 without access key", fields: without(v2, "AWSAccessKeyId"), code: "InvalidArgument", argument: "AWSAccessKeyId"},
		{name: "anonymous", fields: []postField{{"key", "k"}, {"policy", "p"}}},
	} {
		t.Run(c.name, func(t *testing.T) {
			creds, err := postFormCredentials(&postForm{Fields: c.fields})
			if code(err) != c.code {
				t.Fatalf("err = %v, want %s", err, c.code)
			}
			if err != nil {
				if ae, _ := awserr.As(err); ae.Fields["ArgumentName"] != c.argument {
					t.Errorf("ArgumentName = %v, want %s", ae.Fields["ArgumentName"], c.argument)
				}
				return
			}
			if c.version == 0 {
				if creds != nil {
					t.Fatalf("anonymous form gave %+v", creds)
				}
				return
			}
			if creds == nil || creds.Version != c.version || creds.AccessKey != "AKID" {
				t.Fatalf("creds = %+v", creds)
			}
			if c.version == 4 && (creds.Region != "eu-west-1" || creds.Date != "20240101" || creds.Service != "s3") {
				t.Errorf("scope = %+v", creds)
			}
		})
	}
}
