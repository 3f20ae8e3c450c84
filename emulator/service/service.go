// Package service is the seam between the emulator's gateway and its
// services. A service implements typed operations behind a small interface;
// the protocol codecs turn requests into input values and output values into
// responses, so no service writes wire formats.
//
// Values crossing the seam are the generic document the codecs produce:
// string, bool, int64, float64, time.Time, []byte, []any, map[string]any and,
// for streaming payloads, io.ReadCloser. Handlers may return a map in that
// form, or any struct whose JSON encoding uses the model's member names (see
// Typed).
package service

import (
	"context"
	"net/http"
	"time"

	"github.com/parity-harness/parity/emulator/model"
)

// Params is an operation's decoded, validated input.
type Params = map[string]any

// Handler serves one operation.
type Handler func(ctx *Context, in Params) (any, error)

// Service is an emulated AWS service.
type Service interface {
	// Model is the model name of the service ("sqs", "streams.dynamodb").
	Model() string
	// Handlers maps operation names to their implementation. Operations of the
	// model missing here answer a NotImplemented error.
	Handlers() map[string]Handler
}

// Closer is implemented by services with background work (timers, pollers).
type Closer interface {
	Close() error
}

// Persistent is implemented by services whose state survives restarts when
// the emulator runs with a state directory.
type Persistent interface {
	// SaveState returns the whole state of the service, serialised.
	SaveState() ([]byte, error)
	// LoadState replaces the state with one returned by SaveState.
	LoadState([]byte) error
}

// Context is what a handler knows about the call.
type Context struct {
	context.Context

	Request   *http.Request
	RequestID string
	Received  time.Time

	Service   *model.Service
	Operation *model.Operation
	// Protocol is the wire protocol of the request: "json", "query", "ec2",
	// "rest-json" or "rest-xml".
	Protocol string

	// Account and Region the call is for: account from the access key, region
	// from the SigV4 credential scope (or the default region).
	Account string
	Region  string
	// AccessKey is the caller's access key id; Caller the caller's ARN
	// (root, IAM user or assumed role).
	AccessKey string
	Caller    string

	// Endpoint is scheme://host the client called, for URLs the service
	// returns (SQS queue URLs, S3 locations).
	Endpoint string

	// Emulator gives access to the other services, for integrations.
	Emulator Emulator

	// ResponseHeaders are extra headers to send with the response.
	ResponseHeaders http.Header
	// Status, when set by a handler, replaces the modeled success status of
	// a REST response (206 for a ranged S3 read).
	Status int
}

// Emulator is the part of the running emulator a service may use.
type Emulator interface {
	// Invoke calls an operation of another service in-process, as if a client
	// of account and region called it.
	Invoke(ctx context.Context, account, region, service, operation string, in Params) (map[string]any, error)
	// Credentials is the registry of access keys.
	Credentials() Credentials
}

// Identity is who an access key belongs to.
type Identity struct {
	AccessKeyID     string
	SecretAccessKey string
	SessionToken    string
	Account         string
	ARN             string // caller ARN: arn:aws:iam::123456789012:user/x or an assumed role
	UserID          string // the caller's unique id (AIDA…, AROA…:session)
	Expires         time.Time
}

// Credentials issues and resolves access keys (STS, IAM access keys).
type Credentials interface {
	Register(id Identity)
	Lookup(accessKeyID string) (Identity, bool)
	Remove(accessKeyID string)
}
