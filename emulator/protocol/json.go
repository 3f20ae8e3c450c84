package protocol

import (
	"bytes"
	"errors"
	"io"
	"net/http"
	"strconv"
	"strings"

	"github.com/parity-harness/parity/emulator/awserr"
	"github.com/parity-harness/parity/emulator/model"
)

// JSON is the codec of the json protocol (1.0 and 1.1): the operation is
// named by the X-Amz-Target header "<targetPrefix>.<Operation>", input and
// output are JSON documents of the operation's shapes, and errors are
// {"__type": code, "message": text}.
func JSON() Codec { return jsonCodec{} }

type jsonCodec struct{}

func (jsonCodec) Name() string { return "json" }

func (jsonCodec) Operation(r *http.Request, svc *model.Service) (*model.Operation, error) {
	target := r.Header.Get("X-Amz-Target")
	if target == "" {
		return nil, awserr.New("UnknownOperationException", 400, "The request has no X-Amz-Target header naming the operation.")
	}
	dot := strings.LastIndexByte(target, '.')
	prefix, name := "", target
	if dot >= 0 {
		prefix, name = target[:dot], target[dot+1:]
	}
	op, ok := svc.Operations[name]
	if !ok || (svc.Metadata.TargetPrefix != "" && prefix != svc.Metadata.TargetPrefix) {
		return nil, awserr.New("UnknownOperationException", 400, "The operation "+strconv.Quote(target)+" is not known to this service.")
	}
	return op, nil
}

func (jsonCodec) DecodeInput(r *http.Request, svc *model.Service, op *model.Operation) (map[string]any, error) {
	body, err := readBody(r)
	if err != nil {
		return nil, err
	}
	if op.Input == nil {
		return map[string]any{}, nil
	}
	doc, err := parseJSONDocument(body)
	if err != nil {
		return nil, err
	}
	in, err := jsonDecoder{protocol: "json"}.structure(op.Input.Shape, doc, "")
	if err != nil {
		return nil, err
	}
	if v := validate(op.Input.Shape, in); v != nil {
		return in, v
	}
	return in, nil
}

func (jsonCodec) EncodeOutput(w http.ResponseWriter, svc *model.Service, op *model.Operation, out map[string]any, meta Meta) error {
	var buf bytes.Buffer
	if op.Output != nil {
		if err := (jsonEncoder{buf: &buf, protocol: "json"}).structure(op.Output.Shape, out); err != nil {
			return err
		}
	} else {
		buf.WriteString("{}")
	}
	h := w.Header()
	h.Set("Content-Type", jsonContentType(svc))
	h.Set("x-amzn-RequestId", meta.RequestID)
	h.Set("Content-Length", strconv.Itoa(buf.Len()))
	w.WriteHeader(http.StatusOK)
	_, err := w.Write(buf.Bytes())
	return err
}

func (jsonCodec) EncodeError(w http.ResponseWriter, svc *model.Service, op *model.Operation, err *awserr.Error, meta Meta) {
	we := resolveError(svc, err)
	body := jsonErrorBody(we, "json")
	h := w.Header()
	we.setHeaders(h)
	h.Set("Content-Type", jsonContentType(svc))
	h.Set("x-amzn-RequestId", meta.RequestID)
	if svc != nil && svc.Metadata.AWSQueryCompatible != nil {
		h.Set("x-amzn-query-error", we.QueryCode+";"+we.Fault())
	}
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(we.Status)
	w.Write(body)
}

// jsonErrorBody writes {"__type": code, "message": text, ...fields}. The
// message key follows the exception shape ("Message" or "message"); an
// error without a message has no message key, as AWS sends it (KMS's
// InvalidCiphertextException).
func jsonErrorBody(we wireError, protocol string) []byte {
	var buf bytes.Buffer
	buf.WriteString(`{"__type":`)
	writeJSONString(&buf, we.Code)
	msgKey := "message"
	if we.Shape != nil {
		if _, ok := we.Shape.Members["Message"]; ok {
			msgKey = "Message"
		}
	}
	if we.Message != "" {
		buf.WriteByte(',')
		writeJSONString(&buf, msgKey)
		buf.WriteByte(':')
		writeJSONString(&buf, we.Message)
	}
	for _, k := range sortedKeys(we.Fields) {
		if k == "message" || k == "Message" || k == "__type" || isNil(we.Fields[k]) {
			continue
		}
		mark := buf.Len()
		buf.WriteByte(',')
		writeJSONString(&buf, k)
		buf.WriteByte(':')
		enc := jsonEncoder{buf: &buf, protocol: protocol}
		var err error
		if ref := memberRef(we.Shape, k); ref != nil {
			if ref.Location != "" {
				buf.Truncate(mark)
				continue
			}
			err = enc.value(ref, we.Fields[k])
		} else {
			err = enc.raw(we.Fields[k])
		}
		if err != nil {
			buf.Truncate(mark)
		}
	}
	buf.WriteByte('}')
	return buf.Bytes()
}

func memberRef(s *model.Shape, name string) *model.ShapeRef {
	if s == nil {
		return nil
	}
	return s.Members[name]
}

func jsonContentType(svc *model.Service) string {
	v := "1.0"
	if svc != nil && svc.Metadata.JSONVersion != "" {
		v = svc.Metadata.JSONVersion
	}
	return "application/x-amz-json-" + v
}

// readBody reads the whole request body; a failed read is a client error.
func readBody(r *http.Request) ([]byte, error) {
	if r.Body == nil || r.Body == http.NoBody {
		return nil, nil
	}
	b, err := io.ReadAll(r.Body)
	var tooLarge *http.MaxBytesError
	if errors.As(err, &tooLarge) {
		return nil, awserr.Newf("RequestEntityTooLarge", 413, "Request body larger than %d bytes", tooLarge.Limit)
	}
	if err != nil {
		return nil, awserr.New("IncompleteBody", 400, "The request body could not be read: "+err.Error())
	}
	return b, nil
}
