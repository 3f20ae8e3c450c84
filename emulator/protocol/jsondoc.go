package protocol

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/parity-harness/parity/emulator/awserr"
	"github.com/parity-harness/parity/emulator/model"
)

// This file converts between JSON documents and shaped values, for the json
// and rest-json protocols.

// parseJSONDocument reads a JSON body into generic values with exact numbers.
// An empty body is an empty object.
func parseJSONDocument(body []byte) (any, error) {
	if len(bytes.TrimSpace(body)) == 0 {
		return map[string]any{}, nil
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, serializationError("the request body is not valid JSON: " + err.Error())
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, serializationError("the request body has data after the JSON document")
	}
	return v, nil
}

func serializationError(msg string) *awserr.Error {
	return awserr.New("SerializationException", 400, msg)
}

// jsonDecoder turns generic JSON values into shaped values.
type jsonDecoder struct {
	protocol string
}

func (d jsonDecoder) structure(s *model.Shape, v any, path string) (map[string]any, error) {
	obj, ok := v.(map[string]any)
	if !ok {
		return nil, typeMismatch(path, "structure", v)
	}
	out := make(map[string]any, len(s.Members))
	for name, ref := range s.Members {
		if ref.Location != "" {
			continue
		}
		wire := name
		if ref.LocationName != "" {
			wire = ref.LocationName
		}
		raw, ok := obj[wire]
		if !ok || raw == nil {
			continue
		}
		val, err := d.value(ref, raw, joinPath(path, name))
		if err != nil {
			return nil, err
		}
		out[name] = val
	}
	return out, nil
}

func (d jsonDecoder) value(ref *model.ShapeRef, v any, path string) (any, error) {
	s := ref.Shape
	if s.Document {
		return plainJSON(v), nil
	}
	switch s.Type {
	case "structure":
		return d.structure(s, v, path)
	case "list":
		arr, ok := v.([]any)
		if !ok {
			return nil, typeMismatch(path, "list", v)
		}
		out := make([]any, 0, len(arr))
		for i, item := range arr {
			if item == nil {
				out = append(out, nil)
				continue
			}
			val, err := d.value(s.Member, item, path+"["+strconv.Itoa(i)+"]")
			if err != nil {
				return nil, err
			}
			out = append(out, val)
		}
		return out, nil
	case "map":
		obj, ok := v.(map[string]any)
		if !ok {
			return nil, typeMismatch(path, "map", v)
		}
		out := make(map[string]any, len(obj))
		for k, item := range obj {
			if item == nil {
				continue
			}
			val, err := d.value(s.Value, item, path+"["+k+"]")
			if err != nil {
				return nil, err
			}
			out[k] = val
		}
		return out, nil
	case "string":
		str, ok := v.(string)
		if !ok {
			return nil, typeMismatch(path, "string", v)
		}
		if ref.JSONValue {
			return parseJSONValue(str, path)
		}
		return str, nil
	case "boolean":
		b, ok := v.(bool)
		if !ok {
			return nil, typeMismatch(path, "boolean", v)
		}
		return b, nil
	case "integer", "long":
		n, ok := v.(json.Number)
		if !ok {
			return nil, typeMismatch(path, s.Type, v)
		}
		i, err := n.Int64()
		if err != nil || (s.Type == "integer" && (i > math.MaxInt32 || i < math.MinInt32)) {
			return nil, serializationError(fmt.Sprintf("value %s at '%s' is not a valid %s", n, path, s.Type))
		}
		return i, nil
	case "float", "double":
		switch x := v.(type) {
		case json.Number:
			f, err := x.Float64()
			if err != nil {
				return nil, serializationError(fmt.Sprintf("value %s at '%s' is not a valid %s", x, path, s.Type))
			}
			return f, nil
		case string:
			if f, ok := parseFloatWire(x); ok && (math.IsNaN(f) || math.IsInf(f, 0)) {
				return f, nil
			}
		}
		return nil, typeMismatch(path, s.Type, v)
	case "timestamp":
		switch x := v.(type) {
		case json.Number:
			f, err := x.Float64()
			if err != nil {
				return nil, typeMismatch(path, "timestamp", v)
			}
			return epochTime(f), nil
		case string:
			if t, ok := parseAnyTimestamp(x); ok {
				return t, nil
			}
			return nil, serializationError(fmt.Sprintf("value '%s' at '%s' is not a valid timestamp", x, path))
		}
		return nil, typeMismatch(path, "timestamp", v)
	case "blob":
		str, ok := v.(string)
		if !ok {
			return nil, typeMismatch(path, "blob", v)
		}
		b, err := base64.StdEncoding.DecodeString(str)
		if err != nil {
			return nil, serializationError(fmt.Sprintf("value at '%s' is not valid base64", path))
		}
		return b, nil
	}
	return plainJSON(v), nil
}

func parseJSONValue(s, path string) (any, error) {
	dec := json.NewDecoder(bytes.NewReader([]byte(s)))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, serializationError(fmt.Sprintf("value at '%s' is not a valid JSON document", path))
	}
	return plainJSON(v), nil
}

// plainJSON turns json.Number into int64 or float64 in a free-form document.
func plainJSON(v any) any {
	switch x := v.(type) {
	case json.Number:
		if i, err := x.Int64(); err == nil {
			return i
		}
		f, _ := x.Float64()
		return f
	case []any:
		for i := range x {
			x[i] = plainJSON(x[i])
		}
	case map[string]any:
		for k := range x {
			x[k] = plainJSON(x[k])
		}
	}
	return v
}

func typeMismatch(path, want string, got any) *awserr.Error {
	kind := "null"
	switch got.(type) {
	case string:
		kind = "string"
	case bool:
		kind = "boolean"
	case json.Number:
		kind = "number"
	case []any:
		kind = "array"
	case map[string]any:
		kind = "object"
	}
	if path == "" {
		return serializationError(fmt.Sprintf("expected a %s, found a JSON %s", want, kind))
	}
	return serializationError(fmt.Sprintf("expected a %s at '%s', found a JSON %s", want, path, kind))
}

// jsonEncoder writes shaped values as JSON.
type jsonEncoder struct {
	buf      *bytes.Buffer
	protocol string
}

// structure writes a structure's members; location-bound members (rest-json
// headers, status code) are skipped.
func (e jsonEncoder) structure(s *model.Shape, v any) error {
	m, ok := asMap(v)
	if !ok {
		return fmt.Errorf("structure %s: cannot encode %T", s.Name, v)
	}
	e.buf.WriteByte('{')
	first := true
	for _, name := range s.OrderedMembers() {
		ref := s.Members[name]
		if ref.Location != "" {
			continue
		}
		val, ok := m[name]
		if !ok || isNil(val) {
			continue
		}
		if !first {
			e.buf.WriteByte(',')
		}
		first = false
		wire := name
		if ref.LocationName != "" {
			wire = ref.LocationName
		}
		writeJSONString(e.buf, wire)
		e.buf.WriteByte(':')
		if err := e.value(ref, val); err != nil {
			return fmt.Errorf("%s.%s: %w", s.Name, name, err)
		}
	}
	e.buf.WriteByte('}')
	return nil
}

func (e jsonEncoder) value(ref *model.ShapeRef, v any) error {
	s := ref.Shape
	if s.Document {
		return e.raw(v)
	}
	switch s.Type {
	case "structure":
		return e.structure(s, v)
	case "list":
		items, ok := asList(v)
		if !ok {
			return fmt.Errorf("cannot encode %T as a list", v)
		}
		e.buf.WriteByte('[')
		for i, item := range items {
			if i > 0 {
				e.buf.WriteByte(',')
			}
			if isNil(item) {
				e.buf.WriteString("null")
				continue
			}
			if err := e.value(s.Member, item); err != nil {
				return err
			}
		}
		e.buf.WriteByte(']')
		return nil
	case "map":
		m, ok := asMap(v)
		if !ok {
			return fmt.Errorf("cannot encode %T as a map", v)
		}
		e.buf.WriteByte('{')
		first := true
		for _, k := range sortedKeys(m) {
			if isNil(m[k]) {
				continue
			}
			if !first {
				e.buf.WriteByte(',')
			}
			first = false
			writeJSONString(e.buf, k)
			e.buf.WriteByte(':')
			if err := e.value(s.Value, m[k]); err != nil {
				return err
			}
		}
		e.buf.WriteByte('}')
		return nil
	case "string":
		if ref.JSONValue {
			text, err := jsonValueText(v)
			if err != nil {
				return err
			}
			writeJSONString(e.buf, text)
			return nil
		}
		str, ok := asString(v)
		if !ok {
			return fmt.Errorf("cannot encode %T as a string", v)
		}
		writeJSONString(e.buf, str)
	case "boolean":
		b, ok := asBool(v)
		if !ok {
			return fmt.Errorf("cannot encode %T as a boolean", v)
		}
		e.buf.WriteString(strconv.FormatBool(b))
	case "integer", "long":
		i, ok := asInt64(v)
		if !ok {
			return fmt.Errorf("cannot encode %v (%T) as an integer", v, v)
		}
		e.buf.WriteString(strconv.FormatInt(i, 10))
	case "float", "double":
		f, ok := asFloat64(v)
		if !ok {
			return fmt.Errorf("cannot encode %v (%T) as a number", v, v)
		}
		if math.IsNaN(f) || math.IsInf(f, 0) {
			writeJSONString(e.buf, formatFloat(f))
		} else {
			e.buf.WriteString(formatFloat(f))
		}
	case "timestamp":
		t, ok := asTime(v)
		if !ok {
			return fmt.Errorf("cannot encode %v (%T) as a timestamp", v, v)
		}
		e.timestamp(ref, t)
	case "blob":
		b, ok := asBlob(v)
		if !ok {
			return fmt.Errorf("cannot encode %T as a blob", v)
		}
		writeJSONString(e.buf, base64.StdEncoding.EncodeToString(b))
	default:
		return e.raw(v)
	}
	return nil
}

func (e jsonEncoder) timestamp(ref *model.ShapeRef, t time.Time) {
	format := timestampFormat(ref, e.protocol, placeBody)
	str := formatTimestamp(t, format, false)
	if format == formatUnix {
		e.buf.WriteString(str)
		return
	}
	writeJSONString(e.buf, str)
}

// raw writes a free-form value with encoding/json.
func (e jsonEncoder) raw(v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	e.buf.Write(b)
	return nil
}

const hexDigits = "0123456789abcdef"

// writeJSONString writes s as a JSON string literal.
func writeJSONString(buf *bytes.Buffer, s string) {
	buf.WriteByte('"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			buf.WriteString(s[start:i])
			switch c {
			case '"', '\\':
				buf.WriteByte('\\')
				buf.WriteByte(c)
			case '\n':
				buf.WriteString(`\n`)
			case '\r':
				buf.WriteString(`\r`)
			case '\t':
				buf.WriteString(`\t`)
			default:
				buf.WriteString(`\u00`)
				buf.WriteByte(hexDigits[c>>4])
				buf.WriteByte(hexDigits[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			buf.WriteString(s[start:i])
			buf.WriteString(`\ufffd`)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			buf.WriteString(s[start:i])
			buf.WriteString(`\u202`)
			buf.WriteByte(hexDigits[r&0xf])
			i += size
			start = i
			continue
		}
		i += size
	}
	buf.WriteString(s[start:])
	buf.WriteByte('"')
}

// jsonValueText renders a jsonvalue member (a free-form document) as text.
func jsonValueText(v any) (string, error) {
	if s, ok := v.(string); ok {
		return s, nil
	}
	b, err := json.Marshal(v)
	return string(b), err
}
