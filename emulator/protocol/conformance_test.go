package protocol

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/parity-harness/parity/emulator/model"
)

// The conformance tests run AWS's protocol test suites (shipped with
// github.com/aws/aws-sdk-go in models/protocol_tests) from the server side:
// input cases decode the serialized request and compare it with the
// parameters; output cases encode the result, parse the response back the
// way a client does, and compare it with the result.

var protocolNames = []string{"ec2", "json", "query", "rest-json", "rest-xml"}

// excludedCases are cases that test client-only behaviour, keyed by
// "<input|output>/<protocol>/<suite description>/<case index>".
var excludedCases = map[string]string{
	"input/ec2/Idempotency token auto fill/1":       "the client fills a missing idempotency token; the server receives the filled value",
	"input/json/Idempotency token auto fill/1":      "the client fills a missing idempotency token; the server receives the filled value",
	"input/query/Idempotency token auto fill/1":     "the client fills a missing idempotency token; the server receives the filled value",
	"input/rest-json/Idempotency token auto fill/1": "the client fills a missing idempotency token; the server receives the filled value",
	"input/rest-xml/Idempotency token auto fill/1":  "the client fills a missing idempotency token; the server receives the filled value",
	"input/rest-xml/Header whitespace/0":            "the client trims header whitespace before sending; the server only sees trimmed values",
	"output/rest-json/Supports header maps/0":       "a header map without prefix captures every response header, including those the server adds (request id, content type, length)",
}

var adjustedCases atomic.Int64

type protoSuite struct {
	Description string          `json:"description"`
	Metadata    model.Metadata  `json:"metadata"`
	Shapes      json.RawMessage `json:"shapes"`
	Cases       []protoCase     `json:"cases"`
}

type protoCase struct {
	Given struct {
		Name   string          `json:"name"`
		Input  *model.ShapeRef `json:"input"`
		Output *model.ShapeRef `json:"output"`
		HTTP   model.HTTP      `json:"http"`
		// The raw references, for traits the model types do not carry.
		RawInput  json.RawMessage `json:"-"`
		RawOutput json.RawMessage `json:"-"`
	} `json:"given"`
	Params     map[string]any `json:"params"`
	Result     map[string]any `json:"result"`
	Serialized struct {
		Method  string            `json:"method"`
		URI     string            `json:"uri"`
		Headers map[string]string `json:"headers"`
		Body    string            `json:"body"`
	} `json:"serialized"`
	Response struct {
		StatusCode int               `json:"status_code"`
		Headers    map[string]string `json:"headers"`
		Body       string            `json:"body"`
	} `json:"response"`
}

var (
	sdkDirOnce sync.Once
	sdkDir     string
	sdkDirErr  error
)

func protocolTestsDir(t testing.TB) string {
	sdkDirOnce.Do(func() {
		out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "github.com/aws/aws-sdk-go").Output()
		if err != nil {
			sdkDirErr = fmt.Errorf("locate github.com/aws/aws-sdk-go: %w", err)
			return
		}
		sdkDir = filepath.Join(strings.TrimSpace(string(out)), "models", "protocol_tests")
	})
	if sdkDirErr != nil {
		t.Fatal(sdkDirErr)
	}
	return sdkDir
}

func loadProtocolSuites(t testing.TB, kind, protocol string) []protoSuite {
	data, err := os.ReadFile(filepath.Join(protocolTestsDir(t), kind, protocol+".json"))
	if err != nil {
		t.Fatal(err)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var suites []protoSuite
	if err := dec.Decode(&suites); err != nil {
		t.Fatalf("%s/%s: %v", kind, protocol, err)
	}
	// Keep the raw input/output references for traits model.ShapeRef lacks.
	var raw []struct {
		Cases []struct {
			Given struct {
				Input  json.RawMessage `json:"input"`
				Output json.RawMessage `json:"output"`
			} `json:"given"`
		} `json:"cases"`
	}
	if err := json.Unmarshal(data, &raw); err != nil {
		t.Fatal(err)
	}
	for i := range suites {
		for j := range suites[i].Cases {
			suites[i].Cases[j].Given.RawInput = raw[i].Cases[j].Given.Input
			suites[i].Cases[j].Given.RawOutput = raw[i].Cases[j].Given.Output
		}
	}
	return suites
}

// caseService builds the linked model of one case: the suite's shapes and
// the case's operation.
func caseService(s protoSuite, c protoCase) (*model.Service, *model.Operation, error) {
	svc := &model.Service{Name: "test", Metadata: s.Metadata}
	shapes, err := fixtureShapes(s.Shapes, c)
	if err != nil {
		return nil, nil, err
	}
	if err := json.Unmarshal(shapes, &svc.Shapes); err != nil {
		return nil, nil, err
	}
	op := &model.Operation{Name: c.Given.Name, HTTP: c.Given.HTTP}
	if c.Given.Input != nil {
		in := *c.Given.Input
		op.Input = &in
	}
	if c.Given.Output != nil {
		out := *c.Given.Output
		op.Output = &out
	}
	if op.HTTP.Method == "" {
		op.HTTP.Method = http.MethodPost
	}
	if op.HTTP.RequestURI == "" {
		op.HTTP.RequestURI = "/"
	}
	svc.Operations = map[string]*model.Operation{op.Name: op}
	if err := svc.Link(); err != nil {
		return nil, nil, err
	}
	return svc, op, nil
}

// fixtureShapes rewrites two shorthands of the test fixtures into the form
// of the published models: a location trait on a shape applies to every
// reference to it, and a payload trait on the operation's input or output
// reference belongs to the referenced structure.
func fixtureShapes(raw json.RawMessage, c protoCase) ([]byte, error) {
	var shapes map[string]map[string]any
	if err := json.Unmarshal(raw, &shapes); err != nil {
		return nil, err
	}
	located := map[string]map[string]any{}
	for name, sh := range shapes {
		if loc, ok := sh["location"]; ok {
			located[name] = map[string]any{"location": loc, "locationName": sh["locationName"]}
		}
	}
	fix := func(ref any) {
		r, ok := ref.(map[string]any)
		if !ok {
			return
		}
		name, _ := r["shape"].(string)
		l, ok := located[name]
		if !ok {
			return
		}
		if _, has := r["location"]; !has {
			r["location"] = l["location"]
		}
		if _, has := r["locationName"]; !has && l["locationName"] != nil {
			r["locationName"] = l["locationName"]
		}
	}
	for _, sh := range shapes {
		if members, ok := sh["members"].(map[string]any); ok {
			for _, ref := range members {
				fix(ref)
			}
		}
		fix(sh["member"])
		fix(sh["key"])
		fix(sh["value"])
	}
	for _, ref := range []json.RawMessage{c.Given.RawInput, c.Given.RawOutput} {
		var r struct {
			Shape   string `json:"shape"`
			Payload string `json:"payload"`
		}
		if len(ref) == 0 || json.Unmarshal(ref, &r) != nil || r.Payload == "" {
			continue
		}
		if sh := shapes[r.Shape]; sh != nil {
			sh["payload"] = r.Payload
		}
	}
	return json.Marshal(shapes)
}

type conformanceCount struct{ pass, total, excluded int }

func TestConformance(t *testing.T) {
	var summary []string
	for _, protocol := range protocolNames {
		var in, out conformanceCount
		t.Run(protocol, func(t *testing.T) {
			in = runInputConformance(t, protocol)
			out = runOutputConformance(t, protocol)
		})
		line := fmt.Sprintf("conformance %s: %d/%d input, %d/%d output (%d excluded)", protocol, in.pass, in.total, out.pass, out.total, in.excluded+out.excluded)
		summary = append(summary, line)
	}
	for _, line := range summary {
		t.Log(line)
		fmt.Println(line)
	}
	t.Logf("adjusted cases (json fixtures without X-Amz-Target): %d", adjustedCases.Load())
	t.Logf("excluded cases: %d", len(excludedCases))
	for k, reason := range excludedCases {
		t.Logf("  excluded %s: %s", k, reason)
	}
}

func runInputConformance(t *testing.T, protocol string) conformanceCount {
	var n conformanceCount
	for _, s := range loadProtocolSuites(t, "input", protocol) {
		for i, c := range s.Cases {
			key := fmt.Sprintf("input/%s/%s/%d", protocol, s.Description, i)
			if _, ok := excludedCases[key]; ok {
				n.excluded++
				continue
			}
			n.total++
			t.Run(fmt.Sprintf("input/%s/%d", s.Description, i), func(t *testing.T) {
				if err := checkInputCase(protocol, s, c); err != nil {
					t.Errorf("%s: %v", key, err)
					return
				}
				n.pass++
			})
		}
	}
	return n
}

func checkInputCase(protocol string, s protoSuite, c protoCase) error {
	svc, op, err := caseService(s, c)
	if err != nil {
		return err
	}
	method := c.Serialized.Method
	if method == "" {
		method = op.HTTP.Method
	}
	uri := c.Serialized.URI
	if uri == "" {
		uri = "/"
	}
	req := httptest.NewRequest(method, "http://service.region.amazonaws.com"+uri, strings.NewReader(c.Serialized.Body))
	for k, v := range c.Serialized.Headers {
		req.Header.Set(k, v)
	}
	if protocol == "json" && req.Header.Get("X-Amz-Target") == "" {
		// Some json fixtures omit the X-Amz-Target header every client
		// sends; the harness supplies it (counted as adjusted).
		req.Header.Set("X-Amz-Target", svc.Metadata.TargetPrefix+"."+op.Name)
		adjustedCases.Add(1)
	}
	codec := ByName(protocol)
	got, err := codec.Operation(req, svc)
	if err != nil {
		return fmt.Errorf("operation: %v", err)
	}
	if got != op {
		return fmt.Errorf("operation: got %s, want %s", got.Name, op.Name)
	}
	in, err := codec.DecodeInput(req, svc, op)
	var verr *ValidationError
	if err != nil && !errors.As(err, &verr) {
		// A ValidationError still returns the decoded input: the fixtures
		// send values the model's constraints reject (e.g. unknown enums),
		// which is the validator's business, not the decoder's.
		return fmt.Errorf("decode: %v", err)
	}
	var shape *model.ShapeRef = op.Input
	if shape == nil {
		shape = &model.ShapeRef{Shape: &model.Shape{Type: "structure"}}
	}
	want := normalize(shape, c.Params)
	have := normalize(shape, in)
	if !reflect.DeepEqual(want, have) {
		return fmt.Errorf("decoded input differs\n want %s\n have %s", mustJSON(want), mustJSON(have))
	}
	return nil
}

func runOutputConformance(t *testing.T, protocol string) conformanceCount {
	var n conformanceCount
	for _, s := range loadProtocolSuites(t, "output", protocol) {
		for i, c := range s.Cases {
			key := fmt.Sprintf("output/%s/%s/%d", protocol, s.Description, i)
			if _, ok := excludedCases[key]; ok {
				n.excluded++
				continue
			}
			n.total++
			t.Run(fmt.Sprintf("output/%s/%d", s.Description, i), func(t *testing.T) {
				if err := checkOutputCase(protocol, s, c); err != nil {
					t.Errorf("%s: %v", key, err)
					return
				}
				n.pass++
			})
		}
	}
	return n
}

func checkOutputCase(protocol string, s protoSuite, c protoCase) error {
	svc, op, err := caseService(s, c)
	if err != nil {
		return err
	}
	out := fixtureValue(op.Output, c.Result)
	rec := httptest.NewRecorder()
	if err := ByName(protocol).EncodeOutput(rec, svc, op, out, Meta{RequestID: "request-id"}); err != nil {
		return fmt.Errorf("encode: %v", err)
	}
	want := normalize(op.Output, c.Result)
	// The client-side reading of the fixture's response must give the result
	// too, or the reader below is not a faithful client.
	fixture, err := decodeResponse(protocol, svc, op, c.Response.StatusCode, headerOf(c.Response.Headers), []byte(c.Response.Body))
	if err != nil {
		return fmt.Errorf("read fixture response: %v", err)
	}
	if f := normalize(op.Output, fixture); !reflect.DeepEqual(want, f) {
		return fmt.Errorf("test reader disagrees with the fixture\n want %s\n read %s", mustJSON(want), mustJSON(f))
	}
	got, err := decodeResponse(protocol, svc, op, rec.Code, rec.Header(), rec.Body.Bytes())
	if err != nil {
		return fmt.Errorf("read encoded response: %v\n%s", err, rec.Body.String())
	}
	if have := normalize(op.Output, got); !reflect.DeepEqual(want, have) {
		return fmt.Errorf("encoded output differs\n want %s\n have %s\n body %s", mustJSON(want), mustJSON(have), rec.Body.String())
	}
	return nil
}

func headerOf(m map[string]string) http.Header {
	h := http.Header{}
	for k, v := range m {
		h.Set(k, v)
	}
	return h
}

func mustJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return string(b)
}

// fixtureValue turns a fixture's result into handler-style values: blobs
// are raw text in the fixtures, so they become []byte.
func fixtureValue(ref *model.ShapeRef, v any) map[string]any {
	if ref == nil {
		return map[string]any{}
	}
	m, _ := typedFixture(ref, v).(map[string]any)
	if m == nil {
		m = map[string]any{}
	}
	return m
}

func typedFixture(ref *model.ShapeRef, v any) any {
	if v == nil {
		return nil
	}
	s := ref.Shape
	switch s.Type {
	case "structure":
		m, ok := v.(map[string]any)
		if !ok {
			return v
		}
		out := map[string]any{}
		for k, val := range m {
			if mr := s.Members[k]; mr != nil {
				out[k] = typedFixture(mr, val)
			}
		}
		return out
	case "list":
		items, ok := v.([]any)
		if !ok {
			return v
		}
		out := make([]any, len(items))
		for i, item := range items {
			out[i] = typedFixture(s.Member, item)
		}
		return out
	case "map":
		m, ok := v.(map[string]any)
		if !ok {
			return v
		}
		out := map[string]any{}
		for k, val := range m {
			out[k] = typedFixture(s.Value, val)
		}
		return out
	case "blob":
		if str, ok := v.(string); ok {
			return []byte(str)
		}
	}
	return v
}

// normalize renders a shaped value in one canonical form so fixtures and
// decoded values compare: numbers and timestamps as float64 (epoch
// seconds), blobs and streams as text, nils dropped.
func normalize(ref *model.ShapeRef, v any) any {
	if v == nil || ref == nil {
		return nil
	}
	s := ref.Shape
	switch s.Type {
	case "structure":
		m, ok := asMap(v)
		if !ok {
			return fmt.Sprintf("<not a structure: %T>", v)
		}
		out := map[string]any{}
		for k, val := range m {
			mr := s.Members[k]
			if mr == nil {
				out[k] = fmt.Sprintf("<unknown member %v>", val)
				continue
			}
			if n := normalize(mr, val); n != nil {
				out[k] = n
			}
		}
		return out
	case "list":
		items, ok := asList(v)
		if !ok {
			return fmt.Sprintf("<not a list: %T>", v)
		}
		out := make([]any, len(items))
		for i, item := range items {
			out[i] = normalize(s.Member, item)
		}
		return out
	case "map":
		m, ok := asMap(v)
		if !ok {
			return fmt.Sprintf("<not a map: %T>", v)
		}
		out := map[string]any{}
		for k, val := range m {
			out[k] = normalize(s.Value, val)
		}
		return out
	case "timestamp":
		switch x := v.(type) {
		case time.Time:
			return float64(x.UnixMilli()) / 1000
		}
		if f, ok := asFloat64(v); ok {
			return f
		}
		if t, ok := asTime(v); ok {
			return float64(t.UnixMilli()) / 1000
		}
	case "blob":
		switch x := v.(type) {
		case []byte:
			return string(x)
		case string:
			return x
		case io.Reader:
			b, _ := io.ReadAll(x)
			return string(b)
		}
	case "integer", "long", "float", "double":
		if f, ok := asFloat64(v); ok {
			if math.IsNaN(f) {
				return "NaN"
			}
			return f
		}
	case "string":
		if ref.JSONValue {
			return plainNumbers(v)
		}
		if str, ok := asString(v); ok {
			return str
		}
	case "boolean":
		if b, ok := asBool(v); ok {
			return b
		}
	}
	return plainNumbers(v)
}

func plainNumbers(v any) any {
	switch x := v.(type) {
	case json.Number:
		f, _ := x.Float64()
		return f
	case int64:
		return float64(x)
	case []any:
		out := make([]any, len(x))
		for i := range x {
			out[i] = plainNumbers(x[i])
		}
		return out
	case map[string]any:
		out := map[string]any{}
		for k := range x {
			out[k] = plainNumbers(x[k])
		}
		return out
	}
	return v
}
