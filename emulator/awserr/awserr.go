// Package awserr is the error a service operation returns: an AWS error code,
// message, HTTP status and the extra members of the modeled error shape. The
// protocol codecs serialise it into each protocol's error envelope.
package awserr

import (
	"errors"
	"fmt"
)

// Error is a modeled AWS error.
type Error struct {
	// Code is the wire error code, e.g. "QueueDoesNotExist" or
	// "AWS.SimpleQueueService.NonExistentQueue"; codecs map it to the model's
	// exception shape when one matches.
	Code    string
	Message string
	// Status is the HTTP status; 0 means the modeled status of the error shape,
	// or 400.
	Status int
	// Sender reports a client fault (Type "Sender" in XML envelopes). Errors are
	// client faults unless Status is 5xx.
	Fields map[string]any
	// Headers are extra response headers (e.g. S3's x-amz-delete-marker).
	Headers map[string]string
	// QueryCode overrides Code in query-protocol envelopes for services whose
	// JSON and query codes differ (SQS's awsQueryCompatible errors).
	QueryCode string
}

func (e *Error) Error() string { return e.Code + ": " + e.Message }

// HTTPStatus returns the status to answer with.
func (e *Error) HTTPStatus() int {
	if e.Status == 0 {
		return 400
	}
	return e.Status
}

// New returns an error with a code, a status and a message.
func New(code string, status int, msg string) *Error {
	return &Error{Code: code, Status: status, Message: msg}
}

// Newf is New with a formatted message.
func Newf(code string, status int, format string, args ...any) *Error {
	return &Error{Code: code, Status: status, Message: fmt.Sprintf(format, args...)}
}

// With returns e with one more member of the error shape set.
func (e *Error) With(member string, value any) *Error {
	if e.Fields == nil {
		e.Fields = map[string]any{}
	}
	e.Fields[member] = value
	return e
}

// As extracts an *Error from err.
func As(err error) (*Error, bool) {
	var e *Error
	ok := errors.As(err, &e)
	return e, ok
}

// Common errors shared by services and codecs.

// Validation is the generic input validation failure of JSON and rest-json
// services.
func Validation(msg string) *Error { return New("ValidationException", 400, msg) }

// InvalidAction answers an operation the service does not know.
func InvalidAction(service, op string) *Error {
	return Newf("InvalidAction", 400, "The action %s is not valid for this endpoint.", op)
}

// NotImplemented answers a modeled operation the emulator does not implement.
func NotImplemented(service, op string) *Error {
	return Newf("NotImplemented", 501, "The operation %s of service %s is not implemented by the parity emulator.", op, service)
}

// Internal answers a bug in the emulator (a panic); it is never returned for
// bad input.
func Internal(msg string) *Error { return New("InternalFailure", 500, msg) }
