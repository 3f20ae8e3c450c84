package sqs_test

import (
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
	"github.com/aws/aws-sdk-go-v2/service/sqs/types"
	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/parity-harness/parity/harness"
	"github.com/parity-harness/parity/transformers"
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
	onEveryWire("rejects more than ten messages per receive", "test_send_receive_max_number_of_messages", "", func(ctx SpecContext, c *sqs.Client) {
		snap := snapshot()
		url, _ := createQueue(ctx, c, nil)
		_, err := c.ReceiveMessage(ctx, &sqs.ReceiveMessageInput{QueueUrl: aws.String(url), MaxNumberOfMessages: 11})
		snap.Match("send_max_number_of_messages", err)
	})

	onEveryWire("receives nothing from an empty queue", "test_receive_empty_queue", "", func(ctx SpecContext, c *sqs.Client) {
		snap := snapshot()
		url, _ := createQueue(ctx, c, nil)
		snap.Match("empty_long_poll_resp", receive(ctx, c, url, wait(1)))
		snap.Match("empty_short_poll_resp", receive(ctx, c, url, wait(0)))
		snap.Match("empty_short_poll_resp_no_param", receive(ctx, c, url))
	})

	onEveryWire("validates WaitTimeSeconds and short-polls by default", "test_send_receive_wait_time_seconds", "", func(ctx SpecContext, c *sqs.Client) {
		snap := snapshot()
		url, _ := createQueue(ctx, c, nil)
		_, err := c.ReceiveMessage(ctx, &sqs.ReceiveMessageInput{QueueUrl: aws.String(url), WaitTimeSeconds: 21})
		snap.Match("recieve_message_error_too_large", err)
		_, err = c.ReceiveMessage(ctx, &sqs.ReceiveMessageInput{QueueUrl: aws.String(url), WaitTimeSeconds: -1})
		snap.Match("recieve_message_error_too_small", err)
		send(ctx, c, url, "message")
		first := receive(ctx, c, url)
		snap.Match("empty_short_poll_by_default_resp", first)
		_, err = c.DeleteMessage(ctx, &sqs.DeleteMessageInput{QueueUrl: aws.String(url), ReceiptHandle: first.Messages[0].ReceiptHandle})
		Expect(err).NotTo(HaveOccurred())
		send(ctx, c, url, "message")
		snap.Match("empty_short_poll_explicit_resp", receive(ctx, c, url, wait(0)))
	})

	onEveryWire("deletes a message after its visibility timeout expired", "test_delete_after_visibility_timeout", "", func(ctx SpecContext, c *sqs.Client) {
		snap := snapshot()
		url, _ := createQueue(ctx, c, nil)
		send(ctx, c, url, "foobar")
		got := receive(ctx, c, url, visibility(1))
		Expect(got.Messages).To(HaveLen(1))
		time.Sleep(1500 * time.Millisecond)
		_, err := c.DeleteMessage(ctx, &sqs.DeleteMessageInput{QueueUrl: aws.String(url), ReceiptHandle: got.Messages[0].ReceiptHandle})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("delete_after_timeout_queue_empty", receive(ctx, c, url))
	})

	onEveryWire("changes visibility after the timeout expired", "test_change_message_visibility_after_visibility_timeout_expiration", "", func(ctx SpecContext, c *sqs.Client) {
		snap := snapshot()
		url, _ := createQueue(ctx, c, nil)
		send(ctx, c, url, "foobar")
		got := receive(ctx, c, url, visibility(1))
		Expect(got.Messages).To(HaveLen(1))
		time.Sleep(1500 * time.Millisecond)
		out, err := c.ChangeMessageVisibility(ctx, &sqs.ChangeMessageVisibilityInput{QueueUrl: aws.String(url), ReceiptHandle: got.Messages[0].ReceiptHandle, VisibilityTimeout: 1})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("visibility_timeout_expired", out)
	})

	onEveryWire("filters message attributes by name", "test_receive_message_message_attribute_names_filters", "", func(ctx SpecContext, c *sqs.Client) {
		snap := snapshot()
		url, _ := createQueue(ctx, c, map[string]string{"VisibilityTimeout": "0"})
		sent := send(ctx, c, url, "msg", func(in *sqs.SendMessageInput) {
			in.MessageAttributes = map[string]types.MessageAttributeValue{"Help.Me": strAttr("Me"), "Hello": strAttr("There"), "General": strAttr("Kenobi")}
		})
		snap.Match("send_message_response", sent)
		names := func(n ...string) func(*sqs.ReceiveMessageInput) {
			return func(in *sqs.ReceiveMessageInput) { in.MessageAttributeNames = n; in.VisibilityTimeout = 0 }
		}
		snap.Match("empty_filter", receive(ctx, c, url, names()))
		snap.Match("all_name", receive(ctx, c, url, names("All")))
		snap.Match("all_wildcard_asterisk", only(receive(ctx, c, url, names("*"))))
		snap.Match("all_wildcard", only(receive(ctx, c, url, names(".*"))))
		snap.Match("only_non_existing_names", only(receive(ctx, c, url, names("Foo"))))
		snap.Match("only_existing", only(receive(ctx, c, url, names("Hello", "General"))))
		snap.Match("existing_and_non_existing", only(receive(ctx, c, url, names("Foo", "Hello"))))
		snap.Match("prefix_filter", only(receive(ctx, c, url, names("Hel.*"))))
		snap.Match("illegal_name_1", receive(ctx, c, url, names("Hel*")))
		snap.Match("illegal_name_2", receive(ctx, c, url, names("*Me")))
	})

	// The legacy AttributeNames and MessageSystemAttributeNames select the
	// same system attributes.
	for _, tc := range []struct {
		member, test string
		set          func(in *sqs.ReceiveMessageInput, names []string)
	}{
		{"AttributeNames", "test_receive_message_attribute_names_filters", func(in *sqs.ReceiveMessageInput, names []string) {
			for _, n := range names {
				in.AttributeNames = append(in.AttributeNames, types.QueueAttributeName(n)) //nolint:staticcheck // the legacy member under test
			}
		}},
		{"MessageSystemAttributeNames", "test_receive_message_message_system_attribute_names_filters", func(in *sqs.ReceiveMessageInput, names []string) {
			for _, n := range names {
				in.MessageSystemAttributeNames = append(in.MessageSystemAttributeNames, types.MessageSystemAttributeName(n))
			}
		}},
	} {
		tc := tc
		onEveryWire("filters system attributes by name ("+tc.member+")", tc.test, "", func(ctx SpecContext, c *sqs.Client) {
			snap := snapshot()
			url, _ := createQueue(ctx, c, map[string]string{"VisibilityTimeout": "0"})
			send(ctx, c, url, "msg", func(in *sqs.SendMessageInput) {
				in.MessageAttributes = map[string]types.MessageAttributeValue{"Foo": strAttr("Bar")}
			})
			attrs := func(names []string, user ...string) func(*sqs.ReceiveMessageInput) {
				return func(in *sqs.ReceiveMessageInput) {
					tc.set(in, names)
					in.MessageAttributeNames = user
					in.VisibilityTimeout = 0
				}
			}
			snap.Match("all_attributes", receive(ctx, c, url, attrs([]string{"All"})))
			snap.Match("all_system_and_message_attributes", receive(ctx, c, url, attrs([]string{"All"}, "All")))
			snap.Match("single_attribute", receive(ctx, c, url, attrs([]string{"SenderId"})))
			snap.Match("multiple_attributes", receive(ctx, c, url, attrs([]string{"SenderId", "SenderId"})))
		})
	}

	onEveryWire("rejects an empty string attribute", "test_send_message_with_empty_string_attribute", "", func(ctx SpecContext, c *sqs.Client) {
		snap := snapshot()
		url, _ := createQueue(ctx, c, nil)
		_, err := c.SendMessage(ctx, &sqs.SendMessageInput{QueueUrl: aws.String(url), MessageBody: aws.String("body"),
			MessageAttributes: map[string]types.MessageAttributeValue{"ErrorDetails": strAttr("")}})
		snap.Match("empty-string-attr", err)
	})

	onEveryWire("enforces an updated maximum message size", "test_send_message_with_updated_maximum_message_size", "", func(ctx SpecContext, c *sqs.Client) {
		snap := snapshot()
		url, _ := createQueue(ctx, c, map[string]string{"MaximumMessageSize": "1024"})
		_, err := c.SendMessage(ctx, &sqs.SendMessageInput{QueueUrl: aws.String(url), MessageBody: aws.String(strings.Repeat("a", 1025))})
		snap.Match("send_oversized_message", err)
	})

	for _, tc := range []struct{ name, value string }{{"empty", ""}, {"spaces", "group 123"}, {"too_long", strings.Repeat("a", 129)}} {
		tc := tc
		It("validates MessageGroupId on a standard queue: "+tc.name, harness.Reference("tests/aws/services/sqs/test_sqs.py::TestSqsProvider::test_send_message_to_standard_queue_with_invalid_message_group_id["+tc.name+"]"), func(ctx SpecContext) {
			c := harness.SQS()
			snap := snapshot()
			url, _ := createQueue(ctx, c, nil)
			_, err := c.SendMessage(ctx, &sqs.SendMessageInput{QueueUrl: aws.String(url), MessageBody: aws.String("body"), MessageGroupId: aws.String(tc.value)})
			snap.Match("error-response", err)
		})
	}

	It("changes visibility and deletes in batches", func(ctx SpecContext) {
		c := harness.SQS()
		snap := snapshot()
		url, _ := createQueue(ctx, c, nil)
		sent, err := c.SendMessageBatch(ctx, &sqs.SendMessageBatchInput{QueueUrl: aws.String(url), Entries: []types.SendMessageBatchRequestEntry{
			{Id: aws.String("a"), MessageBody: aws.String("one")}, {Id: aws.String("b"), MessageBody: aws.String("two"), DelaySeconds: 0},
		}})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("send-batch", sent)
		got := receive(ctx, c, url, maxMessages(10), wait(1))
		for len(got.Messages) < 2 {
			more := receive(ctx, c, url, maxMessages(10), wait(1))
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

	onEveryWire("rejects batches that are too large", "test_delete_message_batch_with_too_large_batch", "", func(ctx SpecContext, c *sqs.Client) {
		snap := snapshot()
		url, _ := createQueue(ctx, c, nil)
		var entries []types.DeleteMessageBatchRequestEntry
		for i := 0; i < 20; i++ {
			entries = append(entries, types.DeleteMessageBatchRequestEntry{Id: aws.String("e" + string(rune('a'+i))), ReceiptHandle: aws.String("handle")})
		}
		_, err := c.DeleteMessageBatch(ctx, &sqs.DeleteMessageBatchInput{QueueUrl: aws.String(url), Entries: entries})
		snap.Match("error_response", err)
	})

	onEveryWire("rejects visibility batches that are too large", "test_change_message_visibility_batch_with_too_large_batch", "", func(ctx SpecContext, c *sqs.Client) {
		snap := snapshot()
		url, _ := createQueue(ctx, c, nil)
		var entries []types.ChangeMessageVisibilityBatchRequestEntry
		for i := 0; i < 20; i++ {
			entries = append(entries, types.ChangeMessageVisibilityBatchRequestEntry{Id: aws.String("e" + string(rune('a'+i))), ReceiptHandle: aws.String("handle"), VisibilityTimeout: 1})
		}
		_, err := c.ChangeMessageVisibilityBatch(ctx, &sqs.ChangeMessageVisibilityBatchInput{QueueUrl: aws.String(url), Entries: entries})
		snap.Match("error_response", err)
	})

	for _, tc := range []struct{ label, id string }{
		{"empty", ""}, {"with a colon", "invalid:id"},
		{"too long", "testLongIdtestLongIdtestLongIdtestLongIdtestLongIdtestLongIdtestLongIdtestLongIdtestLongIdtestLongId"},
	} {
		id := tc.id
		onEveryWire("rejects an invalid batch entry id: "+tc.label, "test_delete_message_batch_invalid_msg_id", "-"+id, func(ctx SpecContext, c *sqs.Client) {
			snap := snapshot()
			url, _ := createQueue(ctx, c, nil)
			send(ctx, c, url, "foobar")
			got := receive(ctx, c, url)
			_, err := c.DeleteMessageBatch(ctx, &sqs.DeleteMessageBatchInput{QueueUrl: aws.String(url), Entries: []types.DeleteMessageBatchRequestEntry{{Id: aws.String(id), ReceiptHandle: got.Messages[0].ReceiptHandle}}})
			snap.Match("error_response", err)
		})
	}

	onEveryWire("rejects an invalid send batch entry id", "test_invalid_batch_id", "", func(ctx SpecContext, c *sqs.Client) {
		snap := snapshot()
		url, _ := createQueue(ctx, c, nil)
		_, err := c.SendMessageBatch(ctx, &sqs.SendMessageBatchInput{QueueUrl: aws.String(url), Entries: []types.SendMessageBatchRequestEntry{{Id: aws.String("Hello World"), MessageBody: aws.String("foo")}}})
		snap.Match("test_invalid_batch_id", err)
	})

	It("moves messages to the dead-letter queue with their attributes", harness.Reference(ref+"test_dead_letter_queue_message_attributes"), func(ctx SpecContext) {
		c := harness.SQS()
		snap := snapshot().
			Divergence("moto", "$..Attributes.DeadLetterQueueSourceArn", "moto does not set DeadLetterQueueSourceArn; AWS does (reference test_dead_letter_queue_message_attributes)").
			Divergence("moto", "$..Attributes.ApproximateReceiveCount", "moto restarts the receive count in the dead-letter queue; AWS keeps counting (reference test_dead_letter_queue_message_attributes)")
		dlq, dlqArn := createQueue(ctx, c, nil)
		snap.Match("dlq-arn", dlqArn)
		src, srcArn := createQueue(ctx, c, map[string]string{"RedrivePolicy": `{"deadLetterTargetArn":"` + dlqArn + `","maxReceiveCount":1}`})
		snap.Match("sourcen-arn", srcArn)
		send(ctx, c, src, "message-1", func(in *sqs.SendMessageInput) {
			in.MessageAttributes = map[string]types.MessageAttributeValue{"MyAttribute": strAttr("foobar")}
			in.MessageSystemAttributes = map[string]types.MessageSystemAttributeValue{"AWSTraceHeader": {DataType: aws.String("String"),
				StringValue: aws.String("Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1")}}
		})
		send(ctx, c, src, "message-2")
		attrs := func(in *sqs.ReceiveMessageInput) {
			in.MessageSystemAttributeNames = []types.MessageSystemAttributeName{"AWSTraceHeader", "ApproximateFirstReceiveTimestamp",
				"ApproximateReceiveCount", "DeadLetterQueueSourceArn", "SentTimestamp"}
			in.MessageAttributeNames = []string{"All"}
			in.MaxNumberOfMessages = 10
			in.VisibilityTimeout = 1
		}
		receiveTwo := func(url string) []types.Message {
			var got []types.Message
			for i := 0; i < 5 && len(got) < 2; i++ {
				got = append(got, receive(ctx, c, url, attrs, wait(1)).Messages...)
			}
			sort.Slice(got, func(i, j int) bool { return aws.ToString(got[i].Body) < aws.ToString(got[j].Body) })
			return got
		}
		snap.Match("rec-pre-dlq", receiveTwo(src))
		time.Sleep(1500 * time.Millisecond)
		Expect(receive(ctx, c, src, attrs, wait(1)).Messages).To(BeEmpty())
		snap.Match("dlq-messages", receiveTwo(dlq))
	})

	onEveryWire("counts in-flight messages as not visible", "test_approximate_number_of_messages_not_visible", "", func(ctx SpecContext, c *sqs.Client) {
		snap := snapshot()
		url, _ := createQueue(ctx, c, nil)
		send(ctx, c, url, "1")
		send(ctx, c, url, "2")
		send(ctx, c, url, "3")
		var got int
		for i := 0; i < 10 && got < 2; i++ {
			got += len(receive(ctx, c, url, maxMessages(int32(2-got))).Messages)
		}
		Expect(got).To(Equal(2))
		out, err := c.GetQueueAttributes(ctx, &sqs.GetQueueAttributesInput{QueueUrl: aws.String(url), AttributeNames: []types.QueueAttributeName{
			types.QueueAttributeNameApproximateNumberOfMessages, types.QueueAttributeNameApproximateNumberOfMessagesNotVisible}})
		Expect(err).NotTo(HaveOccurred())
		Expect(out.Attributes).To(Equal(map[string]string{"ApproximateNumberOfMessages": "1", "ApproximateNumberOfMessagesNotVisible": "2"}))
		snap.Match("counts", out)
	})

	onEveryWire("propagates the X-Ray trace header", "test_aws_trace_header_propagation", "", func(ctx SpecContext, c *sqs.Client) {
		snap := snapshot().
			Transform(transformers.PathValue("$..MessageAttributes.timestamp", "timestamp")).
			SkipVerify("$..MD5OfMessageAttributes", "the digest covers the sending time, an attribute value")
		url, _ := createQueue(ctx, c, nil)
		send(ctx, c, url, "test", func(in *sqs.SendMessageInput) {
			in.MessageAttributes = map[string]types.MessageAttributeValue{"timestamp": {DataType: aws.String("Number"), StringValue: aws.String(strconv.FormatInt(time.Now().UnixMilli(), 10))}}
			in.MessageSystemAttributes = map[string]types.MessageSystemAttributeValue{"AWSTraceHeader": {DataType: aws.String("String"),
				StringValue: aws.String("Root=1-3152b799-8954dae64eda91bc9a23a7e8;Parent=7fa8c0f79203be72;Sampled=1")}}
		})
		got := receive(ctx, c, url, func(in *sqs.ReceiveMessageInput) {
			in.MessageSystemAttributeNames = []types.MessageSystemAttributeName{"AWSTraceHeader", "SentTimestamp"}
			in.MessageAttributeNames = []string{"All"}
		})
		snap.Match("xray-msg", only(got))
	})

	onEveryWire("round-trips binary message attributes", "test_send_message_with_binary_attributes", "", func(ctx SpecContext, c *sqs.Client) {
		snap := snapshot()
		url, _ := createQueue(ctx, c, nil)
		send(ctx, c, url, "test", func(in *sqs.SendMessageInput) {
			in.MessageAttributes = map[string]types.MessageAttributeValue{"attr1": {DataType: aws.String("Binary"),
				BinaryValue: []byte("traceparent\x1e00-774062d6c37081a5a0b9b5b88e30627c-2d2482211f6489da-01")}}
		})
		snap.Match("binary-attrs-msg", receive(ctx, c, url, func(in *sqs.ReceiveMessageInput) { in.MessageAttributeNames = []string{"All"} }))
	})

	onEveryWire("rejects an empty message body", "test_send_empty_message", "", func(ctx SpecContext, c *sqs.Client) {
		snap := snapshot()
		url, _ := createQueue(ctx, c, nil)
		_, err := c.SendMessage(ctx, &sqs.SendMessageInput{QueueUrl: aws.String(url), MessageBody: aws.String("")})
		snap.Match("send_empty_message", err)
	})

	onEveryWire("rejects a message over the default maximum size", "test_send_oversized_message", "", func(ctx SpecContext, c *sqs.Client) {
		snap := snapshot()
		url, _ := createQueue(ctx, c, nil)
		_, err := c.SendMessage(ctx, &sqs.SendMessageInput{QueueUrl: aws.String(url), MessageBody: aws.String(strings.Repeat("a", 1048577))})
		snap.Match("send_oversized_message", err)
	})

	onEveryWire("rejects a batch over the total size limit", "test_send_message_batch_with_oversized_contents", "", func(ctx SpecContext, c *sqs.Client) {
		snap := snapshot()
		url, _ := createQueue(ctx, c, nil)
		_, err := c.SendMessageBatch(ctx, &sqs.SendMessageBatchInput{QueueUrl: aws.String(url), Entries: []types.SendMessageBatchRequestEntry{
			{Id: aws.String("1"), MessageBody: aws.String(strings.Repeat("a", 524288))},
			{Id: aws.String("2"), MessageBody: aws.String(strings.Repeat("a", 524289))},
		}})
		snap.Match("send_oversized_message_batch", err)
	})

	onEveryWire("accepts a batch whose entries fit an updated maximum size", "test_send_message_batch_with_oversized_contents_with_updated_maximum_message_size", "", func(ctx SpecContext, c *sqs.Client) {
		snap := snapshot()
		url, _ := createQueue(ctx, c, map[string]string{"MaximumMessageSize": "2048"})
		out, err := c.SendMessageBatch(ctx, &sqs.SendMessageBatchInput{QueueUrl: aws.String(url), Entries: []types.SendMessageBatchRequestEntry{
			{Id: aws.String("1"), MessageBody: aws.String(strings.Repeat("a", 2040)), MessageAttributes: map[string]types.MessageAttributeValue{"k": strAttr("x")}},
			{Id: aws.String("2"), MessageBody: aws.String("a")},
		}})
		Expect(err).NotTo(HaveOccurred())
		sort.Slice(out.Successful, func(i, j int) bool { return aws.ToString(out.Successful[i].Id) < aws.ToString(out.Successful[j].Id) })
		snap.Match("send_oversized_message_batch", out)
	})

	onEveryWire("rejects more than ten batch entries", "test_too_many_entries_in_batch_request", "", func(ctx SpecContext, c *sqs.Client) {
		snap := snapshot()
		url, _ := createQueue(ctx, c, nil)
		var entries []types.SendMessageBatchRequestEntry
		for i := 0; i < 20; i++ {
			entries = append(entries, types.SendMessageBatchRequestEntry{Id: aws.String("id-" + strconv.Itoa(i)), MessageBody: aws.String("body")})
		}
		_, err := c.SendMessageBatch(ctx, &sqs.SendMessageBatchInput{QueueUrl: aws.String(url), Entries: entries})
		snap.Match("test_too_many_entries_in_batch_request", err)
	})
})
