package s3

import (
	"github.com/parity-harness/parity/emulator/awserr"
	"github.com/parity-harness/parity/emulator/service"
)

// responseOverrideParams are GetObject's query parameters that override
// response headers.
var responseOverrideParams = []string{"response-cache-control", "response-content-disposition",
	"response-content-encoding", "response-content-language", "response-content-type", "response-expires"}

// checkResponseOverrides refuses a response header override whose value
// cannot be sent as an HTTP header: S3 writes header values in ISO-8859-1.
func checkResponseOverrides(ctx *service.Context) error {
	for _, name := range responseOverrideParams {
		v, ok := query(ctx, name)
		if !ok || latin1(v) {
			continue
		}
		return awserr.New("InvalidArgument", 400, "Header value cannot be represented using ISO-8859-1.").
			With("ArgumentName", name).With("ArgumentValue", v)
	}
	return nil
}

// latin1 reports whether every character of s is in ISO-8859-1.
func latin1(s string) bool {
	for _, r := range s {
		if r > 0xFF {
			return false
		}
	}
	return true
}
