package sqs

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/parity-harness/parity/emulator/awserr"
	"github.com/parity-harness/parity/emulator/model"
	"github.com/parity-harness/parity/emulator/protocol"
	"github.com/parity-harness/parity/emulator/service"
)

// harness calls the service's handlers the way the gateway does.
type harness struct {
	t   *testing.T
	svc *Service
	h   map[string]service.Handler
}

func newHarness(t *testing.T) *harness {
	t.Helper()
	s := New()
	t.Cleanup(func() { _ = s.Close() })
	return &harness{t: t, svc: s, h: s.Handlers()}
}

func (h *harness) ctx(op string) *service.Context {
	m, err := model.Load("sqs")
	if err != nil {
		h.t.Fatal(err)
	}
	return &service.Context{
		Context: context.Background(), Account: "000000000000", Region: "us-east-1",
		Endpoint: "http://localhost:4566", Service: m, Operation: m.Operations[op],
	}
}

// call runs op with params given as JSON and returns the output as a
// generic map.
func (h *harness) call(op string, params string) (map[string]any, error) {
	h.t.Helper()
	var in map[string]any
	if err := json.Unmarshal([]byte(params), &in); err != nil {
		h.t.Fatalf("bad params %s: %v", params, err)
	}
	out, err := h.h[op](h.ctx(op), in)
	if err != nil {
		return nil, err
	}
	m, err := service.ToValue(out)
	if err != nil {
		h.t.Fatal(err)
	}
	b, _ := json.Marshal(m)
	var generic map[string]any
	_ = json.Unmarshal(b, &generic)
	return generic, nil
}

func (h *harness) must(op, params string) map[string]any {
	h.t.Helper()
	out, err := h.call(op, params)
	if err != nil {
		h.t.Fatalf("%s %s: %v", op, params, err)
	}
	return out
}

func (h *harness) fails(op, params, code, queryCode string) *awserr.Error {
	h.t.Helper()
	_, err := h.call(op, params)
	e, ok := awserr.As(err)
	if !ok {
		h.t.Fatalf("%s %s: want error %s, got %v", op, params, code, err)
	}
	if e.Code != code || (queryCode != "" && e.QueryCode != queryCode) {
		h.t.Fatalf("%s %s: want %s/%s, got %s/%s: %s", op, params, code, queryCode, e.Code, e.QueryCode, e.Message)
	}
	return e
}

func (h *harness) createQueue(name string, attrs map[string]string) string {
	h.t.Helper()
	b, _ := json.Marshal(map[string]any{"QueueName": name, "Attributes": attrs})
	return h.must("CreateQueue", string(b))["QueueUrl"].(string)
}

func js(v any) string { b, _ := json.Marshal(v); return string(b) }

func messages(out map[string]any) []map[string]any {
	raw, _ := out["Messages"].([]any)
	res := make([]map[string]any, len(raw))
	for i, m := range raw {
		res[i] = m.(map[string]any)
	}
	return res
}

func TestHandlersCoverModel(t *testing.T) {
	m, err := model.Load("sqs")
	if err != nil {
		t.Fatal(err)
	}
	h := New().Handlers()
	for name := range m.Operations {
		if h[name] == nil {
			t.Errorf("operation %s has no handler", name)
		}
	}
}

func TestQueueURLAndAttributes(t *testing.T) {
	h := newHarness(t)
	url := h.createQueue("q1", map[string]string{"VisibilityTimeout": "20", "ReceiveMessageWaitTimeSeconds": "10"})
	if url != "http://localhost:4566/000000000000/q1" {
		t.Fatalf("url = %s", url)
	}
	attrs := h.must("GetQueueAttributes", js(map[string]any{"QueueUrl": url, "AttributeNames": []string{"All"}}))["Attributes"].(map[string]any)
	want := map[string]string{
		"ApproximateNumberOfMessages": "0", "ApproximateNumberOfMessagesDelayed": "0", "ApproximateNumberOfMessagesNotVisible": "0",
		"DelaySeconds": "0", "MaximumMessageSize": "1048576", "MessageRetentionPeriod": "345600",
		"QueueArn": "arn:aws:sqs:us-east-1:000000000000:q1", "ReceiveMessageWaitTimeSeconds": "10",
		"SqsManagedSseEnabled": "true", "VisibilityTimeout": "20",
	}
	for k, v := range want {
		if attrs[k] != v {
			t.Errorf("%s = %v, want %s", k, attrs[k], v)
		}
	}
	for _, k := range []string{"CreatedTimestamp", "LastModifiedTimestamp"} {
		if attrs[k] == nil {
			t.Errorf("%s missing", k)
		}
	}
	if len(attrs) != len(want)+2 {
		t.Errorf("unexpected attributes: %v", attrs)
	}
}

func TestCreateQueueErrors(t *testing.T) {
	h := newHarness(t)
	h.createQueue("exists", map[string]string{"DelaySeconds": "1"})
	h.createQueue("fifo.fifo", map[string]string{"FifoQueue": "true", "ContentBasedDeduplication": "true"})
	cases := []struct {
		name, params, code, query, msg string
	}{
		{"different attribute", `{"QueueName":"exists","Attributes":{"DelaySeconds":"2"}}`, "QueueNameExists", "QueueAlreadyExists",
			"A queue already exists with the same name and a different value for attribute DelaySeconds"},
		{"different fifo attribute", `{"QueueName":"fifo.fifo","Attributes":{"FifoQueue":"true","ContentBasedDeduplication":"false"}}`, "QueueNameExists", "QueueAlreadyExists",
			"A queue already exists with the same name and a different value for attribute ContentBasedDeduplication"},
		{"fifo attribute on standard", `{"QueueName":"s","Attributes":{"FifoQueue":"false"}}`, "InvalidAttributeName", "", "Unknown Attribute FifoQueue."},
		{"cbd on standard", `{"QueueName":"s","Attributes":{"ContentBasedDeduplication":"true"}}`, "InvalidAttributeName", "", "Unknown Attribute ContentBasedDeduplication."},
		{"scope on standard", `{"QueueName":"s","Attributes":{"DeduplicationScope":"queue"}}`, "InvalidAttributeName", "", "You can specify the DeduplicationScope only when FifoQueue is set to true."},
		{"limit on standard", `{"QueueName":"s","Attributes":{"FifoThroughputLimit":"perQueue"}}`, "InvalidAttributeName", "", "You can specify the FifoThroughputLimit only when FifoQueue is set to true."},
		{"bad name", `{"QueueName":"a b"}`, "InvalidParameterValueException", "InvalidParameterValue", "Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length"},
		{"bad value", `{"QueueName":"s","Attributes":{"VisibilityTimeout":"43201"}}`, "InvalidAttributeValue", "", "Invalid value for the parameter VisibilityTimeout."},
		{"unknown", `{"QueueName":"s","Attributes":{"Nope":"1"}}`, "InvalidAttributeName", "", "Unknown Attribute Nope."},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e := h.fails("CreateQueue", c.params, c.code, c.query)
			if e.Message != c.msg {
				t.Errorf("message = %q, want %q", e.Message, c.msg)
			}
		})
	}
}

func TestSendReceiveDeleteAndVisibility(t *testing.T) {
	h := newHarness(t)
	url := h.createQueue("q", nil)
	sent := h.must("SendMessage", js(map[string]any{"QueueUrl": url, "MessageBody": "test",
		"MessageAttributes": map[string]any{"Foo": map[string]any{"DataType": "String", "StringValue": "Bar"}}}))
	if sent["MD5OfMessageBody"] != "098f6bcd4621d373cade4e832627b4f6" || sent["MD5OfMessageAttributes"] != "ae7155c6026991b6d54b11589678bf9c" {
		t.Fatalf("digests: %v", sent)
	}
	got := messages(h.must("ReceiveMessage", js(map[string]any{"QueueUrl": url, "VisibilityTimeout": 1, "MessageAttributeNames": []string{"All"}, "AttributeNames": []string{"All"}})))
	if len(got) != 1 || got[0]["Body"] != "test" || got[0]["MD5OfMessageAttributes"] != "ae7155c6026991b6d54b11589678bf9c" {
		t.Fatalf("receive: %v", got)
	}
	if got[0]["Attributes"].(map[string]any)["ApproximateReceiveCount"] != "1" {
		t.Fatalf("attributes: %v", got[0]["Attributes"])
	}
	if n := len(messages(h.must("ReceiveMessage", js(map[string]any{"QueueUrl": url})))); n != 0 {
		t.Fatalf("message visible while in flight")
	}
	attrs := h.must("GetQueueAttributes", js(map[string]any{"QueueUrl": url, "AttributeNames": []string{"ApproximateNumberOfMessagesNotVisible"}}))
	if attrs["Attributes"].(map[string]any)["ApproximateNumberOfMessagesNotVisible"] != "1" {
		t.Fatalf("not visible count: %v", attrs)
	}
	// Visibility expires: the message comes back with a new receipt.
	again := messages(h.must("ReceiveMessage", js(map[string]any{"QueueUrl": url, "WaitTimeSeconds": 3})))
	if len(again) != 1 || again[0]["ReceiptHandle"] == got[0]["ReceiptHandle"] {
		t.Fatalf("re-receive: %v", again)
	}
	// A stale receipt still deletes on a standard queue.
	h.must("DeleteMessage", js(map[string]any{"QueueUrl": url, "ReceiptHandle": got[0]["ReceiptHandle"]}))
	h.fails("DeleteMessage", js(map[string]any{"QueueUrl": url, "ReceiptHandle": "garbage"}), "ReceiptHandleIsInvalid", "")
	h.fails("ChangeMessageVisibility", js(map[string]any{"QueueUrl": url, "ReceiptHandle": again[0]["ReceiptHandle"], "VisibilityTimeout": 5}), "InvalidParameterValueException", "InvalidParameterValue")
}

func TestChangeVisibilityMakesVisible(t *testing.T) {
	h := newHarness(t)
	url := h.createQueue("q", nil)
	h.must("SendMessage", js(map[string]any{"QueueUrl": url, "MessageBody": "a"}))
	got := messages(h.must("ReceiveMessage", js(map[string]any{"QueueUrl": url})))
	h.must("ChangeMessageVisibility", js(map[string]any{"QueueUrl": url, "ReceiptHandle": got[0]["ReceiptHandle"], "VisibilityTimeout": 0}))
	if n := len(messages(h.must("ReceiveMessage", js(map[string]any{"QueueUrl": url})))); n != 1 {
		t.Fatalf("want visible message after visibility 0, got %d", n)
	}
}

func TestFifoDeduplication(t *testing.T) {
	cases := []struct {
		name   string
		attrs  map[string]string
		sends  []map[string]any
		expect int
	}{
		{"same dedup id", map[string]string{"FifoQueue": "true"}, []map[string]any{
			{"MessageBody": "a", "MessageGroupId": "g", "MessageDeduplicationId": "d"},
			{"MessageBody": "b", "MessageGroupId": "g", "MessageDeduplicationId": "d"},
		}, 1},
		{"content based", map[string]string{"FifoQueue": "true", "ContentBasedDeduplication": "true"}, []map[string]any{
			{"MessageBody": "a", "MessageGroupId": "g"}, {"MessageBody": "a", "MessageGroupId": "g"}, {"MessageBody": "b", "MessageGroupId": "g"},
		}, 2},
		{"queue scope spans groups", map[string]string{"FifoQueue": "true"}, []map[string]any{
			{"MessageBody": "a", "MessageGroupId": "g1", "MessageDeduplicationId": "d"},
			{"MessageBody": "b", "MessageGroupId": "g2", "MessageDeduplicationId": "d"},
		}, 1},
		{"message group scope", map[string]string{"FifoQueue": "true", "DeduplicationScope": "messageGroup", "FifoThroughputLimit": "perMessageGroupId"}, []map[string]any{
			{"MessageBody": "a", "MessageGroupId": "g1", "MessageDeduplicationId": "d"},
			{"MessageBody": "b", "MessageGroupId": "g2", "MessageDeduplicationId": "d"},
		}, 2},
	}
	for i, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			h := newHarness(t)
			url := h.createQueue("q"+string(rune('a'+i))+".fifo", c.attrs)
			var first string
			for j, s := range c.sends {
				s["QueueUrl"] = url
				out := h.must("SendMessage", js(s))
				if j == 0 {
					first = out["MessageId"].(string)
				} else if c.expect == 1 && out["MessageId"] != first {
					t.Errorf("duplicate answered a new message id")
				}
			}
			attrs := h.must("GetQueueAttributes", js(map[string]any{"QueueUrl": url, "AttributeNames": []string{"ApproximateNumberOfMessages"}}))
			if got := attrs["Attributes"].(map[string]any)["ApproximateNumberOfMessages"]; got != js(c.expect)[0:1] && got != js(c.expect) {
				t.Errorf("messages = %v, want %d", got, c.expect)
			}
		})
	}
}

func TestFifoGroupOrdering(t *testing.T) {
	h := newHarness(t)
	url := h.createQueue("g.fifo", map[string]string{"FifoQueue": "true", "ContentBasedDeduplication": "true"})
	for _, b := range []string{"foo", "bar", "baz"} {
		h.must("SendMessage", js(map[string]any{"QueueUrl": url, "MessageBody": b, "MessageGroupId": "g"}))
	}
	all := messages(h.must("ReceiveMessage", js(map[string]any{"QueueUrl": url, "MaxNumberOfMessages": 10})))
	if len(all) != 3 || all[0]["Body"] != "foo" || all[2]["Body"] != "baz" {
		t.Fatalf("receive all: %v", all)
	}
	// Make foo visible again but keep bar in flight: only foo is delivered.
	h.must("ChangeMessageVisibility", js(map[string]any{"QueueUrl": url, "ReceiptHandle": all[0]["ReceiptHandle"], "VisibilityTimeout": 0}))
	h.must("ChangeMessageVisibility", js(map[string]any{"QueueUrl": url, "ReceiptHandle": all[2]["ReceiptHandle"], "VisibilityTimeout": 0}))
	got := messages(h.must("ReceiveMessage", js(map[string]any{"QueueUrl": url, "MaxNumberOfMessages": 10})))
	if len(got) != 1 || got[0]["Body"] != "foo" {
		t.Fatalf("group prefix: %v", got)
	}
	// The old receipt of foo has expired on a FIFO queue.
	h.fails("DeleteMessage", js(map[string]any{"QueueUrl": url, "ReceiptHandle": all[0]["ReceiptHandle"]}), "InvalidParameterValueException", "InvalidParameterValue")
	h.must("DeleteMessage", js(map[string]any{"QueueUrl": url, "ReceiptHandle": got[0]["ReceiptHandle"]}))
}

func TestFifoSendValidation(t *testing.T) {
	h := newHarness(t)
	url := h.createQueue("v.fifo", map[string]string{"FifoQueue": "true"})
	h.fails("SendMessage", js(map[string]any{"QueueUrl": url, "MessageBody": "a"}), "MissingRequiredParameterException", "MissingParameter")
	h.fails("SendMessage", js(map[string]any{"QueueUrl": url, "MessageBody": "a", "MessageGroupId": "g"}), "InvalidParameterValueException", "InvalidParameterValue")
	h.fails("SendMessage", js(map[string]any{"QueueUrl": url, "MessageBody": "a", "MessageGroupId": "g", "MessageDeduplicationId": "d", "DelaySeconds": 2}), "InvalidParameterValueException", "")
	e := h.fails("SendMessageBatch", js(map[string]any{"QueueUrl": url, "Entries": []any{map[string]any{"Id": "1", "MessageBody": "a"}}}), "InvalidParameterValueException", "InvalidParameterValue")
	if e.Message != "The request must contain the parameter MessageGroupId." {
		t.Errorf("batch message: %s", e.Message)
	}
}

func TestLongPollWakesOnSend(t *testing.T) {
	h := newHarness(t)
	url := h.createQueue("lp", nil)
	done := make(chan []map[string]any)
	start := time.Now()
	go func() {
		out, _ := h.call("ReceiveMessage", js(map[string]any{"QueueUrl": url, "WaitTimeSeconds": 10}))
		done <- messages(out)
	}()
	time.Sleep(100 * time.Millisecond)
	h.must("SendMessage", js(map[string]any{"QueueUrl": url, "MessageBody": "wake"}))
	select {
	case got := <-done:
		if len(got) != 1 || time.Since(start) > 2*time.Second {
			t.Fatalf("long poll returned %v after %v", got, time.Since(start))
		}
	case <-time.After(5 * time.Second):
		t.Fatal("long poll did not return after a send")
	}
}

func TestLongPollEndsOnClose(t *testing.T) {
	h := newHarness(t)
	url := h.createQueue("lp", nil)
	done := make(chan struct{})
	go func() {
		_, _ = h.call("ReceiveMessage", js(map[string]any{"QueueUrl": url, "WaitTimeSeconds": 20}))
		close(done)
	}()
	time.Sleep(50 * time.Millisecond)
	_ = h.svc.Close()
	select {
	case <-done:
	case <-time.After(2 * time.Second):
		t.Fatal("long poll outlived Close")
	}
}

func TestDelayedMessages(t *testing.T) {
	h := newHarness(t)
	url := h.createQueue("d", nil)
	h.must("SendMessage", js(map[string]any{"QueueUrl": url, "MessageBody": "later", "DelaySeconds": 1}))
	attrs := h.must("GetQueueAttributes", js(map[string]any{"QueueUrl": url, "AttributeNames": []string{"ApproximateNumberOfMessagesDelayed"}}))
	if attrs["Attributes"].(map[string]any)["ApproximateNumberOfMessagesDelayed"] != "1" {
		t.Fatalf("delayed: %v", attrs)
	}
	if n := len(messages(h.must("ReceiveMessage", js(map[string]any{"QueueUrl": url})))); n != 0 {
		t.Fatal("delayed message delivered early")
	}
	if n := len(messages(h.must("ReceiveMessage", js(map[string]any{"QueueUrl": url, "WaitTimeSeconds": 3})))); n != 1 {
		t.Fatal("delayed message never delivered")
	}
}

func TestDeadLetterQueue(t *testing.T) {
	h := newHarness(t)
	dlq := h.createQueue("dlq", nil)
	src := h.createQueue("src", map[string]string{"RedrivePolicy": `{"deadLetterTargetArn":"arn:aws:sqs:us-east-1:000000000000:dlq","maxReceiveCount":1}`})
	h.must("SendMessage", js(map[string]any{"QueueUrl": src, "MessageBody": "m"}))
	first := messages(h.must("ReceiveMessage", js(map[string]any{"QueueUrl": src, "VisibilityTimeout": 0})))
	if len(first) != 1 {
		t.Fatal("first receive empty")
	}
	if n := len(messages(h.must("ReceiveMessage", js(map[string]any{"QueueUrl": src})))); n != 0 {
		t.Fatal("message not moved to the DLQ")
	}
	got := messages(h.must("ReceiveMessage", js(map[string]any{"QueueUrl": dlq, "AttributeNames": []string{"All"}})))
	if len(got) != 1 || got[0]["MessageId"] != first[0]["MessageId"] {
		t.Fatalf("dlq: %v", got)
	}
	a := got[0]["Attributes"].(map[string]any)
	if a["ApproximateReceiveCount"] != "2" || a["DeadLetterQueueSourceArn"] != "arn:aws:sqs:us-east-1:000000000000:src" {
		t.Fatalf("dlq attributes: %v", a)
	}
	sources := h.must("ListDeadLetterSourceQueues", js(map[string]any{"QueueUrl": dlq}))
	if urls := sources["queueUrls"].([]any); len(urls) != 1 || urls[0] != src {
		t.Fatalf("sources: %v", sources)
	}
	// Move the message back to its source.
	h.must("ChangeMessageVisibility", js(map[string]any{"QueueUrl": dlq, "ReceiptHandle": got[0]["ReceiptHandle"], "VisibilityTimeout": 0}))
	h.must("StartMessageMoveTask", js(map[string]any{"SourceArn": "arn:aws:sqs:us-east-1:000000000000:dlq"}))
	deadline := time.Now().Add(3 * time.Second)
	for time.Now().Before(deadline) {
		res := h.must("ListMessageMoveTasks", js(map[string]any{"SourceArn": "arn:aws:sqs:us-east-1:000000000000:dlq"}))["Results"].([]any)
		if res[0].(map[string]any)["Status"] == "COMPLETED" {
			back := messages(h.must("ReceiveMessage", js(map[string]any{"QueueUrl": src})))
			if len(back) != 1 {
				t.Fatal("moved message not in source")
			}
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatal("move task did not complete")
}

func TestBatchErrors(t *testing.T) {
	h := newHarness(t)
	url := h.createQueue("b", nil)
	many := make([]any, 20)
	for i := range many {
		many[i] = map[string]any{"Id": js(i), "MessageBody": "x"}
	}
	cases := []struct {
		name, op, params, code, query string
	}{
		{"too many", "SendMessageBatch", js(map[string]any{"QueueUrl": url, "Entries": many}), "TooManyEntriesInBatchRequest", "AWS.SimpleQueueService.TooManyEntriesInBatchRequest"},
		{"empty", "DeleteMessageBatch", js(map[string]any{"QueueUrl": url, "Entries": []any{}}), "EmptyBatchRequest", "AWS.SimpleQueueService.EmptyBatchRequest"},
		{"bad id", "DeleteMessageBatch", js(map[string]any{"QueueUrl": url, "Entries": []any{map[string]any{"Id": "invalid:id", "ReceiptHandle": "x"}}}), "InvalidBatchEntryId", "AWS.SimpleQueueService.InvalidBatchEntryId"},
		{"repeated id", "ChangeMessageVisibilityBatch", js(map[string]any{"QueueUrl": url, "Entries": []any{map[string]any{"Id": "a", "ReceiptHandle": "x"}, map[string]any{"Id": "a", "ReceiptHandle": "y"}}}), "BatchEntryIdsNotDistinct", "AWS.SimpleQueueService.BatchEntryIdsNotDistinct"},
		{"too long", "SendMessageBatch", js(map[string]any{"QueueUrl": url, "Entries": []any{map[string]any{"Id": "a", "MessageBody": string(make([]byte, 0)) + longString(maxBatchBytes/2+1)}, map[string]any{"Id": "b", "MessageBody": longString(maxBatchBytes / 2)}}}), "BatchRequestTooLong", "AWS.SimpleQueueService.BatchRequestTooLong"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) { h.fails(c.op, c.params, c.code, c.query) })
	}
	out := h.must("DeleteMessageBatch", js(map[string]any{"QueueUrl": url, "Entries": []any{map[string]any{"Id": "a", "ReceiptHandle": "nope"}}}))
	f := out["Failed"].([]any)[0].(map[string]any)
	if f["Code"] != "ReceiptHandleIsInvalid" || f["SenderFault"] != true {
		t.Fatalf("failed entry: %v", f)
	}
}

func longString(n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = 'a'
	}
	return string(b)
}

func TestPermissionsPolicy(t *testing.T) {
	h := newHarness(t)
	url := h.createQueue("p", nil)
	h.must("AddPermission", js(map[string]any{"QueueUrl": url, "Label": "l1", "AWSAccountIds": []string{"111111111111"}, "Actions": []string{"ReceiveMessage"}}))
	h.fails("AddPermission", js(map[string]any{"QueueUrl": url, "Label": "l1", "AWSAccountIds": []string{"111111111111"}, "Actions": []string{"ReceiveMessage"}}), "InvalidParameterValueException", "InvalidParameterValue")
	attrs := h.must("GetQueueAttributes", js(map[string]any{"QueueUrl": url, "AttributeNames": []string{"Policy"}}))
	var p map[string]any
	_ = json.Unmarshal([]byte(attrs["Attributes"].(map[string]any)["Policy"].(string)), &p)
	st := p["Statement"].([]any)[0].(map[string]any)
	if p["Id"] != "arn:aws:sqs:us-east-1:000000000000:p/SQSDefaultPolicy" || st["Action"] != "SQS:ReceiveMessage" ||
		st["Principal"].(map[string]any)["AWS"] != "arn:aws:iam::111111111111:root" {
		t.Fatalf("policy: %v", p)
	}
	h.must("RemovePermission", js(map[string]any{"QueueUrl": url, "Label": "l1"}))
	e := h.fails("RemovePermission", js(map[string]any{"QueueUrl": url, "Label": "l1"}), "InvalidParameterValueException", "")
	if e.Message != "Value l1 for parameter Label is invalid. Reason: can't find label." {
		t.Fatalf("message: %s", e.Message)
	}
	if a := h.must("GetQueueAttributes", js(map[string]any{"QueueUrl": url, "AttributeNames": []string{"Policy"}})); a["Attributes"] != nil {
		t.Fatalf("policy left after removing the last permission: %v", a)
	}
}

func TestListQueuesPagination(t *testing.T) {
	h := newHarness(t)
	for i := 0; i < 5; i++ {
		h.createQueue("page-"+js(i), nil)
	}
	h.createQueue("other", nil)
	first := h.must("ListQueues", `{"QueueNamePrefix":"page-","MaxResults":2}`)
	if len(first["QueueUrls"].([]any)) != 2 || first["NextToken"] == nil {
		t.Fatalf("first page: %v", first)
	}
	rest := h.must("ListQueues", js(map[string]any{"QueueNamePrefix": "page-", "MaxResults": 10, "NextToken": first["NextToken"]}))
	if len(rest["QueueUrls"].([]any)) != 3 || rest["NextToken"] != nil {
		t.Fatalf("second page: %v", rest)
	}
	if all := h.must("ListQueues", `{}`); len(all["QueueUrls"].([]any)) != 6 {
		t.Fatalf("all: %v", all)
	}
}

func TestPurgeAndTags(t *testing.T) {
	h := newHarness(t)
	url := h.createQueue("pt", nil)
	h.must("SendMessage", js(map[string]any{"QueueUrl": url, "MessageBody": "x"}))
	h.must("PurgeQueue", js(map[string]any{"QueueUrl": url}))
	e := h.fails("PurgeQueue", js(map[string]any{"QueueUrl": url}), "PurgeQueueInProgress", "AWS.SimpleQueueService.PurgeQueueInProgress")
	if e.HTTPStatus() != 403 || e.Message != "Only one PurgeQueue operation on pt is allowed every 60 seconds." {
		t.Fatalf("purge error: %d %s", e.HTTPStatus(), e.Message)
	}
	if n := len(messages(h.must("ReceiveMessage", js(map[string]any{"QueueUrl": url})))); n != 0 {
		t.Fatal("purge left messages")
	}
	h.must("TagQueue", js(map[string]any{"QueueUrl": url, "Tags": map[string]string{"a": "1", "b": "2"}}))
	h.must("UntagQueue", js(map[string]any{"QueueUrl": url, "TagKeys": []string{"a"}}))
	if tags := h.must("ListQueueTags", js(map[string]any{"QueueUrl": url}))["Tags"].(map[string]any); len(tags) != 1 || tags["b"] != "2" {
		t.Fatalf("tags: %v", tags)
	}
	h.must("DeleteQueue", js(map[string]any{"QueueUrl": url}))
	h.fails("GetQueueUrl", `{"QueueName":"pt"}`, "QueueDoesNotExist", "AWS.SimpleQueueService.NonExistentQueue")
	h.fails("CreateQueue", `{"QueueName":"pt"}`, "QueueDeletedRecently", "AWS.SimpleQueueService.QueueDeletedRecently")
}

func TestMapValidationWaivesSystemAttributeNames(t *testing.T) {
	s := New()
	defer s.Close()
	op := model.MustLoad("sqs").Operations["ReceiveMessage"]
	cases := []struct {
		name     string
		in       []protocol.Violation
		wantLeft int
	}{
		{"system attribute name", []protocol.Violation{{Path: "attributeNames.1.member", Constraint: "enum", Value: "SenderId"}}, 0},
		{"other violation kept", []protocol.Violation{{Path: "maxNumberOfMessages", Constraint: "max", Value: 11}}, 1},
		{"missing queue url kept", []protocol.Violation{{Path: "queueUrl", Constraint: "required"}, {Path: "attributeNames.1.member", Constraint: "enum"}}, 1},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			v := &protocol.ValidationError{Violations: tc.in}
			if err := s.MapValidation(op, v); err != nil {
				t.Fatalf("unexpected error %v", err)
			}
			if len(v.Violations) != tc.wantLeft {
				t.Fatalf("left %v, want %d", v.Violations, tc.wantLeft)
			}
		})
	}
}
