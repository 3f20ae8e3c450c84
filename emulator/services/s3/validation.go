package s3

import (
	"fmt"
	"strings"

	"github.com/parity-harness/parity/emulator/awserr"
	"github.com/parity-harness/parity/emulator/model"
	"github.com/parity-harness/parity/emulator/protocol"
)

// MapValidation turns the codec's model-constraint violations into S3's
// errors: S3 answers no ValidationException. A bad location constraint is
// InvalidLocationConstraint, a bad header value InvalidArgument, anything in
// an XML body MalformedXML.
func (s *Service) MapValidation(op *model.Operation, v *protocol.ValidationError) *awserr.Error {
	// S3 does not enforce the model's patterns: SDKs send CopySource as
	// "bucket/key", which the model's pattern would reject. Location
	// constraints are checked by CreateBucket against the endpoint's region:
	// the model's enum lacks us-east-1, which another region's endpoint
	// answers with IllegalLocationConstraintException.
	kept := v.Violations[:0]
	for _, x := range v.Violations {
		if x.Constraint == "enum" && strings.Contains(strings.ToLower(x.Path), "filterrules") {
			continue // S3 takes filter rule names in any case; the handler words unknown ones
		}
		if x.Constraint == "enum" && strings.HasPrefix(x.Path, "websiteConfiguration.") && strings.HasSuffix(x.Path, ".protocol") {
			continue // PutBucketWebsite words a bad redirect protocol itself (InvalidRequest)
		}
		if x.Constraint == "enum" && (x.Path == "aCL" || strings.HasSuffix(x.Path, ".permission")) {
			continue // ACLs are checked by the handlers: InvalidArgument x-amz-acl, MalformedACLError
		}
		if x.Constraint != "pattern" && !(x.Constraint == "enum" && strings.HasSuffix(x.Path, "locationConstraint")) {
			kept = append(kept, x)
		}
	}
	v.Violations = kept
	if len(v.Violations) == 0 {
		return nil
	}
	first := v.Violations[0]
	value := fmt.Sprint(first.Value)
	if first.Value == nil {
		value = ""
	}
	switch {
	case op != nil && op.Name == "PutBucketPolicy":
		return awserr.New("MalformedPolicy", 400, "Policies must be valid JSON and the first byte must be '{'")
	case first.Constraint == "enum" && strings.EqualFold(first.Path, "encodingType"):
		e := awserr.New("InvalidArgument", 400, "Invalid Encoding Method specified in Request").With("ArgumentName", "encoding-type")
		if value == "" {
			return e.With("ArgumentValue", "") // an empty element: boto3 reads null
		}
		return e.With("ArgumentValue", value)
	case first.Constraint == "enum" && headerEnumError(first.Path, value) != nil:
		return headerEnumError(first.Path, value)
	case strings.HasSuffix(first.Path, "locationConstraint"):
		return awserr.New("InvalidLocationConstraint", 400, "The specified location-constraint is not valid").With("LocationConstraint", value)
	case strings.Contains(first.Path, ".") || first.Constraint == "enum" && op != nil && op.Input != nil && op.Input.Shape.Payload != "":
		return awserr.New("MalformedXML", 400, "The XML you provided was not well-formed or did not validate against our published schema")
	case first.Constraint == "required":
		return awserr.Newf("InvalidRequest", 400, "Missing required parameter %s", first.Path)
	}
	return awserr.New("InvalidArgument", 400, first.Message).With("ArgumentName", first.Path).With("ArgumentValue", value)
}
