package service

import (
	"bytes"
	"encoding/json"
	"fmt"

	"github.com/parity-harness/parity/emulator/awserr"
)

// Typed adapts a function on typed input and output structs to a Handler.
// The structs' JSON field names are the model's member names; blobs are
// []byte and timestamps time.Time. Binding goes through encoding/json, so
// a struct is a view of the generic value, not a second source of truth.
func Typed[In, Out any](fn func(ctx *Context, in *In) (*Out, error)) Handler {
	return func(ctx *Context, params Params) (any, error) {
		in := new(In)
		if err := Bind(params, in); err != nil {
			return nil, awserr.Newf("SerializationException", 400, "cannot read input of %s: %v", ctx.Operation.Name, err)
		}
		out, err := fn(ctx, in)
		if err != nil {
			return nil, err
		}
		if out == nil {
			return map[string]any{}, nil
		}
		return out, nil
	}
}

// Bind copies a generic value into a typed struct.
func Bind(params map[string]any, dst any) error {
	b, err := json.Marshal(params)
	if err != nil {
		return err
	}
	return json.Unmarshal(b, dst)
}

// ToValue turns a handler's result into the generic document the codecs
// serialise. Maps pass through untouched (they may hold streams); anything
// else goes through encoding/json, numbers kept exact as json.Number.
func ToValue(out any) (map[string]any, error) {
	switch v := out.(type) {
	case nil:
		return map[string]any{}, nil
	case map[string]any:
		return v, nil
	}
	b, err := json.Marshal(out)
	if err != nil {
		return nil, fmt.Errorf("encode output: %w", err)
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var m map[string]any
	if err := dec.Decode(&m); err != nil {
		return nil, fmt.Errorf("encode output: %w", err)
	}
	return m, nil
}
