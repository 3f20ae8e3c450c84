package protocol

import (
	"bytes"
	"net/http"

	"github.com/parity-harness/parity/emulator/awserr"
	"github.com/parity-harness/parity/emulator/model"
)

// EC2 is the codec of the ec2 protocol: a query-style form whose keys use
// queryName (or the capitalised locationName) and never wrap list items in
// "member", answered by <OpResponse><requestId/>…members…</OpResponse> and
// errors in <Response><Errors><Error>…</Error></Errors><RequestID/>.
func EC2() Codec { return ec2Codec{} }

type ec2Codec struct{}

func (ec2Codec) Name() string { return "ec2" }

func (ec2Codec) Operation(r *http.Request, svc *model.Service) (*model.Operation, error) {
	return formOperation(r, svc)
}

func (ec2Codec) DecodeInput(r *http.Request, svc *model.Service, op *model.Operation) (map[string]any, error) {
	return decodeForm(r, op, queryDecoder{ec2: true}, nil)
}

func ec2Namespace(svc *model.Service) string {
	if svc.Metadata.XMLNamespace != "" {
		return svc.Metadata.XMLNamespace
	}
	return "http://ec2.amazonaws.com/doc/" + svc.Metadata.APIVersion + "/"
}

func (ec2Codec) EncodeOutput(w http.ResponseWriter, svc *model.Service, op *model.Operation, out map[string]any, meta Meta) error {
	var buf bytes.Buffer
	buf.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	enc := xmlEncoder{buf: &buf, protocol: "ec2"}
	enc.open(op.Name+"Response", ` xmlns="`+ec2Namespace(svc)+`"`)
	writeTextElement(enc, "requestId", meta.RequestID)
	if op.Output != nil {
		if err := enc.members(op.Output.Shape, out); err != nil {
			return err
		}
	}
	enc.close(op.Name + "Response")
	writeXML(w, http.StatusOK, meta, buf.Bytes())
	return nil
}

func (ec2Codec) EncodeError(w http.ResponseWriter, svc *model.Service, op *model.Operation, err *awserr.Error, meta Meta) {
	we := resolveError(svc, err)
	var buf bytes.Buffer
	buf.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	enc := xmlEncoder{buf: &buf, protocol: "ec2"}
	enc.open("Response", "")
	enc.open("Errors", "")
	enc.open("Error", "")
	writeTextElement(enc, "Code", we.QueryCode)
	writeTextElement(enc, "Message", we.Message)
	writeErrorFields(enc, we)
	enc.close("Error")
	enc.close("Errors")
	writeTextElement(enc, "RequestID", meta.RequestID)
	enc.close("Response")
	we.setHeaders(w.Header())
	writeXML(w, we.Status, meta, buf.Bytes())
}
