package iam

import (
	"strings"

	"github.com/parity-harness/parity/emulator/awserr"
	"github.com/parity-harness/parity/emulator/model"
	"github.com/parity-harness/parity/emulator/protocol"
)

// MapValidation words the violations of the service-specific credential
// operations (Create/List/Reset/Update/Delete ServiceSpecificCredential) as
// IAM does for them: the offending value is left out ("Value at
// 'serviceSpecificCredentialId' failed to satisfy constraint: ...") and an
// enum constraint is stated without its value set ("Member must satisfy enum
// value set"), as AWS answers a hyphenated credential id and an unknown
// status. Missing members keep the generic "Value null" form. Other
// operations keep the protocol's generic ValidationError.
func (s *Service) MapValidation(op *model.Operation, v *protocol.ValidationError) *awserr.Error {
	if !strings.Contains(op.Name, "ServiceSpecificCredential") {
		return nil
	}
	for i := range v.Violations {
		x := &v.Violations[i]
		if x.Constraint == "required" {
			continue
		}
		x.Sensitive = true
		if x.Constraint == "enum" {
			x.Message = "Member must satisfy enum value set"
		}
	}
	return nil
}
