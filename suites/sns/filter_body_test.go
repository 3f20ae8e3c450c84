package sns_test

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sns"
	"github.com/aws/aws-sdk-go-v2/service/sns/types"
	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/parity-harness/parity/harness"
)

// receiveOne receives what one short poll returns and deletes it.
func receiveOne(ctx context.Context, url string) any {
	got := receiveMessages(ctx, url, 1, false)
	deleteMessages(ctx, url, got)
	return got
}

var _ = Describe("SNS filter policies on message bodies", func() {
	for _, raw := range []bool{false, true} {
		It("filters on the message body (raw "+fifoParam(raw)+")", harness.Reference(filterRef+"TestSNSFilterPolicyBody::test_filter_policy_on_message_body["+fifoParam(raw)+"]"), func(ctx SpecContext) {
			snap := deliverySnapshot()
			topic := createTopic(ctx, nil)
			url, queue := createQueue(ctx, nil)
			attrs := map[string]string{"FilterPolicyScope": "MessageBody", "FilterPolicy": `{"object": {"key": [{"prefix": "auto-"}, "hardcodedvalue"]}}`}
			if raw {
				attrs["RawMessageDelivery"] = "true"
			}
			subscribeQueue(ctx, topic, queue, attrs)
			publish(ctx, &sns.PublishInput{TopicArn: aws.String(topic), Message: aws.String(`{"object": {"key": "value"}}`)})
			empty, err := harness.SQS().ReceiveMessage(ctx, sqsReceiveShort(url))
			Expect(err).NotTo(HaveOccurred())
			snap.Match("recv-init", empty)
			for i, msg := range []string{`{"object": {"key": "auto-test"}}`, `{"object": {"key": "hardcodedvalue"}}`} {
				publish(ctx, &sns.PublishInput{TopicArn: aws.String(topic), Message: aws.String(msg)})
				snap.Match("recv-passed-msg-"+string(rune('0'+i)), receiveOne(ctx, url))
			}
		})
	}

	It("matches dotted keys and nested objects alike", harness.Reference(filterRef+"TestSNSFilterPolicyBody::test_filter_policy_on_message_body_dot_attribute"), func(ctx SpecContext) {
		snap := deliverySnapshot()
		topic := createTopic(ctx, nil)
		url, queue := createQueue(ctx, nil)
		sub := subscribeQueue(ctx, topic, queue, map[string]string{"FilterPolicyScope": "MessageBody", "FilterPolicy": `{"object": {"nested": ["string.value"]}}`})
		publish(ctx, &sns.PublishInput{TopicArn: aws.String(topic), Message: aws.String(`{"object": {"nested": "other"}}`)})
		empty, err := harness.SQS().ReceiveMessage(ctx, sqsReceiveShort(url))
		Expect(err).NotTo(HaveOccurred())
		snap.Match("recv-init", empty)
		for i, msg := range []string{`{"object": {"nested": "string.value"}}`, `{"object.nested": "string.value"}`} {
			publish(ctx, &sns.PublishInput{TopicArn: aws.String(topic), Message: aws.String(msg)})
			snap.Match("recv-nested-msg-"+string(rune('0'+i)), receiveOne(ctx, url))
		}
		setSubAttr(ctx, sub, "FilterPolicy", `{"object": {"nested": {"test": ["string.value"]}}}`)
		for i, msg := range []string{`{"object": {"nested": {"test": "string.value"}}}`, `{"object.nested.test": "string.value"}`,
			`{"object.nested": {"test": "string.value"}}`, `{"object": {"nested.test": "string.value"}}`} {
			publish(ctx, &sns.PublishInput{TopicArn: aws.String(topic), Message: aws.String(msg)})
			snap.Match("recv-deep-nested-msg-"+string(rune('0'+i)), receiveOne(ctx, url))
		}
	})

	It("filters on message attributes", harness.Reference(filterRef+"TestSNSFilterPolicyAttributes::test_filter_policy"), func(ctx SpecContext) {
		snap := deliverySnapshot()
		topic := createTopic(ctx, nil)
		url, queue := createQueue(ctx, map[string]string{"VisibilityTimeout": "0"}) // a received message shows again
		sub := subscribeQueue(ctx, topic, queue, map[string]string{"FilterPolicy": `{"attr1": [{"numeric": [">", 0, "<=", 100]}]}`})
		snap.Match("subscription-attributes", subscriptionAttributes(ctx, sub))
		empty, err := harness.SQS().ReceiveMessage(ctx, sqsReceiveShort(url))
		Expect(err).NotTo(HaveOccurred())
		snap.Match("messages-0", empty)
		publish(ctx, &sns.PublishInput{TopicArn: aws.String(topic), Message: aws.String("This is a test message"),
			MessageAttributes: map[string]types.MessageAttributeValue{"attr1": numAttr("99")}})
		snap.Match("messages-1", receiveMessages(ctx, url, 1, false))
		publish(ctx, &sns.PublishInput{TopicArn: aws.String(topic), Message: aws.String("This is another test message"),
			MessageAttributes: map[string]types.MessageAttributeValue{"attr1": numAttr("111")}})
		snap.Match("messages-2", receiveMessages(ctx, url, 1, false))
		setSubAttr(ctx, sub, "FilterPolicy", `{"attr1": [null, {"anything-but": "whatever"}]}`)
		snap.Match("subscription-attributes-2", subscriptionAttributes(ctx, sub))
		got := receiveMessages(ctx, url, 1, false)
		deleteMessages(ctx, url, got)
		empty, err = harness.SQS().ReceiveMessage(ctx, sqsReceiveShort(url))
		Expect(err).NotTo(HaveOccurred())
		snap.Match("messages-3", empty)
		publish(ctx, &sns.PublishInput{TopicArn: aws.String(topic), Message: aws.String("This the test message for null")})
		snap.Match("messages-4", receiveMessages(ctx, url, 1, false))
	})
})
