package sqs_test

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
	"github.com/aws/aws-sdk-go-v2/service/sqs/types"
	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/parity-harness/parity/harness"
)

// newQueue creates a queue named for the running spec and deletes it after.
func newQueue(ctx context.Context, c *sqs.Client) (string, *sqs.CreateQueueOutput) {
	out, err := c.CreateQueue(ctx, &sqs.CreateQueueInput{QueueName: aws.String(harness.UniqueName("q"))})
	Expect(err).NotTo(HaveOccurred())
	url := aws.ToString(out.QueueUrl)
	harness.Cleanup(func(ctx context.Context) {
		_, _ = c.DeleteQueue(ctx, &sqs.DeleteQueueInput{QueueUrl: aws.String(url)})
	})
	return url, out
}

var _ = Describe("SQS harness smoke", func() {
	It("creates a queue and reads its attributes", func(ctx SpecContext) {
		snap := harness.Snapshot()
		c := harness.SQS()
		url, created := newQueue(ctx, c)
		snap.Match("create-queue", created)

		attrs, err := c.GetQueueAttributes(ctx, &sqs.GetQueueAttributesInput{
			QueueUrl:       aws.String(url),
			AttributeNames: []types.QueueAttributeName{types.QueueAttributeNameAll},
		})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("get-queue-attributes", attrs)
	})

	It("sends and receives a message with attributes", func(ctx SpecContext) {
		snap := harness.Snapshot()
		c := harness.SQS()
		url, _ := newQueue(ctx, c)
		sent, err := c.SendMessage(ctx, &sqs.SendMessageInput{
			QueueUrl:    aws.String(url),
			MessageBody: aws.String(`{"hello": "world"}`),
			MessageAttributes: map[string]types.MessageAttributeValue{
				"colour": {DataType: aws.String("String"), StringValue: aws.String("blue")},
				"raw":    {DataType: aws.String("Binary"), BinaryValue: []byte{2, 3, 4}},
			},
		})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("send-message", sent)

		got, err := c.ReceiveMessage(ctx, &sqs.ReceiveMessageInput{
			QueueUrl:              aws.String(url),
			MessageAttributeNames: []string{"All"},
			WaitTimeSeconds:       1,
		})
		Expect(err).NotTo(HaveOccurred())
		Expect(got.Messages).To(HaveLen(1))
		snap.SkipVerify("$..Attributes", "system attributes carry timestamps and counters")
		snap.Match("receive-message", got)
	})

	It("reports a missing queue", func(ctx SpecContext) {
		snap := harness.Snapshot()
		_, err := harness.SQS().GetQueueUrl(ctx, &sqs.GetQueueUrlInput{QueueName: aws.String(harness.UniqueName("missing"))})
		Expect(err).To(HaveOccurred())
		snap.Match("get-queue-url-missing", err)
	})

	It("rejects more than ten messages per receive", harness.Reference("tests/aws/services/sqs/test_sqs.py::TestSqsProvider::test_send_receive_max_number_of_messages[sqs]"), func(ctx SpecContext) {
		snap := harness.Snapshot()
		snap.Divergence("moto", "$.Error.Message", "moto prefixes the message with botocore's text and writes 'must' where AWS writes 'Must' (AWS reference test_send_receive_max_number_of_messages)")
		snap.Divergence("moto", "$.Error.QueryErrorCode", "moto sends InvalidParameterValue in x-amzn-query-error; AWS sends InvalidParameterValueException")
		c := harness.SQS()
		url, _ := newQueue(ctx, c)
		_, err := c.ReceiveMessage(ctx, &sqs.ReceiveMessageInput{QueueUrl: aws.String(url), MaxNumberOfMessages: 11})
		Expect(err).To(HaveOccurred())
		snap.Match("send_max_number_of_messages", err)
	})

	It("receives nothing from an empty queue", harness.Reference("tests/aws/services/sqs/test_sqs.py::TestSqsProvider::test_receive_empty_queue[sqs]"), func(ctx SpecContext) {
		snap := harness.Snapshot()
		c := harness.SQS()
		url, _ := newQueue(ctx, c)
		long, err := c.ReceiveMessage(ctx, &sqs.ReceiveMessageInput{QueueUrl: aws.String(url), WaitTimeSeconds: 1})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("empty_long_poll_resp", long)
		short, err := c.ReceiveMessage(ctx, &sqs.ReceiveMessageInput{QueueUrl: aws.String(url), WaitTimeSeconds: 0})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("empty_short_poll_resp", short)
		plain, err := c.ReceiveMessage(ctx, &sqs.ReceiveMessageInput{QueueUrl: aws.String(url)})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("empty_short_poll_resp_no_param", plain)
	})
})
