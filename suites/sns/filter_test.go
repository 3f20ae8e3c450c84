package sns_test

import (
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sns"
	"github.com/aws/aws-sdk-go-v2/service/sns/types"
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
		snap := snapshot()
		c := harness.SNS()
		topic := createTopic(ctx, nil)
		url, queue := createQueue(ctx, nil)
		sub := subscribeQueue(ctx, topic, queue, map[string]string{"FilterPolicy": `{"store": [{"exists": true}]}`})
		attrs, err := c.GetSubscriptionAttributes(ctx, &sns.GetSubscriptionAttributesInput{SubscriptionArn: aws.String(sub)})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("subscription-attributes-policy-1", attrs)
		_, err = c.Publish(ctx, &sns.PublishInput{TopicArn: aws.String(topic), Message: aws.String("message-1"), MessageAttributes: map[string]types.MessageAttributeValue{"store": numAttr("99"), "def": numAttr("99")}})
		Expect(err).NotTo(HaveOccurred())
		_, err = c.Publish(ctx, &sns.PublishInput{TopicArn: aws.String(topic), Message: aws.String("message-2"), MessageAttributes: map[string]types.MessageAttributeValue{"def": numAttr("99")}})
		Expect(err).NotTo(HaveOccurred())
		got := receiveAll(ctx, url, 1)
		Expect(got.Messages).To(HaveLen(1))
	})
})
