package iam

import (
	"context"
	"net/url"
	"strings"
	"testing"

	"github.com/parity-harness/parity/emulator/awserr"
	"github.com/parity-harness/parity/emulator/service"
)

const trust = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}`
const allowS3 = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}`

type creds struct{ m map[string]service.Identity }

func (c *creds) Register(id service.Identity)             { c.m[id.AccessKeyID] = id }
func (c *creds) Lookup(k string) (service.Identity, bool) { id, ok := c.m[k]; return id, ok }
func (c *creds) Remove(k string)                          { delete(c.m, k) }

type emu struct{ c *creds }

func (e emu) Credentials() service.Credentials { return e.c }
func (e emu) Invoke(context.Context, string, string, string, string, service.Params) (map[string]any, error) {
	return nil, nil
}

type harness struct {
	t   *testing.T
	h   map[string]service.Handler
	reg *creds
}

func newHarness(t *testing.T) *harness {
	return &harness{t: t, h: New().Handlers(), reg: &creds{m: map[string]service.Identity{}}}
}

func (h *harness) call(op string, in service.Params) (map[string]any, error) {
	h.t.Helper()
	ctx := &service.Context{Context: context.Background(), Account: "123456789012", Emulator: emu{h.reg}}
	out, err := h.h[op](ctx, in)
	if err != nil {
		return nil, err
	}
	return out.(map[string]any), nil
}

func (h *harness) ok(op string, in service.Params) map[string]any {
	h.t.Helper()
	out, err := h.call(op, in)
	if err != nil {
		h.t.Fatalf("%s: %v", op, err)
	}
	return out
}

func (h *harness) fails(op string, in service.Params, code, msg string) {
	h.t.Helper()
	_, err := h.call(op, in)
	e, ok := awserr.As(err)
	if !ok {
		h.t.Fatalf("%s: want %s error, got %v", op, code, err)
	}
	if e.Code != code || (msg != "" && e.Message != msg) {
		h.t.Fatalf("%s: got %s %q, want %s %q", op, e.Code, e.Message, code, msg)
	}
}

func TestRoleLifecycle(t *testing.T) {
	h := newHarness(t)
	out := h.ok("CreateRole", service.Params{"RoleName": "r1", "Path": "/app/", "AssumeRolePolicyDocument": trust, "Tags": []any{map[string]any{"Key": "k", "Value": "v"}}})
	r := out["Role"].(map[string]any)
	if r["Arn"] != "arn:aws:iam::123456789012:role/app/r1" || !strings.HasPrefix(r["RoleId"].(string), "AROA") {
		t.Fatalf("role: %v", r)
	}
	if _, has := r["MaxSessionDuration"]; has {
		t.Fatal("CreateRole must not return MaxSessionDuration")
	}
	doc, _ := url.PathUnescape(r["AssumeRolePolicyDocument"].(string))
	if doc != trust {
		t.Fatalf("trust policy not returned exactly: %s", doc)
	}
	got := h.ok("GetRole", service.Params{"RoleName": "r1"})["Role"].(map[string]any)
	if got["MaxSessionDuration"] != int64(3600) || got["RoleLastUsed"] == nil {
		t.Fatalf("get: %v", got)
	}
	h.fails("CreateRole", service.Params{"RoleName": "r1", "AssumeRolePolicyDocument": trust}, "EntityAlreadyExists", "Role with name r1 already exists.")
	h.fails("GetRole", service.Params{"RoleName": "nope"}, "NoSuchEntity", "The role with name nope cannot be found.")
	h.ok("PutRolePolicy", service.Params{"RoleName": "r1", "PolicyName": "p", "PolicyDocument": allowS3})
	h.fails("DeleteRole", service.Params{"RoleName": "r1"}, "DeleteConflict", "Cannot delete entity, must delete policies first.")
	h.ok("DeleteRolePolicy", service.Params{"RoleName": "r1", "PolicyName": "p"})
	h.ok("DeleteRole", service.Params{"RoleName": "r1"})
	list := h.ok("ListRoles", service.Params{})
	if len(list["Roles"].([]any)) != 0 || list["IsTruncated"] != false {
		t.Fatalf("list: %v", list)
	}
}

func TestRoleValidation(t *testing.T) {
	h := newHarness(t)
	cases := []struct {
		name string
		in   service.Params
		code string
		msg  string
	}{
		{"invalid json trust", service.Params{"RoleName": "a", "AssumeRolePolicyDocument": "{not json"}, "MalformedPolicyDocument", "This policy contains invalid Json"},
		{"bad name", service.Params{"RoleName": "a b", "AssumeRolePolicyDocument": trust}, "ValidationError", ""},
		{"bad path", service.Params{"RoleName": "a", "Path": "x", "AssumeRolePolicyDocument": trust}, "ValidationError", ""},
		{"short session", service.Params{"RoleName": "a", "AssumeRolePolicyDocument": trust, "MaxSessionDuration": int64(100)}, "ValidationError", "1 validation error detected: Value '100' at 'maxSessionDuration' failed to satisfy constraint: Member must have value greater than or equal to 3600"},
		{"no trust", service.Params{"RoleName": "a"}, "ValidationError", ""},
		{"resource in trust", service.Params{"RoleName": "a", "AssumeRolePolicyDocument": `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"sts:AssumeRole","Resource":"*"}]}`}, "MalformedPolicyDocument", "Has prohibited field Resource"},
		{"duplicate tags", service.Params{"RoleName": "a", "AssumeRolePolicyDocument": trust, "Tags": []any{map[string]any{"Key": "a", "Value": "1"}, map[string]any{"Key": "A", "Value": "2"}}}, "InvalidInput", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) { h.t = t; h.fails("CreateRole", c.in, c.code, c.msg) })
	}
}

func TestManagedPolicyVersions(t *testing.T) {
	h := newHarness(t)
	p := h.ok("CreatePolicy", service.Params{"PolicyName": "pol", "PolicyDocument": allowS3})["Policy"].(map[string]any)
	arn := p["Arn"].(string)
	if arn != "arn:aws:iam::123456789012:policy/pol" || p["DefaultVersionId"] != "v1" {
		t.Fatalf("policy: %v", p)
	}
	for i := 0; i < 4; i++ {
		h.ok("CreatePolicyVersion", service.Params{"PolicyArn": arn, "PolicyDocument": allowS3, "SetAsDefault": i == 3})
	}
	h.fails("CreatePolicyVersion", service.Params{"PolicyArn": arn, "PolicyDocument": allowS3}, "LimitExceeded", "A managed policy can have up to 5 versions. Before you create a new version, you must delete an existing version.")
	h.fails("DeletePolicyVersion", service.Params{"PolicyArn": arn, "VersionId": "v5"}, "DeleteConflict", "Cannot delete the default version of a policy.")
	h.ok("DeletePolicyVersion", service.Params{"PolicyArn": arn, "VersionId": "v1"})
	h.ok("SetDefaultPolicyVersion", service.Params{"PolicyArn": arn, "VersionId": "v2"})
	v := h.ok("GetPolicyVersion", service.Params{"PolicyArn": arn, "VersionId": "v2"})["PolicyVersion"].(map[string]any)
	if v["IsDefaultVersion"] != true || v["Document"] != encodePolicy(allowS3) {
		t.Fatalf("version: %v", v)
	}
	h.fails("GetPolicyVersion", service.Params{"PolicyArn": arn, "VersionId": "v1"}, "NoSuchEntity", "")
	h.fails("GetPolicyVersion", service.Params{"PolicyArn": arn, "VersionId": "x"}, "ValidationError", "")
	h.fails("DeletePolicy", service.Params{"PolicyArn": arn}, "DeleteConflict", "")
	h.fails("CreatePolicy", service.Params{"PolicyName": "pol", "PolicyDocument": allowS3}, "EntityAlreadyExists", "A policy called pol already exists. Duplicate names are not allowed.")
}

func TestAttachAndEntities(t *testing.T) {
	h := newHarness(t)
	arn := h.ok("CreatePolicy", service.Params{"PolicyName": "pol", "PolicyDocument": allowS3})["Policy"].(map[string]any)["Arn"].(string)
	h.ok("CreateRole", service.Params{"RoleName": "r", "AssumeRolePolicyDocument": trust})
	h.ok("CreateUser", service.Params{"UserName": "u"})
	h.ok("CreateGroup", service.Params{"GroupName": "g"})
	h.fails("AttachRolePolicy", service.Params{"RoleName": "r", "PolicyArn": "pol"}, "ValidationError", "Invalid ARN:  Could not be parsed!")
	h.fails("AttachRolePolicy", service.Params{"RoleName": "r", "PolicyArn": arn + "123"}, "NoSuchEntity", "Policy "+arn+"123 does not exist or is not attachable.")
	h.ok("AttachRolePolicy", service.Params{"RoleName": "r", "PolicyArn": arn})
	h.ok("AttachUserPolicy", service.Params{"UserName": "u", "PolicyArn": arn})
	h.ok("AttachGroupPolicy", service.Params{"GroupName": "g", "PolicyArn": arn})
	if c := h.ok("GetPolicy", service.Params{"PolicyArn": arn})["Policy"].(map[string]any)["AttachmentCount"]; c != int64(3) {
		t.Fatalf("attachment count %v", c)
	}
	ents := h.ok("ListEntitiesForPolicy", service.Params{"PolicyArn": arn})
	for _, k := range []string{"PolicyRoles", "PolicyUsers", "PolicyGroups"} {
		if len(ents[k].([]any)) != 1 {
			t.Fatalf("%s: %v", k, ents)
		}
	}
	h.fails("DeleteRole", service.Params{"RoleName": "r"}, "DeleteConflict", "Cannot delete entity, must detach all policies first.")
	h.ok("DetachRolePolicy", service.Params{"RoleName": "r", "PolicyArn": arn})
	h.fails("DetachRolePolicy", service.Params{"RoleName": "r", "PolicyArn": arn}, "NoSuchEntity", "")
	att := h.ok("ListAttachedUserPolicies", service.Params{"UserName": "u"})["AttachedPolicies"].([]any)
	if att[0].(map[string]any)["PolicyName"] != "pol" {
		t.Fatalf("attached: %v", att)
	}
	details := h.ok("GetAccountAuthorizationDetails", service.Params{})
	if len(details["UserDetailList"].([]any)) != 1 || len(details["Policies"].([]any)) != 1 {
		t.Fatalf("details: %v", details)
	}
}

func TestAccessKeysRegisterCredentials(t *testing.T) {
	h := newHarness(t)
	h.ok("CreateUser", service.Params{"UserName": "u"})
	k := h.ok("CreateAccessKey", service.Params{"UserName": "u"})["AccessKey"].(map[string]any)
	id := k["AccessKeyId"].(string)
	reg, ok := h.reg.Lookup(id)
	if !ok || reg.ARN != "arn:aws:iam::123456789012:user/u" || reg.Account != "123456789012" {
		t.Fatalf("registered: %v %v", reg, ok)
	}
	if acct, _ := AccountOfAccessKey(id); acct != "123456789012" {
		t.Fatalf("key %s encodes account %s", id, acct)
	}
	h.ok("CreateAccessKey", service.Params{"UserName": "u"})
	h.fails("CreateAccessKey", service.Params{"UserName": "u"}, "LimitExceeded", "Cannot exceed quota for AccessKeysPerUser: 2")
	h.fails("DeleteUser", service.Params{"UserName": "u"}, "DeleteConflict", "Cannot delete entity, must delete access keys first.")
	h.ok("DeleteAccessKey", service.Params{"UserName": "u", "AccessKeyId": id})
	if _, ok := h.reg.Lookup(id); ok {
		t.Fatal("deleted key still registered")
	}
}

func TestServiceLinkedRoles(t *testing.T) {
	h := newHarness(t)
	r := h.ok("CreateServiceLinkedRole", service.Params{"AWSServiceName": "acm.amazonaws.com"})["Role"].(map[string]any)
	if r["RoleName"] != "AWSServiceRoleForCertificateManager" || r["Path"] != "/aws-service-role/acm.amazonaws.com/" {
		t.Fatalf("slr: %v", r)
	}
	att := h.ok("ListAttachedRolePolicies", service.Params{"RoleName": "AWSServiceRoleForCertificateManager"})["AttachedPolicies"].([]any)
	if att[0].(map[string]any)["PolicyArn"] != "arn:aws:iam::aws:policy/aws-service-role/CertificateManagerServiceRolePolicy" {
		t.Fatalf("attached: %v", att)
	}
	h.fails("CreateServiceLinkedRole", service.Params{"AWSServiceName": "acm.amazonaws.com", "CustomSuffix": "x"}, "InvalidInput", "Custom suffix is not allowed for acm.amazonaws.com")
	h.ok("CreateServiceLinkedRole", service.Params{"AWSServiceName": "batch.amazonaws.com"})
	h.fails("CreateServiceLinkedRole", service.Params{"AWSServiceName": "batch.amazonaws.com"}, "InvalidInput", "Service role name AWSServiceRoleForBatch has been taken in this account, please try a different suffix.")
	h.fails("DeleteRole", service.Params{"RoleName": "AWSServiceRoleForBatch"}, "UnmodifiableEntity", "")
	task := h.ok("DeleteServiceLinkedRole", service.Params{"RoleName": "AWSServiceRoleForBatch"})["DeletionTaskId"].(string)
	if st := h.ok("GetServiceLinkedRoleDeletionStatus", service.Params{"DeletionTaskId": task})["Status"]; st != "SUCCEEDED" {
		t.Fatalf("status %v", st)
	}
	r = h.ok("CreateServiceLinkedRole", service.Params{"AWSServiceName": "autoscaling.amazonaws.com", "CustomSuffix": "abc"})["Role"].(map[string]any)
	if r["RoleName"] != "AWSServiceRoleForAutoScaling_abc" {
		t.Fatalf("suffix: %v", r)
	}
}

func TestServiceSpecificCredentials(t *testing.T) {
	h := newHarness(t)
	h.ok("CreateUser", service.Params{"UserName": "u"})
	h.fails("CreateServiceSpecificCredential", service.Params{"UserName": "u", "ServiceName": "lambda.amazonaws.com"}, "NoSuchEntity", "No such service lambda.amazonaws.com is supported for Service Specific Credentials")
	h.fails("CreateServiceSpecificCredential", service.Params{"UserName": "x", "ServiceName": "codecommit.amazonaws.com"}, "NoSuchEntity", "The user with name x cannot be found.")
	c := h.ok("CreateServiceSpecificCredential", service.Params{"UserName": "u", "ServiceName": "codecommit.amazonaws.com"})["ServiceSpecificCredential"].(map[string]any)
	if c["ServiceUserName"] != "u-at-123456789012" || c["ServicePassword"] == "" {
		t.Fatalf("cred: %v", c)
	}
	id := c["ServiceSpecificCredentialId"].(string)
	h.fails("UpdateServiceSpecificCredential", service.Params{"UserName": "u", "ServiceSpecificCredentialId": id, "Status": "Bogus"}, "ValidationError", "1 validation error detected: Value at 'status' failed to satisfy constraint: Member must satisfy enum value set")
	h.fails("DeleteServiceSpecificCredential", service.Params{"UserName": "u", "ServiceSpecificCredentialId": "with-hyphens"}, "ValidationError", "")
	h.ok("UpdateServiceSpecificCredential", service.Params{"UserName": "u", "ServiceSpecificCredentialId": id, "Status": "Inactive"})
	r := h.ok("ResetServiceSpecificCredential", service.Params{"UserName": "u", "ServiceSpecificCredentialId": id})["ServiceSpecificCredential"].(map[string]any)
	if r["Status"] != "Inactive" || r["ServicePassword"] == c["ServicePassword"] {
		t.Fatalf("reset: %v", r)
	}
	h.ok("DeleteServiceSpecificCredential", service.Params{"UserName": "u", "ServiceSpecificCredentialId": id})
}

func TestInstanceProfilesAndPaging(t *testing.T) {
	h := newHarness(t)
	h.ok("CreateRole", service.Params{"RoleName": "r", "AssumeRolePolicyDocument": trust})
	h.ok("CreateInstanceProfile", service.Params{"InstanceProfileName": "ip"})
	h.ok("AddRoleToInstanceProfile", service.Params{"InstanceProfileName": "ip", "RoleName": "r"})
	h.fails("AddRoleToInstanceProfile", service.Params{"InstanceProfileName": "ip", "RoleName": "r"}, "EntityAlreadyExists", "")
	h.fails("DeleteRole", service.Params{"RoleName": "r"}, "DeleteConflict", "Cannot delete entity, must remove roles from instance profile first.")
	h.fails("DeleteInstanceProfile", service.Params{"InstanceProfileName": "ip"}, "DeleteConflict", "")
	ip := h.ok("GetInstanceProfile", service.Params{"InstanceProfileName": "ip"})["InstanceProfile"].(map[string]any)
	if len(ip["Roles"].([]any)) != 1 {
		t.Fatalf("profile: %v", ip)
	}
	for _, n := range []string{"a", "b", "c"} {
		h.ok("CreateUser", service.Params{"UserName": n})
	}
	p1 := h.ok("ListUsers", service.Params{"MaxItems": int64(2)})
	if p1["IsTruncated"] != true || len(p1["Users"].([]any)) != 2 {
		t.Fatalf("page 1: %v", p1)
	}
	p2 := h.ok("ListUsers", service.Params{"MaxItems": int64(2), "Marker": p1["Marker"]})
	if p2["IsTruncated"] != false || len(p2["Users"].([]any)) != 1 {
		t.Fatalf("page 2: %v", p2)
	}
	h.fails("ListUsers", service.Params{"Marker": "garbage!"}, "ValidationError", "")
}

func TestPolicyValidation(t *testing.T) {
	cases := []struct {
		doc  string
		kind policyKind
		msg  string
	}{
		{`{`, identityPolicy, "Syntax errors in policy."},
		{`{"Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}`, identityPolicy, "Policy document must be version 2012-10-17 or greater."},
		{`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Resource":"*"}]}`, identityPolicy, "Policy statement must contain actions."},
		{`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*"}]}`, identityPolicy, "Policy statement must contain resources."},
		{`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*","Principal":"*"}]}`, identityPolicy, "Policy document should not specify a principal."},
		{`{"Version":"2012-10-17","Statement":[{"Effect":"Maybe","Action":"s3:*","Resource":"*"}]}`, identityPolicy, "Syntax errors in policy."},
		{`{"Version":"2012-10-17","Statement":[{"Sid":"a","Effect":"Allow","Action":"s3:*","Resource":"*"},{"Sid":"a","Effect":"Allow","Action":"s3:*","Resource":"*"}]}`, identityPolicy, "Statement IDs (SID) in a single policy must be unique."},
		{`nope`, trustPolicy, "This policy contains invalid Json"},
		{allowS3, identityPolicy, ""},
		{trust, trustPolicy, ""},
	}
	for _, c := range cases {
		err := validatePolicy(c.doc, c.kind)
		if c.msg == "" {
			if err != nil {
				t.Errorf("%s: unexpected %v", c.doc, err)
			}
			continue
		}
		e, ok := awserr.As(err)
		if !ok || e.Code != "MalformedPolicyDocument" || e.Message != c.msg {
			t.Errorf("%s: got %v, want %q", c.doc, err, c.msg)
		}
	}
}

func TestEncodePolicyRoundTrips(t *testing.T) {
	doc := `{"a":"arn%3Aaws b+c/é"}`
	enc := encodePolicy(doc)
	if strings.ContainsAny(enc, " +/{\"") {
		t.Fatalf("not encoded: %s", enc)
	}
	if dec, _ := url.PathUnescape(enc); dec != doc {
		t.Fatalf("round trip: %s", dec)
	}
}

func FuzzValidatePolicy(f *testing.F) {
	f.Add(allowS3)
	f.Add(trust)
	f.Add(`{"Statement":{}}`)
	f.Fuzz(func(t *testing.T, doc string) {
		for _, k := range []policyKind{identityPolicy, trustPolicy} {
			if err := validatePolicy(doc, k); err != nil {
				if e, ok := awserr.As(err); !ok || e.Code != "MalformedPolicyDocument" {
					t.Fatalf("unexpected error %v", err)
				}
			}
		}
		if dec, err := url.PathUnescape(encodePolicy(doc)); err != nil || dec != doc {
			t.Fatalf("encode round trip failed for %q", doc)
		}
	})
}

func FuzzAccessKeyAccount(f *testing.F) {
	f.Add(uint64(123456789012))
	f.Add(uint64(0))
	f.Fuzz(func(t *testing.T, n uint64) {
		n %= 1_000_000_000_000
		acct := strings.Repeat("0", 12) + strconvU(n)
		acct = acct[len(acct)-12:]
		got, ok := AccountOfAccessKey(AccessKeyID("AKIA", acct))
		if !ok || got != acct {
			t.Fatalf("%s → %s", acct, got)
		}
	})
}
