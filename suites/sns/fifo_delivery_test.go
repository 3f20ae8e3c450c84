package sns_test

import (
	"context"
	"strconv"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sns"
	"github.com/aws/aws-sdk-go-v2/service/sns/types"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
	sqstypes "github.com/aws/aws-sdk-go-v2/service/sqs/types"
	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/parity-harness/parity/harness"
)

// receiveInOrder receives up to want messages with every attribute, in the
// order the queue hands them out (FIFO order).
func receiveInOrder(ctx context.Context, url string, want int) []sqstypes.Message {
	var msgs []sqstypes.Message
	for i := 0; i < 5 && len(msgs) < want; i++ {
		got, err := harness.SQS().ReceiveMessage(ctx, &sqs.ReceiveMessageInput{QueueUrl: aws.String(url), MaxNumberOfMessages: 10, WaitTimeSeconds: 1,
			MessageSystemAttributeNames: []sqstypes.MessageSystemAttributeName{"All"}, MessageAttributeNames: []string{"All"}})
		Expect(err).NotTo(HaveOccurred())
		msgs = append(msgs, got.Messages...)
		for _, m := range got.Messages {
			_, err := harness.SQS().DeleteMessage(ctx, &sqs.DeleteMessageInput{QueueUrl: aws.String(url), ReceiptHandle: m.ReceiptHandle})
			Expect(err).NotTo(HaveOccurred())
		}
	}
	return msgs
}

func topicAttrs(ctx context.Context, topic string) *sns.GetTopicAttributesOutput {
	out, err := harness.SNS().GetTopicAttributes(ctx, &sns.GetTopicAttributesInput{TopicArn: aws.String(topic)})
	Expect(err).NotTo(HaveOccurred())
	return out
}

// fifoBatch is the reference tests' batch of three messages of one group.
func fifoBatch(firstDedup int) []types.PublishBatchRequestEntry {
	entry := func(id, msg string, attrs map[string]types.MessageAttributeValue, dedup int) types.PublishBatchRequestEntry {
		return types.PublishBatchRequestEntry{Id: aws.String(id), Message: aws.String(msg), MessageAttributes: attrs,
			MessageGroupId: aws.String("complexMessageGroupId"), MessageDeduplicationId: aws.String("MessageDeduplicationId-" + strconv.Itoa(dedup))}
	}
	return []types.PublishBatchRequestEntry{
		entry("1", "Test Message with two attributes", map[string]types.MessageAttributeValue{"attr1": numAttr("99.12"), "attr2": numAttr("109.12")}, firstDedup),
		entry("2", "Test Message with one attribute", map[string]types.MessageAttributeValue{"attr1": numAttr("19.12")}, firstDedup+1),
		entry("3", "Test Message without attribute", nil, firstDedup+2),
	}
}

func fifoSnapshot() *harness.Session {
	return deliverySnapshot().
		Divergence("moto", "$..Attributes.EffectiveDeliveryPolicy", "moto's default delivery policy differs from AWS's (references)").
		Divergence("moto", "$..Attributes.DeliveryPolicy", "moto returns an empty DeliveryPolicy on every topic; AWS omits it (references)")
}

const fifoSub = "TestSNSSubscriptionSQSFifo::"

var _ = Describe("SNS FIFO delivery", func() {
	for _, contentDedup := range []bool{false, true} {
		It("delivers a FIFO topic to a standard queue once (content-based deduplication "+strconv.FormatBool(contentDedup)+")",
			harness.Reference(ref+fifoSub+"test_fifo_topic_to_regular_sqs["+fifoParam(contentDedup)+"]"), func(ctx SpecContext) {
				snap := fifoSnapshot()
				topic := createTopic(ctx, map[string]string{"FifoTopic": "true", "ContentBasedDeduplication": strconv.FormatBool(contentDedup)})
				url, queue := createQueue(ctx, nil)
				subscribeQueue(ctx, topic, queue, nil)
				for i := 0; i < 2; i++ {
					in := &sns.PublishInput{TopicArn: aws.String(topic), Message: aws.String("Test"), MessageGroupId: aws.String("message-group-id-1")}
					if !contentDedup {
						in.MessageDeduplicationId = aws.String("message-deduplication-id-1")
					}
					publish(ctx, in)
				}
				snap.Match("messages", receiveMessages(ctx, url, 1, true))
				dup, err := harness.SQS().ReceiveMessage(ctx, sqsReceiveShort(url))
				Expect(err).NotTo(HaveOccurred())
				snap.Match("dedup-messages", dup)
			})
	}

	It("delivers a FIFO topic to a FIFO queue once", harness.Reference(ref+fifoSub+"test_message_to_fifo_sqs[True]"), func(ctx SpecContext) {
		snap := fifoSnapshot()
		topic := createTopic(ctx, map[string]string{"FifoTopic": "true", "ContentBasedDeduplication": "true"})
		url, queue := createQueue(ctx, map[string]string{"FifoQueue": "true"})
		subscribeQueue(ctx, topic, queue, nil)
		for i := 0; i < 2; i++ {
			publish(ctx, &sns.PublishInput{TopicArn: aws.String(topic), Message: aws.String("Test"), MessageGroupId: aws.String("message-group-id-1")})
		}
		snap.Match("messages", receiveMessages(ctx, url, 1, true))
		dup, err := harness.SQS().ReceiveMessage(ctx, sqsReceiveShort(url))
		Expect(err).NotTo(HaveOccurred())
		snap.Match("dedup-messages", dup)
	})

	for _, raw := range []bool{false, true} {
		It("passes the topic's deduplication id to a FIFO queue (raw "+strconv.FormatBool(raw)+")",
			harness.Reference(ref+fifoSub+"test_publish_to_fifo_topic_to_sqs_queue_no_content_dedup["+fifoParam(raw)+"]"), func(ctx SpecContext) {
				snap := fifoSnapshot()
				topic := createTopic(ctx, map[string]string{"FifoTopic": "true", "ContentBasedDeduplication": "true"})
				url, queue := createQueue(ctx, map[string]string{"FifoQueue": "true"})
				subscribeQueue(ctx, topic, queue, map[string]string{"RawMessageDelivery": strconv.FormatBool(raw)})
				publish(ctx, &sns.PublishInput{TopicArn: aws.String(topic), Message: aws.String("Test single"), MessageGroupId: aws.String("message-group-id-1")})
				_, err := harness.SNS().PublishBatch(ctx, &sns.PublishBatchInput{TopicArn: aws.String(topic), PublishBatchRequestEntries: []types.PublishBatchRequestEntry{
					{Id: aws.String("1"), Message: aws.String("Test batched"), MessageGroupId: aws.String("message-group-id-1")}}})
				Expect(err).NotTo(HaveOccurred())
				snap.Match("messages", map[string]any{"Messages": receiveInOrder(ctx, url, 2)})
			})
	}

	It("delivers one message group in publishing order to every FIFO queue", harness.Reference(ref+fifoSub+"test_message_to_fifo_sqs_ordering"), func(ctx SpecContext) {
		snap := fifoSnapshot()
		topic := createTopic(ctx, map[string]string{"FifoTopic": "true", "ContentBasedDeduplication": "true"})
		var urls []string
		for i := 0; i < 5; i++ {
			url, queue := createQueue(ctx, map[string]string{"FifoQueue": "true", "ContentBasedDeduplication": "true"})
			subscribeQueue(ctx, topic, queue, map[string]string{"RawMessageDelivery": "true"})
			urls = append(urls, url)
		}
		var published []string
		for i := 0; i < 10; i++ {
			published = append(published, strconv.Itoa(i))
			publish(ctx, &sns.PublishInput{TopicArn: aws.String(topic), Message: aws.String(published[i]), MessageGroupId: aws.String("message-group-id-1")})
		}
		var bodies [][]string
		for _, url := range urls {
			var got []string
			for _, m := range receiveInOrder(ctx, url, len(published)) {
				got = append(got, aws.ToString(m.Body))
			}
			Expect(got).To(Equal(published), "a FIFO queue receives the group in publishing order")
			bodies = append(bodies, got)
		}
		snap.Match("bodies-per-queue", bodies)
	})

	It("delivers a FIFO batch to a FIFO queue and deduplicates a republished batch", harness.Reference(ref+fifoSub+"test_publish_batch_messages_from_fifo_topic_to_fifo_queue[False]"), func(ctx SpecContext) {
		snap := fifoSnapshot()
		topic := createTopic(ctx, map[string]string{"FifoTopic": "true", "ContentBasedDeduplication": "false"})
		snap.Match("topic-attrs", topicAttrs(ctx, topic))
		url, queue := createQueue(ctx, map[string]string{"FifoQueue": "true"})
		sub := subscribeQueue(ctx, topic, queue, map[string]string{"RawMessageDelivery": "true"})
		snap.Match("sub-attrs-raw-true", subscriptionAttributes(ctx, sub))
		out, err := harness.SNS().PublishBatch(ctx, &sns.PublishBatchInput{TopicArn: aws.String(topic), PublishBatchRequestEntries: fifoBatch(0)})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("publish-batch-response-fifo", out)
		snap.Match("messages", map[string]any{"Messages": receiveInOrder(ctx, url, 3)})
		again, err := harness.SNS().PublishBatch(ctx, &sns.PublishBatchInput{TopicArn: aws.String(topic), PublishBatchRequestEntries: fifoBatch(0)})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("republish-batch-response-fifo", again)
		dup, err := harness.SQS().ReceiveMessage(ctx, sqsReceiveShort(url))
		Expect(err).NotTo(HaveOccurred())
		snap.Match("duplicate-messages", dup)
	})

	It("sends FIFO messages to a FIFO dead-letter queue", harness.Reference(ref+fifoSub+"test_publish_fifo_messages_to_dlq[True]"), func(ctx SpecContext) {
		snap := fifoSnapshot()
		topic := createTopic(ctx, map[string]string{"FifoTopic": "true", "ContentBasedDeduplication": "false"})
		url, queue := createQueue(ctx, map[string]string{"FifoQueue": "true"})
		dlqURL, dlq := createQueue(ctx, map[string]string{"FifoQueue": "true"})
		snap.Match("topic-attrs", topicAttrs(ctx, topic))
		subscribeQueue(ctx, topic, queue, map[string]string{"RawMessageDelivery": "true", "RedrivePolicy": `{"deadLetterTargetArn": "` + dlq + `"}`})
		deleteQueue(ctx, url)
		out, err := harness.SNS().PublishBatch(ctx, &sns.PublishBatchInput{TopicArn: aws.String(topic), PublishBatchRequestEntries: fifoBatch(1)})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("publish-batch-response-fifo", out)
		snap.Match("batch-messages-in-dlq", map[string]any{"Messages": receiveInOrder(ctx, dlqURL, 3)})
		snap.Match("publish-response-fifo", publish(ctx, &sns.PublishInput{TopicArn: aws.String(topic), Message: aws.String("test-message"),
			MessageGroupId: aws.String("message-group-id-1"), MessageDeduplicationId: aws.String("message-deduplication-id-1")}))
		snap.Match("messages-in-dlq", map[string]any{"Messages": receiveInOrder(ctx, dlqURL, 1)})
	})
})

func fifoParam(b bool) string {
	if b {
		return "True"
	}
	return "False"
}
