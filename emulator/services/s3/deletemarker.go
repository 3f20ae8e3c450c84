package s3

import "github.com/parity-harness/parity/emulator/awserr"

// deleteMarkerNotAllowed turns the NoSuchKey of a key whose current version
// is a delete marker into the 405 S3 answers to writes addressed to the
// marker, as PutObjectAcl without a version id does; other errors pass.
func deleteMarkerNotAllowed(err error, method string) error {
	ae, ok := awserr.As(err)
	if !ok || ae.Code != "NoSuchKey" || ae.Headers["x-amz-delete-marker"] != "true" {
		return err
	}
	e := awserr.New("MethodNotAllowed", 405, "The specified method is not allowed against this resource.").With("Method", method).With("ResourceType", "DeleteMarker")
	e.Headers = ae.Headers
	return e
}
