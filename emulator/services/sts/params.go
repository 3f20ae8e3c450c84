package sts

import (
	"encoding/json"
	"strconv"

	"github.com/parity-harness/parity/emulator/service"
)

func str(in service.Params, name string) string {
	s, _ := in[name].(string)
	return s
}

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

func list(in service.Params, name string) []any {
	l, _ := in[name].([]any)
	return l
}

func tags(in service.Params) []tag {
	var out []tag
	for _, v := range list(in, "Tags") {
		m, _ := v.(map[string]any)
		k, _ := m["Key"].(string)
		val, _ := m["Value"].(string)
		out = append(out, tag{k, val})
	}
	return out
}

func strs(in service.Params, name string) []string {
	var out []string
	for _, v := range list(in, name) {
		if s, ok := v.(string); ok {
			out = append(out, s)
		}
	}
	return out
}
