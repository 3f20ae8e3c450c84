package sns_test

import (
	"context"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sns"
	"github.com/aws/aws-sdk-go-v2/service/sns/types"
	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/parity-harness/parity/harness"
)

var _ = Describe("SNS topics", func() {
	It("creates, reads and deletes a topic", harness.Reference(ref+"TestSNSTopicCrud::test_create_topic_test_arn"), func(ctx SpecContext) {
		snap := snapshot().Divergence("moto", "$..Attributes.EffectiveDeliveryPolicy", "moto's default delivery policy differs from AWS's (reference)")
		c := harness.SNS()
		out, err := c.CreateTopic(ctx, &sns.CreateTopicInput{Name: aws.String(harness.UniqueName("t"))})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("create-topic", out)
		attrs, err := c.GetTopicAttributes(ctx, &sns.GetTopicAttributesInput{TopicArn: out.TopicArn})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("get-topic-attrs", attrs)
		del, err := c.DeleteTopic(ctx, &sns.DeleteTopicInput{TopicArn: out.TopicArn})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("delete-topic", del)
		_, err = c.GetTopicAttributes(ctx, &sns.GetTopicAttributesInput{TopicArn: out.TopicArn})
		snap.Match("topic-not-exists", err)
	})

	It("creates topics idempotently", harness.Reference(ref+"TestSNSTopicCrud::test_create_duplicate_topic_check_idempotency"), func(ctx SpecContext) {
		snap := snapshot()
		c := harness.SNS()
		name := harness.UniqueName("t")
		out, err := c.CreateTopic(ctx, &sns.CreateTopicInput{Name: aws.String(name)})
		Expect(err).NotTo(HaveOccurred())
		harness.Cleanup(func(ctx2 context.Context) { c.DeleteTopic(ctx2, &sns.DeleteTopicInput{TopicArn: out.TopicArn}) })
		snap.Match("response-created", out)
		for i, tags := range [][]types.Tag{nil, {}, nil} {
			again, err := c.CreateTopic(ctx, &sns.CreateTopicInput{Name: aws.String(name), Tags: tags})
			Expect(err).NotTo(HaveOccurred())
			snap.Match(fmt.Sprintf("response-same-arn-%d", i), again)
		}
	})

	It("rejects recreating a topic with more tags", harness.Reference(ref+"TestSNSTopicCrud::test_create_duplicate_topic_with_more_tags"), func(ctx SpecContext) {
		snap := snapshot()
		c := harness.SNS()
		name := harness.UniqueName("t")
		out, err := c.CreateTopic(ctx, &sns.CreateTopicInput{Name: aws.String(name), Tags: []types.Tag{{Key: aws.String("k1"), Value: aws.String("v1")}}})
		Expect(err).NotTo(HaveOccurred())
		harness.Cleanup(func(ctx2 context.Context) { c.DeleteTopic(ctx2, &sns.DeleteTopicInput{TopicArn: out.TopicArn}) })
		_, err = c.CreateTopic(ctx, &sns.CreateTopicInput{Name: aws.String(name), Tags: []types.Tag{{Key: aws.String("k1"), Value: aws.String("v1")}, {Key: aws.String("k2"), Value: aws.String("v2")}}})
		snap.Match("exception-duplicate", err)
	})

	It("tags topics", harness.Reference(ref+"TestSNSTopicCrud::test_tags"), func(ctx SpecContext) {
		snap := snapshot()
		c := harness.SNS()
		topic := createTopic(ctx, nil)
		tag := func(k, v string) types.Tag { return types.Tag{Key: aws.String(k), Value: aws.String(v)} }
		_, err := c.TagResource(ctx, &sns.TagResourceInput{ResourceArn: aws.String(topic), Tags: []types.Tag{tag("k1", "v1"), tag("k2", "v2")}})
		Expect(err).NotTo(HaveOccurred())
		list := func() *sns.ListTagsForResourceOutput {
			out, err := c.ListTagsForResource(ctx, &sns.ListTagsForResourceInput{ResourceArn: aws.String(topic)})
			Expect(err).NotTo(HaveOccurred())
			return out
		}
		snap.Match("list-created-tags", list())
		_, err = c.UntagResource(ctx, &sns.UntagResourceInput{ResourceArn: aws.String(topic), TagKeys: []string{"k1"}})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("list-after-delete-tags", list())
		_, err = c.TagResource(ctx, &sns.TagResourceInput{ResourceArn: aws.String(topic), Tags: []types.Tag{tag("k2", "v2b")}})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("list-after-update-tags", list())
		_, err = c.TagResource(ctx, &sns.TagResourceInput{ResourceArn: aws.String(topic), Tags: []types.Tag{tag("k3", "v3"), tag("k3", "v3b")}})
		snap.Match("duplicate-key-error", err)
	})

	It("deletes a topic that does not exist", harness.Reference(ref+"TestSNSTopicCrudV2::test_delete_non_existent_topic"), func(ctx SpecContext) {
		snap := snapshot()
		topic := createTopic(ctx, nil)
		out, err := harness.SNS().DeleteTopic(ctx, &sns.DeleteTopicInput{TopicArn: aws.String(topic + "-missing")})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("delete-non-existent-topic", out)
	})

	It("rejects setting FifoTopic after creation", harness.Reference(ref+"TestSNSTopicCrudV2::test_topic_get_attributes_with_fifo_false"), func(ctx SpecContext) {
		snap := snapshot().Divergence("moto", "$..Attributes.EffectiveDeliveryPolicy", "moto's default delivery policy differs from AWS's (reference)")
		c := harness.SNS()
		topic := createTopic(ctx, nil)
		attrs, err := c.GetTopicAttributes(ctx, &sns.GetTopicAttributesInput{TopicArn: aws.String(topic)})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("get-attrs-standard-topic", attrs)
		_, err = c.SetTopicAttributes(ctx, &sns.SetTopicAttributesInput{TopicArn: aws.String(topic), AttributeName: aws.String("FifoTopic"), AttributeValue: aws.String("false")})
		snap.Match("set-fifo-false-after-creation", err)
	})

	It("reports a missing topic on RemovePermission", harness.Reference(ref+"TestSNSTopicCrudV2::test_remove_permission_errors"), func(ctx SpecContext) {
		snap := snapshot()
		topic := createTopic(ctx, nil)
		_, err := harness.SNS().RemovePermission(ctx, &sns.RemovePermissionInput{TopicArn: aws.String(topic + "-missing"), Label: aws.String("x")})
		snap.Match("topic-not-found", err)
	})

	It("adds and removes permissions", func(ctx SpecContext) {
		snap := snapshot()
		c := harness.SNS()
		topic := createTopic(ctx, nil)
		out, err := c.AddPermission(ctx, &sns.AddPermissionInput{TopicArn: aws.String(topic), Label: aws.String("test"), AWSAccountId: []string{account(topic)}, ActionName: []string{"Publish"}})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("add-permission-response", out)
		rm, err := c.RemovePermission(ctx, &sns.RemovePermissionInput{TopicArn: aws.String(topic), Label: aws.String("test")})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("remove-permission-response", rm)
	})

	It("keeps a data protection policy", func(ctx SpecContext) {
		snap := snapshot()
		c := harness.SNS()
		topic := createTopic(ctx, nil)
		policy := `{"Name":"p","Description":"d","Version":"2021-06-01","Statement":[{"DataDirection":"Inbound","Principal":["*"],"DataIdentifier":["arn:aws:dataprotection::aws:data-identifier/EmailAddress"],"Operation":{"Deny":{}}}]}`
		_, err := c.PutDataProtectionPolicy(ctx, &sns.PutDataProtectionPolicyInput{ResourceArn: aws.String(topic), DataProtectionPolicy: aws.String(policy)})
		Expect(err).NotTo(HaveOccurred())
		out, err := c.GetDataProtectionPolicy(ctx, &sns.GetDataProtectionPolicyInput{ResourceArn: aws.String(topic)})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("get-data-protection-policy", out)
	})

	It("lists topics", func(ctx SpecContext) {
		topic := createTopic(ctx, nil)
		out, err := harness.SNS().ListTopics(ctx, &sns.ListTopicsInput{})
		Expect(err).NotTo(HaveOccurred())
		var arns []string
		for _, t := range out.Topics {
			arns = append(arns, aws.ToString(t.TopicArn))
		}
		Expect(arns).To(ContainElement(topic))
	})
})
