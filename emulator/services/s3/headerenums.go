package s3

import "github.com/parity-harness/parity/emulator/awserr"

// headerEnumErrors are S3's answers to an out-of-enum value of a header
// member, by the member's validation path: S3 words them per header rather
// than as a model constraint.
var headerEnumErrors = map[string]func(value string) error{
	"objectLockMode": func(v string) error {
		return errInvalidArgument("Unknown wormMode directive.", "x-amz-object-lock-mode", v)
	},
	"objectOwnership": func(v string) error {
		return errInvalidArgumentNoValue("Invalid x-amz-object-ownership header: "+v, "x-amz-object-ownership")
	},
}

// headerEnumError is S3's error for value of the header member at path, or
// nil when S3 has no header-specific wording for it.
func headerEnumError(path, value string) *awserr.Error {
	if f := headerEnumErrors[path]; f != nil {
		e, _ := f(value).(*awserr.Error)
		return e
	}
	return nil
}
