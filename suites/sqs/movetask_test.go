package sqs_test

import (
	"encoding/base64"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
	"github.com/aws/aws-sdk-go-v2/service/sqs/types"
	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/parity-harness/parity/harness"
)

// deadLetterPair creates a DLQ holding n messages that a source queue's
// redrive policy targets.
func deadLetterPair(ctx SpecContext, c *sqs.Client, n int) (srcArn, dlqURL, dlqArn string) {
	dlqURL, dlqArn = createQueue(ctx, c, nil)
	_, srcArn = createQueue(ctx, c, map[string]string{"RedrivePolicy": `{"deadLetterTargetArn":"` + dlqArn + `","maxReceiveCount":1}`})
	for i := 0; i < n; i++ {
		send(ctx, c, dlqURL, "message")
	}
	return srcArn, dlqURL, dlqArn
}

var _ = Describe("SQS message move tasks", func() {
	It("moves messages back to the source", harness.Reference(moveRef+"test_basic_move_task_workflow"), func(ctx SpecContext) {
		c := harness.SQS()
		snap := snapshot()
		srcArn, _, dlqArn := deadLetterPair(ctx, c, 2)
		start, err := c.StartMessageMoveTask(ctx, &sqs.StartMessageMoveTaskInput{SourceArn: aws.String(dlqArn), DestinationArn: aws.String(srcArn)})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("start-message-move-task-response", start)
		var list *sqs.ListMessageMoveTasksOutput
		Eventually(func() string {
			list, err = c.ListMessageMoveTasks(ctx, &sqs.ListMessageMoveTasksInput{SourceArn: aws.String(dlqArn)})
			Expect(err).NotTo(HaveOccurred())
			return aws.ToString(list.Results[0].Status)
		}).WithTimeout(30 * time.Second).WithPolling(200 * time.Millisecond).Should(Equal("COMPLETED"))
		snap.Match("list-message-move-task-response", list)
	})

	It("requires the source to be a dead-letter queue", harness.Reference(moveRef+"test_source_needs_redrive_policy"), func(ctx SpecContext) {
		c := harness.SQS()
		snap := snapshot()
		_, src := createQueue(ctx, c, nil)
		_, dst := createQueue(ctx, c, nil)
		_, err := c.StartMessageMoveTask(ctx, &sqs.StartMessageMoveTaskInput{SourceArn: aws.String(src), DestinationArn: aws.String(dst)})
		snap.Match("error", err)
	})

	It("requires the destination to exist", harness.Reference(moveRef+"test_destination_needs_to_exist"), func(ctx SpecContext) {
		c := harness.SQS()
		snap := snapshot()
		snap.SkipVerify("$..message", "the Python SDK's extra lower-case message member of JSON errors")
		srcArn, _, dlqArn := deadLetterPair(ctx, c, 1)
		_, err := c.StartMessageMoveTask(ctx, &sqs.StartMessageMoveTaskInput{SourceArn: aws.String(dlqArn), DestinationArn: aws.String(srcArn + "-missing")})
		snap.Match("error", err)
	})

	It("rejects a malformed task handle", harness.Reference(moveRef+"test_cancel_with_invalid_task_handle"), func(ctx SpecContext) {
		c := harness.SQS()
		snap := snapshot()
		_, err := c.CancelMessageMoveTask(ctx, &sqs.CancelMessageMoveTaskInput{TaskHandle: aws.String("foobared")})
		snap.Match("error", err)
	})

	It("rejects a task handle naming a missing source", harness.Reference(moveRef+"test_cancel_with_invalid_source_arn_in_task_handle"), func(ctx SpecContext) {
		c := harness.SQS()
		snap := snapshot()
		snap.SkipVerify("$..message", "the Python SDK's extra lower-case message member of JSON errors")
		_, dlqArn := createQueue(ctx, c, nil)
		handle := base64.StdEncoding.EncodeToString([]byte(`{"taskId":"123","sourceArn":"` + dlqArn + `-missing"}`))
		_, err := c.CancelMessageMoveTask(ctx, &sqs.CancelMessageMoveTaskInput{TaskHandle: aws.String(handle)})
		snap.Match("error", err)
	})

	It("rejects a task handle naming a missing task", harness.Reference(moveRef+"test_cancel_with_invalid_task_id_in_task_handle"), func(ctx SpecContext) {
		c := harness.SQS()
		snap := snapshot()
		snap.SkipVerify("$..message", "the Python SDK's extra lower-case message member of JSON errors")
		_, _, dlqArn := deadLetterPair(ctx, c, 0)
		handle := base64.StdEncoding.EncodeToString([]byte(`{"taskId":"123","sourceArn":"` + dlqArn + `"}`))
		_, err := c.CancelMessageMoveTask(ctx, &sqs.CancelMessageMoveTaskInput{TaskHandle: aws.String(handle)})
		snap.Match("error", err)
	})

	It("starts a task with a throughput limit", harness.Reference(moveRef+"test_move_task_with_throughput_limit"), func(ctx SpecContext) {
		c := harness.SQS()
		snap := snapshot()
		srcArn, _, dlqArn := deadLetterPair(ctx, c, 2)
		start, err := c.StartMessageMoveTask(ctx, &sqs.StartMessageMoveTaskInput{SourceArn: aws.String(dlqArn), DestinationArn: aws.String(srcArn), MaxNumberOfMessagesPerSecond: aws.Int32(1)})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("start-message-move-task-response", start)
		_, _ = c.CancelMessageMoveTask(ctx, &sqs.CancelMessageMoveTaskInput{TaskHandle: start.TaskHandle})
	})

	It("cancels a running task", harness.Reference(moveRef+"test_move_task_cancel"), func(ctx SpecContext) {
		c := harness.SQS()
		snap := snapshot().
			SkipVerify("$..Results..ApproximateNumberOfMessagesMoved", "a task moves on for a moment after it is cancelled, and polling decides how many moved before the listing")
		srcArn, _, dlqArn := deadLetterPair(ctx, c, 10)
		start, err := c.StartMessageMoveTask(ctx, &sqs.StartMessageMoveTaskInput{SourceArn: aws.String(dlqArn), DestinationArn: aws.String(srcArn), MaxNumberOfMessagesPerSecond: aws.Int32(1)})
		Expect(err).NotTo(HaveOccurred())
		var list *sqs.ListMessageMoveTasksOutput
		Eventually(func() int64 {
			list, err = c.ListMessageMoveTasks(ctx, &sqs.ListMessageMoveTasksInput{SourceArn: aws.String(dlqArn)})
			Expect(err).NotTo(HaveOccurred())
			return list.Results[0].ApproximateNumberOfMessagesMoved
		}).WithTimeout(30 * time.Second).WithPolling(100 * time.Millisecond).Should(BeNumerically(">=", 2))
		snap.Match("list-while", list)
		cancel, err := c.CancelMessageMoveTask(ctx, &sqs.CancelMessageMoveTaskInput{TaskHandle: start.TaskHandle})
		Expect(err).NotTo(HaveOccurred())
		Expect(cancel.ApproximateNumberOfMessagesMoved).To(BeNumerically(">=", 2))
		Expect(cancel.ApproximateNumberOfMessagesMoved).To(BeNumerically("<", 10))
		snap.Match("cancel", cancel)
		Eventually(func() string {
			list, err = c.ListMessageMoveTasks(ctx, &sqs.ListMessageMoveTasksInput{SourceArn: aws.String(dlqArn)})
			Expect(err).NotTo(HaveOccurred())
			return aws.ToString(list.Results[0].Status)
		}).WithTimeout(30 * time.Second).WithPolling(200 * time.Millisecond).Should(Equal("CANCELLED"))
		snap.Match("list-after", list)
	})

	It("lists dead-letter source queues", func(ctx SpecContext) {
		c := harness.SQS()
		snap := snapshot()
		_, dlqURL, _ := deadLetterPair(ctx, c, 0)
		out, err := c.ListDeadLetterSourceQueues(ctx, &sqs.ListDeadLetterSourceQueuesInput{QueueUrl: aws.String(dlqURL)})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("list-dead-letter-source-queues", out)
		_ = types.QueueAttributeNameAll
	})
})
