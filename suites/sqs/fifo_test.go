package sqs_test

import (
	"strconv"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
	"github.com/aws/aws-sdk-go-v2/service/sqs/types"
	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/parity-harness/parity/harness"
)

var fifo = map[string]string{"FifoQueue": "true"}

func fifoWith(extra map[string]string) map[string]string {
	out := map[string]string{"FifoQueue": "true"}
	for k, v := range extra {
		out[k] = v
	}
	return out
}

var _ = Describe("SQS FIFO queues", func() {
	onEveryWire("reports FIFO system attributes and receive counts", "test_fifo_message_attributes", "", func(ctx SpecContext, c *sqs.Client) {
		snap := snapshot()
		url, _ := createQueue(ctx, c, fifoWith(map[string]string{"VisibilityTimeout": "0"}))
		snap.Match("send_message", send(ctx, c, url, "message-body-1", group("group-1", "dedup-1")))
		all := func(in *sqs.ReceiveMessageInput) {
			in.AttributeNames = []types.QueueAttributeName{"All"}
			in.VisibilityTimeout = 0
		}
		snap.Match("receive_message_0", receive(ctx, c, url, all))
		snap.Match("receive_message_1", receive(ctx, c, url, all))
	})

	onEveryWire("uses the queue delay for a zero per-message delay", "test_fifo_queue_send_message_with_zero_delay_defaults_to_queue_delay", "", func(ctx SpecContext, c *sqs.Client) {
		snap := snapshot()
		url, _ := createQueue(ctx, c, fifoWith(map[string]string{"DelaySeconds": "1"}))
		snap.Match("send_message_result", send(ctx, c, url, "message-1", group("g", "d"), func(in *sqs.SendMessageInput) { in.DelaySeconds = 0 }))
		snap.Match("receive_message_initial_result", receive(ctx, c, url))
		time.Sleep(1100 * time.Millisecond)
		snap.Match("receive_message_after_delay_result", receive(ctx, c, url, wait(2)))
	})

	onEveryWire("switches content-based deduplication", "test_fifo_set_content_based_deduplication_strategy", "", func(ctx SpecContext, c *sqs.Client) {
		snap := snapshot()
		url, _ := createQueue(ctx, c, fifoWith(map[string]string{"ContentBasedDeduplication": "true"}))
		snap.Match("before-update", allAttributes(ctx, c, url))
		_, err := c.SetQueueAttributes(ctx, &sqs.SetQueueAttributesInput{QueueUrl: aws.String(url), Attributes: map[string]string{"ContentBasedDeduplication": "false"}})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("after-update", allAttributes(ctx, c, url))
	})

	onEveryWire("deduplicates per message group", "test_sqs_fifo_message_group_scope_no_throughput_setting", "", func(ctx SpecContext, c *sqs.Client) {
		snap := snapshot()
		url, _ := createQueue(ctx, c, fifoWith(map[string]string{"DeduplicationScope": "messageGroup"}))
		send(ctx, c, url, "Test", group("group1", "same-dedup"))
		send(ctx, c, url, "Test", group("group2", "same-dedup"))
		snap.Match("same-dedup-different-grp-1", receive(ctx, c, url, visibility(10)))
		snap.Match("same-dedup-different-grp-2", receive(ctx, c, url, visibility(10)))
	})

	for _, cbd := range []bool{false, true} {
		cbd := cbd
		param := map[bool]string{false: "-False", true: "-True"}[cbd] // the reference's Python bool
		// dedup is the explicit deduplication id, none when the queue
		// deduplicates by content.
		dedup := "dedup"
		if cbd {
			dedup = ""
		}
		onEveryWire("keeps deduplicating after delete"+param, "test_fifo_deduplication_arrives_once_after_delete", param, func(ctx SpecContext, c *sqs.Client) {
			snap := snapshot()
			url, _ := createQueue(ctx, c, fifoWith(map[string]string{"ContentBasedDeduplication": strconv.FormatBool(cbd)}))
			send(ctx, c, url, `{"foo": "bar"}`, group("g", dedup))
			got := receive(ctx, c, url)
			snap.Match("get-messages", got)
			_, err := c.DeleteMessage(ctx, &sqs.DeleteMessageInput{QueueUrl: aws.String(url), ReceiptHandle: got.Messages[0].ReceiptHandle})
			Expect(err).NotTo(HaveOccurred())
			send(ctx, c, url, `{"foo": "bar"}`, group("g", dedup))
			snap.Match("get-messages-duplicate", receive(ctx, c, url))
		})

		onEveryWire("deduplicates across message groups"+param, "test_fifo_deduplication_not_on_message_group_id", param, func(ctx SpecContext, c *sqs.Client) {
			snap := snapshot()
			url, _ := createQueue(ctx, c, fifoWith(map[string]string{"ContentBasedDeduplication": strconv.FormatBool(cbd)}))
			send(ctx, c, url, `{"foo": "bar"}`, group("g1", dedup))
			send(ctx, c, url, `{"foo": "bar"}`, group("g2", dedup))
			got := receive(ctx, c, url)
			snap.Match("get-messages", got)
			_, err := c.DeleteMessage(ctx, &sqs.DeleteMessageInput{QueueUrl: aws.String(url), ReceiptHandle: got.Messages[0].ReceiptHandle})
			Expect(err).NotTo(HaveOccurred())
			snap.Match("get-dedup-messages", receive(ctx, c, url))
		})
	}

	onEveryWire("serves a message group again once it is empty", "test_fifo_empty_message_groups_added_back_to_queue", "", func(ctx SpecContext, c *sqs.Client) {
		snap := snapshot()
		url, _ := createQueue(ctx, c, fifoWith(map[string]string{"ContentBasedDeduplication": "true"}))
		send(ctx, c, url, "Message 1", group("g", ""))
		first := receive(ctx, c, url)
		snap.Match("inital-fifo-receive", first)
		_, err := c.DeleteMessage(ctx, &sqs.DeleteMessageInput{QueueUrl: aws.String(url), ReceiptHandle: first.Messages[0].ReceiptHandle})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("empty-fifo-receive", receive(ctx, c, url))
		send(ctx, c, url, "Message 2", group("g", ""))
		snap.Match("final-fifo-receive", receive(ctx, c, url))
	})

	onEveryWire("deletes after extending the visibility timeout", "test_fifo_delete_after_visibility_timeout_extended", "", func(ctx SpecContext, c *sqs.Client) {
		snap := snapshot()
		url, _ := createQueue(ctx, c, fifo)
		send(ctx, c, url, "foobar", group("g", "d"))
		got := receive(ctx, c, url, visibility(1))
		snap.Match("received_sqs_message", got)
		_, err := c.ChangeMessageVisibility(ctx, &sqs.ChangeMessageVisibilityInput{QueueUrl: aws.String(url), ReceiptHandle: got.Messages[0].ReceiptHandle, VisibilityTimeout: 5})
		Expect(err).NotTo(HaveOccurred())
		time.Sleep(1500 * time.Millisecond)
		out, err := c.DeleteMessage(ctx, &sqs.DeleteMessageInput{QueueUrl: aws.String(url), ReceiptHandle: got.Messages[0].ReceiptHandle})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("delete_after_timeout_fifo_extended", out)
	})

	onEveryWire("requires a group id and a deduplication id", "test_posting_to_fifo_requires_deduplicationid_group_id", "", func(ctx SpecContext, c *sqs.Client) {
		snap := snapshot()
		url, _ := createQueue(ctx, c, fifo)
		// The AWS test sends its "-query" round with the JSON client on
		// every wire.
		for suffix, c := range map[string]*sqs.Client{"": c, "-query": harness.SQS()} {
			_, err := c.SendMessage(ctx, &sqs.SendMessageInput{QueueUrl: aws.String(url), MessageBody: aws.String("m")})
			snap.Match("missing-parameter"+suffix, err)
			_, err = c.SendMessage(ctx, &sqs.SendMessageInput{QueueUrl: aws.String(url), MessageBody: aws.String("m"), MessageGroupId: aws.String("g")})
			snap.Match("invalid-parameter-value"+suffix, err)
		}
	})

	onEveryWire("requires a deduplication id in batches", "test_send_batch_missing_deduplication_id_for_fifo_queue", "", func(ctx SpecContext, c *sqs.Client) {
		snap := snapshot()
		url, _ := createQueue(ctx, c, fifo)
		_, err := c.SendMessageBatch(ctx, &sqs.SendMessageBatchInput{QueueUrl: aws.String(url), Entries: []types.SendMessageBatchRequestEntry{
			{Id: aws.String("1"), MessageBody: aws.String("m"), MessageGroupId: aws.String("g")}}})
		snap.Match("test_missing_deduplication_id_for_fifo_queue", err)
	})

	onEveryWire("requires a group id in batches", "test_send_batch_missing_message_group_id_for_fifo_queue", "", func(ctx SpecContext, c *sqs.Client) {
		snap := snapshot()
		url, _ := createQueue(ctx, c, fifo)
		_, err := c.SendMessageBatch(ctx, &sqs.SendMessageBatchInput{QueueUrl: aws.String(url), Entries: []types.SendMessageBatchRequestEntry{
			{Id: aws.String("1"), MessageBody: aws.String("m"), MessageDeduplicationId: aws.String("d")}}})
		snap.Match("test_missing_message_group_id_for_fifo_queue", err)
	})

	for _, tc := range []struct{ name, value string }{{"empty", ""}, {"too_long", strings.Repeat("a", 129)}} {
		tc := tc
		It("validates MessageDeduplicationId: "+tc.name, harness.Reference("tests/aws/services/sqs/test_sqs.py::TestSqsProvider::test_message_deduplication_id_invalid["+tc.name+"]"), func(ctx SpecContext) {
			c := harness.SQS()
			snap := snapshot()
			url, _ := createQueue(ctx, c, fifo)
			_, err := c.SendMessage(ctx, &sqs.SendMessageInput{QueueUrl: aws.String(url), MessageBody: aws.String("m"), MessageGroupId: aws.String("g"), MessageDeduplicationId: aws.String(tc.value)})
			snap.Match("error-response", err)
		})
	}
	onEveryWire("expires the receipt handle once the visibility timeout passed", "test_fifo_delete_after_visibility_timeout", "", func(ctx SpecContext, c *sqs.Client) {
		snap := snapshot()
		url, _ := createQueue(ctx, c, fifo)
		send(ctx, c, url, "foobar", group("g", "d"))
		got := receive(ctx, c, url, visibility(1))
		snap.Match("received_sqs_message", got)
		time.Sleep(1500 * time.Millisecond)
		_, err := c.DeleteMessage(ctx, &sqs.DeleteMessageInput{QueueUrl: aws.String(url), ReceiptHandle: got.Messages[0].ReceiptHandle})
		snap.Match("delete_after_timeout_fifo", err)
	})

	onEveryWire("rejects a per-message delay on a FIFO queue", "test_fifo_queue_send_message_with_delay_seconds_fails", "", func(ctx SpecContext, c *sqs.Client) {
		snap := snapshot()
		url, _ := createQueue(ctx, c, fifo)
		_, err := c.SendMessage(ctx, &sqs.SendMessageInput{QueueUrl: aws.String(url), MessageBody: aws.String("message-1"),
			MessageGroupId: aws.String("g"), MessageDeduplicationId: aws.String("d"), DelaySeconds: 2})
		snap.Match("send_message", err)
	})

	onEveryWire("deduplicates across groups with the queue scope", "test_sqs_fifo_same_dedup_id_different_message_groups", "", func(ctx SpecContext, c *sqs.Client) {
		snap := snapshot()
		url, _ := createQueue(ctx, c, fifo)
		send(ctx, c, url, "Test", group("group1", "same-dedup"))
		send(ctx, c, url, "Test", group("group2", "same-dedup"))
		snap.Match("same-dedup-different-grp-1", receive(ctx, c, url, visibility(10)))
		snap.Match("same-dedup-different-grp-2", receive(ctx, c, url, visibility(10)))
	})

	onEveryWire("serves each group in order with high throughput", "test_fifo_high_throughput_ordering", "", func(ctx SpecContext, c *sqs.Client) {
		snap := snapshot()
		url, _ := createQueue(ctx, c, fifoWith(map[string]string{"DeduplicationScope": "messageGroup", "FifoThroughputLimit": "perMessageGroupId"}))
		send(ctx, c, url, "Test1", group("group1", "same-dedup"))
		send(ctx, c, url, "Test2", group("group2", "same-dedup"))
		snap.Match("same-dedup-different-grp-1", receive(ctx, c, url, visibility(10)))
		snap.Match("same-dedup-different-grp-2", receive(ctx, c, url, visibility(10)))
	})

	onEveryWire("switches to high throughput after creation", "test_fifo_change_to_high_throughput_after_creation", "", func(ctx SpecContext, c *sqs.Client) {
		snap := snapshot().SkipVerify("$..Attributes.ApproximateNumberOfMessagesNotVisible", "an approximate count: AWS's lags behind the receive just made (reference: 0 with a message in flight)")
		url, _ := createQueue(ctx, c, fifo)
		send(ctx, c, url, "Test1", group("group1", "same-dedup"))
		send(ctx, c, url, "Test2", group("group2", "same-dedup"))
		snap.Match("same-dedup-different-grp-1", receive(ctx, c, url, visibility(10)))
		snap.Match("same-dedup-different-grp-2", receive(ctx, c, url, visibility(10)))
		_, err := c.SetQueueAttributes(ctx, &sqs.SetQueueAttributesInput{QueueUrl: aws.String(url),
			Attributes: map[string]string{"DeduplicationScope": "messageGroup", "FifoThroughputLimit": "perMessageGroupId"}})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("set-to-high-throughput", allAttributes(ctx, c, url))
		// group1 stays locked while Test1 is in flight
		send(ctx, c, url, "Test3", group("group1", "same-dedup"))
		snap.Match("same-dedup-different-grp-high-throughput", receive(ctx, c, url, visibility(10)))
		snap.Match("same-dedup-different-grp-high-throughput-2", receive(ctx, c, url, visibility(10)))
		send(ctx, c, url, "Test3", group("group1", "new-dedup"))
		snap.Match("same-dedup2-high-throughput", receive(ctx, c, url, visibility(10)))
		send(ctx, c, url, "Test4", group("group2", "new-dedup2"))
		snap.Match("new-dedup2-high-throughput", receive(ctx, c, url, visibility(10)))
	})

	// strategy names which of the three received messages of one group are
	// made visible again (visibility timeout 0) and which are kept in flight.
	for _, tc := range []struct {
		strategy string
		visible  []bool
	}{
		{"no-invisible", []bool{true, true, true}},
		{"1-invisible", []bool{true, false, true}},
		{"1-visible", []bool{true, false, false}},
		{"2-visible", []bool{true, true, false}},
		{"all-invisible", []bool{false, false, false}},
	} {
		tc := tc
		onEveryWire("keeps a group locked up to its first message in flight: "+tc.strategy, "test_fifo_group_visibility_extends_with_change_message_visibility", "-"+tc.strategy, func(ctx SpecContext, c *sqs.Client) {
			snap := snapshot()
			url, _ := createQueue(ctx, c, fifoWith(map[string]string{"ContentBasedDeduplication": "true"}))
			for _, body := range []string{"foo", "bar", "baz"} {
				send(ctx, c, url, body, group("1", ""))
			}
			all := receive(ctx, c, url, maxMessages(10), visibility(30))
			Expect(all.Messages).To(HaveLen(3))
			snap.Match("receive_all_messages", all)
			for i, m := range all.Messages {
				timeout := int32(60)
				if tc.visible[i] {
					timeout = 0
				}
				_, err := c.ChangeMessageVisibility(ctx, &sqs.ChangeMessageVisibilityInput{QueueUrl: aws.String(url), ReceiptHandle: m.ReceiptHandle, VisibilityTimeout: timeout})
				Expect(err).NotTo(HaveOccurred())
			}
			snap.Match("some-messages-invisible", receive(ctx, c, url, maxMessages(2), visibility(30)))
		})
	}

	onEveryWire("counts in-flight FIFO messages as not visible", "test_fifo_approximate_number_of_messages_not_visible", "", func(ctx SpecContext, c *sqs.Client) {
		snap := snapshot()
		url, _ := createQueue(ctx, c, fifoWith(map[string]string{"ContentBasedDeduplication": "true"}))
		send(ctx, c, url, "1", group("g", ""))
		send(ctx, c, url, "2", group("g", ""))
		send(ctx, c, url, "3", group("g", ""))
		Expect(receive(ctx, c, url, maxMessages(2)).Messages).To(HaveLen(2))
		out, err := c.GetQueueAttributes(ctx, &sqs.GetQueueAttributesInput{QueueUrl: aws.String(url), AttributeNames: []types.QueueAttributeName{
			types.QueueAttributeNameApproximateNumberOfMessages, types.QueueAttributeNameApproximateNumberOfMessagesNotVisible}})
		Expect(err).NotTo(HaveOccurred())
		Expect(out.Attributes).To(Equal(map[string]string{"ApproximateNumberOfMessages": "1", "ApproximateNumberOfMessagesNotVisible": "2"}))
		snap.Match("counts", out)
	})

	onEveryWire("moves a FIFO message to a FIFO dead-letter queue", "test_dead_letter_queue_with_fifo_and_content_based_deduplication", "", func(ctx SpecContext, c *sqs.Client) {
		snap := snapshot()
		dlq, dlqArn := createQueue(ctx, c, fifoWith(map[string]string{"ContentBasedDeduplication": "true"}))
		src, _ := createQueue(ctx, c, fifoWith(map[string]string{"ContentBasedDeduplication": "true",
			"RedrivePolicy": `{"deadLetterTargetArn":"` + dlqArn + `","maxReceiveCount":1}`}))
		send(ctx, c, src, "foobared", group("g", ""))
		Expect(receive(ctx, c, src, visibility(1)).Messages).To(HaveLen(1))
		time.Sleep(1500 * time.Millisecond)
		Expect(receive(ctx, c, src, wait(1)).Messages).To(BeEmpty())
		var moved *sqs.ReceiveMessageOutput
		Eventually(func() []types.Message {
			moved = receive(ctx, c, dlq, wait(1))
			return moved.Messages
		}).WithTimeout(10 * time.Second).Should(HaveLen(1))
		snap.Match("dlq-message", moved)
	})

	// test_message_deduplication_id_success: its recording holds no
	// snapshot key to compare.
	It("accepts deduplication ids of every allowed character", func(ctx SpecContext) {
		snap := snapshot()
		c := harness.SQS()
		url, _ := createQueue(ctx, c, fifo)
		for _, id := range []string{strings.Repeat("a", 128), "a", `0-9_aA!"#$%&'()*+,-./:;<=>?@[\]^_` + "`{|}~"} {
			send(ctx, c, url, "m-"+id, group("g", id))
		}
		got := receive(ctx, c, url, maxMessages(10))
		Expect(got.Messages).NotTo(BeEmpty())
		snap.Match("first", got.Messages[0])
	})
})
