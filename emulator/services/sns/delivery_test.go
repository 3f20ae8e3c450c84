package sns

import (
	"context"
	"crypto"
	"crypto/rsa"
	"crypto/sha1"
	"encoding/base64"
	"encoding/json"
	"testing"

	"github.com/parity-harness/parity/emulator/awserr"
	"github.com/parity-harness/parity/emulator/model"
	"github.com/parity-harness/parity/emulator/service"
	"github.com/parity-harness/parity/emulator/services/sqs"
)

// fakeEmulator routes Invoke to in-process services, as the gateway does.
type fakeEmulator struct{ services map[string]service.Service }

func (f *fakeEmulator) Invoke(ctx context.Context, account, region, svc, op string, in service.Params) (map[string]any, error) {
	m, _ := model.Load(svc)
	c := &service.Context{Context: ctx, Account: account, Region: region, Service: m, Operation: m.Operations[op], Emulator: f}
	out, err := f.services[svc].Handlers()[op](c, in)
	if err != nil {
		return nil, err
	}
	return service.ToValue(out)
}

func (f *fakeEmulator) Credentials() service.Credentials { return nil }

type env struct {
	t   *testing.T
	emu *fakeEmulator
}

func newEnv(t *testing.T) *env {
	q := sqs.New()
	t.Cleanup(func() { _ = q.Close() })
	return &env{t: t, emu: &fakeEmulator{services: map[string]service.Service{"sns": New(), "sqs": q}}}
}

func (e *env) call(svc, op string, params any) (map[string]any, error) {
	e.t.Helper()
	b, _ := json.Marshal(params)
	var in map[string]any
	_ = json.Unmarshal(b, &in)
	return e.emu.Invoke(context.Background(), "000000000000", "us-east-1", svc, op, in)
}

func (e *env) must(svc, op string, params any) map[string]any {
	e.t.Helper()
	out, err := e.call(svc, op, params)
	if err != nil {
		e.t.Fatalf("%s.%s: %v", svc, op, err)
	}
	b, _ := json.Marshal(out)
	var generic map[string]any
	_ = json.Unmarshal(b, &generic)
	return generic
}

func (e *env) receive(queueURL string) []map[string]any {
	out := e.must("sqs", "ReceiveMessage", map[string]any{"QueueUrl": queueURL, "MaxNumberOfMessages": 10, "MessageAttributeNames": []string{"All"}, "AttributeNames": []string{"All"}})
	raw, _ := out["Messages"].([]any)
	msgs := make([]map[string]any, len(raw))
	for i, m := range raw {
		msgs[i] = m.(map[string]any)
	}
	return msgs
}

func TestPublishDeliversEnvelopeToSQS(t *testing.T) {
	e := newEnv(t)
	topic := e.must("sns", "CreateTopic", map[string]any{"Name": "t"})["TopicArn"].(string)
	qurl := e.must("sqs", "CreateQueue", map[string]any{"QueueName": "q"})["QueueUrl"].(string)
	sub := e.must("sns", "Subscribe", map[string]any{"TopicArn": topic, "Protocol": "sqs", "Endpoint": "arn:aws:sqs:us-east-1:000000000000:q",
		"Attributes": map[string]string{"FilterPolicy": `{"attr1":[{"numeric":[">",0,"<=",100]}]}`}})["SubscriptionArn"].(string)
	e.must("sns", "Publish", map[string]any{"TopicArn": topic, "Message": "filtered out", "MessageAttributes": map[string]any{"attr1": map[string]any{"DataType": "Number", "StringValue": "111"}}})
	e.must("sns", "Publish", map[string]any{"TopicArn": topic, "Message": "This is a test message", "Subject": "s",
		"MessageAttributes": map[string]any{"attr1": map[string]any{"DataType": "Number", "StringValue": "99.12"}}})
	msgs := e.receive(qurl)
	if len(msgs) != 1 {
		t.Fatalf("want 1 delivered message, got %d", len(msgs))
	}
	var n map[string]any
	if err := json.Unmarshal([]byte(msgs[0]["Body"].(string)), &n); err != nil {
		t.Fatal(err)
	}
	if n["Type"] != "Notification" || n["Message"] != "This is a test message" || n["TopicArn"] != topic || n["SignatureVersion"] != "1" ||
		n["UnsubscribeURL"] != "https://sns.us-east-1.amazonaws.com/?Action=Unsubscribe&SubscriptionArn="+sub {
		t.Fatalf("envelope: %v", n)
	}
	attr := n["MessageAttributes"].(map[string]any)["attr1"].(map[string]any)
	if attr["Type"] != "Number" || attr["Value"] != "99.12" {
		t.Fatalf("attributes: %v", attr)
	}
	// The signature verifies against the emulator's key.
	svc := e.emu.services["sns"].(*Service)
	canonical := "Message\nThis is a test message\nMessageId\n" + n["MessageId"].(string) + "\nSubject\ns\nTimestamp\n" + n["Timestamp"].(string) + "\nTopicArn\n" + topic + "\nType\nNotification\n"
	sig, _ := base64.StdEncoding.DecodeString(n["Signature"].(string))
	sum := sha1.Sum([]byte(canonical))
	if err := rsa.VerifyPKCS1v15(&svc.signer.key.PublicKey, crypto.SHA1, sum[:], sig); err != nil {
		t.Fatalf("signature does not verify: %v", err)
	}
}

func TestRawDeliveryAndFifo(t *testing.T) {
	e := newEnv(t)
	topic := e.must("sns", "CreateTopic", map[string]any{"Name": "t.fifo", "Attributes": map[string]string{"FifoTopic": "true", "ContentBasedDeduplication": "true"}})["TopicArn"].(string)
	qurl := e.must("sqs", "CreateQueue", map[string]any{"QueueName": "q.fifo", "Attributes": map[string]string{"FifoQueue": "true"}})["QueueUrl"].(string)
	e.must("sns", "Subscribe", map[string]any{"TopicArn": topic, "Protocol": "sqs", "Endpoint": "arn:aws:sqs:us-east-1:000000000000:q.fifo", "Attributes": map[string]string{"RawMessageDelivery": "true"}})
	first := e.must("sns", "Publish", map[string]any{"TopicArn": topic, "Message": "one", "MessageGroupId": "g"})
	dup := e.must("sns", "Publish", map[string]any{"TopicArn": topic, "Message": "one", "MessageGroupId": "g"})
	if first["MessageId"] != dup["MessageId"] || first["SequenceNumber"] == nil {
		t.Fatalf("dedup: %v %v", first, dup)
	}
	e.must("sns", "Publish", map[string]any{"TopicArn": topic, "Message": "two", "MessageGroupId": "g"})
	msgs := e.receive(qurl)
	if len(msgs) != 2 || msgs[0]["Body"] != "one" || msgs[1]["Body"] != "two" {
		t.Fatalf("fifo delivery: %v", msgs)
	}
	if msgs[0]["Attributes"].(map[string]any)["MessageGroupId"] != "g" {
		t.Fatalf("group not passed: %v", msgs[0]["Attributes"])
	}
	_, err := e.call("sns", "Publish", map[string]any{"TopicArn": topic, "Message": "x"})
	if ae, ok := awserr.As(err); !ok || ae.Message != "Invalid parameter: The MessageGroupId parameter is required for FIFO topics" {
		t.Fatalf("missing group: %v", err)
	}
}

func TestDeliveryFailureDoesNotFailPublish(t *testing.T) {
	e := newEnv(t)
	topic := e.must("sns", "CreateTopic", map[string]any{"Name": "t"})["TopicArn"].(string)
	e.must("sns", "Subscribe", map[string]any{"TopicArn": topic, "Protocol": "sqs", "Endpoint": "arn:aws:sqs:us-east-1:000000000000:missing"})
	if out := e.must("sns", "Publish", map[string]any{"TopicArn": topic, "Message": "m"}); out["MessageId"] == nil {
		t.Fatal("publish failed")
	}
}

func TestSubscriptionLifecycleAndErrors(t *testing.T) {
	e := newEnv(t)
	topic := e.must("sns", "CreateTopic", map[string]any{"Name": "t"})["TopicArn"].(string)
	cases := []struct {
		name   string
		op     string
		params map[string]any
		code   string
		msg    string
	}{
		{"bad protocol", "Subscribe", map[string]any{"TopicArn": topic, "Protocol": "test-protocol", "Endpoint": "x"}, "InvalidParameter", "Invalid parameter: Amazon SNS does not support this protocol string: test-protocol"},
		{"queue url", "Subscribe", map[string]any{"TopicArn": topic, "Protocol": "sqs", "Endpoint": "http://x/000000000000/q"}, "InvalidParameter", "Invalid parameter: SQS endpoint ARN"},
		{"short arn", "Subscribe", map[string]any{"TopicArn": "arn:aws:sns:us-east-1:000000000000", "Protocol": "sqs", "Endpoint": "x"}, "InvalidParameter", "Invalid parameter: TopicArn Reason: An ARN must have at least 6 elements, not 5"},
		{"missing topic", "Subscribe", map[string]any{"TopicArn": topic + "x", "Protocol": "sqs", "Endpoint": "x"}, "NotFound", "Topic does not exist"},
		{"bad sms", "Subscribe", map[string]any{"TopicArn": topic, "Protocol": "sms", "Endpoint": "NAA+15551234567"}, "InvalidParameter", "Invalid SMS endpoint: NAA+15551234567"},
		{"raw value", "Subscribe", map[string]any{"TopicArn": topic, "Protocol": "sqs", "Endpoint": "arn:aws:sqs:us-east-1:000000000000:q", "Attributes": map[string]string{"RawMessageDelivery": "wrongvalue"}}, "InvalidParameter", "Invalid parameter: Attributes Reason: RawMessageDelivery: Invalid value [wrongvalue]. Must be true or false."},
		{"unsubscribe topic arn", "Unsubscribe", map[string]any{"SubscriptionArn": topic}, "InvalidParameter", "Invalid parameter: SubscriptionId"},
		{"empty message", "Publish", map[string]any{"TopicArn": topic, "Message": ""}, "InvalidParameter", "Invalid parameter: Empty message"},
		{"empty subject", "Publish", map[string]any{"TopicArn": topic, "Message": "m", "Subject": ""}, "InvalidParameter", "Invalid parameter: Subject"},
		{"bad attr type", "Publish", map[string]any{"TopicArn": topic, "Message": "m", "MessageAttributes": map[string]any{"attr1": map[string]any{"DataType": "Stringx", "StringValue": "v"}}}, "ParameterValueInvalid", "The message attribute 'attr1' has an invalid message attribute type, the set of supported type prefixes is Binary, Number, and String."},
		{"no default", "Publish", map[string]any{"TopicArn": topic, "Message": `{"sqs":"x"}`, "MessageStructure": "json"}, "InvalidParameter", "Invalid parameter: Message Structure - No default entry in JSON message body"},
		{"dedup on standard", "Publish", map[string]any{"TopicArn": topic, "Message": "m", "MessageDeduplicationId": "d"}, "InvalidParameter", "Invalid parameter: MessageDeduplicationId Reason: The request includes MessageDeduplicationId parameter that is not valid for this topic type"},
		{"other region", "Publish", map[string]any{"TopicArn": "arn:aws:sns:eu-west-1:000000000000:t", "Message": "m"}, "InvalidParameter", "Invalid parameter: TopicArn"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := e.call("sns", c.op, c.params)
			ae, ok := awserr.As(err)
			if !ok || ae.Code != c.code || ae.Message != c.msg {
				t.Fatalf("got %v, want %s: %s", err, c.code, c.msg)
			}
		})
	}
	pending := e.must("sns", "Subscribe", map[string]any{"TopicArn": topic, "Protocol": "https", "Endpoint": "https://example.com/hook"})
	if pending["SubscriptionArn"] != "pending confirmation" {
		t.Fatalf("http subscription: %v", pending)
	}
	attrs := e.must("sns", "GetTopicAttributes", map[string]any{"TopicArn": topic})["Attributes"].(map[string]any)
	if attrs["SubscriptionsPending"] != "1" {
		t.Fatalf("topic counts: %v", attrs)
	}
	svc := e.emu.services["sns"].(*Service)
	r := svc.regions.Get("000000000000", "us-east-1")
	var token string
	for tok := range r.tokens {
		token = tok
	}
	conf := e.must("sns", "ConfirmSubscription", map[string]any{"TopicArn": topic, "Token": token})
	if conf["SubscriptionArn"] == "" {
		t.Fatal("confirm returned no ARN")
	}
	if _, err := e.call("sns", "ConfirmSubscription", map[string]any{"TopicArn": topic, "Token": "abcd"}); err == nil {
		t.Fatal("unknown token confirmed")
	}
}
