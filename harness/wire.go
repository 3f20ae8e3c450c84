package harness

import (
	"context"

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
// captured response.
type wireProtocolMarker struct{ protocol string }

func (wireProtocolMarker) ID() string { return "parity.WireProtocol" }

func (m wireProtocolMarker) HandleInitialize(ctx context.Context, in middleware.InitializeInput, next middleware.InitializeHandler) (middleware.InitializeOutput, middleware.Metadata, error) {
	if raw, ok := ctx.Value(captureKey{}).(*rawResponse); ok {
		raw.protocol = m.protocol
	}
	return next.HandleInitialize(ctx, in)
}
