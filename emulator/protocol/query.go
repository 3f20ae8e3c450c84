package protocol

import (
	"bytes"
	"net/http"
	"net/url"
	"strconv"

	"github.com/parity-harness/parity/emulator/awserr"
	"github.com/parity-harness/parity/emulator/model"
)

// Query is the codec of the query protocol (IAM, STS, SNS, and SQS's legacy
// wire format): the input is a form (POST body or GET query string) with
// Action and Version, the output an XML document
// <OpResponse><OpResult>…</OpResult><ResponseMetadata>…</ResponseMetadata>.
func Query() Codec { return queryCodec{} }

type queryCodec struct{}

func (queryCodec) Name() string { return "query" }

// requestForm returns the request's parsed form, parsing it once.
func requestForm(r *http.Request) (url.Values, error) {
	if r.Form != nil {
		return r.Form, nil
	}
	form, err := readQueryForm(r)
	if err != nil {
		return nil, err
	}
	r.Form = form
	return form, nil
}

func (queryCodec) Operation(r *http.Request, svc *model.Service) (*model.Operation, error) {
	return formOperation(r, svc)
}

func formOperation(r *http.Request, svc *model.Service) (*model.Operation, error) {
	form, err := requestForm(r)
	if err != nil {
		return nil, err
	}
	action := form.Get("Action")
	if action == "" {
		return nil, awserr.New("MissingAction", 400, "The request must contain the parameter Action.")
	}
	op, ok := svc.Operations[action]
	if !ok {
		return nil, awserr.InvalidAction(svc.Name, action)
	}
	return op, nil
}

func (queryCodec) DecodeInput(r *http.Request, svc *model.Service, op *model.Operation) (map[string]any, error) {
	return decodeForm(r, queryOperation(svc, op), queryDecoder{}, func(in map[string]any) {
		fillURLMember(r, svc, op, in)
	})
}

// decodeForm decodes and validates a form; complete, when set, adds members
// the form leaves implicit before validation.
func decodeForm(r *http.Request, op *model.Operation, d queryDecoder, complete func(map[string]any)) (map[string]any, error) {
	form, err := requestForm(r)
	if err != nil {
		return nil, err
	}
	if op.Input == nil {
		return map[string]any{}, nil
	}
	in, err := d.structure(op.Input.Shape, queryTree(form), "")
	if err != nil {
		return nil, err
	}
	if complete != nil {
		complete(in)
	}
	if v := validate(op.Input.Shape, in); v != nil {
		return in, v
	}
	return in, nil
}

func (queryCodec) EncodeOutput(w http.ResponseWriter, svc *model.Service, op *model.Operation, out map[string]any, meta Meta) error {
	qsvc := queryModel(svc)
	qop := queryOperation(svc, op)
	var buf bytes.Buffer
	buf.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	enc := xmlEncoder{buf: &buf, protocol: "query"}
	enc.open(op.Name+"Response", ` xmlns="`+xmlNamespace(qsvc)+`"`)
	if qop.Output != nil {
		enc.open(op.Name+"Result", "")
		if err := enc.members(qop.Output.Shape, out); err != nil {
			return err
		}
		enc.close(op.Name + "Result")
	}
	enc.open("ResponseMetadata", "")
	enc.open("RequestId", "")
	enc.text(meta.RequestID)
	enc.close("RequestId")
	enc.close("ResponseMetadata")
	enc.close(op.Name + "Response")
	writeXML(w, http.StatusOK, meta, buf.Bytes())
	return nil
}

func (queryCodec) EncodeError(w http.ResponseWriter, svc *model.Service, op *model.Operation, err *awserr.Error, meta Meta) {
	we := resolveError(svc, err)
	var buf bytes.Buffer
	buf.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	enc := xmlEncoder{buf: &buf, protocol: "query"}
	enc.open("ErrorResponse", ` xmlns="`+xmlNamespace(queryModel(svc))+`"`)
	enc.open("Error", "")
	writeTextElement(enc, "Type", we.Fault())
	writeTextElement(enc, "Code", we.QueryCode)
	writeTextElement(enc, "Message", we.Message)
	if queryErrorDetail(svc, op) {
		writeTextElement(enc, "Detail", "")
	}
	writeErrorFields(enc, we)
	enc.close("Error")
	writeTextElement(enc, "RequestId", meta.RequestID)
	enc.close("ErrorResponse")
	we.setHeaders(w.Header())
	writeXML(w, we.Status, meta, buf.Bytes())
}

func writeTextElement(enc xmlEncoder, name, text string) {
	enc.open(name, "")
	enc.text(text)
	enc.close(name)
}

// writeErrorFields writes the extra members of an error, typed by the
// exception shape when the model has it.
func writeErrorFields(enc xmlEncoder, we wireError) {
	for _, k := range sortedKeys(we.Fields) {
		v := we.Fields[k]
		if k == "Code" || k == "Message" || k == "message" || k == "Type" || k == "RequestId" || isNil(v) {
			continue
		}
		if ref := memberRef(we.Shape, k); ref != nil {
			if ref.Location != "" {
				continue
			}
			mark := enc.buf.Len()
			if enc.member(xmlMemberName(k, ref), ref, v) != nil {
				enc.buf.Truncate(mark)
			}
			continue
		}
		if s, ok := asString(v); ok {
			writeTextElement(enc, k, s)
		}
	}
}

func writeXML(w http.ResponseWriter, status int, meta Meta, body []byte) {
	h := w.Header()
	h.Set("Content-Type", "text/xml")
	h.Set("x-amzn-RequestId", meta.RequestID)
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	w.Write(body)
}

// xmlNamespace is the service's XML namespace: the model's, or AWS's
// convention https://<endpointPrefix>.amazonaws.com/doc/<apiVersion>/.
func xmlNamespace(svc *model.Service) string {
	if svc.Metadata.XMLNamespace != "" {
		return svc.Metadata.XMLNamespace
	}
	return "https://" + svc.Metadata.EndpointPrefix + ".amazonaws.com/doc/" + svc.Metadata.APIVersion + "/"
}
