package sns_test

import (
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sns"
	"github.com/aws/aws-sdk-go-v2/service/sns/types"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
	sqstypes "github.com/aws/aws-sdk-go-v2/service/sqs/types"
	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/parity-harness/parity/harness"
)

func numAttr(v string) types.MessageAttributeValue {
	return types.MessageAttributeValue{DataType: aws.String("Number"), StringValue: aws.String(v)}
}

var _ = Describe("SNS publishing", func() {
	It("delivers to a subscribed queue through a filter policy", harness.Reference(ref+"TestSNSSubscriptionSQS::test_subscribe_sqs_queue"), func(ctx SpecContext) {
		snap := snapshot().Divergence("moto", "$..Attributes.SubscriptionArn", "moto's subscription ids are not UUIDs; AWS's are (references)")
		c := harness.SNS()
		topic := createTopic(ctx, nil)
		url, queue := createQueue(ctx, nil)
		sub := subscribeQueue(ctx, topic, queue, map[string]string{"FilterPolicy": `{"attr1": [{"numeric": [">", 0, "<=", 100]}]}`})
		_, err := c.Publish(ctx, &sns.PublishInput{TopicArn: aws.String(topic), Message: aws.String("This is a test message"),
			MessageAttributes: map[string]types.MessageAttributeValue{"attr1": numAttr("99.12")}})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("messages", receiveAll(ctx, url, 1))
		attrs, err := c.GetSubscriptionAttributes(ctx, &sns.GetSubscriptionAttributesInput{SubscriptionArn: aws.String(sub)})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("subscription-attributes", attrs)
	})

	It("delivers raw messages with attributes", harness.Reference(ref+"TestSNSSubscriptionSQS::test_attribute_raw_subscribe"), func(ctx SpecContext) {
		snap := snapshot()
		c := harness.SNS()
		topic := createTopic(ctx, nil)
		url, queue := createQueue(ctx, nil)
		sub := subscribeQueue(ctx, topic, queue, map[string]string{"RawMessageDelivery": "true"})
		_, err := c.Publish(ctx, &sns.PublishInput{TopicArn: aws.String(topic), Message: aws.String("This is a test message"),
			MessageAttributes: map[string]types.MessageAttributeValue{"store": {DataType: aws.String("Binary"), BinaryValue: []byte{2, 3, 4}}}})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("messages-response", receiveAll(ctx, url, 1))
		attrs, err := c.GetSubscriptionAttributes(ctx, &sns.GetSubscriptionAttributesInput{SubscriptionArn: aws.String(sub)})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("subscription-attributes", attrs)
	})

	// moto publishes an empty message to a topic with subscribers: recorded on the emulator.
	It("rejects an empty message", harness.Reference(ref+"TestSNSPublishCrud::test_empty_sns_message"), func(ctx SpecContext) {
		snap := snapshot()
		topic := createTopic(ctx, nil)
		url, queue := createQueue(ctx, nil)
		subscribeQueue(ctx, topic, queue, nil)
		_, err := harness.SNS().Publish(ctx, &sns.PublishInput{TopicArn: aws.String(topic), Message: aws.String("")})
		snap.Match("empty-msg-error", err)
		attrs, err := harness.SQS().GetQueueAttributes(ctx, &sqs.GetQueueAttributesInput{QueueUrl: aws.String(url),
			AttributeNames: []sqstypes.QueueAttributeName{sqstypes.QueueAttributeNameApproximateNumberOfMessages}})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("queue-attrs", attrs)
	})

	It("rejects an empty subject", harness.Reference(ref+"TestSNSPublishCrud::test_publish_with_empty_subject"), func(ctx SpecContext) {
		snap := snapshot()
		c := harness.SNS()
		topic := createTopic(ctx, nil)
		_, err := c.Publish(ctx, &sns.PublishInput{TopicArn: aws.String(topic), Message: aws.String("m"), Subject: aws.String("")})
		snap.Match("response-with-empty-subject", err)
		out, err := c.Publish(ctx, &sns.PublishInput{TopicArn: aws.String(topic), Message: aws.String("m")})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("response-without-subject", out)
	})

	It("rejects messages that are too long", harness.Reference(ref+"TestSNSPublishCrud::test_publish_too_long_message"), func(ctx SpecContext) {
		snap := snapshot()
		c := harness.SNS()
		topic := createTopic(ctx, nil)
		big := strings.Repeat("a", 262145)
		_, err := c.Publish(ctx, &sns.PublishInput{TopicArn: aws.String(topic), Message: aws.String(big)})
		snap.Match("error", err)
		_, err = c.Publish(ctx, &sns.PublishInput{TopicArn: aws.String(topic), Message: aws.String(strings.Repeat("a", 262140)),
			MessageAttributes: map[string]types.MessageAttributeValue{"attr1": numAttr("12345")}})
		snap.Match("error-with-attrs", err)
	})

	It("validates batch requests", harness.Reference(ref+"TestSNSSubscriptionSQS::test_publish_batch_exceptions"), func(ctx SpecContext) {
		snap := snapshot()
		c := harness.SNS()
		fifo := createTopic(ctx, map[string]string{"FifoTopic": "true"})
		entry := func(id string) types.PublishBatchRequestEntry {
			return types.PublishBatchRequestEntry{Id: aws.String(id), Message: aws.String("Test message"), MessageGroupId: aws.String("g"), MessageDeduplicationId: aws.String("d" + id)}
		}
		_, err := c.PublishBatch(ctx, &sns.PublishBatchInput{TopicArn: aws.String(fifo), PublishBatchRequestEntries: []types.PublishBatchRequestEntry{entry("1"), entry("1")}})
		snap.Match("same-msg-id", err)
		var many []types.PublishBatchRequestEntry
		for i := 0; i < 11; i++ {
			many = append(many, entry(strings.Repeat("x", i+1)))
		}
		_, err = c.PublishBatch(ctx, &sns.PublishBatchInput{TopicArn: aws.String(fifo), PublishBatchRequestEntries: many})
		snap.Match("too-many-msg", err)
		_, err = c.PublishBatch(ctx, &sns.PublishBatchInput{TopicArn: aws.String(fifo), PublishBatchRequestEntries: []types.PublishBatchRequestEntry{{Id: aws.String("1"), Message: aws.String("m"), MessageDeduplicationId: aws.String("d")}}})
		snap.Match("no-group-id", err)
		_, err = c.PublishBatch(ctx, &sns.PublishBatchInput{TopicArn: aws.String(fifo), PublishBatchRequestEntries: []types.PublishBatchRequestEntry{{Id: aws.String("1"), Message: aws.String("m"), MessageGroupId: aws.String("g")}}})
		snap.Match("no-dedup-id", err)
		_, err = c.PublishBatch(ctx, &sns.PublishBatchInput{TopicArn: aws.String(fifo), PublishBatchRequestEntries: []types.PublishBatchRequestEntry{{Id: aws.String("1"), Message: aws.String(`{"sqs":"x"}`),
			MessageStructure: aws.String("json"), MessageGroupId: aws.String("g"), MessageDeduplicationId: aws.String("d")}}})
		snap.Match("no-default-key-json", err)
	})

	It("publishes a batch to a queue", func(ctx SpecContext) {
		snap := snapshot()
		c := harness.SNS()
		topic := createTopic(ctx, nil)
		url, queue := createQueue(ctx, nil)
		subscribeQueue(ctx, topic, queue, map[string]string{"RawMessageDelivery": "true"})
		out, err := c.PublishBatch(ctx, &sns.PublishBatchInput{TopicArn: aws.String(topic), PublishBatchRequestEntries: []types.PublishBatchRequestEntry{
			{Id: aws.String("1"), Message: aws.String("one")}, {Id: aws.String("2"), Message: aws.String("two")}}})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("publish-batch", out)
		Expect(receiveAll(ctx, url, 2).Messages).To(HaveLen(2))
	})

	// moto accepts a standard queue as dead-letter queue of a FIFO subscription: recorded on the emulator.
	It("validates FIFO publishing", harness.Reference(ref+"TestSNSSubscriptionSQSFifo::test_validations_for_fifo"), func(ctx SpecContext) {
		snap := deliverySnapshot().Divergence("moto", "$..Error.Code", "moto answers MissingParameter for a FIFO publish without MessageGroupId; AWS answers InvalidParameter (reference)").
			SkipVerify("$.SubscriptionPrincipal", "the subscribing caller's ARN: an IAM user in the AWS recordings, the account root with the suites' test credentials")
		c := harness.SNS()
		std := createTopic(ctx, nil)
		fifo := createTopic(ctx, map[string]string{"FifoTopic": "true"})
		_, fifoQueue := createQueue(ctx, map[string]string{"FifoQueue": "true"})
		_, stdQueue := createQueue(ctx, nil)
		_, err := c.Subscribe(ctx, &sns.SubscribeInput{TopicArn: aws.String(std), Protocol: aws.String("sqs"), Endpoint: aws.String(fifoQueue)})
		snap.Match("not-fifo-topic", err)
		// a standard queue may subscribe to a FIFO topic
		stdSub := subscribeQueue(ctx, fifo, stdQueue, nil)
		snap.Match("not-fifo-queue", subscriptionAttributes(ctx, stdSub).Attributes)
		fifoSub := subscribeQueue(ctx, fifo, fifoQueue, nil)
		_, err = c.SetSubscriptionAttributes(ctx, &sns.SetSubscriptionAttributesInput{SubscriptionArn: aws.String(fifoSub),
			AttributeName: aws.String("RedrivePolicy"), AttributeValue: aws.String(`{"deadLetterTargetArn": "` + stdQueue + `"}`)})
		snap.Match("regular-queue-for-dlq-of-fifo-topic", err)
		_, err = c.Publish(ctx, &sns.PublishInput{TopicArn: aws.String(fifo), Message: aws.String("m")})
		snap.Match("no-msg-group-id", err)
		_, err = c.Publish(ctx, &sns.PublishInput{TopicArn: aws.String(fifo), Message: aws.String("m"), MessageGroupId: aws.String("g")})
		snap.Match("no-dedup-policy", err)
		_, err = c.Publish(ctx, &sns.PublishInput{TopicArn: aws.String(std), Message: aws.String("m"), MessageDeduplicationId: aws.String("d")})
		snap.Match("no-msg-dedup-regular-topic", err)
	})

	It("delivers FIFO topic messages to a FIFO queue once", harness.Reference(ref+"TestSNSSubscriptionSQSFifo::test_publish_to_fifo_topic_deduplication_on_topic_level"), func(ctx SpecContext) {
		snap := snapshot()
		c := harness.SNS()
		topic := createTopic(ctx, map[string]string{"FifoTopic": "true", "ContentBasedDeduplication": "true"})
		url, queue := createQueue(ctx, map[string]string{"FifoQueue": "true"})
		subscribeQueue(ctx, topic, queue, nil)
		for i := 0; i < 2; i++ {
			_, err := c.Publish(ctx, &sns.PublishInput{TopicArn: aws.String(topic), Message: aws.String("Test"), MessageGroupId: aws.String("message-group-id-1")})
			Expect(err).NotTo(HaveOccurred())
		}
		got, err := harness.SQS().ReceiveMessage(ctx, sqsReceiveAll(url))
		Expect(err).NotTo(HaveOccurred())
		snap.Match("messages", got)
		dup, err := harness.SQS().ReceiveMessage(ctx, sqsReceiveShort(url))
		Expect(err).NotTo(HaveOccurred())
		snap.Match("dedup-messages", dup)
	})

	It("rejects invalid message attributes", func(ctx SpecContext) {
		snap := snapshot()
		topic := createTopic(ctx, nil)
		for key, attr := range map[string]types.MessageAttributeValue{
			"invalid_attr_string_value": {DataType: aws.String("InvalidType"), StringValue: aws.String("v")},
			"missing_string_attr":       {DataType: aws.String("String"), StringValue: aws.String("")},
			"str_attr_binary_value":     {DataType: aws.String("String"), BinaryValue: []byte("v")},
			"binary_attr_string_value":  {DataType: aws.String("Binary"), StringValue: aws.String("v")},
		} {
			_, err := harness.SNS().Publish(ctx, &sns.PublishInput{TopicArn: aws.String(topic), Message: aws.String("m"), MessageAttributes: map[string]types.MessageAttributeValue{"attr1": attr}})
			snap.Match(key, err)
		}
	})
})
