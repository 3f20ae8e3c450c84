package harness

import (
	"net/http"
	"strings"
	"testing"
)

// FuzzBotoError feeds arbitrary error bodies to the error parsers of every
// protocol: they must not panic and must always produce an Error object.
func FuzzBotoError(f *testing.F) {
	f.Add(400, `<ErrorResponse><Error><Code>X</Code><Message>m</Message><Detail/></Error><RequestId>r</RequestId></ErrorResponse>`, "")
	f.Add(404, `<Error><Code>NoSuchKey</Code><Key>k</Key><Key>k2</Key><A><B>1</B></A></Error>`, "")
	f.Add(400, `{"__type":"a#B:c","message":"m","Item":{"x":{"B":"!!"}}}`, "Q;Sender")
	f.Add(500, ``, ";")
	f.Add(400, `<ErrorResponse><Error>text</Error></ErrorResponse>`, "")
	f.Fuzz(func(t *testing.T, status int, body, queryHeader string) {
		h := http.Header{}
		if queryHeader != "" {
			h.Set("X-Amzn-Query-Error", queryHeader)
		}
		for _, svc := range []string{"sqs", "sns", "s3", "dynamodb"} {
			out := botoError(loadModel(svc).Metadata.Protocol, loadModel(svc), &rawResponse{status: status, header: h, body: []byte(body)})
			if _, ok := out["Error"].(map[string]any); !ok {
				t.Fatalf("%s: no Error object for %q: %v", svc, body, out)
			}
		}
		// SQS over the query wire (SQSQuery).
		if out := botoError("query", loadModel("sqs"), &rawResponse{status: status, header: h, body: []byte(body), protocol: "query"}); !isErrorObject(out) {
			t.Fatalf("sqs query: no Error object for %q: %v", body, out)
		}
	})
}

func isErrorObject(out map[string]any) bool {
	_, ok := out["Error"].(map[string]any)
	return ok
}

// FuzzPyBytesRepr checks the literal is always one printable-ASCII Python
// bytes literal.
func FuzzPyBytesRepr(f *testing.F) {
	f.Add([]byte("it's \"x\"\x00\xff"))
	f.Fuzz(func(t *testing.T, b []byte) {
		s := pyBytesRepr(b)
		if !strings.HasPrefix(s, "b'") && !strings.HasPrefix(s, `b"`) {
			t.Fatalf("literal %q", s)
		}
		if s[len(s)-1] != s[1] || len(s) < 3 {
			t.Fatalf("literal %q is not closed by its quote", s)
		}
		for _, c := range []byte(s) {
			if c < 0x20 || c >= 0x7f {
				t.Fatalf("literal %q holds byte %#x", s, c)
			}
		}
	})
}
