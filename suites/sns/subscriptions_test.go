package sns_test

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sns"
	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/parity-harness/parity/harness"
)

var _ = Describe("SNS subscriptions", func() {
	It("creates a subscription with attributes", harness.Reference(ref+"TestSNSSubscriptionCrud::test_create_subscriptions_with_attributes"), func(ctx SpecContext) {
		snap := snapshot()
		c := harness.SNS()
		topic := createTopic(ctx, nil)
		_, queue := createQueue(ctx, nil)
		sub, err := c.Subscribe(ctx, &sns.SubscribeInput{TopicArn: aws.String(topic), Protocol: aws.String("sqs"), Endpoint: aws.String(queue),
			Attributes: map[string]string{"RawMessageDelivery": "true"}, ReturnSubscriptionArn: true})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("subscribe", sub)
		_, err = c.Subscribe(ctx, &sns.SubscribeInput{TopicArn: aws.String(topic), Protocol: aws.String("sqs"), Endpoint: aws.String(queue),
			Attributes: map[string]string{"RawMessageDelivery": "wrongvalue"}, ReturnSubscriptionArn: true})
		snap.Match("subscribe-wrong-attr", err)
		attrs, err := c.GetSubscriptionAttributes(ctx, &sns.GetSubscriptionAttributesInput{SubscriptionArn: sub.SubscriptionArn})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("get-attrs", attrs)
		_, err = c.GetSubscriptionAttributes(ctx, &sns.GetSubscriptionAttributesInput{SubscriptionArn: aws.String(aws.ToString(sub.SubscriptionArn) + "x")})
		snap.Match("get-attrs-nonexistent-sub", err)
	})

	It("rejects an unsupported protocol", harness.Reference(ref+"TestSNSSubscriptionCrud::test_subscribe_with_invalid_protocol"), func(ctx SpecContext) {
		snap := snapshot()
		topic := createTopic(ctx, nil)
		_, err := harness.SNS().Subscribe(ctx, &sns.SubscribeInput{TopicArn: aws.String(topic), Protocol: aws.String("test-protocol"), Endpoint: aws.String("localhost")})
		snap.Match("exception", err)
	})

	It("rejects invalid topic ARNs", harness.Reference(ref+"TestSNSSubscriptionCrud::test_subscribe_with_invalid_topic"), func(ctx SpecContext) {
		snap := snapshot()
		c := harness.SNS()
		topic := createTopic(ctx, nil)
		_, queue := createQueue(ctx, nil)
		sub := func(arn string) error {
			_, err := c.Subscribe(ctx, &sns.SubscribeInput{TopicArn: aws.String(arn), Protocol: aws.String("sqs"), Endpoint: aws.String(queue)})
			return err
		}
		snap.Match("invalid-subscribe-arn-1", sub("randomstring"))
		snap.Match("invalid-subscribe-arn-2", sub("arn:aws:sns:us-east-1:"+account(topic)))
		snap.Match("non-existent-topic", sub(topic+"-missing"))
	})

	It("unsubscribes idempotently", harness.Reference(ref+"TestSNSSubscriptionCrud::test_unsubscribe_idempotency"), func(ctx SpecContext) {
		snap := snapshot()
		topic := createTopic(ctx, nil)
		_, queue := createQueue(ctx, nil)
		arn := subscribeQueue(ctx, topic, queue, nil)
		for _, key := range []string{"unsubscribe-1", "unsubscribe-2"} {
			out, err := harness.SNS().Unsubscribe(ctx, &sns.UnsubscribeInput{SubscriptionArn: aws.String(arn)})
			Expect(err).NotTo(HaveOccurred())
			snap.Match(key, out)
		}
	})

	It("rejects malformed subscription ARNs", harness.Reference(ref+"TestSNSSubscriptionCrud::test_unsubscribe_wrong_arn_format"), func(ctx SpecContext) {
		snap := snapshot()
		topic := createTopic(ctx, nil)
		unsub := func(arn string) error {
			_, err := harness.SNS().Unsubscribe(ctx, &sns.UnsubscribeInput{SubscriptionArn: aws.String(arn)})
			return err
		}
		snap.Match("invalid-unsubscribe-arn-1", unsub("randomstring"))
		snap.Match("invalid-unsubscribe-arn-2", unsub("arn:aws:sns:us-east-1:"+account(topic)))
		snap.Match("invalid-unsubscribe-arn-3", unsub(topic))
		snap.Match("invalid-unsubscribe-arn-4", unsub(""))
	})

	It("validates subscription attributes", harness.Reference(ref+"TestSNSSubscriptionCrud::test_validate_set_sub_attributes"), func(ctx SpecContext) {
		snap := snapshot()
		c := harness.SNS()
		topic := createTopic(ctx, nil)
		_, queue := createQueue(ctx, nil)
		arn := subscribeQueue(ctx, topic, queue, nil)
		set := func(name, value string) error {
			_, err := c.SetSubscriptionAttributes(ctx, &sns.SetSubscriptionAttributesInput{SubscriptionArn: aws.String(arn), AttributeName: aws.String(name), AttributeValue: aws.String(value)})
			return err
		}
		snap.Match("fake-attribute", set("FakeAttribute", "test-value"))
		snap.Match("raw-message-wrong-value", set("RawMessageDelivery", "test-ValUe"))
		snap.Match("raw-message-empty-value", set("RawMessageDelivery", ""))
		snap.Match("fake-arn-redrive-policy", set("RedrivePolicy", `{"deadLetterTargetArn": "fake-arn"}`))
		snap.Match("invalid-json-redrive-policy", set("RedrivePolicy", "{invalidjson}"))
		snap.Match("invalid-json-filter-policy", set("FilterPolicy", "{invalidjson}"))
	})

	It("subscribes idempotently and lists subscriptions", harness.Reference(ref+"TestSNSSubscriptionCrudV2::test_double_subscription"), func(ctx SpecContext) {
		snap := snapshot()
		c := harness.SNS()
		// the AWS recording keeps this topic name in its ARNs
		created, err := c.CreateTopic(ctx, &sns.CreateTopicInput{Name: aws.String("double-sub-befdfdff")})
		Expect(err).NotTo(HaveOccurred())
		topic := aws.ToString(created.TopicArn)
		harness.Cleanup(func(ctx context.Context) {
			_, _ = c.DeleteTopic(ctx, &sns.DeleteTopicInput{TopicArn: created.TopicArn})
		})
		_, queue := createQueue(ctx, nil)
		for _, key := range []string{"double-subscription-first", "double-subscription-second"} {
			out, err := c.Subscribe(ctx, &sns.SubscribeInput{TopicArn: aws.String(topic), Protocol: aws.String("sqs"), Endpoint: aws.String(queue)})
			Expect(err).NotTo(HaveOccurred())
			snap.Match(key, out)
		}
		list, err := c.ListSubscriptionsByTopic(ctx, &sns.ListSubscriptionsByTopicInput{TopicArn: aws.String(topic)})
		Expect(err).NotTo(HaveOccurred())
		Expect(list.Subscriptions).To(HaveLen(1))
		all, err := c.ListSubscriptions(ctx, &sns.ListSubscriptionsInput{})
		Expect(err).NotTo(HaveOccurred())
		Expect(all.Subscriptions).NotTo(BeEmpty())
	})

	It("rejects SQS queue URLs as endpoints", harness.Reference(ref+"TestSNSSubscriptionCrudV2::test_subscribe_sqs_queue_url"), func(ctx SpecContext) {
		snap := snapshot()
		topic := createTopic(ctx, nil)
		url, _ := createQueue(ctx, nil)
		_, err := harness.SNS().Subscribe(ctx, &sns.SubscribeInput{TopicArn: aws.String(topic), Protocol: aws.String("sqs"), Endpoint: aws.String(url)})
		snap.Match("subscribe-sqs-via-url-error", err)
	})

	It("rejects invalid SMS endpoints", harness.Reference(ref+"TestSNSSubscriptionCrudV2::test_subscribe_invalid_sms"), func(ctx SpecContext) {
		snap := snapshot()
		topic := createTopic(ctx, nil)
		for _, n := range []string{"NAA+15551234567", "+15--551234567", "+15551234567.", "/+15551234567"} {
			_, err := harness.SNS().Subscribe(ctx, &sns.SubscribeInput{TopicArn: aws.String(topic), Protocol: aws.String("sms"), Endpoint: aws.String(n)})
			snap.Match("subscribe-bad-sms-"+n, err)
		}
	})

	It("rejects a wrong confirmation token", harness.Reference(ref+"TestSNSSubscriptionCrud::test_sns_confirm_subscription_wrong_token"), func(ctx SpecContext) {
		snap := snapshot()
		c := harness.SNS()
		topic := createTopic(ctx, nil)
		_, err := c.ConfirmSubscription(ctx, &sns.ConfirmSubscriptionInput{TopicArn: aws.String(topic), Token: aws.String("123")})
		snap.Match("invalid-token", err)
		_, err = c.ConfirmSubscription(ctx, &sns.ConfirmSubscriptionInput{TopicArn: aws.String(topic), Token: aws.String("1234567890abcdef1234567890abcdef1234567890abcdef1234567890abcdef1234567890abcdef1234567890abcdef1234567890abcdef1234567890abcdef")})
		snap.Match("token-not-exists", err)
		_, err = c.ConfirmSubscription(ctx, &sns.ConfirmSubscriptionInput{TopicArn: aws.String(topic + "-missing"), Token: aws.String("1234567890abcdef1234567890abcdef1234567890abcdef1234567890abcdef1234567890abcdef1234567890abcdef1234567890abcdef1234567890abcdef")})
		snap.Match("topic-not-exists", err)
	})

	It("keeps an http subscription pending", harness.Reference(ref+"TestSNSSubscriptionCrudV2::test_creating_subscription"), func(ctx SpecContext) {
		snap := snapshot()
		topic := createTopic(ctx, nil)
		out, err := harness.SNS().Subscribe(ctx, &sns.SubscribeInput{TopicArn: aws.String(topic), Protocol: aws.String("http"), Endpoint: aws.String("http://localhost:1/hook")})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("create-subscription", out)
	})
})
