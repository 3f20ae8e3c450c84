package protocol

import (
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/parity-harness/parity/emulator/model"
)

func BenchmarkJSONDecode(b *testing.B) {
	svc := model.MustLoad("sqs")
	body := `{"QueueUrl":"http://localhost/000000000000/q","MessageBody":"hello world","DelaySeconds":0,"MessageAttributes":{"a":{"DataType":"String","StringValue":"v"},"b":{"DataType":"Number","StringValue":"1"}}}`
	b.ReportAllocs()
	for b.Loop() {
		r := httptest.NewRequest("POST", "/", strings.NewReader(body))
		r.Header.Set("X-Amz-Target", "AmazonSQS.SendMessage")
		op, err := JSON().Operation(r, svc)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := JSON().DecodeInput(r, svc, op); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkJSONEncode(b *testing.B) {
	svc := model.MustLoad("sqs")
	op := svc.Operations["ReceiveMessage"]
	msg := map[string]any{"MessageId": "m", "ReceiptHandle": "rh", "MD5OfBody": "x", "Body": "hello world",
		"Attributes": map[string]any{"SentTimestamp": "1", "ApproximateReceiveCount": "1"}}
	out := map[string]any{"Messages": []any{msg, msg, msg}}
	b.ReportAllocs()
	for b.Loop() {
		if err := JSON().EncodeOutput(httptest.NewRecorder(), svc, op, out, Meta{RequestID: "r"}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkQueryDecode(b *testing.B) {
	svc := model.MustLoad("sns")
	body := "Action=Publish&Version=2010-03-31&TopicArn=arn%3Aaws%3Asns%3Aus-east-1%3A000000000000%3At&Message=hello&MessageAttributes.entry.1.Name=a&MessageAttributes.entry.1.Value.DataType=String&MessageAttributes.entry.1.Value.StringValue=v"
	b.ReportAllocs()
	for b.Loop() {
		r := httptest.NewRequest("POST", "/", strings.NewReader(body))
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		op, err := Query().Operation(r, svc)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := Query().DecodeInput(r, svc, op); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkQueryEncode(b *testing.B) {
	svc := model.MustLoad("sns")
	op := svc.Operations["ListTopics"]
	out := map[string]any{"Topics": []any{map[string]any{"TopicArn": "a1"}, map[string]any{"TopicArn": "a2"}}, "NextToken": "n"}
	b.ReportAllocs()
	for b.Loop() {
		if err := Query().EncodeOutput(httptest.NewRecorder(), svc, op, out, Meta{RequestID: "r"}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkRestXMLDecode(b *testing.B) {
	svc := model.MustLoad("s3")
	b.ReportAllocs()
	for b.Loop() {
		r := httptest.NewRequest("PUT", "/bucket/some/key.txt", strings.NewReader("hello"))
		r.Header.Set("Content-Type", "text/plain")
		r.Header.Set("x-amz-meta-color", "red")
		op, err := RestXML().Operation(r, svc)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := RestXML().DecodeInput(r, svc, op); err != nil {
			b.Fatal(err)
		}
	}
}
