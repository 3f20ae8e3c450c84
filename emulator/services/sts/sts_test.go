package sts

import (
	"context"
	"encoding/base64"
	"strings"
	"testing"

	"github.com/parity-harness/parity/emulator/awserr"
	"github.com/parity-harness/parity/emulator/service"
	"github.com/parity-harness/parity/emulator/services/iam"
)

type creds struct{ m map[string]service.Identity }

func (c *creds) Register(id service.Identity)             { c.m[id.AccessKeyID] = id }
func (c *creds) Lookup(k string) (service.Identity, bool) { id, ok := c.m[k]; return id, ok }
func (c *creds) Remove(k string)                          { delete(c.m, k) }

// emu routes Invoke to a real IAM service, as the gateway does.
type emu struct {
	c   *creds
	iam map[string]service.Handler
}

func (e emu) Credentials() service.Credentials { return e.c }
func (e emu) Invoke(ctx context.Context, account, region, svc, op string, in service.Params) (map[string]any, error) {
	out, err := e.iam[op](&service.Context{Context: ctx, Account: account, Emulator: e}, in)
	if err != nil {
		return nil, err
	}
	return out.(map[string]any), nil
}

type fixture struct {
	t   *testing.T
	sts map[string]service.Handler
	e   emu
}

func newFixture(t *testing.T) *fixture {
	return &fixture{t: t, sts: New().Handlers(), e: emu{c: &creds{m: map[string]service.Identity{}}, iam: iam.New().Handlers()}}
}

// as calls an STS operation signed with access key (the gateway's lookup).
func (f *fixture) as(key, op string, in service.Params) (map[string]any, error) {
	ctx := &service.Context{Context: context.Background(), Account: "111111111111", Caller: "arn:aws:iam::111111111111:root", AccessKey: key, Emulator: f.e}
	if id, ok := f.e.c.Lookup(key); ok {
		ctx.Account, ctx.Caller = id.Account, id.ARN
	}
	out, err := f.sts[op](ctx, in)
	if err != nil {
		return nil, err
	}
	return out.(map[string]any), nil
}

func (f *fixture) role(account, name string, maxSession int64) string {
	out, err := f.e.Invoke(context.Background(), account, "", "iam", "CreateRole", service.Params{"RoleName": name, "MaxSessionDuration": maxSession,
		"AssumeRolePolicyDocument": `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"111111111111"},"Action":["sts:AssumeRole","sts:TagSession"]}]}`})
	if err != nil {
		f.t.Fatal(err)
	}
	return out["Role"].(map[string]any)["Arn"].(string)
}

func code(err error) (string, string) {
	if e, ok := awserr.As(err); ok {
		return e.Code, e.Message
	}
	return "", ""
}

func TestAssumeRoleIssuesWorkingCredentials(t *testing.T) {
	f := newFixture(t)
	arn := f.role("222222222222", "target", 7200)
	out, err := f.as("test", "AssumeRole", service.Params{"RoleArn": arn, "RoleSessionName": "s1", "DurationSeconds": int64(7200)})
	if err != nil {
		t.Fatal(err)
	}
	user := out["AssumedRoleUser"].(map[string]any)
	if user["Arn"] != "arn:aws:sts::222222222222:assumed-role/target/s1" || !strings.HasSuffix(user["AssumedRoleId"].(string), ":s1") {
		t.Fatalf("assumed: %v", user)
	}
	if _, has := out["PackedPolicySize"]; has {
		t.Fatal("PackedPolicySize without policies or tags")
	}
	key := out["Credentials"].(map[string]any)["AccessKeyId"].(string)
	if !strings.HasPrefix(key, "ASIA") {
		t.Fatalf("key %s", key)
	}
	who, _ := f.as(key, "GetCallerIdentity", nil)
	if who["Account"] != "222222222222" || who["Arn"] != user["Arn"] || who["UserId"] != user["AssumedRoleId"] {
		t.Fatalf("identity: %v", who)
	}
	info, _ := f.as("test", "GetAccessKeyInfo", service.Params{"AccessKeyId": key})
	if info["Account"] != "222222222222" {
		t.Fatalf("info: %v", info)
	}
	_, err = f.as(key, "AssumeRole", service.Params{"RoleArn": arn, "RoleSessionName": "s2", "DurationSeconds": int64(7200)})
	if c, m := code(err); c != "ValidationError" || !strings.Contains(m, "role chaining") {
		t.Fatalf("chaining limit: %v", err)
	}
}

func TestAssumeRoleValidation(t *testing.T) {
	f := newFixture(t)
	arn := f.role("111111111111", "r", 3600)
	tagsOf := func(kv ...string) []any {
		var out []any
		for i := 0; i < len(kv); i += 2 {
			out = append(out, map[string]any{"Key": kv[i], "Value": kv[i+1]})
		}
		return out
	}
	cases := []struct {
		name      string
		in        service.Params
		code, msg string
	}{
		{"session name", service.Params{"RoleArn": arn, "RoleSessionName": "Session1:2"}, "ValidationError", "1 validation error detected: Value 'Session1:2' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*"},
		{"malformed arn", service.Params{"RoleArn": "nothing-valid-in-here", "RoleSessionName": "s" + "s"}, "ValidationError", "nothing-valid-in-here is invalid"},
		{"no partition", service.Params{"RoleArn": "arn::b:::something/test-role", "RoleSessionName": "ss"}, "ValidationError", "arn::b:::something/test-role is invalid"},
		{"no resource", service.Params{"RoleArn": "arn:a:a::aaaaaaaaaa:", "RoleSessionName": "ss"}, "ValidationError", "arn:a:a::aaaaaaaaaa: is invalid"},
		{"colons", service.Params{"RoleArn": "arn:a:::something/test-role", "RoleSessionName": "ss"}, "ValidationError", "arn:a:::something/test-role is invalid"},
		{"too short", service.Params{"RoleArn": arn, "RoleSessionName": "ss", "DurationSeconds": int64(899)}, "ValidationError", "1 validation error detected: Value '899' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900"},
		{"above role max", service.Params{"RoleArn": arn, "RoleSessionName": "ss", "DurationSeconds": int64(7200)}, "ValidationError", "The requested DurationSeconds exceeds the MaxSessionDuration set for this role."},
		{"duplicate tags", service.Params{"RoleArn": arn, "RoleSessionName": "ss", "Tags": tagsOf("k", "1", "K", "2")}, "InvalidParameterValue", "Duplicate tag keys found. Please note that Tag keys are case insensitive."},
		{"transitive", service.Params{"RoleArn": arn, "RoleSessionName": "ss", "Tags": tagsOf("k", "1"), "TransitiveTagKeys": []any{"other"}}, "InvalidParameterValue", "The specified transitive tag key must be included in the requested tags."},
		{"bad policy", service.Params{"RoleArn": arn, "RoleSessionName": "ss", "Policy": "{"}, "MalformedPolicyDocument", ""},
		{"unknown role", service.Params{"RoleArn": "arn:aws:iam::111111111111:role/none", "RoleSessionName": "ss"}, "AccessDenied", ""},
	}
	for _, c := range cases {
		_, err := f.as("test", "AssumeRole", c.in)
		got, msg := code(err)
		if got != c.code || (c.msg != "" && msg != c.msg) {
			t.Errorf("%s: got %s %q want %s %q", c.name, got, msg, c.code, c.msg)
		}
	}
}

func TestTransitiveTagsCannotBeOverridden(t *testing.T) {
	f := newFixture(t)
	r1, r2 := f.role("111111111111", "r1", 3600), f.role("111111111111", "r2", 3600)
	out, err := f.as("test", "AssumeRole", service.Params{"RoleArn": r1, "RoleSessionName": "s1",
		"Tags": []any{map[string]any{"Key": "Team", "Value": "a"}}, "TransitiveTagKeys": []any{"Team"}})
	if err != nil {
		t.Fatal(err)
	}
	if out["PackedPolicySize"] == nil {
		t.Fatal("PackedPolicySize missing with tags")
	}
	key := out["Credentials"].(map[string]any)["AccessKeyId"].(string)
	for _, k := range []string{"Team", "team"} {
		_, err = f.as(key, "AssumeRole", service.Params{"RoleArn": r2, "RoleSessionName": "s2", "Tags": []any{map[string]any{"Key": k, "Value": "b"}}})
		if c, m := code(err); c != "InvalidParameterValue" || !strings.Contains(m, "conflicts with a transitive tag key") {
			t.Fatalf("%s: %v", k, err)
		}
	}
}

func TestTokens(t *testing.T) {
	f := newFixture(t)
	fed, err := f.as("test", "GetFederationToken", service.Params{"Name": "bob"})
	if err != nil {
		t.Fatal(err)
	}
	if u := fed["FederatedUser"].(map[string]any); u["Arn"] != "arn:aws:sts::111111111111:federated-user/bob" || u["FederatedUserId"] != "111111111111:bob" || fed["PackedPolicySize"] != int64(0) {
		t.Fatalf("federation: %v", fed)
	}
	st, err := f.as("test", "GetSessionToken", service.Params{})
	if err != nil {
		t.Fatal(err)
	}
	key := st["Credentials"].(map[string]any)["AccessKeyId"].(string)
	if who, _ := f.as(key, "GetCallerIdentity", nil); who["Arn"] != "arn:aws:iam::111111111111:root" {
		t.Fatalf("session identity: %v", who)
	}
	if _, err := f.as(key, "GetSessionToken", service.Params{}); err == nil {
		t.Fatal("GetSessionToken with session credentials must fail")
	}
	if _, err := f.as("test", "GetSessionToken", service.Params{"DurationSeconds": int64(129601)}); err == nil {
		t.Fatal("duration above limit accepted")
	}
	if _, err := f.as("test", "GetAccessKeyInfo", service.Params{"AccessKeyId": "short"}); err == nil {
		t.Fatal("key shorter than 16 accepted")
	}
	for key, acct := range map[string]string{"AKIAIOSFODNN7EXAMPLE": "581039954779", "test-key-0000000": "000000000000"} {
		if info, _ := f.as("test", "GetAccessKeyInfo", service.Params{"AccessKeyId": key}); info["Account"] != acct {
			t.Errorf("%s: %v", key, info)
		}
	}
}

func TestWebIdentityAndSAML(t *testing.T) {
	f := newFixture(t)
	arn := f.role("111111111111", "web", 3600)
	payload := base64.RawURLEncoding.EncodeToString([]byte(`{"iss":"https://idp.example.com","sub":"user-1","aud":"client-1"}`))
	out, err := f.as("", "AssumeRoleWithWebIdentity", service.Params{"RoleArn": arn, "RoleSessionName": "web", "WebIdentityToken": "eyJhbGciOiJub25lIn0." + payload + ".sig"})
	if err != nil {
		t.Fatal(err)
	}
	if out["SubjectFromWebIdentityToken"] != "user-1" || out["Audience"] != "client-1" || out["Provider"] != "idp.example.com" {
		t.Fatalf("web identity: %v", out)
	}
	if _, err := f.as("", "AssumeRoleWithWebIdentity", service.Params{"RoleArn": arn, "RoleSessionName": "web", "WebIdentityToken": "opaque-token"}); err == nil {
		t.Fatal("non-JWT accepted")
	}
	assertion := base64.StdEncoding.EncodeToString([]byte(`<samlp:Response><saml:Assertion><saml:Issuer>https://idp</saml:Issuer><saml:Subject><saml:NameID Format="urn:oasis:names:tc:SAML:2.0:nameid-format:persistent">alice</saml:NameID></saml:Subject></saml:Assertion></samlp:Response>`))
	saml, err := f.as("", "AssumeRoleWithSAML", service.Params{"RoleArn": arn, "PrincipalArn": "arn:aws:iam::111111111111:saml-provider/idp", "SAMLAssertion": assertion})
	if err != nil {
		t.Fatal(err)
	}
	if saml["Subject"] != "alice" || saml["SubjectType"] != "persistent" || saml["Issuer"] != "https://idp" {
		t.Fatalf("saml: %v", saml)
	}
}

func FuzzParseRoleARN(f *testing.F) {
	f.Add("arn:aws:iam::111111111111:role/x")
	f.Add("arn::b:::")
	f.Fuzz(func(t *testing.T, s string) {
		ref, err := parseRoleARN(s)
		if err == nil && (ref.account == "" && !strings.Contains(s, "::")) {
			t.Fatalf("accepted %q without account", s)
		}
		if err != nil {
			if c, _ := code(err); c != "ValidationError" {
				t.Fatalf("code %v", err)
			}
		}
	})
}

func FuzzJWTClaims(f *testing.F) {
	f.Add("a.b.c")
	f.Add("eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.")
	f.Fuzz(func(t *testing.T, s string) {
		if _, err := jwtClaims(s); err != nil {
			if c, _ := code(err); c != "InvalidIdentityToken" {
				t.Fatalf("code %v", err)
			}
		}
	})
}
