package s3

import (
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/parity-harness/parity/emulator/service"
)

// Accessors for decoded input members. Members the pinned model lacks (newer
// S3 features) are read from the raw request by header or query name.

func str(in service.Params, member string) string {
	switch v := in[member].(type) {
	case string:
		return v
	case json.Number:
		return v.String()
	case []byte:
		return string(v)
	}
	return ""
}

func has(in service.Params, member string) bool {
	v, ok := in[member]
	return ok && v != nil
}

func boolean(in service.Params, member string) bool {
	switch v := in[member].(type) {
	case bool:
		return v
	case string:
		return strings.EqualFold(v, "true")
	}
	return false
}

func integer(in service.Params, member string) (int64, bool) {
	switch v := in[member].(type) {
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

func timestamp(in service.Params, member string) *time.Time {
	switch v := in[member].(type) {
	case time.Time:
		return &v
	case string:
		if t, err := time.Parse(time.RFC3339, v); err == nil {
			return &t
		}
		if t, err := time.Parse(time.RFC1123, v); err == nil {
			return &t
		}
	}
	return nil
}

func object(in service.Params, member string) map[string]any {
	m, _ := in[member].(map[string]any)
	return m
}

func list(in map[string]any, member string) []any {
	switch v := in[member].(type) {
	case []any:
		return v
	case map[string]any:
		return []any{v}
	}
	return nil
}

func stringMap(in service.Params, member string) map[string]string {
	out := map[string]string{}
	switch v := in[member].(type) {
	case map[string]any:
		for k, x := range v {
			if s, ok := x.(string); ok {
				out[k] = s
			}
		}
	case map[string]string:
		for k, x := range v {
			out[k] = x
		}
	}
	return out
}

// header returns a raw request header.
func header(ctx *service.Context, name string) string {
	if ctx == nil || ctx.Request == nil {
		return ""
	}
	return ctx.Request.Header.Get(name)
}

// hasHeader reports whether the request carries a header, even empty.
func hasHeader(ctx *service.Context, name string) bool {
	if ctx == nil || ctx.Request == nil {
		return false
	}
	_, ok := ctx.Request.Header[http.CanonicalHeaderKey(name)]
	return ok
}

// query returns a raw query parameter and whether it was present.
func query(ctx *service.Context, name string) (string, bool) {
	if ctx == nil || ctx.Request == nil {
		return "", false
	}
	q := ctx.Request.URL.Query()
	v, ok := q[name]
	if !ok {
		return "", false
	}
	if len(v) == 0 {
		return "", true
	}
	return v[0], true
}

// strOr returns a member, or the raw header when the model lacks it.
func strOr(ctx *service.Context, in service.Params, member, hdr string) string {
	if v := str(in, member); v != "" {
		return v
	}
	return header(ctx, hdr)
}

// setHeader adds a response header.
func setHeader(ctx *service.Context, name, value string) {
	if ctx == nil || value == "" {
		return
	}
	if ctx.ResponseHeaders == nil {
		ctx.ResponseHeaders = map[string][]string{}
	}
	ctx.ResponseHeaders.Set(name, value)
}
