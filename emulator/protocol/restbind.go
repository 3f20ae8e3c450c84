package protocol

import (
	"bytes"
	"encoding/base64"
	"io"
	"net/http"
	"strconv"
	"strings"

	"github.com/parity-harness/parity/emulator/awserr"
	"github.com/parity-harness/parity/emulator/model"
)

// This file binds the HTTP parts of REST requests and responses (URI labels,
// query string, headers, status code, payload) to structure members; the
// body documents are the business of restjson.go and restxml.go.

// restInput reads the location-bound members of a REST request into in.
// It returns the members it bound so the body decoder can skip them.
func restInput(r *http.Request, in *model.Shape, labels map[string]string, tmpl uriTemplate, out map[string]any) error {
	query := r.URL.Query()
	bound := map[string]bool{}
	for _, q := range tmpl.query {
		bound[q.key] = true
	}
	var queryMap string
	for _, name := range in.OrderedMembers() {
		ref := in.Members[name]
		wire := wireName(name, ref)
		switch ref.Location {
		case "uri":
			raw, ok := labels[wire]
			if !ok {
				continue
			}
			v, err := queryScalar(ref, raw, name)
			if err != nil {
				return err
			}
			out[name] = v
		case "querystring":
			if ref.Shape.Type == "map" {
				queryMap = name
				continue
			}
			bound[wire] = true
			vals, ok := query[wire]
			if !ok {
				continue
			}
			if ref.Shape.Type == "list" {
				items := make([]any, 0, len(vals))
				for _, raw := range vals {
					v, err := queryScalar(ref.Shape.Member, raw, name)
					if err != nil {
						return err
					}
					items = append(items, v)
				}
				out[name] = items
				continue
			}
			if vals[0] == "" && ref.Shape.Type != "string" {
				continue // an empty number or flag is an absent one (S3's max-parts=)
			}
			v, err := queryScalar(ref, vals[0], name)
			if err != nil {
				return err
			}
			out[name] = v
		case "header":
			vals, ok := r.Header[http.CanonicalHeaderKey(wire)]
			if !ok || len(vals) == 0 {
				continue
			}
			v, err := headerValue(ref, strings.Join(vals, ","), name)
			if err != nil {
				return err
			}
			if v != nil {
				out[name] = v
			}
		case "headers":
			prefix := strings.ToLower(wire)
			m := map[string]any{}
			for k, vals := range r.Header {
				lk := strings.ToLower(k)
				if strings.HasPrefix(lk, prefix) && len(vals) > 0 {
					m[lk[len(prefix):]] = strings.Join(vals, ",")
				}
			}
			if len(m) > 0 {
				out[name] = m
			}
		}
	}
	if queryMap != "" {
		ref := in.Members[queryMap]
		m := map[string]any{}
		for k, vals := range query {
			if bound[k] || len(vals) == 0 {
				continue
			}
			if ref.Shape.Value.Shape.Type == "list" {
				items := make([]any, len(vals))
				for i, v := range vals {
					items[i] = v
				}
				m[k] = items
			} else {
				m[k] = vals[0]
			}
		}
		if len(m) > 0 {
			out[queryMap] = m
		}
	}
	return nil
}

// headerValue parses a header-bound member. Timestamps default to RFC 822;
// jsonvalue strings are base64-encoded JSON; lists are comma-separated.
func headerValue(ref *model.ShapeRef, raw, path string) (any, error) {
	s := ref.Shape
	switch s.Type {
	case "string":
		if ref.JSONValue {
			b, err := base64.StdEncoding.DecodeString(strings.TrimSpace(raw))
			if err != nil {
				return nil, awserr.New("InvalidParameterValue", 400, "header of "+path+" is not base64-encoded JSON")
			}
			return parseJSONValue(string(b), path)
		}
		return raw, nil
	case "list":
		var items []any
		for part := range strings.SplitSeq(raw, ",") {
			v, err := queryScalar(s.Member, strings.TrimSpace(part), path)
			if err != nil {
				return nil, err
			}
			items = append(items, v)
		}
		return items, nil
	case "timestamp":
		t, ok := parseAnyTimestamp(raw)
		if !ok {
			return nil, nil // unparseable dates in headers are ignored, as S3 does
		}
		return t, nil
	}
	return queryScalar(ref, strings.TrimSpace(raw), path)
}

// restOutputHeaders writes the header- and status-bound members of an
// output and returns the status code.
func restOutputHeaders(h http.Header, s *model.Shape, out map[string]any, protocol string) int {
	status := 0
	for _, name := range s.OrderedMembers() {
		ref := s.Members[name]
		v, ok := out[name]
		if !ok || isNil(v) {
			continue
		}
		wire := wireName(name, ref)
		switch ref.Location {
		case "statusCode":
			if i, ok := asInt64(v); ok {
				status = int(i)
			}
		case "header":
			if text, ok := headerText(ref, v, protocol); ok {
				h.Set(wire, text)
			}
		case "headers":
			m, ok := asMap(v)
			if !ok {
				continue
			}
			// Written as given (not canonicalised): clients take the map
			// keys from the header names, and AWS sends them lower-case.
			for _, k := range sortedKeys(m) {
				if text, ok := asString(m[k]); ok {
					h[strings.ToLower(wire)+k] = []string{text}
				}
			}
		}
	}
	return status
}

// headerText renders a header-bound member.
func headerText(ref *model.ShapeRef, v any, protocol string) (string, bool) {
	s := ref.Shape
	switch s.Type {
	case "string":
		if ref.JSONValue {
			text, err := jsonValueText(v)
			if err != nil {
				return "", false
			}
			return base64.StdEncoding.EncodeToString([]byte(text)), true
		}
		return asString(v)
	case "timestamp":
		t, ok := asTime(v)
		if !ok {
			return "", false
		}
		return formatTimestamp(t, timestampFormat(ref, protocol, placeHeader), false), true
	case "list":
		items, ok := asList(v)
		if !ok {
			return "", false
		}
		parts := make([]string, 0, len(items))
		for _, item := range items {
			if text, ok := headerText(s.Member, item, protocol); ok {
				parts = append(parts, text)
			}
		}
		return strings.Join(parts, ","), true
	case "boolean":
		b, ok := asBool(v)
		return strconv.FormatBool(b), ok
	case "integer", "long":
		i, ok := asInt64(v)
		return strconv.FormatInt(i, 10), ok
	case "float", "double":
		f, ok := asFloat64(v)
		return formatFloat(f), ok
	case "blob":
		b, ok := asBlob(v)
		return base64.StdEncoding.EncodeToString(b), ok
	}
	return asString(v)
}

// payloadReader returns the raw body of a blob or string payload value:
// io.Reader and []byte as they are; a string as its text for string payloads
// and, for blobs, as base64 when it decodes (the form a JSON round trip of
// []byte gives).
func payloadReader(ref *model.ShapeRef, v any) (io.Reader, bool) {
	switch x := v.(type) {
	case io.Reader:
		return x, true
	case []byte:
		return bytes.NewReader(x), true
	}
	if ref.Shape.Type == "blob" {
		b, ok := asBlob(v)
		return bytes.NewReader(b), ok
	}
	s, ok := asString(v)
	return strings.NewReader(s), ok
}

// routeFor returns the compiled route of an operation.
func routeFor(svc *model.Service, op *model.Operation) *restRoute {
	routes := routesOf(svc)
	for i := range routes {
		if routes[i].op == op || routes[i].op.Name == op.Name {
			return &routes[i]
		}
	}
	return nil
}

// restLabels matches the request against its operation's template again to
// read the URI labels.
func restLabels(r *http.Request, svc *model.Service, op *model.Operation) (map[string]string, uriTemplate) {
	rt := routeFor(svc, op)
	if rt == nil {
		return nil, uriTemplate{}
	}
	labels, _ := rt.template.match(r.URL.EscapedPath(), r.URL.Query())
	return labels, rt.template
}

// restOperation finds the operation of a REST request by method and URI
// template (rest-json and rest-xml alike).
func restOperation(r *http.Request, svc *model.Service) (*model.Operation, error) {
	m, err := matchRoute(r, svc)
	if err != nil {
		return nil, err
	}
	return m.route.op, nil
}

// restDecodeInput binds a REST request's URI labels, query string and
// headers, then its body with the protocol's document decoders, and
// validates the result.
func restDecodeInput(r *http.Request, svc *model.Service, op *model.Operation, decodeBody, decodePayload func([]byte, *model.Shape) (map[string]any, error)) (map[string]any, error) {
	in := map[string]any{}
	if op.Input == nil {
		return in, nil
	}
	s := op.Input.Shape
	labels, tmpl := restLabels(r, svc, op)
	if err := restInput(r, s, labels, tmpl, in); err != nil {
		return nil, err
	}
	if err := restPayload(r, s, in, decodeBody, decodePayload); err != nil {
		return nil, err
	}
	if v := validate(s, in); v != nil {
		return in, v
	}
	return in, nil
}
