package protocol

import (
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/parity-harness/parity/emulator/awserr"
	"github.com/parity-harness/parity/emulator/model"
)

func TestForRequest(t *testing.T) {
	sqs, s3, sns, ddb := model.MustLoad("sqs"), model.MustLoad("s3"), model.MustLoad("sns"), model.MustLoad("dynamodb")
	form := func(method, target string, contentType string) *http.Request {
		r := httptest.NewRequest(method, target, strings.NewReader("Action=ListQueues"))
		if contentType != "" {
			r.Header.Set("Content-Type", contentType)
		}
		return r
	}
	jsonReq := httptest.NewRequest("POST", "/", strings.NewReader("{}"))
	jsonReq.Header.Set("X-Amz-Target", "AmazonSQS.ListQueues")
	jsonReq.Header.Set("Content-Type", "application/x-amz-json-1.0")
	cases := []struct {
		name string
		svc  *model.Service
		req  *http.Request
		want string
	}{
		{"sqs json", sqs, jsonReq, "json"},
		{"sqs form post", sqs, form("POST", "/", "application/x-www-form-urlencoded; charset=utf-8"), "query"},
		{"sqs get with Action", sqs, form("GET", "/?Action=ListQueues", ""), "query"},
		{"sqs post without form type", sqs, form("POST", "/", "application/x-amz-json-1.0"), "json"},
		{"dynamodb form post stays json", ddb, form("POST", "/", "application/x-www-form-urlencoded"), "json"},
		{"sns", sns, form("POST", "/", "application/x-www-form-urlencoded"), "query"},
		{"s3", s3, httptest.NewRequest("GET", "/bucket", nil), "rest-xml"},
	}
	for _, c := range cases {
		if got := ForRequest(c.svc, c.req).Name(); got != c.want {
			t.Errorf("%s: codec %s, want %s", c.name, got, c.want)
		}
	}
}

func TestValidationMessages(t *testing.T) {
	sqs := model.MustLoad("sqs")
	ddb := model.MustLoad("dynamodb")
	sns := model.MustLoad("sns")
	cases := []struct {
		name  string
		svc   *model.Service
		op    string
		in    map[string]any
		codec string
		code  string
		msg   string
	}{
		{"missing required", sqs, "DeleteQueue", map[string]any{}, "json", "ValidationException",
			"1 validation error detected: Value null at 'queueUrl' failed to satisfy constraint: Member must not be null"},
		{"two errors", ddb, "Scan", map[string]any{"TableName": "", "Limit": int64(0)}, "json", "ValidationException",
			"2 validation errors detected: Value '' at 'tableName' failed to satisfy constraint: Member must have length greater than or equal to 1; Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1"},
		{"enum", ddb, "Scan", map[string]any{"TableName": "abc", "Select": "NOPE"}, "json", "ValidationException",
			"1 validation error detected: Value 'NOPE' at 'select' failed to satisfy constraint: Member must satisfy enum value set: [ALL_ATTRIBUTES, ALL_PROJECTED_ATTRIBUTES, SPECIFIC_ATTRIBUTES, COUNT]"},
		{"nested map path", sns, "Publish", map[string]any{"Message": "m", "MessageAttributes": map[string]any{"attr1": map[string]any{"StringValue": "x"}}}, "query", "ValidationError",
			"1 validation error detected: Value null at 'messageAttributes.attr1.member.dataType' failed to satisfy constraint: Member must not be null"},
		{"list item path", sns, "PublishBatch", map[string]any{"TopicArn": "t", "PublishBatchRequestEntries": []any{map[string]any{"Id": "1", "Message": "m", "MessageAttributes": map[string]any{"attr1": map[string]any{}}}}}, "query", "ValidationError",
			"1 validation error detected: Value null at 'publishBatchRequestEntries.1.member.messageAttributes.attr1.member.dataType' failed to satisfy constraint: Member must not be null"},
	}
	for _, c := range cases {
		v := validate(c.svc.Operations[c.op].Input.Shape, c.in)
		if v == nil {
			t.Errorf("%s: no violation", c.name)
			continue
		}
		e := DefaultValidationError(c.codec, v)
		if e.Code != c.code || e.Message != c.msg || e.HTTPStatus() != 400 {
			t.Errorf("%s:\n got %s %q\nwant %s %q", c.name, e.Code, e.Message, c.code, c.msg)
		}
	}
	if v := validate(ddb.Operations["Scan"].Input.Shape, map[string]any{"TableName": "abc", "Limit": int64(5)}); v != nil {
		t.Errorf("valid Scan input reported %v", v)
	}
}

// TestMalformedInput feeds each codec broken requests: every one must be an
// *awserr.Error with the protocol's code, never a panic or a success.
func TestMalformedInput(t *testing.T) {
	sqs, ddb, sns, s3 := model.MustLoad("sqs"), model.MustLoad("dynamodb"), model.MustLoad("sns"), model.MustLoad("s3")
	type tc struct {
		name   string
		svc    *model.Service
		method string
		target string
		header map[string]string
		body   string
		code   string
	}
	cases := []tc{
		{"bad json", ddb, "POST", "/", map[string]string{"X-Amz-Target": "DynamoDB_20120810.Scan"}, `{"TableName":`, "SerializationException"},
		{"wrong json type", ddb, "POST", "/", map[string]string{"X-Amz-Target": "DynamoDB_20120810.Scan"}, `{"TableName":5}`, "SerializationException"},
		{"bad json number", ddb, "POST", "/", map[string]string{"X-Amz-Target": "DynamoDB_20120810.Scan"}, `{"TableName":"abc","Limit":1.5}`, "SerializationException"},
		{"json array body", ddb, "POST", "/", map[string]string{"X-Amz-Target": "DynamoDB_20120810.Scan"}, `[]`, "SerializationException"},
		{"unknown target", ddb, "POST", "/", map[string]string{"X-Amz-Target": "DynamoDB_20120810.Nope"}, `{}`, "UnknownOperationException"},
		{"wrong target prefix", sqs, "POST", "/", map[string]string{"X-Amz-Target": "Other.ListQueues"}, `{}`, "UnknownOperationException"},
		{"no target", ddb, "POST", "/", nil, `{}`, "UnknownOperationException"},
		{"unknown action", sns, "POST", "/", map[string]string{"Content-Type": "application/x-www-form-urlencoded"}, "Action=Nope", "InvalidAction"},
		{"no action", sns, "POST", "/", map[string]string{"Content-Type": "application/x-www-form-urlencoded"}, "Foo=1", "MissingAction"},
		{"bad escape", sns, "POST", "/", map[string]string{"Content-Type": "application/x-www-form-urlencoded"}, "Action=Publish&Message=%zz", "MalformedQueryString"},
		{"bad query number", sqs, "POST", "/", map[string]string{"Content-Type": "application/x-www-form-urlencoded"}, "Action=ReceiveMessage&QueueUrl=u&MaxNumberOfMessages=ten", "InvalidParameterValue"},
		{"bad xml", s3, "PUT", "/bucket?versioning", nil, "<VersioningConfiguration><Status>", "MalformedXML"},
		{"bad xml bool", s3, "PUT", "/bucket?publicAccessBlock", nil, "<PublicAccessBlockConfiguration><BlockPublicAcls>maybe</BlockPublicAcls></PublicAccessBlockConfiguration>", "MalformedXML"},
		{"no s3 route", s3, "PATCH", "/bucket", nil, "", "MethodNotAllowed"},
	}
	for _, c := range cases {
		r := httptest.NewRequest(c.method, c.target, strings.NewReader(c.body))
		for k, v := range c.header {
			r.Header.Set(k, v)
		}
		codec := ForRequest(c.svc, r)
		op, err := codec.Operation(r, c.svc)
		if err == nil {
			_, err = codec.DecodeInput(r, c.svc, op)
		}
		var ae *awserr.Error
		if !errors.As(err, &ae) {
			t.Errorf("%s: got %v (%T), want %s", c.name, err, err, c.code)
			continue
		}
		if ae.Code != c.code {
			t.Errorf("%s: code %s (%s), want %s", c.name, ae.Code, ae.Message, c.code)
		}
	}
}

func TestErrorEnvelopes(t *testing.T) {
	sqs, sns, s3, ddb := model.MustLoad("sqs"), model.MustLoad("sns"), model.MustLoad("s3"), model.MustLoad("dynamodb")
	cases := []struct {
		name    string
		codec   Codec
		svc     *model.Service
		op      string
		err     *awserr.Error
		status  int
		headers map[string]string
		body    []string
		noBody  bool
	}{
		{"sqs json with query code", JSON(), sqs, "GetQueueUrl", awserr.New("QueueDoesNotExist", 0, "The specified queue does not exist."), 400,
			map[string]string{"x-amzn-query-error": "AWS.SimpleQueueService.NonExistentQueue;Sender", "Content-Type": "application/x-amz-json-1.0", "x-amzn-RequestId": "rid"},
			[]string{`"__type":"QueueDoesNotExist"`, `"message":"The specified queue does not exist."`}, false},
		{"sqs json named by query code", JSON(), sqs, "CreateQueue", awserr.New("QueueAlreadyExists", 400, "exists"), 400,
			map[string]string{"x-amzn-query-error": "QueueAlreadyExists;Sender"}, []string{`"__type":"QueueNameExists"`}, false},
		{"sqs query", Query(), sqs, "GetQueueUrl", awserr.New("QueueDoesNotExist", 400, "gone"), 400, nil,
			[]string{`<ErrorResponse xmlns="http://queue.amazonaws.com/doc/2012-11-05/"><Error><Type>Sender</Type><Code>AWS.SimpleQueueService.NonExistentQueue</Code><Message>gone</Message><Detail></Detail></Error><RequestId>rid</RequestId></ErrorResponse>`}, false},
		{"sqs query batch without detail", Query(), sqs, "DeleteMessageBatch", awserr.New("TooManyEntriesInBatchRequest", 400, "too many"), 400, nil,
			[]string{`<Code>AWS.SimpleQueueService.TooManyEntriesInBatchRequest</Code><Message>too many</Message></Error>`}, false},
		{"sqs query send batch with detail", Query(), sqs, "SendMessageBatch", awserr.New("TooManyEntriesInBatchRequest", 400, "too many"), 400, nil,
			[]string{`<Message>too many</Message><Detail></Detail></Error>`}, false},
		{"sns query without detail", Query(), sns, "Publish", awserr.New("InvalidParameter", 400, "bad"), 400, nil,
			[]string{`<Message>bad</Message></Error>`}, false},
		{"sns modeled status", Query(), sns, "GetTopicAttributes", awserr.New("NotFound", 0, "Topic does not exist"), 404, nil,
			[]string{`<Code>NotFound</Code>`}, false},
		{"server fault", Query(), sns, "Publish", awserr.New("InternalError", 500, "boom"), 500, nil, []string{`<Type>Receiver</Type>`}, false},
		{"dynamodb fields", JSON(), ddb, "TransactWriteItems", awserr.New("TransactionCanceledException", 400, "cancelled").With("CancellationReasons", []any{map[string]any{"Code": "None"}}), 400, nil,
			[]string{`"CancellationReasons":[{"Code":"None"}]`, `"Message":"cancelled"`}, false},
		{"s3 error", RestXML(), s3, "GetObject", awserr.New("NoSuchKey", 404, "The specified key does not exist.").With("Key", "k"), 404,
			map[string]string{"x-amz-request-id": "rid", "Content-Type": "application/xml"},
			[]string{`<Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message><Key>k</Key><RequestId>rid</RequestId><HostId>`}, false},
		{"s3 head error has no body", RestXML(), s3, "HeadObject", awserr.New("NotFound", 404, "Not Found"), 404, nil, nil, true},
		{"s3 error headers", RestXML(), s3, "GetObject", &awserr.Error{Code: "NoSuchKey", Status: 404, Message: "m", Headers: map[string]string{"x-amz-delete-marker": "true"}}, 404,
			map[string]string{"x-amz-delete-marker": "true"}, nil, false},
	}
	for _, c := range cases {
		rec := httptest.NewRecorder()
		c.codec.EncodeError(rec, c.svc, c.svc.Operations[c.op], c.err, Meta{RequestID: "rid"})
		if rec.Code != c.status {
			t.Errorf("%s: status %d, want %d", c.name, rec.Code, c.status)
		}
		for k, v := range c.headers {
			if got := rec.Header().Get(k); got != v {
				t.Errorf("%s: header %s = %q, want %q", c.name, k, got, v)
			}
		}
		body := rec.Body.String()
		for _, want := range c.body {
			if !strings.Contains(body, want) {
				t.Errorf("%s: body lacks %s:\n%s", c.name, want, body)
			}
		}
		if c.noBody && body != "" {
			t.Errorf("%s: HEAD error has a body: %s", c.name, body)
		}
	}
}

func TestS3Routing(t *testing.T) {
	s3 := model.MustLoad("s3")
	cases := []struct {
		method, target string
		header         map[string]string
		op             string
		labels         map[string]string
	}{
		{"GET", "/", nil, "ListBuckets", nil},
		{"PUT", "/bkt", nil, "CreateBucket", map[string]string{"Bucket": "bkt"}},
		{"PUT", "/bkt/", nil, "CreateBucket", map[string]string{"Bucket": "bkt"}},
		{"GET", "/bkt", nil, "ListObjects", nil},
		{"GET", "/bkt?list-type=2&prefix=a", nil, "ListObjectsV2", nil},
		{"GET", "/bkt?versioning", nil, "GetBucketVersioning", nil},
		{"GET", "/bkt?lifecycle", nil, "GetBucketLifecycleConfiguration", nil},
		{"PUT", "/bkt/a/b%20c.txt", nil, "PutObject", map[string]string{"Key": "a/b c.txt"}},
		{"PUT", "/bkt/k?partNumber=1&uploadId=u", nil, "UploadPart", nil},
		{"PUT", "/bkt/k?partNumber=1&uploadId=u", map[string]string{"x-amz-copy-source": "/a/b"}, "UploadPartCopy", nil},
		{"PUT", "/bkt/k", map[string]string{"x-amz-copy-source": "/a/b"}, "CopyObject", nil},
		{"GET", "/bkt/k", nil, "GetObject", nil},
		{"GET", "/bkt/k?uploadId=u", nil, "ListParts", nil},
		{"POST", "/bkt/k?uploads", nil, "CreateMultipartUpload", nil},
		{"POST", "/bkt/k?uploadId=u", nil, "CompleteMultipartUpload", nil},
		{"DELETE", "/bkt/k?uploadId=u", nil, "AbortMultipartUpload", nil},
		{"DELETE", "/bkt/k", nil, "DeleteObject", nil},
		{"POST", "/bkt?delete", nil, "DeleteObjects", nil},
		{"HEAD", "/bkt", nil, "HeadBucket", nil},
		{"HEAD", "/bkt/k", nil, "HeadObject", nil},
		{"GET", "/bkt/k?tagging", nil, "GetObjectTagging", nil},
		{"PUT", "/bkt?notification", nil, "PutBucketNotificationConfiguration", nil},
	}
	for _, c := range cases {
		r := httptest.NewRequest(c.method, c.target, nil)
		for k, v := range c.header {
			r.Header.Set(k, v)
		}
		op, err := RestXML().Operation(r, s3)
		if err != nil || op.Name != c.op {
			t.Errorf("%s %s: %v %v, want %s", c.method, c.target, opName(op), err, c.op)
			continue
		}
		if c.labels != nil {
			in, _ := RestXML().DecodeInput(r, s3, op)
			for k, v := range c.labels {
				if in[k] != v {
					t.Errorf("%s %s: %s = %v, want %q", c.method, c.target, k, in[k], v)
				}
			}
		}
	}
}

func opName(op *model.Operation) string {
	if op == nil {
		return "<nil>"
	}
	return op.Name
}

func TestAWSChunked(t *testing.T) {
	cases := []struct {
		name, body, want string
		bad              bool
	}{
		{"signed", "5;chunk-signature=abc\r\nhello\r\n0;chunk-signature=def\r\n\r\n", "hello", false},
		{"trailer", "3\r\nabc\r\n2\r\nde\r\n0\r\nx-amz-checksum-crc32:AAAAAA==\r\n\r\n", "abcde", false},
		{"no final blank", "3\r\nabc\r\n0\r\n", "abc", false},
		{"bad size", "zz\r\nabc\r\n", "", true},
		{"short data", "9\r\nabc", "", true},
		{"missing crlf", "3\r\nabcXX0\r\n\r\n", "", true},
	}
	for _, c := range cases {
		got, err := io.ReadAll(newAWSChunkedReader(io.NopCloser(strings.NewReader(c.body))))
		if c.bad {
			if err == nil {
				t.Errorf("%s: no error, read %q", c.name, got)
			}
			continue
		}
		if err != nil || string(got) != c.want {
			t.Errorf("%s: %q, %v; want %q", c.name, got, err, c.want)
		}
	}
}

// TestQueryCompatTraitsResolve keeps the SQS query traits in step with the
// model: every shape and member they name must exist.
func TestQueryCompatTraitsResolve(t *testing.T) {
	svc := model.MustLoad("sqs")
	tr := sqsQueryTraits
	for name := range tr.Lists {
		if s := svc.Shapes[name]; s == nil || s.Type != "list" {
			t.Errorf("list %s is not in the SQS model", name)
		}
	}
	for name := range tr.ItemNames {
		if s := svc.Shapes[name]; s == nil || s.Type != "list" {
			t.Errorf("list %s is not in the SQS model", name)
		}
	}
	for name := range tr.Maps {
		if s := svc.Shapes[name]; s == nil || s.Type != "map" {
			t.Errorf("map %s is not in the SQS model", name)
		}
	}
	for path := range tr.Members {
		shape, member := splitMemberPath(path)
		if s := svc.Shapes[shape]; s == nil || s.Members[member] == nil {
			t.Errorf("member %s is not in the SQS model", path)
		}
	}
	// Codes AWS answers with that the model does not declare.
	unmodeled := map[string]bool{"InvalidParameterValueException": true, "MissingRequiredParameterException": true}
	for code := range tr.ErrorCodes {
		if s := svc.Shapes[code]; !unmodeled[code] && (s == nil || !s.Exception) {
			t.Errorf("error %s is not an exception of the SQS model", code)
		}
	}
	// The copy is separate: the JSON model keeps its own traits.
	q := queryModel(svc)
	if q == svc || svc.Shapes["QueueUrlList"].Member.LocationName != "" || q.Shapes["QueueUrlList"].Member.LocationName != "QueueUrl" {
		t.Error("the query traits leaked into the JSON model or were not applied")
	}
}
