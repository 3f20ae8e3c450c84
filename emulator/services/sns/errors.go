package sns

import (
	"fmt"
	"strings"

	"github.com/parity-harness/parity/emulator/awserr"
)

func errInvalidParameter(format string, args ...any) *awserr.Error {
	return awserr.New("InvalidParameter", 400, fmt.Sprintf(format, args...))
}

func errParameterValueInvalid(format string, args ...any) *awserr.Error {
	return awserr.New("ParameterValueInvalid", 400, fmt.Sprintf(format, args...))
}

func errNotFound(msg string) *awserr.Error { return awserr.New("NotFound", 404, msg) }

func errTopicNotFound() *awserr.Error { return errNotFound("Topic does not exist") }

func errSubscriptionNotFound() *awserr.Error { return errNotFound("Subscription does not exist") }

func errResourceNotFound() *awserr.Error {
	return awserr.New("ResourceNotFound", 404, "Resource does not exist")
}

// errNullMember is the validation error AWS answers for a required member
// that is absent.
func errNullMember(path string) *awserr.Error {
	return awserr.New("ValidationError", 400,
		"1 validation error detected: Value null at '"+path+"' failed to satisfy constraint: Member must not be null")
}

// checkARN validates an ARN parameter the way SNS does: at least six
// colon-separated elements.
func checkARN(param, arn string) *awserr.Error {
	if arn == "" {
		return errInvalidParameter("Invalid parameter: %s Reason: no value for required parameter", param)
	}
	if n := len(strings.Split(arn, ":")); n < 6 {
		return errInvalidParameter("Invalid parameter: %s Reason: An ARN must have at least 6 elements, not %d", param, n)
	}
	return nil
}

func errTagLimit() *awserr.Error {
	return awserr.New("TagLimitExceeded", 400, "Could not complete request: tag quota of per resource exceeded")
}
