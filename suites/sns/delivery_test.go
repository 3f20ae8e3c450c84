package sns_test

import (
	"context"
	"sort"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sns"
	"github.com/aws/aws-sdk-go-v2/service/sns/types"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
	sqstypes "github.com/aws/aws-sdk-go-v2/service/sqs/types"
	"github.com/aws/smithy-go/middleware"
	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/parity-harness/parity/harness"
)

// deliverySnapshot is a session for specs comparing delivered messages and
// subscription attributes with AWS's recordings.
func deliverySnapshot() *harness.Session {
	return snapshot().
		Divergence("aws", "$..Attributes.SubscriptionPrincipal", "the AWS recordings were made with IAM user credentials; the suites sign as the account root, whose principal AWS reports as :root").
		Divergence("moto", "$..Attributes.SubscriptionArn", "moto's subscription ids are not UUIDs; AWS's are (references)")
}

// receiveMessages receives up to want messages (fewer after five tries),
// with every system and message attribute when withAttrs, sorted by body as
// the reference tests sort them.
func receiveMessages(ctx context.Context, url string, want int, withAttrs bool) *sqs.ReceiveMessageOutput {
	in := &sqs.ReceiveMessageInput{QueueUrl: aws.String(url), MaxNumberOfMessages: 10, WaitTimeSeconds: 1}
	if withAttrs {
		in.MessageSystemAttributeNames = []sqstypes.MessageSystemAttributeName{"All"}
		in.MessageAttributeNames = []string{"All"}
	}
	out := receiveUntil(ctx, in, want)
	sort.SliceStable(out.Messages, func(i, j int) bool { return aws.ToString(out.Messages[i].Body) < aws.ToString(out.Messages[j].Body) })
	return out
}

func deleteMessages(ctx context.Context, url string, out *sqs.ReceiveMessageOutput) {
	for _, m := range out.Messages {
		_, err := harness.SQS().DeleteMessage(ctx, &sqs.DeleteMessageInput{QueueUrl: aws.String(url), ReceiptHandle: m.ReceiptHandle})
		Expect(err).NotTo(HaveOccurred())
	}
}

// noSNSInputValidation drops the SDK's client-side check of required
// members, so a request the service itself must refuse reaches it.
func noSNSInputValidation(o *sns.Options) {
	o.APIOptions = append(o.APIOptions, func(stack *middleware.Stack) error {
		_, err := stack.Initialize.Remove("OperationInputValidation")
		return err
	})
}

func strAttr(v string) types.MessageAttributeValue {
	return types.MessageAttributeValue{DataType: aws.String("String"), StringValue: aws.String(v)}
}

func publish(ctx context.Context, in *sns.PublishInput) *sns.PublishOutput {
	out, err := harness.SNS().Publish(ctx, in)
	Expect(err).NotTo(HaveOccurred())
	return out
}

func setSubAttr(ctx context.Context, sub, name, value string) {
	_, err := harness.SNS().SetSubscriptionAttributes(ctx, &sns.SetSubscriptionAttributesInput{SubscriptionArn: aws.String(sub), AttributeName: aws.String(name), AttributeValue: aws.String(value)})
	Expect(err).NotTo(HaveOccurred())
}

func deleteQueue(ctx context.Context, url string) {
	_, err := harness.SQS().DeleteQueue(ctx, &sqs.DeleteQueueInput{QueueUrl: aws.String(url)})
	Expect(err).NotTo(HaveOccurred())
}

const sqsSub = "TestSNSSubscriptionSQS::"

var _ = Describe("SNS delivery to SQS", func() {
	It("checks custom attribute type prefixes", harness.Reference(ref+sqsSub+"test_message_attributes_prefixes"), func(ctx SpecContext) {
		snap := deliverySnapshot()
		topic := createTopic(ctx, nil)
		pub := func(dataType string) (*sns.PublishOutput, error) {
			return harness.SNS().Publish(ctx, &sns.PublishInput{TopicArn: aws.String(topic), Message: aws.String("test message"),
				MessageAttributes: map[string]types.MessageAttributeValue{"attr1": {DataType: aws.String(dataType), StringValue: aws.String("prefixed-1")}}})
		}
		_, err := pub("String.")
		snap.Match("publish-error", err)
		_, err = pub("Stringprefixed")
		snap.Match("publish-error-2", err)
		out, err := pub("String.prefixed")
		Expect(err).NotTo(HaveOccurred())
		snap.Match("publish-ok-1", out)
		out, err = pub("String.  prefixed.")
		Expect(err).NotTo(HaveOccurred())
		snap.Match("publish-ok-2", out)
	})

	It("rejects empty or wrong message attributes", harness.Reference(ref+sqsSub+"test_empty_or_wrong_message_attributes"), func(ctx SpecContext) {
		snap := deliverySnapshot()
		topic := createTopic(ctx, nil)
		value := func(dataType string, s *string, b []byte) map[string]types.MessageAttributeValue {
			return map[string]types.MessageAttributeValue{"attr1": {DataType: aws.String(dataType), StringValue: s, BinaryValue: b}}
		}
		named := func(name string) map[string]types.MessageAttributeValue {
			return map[string]types.MessageAttributeValue{name: strAttr("value")}
		}
		cases := []struct {
			key   string
			attrs map[string]types.MessageAttributeValue
		}{
			{"fully_missing_string_attr", value("String", nil, nil)},
			{"fully_missing_data_type", map[string]types.MessageAttributeValue{"attr1": {StringValue: aws.String("value")}}},
			{"invalid_attr_string_value", value("InvalidType", aws.String("v"), nil)},
			{"missing_string_attr", value("String", aws.String(""), nil)},
			{"missing_binary_attr", value("Binary", nil, []byte{})},
			{"str_attr_binary_value", value("String", nil, []byte("v"))},
			{"int_attr_binary_value", value("Number", nil, []byte("v"))},
			{"binary_attr_string_value", value("Binary", aws.String("v"), nil)},
			{"invalid_name", named("invalid^name")},
			{"invalid_name_2", named(".invalidname")},
			{"invalid_name_3", named("invalidname.")},
			{"invalid_name_4", named("invalid..name")},
			{"too_long_name", named(strings.Repeat("a", 256))},
		}
		for _, c := range cases {
			_, err := harness.SNS().Publish(ctx, &sns.PublishInput{TopicArn: aws.String(topic), Message: aws.String("test message"), MessageAttributes: c.attrs}, noSNSInputValidation)
			snap.Match(c.key, err)
			_, err = harness.SNS().PublishBatch(ctx, &sns.PublishBatchInput{TopicArn: aws.String(topic), PublishBatchRequestEntries: []types.PublishBatchRequestEntry{
				{Id: aws.String("1"), Message: aws.String("test message"), MessageAttributes: c.attrs}}}, noSNSInputValidation)
			snap.Match("batch-"+c.key, err)
		}
	})

	It("delivers attributes raw and in the envelope", harness.Reference(ref+sqsSub+"test_message_attributes_not_missing"), func(ctx SpecContext) {
		snap := deliverySnapshot()
		topic := createTopic(ctx, nil)
		url, queue := createQueue(ctx, nil)
		sub := subscribeQueue(ctx, topic, queue, map[string]string{"RawMessageDelivery": "true"})
		attrs := map[string]types.MessageAttributeValue{
			"an-attribute-key": strAttr("an-attribute-value"),
			"binary-attribute": {DataType: aws.String("Binary"), BinaryValue: []byte{2, 3, 4}},
		}
		snap.Match("publish-msg-raw", publish(ctx, &sns.PublishInput{TopicArn: aws.String(topic), Message: aws.String("text"), MessageAttributes: attrs}))
		got := receiveMessages(ctx, url, 1, true)
		snap.Match("raw-delivery-msg-attrs", got)
		deleteMessages(ctx, url, got)
		setSubAttr(ctx, sub, "RawMessageDelivery", "false")
		snap.Match("publish-msg-json", publish(ctx, &sns.PublishInput{TopicArn: aws.String(topic), Message: aws.String("text"), MessageAttributes: attrs}))
		snap.Match("json-delivery-msg-attrs", receiveMessages(ctx, url, 1, true))
	})

	It("delivers the sqs entry of a JSON message structure", harness.Reference(ref+sqsSub+"test_message_structure_json_to_sqs"), func(ctx SpecContext) {
		snap := deliverySnapshot()
		topic := createTopic(ctx, nil)
		url, queue := createQueue(ctx, nil)
		subscribeQueue(ctx, topic, queue, nil)
		publish(ctx, &sns.PublishInput{TopicArn: aws.String(topic), MessageStructure: aws.String("json"),
			Message: aws.String(`{"default": "default field", "sqs": "{\"field\": \"value\"}"}`)})
		got := receiveMessages(ctx, url, 1, false)
		snap.Match("get-msg-json-sqs", got)
		deleteMessages(ctx, url, got)
		publish(ctx, &sns.PublishInput{TopicArn: aws.String(topic), MessageStructure: aws.String("json"), Message: aws.String(`{"default": "default field"}`)})
		snap.Match("get-msg-json-default", receiveMessages(ctx, url, 1, false))
	})

	It("delivers a published batch raw", harness.Reference(ref+sqsSub+"test_publish_batch_messages_from_sns_to_sqs"), func(ctx SpecContext) {
		snap := deliverySnapshot()
		topic := createTopic(ctx, nil)
		url, queue := createQueue(ctx, nil)
		sub := subscribeQueue(ctx, topic, queue, map[string]string{"RawMessageDelivery": "true"})
		snap.Match("sub-attrs-raw-true", subscriptionAttributes(ctx, sub))
		out, err := harness.SNS().PublishBatch(ctx, &sns.PublishBatchInput{TopicArn: aws.String(topic), PublishBatchRequestEntries: []types.PublishBatchRequestEntry{
			{Id: aws.String("1"), Message: aws.String("Test Message with two attributes"), Subject: aws.String("Subject"),
				MessageAttributes: map[string]types.MessageAttributeValue{"attr1": numAttr("99.12"), "attr2": numAttr("109.12")}},
			{Id: aws.String("2"), Message: aws.String("Test Message with one attribute"), Subject: aws.String("Subject"),
				MessageAttributes: map[string]types.MessageAttributeValue{"attr1": numAttr("19.12")}},
			{Id: aws.String("3"), Message: aws.String("Test Message without attribute"), Subject: aws.String("Subject")},
			{Id: aws.String("4"), Message: aws.String("Test Message without subject")},
			{Id: aws.String("5"), Message: aws.String(`{"default": "test default", "sqs": "test sqs"}`), MessageStructure: aws.String("json")},
		}})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("publish-batch", out)
		snap.Match("messages", map[string]any{"Messages": receiveMessages(ctx, url, 5, true).Messages})
	})

	It("rejects a batch to a missing topic", harness.Reference(ref+sqsSub+"test_publish_batch_messages_without_topic"), func(ctx SpecContext) {
		snap := deliverySnapshot()
		topic := createTopic(ctx, nil)
		_, err := harness.SNS().PublishBatch(ctx, &sns.PublishBatchInput{TopicArn: aws.String(topic + "-missing"), PublishBatchRequestEntries: []types.PublishBatchRequestEntry{
			{Id: aws.String("1"), Message: aws.String("Test Message with two attributes")}}})
		snap.Match("publish-batch-no-topic", err)
	})

	It("delivers unicode characters", harness.Reference(ref+sqsSub+"test_publish_unicode_chars"), func(ctx SpecContext) {
		snap := deliverySnapshot()
		topic := createTopic(ctx, nil)
		url, queue := createQueue(ctx, nil)
		subscribeQueue(ctx, topic, queue, nil)
		publish(ctx, &sns.PublishInput{TopicArn: aws.String(topic), Message: aws.String("ö§a1\"_!?,. £$-")})
		snap.Match("received-message", receiveMessages(ctx, url, 1, false))
	})

	It("confirms SQS subscriptions at once", harness.Reference(ref+sqsSub+"test_sqs_topic_subscription_confirmation"), func(ctx SpecContext) {
		snap := deliverySnapshot().
			Divergence("aws", "$.SubscriptionPrincipal", "the AWS recordings were made with IAM user credentials; the suites sign as the account root").
			Divergence("moto", "$.SubscriptionArn", "moto's subscription ids are not UUIDs; AWS's are (references)").
			Divergence("moto", "$.SubscriptionPrincipal", "moto does not report SubscriptionPrincipal; AWS does (reference)")
		topic := createTopic(ctx, nil)
		_, queue := createQueue(ctx, nil)
		sub := subscribeQueue(ctx, topic, queue, nil)
		snap.Match("subscription-attrs", subscriptionAttributes(ctx, sub).Attributes)
	})

	It("rejects a queue URL as endpoint", harness.Reference(ref+sqsSub+"test_subscribe_to_sqs_with_queue_url"), func(ctx SpecContext) {
		snap := deliverySnapshot()
		topic := createTopic(ctx, nil)
		url, _ := createQueue(ctx, nil)
		_, err := harness.SNS().Subscribe(ctx, &sns.SubscribeInput{TopicArn: aws.String(topic), Protocol: aws.String("sqs"), Endpoint: aws.String(url)})
		snap.Match("sub-queue-url", err)
	})

	It("passes the message group id to a standard queue", harness.Reference(ref+sqsSub+"test_publish_message_group_id"), func(ctx SpecContext) {
		snap := deliverySnapshot()
		topic := createTopic(ctx, nil)
		url, queue := createQueue(ctx, nil)
		subscribeQueue(ctx, topic, queue, nil)
		publish(ctx, &sns.PublishInput{TopicArn: aws.String(topic), Message: aws.String("test signature value with attributes"),
			MessageGroupId: aws.String("my-group-id-1"), MessageAttributes: map[string]types.MessageAttributeValue{"attr1": numAttr("1")}})
		snap.Match("messages", receiveMessages(ctx, url, 1, true))
	})

	It("sends to the dead-letter queue when the queue is gone", harness.Reference(ref+sqsSub+"test_redrive_policy_sqs_queue_subscription[False]"), func(ctx SpecContext) {
		snap := deliverySnapshot()
		topic := createTopic(ctx, nil)
		url, queue := createQueue(ctx, nil)
		dlqURL, dlq := createQueue(ctx, nil)
		subscribeQueue(ctx, topic, queue, map[string]string{"RedrivePolicy": `{"deadLetterTargetArn": "` + dlq + `"}`})
		deleteQueue(ctx, url)
		publish(ctx, &sns.PublishInput{TopicArn: aws.String(topic), Message: aws.String("test_dlq_after_sqs_endpoint_deleted"),
			MessageAttributes: map[string]types.MessageAttributeValue{"attr1": numAttr("111"), "attr2": {DataType: aws.String("Binary"), BinaryValue: []byte{2, 3, 4}}}})
		snap.Match("messages", receiveMessages(ctx, dlqURL, 1, true))
	})

	It("keeps the subscription after failing to deliver", harness.Reference(ref+sqsSub+"test_subscription_after_failure_to_deliver"), func(ctx SpecContext) {
		snap := deliverySnapshot()
		topic := createTopic(ctx, nil)
		url, queue := createQueue(ctx, nil)
		dlqURL, dlq := createQueue(ctx, nil)
		sub := subscribeQueue(ctx, topic, queue, nil)
		snap.Match("subscriptions-attrs", subscriptionAttributes(ctx, sub))
		list, err := harness.SNS().ListSubscriptionsByTopic(ctx, &sns.ListSubscriptionsByTopicInput{TopicArn: aws.String(topic)})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("subscriptions", list)
		publish(ctx, &sns.PublishInput{TopicArn: aws.String(topic), Message: aws.String("test_dlq_before_sqs_endpoint_deleted")})
		got := receiveMessages(ctx, url, 1, false)
		snap.Match("messages-before-delete", got)
		deleteMessages(ctx, url, got)
		deleteQueue(ctx, url)
		publish(ctx, &sns.PublishInput{TopicArn: aws.String(topic), Message: aws.String("test_dlq_after_sqs_endpoint_deleted")})
		setSubAttr(ctx, sub, "RedrivePolicy", `{"deadLetterTargetArn": "`+dlq+`"}`)
		snap.Match("subscriptions-attrs-with-redrive", subscriptionAttributes(ctx, sub))
		for i, key := range []string{"message-0-after-delete", "message-1-after-delete"} {
			publish(ctx, &sns.PublishInput{TopicArn: aws.String(topic), Message: aws.String("test_dlq_after_sqs_endpoint_deleted_" + string(rune('0'+i)))})
			got := receiveMessages(ctx, dlqURL, 1, false)
			snap.Match(key, got)
			deleteMessages(ctx, dlqURL, got)
		}
	})
})
