package protocol

import (
	"bytes"
	"io"
	"net/http"
	"strconv"

	"github.com/parity-harness/parity/emulator/awserr"
	"github.com/parity-harness/parity/emulator/model"
)

// RestJSON is the codec of the rest-json protocol: REST bindings like
// rest-xml with JSON documents, and errors {"message": …} named by the
// X-Amzn-ErrorType header and "__type".
func RestJSON() Codec { return restJSONCodec{} }

type restJSONCodec struct{}

func (restJSONCodec) Name() string { return "rest-json" }

func (restJSONCodec) Operation(r *http.Request, svc *model.Service) (*model.Operation, error) {
	return restOperation(r, svc)
}

func (restJSONCodec) DecodeInput(r *http.Request, svc *model.Service, op *model.Operation) (map[string]any, error) {
	return restDecodeInput(r, svc, op, decodeJSONBody, decodeJSONPayload)
}

func decodeJSONBody(body []byte, s *model.Shape) (map[string]any, error) {
	doc, err := parseJSONDocument(body)
	if err != nil {
		return nil, err
	}
	return jsonDecoder{protocol: "rest-json"}.structure(s, doc, "")
}

// decodeJSONPayload reads a structure payload; "{}" is what clients send
// for an absent payload, so an empty object leaves the member unset.
func decodeJSONPayload(body []byte, s *model.Shape) (map[string]any, error) {
	m, err := decodeJSONBody(body, s)
	if err == nil && len(m) == 0 {
		return nil, nil
	}
	return m, err
}

func (restJSONCodec) EncodeOutput(w http.ResponseWriter, svc *model.Service, op *model.Operation, out map[string]any, meta Meta) error {
	h := w.Header()
	h.Set("x-amzn-RequestId", meta.RequestID)
	status := op.HTTP.ResponseCode
	var body io.Reader
	if op.Output != nil {
		s := op.Output.Shape
		if st := restOutputHeaders(h, s, out, "rest-json"); st != 0 {
			status = st
		}
		var err error
		body, err = restJSONOutputBody(h, s, out)
		if err != nil {
			return err
		}
	}
	if meta.Status != 0 {
		status = meta.Status
	}
	if status == 0 {
		status = http.StatusOK
	}
	return writeRestBody(w, isHead(op), status, body)
}

func restJSONOutputBody(h http.Header, s *model.Shape, out map[string]any) (io.Reader, error) {
	enc := jsonEncoder{buf: &bytes.Buffer{}, protocol: "rest-json"}
	if s.Payload != "" {
		ref := s.Members[s.Payload]
		v, ok := out[s.Payload]
		if ref == nil || !ok || isNil(v) {
			return nil, nil
		}
		if ref.Shape.Type != "structure" && !ref.Shape.Document {
			r, ok := payloadReader(ref, v)
			if !ok {
				return nil, nil
			}
			if h.Get("Content-Type") == "" {
				h.Set("Content-Type", "application/octet-stream")
			}
			return r, nil
		}
		if err := enc.value(ref, v); err != nil {
			return nil, err
		}
		h.Set("Content-Type", "application/json")
		return enc.buf, nil
	}
	if !hasBodyMembers(s) {
		return nil, nil
	}
	if err := enc.structure(s, out); err != nil {
		return nil, err
	}
	h.Set("Content-Type", "application/json")
	return enc.buf, nil
}

func (restJSONCodec) EncodeError(w http.ResponseWriter, svc *model.Service, op *model.Operation, err *awserr.Error, meta Meta) {
	we := resolveError(svc, err)
	h := w.Header()
	we.setHeaders(h)
	if we.Shape != nil {
		restOutputHeaders(h, we.Shape, we.Fields, "rest-json")
	}
	h.Set("x-amzn-RequestId", meta.RequestID)
	h.Set("X-Amzn-ErrorType", we.Code)
	body := jsonErrorBody(we, "rest-json")
	h.Set("Content-Type", "application/json")
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(we.Status)
	if op == nil || !isHead(op) {
		w.Write(body)
	}
}
