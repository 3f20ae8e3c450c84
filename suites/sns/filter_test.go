package sns_test

import (
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sns"
	"github.com/aws/aws-sdk-go-v2/service/sns/types"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/parity-harness/parity/harness"
)

var _ = Describe("SNS filter policies", func() {
	It("sets the filter policy scope", harness.Reference(filterRef+"TestSNSFilterPolicyCrud::test_set_subscription_filter_policy_scope"), func(ctx SpecContext) {
		snap := snapshot()
		c := harness.SNS()
		topic := createTopic(ctx, nil)
		_, queue := createQueue(ctx, nil)
		sub := subscribeQueue(ctx, topic, queue, nil)
		get := func() *sns.GetSubscriptionAttributesOutput {
			out, err := c.GetSubscriptionAttributes(ctx, &sns.GetSubscriptionAttributesInput{SubscriptionArn: aws.String(sub)})
			Expect(err).NotTo(HaveOccurred())
			return out
		}
		set := func(name, value string) error {
			_, err := c.SetSubscriptionAttributes(ctx, &sns.SetSubscriptionAttributesInput{SubscriptionArn: aws.String(sub), AttributeName: aws.String(name), AttributeValue: aws.String(value)})
			return err
		}
		snap.Match("sub-attrs-default", get())
		Expect(set("FilterPolicyScope", "MessageBody")).To(Succeed())
		snap.Match("sub-attrs-filter-scope-body", get())
		snap.Match("sub-attrs-filter-scope-error", set("FilterPolicyScope", "RandomValue"))
		Expect(set("FilterPolicy", `{"attr": ["match-this"]}`)).To(Succeed())
		snap.Match("sub-attrs-after-setting-policy", get())
	})

	It("rejects a nested policy for attribute scope", harness.Reference(filterRef+"TestSNSFilterPolicyCrud::test_sub_filter_policy_nested_property"), func(ctx SpecContext) {
		snap := snapshot()
		c := harness.SNS()
		topic := createTopic(ctx, nil)
		_, queue := createQueue(ctx, nil)
		sub := subscribeQueue(ctx, topic, queue, nil)
		set := func(name, value string) error {
			_, err := c.SetSubscriptionAttributes(ctx, &sns.SetSubscriptionAttributesInput{SubscriptionArn: aws.String(sub), AttributeName: aws.String(name), AttributeValue: aws.String(value)})
			return err
		}
		nested := `{"object": {"key": [{"prefix": "auto-"}]}}`
		snap.Match("sub-filter-policy-nested-error", set("FilterPolicy", nested))
		Expect(set("FilterPolicyScope", "MessageBody")).To(Succeed())
		Expect(set("FilterPolicy", nested)).To(Succeed())
		out, err := c.GetSubscriptionAttributes(ctx, &sns.GetSubscriptionAttributesInput{SubscriptionArn: aws.String(sub)})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("sub-attrs-after-setting-nested-policy", out)
	})

	It("filters on exists", harness.Reference(filterRef+"TestSNSFilterPolicyAttributes::test_exists_filter_policy"), func(ctx SpecContext) {
		snap := deliverySnapshot()
		c := harness.SNS()
		topic := createTopic(ctx, nil)
		url, queue := createQueue(ctx, map[string]string{"VisibilityTimeout": "0"}) // a received message shows again
		sub := subscribeQueue(ctx, topic, queue, map[string]string{"FilterPolicy": `{"store": [{"exists": true}]}`})
		snap.Match("subscription-attributes-policy-1", subscriptionAttributes(ctx, sub))
		receive := func(want int) *sqs.ReceiveMessageOutput {
			return receiveUntil(ctx, &sqs.ReceiveMessageInput{QueueUrl: aws.String(url), MaxNumberOfMessages: 10, WaitTimeSeconds: 1}, want)
		}
		pub := func(msg string, attrs map[string]types.MessageAttributeValue) {
			_, err := c.Publish(ctx, &sns.PublishInput{TopicArn: aws.String(topic), Message: aws.String(msg), MessageAttributes: attrs})
			Expect(err).NotTo(HaveOccurred())
		}
		snap.Match("messages-0", receive(0))
		both := map[string]types.MessageAttributeValue{"store": numAttr("99"), "def": numAttr("99")}
		withoutStore := map[string]types.MessageAttributeValue{"def": numAttr("99")}
		pub("message-1", both)
		snap.Match("messages-1", receive(1))
		pub("message-2", withoutStore)
		second := receive(1)
		snap.Match("messages-2", second)
		deleteMessages(ctx, url, second)

		setSubAttr(ctx, sub, "FilterPolicy", `{"store": [{"exists": false}]}`)
		snap.Match("subscription-attributes-policy-2", subscriptionAttributes(ctx, sub))
		pub("message-3", withoutStore)
		snap.Match("messages-3", receive(1))
		pub("message-4", both)
		snap.Match("messages-4", receive(1))
	})
})
