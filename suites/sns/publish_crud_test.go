package sns_test

import (
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sns"
	"github.com/aws/aws-sdk-go-v2/service/sns/types"
	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/parity-harness/parity/harness"
)

// publisherIn returns an SNS client for the current target in another region.
func publisherIn(region string) *sns.Client {
	cfg := harness.AWSConfig()
	return sns.NewFromConfig(cfg, func(o *sns.Options) { o.BaseEndpoint = cfg.BaseEndpoint; o.Region = region })
}

var _ = Describe("SNS publish checks", func() {
	It("rejects batches that are too long", harness.Reference(ref+"TestSNSPublishCrud::test_publish_batch_too_long_message"), func(ctx SpecContext) {
		snap := deliverySnapshot()
		topic := createTopic(ctx, nil)
		entry := func(id string, n int, attrs map[string]types.MessageAttributeValue) types.PublishBatchRequestEntry {
			return types.PublishBatchRequestEntry{Id: aws.String(id), Message: aws.String(strings.Repeat("a", n)), MessageAttributes: attrs}
		}
		_, err := harness.SNS().PublishBatch(ctx, &sns.PublishBatchInput{TopicArn: aws.String(topic), PublishBatchRequestEntries: []types.PublishBatchRequestEntry{
			entry("1", 150000, nil), entry("2", 150000, nil)}})
		snap.Match("error-no-attrs", err)
		_, err = harness.SNS().PublishBatch(ctx, &sns.PublishBatchInput{TopicArn: aws.String(topic), PublishBatchRequestEntries: []types.PublishBatchRequestEntry{
			entry("1", 131070, map[string]types.MessageAttributeValue{"attr1": numAttr("12345")}), entry("2", 131070, map[string]types.MessageAttributeValue{"attr1": numAttr("12345")})}})
		snap.Match("error-with-attrs", err)
	})

	It("publishes by topic and by target ARN", harness.Reference(ref+"TestSNSPublishCrud::test_publish_message_by_target_arn"), func(ctx SpecContext) {
		snap := deliverySnapshot()
		topic := createTopic(ctx, nil)
		url, queue := createQueue(ctx, nil)
		subscribeQueue(ctx, topic, queue, nil)
		publish(ctx, &sns.PublishInput{TopicArn: aws.String(topic), Message: aws.String("test-msg-1")})
		got := receiveMessages(ctx, url, 1, false)
		snap.Match("receive-topic-arn", got)
		deleteMessages(ctx, url, got)
		publish(ctx, &sns.PublishInput{TargetArn: aws.String(topic), Message: aws.String("test-msg-2")})
		snap.Match("receive-target-arn", receiveMessages(ctx, url, 1, false))
	})

	It("rejects a missing platform endpoint", harness.Reference(ref+"TestSNSPublishCrud::test_publish_non_existent_target"), func(ctx SpecContext) {
		snap := deliverySnapshot().
			Divergence("moto", "$.Error.Code", "moto answers NotFound (404) for a missing platform endpoint; AWS answers InvalidParameter (400) (reference)").
			Divergence("moto", "$.ResponseMetadata.HTTPStatusCode", "moto answers NotFound (404) for a missing platform endpoint; AWS answers InvalidParameter (400) (reference)")
		topic := createTopic(ctx, nil)
		arn := strings.Replace(topic, ":"+topic[strings.LastIndex(topic, ":")+1:], ":endpoint/APNS/abcdef/0f7d5971-aa8b-4bd5-b585-0826e9f93a66", 1)
		_, err := harness.SNS().Publish(ctx, &sns.PublishInput{TargetArn: aws.String(arn), Message: aws.String("This is a push notification")})
		snap.Match("non-existent-endpoint", err)
	})

	It("refuses to publish to a topic of another region", harness.Reference(ref+"TestSNSPublishCrud::test_topic_publish_another_region"), func(ctx SpecContext) {
		snap := deliverySnapshot().
			Divergence("moto", "$.Error.Code", "moto answers NotFound (404) for a topic of another region; AWS answers InvalidParameter (400) (reference)").
			Divergence("moto", "$.ResponseMetadata.HTTPStatusCode", "moto answers NotFound (404) for a topic of another region; AWS answers InvalidParameter (400) (reference)")
		topic := createTopic(ctx, nil)
		region := strings.Split(topic, ":")[3]
		other := "us-west-2"
		if region == other {
			other = "us-east-1"
		}
		c := publisherIn(other)
		_, err := c.Publish(ctx, &sns.PublishInput{TopicArn: aws.String(topic), Message: aws.String("test message")})
		snap.Match("error", err)
		_, err = c.PublishBatch(ctx, &sns.PublishBatchInput{TopicArn: aws.String(topic), PublishBatchRequestEntries: []types.PublishBatchRequestEntry{
			{Id: aws.String("1"), Message: aws.String("test message")}}})
		snap.Match("error-batch", err)
		out, err := harness.SNS().Publish(ctx, &sns.PublishInput{TopicArn: aws.String(topic), Message: aws.String("test message")})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("success", out)
	})
})
