package harness

import (
	"bytes"
	"context"
	"errors"
	"io"
	"reflect"
	"sort"

	awsmiddleware "github.com/aws/aws-sdk-go-v2/aws/middleware"
	"github.com/aws/smithy-go"
	"github.com/aws/smithy-go/middleware"
	smithyhttp "github.com/aws/smithy-go/transport/http"

	"github.com/parity-harness/parity/harness/runlog"
)

// maxErrorBody bounds the error body kept for normalisation.
const maxErrorBody = 1 << 20

// addCallRecording installs the two middlewares of the call recorder in a
// client's stack: one outermost (it sees the input and the final error)
// and one next to the transport (it sees the raw HTTP response of the last
// attempt).
func addCallRecording(stack *middleware.Stack) error {
	if err := stack.Initialize.Add(callRecorder{}, middleware.Before); err != nil {
		return err
	}
	return stack.Deserialize.Add(responseCapture{}, middleware.After)
}

type captureKey struct{}

// callRecorder records one runlog.Call per operation and wraps errors with
// the raw response (see callError).
type callRecorder struct{}

func (callRecorder) ID() string { return "parity.CallRecorder" }

func (callRecorder) HandleInitialize(ctx context.Context, in middleware.InitializeInput, next middleware.InitializeHandler) (middleware.InitializeOutput, middleware.Metadata, error) {
	raw := &rawResponse{}
	ctx = context.WithValue(ctx, captureKey{}, raw)
	out, md, err := next.HandleInitialize(ctx, in)
	if raw.status == 0 && err == nil {
		// nothing was sent: a presign client built a URL or form, which the
		// spec sends itself (the server's call log sees that request)
		return out, md, err
	}

	service := modelNameForServiceID(awsmiddleware.GetServiceID(ctx))
	call := runlog.Call{
		Service:   service,
		Operation: awsmiddleware.GetOperationName(ctx),
		Params:    setMembers(service, awsmiddleware.GetOperationName(ctx), in.Parameters),
		Status:    raw.status,
	}
	if err != nil {
		var ae smithy.APIError
		if errors.As(err, &ae) {
			call.ErrorCode = ae.ErrorCode()
		}
		err = &callError{err: err, service: service, raw: raw}
	}
	current().recordCall(call)
	return out, md, err
}

// responseCapture keeps the status, headers and (for errors) the body of
// the raw HTTP response; the body is put back for the SDK's deserializer.
type responseCapture struct{}

func (responseCapture) ID() string { return "parity.ResponseCapture" }

func (responseCapture) HandleDeserialize(ctx context.Context, in middleware.DeserializeInput, next middleware.DeserializeHandler) (middleware.DeserializeOutput, middleware.Metadata, error) {
	out, md, err := next.HandleDeserialize(ctx, in)
	raw, _ := ctx.Value(captureKey{}).(*rawResponse)
	resp, ok := out.RawResponse.(*smithyhttp.Response)
	if raw == nil || !ok || resp == nil {
		return out, md, err
	}
	raw.status, raw.header, raw.body = resp.StatusCode, resp.Header.Clone(), nil
	if resp.StatusCode >= 300 && resp.Body != nil {
		body, _ := io.ReadAll(io.LimitReader(resp.Body, maxErrorBody))
		_ = resp.Body.Close()
		raw.body = body
		resp.Body = io.NopCloser(bytes.NewReader(body))
	}
	return out, md, err
}

// setMembers lists the top-level input members a call set (non-nil
// pointers, slices and maps; non-zero values), by model member name.
func setMembers(service, operation string, input any) []string {
	rv := reflect.ValueOf(input)
	for rv.Kind() == reflect.Pointer {
		if rv.IsNil() {
			return nil
		}
		rv = rv.Elem()
	}
	if rv.Kind() != reflect.Struct {
		return nil
	}
	var index map[string]string
	if svc := loadModel(service); svc != nil {
		if op := svc.Operations[operation]; op != nil && op.Input != nil {
			index = memberIndex(op.Input.Shape)
		}
	}
	var names []string
	t := rv.Type()
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if !f.IsExported() || rv.Field(i).IsZero() {
			continue
		}
		name := f.Name
		if index != nil {
			m, ok := index[normalName(f.Name)]
			if !ok {
				continue
			}
			name = m
		}
		names = append(names, name)
	}
	sort.Strings(names)
	return names
}
