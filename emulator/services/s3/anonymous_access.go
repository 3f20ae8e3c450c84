package s3

import (
	"encoding/json"
	"strings"
)

// Anonymous access, as S3 decides it for requests without credentials (the
// website endpoint): the bucket policy's statements for every principal
// ("*"), unless the public access block restricts public buckets, and the
// AllUsers grants of the ACLs, unless ACLs are disabled (bucket owner
// enforced) or public ACLs are ignored. An explicit deny wins.

// anonymousCan reports whether an anonymous caller may perform action
// ("s3:GetObject", "s3:ListBucket") on resource (the object or bucket ARN),
// acl being the ACL of the object or bucket addressed.
func anonymousCan(b *Bucket, action, resource string, acl ACL, aclPerm string) bool {
	block := configOf(b, configKinds["PublicAccessBlock"])
	allowed := false
	if policy, ok := b.Configs["policy"].(string); ok {
		switch policyDecision(policy, action, resource) {
		case policyDeny:
			return false
		case policyAllow:
			allowed = !boolean(block, "RestrictPublicBuckets")
		}
	}
	if allowed {
		return true
	}
	if aclsDisabled(b) || boolean(block, "IgnorePublicAcls") {
		return false
	}
	for _, g := range acl.Grants {
		if g.GranteeType == "Group" && g.URI == groupAllUsers && (g.Permission == aclPerm || g.Permission == "FULL_CONTROL") {
			return true
		}
	}
	return false
}

// aclsDisabled reports whether the bucket's object ownership is
// BucketOwnerEnforced, which turns ACLs off.
func aclsDisabled(b *Bucket) bool {
	cfg := configOf(b, configKinds["OwnershipControls"])
	for _, r := range list(cfg, "Rules") {
		if m, ok := r.(map[string]any); ok {
			return str(m, "ObjectOwnership") == "BucketOwnerEnforced"
		}
	}
	return false
}

type policyEffect int

const (
	policyNone policyEffect = iota
	policyAllow
	policyDeny
)

// policyDecision evaluates the statements of a bucket policy that apply to
// every principal. Statements with conditions, NotAction, NotResource or
// NotPrincipal are not evaluated for anonymous callers.
func policyDecision(policy, action, resource string) policyEffect {
	var doc struct {
		Statement json.RawMessage
	}
	if json.Unmarshal([]byte(policy), &doc) != nil {
		return policyNone
	}
	var statements []map[string]any
	if json.Unmarshal(doc.Statement, &statements) != nil {
		var one map[string]any
		if json.Unmarshal(doc.Statement, &one) != nil {
			return policyNone
		}
		statements = []map[string]any{one}
	}
	effect := policyNone
	for _, st := range statements {
		if st["Condition"] != nil || st["NotAction"] != nil || st["NotResource"] != nil || st["NotPrincipal"] != nil {
			continue
		}
		if !principalIsEveryone(st["Principal"]) || !anyPatternMatches(st["Action"], action, true) || !anyPatternMatches(st["Resource"], resource, false) {
			continue
		}
		switch st["Effect"] {
		case "Deny":
			return policyDeny
		case "Allow":
			effect = policyAllow
		}
	}
	return effect
}

func principalIsEveryone(p any) bool {
	switch v := p.(type) {
	case string:
		return v == "*"
	case map[string]any:
		for _, aws := range stringsOf(v["AWS"]) {
			if aws == "*" {
				return true
			}
		}
	}
	return false
}

// anyPatternMatches reports whether one of the patterns (a string or a list
// of strings) matches value; actions compare without case.
func anyPatternMatches(patterns any, value string, foldCase bool) bool {
	for _, p := range stringsOf(patterns) {
		if foldCase {
			p, value = strings.ToLower(p), strings.ToLower(value)
		}
		if globMatch(p, value) {
			return true
		}
	}
	return false
}

func stringsOf(v any) []string {
	switch t := v.(type) {
	case string:
		return []string{t}
	case []any:
		out := make([]string, 0, len(t))
		for _, e := range t {
			if s, ok := e.(string); ok {
				out = append(out, s)
			}
		}
		return out
	}
	return nil
}

// globMatch matches IAM wildcards: * any run of characters (slashes
// included), ? any one character.
func globMatch(pattern, s string) bool {
	p, i := 0, 0
	star, mark := -1, 0
	for i < len(s) {
		switch {
		case p < len(pattern) && (pattern[p] == '?' || pattern[p] == s[i]):
			p++
			i++
		case p < len(pattern) && pattern[p] == '*':
			star, mark = p, i
			p++
		case star >= 0:
			p = star + 1
			mark++
			i = mark
		default:
			return false
		}
	}
	for p < len(pattern) && pattern[p] == '*' {
		p++
	}
	return p == len(pattern)
}
