package sqs_test

import (
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
	"github.com/aws/aws-sdk-go-v2/service/sqs/types"
	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/parity-harness/parity/harness"
)

// only checks a receive got exactly one message and returns it.
// only returns the one message a receive returned: the reference keys
// record the message alone.
func only(out *sqs.ReceiveMessageOutput) types.Message {
	Expect(out.Messages).To(HaveLen(1))
	return out.Messages[0]
}

func strAttr(v string) types.MessageAttributeValue {
	return types.MessageAttributeValue{DataType: aws.String("String"), StringValue: aws.String(v)}
}

var _ = Describe("SQS messages", func() {
	It("rejects more than ten messages per receive", harness.Reference(ref+"test_send_receive_max_number_of_messages[sqs]"), func(ctx SpecContext) {
		snap := snapshot()
		url, _ := createQueue(ctx, nil)
		_, err := harness.SQS().ReceiveMessage(ctx, &sqs.ReceiveMessageInput{QueueUrl: aws.String(url), MaxNumberOfMessages: 11})
		snap.Match("send_max_number_of_messages", err)
	})

	It("receives nothing from an empty queue", harness.Reference(ref+"test_receive_empty_queue[sqs]"), func(ctx SpecContext) {
		snap := snapshot()
		url, _ := createQueue(ctx, nil)
		snap.Match("empty_long_poll_resp", receive(ctx, url, wait(1)))
		snap.Match("empty_short_poll_resp", receive(ctx, url, wait(0)))
		snap.Match("empty_short_poll_resp_no_param", receive(ctx, url))
	})

	It("validates WaitTimeSeconds and short-polls by default", harness.Reference(ref+"test_send_receive_wait_time_seconds[sqs]"), func(ctx SpecContext) {
		snap := snapshot()
		c := harness.SQS()
		url, _ := createQueue(ctx, nil)
		_, err := c.ReceiveMessage(ctx, &sqs.ReceiveMessageInput{QueueUrl: aws.String(url), WaitTimeSeconds: 21})
		snap.Match("recieve_message_error_too_large", err)
		_, err = c.ReceiveMessage(ctx, &sqs.ReceiveMessageInput{QueueUrl: aws.String(url), WaitTimeSeconds: -1})
		snap.Match("recieve_message_error_too_small", err)
		send(ctx, url, "message")
		first := receive(ctx, url)
		snap.Match("empty_short_poll_by_default_resp", first)
		_, err = c.DeleteMessage(ctx, &sqs.DeleteMessageInput{QueueUrl: aws.String(url), ReceiptHandle: first.Messages[0].ReceiptHandle})
		Expect(err).NotTo(HaveOccurred())
		send(ctx, url, "message")
		snap.Match("empty_short_poll_explicit_resp", receive(ctx, url, wait(0)))
	})

	It("deletes a message after its visibility timeout expired", harness.Reference(ref+"test_delete_after_visibility_timeout[sqs]"), func(ctx SpecContext) {
		snap := snapshot()
		c := harness.SQS()
		url, _ := createQueue(ctx, nil)
		send(ctx, url, "foobar")
		got := receive(ctx, url, visibility(1))
		Expect(got.Messages).To(HaveLen(1))
		time.Sleep(1500 * time.Millisecond)
		_, err := c.DeleteMessage(ctx, &sqs.DeleteMessageInput{QueueUrl: aws.String(url), ReceiptHandle: got.Messages[0].ReceiptHandle})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("delete_after_timeout_queue_empty", receive(ctx, url))
	})

	It("changes visibility after the timeout expired", harness.Reference(ref+"test_change_message_visibility_after_visibility_timeout_expiration[sqs]"), func(ctx SpecContext) {
		snap := snapshot()
		url, _ := createQueue(ctx, nil)
		send(ctx, url, "foobar")
		got := receive(ctx, url, visibility(1))
		Expect(got.Messages).To(HaveLen(1))
		time.Sleep(1500 * time.Millisecond)
		out, err := harness.SQS().ChangeMessageVisibility(ctx, &sqs.ChangeMessageVisibilityInput{QueueUrl: aws.String(url), ReceiptHandle: got.Messages[0].ReceiptHandle, VisibilityTimeout: 1})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("visibility_timeout_expired", out)
	})

	It("filters message attributes by name", harness.Reference(ref+"test_receive_message_message_attribute_names_filters[sqs]"), func(ctx SpecContext) {
		snap := snapshot()
		url, _ := createQueue(ctx, map[string]string{"VisibilityTimeout": "0"})
		sent := send(ctx, url, "msg", func(in *sqs.SendMessageInput) {
			in.MessageAttributes = map[string]types.MessageAttributeValue{"Help.Me": strAttr("Me"), "Hello": strAttr("There"), "General": strAttr("Kenobi")}
		})
		snap.Match("send_message_response", sent)
		names := func(n ...string) func(*sqs.ReceiveMessageInput) {
			return func(in *sqs.ReceiveMessageInput) { in.MessageAttributeNames = n; in.VisibilityTimeout = 0 }
		}
		snap.Match("empty_filter", receive(ctx, url, names()))
		snap.Match("all_name", receive(ctx, url, names("All")))
		snap.Match("all_wildcard_asterisk", only(receive(ctx, url, names("*"))))
		snap.Match("all_wildcard", only(receive(ctx, url, names(".*"))))
		snap.Match("only_non_existing_names", only(receive(ctx, url, names("Foo"))))
		snap.Match("only_existing", only(receive(ctx, url, names("Hello", "General"))))
		snap.Match("existing_and_non_existing", only(receive(ctx, url, names("Foo", "Hello"))))
		snap.Match("prefix_filter", only(receive(ctx, url, names("Hel.*"))))
		snap.Match("illegal_name_1", receive(ctx, url, names("Hel*")))
		snap.Match("illegal_name_2", receive(ctx, url, names("*Me")))
	})

	It("filters system attributes by name", harness.Reference(ref+"test_receive_message_attribute_names_filters[sqs]"), func(ctx SpecContext) {
		snap := snapshot()
		url, _ := createQueue(ctx, map[string]string{"VisibilityTimeout": "0"})
		send(ctx, url, "msg", func(in *sqs.SendMessageInput) {
			in.MessageAttributes = map[string]types.MessageAttributeValue{"Foo": strAttr("Bar")}
		})
		attrs := func(n []types.MessageSystemAttributeName, user ...string) func(*sqs.ReceiveMessageInput) {
			return func(in *sqs.ReceiveMessageInput) {
				in.MessageSystemAttributeNames = n
				in.MessageAttributeNames = user
				in.VisibilityTimeout = 0
			}
		}
		snap.Match("all_attributes", receive(ctx, url, attrs([]types.MessageSystemAttributeName{"All"})))
		snap.Match("all_system_and_message_attributes", receive(ctx, url, attrs([]types.MessageSystemAttributeName{"All"}, "All")))
		snap.Match("single_attribute", receive(ctx, url, attrs([]types.MessageSystemAttributeName{"SenderId"})))
		snap.Match("multiple_attributes", receive(ctx, url, attrs([]types.MessageSystemAttributeName{"SenderId", "SenderId"})))
	})

	It("rejects an empty string attribute", harness.Reference(ref+"test_send_message_with_empty_string_attribute[sqs]"), func(ctx SpecContext) {
		snap := snapshot()
		url, _ := createQueue(ctx, nil)
		_, err := harness.SQS().SendMessage(ctx, &sqs.SendMessageInput{QueueUrl: aws.String(url), MessageBody: aws.String("body"),
			MessageAttributes: map[string]types.MessageAttributeValue{"ErrorDetails": strAttr("")}})
		snap.Match("empty-string-attr", err)
	})

	It("enforces an updated maximum message size", harness.Reference(ref+"test_send_message_with_updated_maximum_message_size[sqs]"), func(ctx SpecContext) {
		snap := snapshot()
		url, _ := createQueue(ctx, map[string]string{"MaximumMessageSize": "1024"})
		_, err := harness.SQS().SendMessage(ctx, &sqs.SendMessageInput{QueueUrl: aws.String(url), MessageBody: aws.String(strings.Repeat("a", 1025))})
		snap.Match("send_oversized_message", err)
	})

	for _, tc := range []struct{ name, value string }{{"empty", ""}, {"spaces", "group 123"}, {"too_long", strings.Repeat("a", 129)}} {
		tc := tc
		It("validates MessageGroupId on a standard queue: "+tc.name, harness.Reference("tests/aws/services/sqs/test_sqs.py::TestSqsProvider::test_send_message_to_standard_queue_with_invalid_message_group_id["+tc.name+"]"), func(ctx SpecContext) {
			snap := snapshot()
			url, _ := createQueue(ctx, nil)
			_, err := harness.SQS().SendMessage(ctx, &sqs.SendMessageInput{QueueUrl: aws.String(url), MessageBody: aws.String("body"), MessageGroupId: aws.String(tc.value)})
			snap.Match("error-response", err)
		})
	}

	It("changes visibility and deletes in batches", func(ctx SpecContext) {
		snap := snapshot()
		c := harness.SQS()
		url, _ := createQueue(ctx, nil)
		sent, err := c.SendMessageBatch(ctx, &sqs.SendMessageBatchInput{QueueUrl: aws.String(url), Entries: []types.SendMessageBatchRequestEntry{
			{Id: aws.String("a"), MessageBody: aws.String("one")}, {Id: aws.String("b"), MessageBody: aws.String("two"), DelaySeconds: 0},
		}})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("send-batch", sent)
		got := receive(ctx, url, maxMessages(10), wait(1))
		for len(got.Messages) < 2 {
			more := receive(ctx, url, maxMessages(10), wait(1))
			got.Messages = append(got.Messages, more.Messages...)
		}
		vis, err := c.ChangeMessageVisibilityBatch(ctx, &sqs.ChangeMessageVisibilityBatchInput{QueueUrl: aws.String(url), Entries: []types.ChangeMessageVisibilityBatchRequestEntry{
			{Id: aws.String("a"), ReceiptHandle: got.Messages[0].ReceiptHandle, VisibilityTimeout: 60},
			{Id: aws.String("bad"), ReceiptHandle: aws.String("not-a-receipt-handle"), VisibilityTimeout: 60},
		}})
		Expect(err).NotTo(HaveOccurred())
		snap.SkipVerify("$..Failed..Message", "the message quotes the receipt handle")
		snap.Match("change-visibility-batch", vis)
		del, err := c.DeleteMessageBatch(ctx, &sqs.DeleteMessageBatchInput{QueueUrl: aws.String(url), Entries: []types.DeleteMessageBatchRequestEntry{
			{Id: aws.String("a"), ReceiptHandle: got.Messages[0].ReceiptHandle}, {Id: aws.String("b"), ReceiptHandle: got.Messages[1].ReceiptHandle},
		}})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("delete-batch", del)
	})

	It("rejects batches that are too large", harness.Reference(ref+"test_delete_message_batch_with_too_large_batch[sqs]"), func(ctx SpecContext) {
		snap := snapshot()
		url, _ := createQueue(ctx, nil)
		var entries []types.DeleteMessageBatchRequestEntry
		for i := 0; i < 20; i++ {
			entries = append(entries, types.DeleteMessageBatchRequestEntry{Id: aws.String("e" + string(rune('a'+i))), ReceiptHandle: aws.String("handle")})
		}
		_, err := harness.SQS().DeleteMessageBatch(ctx, &sqs.DeleteMessageBatchInput{QueueUrl: aws.String(url), Entries: entries})
		snap.Match("error_response", err)
	})

	It("rejects visibility batches that are too large", harness.Reference(ref+"test_change_message_visibility_batch_with_too_large_batch[sqs]"), func(ctx SpecContext) {
		snap := snapshot()
		url, _ := createQueue(ctx, nil)
		var entries []types.ChangeMessageVisibilityBatchRequestEntry
		for i := 0; i < 20; i++ {
			entries = append(entries, types.ChangeMessageVisibilityBatchRequestEntry{Id: aws.String("e" + string(rune('a'+i))), ReceiptHandle: aws.String("handle"), VisibilityTimeout: 1})
		}
		_, err := harness.SQS().ChangeMessageVisibilityBatch(ctx, &sqs.ChangeMessageVisibilityBatchInput{QueueUrl: aws.String(url), Entries: entries})
		snap.Match("error_response", err)
	})

	for _, id := range []string{"invalid:id", "testLongIdtestLongIdtestLongIdtestLongIdtestLongIdtestLongIdtestLongIdtestLongIdtestLongIdtestLongId"} {
		id := id
		It("rejects an invalid batch entry id "+id[:10], harness.Reference(ref+"test_delete_message_batch_invalid_msg_id[sqs-"+id+"]"), func(ctx SpecContext) {
			snap := snapshot()
			url, _ := createQueue(ctx, nil)
			send(ctx, url, "foobar")
			got := receive(ctx, url)
			_, err := harness.SQS().DeleteMessageBatch(ctx, &sqs.DeleteMessageBatchInput{QueueUrl: aws.String(url), Entries: []types.DeleteMessageBatchRequestEntry{{Id: aws.String(id), ReceiptHandle: got.Messages[0].ReceiptHandle}}})
			snap.Match("error_response", err)
		})
	}

	It("rejects an invalid send batch entry id", harness.Reference(ref+"test_invalid_batch_id[sqs]"), func(ctx SpecContext) {
		snap := snapshot()
		url, _ := createQueue(ctx, nil)
		_, err := harness.SQS().SendMessageBatch(ctx, &sqs.SendMessageBatchInput{QueueUrl: aws.String(url), Entries: []types.SendMessageBatchRequestEntry{{Id: aws.String("Hello World"), MessageBody: aws.String("foo")}}})
		snap.Match("test_invalid_batch_id", err)
	})

	It("moves messages to the dead-letter queue", func(ctx SpecContext) {
		snap := snapshot().
			Divergence("moto", "$..Attributes.DeadLetterQueueSourceArn", "moto does not set DeadLetterQueueSourceArn; AWS does (reference test_dead_letter_queue_message_attributes)").
			Divergence("moto", "$..Attributes.SenderId", "AWS does not report SenderId for these messages (reference test_dead_letter_queue_message_attributes); moto does")
		dlq, dlqArn := createQueue(ctx, nil)
		src, _ := createQueue(ctx, map[string]string{"RedrivePolicy": `{"deadLetterTargetArn":"` + dlqArn + `","maxReceiveCount":1}`})
		send(ctx, src, "message-1", func(in *sqs.SendMessageInput) {
			in.MessageAttributes = map[string]types.MessageAttributeValue{"MyAttribute": strAttr("foobar")}
			in.MessageSystemAttributes = map[string]types.MessageSystemAttributeValue{"AWSTraceHeader": {DataType: aws.String("String"),
				StringValue: aws.String("Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1")}}
		})
		send(ctx, src, "message-2")
		all := func(in *sqs.ReceiveMessageInput) {
			in.AttributeNames = []types.QueueAttributeName{"All"}
			in.MessageAttributeNames = []string{"All"}
			in.MaxNumberOfMessages = 10
			in.VisibilityTimeout = 1
		}
		var pre []types.Message
		for i := 0; i < 5 && len(pre) < 2; i++ {
			pre = append(pre, receive(ctx, src, all, wait(1)).Messages...)
		}
		snap.Match("rec-pre-dlq", &sqs.ReceiveMessageOutput{Messages: pre})
		time.Sleep(1500 * time.Millisecond)
		Expect(receive(ctx, src, all, wait(1)).Messages).To(BeEmpty())
		var moved []types.Message
		for i := 0; i < 5 && len(moved) < 2; i++ {
			moved = append(moved, receive(ctx, dlq, all, wait(1)).Messages...)
		}
		snap.Match("dlq-messages", &sqs.ReceiveMessageOutput{Messages: moved})
	})
})
