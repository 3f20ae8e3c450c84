// Package sns_test is the SNS parity suite: topics and their attributes,
// subscriptions and their validation, publishing and delivery to SQS, filter
// policies, and the mobile-push and SMS operations, reproducing the AWS
// reference recordings of the SNS provider tests.
package sns_test

import (
	"context"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sns"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
	sqstypes "github.com/aws/aws-sdk-go-v2/service/sqs/types"
	. "github.com/onsi/gomega"

	"github.com/parity-harness/parity/harness"
)

func TestSNS(t *testing.T) { harness.RunSuite(t, "sns") }

const ref = "tests/aws/services/sns/test_sns.py::"
const filterRef = "tests/aws/services/sns/test_sns_filter_policy.py::"

// snapshot opens a snapshot session with the divergences moto shows on SNS.
func snapshot() *harness.Session {
	return harness.Snapshot().
		Divergence("moto", "$..Error.Message", "moto words SNS validation messages differently from AWS (references hold AWS's wording)").
		Divergence("moto", "$..Attributes.SubscriptionPrincipal", "moto does not report SubscriptionPrincipal; AWS does (references)").
		SkipVerify("$..Attributes.SubscriptionPrincipal", "the subscribing caller's ARN: an IAM user in the AWS recordings, the account root with the suites' test credentials").
		Divergence("moto", "$..Attributes.ConfirmationWasAuthenticated", "moto reports ConfirmationWasAuthenticated differently from AWS (references)").
		Divergence("moto", "$..Error.message", "moto adds a lower-case message member to SNS errors; AWS's query errors have none (references)").
		Divergence("moto", "$..Attributes.DeliveryPolicy", "moto returns an empty DeliveryPolicy on every topic; AWS omits it (reference test_create_topic_test_arn)").
		Divergence("moto", "$..Attributes.EffectiveDeliveryPolicy", "moto's default delivery policy differs from AWS's (reference test_create_topic_test_arn)").
		Divergence("moto", "$..Body.SignatureVersion", "moto signs notifications with version 2; AWS defaults to 1 (references)").
		Divergence("moto", "$.SubscriptionArn", "moto confirms http subscriptions at once; AWS answers \"pending confirmation\" (reference test_creating_subscription)")
}

func createTopic(ctx context.Context, attrs map[string]string) string {
	c := harness.SNS()
	name := harness.UniqueName("t")
	if attrs["FifoTopic"] == "true" {
		name += ".fifo"
	}
	out, err := c.CreateTopic(ctx, &sns.CreateTopicInput{Name: aws.String(name), Attributes: attrs})
	Expect(err).NotTo(HaveOccurred())
	harness.Cleanup(func(ctx context.Context) { _, _ = c.DeleteTopic(ctx, &sns.DeleteTopicInput{TopicArn: out.TopicArn}) })
	return aws.ToString(out.TopicArn)
}

func createQueue(ctx context.Context, attrs map[string]string) (url, arn string) {
	c := harness.SQS()
	name := harness.UniqueName("q")
	if attrs["FifoQueue"] == "true" {
		name += ".fifo"
	}
	out, err := c.CreateQueue(ctx, &sqs.CreateQueueInput{QueueName: aws.String(name), Attributes: attrs})
	Expect(err).NotTo(HaveOccurred())
	url = aws.ToString(out.QueueUrl)
	harness.Cleanup(func(ctx context.Context) { _, _ = c.DeleteQueue(ctx, &sqs.DeleteQueueInput{QueueUrl: aws.String(url)}) })
	a, err := c.GetQueueAttributes(ctx, &sqs.GetQueueAttributesInput{QueueUrl: aws.String(url), AttributeNames: []sqstypes.QueueAttributeName{"QueueArn"}})
	Expect(err).NotTo(HaveOccurred())
	return url, a.Attributes["QueueArn"]
}

func subscribeQueue(ctx context.Context, topic, queueArn string, attrs map[string]string) string {
	out, err := harness.SNS().Subscribe(ctx, &sns.SubscribeInput{TopicArn: aws.String(topic), Protocol: aws.String("sqs"), Endpoint: aws.String(queueArn), Attributes: attrs, ReturnSubscriptionArn: true})
	Expect(err).NotTo(HaveOccurred())
	return aws.ToString(out.SubscriptionArn)
}

func receiveAll(ctx context.Context, url string, want int) *sqs.ReceiveMessageOutput {
	return receiveUntil(ctx, &sqs.ReceiveMessageInput{QueueUrl: aws.String(url), MaxNumberOfMessages: 10, WaitTimeSeconds: 1,
		MessageAttributeNames: []string{"All"}}, want)
}

// receiveUntil receives with in until want messages came, five receives at
// most, and returns them in arrival order.
func receiveUntil(ctx context.Context, in *sqs.ReceiveMessageInput, want int) *sqs.ReceiveMessageOutput {
	var out *sqs.ReceiveMessageOutput
	for i := 0; i < 5 && (out == nil || len(out.Messages) < want); i++ {
		got, err := harness.SQS().ReceiveMessage(ctx, in)
		Expect(err).NotTo(HaveOccurred())
		if out == nil {
			out = got
		} else {
			out.Messages = append(out.Messages, got.Messages...)
		}
	}
	return out
}

func account(arn string) string { return strings.Split(arn, ":")[4] }

func sqsReceiveAll(url string) *sqs.ReceiveMessageInput {
	return &sqs.ReceiveMessageInput{QueueUrl: aws.String(url), MaxNumberOfMessages: 10, WaitTimeSeconds: 2,
		MessageSystemAttributeNames: []sqstypes.MessageSystemAttributeName{"All"}}
}

func sqsReceiveShort(url string) *sqs.ReceiveMessageInput {
	return &sqs.ReceiveMessageInput{QueueUrl: aws.String(url), MaxNumberOfMessages: 10, WaitTimeSeconds: 1}
}
