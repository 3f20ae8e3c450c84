package harness

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"

	"github.com/aws/smithy-go"

	"github.com/parity-harness/parity/emulator/model"
)

// rawResponse is what the call middleware keeps of an HTTP response.
type rawResponse struct {
	status int
	header http.Header
	body   []byte // kept for error responses only
	// protocol is the wire protocol of a client that does not speak its
	// service model's protocol (see SQSQuery); empty for the model's.
	protocol string
}

// callError wraps the error of a failed SDK call with the raw response it
// came from, so Match can parse it the way boto3 does. It unwraps to the
// SDK's error: errors.As works as without the harness.
type callError struct {
	err     error
	service string // model name
	raw     *rawResponse
}

func (e *callError) Error() string { return e.err.Error() }
func (e *callError) Unwrap() error { return e.err }

// normalizeError renders an SDK call error as boto3's ClientError response:
// {"Error": {"Code", "Message", ...}, <modeled members>, "ResponseMetadata"}.
func normalizeError(err error) (map[string]any, error) {
	var ce *callError
	if !errors.As(err, &ce) || ce.raw == nil || ce.raw.status == 0 {
		var ae smithy.APIError
		if errors.As(err, &ae) {
			// Not made by a harness client: the SDK's view is all there is.
			return map[string]any{
				"Error":            map[string]any{"Code": ae.ErrorCode(), "Message": ae.ErrorMessage()},
				"ResponseMetadata": responseMetadata(httpStatus(err)),
			}, nil
		}
		return nil, fmt.Errorf("normalize: %v is not an AWS error response (no HTTP response was received)", err)
	}
	svc := loadModel(ce.service)
	protocol := ""
	if svc != nil {
		protocol = svc.Metadata.Protocol
	}
	if ce.raw.protocol != "" {
		protocol = ce.raw.protocol
	}
	out := botoError(protocol, svc, ce.raw)
	out["ResponseMetadata"] = responseMetadata(ce.raw.status)
	return out, nil
}

func httpStatus(err error) int {
	var hs interface{ HTTPStatusCode() int }
	if errors.As(err, &hs) {
		return hs.HTTPStatusCode()
	}
	return 0
}

// botoError parses an error response body like botocore's parser for the
// protocol, then adds the members of the modeled error shape the body
// carries, as botocore does for modeled exceptions.
func botoError(protocol string, svc *model.Service, raw *rawResponse) map[string]any {
	switch protocol {
	case "json", "rest-json":
		return jsonError(svc, raw)
	case "query", "ec2":
		return queryError(raw)
	default: // rest-xml
		return restXMLError(svc, raw)
	}
}

// jsonError follows botocore's BaseJSONParser._do_error_parse.
func jsonError(svc *model.Service, raw *rawResponse) map[string]any {
	var body map[string]any
	dec := json.NewDecoder(bytes.NewReader(raw.body))
	dec.UseNumber()
	_ = dec.Decode(&body)
	errMap := map[string]any{"Code": "", "Message": ""}
	if msg, ok := body["message"]; ok {
		errMap["Message"] = msg
	} else if msg, ok := body["Message"]; ok {
		errMap["Message"] = msg
	}
	code, _ := body["__type"].(string)
	if code == "" {
		code = raw.header.Get("X-Amzn-Errortype")
	}
	if code == "" {
		code = fmt.Sprint(raw.status)
	}
	code, _, _ = strings.Cut(code, ":")
	if i := strings.LastIndex(code, "#"); i >= 0 {
		code = code[i+1:]
	}
	if q := raw.header.Get("X-Amzn-Query-Error"); q != "" {
		parts := strings.Split(q, ";")
		if len(parts) == 2 && parts[0] != "" {
			errMap["QueryErrorCode"] = code
			errMap["Type"] = parts[1]
			code = parts[0]
		}
	}
	errMap["Code"] = code
	out := map[string]any{"Error": errMap}
	if shape := errorShape(svc, code); shape != nil {
		for name, ref := range shape.Members {
			if ref.Location != "" {
				continue
			}
			key := name
			if ref.LocationName != "" {
				key = ref.LocationName
			}
			if v, ok := body[key]; ok {
				out[name] = jsonByShape(v, ref.Shape)
			}
		}
	}
	return out
}

// queryError follows botocore's QueryParser._do_error_parse: the children
// of <Error> as strings (empty elements as null).
func queryError(raw *rawResponse) map[string]any {
	root, err := parseXML(raw.body)
	if err != nil {
		return statusError(raw.status)
	}
	parsed := root.toMap()
	if errs, ok := parsed["Errors"].(map[string]any); ok {
		delete(parsed, "Errors")
		for k, v := range errs {
			parsed[k] = v
		}
	}
	delete(parsed, "RequestId")
	delete(parsed, "ResponseMetadata")
	if _, ok := parsed["Error"].(map[string]any); !ok {
		return statusError(raw.status)
	}
	return parsed
}

// restXMLError follows botocore's RestXMLParser._do_error_parse: the
// children of the <Error> root but RequestId and HostId, or the status code
// and reason when there is no body (HEAD requests).
func restXMLError(svc *model.Service, raw *rawResponse) map[string]any {
	if len(bytes.TrimSpace(raw.body)) == 0 {
		return statusError(raw.status)
	}
	root, err := parseXML(raw.body)
	if err != nil {
		return statusError(raw.status)
	}
	parsed := root.toMap()
	if root.tag != "Error" {
		delete(parsed, "RequestId")
		out := map[string]any{"Error": map[string]any{"Code": "", "Message": ""}}
		for k, v := range parsed {
			if k == "Error" {
				// Only an <Error> element with children is the error
				// object; a text-only one would replace it.
				if em, ok := v.(map[string]any); ok {
					for ek, ev := range em {
						out["Error"].(map[string]any)[ek] = ev
					}
				}
				continue
			}
			out[k] = v
		}
		return out
	}
	delete(parsed, "RequestId")
	delete(parsed, "HostId")
	out := map[string]any{"Error": parsed}
	code, _ := parsed["Code"].(string)
	if shape := errorShape(svc, code); shape != nil {
		for name, ref := range shape.Members {
			if ref.Location != "" {
				if ref.Location == "header" && raw.header.Get(ref.LocationName) != "" {
					out[name] = raw.header.Get(ref.LocationName)
				}
				continue
			}
			key := name
			if ref.LocationName != "" {
				key = ref.LocationName
			}
			if v, ok := parsed[key]; ok && v != nil {
				out[name] = v
			}
		}
	}
	return out
}

// jsonByShape converts a JSON-protocol value to what boto3 makes of it
// with the shape: blobs (base64) become Python bytes literals, timestamps
// "datetime"; structures, lists and maps are walked.
func jsonByShape(v any, shape *model.Shape) any {
	if shape == nil {
		return v
	}
	switch shape.Type {
	case "blob":
		if s, ok := v.(string); ok {
			if b, err := base64.StdEncoding.DecodeString(s); err == nil {
				return pyBytesRepr(b)
			}
		}
	case "timestamp":
		if v != nil {
			return DatetimeMarker
		}
	case "structure":
		m, ok := v.(map[string]any)
		if !ok {
			return v
		}
		out := make(map[string]any, len(m))
		for k, x := range m {
			if ref, ok := shape.Members[k]; ok {
				out[k] = jsonByShape(x, ref.Shape)
			} else {
				out[k] = x
			}
		}
		return out
	case "list":
		l, ok := v.([]any)
		if !ok || shape.Member == nil {
			return v
		}
		out := make([]any, len(l))
		for i, x := range l {
			out[i] = jsonByShape(x, shape.Member.Shape)
		}
		return out
	case "map":
		m, ok := v.(map[string]any)
		if !ok || shape.Value == nil {
			return v
		}
		out := make(map[string]any, len(m))
		for k, x := range m {
			out[k] = jsonByShape(x, shape.Value.Shape)
		}
		return out
	}
	return v
}

func errorShape(svc *model.Service, code string) *model.Shape {
	if svc == nil || code == "" {
		return nil
	}
	return svc.ErrorShape(code)
}

// statusError is botocore's error for a response without a parseable body.
func statusError(status int) map[string]any {
	return map[string]any{"Error": map[string]any{"Code": fmt.Sprint(status), "Message": http.StatusText(status)}}
}

// xmlNode is a minimal element tree.
type xmlNode struct {
	tag      string
	text     strings.Builder
	children []*xmlNode
}

func parseXML(data []byte) (*xmlNode, error) {
	dec := xml.NewDecoder(bytes.NewReader(data))
	var stack []*xmlNode
	var root *xmlNode
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			n := &xmlNode{tag: t.Name.Local}
			if len(stack) > 0 {
				parent := stack[len(stack)-1]
				parent.children = append(parent.children, n)
			} else if root == nil {
				root = n
			}
			stack = append(stack, n)
		case xml.EndElement:
			if len(stack) == 0 {
				return nil, errors.New("unbalanced XML")
			}
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if len(stack) > 0 {
				stack[len(stack)-1].text.Write(t)
			}
		}
	}
	if root == nil {
		return nil, errors.New("no XML element")
	}
	return root, nil
}

// toMap is botocore's _build_name_to_xml_node + _replace_nodes: children by
// tag, leaves as their text (null when empty), repeated tags as lists.
func (n *xmlNode) toMap() map[string]any {
	out := map[string]any{}
	for _, c := range n.children {
		v := c.value()
		if prev, ok := out[c.tag]; ok {
			if list, ok := prev.([]any); ok {
				out[c.tag] = append(list, v)
			} else {
				out[c.tag] = []any{prev, v}
			}
			continue
		}
		out[c.tag] = v
	}
	return out
}

func (n *xmlNode) value() any {
	if len(n.children) > 0 {
		return n.toMap()
	}
	if n.text.Len() == 0 {
		return nil
	}
	return n.text.String()
}
