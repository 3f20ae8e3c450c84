// Package protocol holds the wire codecs of the emulator: query, ec2, json
// (1.0 and 1.1), rest-json and rest-xml. Every codec is driven by the API
// model: it finds the called operation, parses the request into the
// operation's input shape (validating it), and serialises output shapes and
// errors exactly as AWS does.
//
// Values. DecodeInput produces the generic document of package service:
// string, bool, int64, float64, time.Time, []byte, []any, map[string]any (a
// structure or a map), and io.ReadCloser for a streaming payload. Encoders
// accept the same types and also what encoding/json round trips produce
// (json.Number and other Go numbers for numeric shapes, RFC 3339 strings or
// epoch numbers for timestamps, base64 strings for blobs, typed slices and
// maps), and io.Reader or []byte for a streaming payload.
package protocol

import (
	"net/http"

	"github.com/parity-harness/parity/emulator/awserr"
	"github.com/parity-harness/parity/emulator/model"
)

// Codec reads requests and writes responses of one wire protocol.
type Codec interface {
	// Name is the protocol name of the models: "json", "query", "ec2",
	// "rest-json" or "rest-xml".
	Name() string
	// Operation finds the operation a request calls (X-Amz-Target, the Action
	// form field, or the HTTP method and URI template). An unknown operation
	// is an *awserr.Error.
	Operation(r *http.Request, svc *model.Service) (*model.Operation, error)
	// DecodeInput parses and validates the request's input. Malformed input
	// is an *awserr.Error (SerializationException, MalformedQueryString,
	// InvalidParameterValue, MalformedXML…). Input that parses but breaks the
	// model's constraints returns the decoded input together with a
	// *ValidationError; DefaultValidationError turns it into AWS's error.
	DecodeInput(r *http.Request, svc *model.Service, op *model.Operation) (map[string]any, error)
	// EncodeOutput writes a successful response.
	EncodeOutput(w http.ResponseWriter, svc *model.Service, op *model.Operation, out map[string]any, meta Meta) error
	// EncodeError writes an error response.
	EncodeError(w http.ResponseWriter, svc *model.Service, op *model.Operation, err *awserr.Error, meta Meta)
}

// Meta is per-response data the envelopes carry.
type Meta struct {
	RequestID string
	// Status, when set, replaces the modeled success status of a REST
	// response (S3 answers ranged reads with 206 Partial Content).
	Status int
}
