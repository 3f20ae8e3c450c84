package harness

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	awsmiddleware "github.com/aws/aws-sdk-go-v2/aws/middleware"
	"github.com/aws/smithy-go/middleware"
	smithyhttp "github.com/aws/smithy-go/transport/http"

	"github.com/parity-harness/parity/emulator/model"
)

// DatetimeMarker replaces every timestamp of a normalised response, as in
// the AWS reference recordings.
const DatetimeMarker = "datetime"

// Normalize renders an SDK operation output (a pointer to a *Output struct
// of an aws-sdk-go-v2 service package) or an error returned by an SDK call
// in the shape boto3 returns it, as the reference recordings store it:
// model member names, timestamps as "datetime", blobs as Python bytes
// literals, streaming bodies read into strings, and ResponseMetadata reduced
// to
// {"HTTPHeaders": {}, "HTTPStatusCode": N}.
func Normalize(v any) (map[string]any, error) {
	if v == nil {
		return nil, errors.New("normalize: nil output (pass the SDK output or the error of the call)")
	}
	if err, ok := v.(error); ok {
		return normalizeError(err)
	}
	return normalizeOutput(v)
}

// NormalizeValue renders a value that is neither an SDK output nor an error
// — a string, a list, a map, an item of SDK types such as DynamoDB's
// map[string]types.AttributeValue — the way boto3 would show it, for
// snapshot keys that hold part of a response or a value the spec computed.
func NormalizeValue(v any) (any, error) {
	n := normalizer{}
	out, ok := n.value(reflect.ValueOf(v), nil)
	if n.err != nil {
		return nil, n.err
	}
	if !ok {
		return nil, nil
	}
	return out, nil
}

// isSDKResult reports whether v is an SDK output (*<Operation>Output) or an
// error: what Normalize takes.
func isSDKResult(v any) bool {
	if _, ok := v.(error); ok {
		return true
	}
	t := reflect.TypeOf(v)
	return t != nil && t.Kind() == reflect.Pointer && t.Elem().Kind() == reflect.Struct && strings.HasSuffix(t.Elem().Name(), "Output")
}

// normalizeOutput walks an SDK output struct guided by the model's output
// shape of the operation.
func normalizeOutput(v any) (map[string]any, error) {
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Pointer || rv.IsNil() || rv.Elem().Kind() != reflect.Struct {
		return nil, fmt.Errorf("normalize: %T is not an SDK output (want *<service>.<Operation>Output or an error)", v)
	}
	st := rv.Elem().Type()
	svcName, _ := modelNameForPackage(st.PkgPath())
	opName, isOutput := strings.CutSuffix(st.Name(), "Output")
	if !isOutput {
		return nil, fmt.Errorf("normalize: %T is not an SDK output (want *<service>.<Operation>Output or an error)", v)
	}
	var shape *model.Shape
	if svcName != "" {
		if svc, err := model.Load(svcName); err == nil {
			if op := svc.Operations[opName]; op != nil && op.Output != nil {
				shape = op.Output.Shape
			}
		}
	}
	n := normalizer{}
	out, _ := n.structure(rv.Elem(), shape).(map[string]any)
	if out == nil {
		out = map[string]any{}
	}
	status := 0
	if f := rv.Elem().FieldByName("ResultMetadata"); f.IsValid() {
		if md, ok := f.Interface().(middleware.Metadata); ok {
			if resp, ok := awsmiddleware.GetRawResponse(md).(*smithyhttp.Response); ok && resp != nil {
				status = resp.StatusCode
			}
		}
	}
	if n.err != nil {
		return nil, n.err
	}
	out["ResponseMetadata"] = responseMetadata(status)
	return out, nil
}

func responseMetadata(status int) map[string]any {
	return map[string]any{"HTTPHeaders": map[string]any{}, "HTTPStatusCode": status}
}

// normalizer walks SDK values; err keeps the first read failure of a
// streaming body.
type normalizer struct{ err error }

var (
	timeType     = reflect.TypeOf(time.Time{})
	readerType   = reflect.TypeOf((*io.Reader)(nil)).Elem()
	documentType = reflect.TypeOf((*interface{ UnmarshalSmithyDocument(any) error })(nil)).Elem()
)

// value renders one value; ref is its model shape when known. The second
// result reports whether the value is present (nil pointers, nil slices
// and maps and empty enums are absent, as boto3 leaves absent members out).
func (n *normalizer) value(v reflect.Value, shape *model.Shape) (any, bool) {
	if !v.IsValid() {
		return nil, false
	}
	t := v.Type()
	switch {
	case t == timeType:
		return DatetimeMarker, true
	case t.Kind() == reflect.Interface:
		if v.IsNil() {
			return nil, false
		}
		if t.Implements(documentType) {
			var doc any
			if err := v.Interface().(interface{ UnmarshalSmithyDocument(any) error }).UnmarshalSmithyDocument(&doc); err != nil {
				return nil, false
			}
			return doc, true
		}
		if t.Implements(readerType) {
			return n.stream(v), true
		}
		return n.union(v, t, shape), true
	}
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			return nil, false
		}
		return n.value(v.Elem(), shape)
	case reflect.Struct:
		return n.structure(v, shape), true
	case reflect.Slice:
		if v.IsNil() {
			return nil, false
		}
		if t.Elem().Kind() == reflect.Uint8 {
			return pyBytesRepr(v.Bytes()), true
		}
		var elem *model.Shape
		if shape != nil && shape.Member != nil {
			elem = shape.Member.Shape
		}
		list := make([]any, 0, v.Len())
		for i := 0; i < v.Len(); i++ {
			item, ok := n.value(v.Index(i), elem)
			if !ok {
				item = nil
			}
			list = append(list, item)
		}
		return list, true
	case reflect.Map:
		if v.IsNil() {
			return nil, false
		}
		var elem *model.Shape
		if shape != nil && shape.Value != nil {
			elem = shape.Value.Shape
		}
		m := make(map[string]any, v.Len())
		iter := v.MapRange()
		for iter.Next() {
			item, ok := n.value(iter.Value(), elem)
			if !ok {
				item = nil
			}
			m[fmt.Sprint(iter.Key().Interface())] = item
		}
		return m, true
	case reflect.String:
		if v.String() == "" && t.PkgPath() != "" {
			return nil, false // an unset enum
		}
		if shape != nil && (shape.Type == "integer" || shape.Type == "long") {
			// The Go SDK types some model integers as strings (S3's
			// PartNumberMarker); boto3 parses them by the model.
			if i, err := strconv.ParseInt(v.String(), 10, 64); err == nil {
				return i, true
			}
		}
		return v.String(), true
	case reflect.Bool:
		return v.Bool(), true
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return v.Int(), true
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return v.Uint(), true
	case reflect.Float32, reflect.Float64:
		return v.Float(), true
	}
	return fmt.Sprint(v.Interface()), true
}

// structure renders a struct as a map keyed by model member names. Fields
// the model does not know (SDK additions such as S3's ExpiresString) are
// left out when the shape is known; without a shape, Go field names are
// used.
func (n *normalizer) structure(v reflect.Value, shape *model.Shape) any {
	t := v.Type()
	index := memberIndex(shape)
	out := map[string]any{}
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if !f.IsExported() || f.Name == "ResultMetadata" {
			continue
		}
		name, ref := f.Name, (*model.ShapeRef)(nil)
		if shape != nil {
			m, ok := index[normalName(f.Name)]
			if !ok {
				continue
			}
			name, ref = m, shape.Members[m]
		}
		var memberShape *model.Shape
		if ref != nil {
			memberShape = ref.Shape
		}
		if val, ok := n.value(v.Field(i), memberShape); ok {
			out[name] = val
		}
	}
	// boto3 always returns header-map members (S3's Metadata), empty when
	// no header matched.
	if shape != nil {
		for name, ref := range shape.Members {
			if _, ok := out[name]; !ok && ref.Location == "headers" {
				out[name] = map[string]any{}
			}
		}
	}
	return out
}

// union renders a union member value (e.g. *types.AttributeValueMemberS)
// as {"S": value}.
func (n *normalizer) union(v reflect.Value, iface reflect.Type, shape *model.Shape) any {
	concrete := v.Elem()
	for concrete.Kind() == reflect.Pointer {
		if concrete.IsNil() {
			return nil
		}
		concrete = concrete.Elem()
	}
	ct := concrete.Type()
	if ct.Kind() != reflect.Struct {
		val, _ := n.value(concrete, shape)
		return val
	}
	if ct.Name() == "UnknownUnionMember" {
		tag := concrete.FieldByName("Tag").String()
		val, _ := n.value(concrete.FieldByName("Value"), nil)
		return map[string]any{tag: val}
	}
	tag := ct.Name()
	if rest, ok := strings.CutPrefix(tag, iface.Name()+"Member"); ok {
		tag = rest
	} else if i := strings.Index(tag, "Member"); i >= 0 {
		tag = tag[i+len("Member"):]
	}
	var memberShape *model.Shape
	if shape != nil {
		if m, ok := memberIndex(shape)[normalName(tag)]; ok {
			tag = m
			memberShape = shape.Members[m].Shape
		}
	}
	val, ok := n.value(concrete.FieldByName("Value"), memberShape)
	if !ok {
		val = nil
	}
	return map[string]any{tag: val}
}

// stream reads a streaming body into a string (a Python bytes literal when
// it is not UTF-8) and puts an equivalent reader back into the field when
// it can, so the caller can still read the body after Match.
func (n *normalizer) stream(v reflect.Value) any {
	r := v.Interface().(io.Reader)
	data, err := io.ReadAll(r)
	if c, ok := r.(io.Closer); ok {
		_ = c.Close()
	}
	if err != nil && n.err == nil {
		n.err = fmt.Errorf("normalize: reading the response body: %w", err)
	}
	replacement := reflect.ValueOf(io.NopCloser(bytes.NewReader(data)))
	if v.CanSet() && replacement.Type().AssignableTo(v.Type()) {
		v.Set(replacement)
	}
	if utf8.Valid(data) {
		return string(data)
	}
	return pyBytesRepr(data)
}

// normalName is the key Go field names and model member names share: the
// SDK capitalises member names and drops underscores.
func normalName(s string) string {
	return strings.ToLower(strings.ReplaceAll(s, "_", ""))
}

func memberIndex(shape *model.Shape) map[string]string {
	if shape == nil {
		return nil
	}
	idx := make(map[string]string, len(shape.Members))
	names := make([]string, 0, len(shape.Members))
	for m := range shape.Members {
		names = append(names, m)
	}
	sort.Strings(names) // deterministic when two members collide
	for _, m := range names {
		if _, dup := idx[normalName(m)]; !dup {
			idx[normalName(m)] = m
		}
	}
	return idx
}
