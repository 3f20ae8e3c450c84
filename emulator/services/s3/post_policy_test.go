package s3

import (
	"encoding/base64"
	"strings"
	"testing"

	"github.com/parity-harness/parity/emulator/awserr"
)

func policyOf(doc string) string { return base64.StdEncoding.EncodeToString([]byte(doc)) }

func TestParsePostPolicy(t *testing.T) {
	for _, c := range []struct {
		name, doc, code, message string
		conditions               []string
	}{
		{name: "conditions of every form", doc: `{"expiration": "2030-01-01T00:00:00Z", "conditions": [{"bucket": "b"}, ["eq", "$key", "k"], ["starts-with", "$Content-Type", "image/"], ["content-length-range", 1, 10]]}`,
			conditions: []string{`["eq", "$bucket", "b"]`, `["eq", "$key", "k"]`, `["starts-with", "$Content-Type", "image/"]`, `["content-length-range", "1", "10"]`}},
		{name: "expiration with milliseconds", doc: `{"expiration": "2030-01-01T00:00:00.000Z", "conditions": []}`},
		{name: "condition type in upper case", doc: `{"expiration": "2030-01-01T00:00:00Z", "conditions": [["EQ", "$key", "k"]]}`, conditions: []string{`["eq", "$key", "k"]`}},
		{name: "not base64", doc: "", code: "InvalidPolicyDocument", message: "Invalid Policy: Invalid JSON."},
		{name: "not JSON", doc: "not json", code: "InvalidPolicyDocument", message: "Invalid Policy: Invalid JSON."},
		{name: "JSON list", doc: "[]", code: "InvalidPolicyDocument", message: "Invalid Policy: Invalid JSON."},
		{name: "no expiration", doc: `{"conditions": []}`, code: "InvalidPolicyDocument", message: "Invalid Policy: Policy missing expiration."},
		{name: "bad expiration", doc: `{"expiration": "tomorrow", "conditions": []}`, code: "InvalidPolicyDocument", message: "Invalid Policy: Invalid 'expiration' value: 'tomorrow'"},
		{name: "no conditions", doc: `{"expiration": "2030-01-01T00:00:00Z"}`, code: "InvalidPolicyDocument", message: "Invalid Policy: Policy missing conditions."},
		{name: "two properties in a simple condition", doc: `{"expiration": "2030-01-01T00:00:00Z", "conditions": [{"bucket": "b", "key": "k"}]}`,
			code: "InvalidPolicyDocument", message: "Invalid Policy: Invalid Simple-Condition: Simple-Conditions must have exactly one property specified."},
		{name: "unknown condition type", doc: `{"expiration": "2030-01-01T00:00:00Z", "conditions": [["ends-with", "$key", "k"]]}`, code: "InvalidPolicyDocument"},
		{name: "wrong arity", doc: `{"expiration": "2030-01-01T00:00:00Z", "conditions": [["eq", "$key"]]}`, code: "InvalidPolicyDocument"},
		{name: "condition neither list nor object", doc: `{"expiration": "2030-01-01T00:00:00Z", "conditions": ["eq"]}`, code: "InvalidPolicyDocument"},
		{name: "object operand", doc: `{"expiration": "2030-01-01T00:00:00Z", "conditions": [["eq", "$key", {}]]}`, code: "InvalidPolicyDocument"},
	} {
		t.Run(c.name, func(t *testing.T) {
			encoded := policyOf(c.doc)
			if c.name == "not base64" {
				encoded = "%%%"
			}
			p, err := parsePostPolicy(encoded)
			if code(err) != c.code {
				t.Fatalf("err = %v, want %s", err, c.code)
			}
			if err != nil {
				if ae, _ := awserr.As(err); c.message != "" && ae.Message != c.message {
					t.Errorf("message = %q, want %q", ae.Message, c.message)
				}
				return
			}
			var got []string
			for _, cond := range p.Conditions {
				got = append(got, cond.String())
			}
			if strings.Join(got, " ") != strings.Join(c.conditions, " ") {
				t.Errorf("conditions = %v, want %v", got, c.conditions)
			}
		})
	}
}

func TestCheckPostConditions(t *testing.T) {
	fields := map[string]string{"key": "uploads/a.txt", "success_action_redirect": "http://localhost.test/random", "content-type": "image/png, image/jpeg", "x-amz-meta-test": "v"}
	lookup := func(name string) (string, bool) { v, ok := fields[name]; return v, ok }
	for _, c := range []struct {
		name, condition, code, message string
		ranges                         []sizeRange
	}{
		{name: "exact match", condition: `{"key": "uploads/a.txt"}`},
		{name: "exact match names the field in any case", condition: `{"KEY": "uploads/a.txt"}`},
		{name: "exact match fails", condition: `{"key": "other"}`, code: "AccessDenied", message: `Invalid according to Policy: Policy Condition failed: ["eq", "$key", "other"]`},
		{name: "bucket", condition: `{"bucket": "bkt"}`},
		{name: "another bucket", condition: `["eq", "$bucket", "other"]`, code: "AccessDenied"},
		{name: "eq", condition: `["eq", "$x-amz-meta-TEST", "v"]`},
		{name: "eq compares values with case", condition: `["eq", "$success_action_redirect", "HTTP://localhost.test/random"]`, code: "AccessDenied"},
		{name: "eq without $", condition: `["eq", "success_action_redirect", "http://localhost.test/random"]`, code: "AccessDenied",
			message: `Invalid according to Policy: Policy Condition failed: ["eq", "success_action_redirect", "http://localhost.test/random"]`},
		{name: "eq on a missing field", condition: `["eq", "$acl", "private"]`, code: "AccessDenied"},
		{name: "starts-with", condition: `["starts-with", "$key", "uploads/"]`},
		{name: "starts-with anything", condition: `["starts-with", "$acl", ""]`},
		{name: "starts-with fails", condition: `["starts-with", "$key", "other/"]`, code: "AccessDenied"},
		{name: "starts-with on every listed content type", condition: `["starts-with", "$Content-Type", "image/"]`},
		{name: "a listed content type fails", condition: `["starts-with", "$Content-Type", "image/png"]`, code: "AccessDenied"},
		{name: "content-length-range", condition: `["content-length-range", 5, 10]`, ranges: []sizeRange{{5, 10}}},
		{name: "content-length-range of numeric strings", condition: `["content-length-range", "5", "10"]`, ranges: []sizeRange{{5, 10}}},
		{name: "content-length-range of text", condition: `["content-length-range", "test", 10]`, code: "AccessDenied",
			message: `Invalid according to Policy: Policy Condition failed: ["content-length-range", "test", "10"]`},
	} {
		t.Run(c.name, func(t *testing.T) {
			p, err := parsePostPolicy(policyOf(`{"expiration": "2030-01-01T00:00:00Z", "conditions": [` + c.condition + `]}`))
			if err != nil {
				t.Fatal(err)
			}
			ranges, err := p.checkPostConditions(lookup, "bkt")
			if code(err) != c.code {
				t.Fatalf("err = %v, want %s", err, c.code)
			}
			if ae, ok := awserr.As(err); ok && c.message != "" && ae.Message != c.message {
				t.Errorf("message = %q, want %q", ae.Message, c.message)
			}
			if len(ranges) != len(c.ranges) || len(ranges) > 0 && ranges[0] != c.ranges[0] {
				t.Errorf("ranges = %v, want %v", ranges, c.ranges)
			}
		})
	}
}

func TestCheckExtraFields(t *testing.T) {
	p, err := parsePostPolicy(policyOf(`{"expiration": "2030-01-01T00:00:00Z", "conditions": [{"key": "k"}, ["starts-with", "$Content-Type", ""], ["content-length-range", 1, 2]]}`))
	if err != nil {
		t.Fatal(err)
	}
	exempt := []postField{{"key", "k"}, {"content-type", "text/plain"}, {"Policy", "p"}, {"X-Amz-Signature", "s"}, {"AWSAccessKeyId", "a"}, {"signature", "s"}, {"x-ignore-me", "1"}}
	if err := p.checkExtraFields(exempt); err != nil {
		t.Errorf("covered fields: %v", err)
	}
	err = p.checkExtraFields(append(exempt, postField{"x-amz-meta-extra", "v"}))
	if ae, ok := awserr.As(err); !ok || ae.Message != "Invalid according to Policy: Extra input fields: x-amz-meta-extra" {
		t.Errorf("extra field: %v", err)
	}
}

func TestCheckSize(t *testing.T) {
	ranges := []sizeRange{{5, 10}}
	for size, want := range map[int64]string{4: "EntityTooSmall", 5: "", 10: "", 11: "EntityTooLarge"} {
		err := checkSize(ranges, size)
		if code(err) != want {
			t.Errorf("size %d: %v, want %s", size, err, want)
		}
	}
	err := checkSize(ranges, 12)
	if ae, _ := awserr.As(err); ae.Fields["ProposedSize"] != "12" || ae.Fields["MaxSizeAllowed"] != "10" {
		t.Errorf("EntityTooLarge fields = %v", ae.Fields)
	}
	err = checkSize(ranges, 1)
	if ae, _ := awserr.As(err); ae.Fields["ProposedSize"] != "1" || ae.Fields["MinSizeAllowed"] != "5" {
		t.Errorf("EntityTooSmall fields = %v", ae.Fields)
	}
}

func TestPolicyTime(t *testing.T) {
	for in, ok := range map[string]bool{"2030-01-01T00:00:00Z": true, "2030-01-01T00:00:00.123Z": true, "2030-01-01T00:00:00+02:00": true, "2030-01-01": false, "": false} {
		got, parsed := parsePolicyTime(in)
		if parsed != ok {
			t.Errorf("parsePolicyTime(%q) = %v, %v", in, got, parsed)
		}
		if ok && got.Year() != 2030 {
			t.Errorf("parsePolicyTime(%q) = %v", in, got)
		}
	}
}

func FuzzParsePostPolicy(f *testing.F) {
	f.Add(`{"expiration": "2030-01-01T00:00:00Z", "conditions": [{"bucket": "b"}, ["eq", "$key", "k"], ["content-length-range", 1, 10]]}`)
	f.Add(`{"expiration": "2030-01-01T00:00:00Z", "conditions": [{}]}`)
	f.Add(`{"expiration": 5, "conditions": [[]]}`)
	f.Add(`[1, 2]`)
	f.Fuzz(func(t *testing.T, doc string) {
		p, err := parsePostPolicy(policyOf(doc))
		if err != nil {
			if ae, ok := awserr.As(err); !ok || ae.Code != "InvalidPolicyDocument" {
				t.Fatalf("unexpected error %v", err)
			}
			return
		}
		lookup := func(string) (string, bool) { return "", false }
		ranges, err := p.checkPostConditions(lookup, "b")
		if err != nil {
			if ae, ok := awserr.As(err); !ok || ae.Code != "AccessDenied" {
				t.Fatalf("unexpected condition error %v", err)
			}
			return
		}
		_ = checkSize(ranges, 0)
		for _, c := range p.Conditions {
			if !strings.HasPrefix(c.String(), `["`) {
				t.Fatalf("rendering %q", c.String())
			}
		}
	})
}
