// Package sqs_test is the SQS parity suite: queues and their attributes,
// standard and FIFO messaging, visibility, batches, dead-letter queues,
// message move tasks, permissions and tags, reproducing the AWS reference
// recordings of the SQS provider tests (JSON protocol).
package sqs_test

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
	"github.com/aws/aws-sdk-go-v2/service/sqs/types"
	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/parity-harness/parity/harness"
)

func TestSQS(t *testing.T) { harness.RunSuite(t, "sqs") }

const ref = "tests/aws/services/sqs/test_sqs.py::TestSqsProvider::"
const moveRef = "tests/aws/services/sqs/test_sqs_move_task.py::"

// wire is one SQS protocol the suite runs its specs over: name is the
// reference's parameter.
type wire struct {
	name   string
	client func() *sqs.Client
}

var wires = []wire{{"sqs", harness.SQS}}

// onEveryWire declares the spec once per wire. The spec text ends with the
// wire's name; the reference is test[<wire><param>], param being the
// reference's further parameters ("" or "-...").
func onEveryWire(text, test, param string, body func(ctx SpecContext, c *sqs.Client)) {
	for _, w := range wires {
		w := w
		It(text+" ["+w.name+"]", Offset(1), harness.Reference(ref+test+"["+w.name+param+"]"), func(ctx SpecContext) { body(ctx, w.client()) })
	}
}

// createQueue creates a queue named for the running spec (".fifo" appended
// when attrs make it FIFO) and deletes it after the spec.
func createQueue(ctx context.Context, c *sqs.Client, attrs map[string]string) (url, arn string) {
	name := harness.UniqueName("q")
	if attrs["FifoQueue"] == "true" {
		name += ".fifo"
	}
	out, err := c.CreateQueue(ctx, &sqs.CreateQueueInput{QueueName: aws.String(name), Attributes: attrs})
	Expect(err).NotTo(HaveOccurred())
	url = aws.ToString(out.QueueUrl)
	harness.Cleanup(func(ctx context.Context) { _, _ = c.DeleteQueue(ctx, &sqs.DeleteQueueInput{QueueUrl: aws.String(url)}) })
	a, err := c.GetQueueAttributes(ctx, &sqs.GetQueueAttributesInput{QueueUrl: aws.String(url), AttributeNames: []types.QueueAttributeName{types.QueueAttributeNameQueueArn}})
	Expect(err).NotTo(HaveOccurred())
	return url, a.Attributes["QueueArn"]
}

func allAttributes(ctx context.Context, c *sqs.Client, url string) *sqs.GetQueueAttributesOutput {
	out, err := c.GetQueueAttributes(ctx, &sqs.GetQueueAttributesInput{QueueUrl: aws.String(url), AttributeNames: []types.QueueAttributeName{types.QueueAttributeNameAll}})
	Expect(err).NotTo(HaveOccurred())
	return out
}

func send(ctx context.Context, c *sqs.Client, url, body string, opts ...func(*sqs.SendMessageInput)) *sqs.SendMessageOutput {
	in := &sqs.SendMessageInput{QueueUrl: aws.String(url), MessageBody: aws.String(body)}
	for _, o := range opts {
		o(in)
	}
	out, err := c.SendMessage(ctx, in)
	Expect(err).NotTo(HaveOccurred())
	return out
}

func group(g, dedup string) func(*sqs.SendMessageInput) {
	return func(in *sqs.SendMessageInput) {
		in.MessageGroupId = aws.String(g)
		if dedup != "" {
			in.MessageDeduplicationId = aws.String(dedup)
		}
	}
}

func receive(ctx context.Context, c *sqs.Client, url string, opts ...func(*sqs.ReceiveMessageInput)) *sqs.ReceiveMessageOutput {
	in := &sqs.ReceiveMessageInput{QueueUrl: aws.String(url)}
	for _, o := range opts {
		o(in)
	}
	out, err := c.ReceiveMessage(ctx, in)
	Expect(err).NotTo(HaveOccurred())
	return out
}

func maxMessages(n int32) func(*sqs.ReceiveMessageInput) {
	return func(in *sqs.ReceiveMessageInput) { in.MaxNumberOfMessages = n }
}

func visibility(n int32) func(*sqs.ReceiveMessageInput) {
	return func(in *sqs.ReceiveMessageInput) { in.VisibilityTimeout = n }
}

func wait(n int32) func(*sqs.ReceiveMessageInput) {
	return func(in *sqs.ReceiveMessageInput) { in.WaitTimeSeconds = n }
}

// snapshot opens the spec's snapshot session with the divergences moto
// shows on every SQS error and batch: it reports the legacy query codes
// where AWS's JSON protocol carries InvalidParameterValueException and
// MissingRequiredParameterException (see the AWS references), words several
// messages differently, and always returns an empty Failed list that AWS
// omits.
func snapshot() *harness.Session {
	return harness.Snapshot().
		Divergence("moto", "$..Error.QueryErrorCode", "moto reports the legacy query code; AWS's x-amzn-query-error carries the JSON exception name (references)").
		Divergence("moto", "$..Error.Message", "moto words validation messages differently from AWS (references hold AWS's wording)").
		Divergence("moto", "$..Error.Code", "moto checks some rules in another order than AWS (duplicate ids before the entry count; MissingParameter for FIFO batches)").
		Divergence("moto", "$.Failed", "moto returns an empty Failed list; AWS's JSON protocol omits it (reference test_send_message_batch_with_oversized_contents_with_updated_maximum_message_size)")
}
