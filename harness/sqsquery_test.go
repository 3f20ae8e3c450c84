package harness

import (
	"bytes"
	"context"
	"crypto/md5"
	"encoding/hex"
	"errors"
	"io"
	"net/http"
	"net/url"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
	"github.com/aws/aws-sdk-go-v2/service/sqs/types"

	"github.com/parity-harness/parity/emulator"
)

// formCapture keeps the form of the last request a client sent.
type formCapture struct {
	base        *awshttp.BuildableClient
	mu          sync.Mutex
	form        url.Values
	contentType string
	target      string
}

func (f *formCapture) Do(r *http.Request) (*http.Response, error) {
	body, err := io.ReadAll(r.Body)
	if err != nil {
		return nil, err
	}
	_ = r.Body.Close()
	r.Body = io.NopCloser(bytes.NewReader(body))
	form, _ := url.ParseQuery(string(body))
	f.mu.Lock()
	f.form, f.contentType, f.target = form, r.Header.Get("Content-Type"), r.Header.Get("X-Amz-Target")
	f.mu.Unlock()
	return f.base.Do(r)
}

func (f *formCapture) last() (url.Values, string, string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.form, f.contentType, f.target
}

// queryTargets are the endpoints the query wire is tested against: the
// in-process emulator, and moto when PARITY_TEST_MOTO_URL names one.
func queryTargets(t *testing.T) map[string]*Target {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	emu, err := emulator.Start(ctx, emulator.Options{Listen: "127.0.0.1:0"})
	if err != nil {
		cancel()
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = emu.Close(); cancel() })
	targets := map[string]*Target{"emulator": {Name: "emulator", Kind: KindEmulator, Endpoint: emu.URL(), Region: "us-east-1"}}
	if u := os.Getenv("PARITY_TEST_MOTO_URL"); u != "" {
		targets["moto"] = &Target{Name: u, Kind: KindMoto, Endpoint: u, Region: "us-east-1"}
	}
	return targets
}

// TestSQSQueryWire runs every shape class of the SQS API over the query
// protocol: map and list inputs and outputs, nested structures with binary
// values, batches with failed entries, and errors; it checks the form the
// client sends and what comes back.
func TestSQSQueryWire(t *testing.T) {
	for name, target := range queryTargets(t) {
		t.Run(name, func(t *testing.T) { runQueryWire(t, target) })
	}
}

func runQueryWire(t *testing.T, target *Target) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cfg, err := Config(ctx, target)
	if err != nil {
		t.Fatal(err)
	}
	capture := &formCapture{base: awshttp.NewBuildableClient()}
	c := newSQSQuery(cfg, func(o *sqs.Options) { o.HTTPClient = capture })

	// wantForm checks the last request was a query request of action with
	// the given form values.
	wantForm := func(action string, want map[string]string) {
		t.Helper()
		form, contentType, xAmzTarget := capture.last()
		if contentType != "application/x-www-form-urlencoded" || xAmzTarget != "" {
			t.Fatalf("%s: Content-Type %q, X-Amz-Target %q: not a query request", action, contentType, xAmzTarget)
		}
		if form.Get("Action") != action || form.Get("Version") != "2012-11-05" {
			t.Fatalf("%s: Action=%q Version=%q", action, form.Get("Action"), form.Get("Version"))
		}
		for k, v := range want {
			if got := form.Get(k); got != v {
				t.Errorf("%s: form %s = %q, want %q (form %v)", action, k, got, v, form)
			}
		}
	}
	must := func(what string, err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}

	name := "querywire-" + hex.EncodeToString([]byte(time.Now().Format("150405.000")))
	created, err := c.CreateQueue(ctx, &sqs.CreateQueueInput{
		QueueName:  aws.String(name),
		Attributes: map[string]string{"VisibilityTimeout": "40"},
		Tags:       map[string]string{"team": "wire"},
	})
	must("CreateQueue", err)
	queueURL := aws.ToString(created.QueueUrl)
	defer func() {
		_, _ = c.DeleteQueue(context.Background(), &sqs.DeleteQueueInput{QueueUrl: aws.String(queueURL)})
	}()
	wantForm("CreateQueue", map[string]string{"QueueName": name, "Attribute.1.Name": "VisibilityTimeout", "Attribute.1.Value": "40", "Tag.1.Key": "team", "Tag.1.Value": "wire"})
	if !strings.HasSuffix(queueURL, "/"+name) {
		t.Fatalf("CreateQueue: QueueUrl %q", queueURL)
	}

	t.Run("flattened list input, flattened map output", func(t *testing.T) {
		out, err := c.GetQueueAttributes(ctx, &sqs.GetQueueAttributesInput{QueueUrl: aws.String(queueURL), AttributeNames: []types.QueueAttributeName{"VisibilityTimeout", "DelaySeconds"}})
		must("GetQueueAttributes", err)
		wantForm("GetQueueAttributes", map[string]string{"QueueUrl": queueURL, "AttributeName.1": "VisibilityTimeout", "AttributeName.2": "DelaySeconds"})
		if len(out.Attributes) != 2 || out.Attributes["VisibilityTimeout"] != "40" || out.Attributes["DelaySeconds"] != "0" {
			t.Errorf("Attributes = %v", out.Attributes)
		}
	})

	t.Run("map with Key and Value names", func(t *testing.T) {
		_, err := c.TagQueue(ctx, &sqs.TagQueueInput{QueueUrl: aws.String(queueURL), Tags: map[string]string{"env": "test"}})
		must("TagQueue", err)
		wantForm("TagQueue", map[string]string{"Tag.1.Key": "env", "Tag.1.Value": "test"})
		_, err = c.UntagQueue(ctx, &sqs.UntagQueueInput{QueueUrl: aws.String(queueURL), TagKeys: []string{"team"}})
		must("UntagQueue", err)
		wantForm("UntagQueue", map[string]string{"TagKey.1": "team"})
		out, err := c.ListQueueTags(ctx, &sqs.ListQueueTagsInput{QueueUrl: aws.String(queueURL)})
		must("ListQueueTags", err)
		if len(out.Tags) != 1 || out.Tags["env"] != "test" {
			t.Errorf("Tags = %v", out.Tags)
		}
	})

	t.Run("flattened list output", func(t *testing.T) {
		out, err := c.ListQueues(ctx, &sqs.ListQueuesInput{QueueNamePrefix: aws.String(name)})
		must("ListQueues", err)
		wantForm("ListQueues", map[string]string{"QueueNamePrefix": name})
		if len(out.QueueUrls) != 1 || out.QueueUrls[0] != queueURL {
			t.Errorf("QueueUrls = %v", out.QueueUrls)
		}
	})

	t.Run("two lists of one request", func(t *testing.T) {
		_, err := c.AddPermission(ctx, &sqs.AddPermissionInput{QueueUrl: aws.String(queueURL), Label: aws.String("wire"), AWSAccountIds: []string{"111122223333"}, Actions: []string{"SendMessage", "ReceiveMessage"}})
		must("AddPermission", err)
		wantForm("AddPermission", map[string]string{"AWSAccountId.1": "111122223333", "ActionName.1": "SendMessage", "ActionName.2": "ReceiveMessage"})
		out, err := c.GetQueueAttributes(ctx, &sqs.GetQueueAttributesInput{QueueUrl: aws.String(queueURL), AttributeNames: []types.QueueAttributeName{"Policy"}})
		must("GetQueueAttributes", err)
		if p := out.Attributes["Policy"]; !strings.Contains(p, `"wire"`) || !strings.Contains(p, "SQS:ReceiveMessage") {
			t.Errorf("Policy = %s", p)
		}
	})

	binary := []byte{0, 1, 0xfe, 0xff}
	var sentAttributesMD5 string
	t.Run("nested structures with binary values", func(t *testing.T) {
		out, err := c.SendMessage(ctx, &sqs.SendMessageInput{
			QueueUrl:    aws.String(queueURL),
			MessageBody: aws.String("hello query"),
			MessageAttributes: map[string]types.MessageAttributeValue{
				"bin": {DataType: aws.String("Binary"), BinaryValue: binary},
				"str": {DataType: aws.String("String"), StringValue: aws.String("value")},
			},
		})
		must("SendMessage", err)
		wantForm("SendMessage", map[string]string{
			"MessageBody":                          "hello query",
			"MessageAttribute.1.Name":              "bin",
			"MessageAttribute.1.Value.DataType":    "Binary",
			"MessageAttribute.1.Value.BinaryValue": "AAH+/w==",
			"MessageAttribute.2.Name":              "str",
			"MessageAttribute.2.Value.DataType":    "String",
			"MessageAttribute.2.Value.StringValue": "value",
		})
		sum := md5.Sum([]byte("hello query"))
		if aws.ToString(out.MD5OfMessageBody) != hex.EncodeToString(sum[:]) || aws.ToString(out.MessageId) == "" {
			t.Errorf("SendMessage = %+v", out)
		}
		sentAttributesMD5 = aws.ToString(out.MD5OfMessageAttributes)
		if sentAttributesMD5 == "" {
			t.Error("no MD5OfMessageAttributes")
		}

		got, err := c.ReceiveMessage(ctx, &sqs.ReceiveMessageInput{QueueUrl: aws.String(queueURL), MessageAttributeNames: []string{"All"}, MessageSystemAttributeNames: []types.MessageSystemAttributeName{"SentTimestamp"}, WaitTimeSeconds: 1})
		must("ReceiveMessage", err)
		wantForm("ReceiveMessage", map[string]string{"MessageAttributeName.1": "All", "AttributeName.1": "SentTimestamp", "WaitTimeSeconds": "1"})
		if len(got.Messages) != 1 {
			t.Fatalf("Messages = %+v", got.Messages)
		}
		m := got.Messages[0]
		if aws.ToString(m.Body) != "hello query" || m.Attributes["SentTimestamp"] == "" || aws.ToString(m.MD5OfMessageAttributes) != sentAttributesMD5 {
			t.Errorf("Message = %+v", m)
		}
		if b := m.MessageAttributes["bin"]; !bytes.Equal(b.BinaryValue, binary) || aws.ToString(b.DataType) != "Binary" {
			t.Errorf("binary attribute = %+v", b)
		}
		if s := m.MessageAttributes["str"]; aws.ToString(s.StringValue) != "value" {
			t.Errorf("string attribute = %+v", s)
		}
		_, err = c.DeleteMessage(ctx, &sqs.DeleteMessageInput{QueueUrl: aws.String(queueURL), ReceiptHandle: m.ReceiptHandle})
		must("DeleteMessage", err)
	})

	t.Run("batches with successful and failed entries", func(t *testing.T) {
		sent, err := c.SendMessageBatch(ctx, &sqs.SendMessageBatchInput{QueueUrl: aws.String(queueURL), Entries: []types.SendMessageBatchRequestEntry{
			{Id: aws.String("a"), MessageBody: aws.String("first")},
			{Id: aws.String("b"), MessageBody: aws.String("second"), DelaySeconds: 1},
		}})
		must("SendMessageBatch", err)
		wantForm("SendMessageBatch", map[string]string{
			"SendMessageBatchRequestEntry.1.Id": "a", "SendMessageBatchRequestEntry.1.MessageBody": "first",
			"SendMessageBatchRequestEntry.2.Id": "b", "SendMessageBatchRequestEntry.2.DelaySeconds": "1",
		})
		if len(sent.Successful) != 2 || len(sent.Failed) != 0 || aws.ToString(sent.Successful[0].Id) != "a" {
			t.Errorf("SendMessageBatch = %+v", sent)
		}
		got, err := c.ReceiveMessage(ctx, &sqs.ReceiveMessageInput{QueueUrl: aws.String(queueURL), WaitTimeSeconds: 1})
		must("ReceiveMessage", err)
		if len(got.Messages) == 0 {
			t.Fatal("no message received")
		}
		handle := got.Messages[0].ReceiptHandle
		changed, err := c.ChangeMessageVisibilityBatch(ctx, &sqs.ChangeMessageVisibilityBatchInput{QueueUrl: aws.String(queueURL), Entries: []types.ChangeMessageVisibilityBatchRequestEntry{{Id: aws.String("v"), ReceiptHandle: handle, VisibilityTimeout: 5}}})
		must("ChangeMessageVisibilityBatch", err)
		wantForm("ChangeMessageVisibilityBatch", map[string]string{"ChangeMessageVisibilityBatchRequestEntry.1.Id": "v", "ChangeMessageVisibilityBatchRequestEntry.1.VisibilityTimeout": "5"})
		if len(changed.Successful) != 1 || aws.ToString(changed.Successful[0].Id) != "v" {
			t.Errorf("ChangeMessageVisibilityBatch = %+v", changed)
		}
		deleted, err := c.DeleteMessageBatch(ctx, &sqs.DeleteMessageBatchInput{QueueUrl: aws.String(queueURL), Entries: []types.DeleteMessageBatchRequestEntry{
			{Id: aws.String("ok"), ReceiptHandle: handle},
			{Id: aws.String("bad"), ReceiptHandle: aws.String("not-a-receipt-handle")},
		}})
		must("DeleteMessageBatch", err)
		wantForm("DeleteMessageBatch", map[string]string{"DeleteMessageBatchRequestEntry.2.Id": "bad", "DeleteMessageBatchRequestEntry.2.ReceiptHandle": "not-a-receipt-handle"})
		if len(deleted.Successful) != 1 || aws.ToString(deleted.Successful[0].Id) != "ok" {
			t.Errorf("DeleteMessageBatch successful = %+v", deleted.Successful)
		}
		if len(deleted.Failed) != 1 || aws.ToString(deleted.Failed[0].Id) != "bad" || !deleted.Failed[0].SenderFault || aws.ToString(deleted.Failed[0].Code) == "" {
			t.Errorf("DeleteMessageBatch failed = %+v", deleted.Failed)
		}
	})

	t.Run("errors keep the query code and type", func(t *testing.T) {
		_, err := c.GetQueueUrl(ctx, &sqs.GetQueueUrlInput{QueueName: aws.String(name + "-missing")})
		var missing *types.QueueDoesNotExist
		if !errors.As(err, &missing) {
			t.Fatalf("GetQueueUrl of a missing queue: %v, want *types.QueueDoesNotExist", err)
		}
		wantErrorShape(t, err, "AWS.SimpleQueueService.NonExistentQueue", 400)
		if code := missing.ErrorCode(); code != "AWS.SimpleQueueService.NonExistentQueue" {
			t.Errorf("ErrorCode() = %s, want the query code", code)
		}

		entries := make([]types.SendMessageBatchRequestEntry, 11)
		for i := range entries {
			entries[i] = types.SendMessageBatchRequestEntry{Id: aws.String(string(rune('a' + i))), MessageBody: aws.String("x")}
		}
		_, err = c.SendMessageBatch(ctx, &sqs.SendMessageBatchInput{QueueUrl: aws.String(queueURL), Entries: entries})
		var tooMany *types.TooManyEntriesInBatchRequest
		if !errors.As(err, &tooMany) {
			t.Fatalf("SendMessageBatch of 11 entries: %v, want *types.TooManyEntriesInBatchRequest", err)
		}
		wantErrorShape(t, err, "AWS.SimpleQueueService.TooManyEntriesInBatchRequest", 400)
	})
}

// wantErrorShape checks an error normalises to boto3's query error shape.
func wantErrorShape(t *testing.T, err error, code string, status int) {
	t.Helper()
	n, nerr := Normalize(err)
	if nerr != nil {
		t.Fatal(nerr)
	}
	e, _ := n["Error"].(map[string]any)
	if e["Code"] != code || e["Type"] != "Sender" || e["Message"] == nil || e["QueryErrorCode"] != nil {
		t.Errorf("Error = %v, want Code %s, Type Sender, a Message and no QueryErrorCode", e, code)
	}
	if md, _ := n["ResponseMetadata"].(map[string]any); md["HTTPStatusCode"] != status {
		t.Errorf("ResponseMetadata = %v, want status %d", md, status)
	}
}
