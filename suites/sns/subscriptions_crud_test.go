package sns_test

import (
	"context"
	"fmt"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sns"
	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/parity-harness/parity/harness"
)

func subscriptionAttributes(ctx context.Context, arn string) *sns.GetSubscriptionAttributesOutput {
	out, err := harness.SNS().GetSubscriptionAttributes(ctx, &sns.GetSubscriptionAttributesInput{SubscriptionArn: aws.String(arn)})
	Expect(err).NotTo(HaveOccurred())
	return out
}

func subscriptionsByTopic(ctx SpecContext, topic string) *sns.ListSubscriptionsByTopicOutput {
	out, err := harness.SNS().ListSubscriptionsByTopic(ctx, &sns.ListSubscriptionsByTopicInput{TopicArn: aws.String(topic)})
	Expect(err).NotTo(HaveOccurred())
	return out
}

var _ = Describe("SNS subscription lifecycle", func() {
	It("pages the subscriptions of a topic", harness.Reference(ref+"TestSNSSubscriptionCrud::test_list_subscriptions_by_topic_pagination"), func(ctx SpecContext) {
		snap := snapshot()
		c := harness.SNS()
		topic := createTopic(ctx, nil)
		for i := 0; i < 101; i++ {
			_, err := c.Subscribe(ctx, &sns.SubscribeInput{TopicArn: aws.String(topic), Protocol: aws.String("sms"), Endpoint: aws.String(fmt.Sprintf("+12312312%03d", i))})
			Expect(err).NotTo(HaveOccurred())
		}
		first := subscriptionsByTopic(ctx, topic)
		Expect(first.Subscriptions).To(HaveLen(100))
		Expect(first.NextToken).NotTo(BeNil())
		second, err := c.ListSubscriptionsByTopic(ctx, &sns.ListSubscriptionsByTopicInput{TopicArn: aws.String(topic), NextToken: first.NextToken})
		Expect(err).NotTo(HaveOccurred())
		Expect(second.NextToken).To(BeNil())
		snap.Match("list-sub-per-topic-page-2", second)
	})

	It("reports a removed subscription on SetSubscriptionAttributes", harness.Reference(ref+"TestSNSSubscriptionCrud::test_not_found_error_on_set_subscription_attributes"), func(ctx SpecContext) {
		snap := snapshot()
		c := harness.SNS()
		topic := createTopic(ctx, nil)
		_, queue := createQueue(ctx, nil)
		sub, err := c.Subscribe(ctx, &sns.SubscribeInput{TopicArn: aws.String(topic), Protocol: aws.String("sqs"), Endpoint: aws.String(queue), ReturnSubscriptionArn: true})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("sub", sub)
		snap.Match("sub-attrs", subscriptionAttributes(ctx, aws.ToString(sub.SubscriptionArn)))
		snap.Match("subscriptions-for-topic-before-unsub", subscriptionsByTopic(ctx, topic))
		_, err = c.Unsubscribe(ctx, &sns.UnsubscribeInput{SubscriptionArn: sub.SubscriptionArn})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("subscriptions-for-topic-after-unsub", subscriptionsByTopic(ctx, topic))
		_, err = c.SetSubscriptionAttributes(ctx, &sns.SetSubscriptionAttributesInput{SubscriptionArn: sub.SubscriptionArn,
			AttributeName: aws.String("RawMessageDelivery"), AttributeValue: aws.String("true")})
		snap.Match("sub-not-found", err)
	})

	It("subscribes idempotently unless attributes differ", harness.Reference(ref+"TestSNSSubscriptionCrud::test_subscribe_idempotency"), func(ctx SpecContext) {
		snap := snapshot()
		topic := createTopic(ctx, nil)
		_, queue := createQueue(ctx, nil)
		subscribe := func(attrs map[string]string) (*sns.SubscribeOutput, error) {
			return harness.SNS().Subscribe(ctx, &sns.SubscribeInput{TopicArn: aws.String(topic), Protocol: aws.String("sqs"), Endpoint: aws.String(queue),
				Attributes: attrs, ReturnSubscriptionArn: true})
		}
		ok := func(key string, attrs map[string]string) *sns.SubscribeOutput {
			out, err := subscribe(attrs)
			Expect(err).NotTo(HaveOccurred())
			snap.Match(key, out)
			return out
		}
		sub := ok("subscribe", map[string]string{"RawMessageDelivery": "true"})
		snap.Match("get-sub-attrs", subscriptionAttributes(ctx, aws.ToString(sub.SubscriptionArn)))
		ok("subscribe-idempotent", map[string]string{"RawMessageDelivery": "true"})
		ok("subscribe-idempotent-no-attributes", nil)
		ok("subscribe-idempotent-empty-attributes", map[string]string{})
		ok("subscribe-missing-attributes", map[string]string{"FilterPolicyScope": "MessageAttributes"})
		_, err := subscribe(map[string]string{"RawMessageDelivery": "false"})
		snap.Match("subscribe-diff-attributes", err)
		ok("subscribe-exact-same-raw", map[string]string{"RawMessageDelivery": "true"})
	})

	It("creates a subscription with attributes", harness.Reference(ref+"TestSNSSubscriptionCrudV2::test_creating_subscription_with_attributes"), func(ctx SpecContext) {
		snap := snapshot()
		topic := createTopic(ctx, nil)
		_, queue := createQueue(ctx, nil)
		sub := subscribeQueue(ctx, topic, queue, map[string]string{"RawMessageDelivery": "true"})
		snap.Match("subscription-with-attributes", subscriptionAttributes(ctx, sub))
	})

	It("answers for a subscription right after its topic is deleted", harness.Reference(ref+"TestSNSSubscriptionCrudV2::test_delete_subscriptions_on_delete_topic"), func(ctx SpecContext) {
		snap := snapshot()
		c := harness.SNS()
		topic := createTopic(ctx, nil)
		_, queue := createQueue(ctx, nil)
		sub := subscribeQueue(ctx, topic, queue, map[string]string{"RawMessageDelivery": "true"})
		_, err := c.DeleteTopic(ctx, &sns.DeleteTopicInput{TopicArn: aws.String(topic)})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("get-sub-after-topic-delete", subscriptionAttributes(ctx, sub))
	})

	It("lists the subscriptions of a topic", harness.Reference(ref+"TestSNSSubscriptionCrudV2::test_getting_subscriptions_by_topic"), func(ctx SpecContext) {
		snap := snapshot()
		topic := createTopic(ctx, nil)
		_, queue := createQueue(ctx, nil)
		subscribeQueue(ctx, topic, queue, nil)
		snap.Match("list-subscriptions-by-topic", subscriptionsByTopic(ctx, topic))
	})

	It("reports the attributes of a new subscription", harness.Reference(ref+"TestSNSSubscriptionCrudV2::test_subscribe_attributes"), func(ctx SpecContext) {
		snap := snapshot()
		topic := createTopic(ctx, nil)
		_, queue := createQueue(ctx, nil)
		sub := subscribeQueue(ctx, topic, queue, nil)
		snap.Match("get-subscription-attributes", subscriptionAttributes(ctx, sub))
	})

	It("rejects a non-numeric SMS endpoint", harness.Reference(ref+"TestSNSSubscriptionCrudV2::test_subscribe_bad_sms"), func(ctx SpecContext) {
		snap := snapshot()
		topic := createTopic(ctx, nil)
		_, err := harness.SNS().Subscribe(ctx, &sns.SubscribeInput{TopicArn: aws.String(topic), Protocol: aws.String("sms"), Endpoint: aws.String("invalid-number")})
		snap.Match("subscribe-bad-sms", err)
	})

	It("rejects a filter policy that is not JSON", harness.Reference(ref+"TestSNSSubscriptionCrudV2::test_subscribe_invalid_filter_policy"), func(ctx SpecContext) {
		reason := "moto fails with an internal error on a filter policy that is not JSON; AWS answers InvalidParameter (reference)"
		snap := snapshot().Divergence("moto", "$.Error.Code", reason).Divergence("moto", "$.Error.Type", reason).Divergence("moto", "$.ResponseMetadata.HTTPStatusCode", reason)
		topic := createTopic(ctx, nil)
		_, queue := createQueue(ctx, nil)
		_, err := harness.SNS().Subscribe(ctx, &sns.SubscribeInput{TopicArn: aws.String(topic), Protocol: aws.String("sqs"), Endpoint: aws.String(queue),
			Attributes: map[string]string{"FilterPolicy": "invalid"}})
		snap.Match("subscribe-invalid-filter-policy", err)
	})

	It("subscribes a phone number", harness.Reference(ref+"TestSNSSubscriptionCrudV2::test_subscribe_sms"), func(ctx SpecContext) {
		snap := snapshot()
		topic := createTopic(ctx, nil)
		out, err := harness.SNS().Subscribe(ctx, &sns.SubscribeInput{TopicArn: aws.String(topic), Protocol: aws.String("sms"), Endpoint: aws.String("+15551234567")})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("subscribe-sms-1", out)
	})

	It("subscribes a queue that does not exist", harness.Reference(ref+"TestSNSSubscriptionCrudV2::test_subscribe_unknown_sqs_queue"), func(ctx SpecContext) {
		snap := snapshot()
		c := harness.SNS()
		topic := createTopic(ctx, nil)
		missing := strings.Replace(topic, ":sns:", ":sqs:", 1) + "-missing-queue"
		out, err := c.Subscribe(ctx, &sns.SubscribeInput{TopicArn: aws.String(topic), Protocol: aws.String("sqs"), Endpoint: aws.String(missing)})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("subscribe-unknown-sqs", out)
		_, err = c.Subscribe(ctx, &sns.SubscribeInput{TopicArn: aws.String(topic), Protocol: aws.String("sqs"), Endpoint: aws.String("arn:aws:sqs:" + harness.Region() + ":" + account(topic))})
		snap.Match("subscribe-unknown-sqs-invalid_arn", err)
	})

	It("unsubscribes after the topic is deleted", harness.Reference(ref+"TestSNSSubscriptionCrudV2::test_unsubscribe_from_deleted_topic"), func(ctx SpecContext) {
		snap := snapshot()
		c := harness.SNS()
		topic := createTopic(ctx, nil)
		_, queue := createQueue(ctx, nil)
		sub := subscribeQueue(ctx, topic, queue, nil)
		_, err := c.DeleteTopic(ctx, &sns.DeleteTopicInput{TopicArn: aws.String(topic)})
		Expect(err).NotTo(HaveOccurred())
		_, err = c.Unsubscribe(ctx, &sns.UnsubscribeInput{SubscriptionArn: aws.String(sub)})
		Expect(err).NotTo(HaveOccurred())
		id := sub[strings.LastIndex(sub, ":")+1:]
		_, err = c.Unsubscribe(ctx, &sns.UnsubscribeInput{SubscriptionArn: aws.String(id)})
		snap.Match("unsubscribe-deleted-topic", err)
	})
})
