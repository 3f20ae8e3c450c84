package sqs_test

import (
	"fmt"

	"context"
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
	"github.com/aws/aws-sdk-go-v2/service/sqs/types"
	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
	"strings"

	"github.com/parity-harness/parity/harness"
	"github.com/parity-harness/parity/transformers"
)

var _ = Describe("SQS queues", func() {
	onEveryWire("creates and updates queue attributes", "test_create_and_update_queue_attributes", "", func(ctx SpecContext, c *sqs.Client) {
		snap := snapshot()
		url, _ := createQueue(ctx, c, map[string]string{"MessageRetentionPeriod": "604800", "ReceiveMessageWaitTimeSeconds": "10", "VisibilityTimeout": "20"})
		snap.Match("get_queue_attributes", allAttributes(ctx, c, url))
		_, err := c.SetQueueAttributes(ctx, &sqs.SetQueueAttributesInput{QueueUrl: aws.String(url),
			Attributes: map[string]string{"DelaySeconds": "420", "MaximumMessageSize": "2048", "VisibilityTimeout": "69"}})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("get_updated_queue_attributes", allAttributes(ctx, c, url))
	})

	onEveryWire("rejects recreating a FIFO queue with different attributes", "test_create_fifo_queue_with_different_attributes_raises_error", "", func(ctx SpecContext, c *sqs.Client) {
		c = harness.SQS() // the AWS test creates its queues with the JSON client on every wire
		snap := snapshot()
		name := harness.UniqueName("q") + ".fifo"
		out, err := c.CreateQueue(ctx, &sqs.CreateQueueInput{QueueName: aws.String(name), Attributes: map[string]string{"FifoQueue": "true", "ContentBasedDeduplication": "true"}})
		Expect(err).NotTo(HaveOccurred())
		harness.Cleanup(func(ctx2 context.Context) { c.DeleteQueue(ctx2, &sqs.DeleteQueueInput{QueueUrl: out.QueueUrl}) })
		_, err = c.CreateQueue(ctx, &sqs.CreateQueueInput{QueueName: aws.String(name), Attributes: map[string]string{"FifoQueue": "true", "ContentBasedDeduplication": "false"}})
		snap.Match("queue-already-exists", err)
	})

	onEveryWire("rejects recreating a queue with different attributes", "test_create_queue_with_different_attributes_raises_exception", "", func(ctx SpecContext, c *sqs.Client) {
		c = harness.SQS() // the AWS test creates its queues with the JSON client on every wire
		snap := snapshot()
		name := harness.UniqueName("q")
		out, err := c.CreateQueue(ctx, &sqs.CreateQueueInput{QueueName: aws.String(name), Attributes: map[string]string{"DelaySeconds": "1", "MaximumMessageSize": "65536"}})
		Expect(err).NotTo(HaveOccurred())
		harness.Cleanup(func(ctx2 context.Context) { c.DeleteQueue(ctx2, &sqs.DeleteQueueInput{QueueUrl: out.QueueUrl}) })
		again, err := c.CreateQueue(ctx, &sqs.CreateQueueInput{QueueName: aws.String(name), Attributes: map[string]string{"DelaySeconds": "1", "MaximumMessageSize": "65536"}})
		Expect(err).NotTo(HaveOccurred())
		Expect(again.QueueUrl).To(Equal(out.QueueUrl))
		_, err = c.CreateQueue(ctx, &sqs.CreateQueueInput{QueueName: aws.String(name), Attributes: map[string]string{"DelaySeconds": "2"}})
		snap.Match("create_queue_01", err)
		_, err = c.SetQueueAttributes(ctx, &sqs.SetQueueAttributesInput{QueueUrl: out.QueueUrl, Attributes: map[string]string{"DelaySeconds": "3"}})
		Expect(err).NotTo(HaveOccurred())
		_, err = c.CreateQueue(ctx, &sqs.CreateQueueInput{QueueName: aws.String(name), Attributes: map[string]string{"DelaySeconds": "1"}})
		snap.Match("create_queue_02", err)
	})

	onEveryWire("rejects FIFO attributes on a standard queue", "test_create_standard_queue_with_fifo_attribute_raises_error", "", func(ctx SpecContext, c *sqs.Client) {
		c = harness.SQS() // the AWS test creates its queues with the JSON client on every wire
		snap := snapshot()
		snap.SkipVerify("$..message", "the Python SDK's extra lower-case message member of JSON errors")
		for key, attrs := range map[string]map[string]string{
			"invalid-attribute-fifo-queue":                  {"FifoQueue": "false"},
			"invalid-attribute-content-based-deduplication": {"ContentBasedDeduplication": "true"},
			"invalid-attribute-deduplication-scope":         {"DeduplicationScope": "queue"},
			"invalid-attribute-throughput-limit":            {"FifoThroughputLimit": "perQueue"},
		} {
			_, err := c.CreateQueue(ctx, &sqs.CreateQueueInput{QueueName: aws.String(harness.UniqueName("q")), Attributes: attrs})
			snap.Match(key, err)
		}
	})

	onEveryWire("rejects changing the queue type", "test_set_unsupported_attribute_fifo", "", func(ctx SpecContext, c *sqs.Client) {
		snap := snapshot()
		snap.SkipVerify("$..message", "the Python SDK's extra lower-case message member of JSON errors")
		std, _ := createQueue(ctx, c, nil)
		_, err := c.SetQueueAttributes(ctx, &sqs.SetQueueAttributesInput{QueueUrl: aws.String(std), Attributes: map[string]string{"FifoQueue": "true"}})
		snap.Match("invalid-attr-name-1", err)
		fifo, _ := createQueue(ctx, c, map[string]string{"FifoQueue": "true"})
		_, err = c.SetQueueAttributes(ctx, &sqs.SetQueueAttributesInput{QueueUrl: aws.String(fifo), Attributes: map[string]string{"FifoQueue": "false"}})
		snap.Match("invalid-attr-name-2", err)
	})

	onEveryWire("sets queue attributes back to their defaults", "test_set_queue_attributes_default_values", "", func(ctx SpecContext, c *sqs.Client) {
		snap := snapshot().Divergence("moto", "$..Attributes.SqsManagedSseEnabled", "moto keeps SSE-SQS enabled when a KMS key is set; AWS turns it off (reference)")
		url, _ := createQueue(ctx, c, nil)
		snap.Match("get-queue-attributes-initial-values", allAttributes(ctx, c, url))
		_, err := c.SetQueueAttributes(ctx, &sqs.SetQueueAttributesInput{QueueUrl: aws.String(url), Attributes: map[string]string{"KmsMasterKeyId": "testKeyId", "KmsDataKeyReusePeriodSeconds": "6000"}})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("get-queue-attributes-after-update", allAttributes(ctx, c, url))
		_, err = c.SetQueueAttributes(ctx, &sqs.SetQueueAttributesInput{QueueUrl: aws.String(url), Attributes: map[string]string{
			"DelaySeconds": "0", "MaximumMessageSize": "1048576", "MessageRetentionPeriod": "345600", "ReceiveMessageWaitTimeSeconds": "0",
			"VisibilityTimeout": "30", "KmsMasterKeyId": "", "SqsManagedSseEnabled": "false"}})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("get-queue-attributes-after-set-to-defaults", allAttributes(ctx, c, url))
	})

	onEveryWire("keeps SSE-KMS and SSE-SQS exclusive", "test_sse_kms_and_sqs_are_mutually_exclusive", "", func(ctx SpecContext, c *sqs.Client) {
		snap := snapshot()
		url, _ := createQueue(ctx, c, nil)
		_, err := c.SetQueueAttributes(ctx, &sqs.SetQueueAttributesInput{QueueUrl: aws.String(url), Attributes: map[string]string{"KmsMasterKeyId": "testKeyId", "SqsManagedSseEnabled": "true"}})
		snap.Match("error", errorText(err, "SetQueueAttributes"))
	})

	onEveryWire("removes the redrive policy set to an empty string", "test_set_empty_redrive_policy", "", func(ctx SpecContext, c *sqs.Client) {
		snap := snapshot()
		_, dlqArn := createQueue(ctx, c, nil)
		url, _ := createQueue(ctx, c, map[string]string{"RedrivePolicy": `{"deadLetterTargetArn":"` + dlqArn + `","maxReceiveCount":1}`})
		Expect(allAttributes(ctx, c, url).Attributes).To(HaveKey("RedrivePolicy"))
		_, err := c.SetQueueAttributes(ctx, &sqs.SetQueueAttributesInput{QueueUrl: aws.String(url), Attributes: map[string]string{"RedrivePolicy": ""}})
		Expect(err).NotTo(HaveOccurred())
		after := allAttributes(ctx, c, url)
		Expect(after.Attributes).NotTo(HaveKey("RedrivePolicy"))
		snap.Match("attributes-after-removal", after)
	})

	onEveryWire("reports the server-side encryption attributes", "test_sse_queue_attributes", "", func(ctx SpecContext, c *sqs.Client) {
		snap := snapshot()
		kms, _ := createQueue(ctx, c, map[string]string{"KmsMasterKeyId": "testKeyId", "KmsDataKeyReusePeriodSeconds": "6000", "SqsManagedSseEnabled": "false"})
		out, err := c.GetQueueAttributes(ctx, &sqs.GetQueueAttributesInput{QueueUrl: aws.String(kms), AttributeNames: []types.QueueAttributeName{"KmsMasterKeyId", "KmsDataKeyReusePeriodSeconds", "SqsManagedSseEnabled"}})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("sse_kms_attributes", out)
		sse, _ := createQueue(ctx, c, map[string]string{"SqsManagedSseEnabled": "true"})
		out, err = c.GetQueueAttributes(ctx, &sqs.GetQueueAttributesInput{QueueUrl: aws.String(sse), AttributeNames: []types.QueueAttributeName{"SqsManagedSseEnabled"}})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("sse_sqs_attributes", out)
	})

	onEveryWire("allows one purge per minute", "test_successive_purge_calls_fail", "", func(ctx SpecContext, c *sqs.Client) {
		snap := snapshot()
		url, _ := createQueue(ctx, c, nil)
		_, err := c.PurgeQueue(ctx, &sqs.PurgeQueueInput{QueueUrl: aws.String(url)})
		Expect(err).NotTo(HaveOccurred())
		_, err = c.PurgeQueue(ctx, &sqs.PurgeQueueInput{QueueUrl: aws.String(url)})
		snap.Match("purge_queue_error", err)
	})

	onEveryWire("manages permissions in the queue policy", "test_sqs_permission_lifecycle", "", func(ctx SpecContext, c *sqs.Client) {
		snap := snapshot().Divergence("moto", "$..Policy.Version", "moto writes policy version 2012-10-17; AWS writes 2008-10-17 (reference)")
		url, arn := createQueue(ctx, c, nil)
		own := strings.Split(arn, ":")[4]
		add := func(label string, accounts ...string) error {
			_, err := c.AddPermission(ctx, &sqs.AddPermissionInput{QueueUrl: aws.String(url), Label: aws.String(label), AWSAccountIds: accounts, Actions: []string{"ReceiveMessage"}})
			return err
		}
		policy := func() *sqs.GetQueueAttributesOutput {
			out, err := c.GetQueueAttributes(ctx, &sqs.GetQueueAttributesInput{QueueUrl: aws.String(url), AttributeNames: []types.QueueAttributeName{"Policy"}})
			Expect(err).NotTo(HaveOccurred())
			return out
		}
		remove := func(label string) (*sqs.RemovePermissionOutput, error) {
			return c.RemovePermission(ctx, &sqs.RemovePermissionInput{QueueUrl: aws.String(url), Label: aws.String(label)})
		}
		added, err := c.AddPermission(ctx, &sqs.AddPermissionInput{QueueUrl: aws.String(url), Label: aws.String("crossaccountpermission"),
			AWSAccountIds: []string{"668614515564", own}, Actions: []string{"ReceiveMessage"}})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("add-permission-response", added)
		snap.Match("get-queue-policy-attribute", policy())
		out, err := remove("crossaccountpermission")
		Expect(err).NotTo(HaveOccurred())
		snap.Match("remove-permission-response", out)
		snap.Match("get-queue-policy-attribute-after-removal", policy())
		Expect(add("crossaccountpermission", own)).To(Succeed())
		snap.Match("get-queue-policy-attribute-first-account-same-label", policy())
		snap.Match("get-queue-policy-attribute-second-account-same-label", add("crossaccountpermission", own))
		Expect(add("crossaccountpermission2", own)).To(Succeed())
		snap.Match("get-queue-policy-attribute-second-account-different-label", policy())
		_, err = remove("crossaccountpermission")
		Expect(err).NotTo(HaveOccurred())
		snap.Match("get-queue-policy-attribute-delete-first-permission", policy())
		_, err = remove("crossaccountpermission2")
		Expect(err).NotTo(HaveOccurred())
		snap.Match("get-queue-policy-attribute-delete-second-permission", policy())
		_, err = remove("crossaccountpermission2")
		snap.Match("get-queue-policy-attribute-delete-non-existent-label", err)
	})

	It("tags queues", func(ctx SpecContext) {
		c := harness.SQS()
		snap := snapshot()
		url, _ := createQueue(ctx, c, nil)
		_, err := c.TagQueue(ctx, &sqs.TagQueueInput{QueueUrl: aws.String(url), Tags: map[string]string{"k1": "v1", "k2": "v2"}})
		Expect(err).NotTo(HaveOccurred())
		_, err = c.UntagQueue(ctx, &sqs.UntagQueueInput{QueueUrl: aws.String(url), TagKeys: []string{"k1"}})
		Expect(err).NotTo(HaveOccurred())
		tags, err := c.ListQueueTags(ctx, &sqs.ListQueueTagsInput{QueueUrl: aws.String(url)})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("list-queue-tags", tags)
	})

	It("lists queues by prefix with pagination", harness.Reference(ref+"test_list_queues_pagination"), func(ctx SpecContext) {
		c := harness.SQS()
		snap := snapshot()
		prefix := harness.UniqueName("page") + "-test-queue-"
		for i := 0; i < 10; i++ {
			out, err := c.CreateQueue(ctx, &sqs.CreateQueueInput{QueueName: aws.String(fmt.Sprintf("%s%d", prefix, i))})
			Expect(err).NotTo(HaveOccurred())
			harness.Cleanup(func(ctx2 context.Context) { c.DeleteQueue(ctx2, &sqs.DeleteQueueInput{QueueUrl: out.QueueUrl}) })
		}
		all, err := c.ListQueues(ctx, &sqs.ListQueuesInput{QueueNamePrefix: aws.String(prefix)})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("list_all", all)
		first, err := c.ListQueues(ctx, &sqs.ListQueuesInput{QueueNamePrefix: aws.String(prefix), MaxResults: aws.Int32(2)})
		Expect(err).NotTo(HaveOccurred())
		Expect(first.NextToken).NotTo(BeNil())
		snap.Transform(transformers.Key("NextToken", "next-token"))
		snap.Match("list_two_max", first)
		rest, err := c.ListQueues(ctx, &sqs.ListQueuesInput{QueueNamePrefix: aws.String(prefix), NextToken: first.NextToken})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("list_remaining", rest)
	})

	It("reports missing queues", func(ctx SpecContext) {
		c := harness.SQS()
		snap := snapshot()
		_, err := c.GetQueueUrl(ctx, &sqs.GetQueueUrlInput{QueueName: aws.String(harness.UniqueName("missing"))})
		snap.Match("get-queue-url-missing", err)
		url, _ := createQueue(ctx, c, nil)
		_, err = c.DeleteQueue(ctx, &sqs.DeleteQueueInput{QueueUrl: aws.String(url)})
		Expect(err).NotTo(HaveOccurred())
		_, err = c.GetQueueAttributes(ctx, &sqs.GetQueueAttributesInput{QueueUrl: aws.String(url), AttributeNames: []types.QueueAttributeName{"All"}})
		snap.Match("get-attributes-deleted", err)
		_, err = c.GetQueueAttributes(ctx, &sqs.GetQueueAttributesInput{QueueUrl: aws.String(url + "x"), AttributeNames: []types.QueueAttributeName{"All"}})
		snap.Match("get-attributes-missing", err)
	})
})
