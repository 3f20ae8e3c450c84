package iam

import (
	"encoding/json"
	"strconv"

	"github.com/parity-harness/parity/emulator/service"
)

// str returns a string member of the input ("" when absent).
func str(in service.Params, name string) string {
	s, _ := in[name].(string)
	return s
}

// has reports whether the input sets a member.
func has(in service.Params, name string) bool {
	_, ok := in[name]
	return ok
}

// num returns an integer member of the input in any of the forms the codecs
// and unit tests produce.
func num(in service.Params, name string) (int64, bool) {
	switch v := in[name].(type) {
	case int64:
		return v, true
	case int:
		return int64(v), true
	case float64:
		return int64(v), true
	case json.Number:
		n, err := v.Int64()
		return n, err == nil
	case string:
		n, err := strconv.ParseInt(v, 10, 64)
		return n, err == nil
	}
	return 0, false
}

// boolean returns a boolean member of the input.
func boolean(in service.Params, name string) bool {
	switch v := in[name].(type) {
	case bool:
		return v
	case string:
		return v == "true"
	}
	return false
}

// strs returns a list-of-strings member.
func strs(in service.Params, name string) []string {
	list, _ := in[name].([]any)
	out := make([]string, 0, len(list))
	for _, v := range list {
		if s, ok := v.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

// tagList reads a [{Key, Value}] member.
func tagList(in service.Params, name string) []tag {
	list, _ := in[name].([]any)
	out := make([]tag, 0, len(list))
	for _, v := range list {
		m, _ := v.(map[string]any)
		k, _ := m["Key"].(string)
		val, _ := m["Value"].(string)
		out = append(out, tag{Key: k, Value: val})
	}
	return out
}
