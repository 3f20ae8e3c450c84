package sns_test

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sns"
	"github.com/aws/aws-sdk-go-v2/service/sns/types"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
	sqstypes "github.com/aws/aws-sdk-go-v2/service/sqs/types"
	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/parity-harness/parity/harness"
)

// sqsIn returns an SQS client for the current target in another region.
func sqsIn(region string) *sqs.Client {
	cfg := harness.AWSConfig()
	return sqs.NewFromConfig(cfg, func(o *sqs.Options) { o.BaseEndpoint = cfg.BaseEndpoint; o.Region = region })
}

const crossRegionReason = "moto answers NotFound for a topic of another region; AWS answers InvalidParameter (reference)"

var _ = Describe("SNS across regions", func() {
	It("refuses topic operations from another region", harness.Reference(ref+"TestSNSMultiRegions::test_cross_region_access"), func(ctx SpecContext) {
		snap := snapshot()
		topic := createTopic(ctx, nil)
		other := snsIn(secondaryRegion)
		_, err := other.Publish(ctx, &sns.PublishInput{TopicArn: aws.String(topic), Message: aws.String("test message")})
		snap.Match("cross-region-publish-forbidden", err)
		_, err = other.Subscribe(ctx, &sns.SubscribeInput{TopicArn: aws.String(topic), Protocol: aws.String("sms"), Endpoint: aws.String("+15551234567")})
		snap.Match("cross-region-subscribe", err)
		_, err = other.GetTopicAttributes(ctx, &sns.GetTopicAttributesInput{TopicArn: aws.String(topic)})
		snap.Match("get-topic-attrs", err)
		_, err = other.SetTopicAttributes(ctx, &sns.SetTopicAttributesInput{TopicArn: aws.String(topic), AttributeName: aws.String("DisplayName"), AttributeValue: aws.String("xyz")})
		snap.Match("set-topic-attrs", err)
		_, err = other.ListSubscriptionsByTopic(ctx, &sns.ListSubscriptionsByTopicInput{TopicArn: aws.String(topic)})
		snap.Match("list-subs", err)
		_, err = other.DeleteTopic(ctx, &sns.DeleteTopicInput{TopicArn: aws.String(topic)})
		snap.Match("delete-topic", err)
		_, err = harness.SNS().GetTopicAttributes(ctx, &sns.GetTopicAttributesInput{TopicArn: aws.String(topic)})
		Expect(err).NotTo(HaveOccurred(), "the topic outlives the refused delete")
	})

	It("delivers to a queue of another region", harness.Reference(ref+"TestSNSMultiRegions::test_cross_region_delivery_sqs"), func(ctx SpecContext) {
		snap := snapshot().Divergence("moto", "$.Error.Code", crossRegionReason).Divergence("moto", "$.ResponseMetadata.HTTPStatusCode", crossRegionReason)
		topic := createTopic(ctx, nil)
		q := sqsIn(secondaryRegion)
		created, err := q.CreateQueue(ctx, &sqs.CreateQueueInput{QueueName: aws.String(harness.UniqueName("q"))})
		Expect(err).NotTo(HaveOccurred())
		url := created.QueueUrl
		harness.Cleanup(func(ctx context.Context) { _, _ = q.DeleteQueue(ctx, &sqs.DeleteQueueInput{QueueUrl: url}) })
		qa, err := q.GetQueueAttributes(ctx, &sqs.GetQueueAttributesInput{QueueUrl: url, AttributeNames: []sqstypes.QueueAttributeName{"QueueArn"}})
		Expect(err).NotTo(HaveOccurred())
		queueArn := qa.Attributes["QueueArn"]
		// the queue must let the topic send to it
		policy := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"sns.amazonaws.com"},"Action":"sqs:SendMessage","Resource":"` + queueArn + `","Condition":{"ArnEquals":{"aws:SourceArn":"` + topic + `"}}}]}`
		_, err = q.SetQueueAttributes(ctx, &sqs.SetQueueAttributesInput{QueueUrl: url, Attributes: map[string]string{"Policy": policy}})
		Expect(err).NotTo(HaveOccurred())

		_, err = snsIn(secondaryRegion).Subscribe(ctx, &sns.SubscribeInput{TopicArn: aws.String(topic), Protocol: aws.String("sqs"), Endpoint: aws.String(queueArn)})
		snap.Match("subscribe-cross-region", err)
		sub, err := harness.SNS().Subscribe(ctx, &sns.SubscribeInput{TopicArn: aws.String(topic), Protocol: aws.String("sqs"), Endpoint: aws.String(queueArn)})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("subscribe-same-region", sub)

		_, err = harness.SNS().Publish(ctx, &sns.PublishInput{TopicArn: aws.String(topic), Message: aws.String("This is a test message"),
			MessageAttributes: map[string]types.MessageAttributeValue{"attr1": numAttr("99.12")}})
		Expect(err).NotTo(HaveOccurred())
		var msgs *sqs.ReceiveMessageOutput
		for i := 0; i < 5 && (msgs == nil || len(msgs.Messages) == 0); i++ {
			msgs, err = q.ReceiveMessage(ctx, &sqs.ReceiveMessageInput{QueueUrl: url, MaxNumberOfMessages: 10, WaitTimeSeconds: 1})
			Expect(err).NotTo(HaveOccurred())
		}
		snap.Match("messages", msgs)
	})
})
