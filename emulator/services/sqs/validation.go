package sqs

import (
	"github.com/parity-harness/parity/emulator/awserr"
	"github.com/parity-harness/parity/emulator/model"
	"github.com/parity-harness/parity/emulator/protocol"
)

// MapValidation waives the one model constraint SQS does not enforce:
// ReceiveMessage's AttributeNames accepts message system attribute names
// (SenderId, SentTimestamp, …) besides queue attribute names, the form older
// clients use. Other violations keep the protocol's generic error.
func (s *Service) MapValidation(op *model.Operation, v *protocol.ValidationError) *awserr.Error {
	kept := v.Violations[:0]
	for _, x := range v.Violations {
		if op.Name == "ReceiveMessage" && x.Constraint == "enum" && isAttributeNamesPath(x.Path) {
			continue
		}
		kept = append(kept, x)
	}
	v.Violations = kept
	return nil
}

func isAttributeNamesPath(path string) bool {
	const prefix = "attributeNames"
	return len(path) >= len(prefix) && path[:len(prefix)] == prefix
}
