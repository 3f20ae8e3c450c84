package harness

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	ddbt "github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
	sqst "github.com/aws/aws-sdk-go-v2/service/sqs/types"
)

func canonical(t *testing.T, v any) string {
	t.Helper()
	data, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var back any
	_ = json.Unmarshal(data, &back)
	data, _ = json.Marshal(back)
	return string(data)
}

func TestNormalizeOutputs(t *testing.T) {
	when := time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC)
	cases := []struct {
		name string
		in   any
		want string
	}{
		{"sqs create queue", &sqs.CreateQueueOutput{QueueUrl: aws.String("http://h/1/q")},
			`{"QueueUrl":"http://h/1/q","ResponseMetadata":{"HTTPHeaders":{},"HTTPStatusCode":0}}`},
		{"nil members are absent, empty lists kept", &sqs.ListQueuesOutput{QueueUrls: []string{}},
			`{"QueueUrls":[],"ResponseMetadata":{"HTTPHeaders":{},"HTTPStatusCode":0}}`},
		{"blob as Python bytes, map of structures", &sqs.ReceiveMessageOutput{Messages: []sqst.Message{{
			Body: aws.String("b"),
			MessageAttributes: map[string]sqst.MessageAttributeValue{
				"raw": {DataType: aws.String("Binary"), BinaryValue: []byte{2, 3, '\''}},
			},
			Attributes: map[string]string{"SentTimestamp": "1"},
		}}}, `{"Messages":[{"Attributes":{"SentTimestamp":"1"},"Body":"b","MessageAttributes":{"raw":{"BinaryValue":"b\"\\x02\\x03'\"","DataType":"Binary"}}}],"ResponseMetadata":{"HTTPHeaders":{},"HTTPStatusCode":0}}`},
		{"unions by member name", &dynamodb.GetItemOutput{Item: map[string]ddbt.AttributeValue{
			"s":  &ddbt.AttributeValueMemberS{Value: "x"},
			"l":  &ddbt.AttributeValueMemberL{Value: []ddbt.AttributeValue{&ddbt.AttributeValueMemberNULL{Value: true}, &ddbt.AttributeValueMemberB{Value: []byte("hi")}}},
			"m":  &ddbt.AttributeValueMemberM{Value: map[string]ddbt.AttributeValue{"n": &ddbt.AttributeValueMemberN{Value: "1.5"}}},
			"ss": &ddbt.AttributeValueMemberSS{Value: []string{"a", "b"}},
		}}, `{"Item":{"l":{"L":[{"NULL":true},{"B":"b'hi'"}]},"m":{"M":{"n":{"N":"1.5"}}},"s":{"S":"x"},"ss":{"SS":["a","b"]}},"ResponseMetadata":{"HTTPHeaders":{},"HTTPStatusCode":0}}`},
		{"timestamps, enums, streaming body, header maps", &s3.GetObjectOutput{
			Body: io.NopCloser(strings.NewReader("hello")), LastModified: &when, ContentLength: aws.Int64(5),
			StorageClass: "STANDARD", ExpiresString: aws.String("never"),
		}, `{"Body":"hello","ContentLength":5,"LastModified":"datetime","Metadata":{},"ResponseMetadata":{"HTTPHeaders":{},"HTTPStatusCode":0},"StorageClass":"STANDARD"}`},
		{"binary body", &s3.GetObjectOutput{Body: io.NopCloser(strings.NewReader("\xff\x00"))},
			`{"Body":"b'\\xff\\x00'","Metadata":{},"ResponseMetadata":{"HTTPHeaders":{},"HTTPStatusCode":0}}`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := Normalize(c.in)
			if err != nil {
				t.Fatal(err)
			}
			if g := canonical(t, got); g != c.want {
				t.Errorf("got  %s\nwant %s", g, c.want)
			}
		})
	}
}

func TestNormalizeKeepsTheBodyReadable(t *testing.T) {
	out := &s3.GetObjectOutput{Body: io.NopCloser(strings.NewReader("payload"))}
	if _, err := Normalize(out); err != nil {
		t.Fatal(err)
	}
	data, _ := io.ReadAll(out.Body)
	if string(data) != "payload" {
		t.Errorf("body after Normalize = %q, want the original payload", data)
	}
}

func TestNormalizeRejectsNonOutputs(t *testing.T) {
	for _, v := range []any{nil, 3, "x", &struct{}{}, sqs.CreateQueueOutput{}, errors.New("dial tcp: refused")} {
		if _, err := Normalize(v); err == nil {
			t.Errorf("Normalize(%T) succeeded, want an error", v)
		}
	}
}

func TestNormalizeErrors(t *testing.T) {
	h := func(kv ...string) http.Header {
		out := http.Header{}
		for i := 0; i < len(kv); i += 2 {
			out.Set(kv[i], kv[i+1])
		}
		return out
	}
	cases := []struct {
		name, service string
		raw           rawResponse
		want          string
	}{
		{"sqs json, query compatible", "sqs", rawResponse{status: 400,
			header: h("X-Amzn-Query-Error", "AWS.SimpleQueueService.NonExistentQueue;Sender"),
			body:   []byte(`{"__type":"com.amazonaws.sqs#QueueDoesNotExist","message":"The specified queue does not exist."}`)},
			`{"Error":{"Code":"AWS.SimpleQueueService.NonExistentQueue","Message":"The specified queue does not exist.","QueryErrorCode":"QueueDoesNotExist","Type":"Sender"},"ResponseMetadata":{"HTTPHeaders":{},"HTTPStatusCode":400}}`},
		{"sqs json, modeled member", "sqs", rawResponse{status: 400,
			header: h("X-Amzn-Query-Error", "InvalidAttributeName;Sender"),
			body:   []byte(`{"__type":"com.amazonaws.sqs#InvalidAttributeName","message":"Unknown Attribute X."}`)},
			`{"Error":{"Code":"InvalidAttributeName","Message":"Unknown Attribute X.","QueryErrorCode":"InvalidAttributeName","Type":"Sender"},"ResponseMetadata":{"HTTPHeaders":{},"HTTPStatusCode":400},"message":"Unknown Attribute X."}`},
		{"dynamodb modeled item with a blob", "dynamodb", rawResponse{status: 400, header: h(),
			body: []byte(`{"__type":"com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException","Message":"The conditional request failed","Item":{"b":{"B":"aGk="}}}`)},
			`{"Error":{"Code":"ConditionalCheckFailedException","Message":"The conditional request failed"},"Item":{"b":{"B":"b'hi'"}},"ResponseMetadata":{"HTTPHeaders":{},"HTTPStatusCode":400}}`},
		{"json without a body", "dynamodb", rawResponse{status: 500, header: h()},
			`{"Error":{"Code":"500","Message":""},"ResponseMetadata":{"HTTPHeaders":{},"HTTPStatusCode":500}}`},
		{"query", "sns", rawResponse{status: 400, header: h(),
			body: []byte(`<ErrorResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><Error><Type>Sender</Type><Code>InvalidParameter</Code><Message>Invalid parameter: TopicArn</Message><Detail/></Error><RequestId>abc</RequestId></ErrorResponse>`)},
			`{"Error":{"Code":"InvalidParameter","Detail":null,"Message":"Invalid parameter: TopicArn","Type":"Sender"},"ResponseMetadata":{"HTTPHeaders":{},"HTTPStatusCode":400}}`},
		{"sqs over the query wire", "sqs", rawResponse{status: 400, header: h(), protocol: "query",
			body: []byte(`<?xml version="1.0"?><ErrorResponse xmlns="http://queue.amazonaws.com/doc/2012-11-05/"><Error><Type>Sender</Type><Code>AWS.SimpleQueueService.NonExistentQueue</Code><Message>The specified queue does not exist.</Message><Detail/></Error><RequestId>r</RequestId></ErrorResponse>`)},
			`{"Error":{"Code":"AWS.SimpleQueueService.NonExistentQueue","Detail":null,"Message":"The specified queue does not exist.","Type":"Sender"},"ResponseMetadata":{"HTTPHeaders":{},"HTTPStatusCode":400}}`},
		{"sqs over the query wire, unparseable body", "sqs", rawResponse{status: 403, header: h(), protocol: "query", body: []byte(`{"__type":"x"}`)},
			`{"Error":{"Code":"403","Message":"Forbidden"},"ResponseMetadata":{"HTTPHeaders":{},"HTTPStatusCode":403}}`},
		{"rest-xml with extra members", "s3", rawResponse{status: 404, header: h(),
			body: []byte(`<?xml version="1.0" encoding="UTF-8"?><Error><Code>NoSuchBucket</Code><Message>The specified bucket does not exist</Message><BucketName>b1</BucketName><RequestId>r</RequestId><HostId>h</HostId></Error>`)},
			`{"Error":{"BucketName":"b1","Code":"NoSuchBucket","Message":"The specified bucket does not exist"},"ResponseMetadata":{"HTTPHeaders":{},"HTTPStatusCode":404}}`},
		{"rest-xml HEAD without a body", "s3", rawResponse{status: 404, header: h()},
			`{"Error":{"Code":"404","Message":"Not Found"},"ResponseMetadata":{"HTTPHeaders":{},"HTTPStatusCode":404}}`},
		{"rest-xml garbage body", "s3", rawResponse{status: 403, header: h(), body: []byte("<html")},
			`{"Error":{"Code":"403","Message":"Forbidden"},"ResponseMetadata":{"HTTPHeaders":{},"HTTPStatusCode":403}}`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			raw := c.raw
			got, err := Normalize(&callError{err: errors.New("api error"), service: c.service, raw: &raw})
			if err != nil {
				t.Fatal(err)
			}
			if g := canonical(t, got); g != c.want {
				t.Errorf("got  %s\nwant %s", g, c.want)
			}
		})
	}
}

func TestPyBytesRepr(t *testing.T) {
	cases := map[string]string{
		"":             `b''`,
		"abc":          `b'abc'`,
		"it's":         `b"it's"`,
		`it's "x"`:     `b'it\'s "x"'`,
		"\t\n\r\\":     `b'\t\n\r\\'`,
		"\x00\x7f\xc3": `b'\x00\x7f\xc3'`,
	}
	for in, want := range cases {
		if got := pyBytesRepr([]byte(in)); got != want {
			t.Errorf("pyBytesRepr(%q) = %s, want %s", in, got, want)
		}
	}
}

func TestSetMembers(t *testing.T) {
	got := setMembers("sqs", "ReceiveMessage", &sqs.ReceiveMessageInput{QueueUrl: aws.String("u"), WaitTimeSeconds: 2, MessageAttributeNames: []string{"All"}})
	want := []string{"MessageAttributeNames", "QueueUrl", "WaitTimeSeconds"}
	if strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("setMembers = %v, want %v", got, want)
	}
	if got := setMembers("sqs", "ListQueues", nil); got != nil {
		t.Errorf("setMembers(nil) = %v", got)
	}
}

func TestNormalizeValue(t *testing.T) {
	cases := []struct {
		name string
		in   any
		want string
	}{
		{"string", "An error occurred", `"An error occurred"`},
		{"list", []string{"a", "b"}, `["a","b"]`},
		{"map", map[string]any{"k": 1}, `{"k":1}`},
		{"dynamodb item", map[string]ddbt.AttributeValue{"id": &ddbt.AttributeValueMemberS{Value: "u1"}, "n": &ddbt.AttributeValueMemberN{Value: "3"}}, `{"id":{"S":"u1"},"n":{"N":"3"}}`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if isSDKResult(tc.in) {
				t.Fatalf("%T taken for an SDK result", tc.in)
			}
			got, err := NormalizeValue(tc.in)
			if err != nil {
				t.Fatal(err)
			}
			b, _ := json.Marshal(got)
			if string(b) != tc.want {
				t.Fatalf("got %s, want %s", b, tc.want)
			}
		})
	}
}
