package protocol

import (
	"bytes"
	"fmt"
	"net/http"
	"strings"

	"github.com/parity-harness/parity/emulator/model"
)

// decodeResponse reads a response the way an SDK client does, for the
// conformance and round-trip tests.
func decodeResponse(protocol string, svc *model.Service, op *model.Operation, status int, h http.Header, body []byte) (map[string]any, error) {
	if op.Output == nil {
		return map[string]any{}, nil
	}
	s := op.Output.Shape
	switch protocol {
	case "json":
		doc, err := parseJSONDocument(body)
		if _, isObject := doc.(map[string]any); err != nil || !isObject {
			return map[string]any{}, nil // clients ignore a body that is not a JSON object
		}
		return jsonDecoder{protocol: protocol}.structure(s, doc, "")
	case "query", "ec2":
		root, err := parseXML(body)
		if err != nil {
			return nil, err
		}
		result := root
		if protocol == "query" {
			if wrapped := root.child(op.Name + "Result"); wrapped != nil {
				result = wrapped
			}
		}
		return xmlDecoder{}.structure(s, result, "")
	case "rest-json", "rest-xml":
		out, err := restResponseLocations(s, status, h)
		if err != nil {
			return nil, err
		}
		decode := decodeXMLBody
		if protocol == "rest-json" {
			decode = func(b []byte, s *model.Shape) (map[string]any, error) {
				m, err := decodeJSONBody(b, s)
				if err != nil {
					return map[string]any{}, nil
				}
				return m, nil
			}
		}
		if s.Payload != "" {
			ref := s.Members[s.Payload]
			switch ref.Shape.Type {
			case "blob", "string":
				if len(body) > 0 {
					out[s.Payload] = string(body)
				}
			default:
				if len(bytes.TrimSpace(body)) > 0 {
					v, err := decode(body, ref.Shape)
					if err != nil {
						return nil, err
					}
					out[s.Payload] = v
				}
			}
			return out, nil
		}
		if len(bytes.TrimSpace(body)) > 0 {
			v, err := decode(body, s)
			if err != nil {
				return nil, err
			}
			for k, val := range v {
				out[k] = val
			}
		}
		return out, nil
	}
	return nil, fmt.Errorf("unknown protocol %q", protocol)
}

// restResponseLocations reads the header- and status-bound members.
func restResponseLocations(s *model.Shape, status int, h http.Header) (map[string]any, error) {
	out := map[string]any{}
	for name, ref := range s.Members {
		wire := wireName(name, ref)
		switch ref.Location {
		case "statusCode":
			out[name] = int64(status)
		case "header":
			vals := h.Values(wire)
			if len(vals) == 0 {
				continue
			}
			v, err := headerValue(ref, strings.Join(vals, ","), name)
			if err != nil {
				return nil, err
			}
			if v != nil {
				out[name] = v
			}
		case "headers":
			// Clients key the map by the canonical header name's rest.
			m := map[string]any{}
			prefix := http.CanonicalHeaderKey(wire)
			for k, vals := range h {
				if strings.HasPrefix(strings.ToLower(k), strings.ToLower(prefix)) {
					m[k[len(prefix):]] = strings.Join(vals, ",")
				}
			}
			if len(m) > 0 {
				out[name] = m
			}
		}
	}
	return out, nil
}
