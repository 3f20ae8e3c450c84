package iam

import (
	"testing"

	"github.com/parity-harness/parity/emulator/model"
	"github.com/parity-harness/parity/emulator/protocol"
)

func TestMapValidationWordsServiceSpecificCredentialViolations(t *testing.T) {
	pattern := protocol.Violation{Path: "serviceSpecificCredentialId", Constraint: "pattern", Value: "with-hyphens", Message: `Member must satisfy regular expression pattern: [\w]+`}
	enum := protocol.Violation{Path: "status", Constraint: "enum", Value: "Invalid", Message: "Member must satisfy enum value set: [Active, Inactive]"}
	missing := protocol.Violation{Path: "serviceSpecificCredentialId", Constraint: "required", Message: "Member must not be null"}
	name := protocol.Violation{Path: "roleName", Constraint: "pattern", Value: "a b", Message: `Member must satisfy regular expression pattern: [\w+=,.@-]+`}
	cases := []struct {
		op        string
		violation protocol.Violation
		want      string
	}{
		{"DeleteServiceSpecificCredential", pattern, `1 validation error detected: Value at 'serviceSpecificCredentialId' failed to satisfy constraint: Member must satisfy regular expression pattern: [\w]+`},
		{"ResetServiceSpecificCredential", pattern, `1 validation error detected: Value at 'serviceSpecificCredentialId' failed to satisfy constraint: Member must satisfy regular expression pattern: [\w]+`},
		{"UpdateServiceSpecificCredential", enum, "1 validation error detected: Value at 'status' failed to satisfy constraint: Member must satisfy enum value set"},
		{"UpdateServiceSpecificCredential", missing, "1 validation error detected: Value null at 'serviceSpecificCredentialId' failed to satisfy constraint: Member must not be null"},
		{"UpdateAccessKey", enum, "1 validation error detected: Value 'Invalid' at 'status' failed to satisfy constraint: Member must satisfy enum value set: [Active, Inactive]"},
		{"CreateRole", name, `1 validation error detected: Value 'a b' at 'roleName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\w+=,.@-]+`},
	}
	s := &Service{}
	for _, c := range cases {
		t.Run(c.op+"/"+c.violation.Constraint, func(t *testing.T) {
			v := &protocol.ValidationError{Violations: []protocol.Violation{c.violation}}
			if mapped := s.MapValidation(&model.Operation{Name: c.op}, v); mapped != nil {
				t.Fatalf("MapValidation returned %v; want the generic error", mapped)
			}
			if got := v.Error(); got != c.want {
				t.Errorf("message\n got %s\nwant %s", got, c.want)
			}
		})
	}
}
