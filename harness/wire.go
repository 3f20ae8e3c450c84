package harness

import (
	"context"
	"errors"
	"reflect"

	"github.com/aws/smithy-go/middleware"
)

// withWireProtocol marks every call of a client that speaks another
// protocol than its service model's (SQSQuery: the query protocol of SQS,
// whose model is JSON), so that its error responses are parsed as boto3
// parses that protocol.
func withWireProtocol(protocol string) func(*middleware.Stack) error {
	return func(stack *middleware.Stack) error {
		return stack.Initialize.Insert(wireProtocolMarker{protocol: protocol}, callRecorder{}.ID(), middleware.After)
	}
}

// wireProtocolMarker writes the client's wire protocol into the call's
// captured response. For a query error it makes the SDK error report the
// code of the wire (AWS.SimpleQueueService.NonExistentQueue, not the
// shape name QueueDoesNotExist), as the JSON protocol does from
// x-amzn-query-error and as boto3 reports it.
type wireProtocolMarker struct{ protocol string }

func (wireProtocolMarker) ID() string { return "parity.WireProtocol" }

func (m wireProtocolMarker) HandleInitialize(ctx context.Context, in middleware.InitializeInput, next middleware.InitializeHandler) (middleware.InitializeOutput, middleware.Metadata, error) {
	raw, _ := ctx.Value(captureKey{}).(*rawResponse)
	if raw != nil {
		raw.protocol = m.protocol
	}
	out, md, err := next.HandleInitialize(ctx, in)
	if err != nil && raw != nil && raw.status >= 300 && (m.protocol == "query" || m.protocol == "ec2") {
		if e, ok := queryError(raw)["Error"].(map[string]any); ok {
			if code, ok := e["Code"].(string); ok && code != "" {
				overrideErrorCode(err, code)
			}
		}
	}
	return out, md, err
}

// overrideErrorCode sets the ErrorCodeOverride of the modeled SDK error in
// err's chain, when it has none.
func overrideErrorCode(err error, code string) {
	stringPtr := reflect.TypeOf((*string)(nil))
	for e := err; e != nil; e = errors.Unwrap(e) {
		v := reflect.ValueOf(e)
		if v.Kind() != reflect.Pointer || v.IsNil() || v.Elem().Kind() != reflect.Struct {
			continue
		}
		f := v.Elem().FieldByName("ErrorCodeOverride")
		if f.IsValid() && f.CanSet() && f.Type() == stringPtr {
			if f.IsNil() {
				f.Set(reflect.ValueOf(&code))
			}
			return
		}
	}
}
