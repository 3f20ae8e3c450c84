package protocol

import (
	"bytes"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/parity-harness/parity/emulator/awserr"
	"github.com/parity-harness/parity/emulator/model"
)

// The fuzz targets feed every request parser arbitrary input: decoding must
// end in a value, a *ValidationError or an *awserr.Error client error, and
// never panic. Seeds are the serialized requests of AWS's protocol tests.

type fuzzTarget struct {
	svc *model.Service
	op  *model.Operation
}

// fuzzTargets returns the fixture services of a protocol plus served models.
func fuzzTargets(f *testing.F, protocol string, served ...string) ([]fuzzTarget, []protoCase) {
	var targets []fuzzTarget
	var cases []protoCase
	for _, s := range loadProtocolSuites(f, "input", protocol) {
		for _, c := range s.Cases {
			svc, op, err := caseService(s, c)
			if err != nil {
				f.Fatal(err)
			}
			targets = append(targets, fuzzTarget{svc, op})
			cases = append(cases, c)
		}
	}
	for _, name := range served {
		svc := model.MustLoad(name)
		for _, opName := range svc.OperationNames() {
			targets = append(targets, fuzzTarget{svc, svc.Operations[opName]})
		}
	}
	return targets, cases
}

// checkDecode runs a request through a codec and checks the outcome.
func checkDecode(t *testing.T, codec Codec, svc *model.Service, r *http.Request) {
	t.Helper()
	op, err := codec.Operation(r, svc)
	if err == nil {
		var in map[string]any
		in, err = codec.DecodeInput(r, svc, op)
		for _, v := range in {
			if rc, ok := v.(io.ReadCloser); ok {
				io.Copy(io.Discard, rc)
				rc.Close()
			}
		}
	}
	if err == nil {
		return
	}
	var verr *ValidationError
	if errors.As(err, &verr) {
		if len(verr.Violations) == 0 {
			t.Fatal("empty ValidationError")
		}
		DefaultValidationError(codec.Name(), verr)
		return
	}
	var ae *awserr.Error
	if !errors.As(err, &ae) {
		t.Fatalf("decode returned %T %v, want *awserr.Error", err, err)
	}
	if ae.HTTPStatus() >= 500 || ae.Code == "" {
		t.Fatalf("decode error %s (%d) is not a client error", ae.Code, ae.HTTPStatus())
	}
}

func pick[T any](items []T, sel uint16) T { return items[int(sel)%len(items)] }

func newFuzzRequest(method, uri string, header string, body []byte) (*http.Request, bool) {
	if !strings.HasPrefix(uri, "/") {
		uri = "/" + uri
	}
	switch method {
	case "GET", "PUT", "POST", "DELETE", "HEAD", "PATCH":
	default:
		method = "POST"
	}
	var r *http.Request
	ok := func() (ok bool) {
		defer func() {
			if recover() != nil {
				ok = false // httptest.NewRequest panics on unparseable URIs
			}
		}()
		r = httptest.NewRequest(method, "http://localhost"+uri, bytes.NewReader(body))
		return true
	}()
	if !ok {
		return nil, false
	}
	for line := range strings.SplitSeq(header, "\n") {
		if k, v, found := strings.Cut(line, ":"); found && k != "" {
			r.Header.Add(strings.TrimSpace(k), strings.TrimSpace(v))
		}
	}
	return r, true
}

func FuzzJSONDecode(f *testing.F) {
	targets, cases := fuzzTargets(f, "json", "dynamodb", "sqs", "streams.dynamodb")
	for i, c := range cases {
		f.Add(uint16(i), c.Serialized.Headers["X-Amz-Target"], []byte(c.Serialized.Body))
	}
	f.Add(uint16(len(cases)), "DynamoDB_20120810.PutItem", []byte(`{"TableName":"t","Item":{"a":{"S":"x"},"b":{"L":[{"N":"1"}]}}}`))
	f.Add(uint16(len(cases)+3), "AmazonSQS.SendMessage", []byte(`{"QueueUrl":"u","MessageBody":"b","MessageAttributes":{"a":{"DataType":"Binary","BinaryValue":"AQI="}}}`))
	f.Fuzz(func(t *testing.T, sel uint16, target string, body []byte) {
		tg := pick(targets, sel)
		if target == "" {
			target = tg.svc.Metadata.TargetPrefix + "." + tg.op.Name
		}
		r := httptest.NewRequest("POST", "/", bytes.NewReader(body))
		r.Header.Set("X-Amz-Target", target)
		checkDecode(t, JSON(), tg.svc, r)
	})
}

func fuzzForm(f *testing.F, protocol string, codec Codec, served ...string) {
	targets, cases := fuzzTargets(f, protocol, served...)
	for i, c := range cases {
		f.Add(uint16(i), c.Serialized.Body)
	}
	f.Add(uint16(len(cases)), "Action=Publish&TopicArn=t&Message=m&MessageAttributes.entry.1.Name=a&MessageAttributes.entry.1.Value.DataType=String&MessageAttributes.entry.1.Value.StringValue=v")
	f.Fuzz(func(t *testing.T, sel uint16, body string) {
		tg := pick(targets, sel)
		r := httptest.NewRequest("POST", "/", strings.NewReader(body))
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		checkDecode(t, codec, tg.svc, r)
	})
}

func FuzzQueryDecode(f *testing.F) { fuzzForm(f, "query", Query(), "sns", "iam", "sts", "sqs") }

func FuzzEC2Decode(f *testing.F) { fuzzForm(f, "ec2", EC2()) }

func fuzzREST(f *testing.F, protocol string, codec Codec, served ...string) {
	targets, cases := fuzzTargets(f, protocol, served...)
	for i, c := range cases {
		var h strings.Builder
		for k, v := range c.Serialized.Headers {
			h.WriteString(k + ": " + v + "\n")
		}
		method := c.Serialized.Method
		if method == "" {
			method = c.Given.HTTP.Method
		}
		f.Add(uint16(i), method, c.Serialized.URI, h.String(), []byte(c.Serialized.Body))
	}
	f.Add(uint16(len(cases)), "PUT", "/bkt/a/b?tagging", "Content-MD5: x\n", []byte(`<Tagging><TagSet><Tag><Key>a</Key><Value>b</Value></Tag></TagSet></Tagging>`))
	f.Add(uint16(len(cases)), "PUT", "/bkt/k", "X-Amz-Content-Sha256: STREAMING-UNSIGNED-PAYLOAD-TRAILER\nx-amz-meta-a: b\n", []byte("3\r\nabc\r\n0\r\n\r\n"))
	f.Fuzz(func(t *testing.T, sel uint16, method, uri, header string, body []byte) {
		tg := pick(targets, sel)
		r, ok := newFuzzRequest(method, uri, header, body)
		if !ok {
			return
		}
		checkDecode(t, codec, tg.svc, r)
	})
}

func FuzzRestXMLDecode(f *testing.F) { fuzzREST(f, "rest-xml", RestXML(), "s3") }

func FuzzRestJSONDecode(f *testing.F) { fuzzREST(f, "rest-json", RestJSON()) }

// FuzzXMLValue parses arbitrary XML documents into S3 configuration shapes.
func FuzzXMLValue(f *testing.F) {
	s3 := model.MustLoad("s3")
	shapes := []*model.Shape{
		s3.Shapes["BucketLifecycleConfiguration"], s3.Shapes["Tagging"], s3.Shapes["Delete"],
		s3.Shapes["CompletedMultipartUpload"], s3.Shapes["NotificationConfiguration"], s3.Shapes["AccessControlPolicy"],
	}
	f.Add(uint16(0), []byte(`<LifecycleConfiguration><Rule><ID>r</ID><Status>Enabled</Status><Expiration><Days>3</Days></Expiration></Rule></LifecycleConfiguration>`))
	f.Add(uint16(2), []byte(`<Delete><Object><Key>a</Key></Object><Quiet>true</Quiet></Delete>`))
	f.Add(uint16(5), []byte(`<AccessControlPolicy><AccessControlList><Grant><Grantee xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="CanonicalUser"><ID>x</ID></Grantee><Permission>READ</Permission></Grant></AccessControlList></AccessControlPolicy>`))
	f.Fuzz(func(t *testing.T, sel uint16, body []byte) {
		v, err := decodeXMLBody(body, pick(shapes, sel))
		if err != nil {
			var ae *awserr.Error
			if !errors.As(err, &ae) || ae.HTTPStatus() != 400 {
				t.Fatalf("XML error %T %v", err, err)
			}
			return
		}
		if v == nil {
			t.Fatal("nil value without error")
		}
	})
}

func FuzzAWSChunked(f *testing.F) {
	f.Add([]byte("5;chunk-signature=abc\r\nhello\r\n0;chunk-signature=def\r\n\r\n"))
	f.Add([]byte("3\r\nabc\r\n0\r\nx-amz-checksum-crc32:AAAAAA==\r\n\r\n"))
	f.Fuzz(func(t *testing.T, body []byte) {
		out, err := io.ReadAll(newAWSChunkedReader(io.NopCloser(bytes.NewReader(body))))
		if err == nil && len(out) > len(body) {
			t.Fatalf("decoded %d bytes from %d", len(out), len(body))
		}
	})
}
