// Package sqs_test is the SQS parity suite: queues and their attributes,
// standard and FIFO messaging, visibility, batches, dead-letter queues,
// message move tasks, permissions and tags, reproducing the AWS reference
// recordings of the SQS provider tests (JSON protocol).
package sqs_test

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
	"github.com/aws/aws-sdk-go-v2/service/sqs/types"
	"github.com/aws/smithy-go"
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

var wires = []wire{{"sqs", harness.SQS}, {"sqs_query", harness.SQSQuery}}

// onEveryWire declares the spec once per wire. The spec text ends with the
// wire's name; the reference is test[<wire><param>], param being the
// reference's further parameters ("" or "-...").
// A test AWS recorded over JSON only (unrecordedWires) runs on the other
// wires without a reference.
func onEveryWire(text, test, param string, body func(ctx SpecContext, c *sqs.Client)) {
	for _, w := range wires {
		w := w
		decorators := []any{Offset(1)}
		if !unrecordedWires[test+"["+param+"]"][w.name] {
			decorators = append(decorators, harness.Reference(ref+test+"["+w.name+param+"]"))
		}
		It(text+" ["+w.name+"]", append(decorators, func(ctx SpecContext) { body(ctx, w.client()) })...)
	}
}

// unrecordedWires lists, per test and parameters, the wires the AWS
// reference recordings do not hold that test for.
var unrecordedWires = map[string]map[string]bool{
	"test_fifo_deduplication_arrives_once_after_delete[-False]":              {"sqs_query": true},
	"test_fifo_message_attributes[]":                                         {"sqs_query": true},
	"test_fifo_queue_send_message_with_zero_delay_defaults_to_queue_delay[]": {"sqs_query": true},
	"test_receive_message_attribute_names_filters[]":                         {"sqs_query": true},
	"test_receive_message_message_attribute_names_filters[]":                 {"sqs_query": true},
	"test_send_message_with_empty_string_attribute[]":                        {"sqs_query": true},
	"test_send_receive_wait_time_seconds[]":                                  {"sqs_query": true},
	"test_sqs_fifo_message_group_scope_no_throughput_setting[]":              {"sqs_query": true},
	"test_sqs_permission_lifecycle[]":                                        {"sqs_query": true},
	// recorded over the query protocol only
	"test_fifo_deduplication_arrives_once_after_delete[-True]":      {"sqs": true},
	"test_fifo_deduplication_not_on_message_group_id[-False]":       {"sqs": true},
	"test_delete_message_batch_invalid_msg_id[-]":                   {"sqs": true},
	"test_fifo_delete_after_visibility_timeout[]":                   {"sqs": true},
	"test_fifo_high_throughput_ordering[]":                          {"sqs": true},
	"test_fifo_queue_send_message_with_delay_seconds_fails[]":       {"sqs": true},
	"test_receive_message_message_system_attribute_names_filters[]": {"sqs": true},
	"test_send_empty_message[]":                                     {"sqs": true},
	"test_send_message_batch_with_oversized_contents[]":             {"sqs": true},
	"test_send_message_with_binary_attributes[]":                    {"sqs": true},
	"test_send_oversized_message[]":                                 {"sqs": true},
	"test_sqs_fifo_same_dedup_id_different_message_groups[]":        {"sqs": true},
	"test_too_many_entries_in_batch_request[]":                      {"sqs": true},
	// recordings holding no snapshot key: nothing to compare
	"test_approximate_number_of_messages_not_visible[]":                  {"sqs": true, "sqs_query": true},
	"test_fifo_approximate_number_of_messages_not_visible[]":             {"sqs": true, "sqs_query": true},
	"test_set_empty_redrive_policy[]":                                    {"sqs": true, "sqs_query": true},
	"test_dead_letter_queue_with_fifo_and_content_based_deduplication[]": {"sqs": true, "sqs_query": true},
}

// errorText renders an SDK error the way the Python SDK prints it.
func errorText(err error, op string) string {
	var api smithy.APIError
	Expect(errors.As(err, &api)).To(BeTrue(), "want an AWS error, got %v", err)
	return fmt.Sprintf("An error occurred (%s) when calling the %s operation: %s", api.ErrorCode(), op, api.ErrorMessage())
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
		Divergence("moto", "$..Error.Detail", "moto's query errors lack the empty <Detail/> AWS sends (references [sqs_query])").
		Divergence("moto", "$..Error.message", "moto's query errors repeat the message in an extra lower-case <message> element that AWS does not send (references [sqs_query])").
		Divergence("moto", "$.Failed", "moto returns an empty Failed list; AWS's JSON protocol omits it (reference test_send_message_batch_with_oversized_contents_with_updated_maximum_message_size)")
}
