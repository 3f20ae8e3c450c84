package transformers

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
)

// Decode parses JSON into a document (numbers kept as json.Number).
func Decode(data []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, fmt.Errorf("decode document: %w", err)
	}
	if dec.More() {
		return nil, fmt.Errorf("decode document: trailing data after the JSON value")
	}
	return v, nil
}

// FromValue turns any Go value into a document through a JSON round trip.
func FromValue(v any) (any, error) {
	data, err := json.Marshal(v)
	if err != nil {
		return nil, fmt.Errorf("encode %T as a document: %w", v, err)
	}
	return Decode(data)
}

// Clone returns a deep copy of a document.
func Clone(doc any) any {
	switch v := doc.(type) {
	case map[string]any:
		out := make(map[string]any, len(v))
		for k, x := range v {
			out[k] = Clone(x)
		}
		return out
	case []any:
		out := make([]any, len(v))
		for i, x := range v {
			out[i] = Clone(x)
		}
		return out
	default:
		return v
	}
}

// sortedKeys returns the member names of m in sorted order.
func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// mapStrings applies f to every string value of doc (and to member names
// when keys is set), depth first in sorted key order, and returns the root.
func mapStrings(doc any, keys bool, f func(string) string) any {
	switch v := doc.(type) {
	case string:
		return f(v)
	case []any:
		for i, x := range v {
			v[i] = mapStrings(x, keys, f)
		}
		return v
	case map[string]any:
		for _, k := range sortedKeys(v) {
			x := mapStrings(v[k], keys, f)
			nk := k
			if keys {
				nk = f(k)
			}
			if nk != k {
				delete(v, k)
				if _, taken := v[nk]; taken {
					nk = k // never merge two members into one
				}
			}
			v[nk] = x
		}
		return v
	default:
		return v
	}
}

// visit calls f for every member value of doc with the member's name and its
// path, depth first in sorted key order; f returns the replacement value.
// Array elements are visited with name "" (their path ends with the index).
func visit(doc any, path Location, f func(name string, path Location, v any) any) any {
	switch v := doc.(type) {
	case map[string]any:
		for _, k := range sortedKeys(v) {
			p := path.Member(k)
			v[k] = f(k, p, visit(v[k], p, f))
		}
		return v
	case []any:
		for i := range v {
			p := path.Index(i)
			v[i] = f("", p, visit(v[i], p, f))
		}
		return v
	default:
		return v
	}
}

// parseJSONStrings replaces member values that are strings holding a JSON
// object by the parsed object, as the reference recordings show them. Like
// the recordings, it parses one level only: a JSON string inside a parsed
// object (an SNS Message inside an SQS Body) stays a string.
func parseJSONStrings(doc any) any {
	switch v := doc.(type) {
	case []any:
		for i, x := range v {
			if _, isString := x.(string); !isString {
				v[i] = parseJSONStrings(x)
			}
		}
		return v
	case map[string]any:
		for k, x := range v {
			if s, isString := x.(string); isString {
				if strings.HasPrefix(s, "{") {
					if parsed, err := Decode([]byte(s)); err == nil {
						v[k] = parsed
					}
				}
				continue
			}
			v[k] = parseJSONStrings(x)
		}
		return v
	default:
		return v
	}
}
