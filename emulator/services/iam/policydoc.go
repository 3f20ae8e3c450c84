package iam

import (
	"bytes"
	"encoding/json"
	"strings"
	"unicode"

	"github.com/parity-harness/parity/emulator/awserr"
)

// policyKind tells the validator which rules apply: identity policies
// (managed, inline, permissions boundaries, session policies) must name
// resources and no principal; trust policies name principals and no
// resource.
type policyKind int

const (
	identityPolicy policyKind = iota
	trustPolicy
)

// maxManagedPolicySize is the quota on a managed policy's size, counted
// without whitespace.
const maxManagedPolicySize = 6144

func malformed(msg string) *awserr.Error {
	return awserr.New("MalformedPolicyDocument", 400, msg)
}

// validatePolicy checks a policy document the way IAM does before storing
// it, returning MalformedPolicyDocument with IAM's messages.
func validatePolicy(doc string, kind policyKind) error {
	if strings.TrimSpace(doc) == "" {
		return malformed("Syntax errors in policy.")
	}
	var root any
	dec := json.NewDecoder(strings.NewReader(doc))
	dec.UseNumber()
	if err := dec.Decode(&root); err != nil || dec.More() {
		if kind == trustPolicy {
			return malformed("This policy contains invalid Json")
		}
		return malformed("Syntax errors in policy.")
	}
	obj, ok := root.(map[string]any)
	if !ok {
		return malformed("Syntax errors in policy.")
	}
	for k := range obj {
		switch k {
		case "Version", "Id", "Statement":
		default:
			return malformed("Syntax errors in policy.")
		}
	}
	version, hasVersion := obj["Version"]
	if hasVersion {
		v, _ := version.(string)
		if v != "2012-10-17" && v != "2008-10-17" {
			return malformed("The policy failed legacy parsing")
		}
	}
	if kind == identityPolicy && (!hasVersion || version != "2012-10-17") {
		return malformed("Policy document must be version 2012-10-17 or greater.")
	}
	stmts, err := statements(obj["Statement"])
	if err != nil {
		return err
	}
	sids := map[string]bool{}
	for _, st := range stmts {
		if err := validateStatement(st, kind); err != nil {
			return err
		}
		if sid, ok := st["Sid"].(string); ok && sid != "" {
			if sids[sid] {
				return malformed("Statement IDs (SID) in a single policy must be unique.")
			}
			sids[sid] = true
		}
	}
	return nil
}

// statements normalises the Statement member: an object or a non-empty list
// of objects.
func statements(v any) ([]map[string]any, error) {
	switch s := v.(type) {
	case map[string]any:
		return []map[string]any{s}, nil
	case []any:
		if len(s) == 0 {
			return nil, malformed("Syntax errors in policy.")
		}
		out := make([]map[string]any, 0, len(s))
		for _, e := range s {
			m, ok := e.(map[string]any)
			if !ok {
				return nil, malformed("Syntax errors in policy.")
			}
			out = append(out, m)
		}
		return out, nil
	}
	return nil, malformed("Syntax errors in policy.")
}

func validateStatement(st map[string]any, kind policyKind) error {
	for k := range st {
		switch k {
		case "Sid", "Effect", "Action", "NotAction", "Resource", "NotResource",
			"Principal", "NotPrincipal", "Condition":
		default:
			return malformed("Syntax errors in policy.")
		}
	}
	if e, _ := st["Effect"].(string); e != "Allow" && e != "Deny" {
		return malformed("Syntax errors in policy.")
	}
	if sid, ok := st["Sid"]; ok {
		s, isStr := sid.(string)
		if !isStr || strings.IndexFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) >= 0 {
			if kind == identityPolicy {
				return malformed("Statement IDs (SID) must be alpha-numeric. Check that your input satisfies the regular expression [0-9A-Za-z]*")
			}
		}
	}
	_, action := st["Action"]
	_, notAction := st["NotAction"]
	if !action && !notAction {
		return malformed("Policy statement must contain actions.")
	}
	for _, key := range []string{"Action", "NotAction", "Resource", "NotResource"} {
		if v, ok := st[key]; ok && !stringOrList(v) {
			return malformed("Syntax errors in policy.")
		}
	}
	if c, ok := st["Condition"]; ok {
		if _, isObj := c.(map[string]any); !isObj {
			return malformed("Syntax errors in policy.")
		}
	}
	_, resource := st["Resource"]
	_, notResource := st["NotResource"]
	_, principal := st["Principal"]
	_, notPrincipal := st["NotPrincipal"]
	switch kind {
	case identityPolicy:
		if principal || notPrincipal {
			return malformed("Policy document should not specify a principal.")
		}
		if !resource && !notResource {
			return malformed("Policy statement must contain resources.")
		}
	case trustPolicy:
		if resource {
			return malformed("Has prohibited field Resource")
		}
		if !principal && !notPrincipal {
			return malformed("Missing required field Principal")
		}
	}
	return nil
}

func stringOrList(v any) bool {
	switch s := v.(type) {
	case string:
		return true
	case []any:
		for _, e := range s {
			if _, ok := e.(string); !ok {
				return false
			}
		}
		return len(s) > 0
	}
	return false
}

// policySize is the size IAM counts against quotas: the document without
// whitespace.
func policySize(doc string) int {
	n := 0
	for _, r := range doc {
		if !unicode.IsSpace(r) {
			n++
		}
	}
	return n
}

// encodePolicy URL-encodes a stored policy document the way IAM returns it:
// every byte outside the RFC 3986 unreserved set is percent-encoded.
func encodePolicy(doc string) string {
	var b bytes.Buffer
	const hex = "0123456789ABCDEF"
	for i := 0; i < len(doc); i++ {
		c := doc[i]
		if c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.' || c == '~' {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(hex[c>>4])
		b.WriteByte(hex[c&15])
	}
	return b.String()
}
