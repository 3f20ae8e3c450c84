package protocol

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"io"
	"net/http"
	"strconv"
	"sync"

	"github.com/parity-harness/parity/emulator/awserr"
	"github.com/parity-harness/parity/emulator/model"
)

// RestXML is the codec of the rest-xml protocol (S3): the operation is found
// by HTTP method and URI template, members are bound to the URI, query
// string, headers and an XML body or raw payload, and errors are
// <Error><Code/><Message/>…</Error> (S3) or wrapped in <ErrorResponse>.
func RestXML() Codec { return restXMLCodec{} }

type restXMLCodec struct{}

func (restXMLCodec) Name() string { return "rest-xml" }

func (restXMLCodec) Operation(r *http.Request, svc *model.Service) (*model.Operation, error) {
	return restOperation(r, svc)
}

func (restXMLCodec) DecodeInput(r *http.Request, svc *model.Service, op *model.Operation) (map[string]any, error) {
	return restDecodeInput(r, svc, op, decodeXMLBody, decodeXMLBody)
}

// decodeXMLBody reads the members of a structure from an XML document.
func decodeXMLBody(body []byte, s *model.Shape) (map[string]any, error) {
	root, err := parseXML(body)
	if err != nil {
		return nil, err
	}
	return xmlDecoder{}.structure(s, root, "")
}

// restPayload reads the body of a REST request: the payload member (a
// stream, bytes, text or a structure document) or the body members.
func restPayload(r *http.Request, s *model.Shape, in map[string]any, decode, decodePayload func([]byte, *model.Shape) (map[string]any, error)) error {
	if s.Payload != "" {
		ref := s.Members[s.Payload]
		if ref == nil {
			return nil
		}
		switch ref.Shape.Type {
		case "blob":
			if ref.Shape.Streaming || ref.Streaming {
				// A stream is always there, empty when the request has no
				// body (an empty object is still an object).
				in[s.Payload] = requestBody(r)
				return nil
			}
			body, err := readBody(r)
			if err != nil {
				return err
			}
			if isAWSChunked(r) {
				if body, err = io.ReadAll(newAWSChunkedReader(io.NopCloser(bytes.NewReader(body)))); err != nil {
					return awserr.New("IncompleteBody", 400, "The request body is not valid aws-chunked data: "+err.Error())
				}
			}
			if len(body) > 0 {
				in[s.Payload] = body
			}
			return nil
		case "string":
			body, err := readBody(r)
			if err != nil {
				return err
			}
			if len(body) > 0 {
				in[s.Payload] = string(body)
			}
			return nil
		case "structure":
			body, err := readBody(r)
			if err != nil {
				return err
			}
			if len(bytes.TrimSpace(body)) == 0 {
				return nil
			}
			v, err := decodePayload(body, ref.Shape)
			if err != nil {
				return err
			}
			if v != nil {
				in[s.Payload] = v
			}
		}
		return nil
	}
	if !hasBodyMembers(s) {
		return nil
	}
	body, err := readBody(r)
	if err != nil {
		return err
	}
	if len(bytes.TrimSpace(body)) == 0 {
		return nil
	}
	v, err := decode(body, s)
	if err != nil {
		return err
	}
	for k, val := range v {
		in[k] = val
	}
	return nil
}

func hasBodyMembers(s *model.Shape) bool {
	for _, ref := range s.Members {
		if ref.Location == "" {
			return true
		}
	}
	return false
}

func (restXMLCodec) EncodeOutput(w http.ResponseWriter, svc *model.Service, op *model.Operation, out map[string]any, meta Meta) error {
	h := w.Header()
	setRestXMLRequestID(h, svc, meta)
	status := op.HTTP.ResponseCode
	var body io.Reader
	if op.Output != nil {
		s := op.Output.Shape
		if st := restOutputHeaders(h, s, out, "rest-xml"); st != 0 {
			status = st
		}
		var err error
		body, err = restXMLOutputBody(h, svc, op, s, out)
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

// isHead reports whether responses to op carry no body (HEAD).
func isHead(op *model.Operation) bool { return op.HTTP.Method == http.MethodHead }

// writeRestBody writes status and body, with Content-Length when the body's
// size is known. HEAD responses keep their headers and drop the body.
func writeRestBody(w http.ResponseWriter, head bool, status int, body io.Reader) error {
	if c, ok := body.(io.Closer); ok {
		defer c.Close()
	}
	if head || body == nil {
		w.WriteHeader(status)
		return nil
	}
	if w.Header().Get("Content-Length") == "" {
		switch b := body.(type) {
		case *bytes.Buffer:
			w.Header().Set("Content-Length", strconv.Itoa(b.Len()))
		case *bytes.Reader:
			w.Header().Set("Content-Length", strconv.Itoa(b.Len()))
		}
	}
	w.WriteHeader(status)
	buf := streamBuffers.Get().(*[]byte)
	defer streamBuffers.Put(buf)
	_, err := io.CopyBuffer(w, body, *buf)
	return err
}

// streamBuffers hold the copy buffers of streamed bodies: a large object
// moves in 256 KiB reads and writes rather than io.Copy's 32 KiB.
var streamBuffers = sync.Pool{New: func() any { b := make([]byte, 256<<10); return &b }}

func restXMLOutputBody(h http.Header, svc *model.Service, op *model.Operation, s *model.Shape, out map[string]any) (io.Reader, error) {
	enc := xmlEncoder{buf: &bytes.Buffer{}, protocol: "rest-xml", millis: isS3(svc)}
	ns := restXMLNamespace(svc)
	if s.Payload != "" {
		ref := s.Members[s.Payload]
		v, ok := out[s.Payload]
		if ref == nil || !ok || isNil(v) {
			return nil, nil
		}
		if ref.Shape.Type != "structure" {
			r, ok := payloadReader(ref, v)
			if !ok {
				return nil, nil
			}
			if h.Get("Content-Type") == "" {
				h.Set("Content-Type", "application/octet-stream")
			}
			return r, nil
		}
		root := ref.LocationName
		if root == "" {
			root = ref.Shape.LocationName
		}
		if root == "" {
			root = s.Payload
		}
		attrs := namespaceAttr(ref.XMLNamespace)
		if attrs == "" {
			attrs = namespaceAttr(ref.Shape.XMLNamespace)
		}
		if attrs == "" && ns != "" {
			attrs = ` xmlns="` + ns + `"`
		}
		enc.buf.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
		if err := enc.element(root, ref, v, attrs); err != nil {
			return nil, err
		}
		h.Set("Content-Type", "application/xml")
		return enc.buf, nil
	}
	if !hasBodyMembers(s) {
		return nil, nil
	}
	root := restXMLRoot(svc, op)
	attrs := ""
	if ns != "" {
		attrs = ` xmlns="` + ns + `"`
	}
	enc.buf.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	if isS3(svc) && op.Name == "GetBucketLocation" {
		// S3 writes the location as the root's text.
		enc.open(root, attrs)
		if loc, ok := asString(out["LocationConstraint"]); ok && !isNil(out["LocationConstraint"]) {
			enc.text(loc)
		}
		enc.close(root)
	} else {
		a, err := enc.attributes(s, out)
		if err != nil {
			return nil, err
		}
		enc.open(root, attrs+a)
		if err := enc.members(s, out); err != nil {
			return nil, err
		}
		enc.close(root)
	}
	h.Set("Content-Type", "application/xml")
	return enc.buf, nil
}

// setRestXMLRequestID sets the request id headers: S3's x-amz-request-id
// and x-amz-id-2, or x-amzn-RequestId.
func setRestXMLRequestID(h http.Header, svc *model.Service, meta Meta) {
	if isS3(svc) {
		h.Set("x-amz-request-id", meta.RequestID)
		h.Set("x-amz-id-2", hostID(meta.RequestID))
		return
	}
	h.Set("x-amzn-RequestId", meta.RequestID)
}

// hostID derives S3's opaque x-amz-id-2 from the request id.
func hostID(requestID string) string {
	sum := sha256.Sum256([]byte(requestID))
	return base64.StdEncoding.EncodeToString(sum[:])
}

func (restXMLCodec) EncodeError(w http.ResponseWriter, svc *model.Service, op *model.Operation, err *awserr.Error, meta Meta) {
	we := resolveError(svc, err)
	h := w.Header()
	we.setHeaders(h)
	setRestXMLRequestID(h, svc, meta)
	var buf bytes.Buffer
	buf.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	enc := xmlEncoder{buf: &buf, protocol: "rest-xml", millis: isS3(svc)}
	if isS3(svc) {
		enc.open("Error", "")
		writeTextElement(enc, "Code", we.Code)
		writeTextElement(enc, "Message", we.Message)
		writeErrorFields(enc, we)
		writeTextElement(enc, "RequestId", meta.RequestID)
		writeTextElement(enc, "HostId", hostID(meta.RequestID))
		enc.close("Error")
	} else {
		enc.open("ErrorResponse", "")
		enc.open("Error", "")
		writeTextElement(enc, "Type", we.Fault())
		writeTextElement(enc, "Code", we.Code)
		writeTextElement(enc, "Message", we.Message)
		writeErrorFields(enc, we)
		enc.close("Error")
		writeTextElement(enc, "RequestId", meta.RequestID)
		enc.close("ErrorResponse")
	}
	head := op != nil && isHead(op)
	if !head {
		h.Set("Content-Type", "application/xml")
		h.Set("Content-Length", strconv.Itoa(buf.Len()))
	}
	w.WriteHeader(we.Status)
	if !head {
		w.Write(buf.Bytes())
	}
}

// requestBody returns the request's body stream for a streaming payload,
// decoding the aws-chunked encoding.
func requestBody(r *http.Request) io.ReadCloser {
	if r.Body == nil {
		return http.NoBody
	}
	if isAWSChunked(r) {
		return newAWSChunkedReader(r.Body)
	}
	return r.Body
}
