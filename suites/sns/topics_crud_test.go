package sns_test

import (
	"context"
	"encoding/json"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sns"
	"github.com/aws/aws-sdk-go-v2/service/sns/types"
	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/parity-harness/parity/harness"
)

// secondaryRegion is the second region of the multi-region specs.
const secondaryRegion = "us-west-2"

// snsIn returns an SNS client for the current target in another region.
func snsIn(region string) *sns.Client {
	cfg := harness.AWSConfig()
	return sns.NewFromConfig(cfg, func(o *sns.Options) { o.BaseEndpoint = cfg.BaseEndpoint; o.Region = region })
}

// topicPolicy is the Policy attribute of a topic as a document.
func topicPolicy(ctx context.Context, c *sns.Client, topic string) map[string]any {
	out, err := c.GetTopicAttributes(ctx, &sns.GetTopicAttributesInput{TopicArn: aws.String(topic)})
	Expect(err).NotTo(HaveOccurred())
	var doc map[string]any
	Expect(json.Unmarshal([]byte(out.Attributes["Policy"]), &doc)).To(Succeed())
	return doc
}

func tagOf(k, v string) types.Tag { return types.Tag{Key: aws.String(k), Value: aws.String(v)} }

var _ = Describe("SNS topic lifecycle", func() {
	It("recreates a deleted topic with new tags", harness.Reference(ref+"TestSNSTopicCrud::test_create_topic_after_delete_with_new_tags"), func(ctx SpecContext) {
		snap := snapshot()
		c := harness.SNS()
		name := harness.UniqueName("t")
		first, err := c.CreateTopic(ctx, &sns.CreateTopicInput{Name: aws.String(name), Tags: []types.Tag{tagOf("Name", "abc")}})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("topic-0", first)
		_, err = c.DeleteTopic(ctx, &sns.DeleteTopicInput{TopicArn: first.TopicArn})
		Expect(err).NotTo(HaveOccurred())
		second, err := c.CreateTopic(ctx, &sns.CreateTopicInput{Name: aws.String(name), Tags: []types.Tag{tagOf("Name", "def")}})
		Expect(err).NotTo(HaveOccurred())
		harness.Cleanup(func(ctx context.Context) { _, _ = c.DeleteTopic(ctx, &sns.DeleteTopicInput{TopicArn: second.TopicArn}) })
		snap.Match("topic-1", second)
	})

	It("drops the tags of a deleted topic", harness.Reference(ref+"TestSNSTopicCrud::test_tags_removed_after_deletion"), func(ctx SpecContext) {
		snap := snapshot()
		c := harness.SNS()
		name := harness.UniqueName("t")
		out, err := c.CreateTopic(ctx, &sns.CreateTopicInput{Name: aws.String(name), Tags: []types.Tag{tagOf("k1", "v1"), tagOf("k2", "v2")}})
		Expect(err).NotTo(HaveOccurred())
		tags, err := c.ListTagsForResource(ctx, &sns.ListTagsForResourceInput{ResourceArn: out.TopicArn})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("list-created-tags", tags)
		_, err = c.DeleteTopic(ctx, &sns.DeleteTopicInput{TopicArn: out.TopicArn})
		Expect(err).NotTo(HaveOccurred())
		again, err := c.CreateTopic(ctx, &sns.CreateTopicInput{Name: aws.String(name)})
		Expect(err).NotTo(HaveOccurred())
		harness.Cleanup(func(ctx context.Context) { _, _ = c.DeleteTopic(ctx, &sns.DeleteTopicInput{TopicArn: again.TopicArn}) })
		tags, err = c.ListTagsForResource(ctx, &sns.ListTagsForResourceInput{ResourceArn: again.TopicArn})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("list-empty-tags", tags)
	})

	It("rejects recreating a topic with different attributes", harness.Reference(ref+"TestSNSTopicCrudV2::test_create_topic_different_attrs"), func(ctx SpecContext) {
		snap := snapshot()
		c := harness.SNS()
		name := harness.UniqueName("t")
		create := func(attrs map[string]string) (*sns.CreateTopicOutput, error) {
			return c.CreateTopic(ctx, &sns.CreateTopicInput{Name: aws.String(name), Attributes: attrs})
		}
		out, err := create(map[string]string{"DisplayName": "Value1"})
		Expect(err).NotTo(HaveOccurred())
		harness.Cleanup(func(ctx context.Context) { _, _ = c.DeleteTopic(ctx, &sns.DeleteTopicInput{TopicArn: out.TopicArn}) })
		snap.Match("create-topic", out)
		again, err := create(nil)
		Expect(err).NotTo(HaveOccurred())
		snap.Match("create-topic-no-attrs", again)
		_, err = create(map[string]string{"DisplayName": "Value2"})
		snap.Match("create-topic-diff-attrs", err)
		_, err = create(map[string]string{"SignatureVersion": "2"})
		snap.Match("create-topic-new-attrs", err)
		_, err = create(map[string]string{"DisplayName": "Value1", "SignatureVersion": "2"})
		snap.Match("create-topic-new-and-same-attrs", err)
		_, err = create(map[string]string{"FifoTopic": "true"})
		snap.Match("create-topic-new-attrs-fifo", err)
		attrs, err := c.GetTopicAttributes(ctx, &sns.GetTopicAttributesInput{TopicArn: out.TopicArn})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("topic-attrs", attrs)
	})

	It("keeps attributes when a topic is created again", harness.Reference(ref+"TestSNSTopicCrudV2::test_create_topic_should_be_idempotent"), func(ctx SpecContext) {
		snap := snapshot()
		c := harness.SNS()
		name := harness.UniqueName("t")
		out, err := c.CreateTopic(ctx, &sns.CreateTopicInput{Name: aws.String(name)})
		Expect(err).NotTo(HaveOccurred())
		harness.Cleanup(func(ctx context.Context) { _, _ = c.DeleteTopic(ctx, &sns.DeleteTopicInput{TopicArn: out.TopicArn}) })
		_, err = c.SetTopicAttributes(ctx, &sns.SetTopicAttributesInput{TopicArn: out.TopicArn, AttributeName: aws.String("DisplayName"), AttributeValue: aws.String("AlreadySet")})
		Expect(err).NotTo(HaveOccurred())
		attrs, err := c.GetTopicAttributes(ctx, &sns.GetTopicAttributesInput{TopicArn: out.TopicArn})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("topic-attrs-idempotent-1", attrs)
		again, err := c.CreateTopic(ctx, &sns.CreateTopicInput{Name: aws.String(name)})
		Expect(err).NotTo(HaveOccurred())
		Expect(again.TopicArn).To(Equal(out.TopicArn))
		attrs, err = c.GetTopicAttributes(ctx, &sns.GetTopicAttributesInput{TopicArn: out.TopicArn})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("topic-attrs-idempotent-2", attrs)
	})

	It("creates topics of one name in two regions", harness.Reference(ref+"TestSNSTopicCrudV2::test_create_topic_in_multiple_regions"), func(ctx SpecContext) {
		snap := snapshot()
		name := harness.UniqueName("t")
		keys := map[string][2]string{harness.Region(): {"topic-east", "list-primary"}, secondaryRegion: {"topic-west", "list-secondary"}}
		for _, region := range []string{harness.Region(), secondaryRegion} {
			c := snsIn(region)
			out, err := c.CreateTopic(ctx, &sns.CreateTopicInput{Name: aws.String(name)})
			Expect(err).NotTo(HaveOccurred())
			harness.Cleanup(func(ctx context.Context) { _, _ = c.DeleteTopic(ctx, &sns.DeleteTopicInput{TopicArn: out.TopicArn}) })
			attrs, err := c.GetTopicAttributes(ctx, &sns.GetTopicAttributesInput{TopicArn: out.TopicArn})
			Expect(err).NotTo(HaveOccurred())
			snap.Match(keys[region][0], attrs)
		}
		for _, region := range []string{harness.Region(), secondaryRegion} {
			list, err := snsIn(region).ListTopics(ctx, &sns.ListTopicsInput{})
			Expect(err).NotTo(HaveOccurred())
			// other specs' topics live in the same regions: keep this one's
			mine := list.Topics[:0]
			for _, t := range list.Topics {
				if arn := aws.ToString(t.TopicArn); arn[len(arn)-len(name)-1:] == ":"+name {
					mine = append(mine, t)
				}
			}
			list.Topics, list.NextToken = mine, nil
			snap.Match(keys[region][1], list)
		}
	})

	It("adds a permission to the topic policy", harness.Reference(ref+"TestSNSTopicCrudV2::test_topic_add_permission"), func(ctx SpecContext) {
		snap := snapshot()
		c := harness.SNS()
		topic := createTopic(ctx, nil)
		out, err := c.AddPermission(ctx, &sns.AddPermissionInput{TopicArn: aws.String(topic), Label: aws.String("test"), AWSAccountId: []string{account(topic)}, ActionName: []string{"Publish"}})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("add-permission-response", out)
		snap.Match("topic-policy-after-permission", topicPolicy(ctx, c, topic))
	})

	It("adds a permission for several actions", harness.Reference(ref+"TestSNSTopicCrudV2::test_topic_add_multiple_permissions"), func(ctx SpecContext) {
		snap := snapshot()
		c := harness.SNS()
		topic := createTopic(ctx, nil)
		out, err := c.AddPermission(ctx, &sns.AddPermissionInput{TopicArn: aws.String(topic), Label: aws.String("test"), AWSAccountId: []string{account(topic)}, ActionName: []string{"Publish", "Subscribe"}})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("add-permission-response", out)
		snap.Match("topic-policy-after-permission", topicPolicy(ctx, c, topic))
	})

	It("removes a permission from the topic policy", harness.Reference(ref+"TestSNSTopicCrudV2::test_topic_remove_permission"), func(ctx SpecContext) {
		snap := snapshot()
		c := harness.SNS()
		topic := createTopic(ctx, nil)
		_, err := c.AddPermission(ctx, &sns.AddPermissionInput{TopicArn: aws.String(topic), Label: aws.String("test"), AWSAccountId: []string{account(topic)}, ActionName: []string{"Publish"}})
		Expect(err).NotTo(HaveOccurred())
		_, err = c.RemovePermission(ctx, &sns.RemovePermissionInput{TopicArn: aws.String(topic), Label: aws.String("test")})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("topic-policy", topicPolicy(ctx, c, topic))
	})
})
