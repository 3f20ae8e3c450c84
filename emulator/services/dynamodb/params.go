package dynamodb

import (
	"encoding/json"
	"strconv"
)

// Accessors for the generic input document of an operation.

func str(m map[string]any, k string) string {
	s, _ := m[k].(string)
	return s
}

func boolean(m map[string]any, k string) (bool, bool) {
	b, ok := m[k].(bool)
	return b, ok
}

func integer(m map[string]any, k string) (int64, bool) {
	switch v := m[k].(type) {
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

func list(m map[string]any, k string) []any {
	l, _ := m[k].([]any)
	return l
}

func object(m map[string]any, k string) map[string]any {
	o, _ := m[k].(map[string]any)
	return o
}

func has(m map[string]any, k string) bool {
	v, ok := m[k]
	return ok && v != nil
}
