package dynamodb

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/parity-harness/parity/emulator/awserr"
	"github.com/parity-harness/parity/emulator/service"
)

func testCtx() *service.Context {
	return &service.Context{Context: context.Background(), Account: "000000000000", Region: "us-east-1"}
}

func newTestService(t testing.TB) *Service {
	s := New()
	t.Cleanup(func() { s.Close() })
	return s
}

// params decodes a JSON literal into the generic input document.
func params(t testing.TB, js string) map[string]any {
	t.Helper()
	d := json.NewDecoder(strings.NewReader(js))
	d.UseNumber()
	var m map[string]any
	if err := d.Decode(&m); err != nil {
		t.Fatalf("bad test params %s: %v", js, err)
	}
	return m
}

func call(t testing.TB, s *Service, op, js string) (map[string]any, error) {
	t.Helper()
	out, err := s.Handlers()[op](testCtx(), params(t, js))
	if err != nil {
		return nil, err
	}
	m, _ := out.(map[string]any)
	return m, nil
}

func mustCall(t testing.TB, s *Service, op, js string) map[string]any {
	t.Helper()
	out, err := call(t, s, op, js)
	if err != nil {
		t.Fatalf("%s %s: %v", op, js, err)
	}
	return out
}

func errMessage(err error) string {
	if e, ok := awserr.As(err); ok {
		return e.Code + ": " + e.Message
	}
	if err == nil {
		return ""
	}
	return err.Error()
}

func toJSON(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}
