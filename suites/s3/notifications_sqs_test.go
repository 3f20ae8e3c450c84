package s3_test

import (
	"context"
	"encoding/json"
	"sort"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
	sqstypes "github.com/aws/aws-sdk-go-v2/service/sqs/types"
	smithyhttp "github.com/aws/smithy-go/transport/http"
	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/parity-harness/parity/harness"
	"github.com/parity-harness/parity/transformers"
)

const refNotify = "tests/aws/services/s3/test_s3_notifications_sqs.py::TestS3NotificationsToSQS::"

// notificationQueue creates a queue S3 may send to and returns its URL and
// ARN.
func notificationQueue(ctx context.Context, q *sqs.Client) (string, string) {
	name := harness.UniqueName("notif")
	out, err := q.CreateQueue(ctx, &sqs.CreateQueueInput{QueueName: aws.String(name)})
	Expect(err).NotTo(HaveOccurred())
	harness.Cleanup(func(ctx context.Context) { q.DeleteQueue(ctx, &sqs.DeleteQueueInput{QueueUrl: out.QueueUrl}) })
	attrs, err := q.GetQueueAttributes(ctx, &sqs.GetQueueAttributesInput{QueueUrl: out.QueueUrl, AttributeNames: []sqstypes.QueueAttributeName{sqstypes.QueueAttributeNameQueueArn}})
	Expect(err).NotTo(HaveOccurred())
	arn := attrs.Attributes["QueueArn"]
	policy := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"s3.amazonaws.com"},"Action":"sqs:SendMessage","Resource":"` + arn + `"}]}`
	_, err = q.SetQueueAttributes(ctx, &sqs.SetQueueAttributesInput{QueueUrl: out.QueueUrl, Attributes: map[string]string{"Policy": policy}})
	Expect(err).NotTo(HaveOccurred())
	return aws.ToString(out.QueueUrl), arn
}

// notifyQueue routes events of bucket b to the queue arn.
func notifyQueue(ctx context.Context, c *s3.Client, b, arn string, filter *types.NotificationConfigurationFilter, events ...types.Event) {
	_, err := c.PutBucketNotificationConfiguration(ctx, &s3.PutBucketNotificationConfigurationInput{Bucket: aws.String(b),
		NotificationConfiguration: &types.NotificationConfiguration{QueueConfigurations: []types.QueueConfiguration{{QueueArn: aws.String(arn), Events: events, Filter: filter}}}})
	Expect(err).NotTo(HaveOccurred())
}

// eventMessages receives from the queue until n S3 event records have come
// (test events are dropped) and returns the messages, their bodies parsed.
func eventMessages(ctx context.Context, q *sqs.Client, queueURL string, n int) []map[string]any {
	var msgs []map[string]any
	deadline := time.Now().Add(10 * time.Second)
	for len(msgs) < n && time.Now().Before(deadline) {
		out, err := q.ReceiveMessage(ctx, &sqs.ReceiveMessageInput{QueueUrl: aws.String(queueURL), MaxNumberOfMessages: 10, WaitTimeSeconds: 1,
			MessageSystemAttributeNames: []sqstypes.MessageSystemAttributeName{sqstypes.MessageSystemAttributeNameAWSTraceHeader}})
		Expect(err).NotTo(HaveOccurred())
		for _, m := range out.Messages {
			q.DeleteMessage(ctx, &sqs.DeleteMessageInput{QueueUrl: aws.String(queueURL), ReceiptHandle: m.ReceiptHandle})
			var body map[string]any
			if json.Unmarshal([]byte(aws.ToString(m.Body)), &body) != nil || body["Event"] == "s3:TestEvent" {
				continue
			}
			scrubRecords(body)
			msg := map[string]any{"Body": body, "MessageId": aws.ToString(m.MessageId), "ReceiptHandle": aws.ToString(m.ReceiptHandle), "MD5OfBody": "m-d5-of-body"}
			if len(m.Attributes) > 0 {
				attrs := map[string]any{}
				for k, v := range m.Attributes {
					attrs[k] = v
				}
				msg["Attributes"] = attrs
			}
			msgs = append(msgs, msg)
		}
	}
	return msgs
}

// eventRecords receives n event records, ordered by event name and key
// (delivery order is not part of the contract).
func eventRecords(ctx context.Context, q *sqs.Client, queueURL string, n int) []any {
	var recs []any
	for _, m := range eventMessages(ctx, q, queueURL, n) {
		rs, _ := m["Body"].(map[string]any)["Records"].([]any)
		recs = append(recs, rs...)
	}
	sort.SliceStable(recs, func(i, j int) bool { return recordSortKey(recs[i]) < recordSortKey(recs[j]) })
	return recs
}

func recordSortKey(r any) string {
	m, _ := r.(map[string]any)
	obj, _ := m["s3"].(map[string]any)["object"].(map[string]any)
	key, _ := obj["key"].(string)
	name, _ := m["eventName"].(string)
	return name + "\x00" + key
}

// scrubRecords replaces the run-dependent members of S3 event records by
// the words the reference recordings use.
func scrubRecords(body map[string]any) {
	rs, _ := body["Records"].([]any)
	for _, r := range rs {
		m, _ := r.(map[string]any)
		if m == nil {
			continue
		}
		if _, ok := m["eventTime"]; ok {
			m["eventTime"] = "date"
		}
		if s3m, ok := m["s3"].(map[string]any); ok {
			if obj, ok := s3m["object"].(map[string]any); ok {
				if _, ok := obj["sequencer"]; ok {
					obj["sequencer"] = "sequencer"
				}
				if _, ok := obj["versionId"]; ok {
					obj["versionId"] = "version-id"
				}
			}
		}
	}
}

// notificationTransforms are the reference recordings' placeholders for
// event records.
func notificationTransforms(snap *harness.Session) {
	snap.SkipVerify("$..responseElements", "the reference recordings scrub the request and host ids to fixed words, the harness to placeholders")
	snap.Transform(
		transformers.Key("principalId", "principal-id"),
		transformers.Key("configurationId", "config-id"),
		transformers.Key("sourceIPAddress", "ip-address"),
	)
}

// motoNotificationDivergences declares where moto's event records differ
// from AWS's.
func motoNotificationDivergences(snap *harness.Session) {
	snap.Divergence("moto", "$..userIdentity", "moto reports a fixed principal; AWS the caller's")
	snap.Divergence("moto", "$..ownerIdentity", "moto reports a fixed principal; AWS the bucket owner's")
	snap.Divergence("moto", "$..requestParameters", "moto reports a fixed source IP address")
	snap.Divergence("moto", "$..sequencer", "moto omits the sequencer of some events")
	snap.Divergence("moto", "$..object.size", "moto reports sizes of events where AWS does not")
	snap.Divergence("moto", "$..object.eTag", "moto reports ETags of events where AWS does not")
	snap.Divergence("moto", "$..configurationId", "moto reports configuration ids differently")
	snap.Divergence("moto", "$..eventVersion", "AWS sends tagging events as event version 2.3 (reference test_object_tagging_put_event); moto as 2.1")
	snap.Divergence("moto", "$.messages[1]", "moto sends an extra ObjectCreated:Put for an uploaded part and an extra tagging event for a PutObject with tags; AWS sends one event (reference recordings)")
}

// notificationSnapshot is the snapshot session of a notification spec: the
// event scrubbing and moto's known event differences.
func notificationSnapshot() *harness.Session {
	snap := harness.Snapshot()
	notificationTransforms(snap)
	motoNotificationDivergences(snap)
	return snap
}

var _ = Describe("S3 notifications to SQS", func() {
	It("sends ObjectCreated:Put events", harness.Reference(refNotify+"test_object_created_put"), func(ctx SpecContext) {
		snap := notificationSnapshot()
		c, q := harness.S3(), harness.SQS()
		b := newBucket(ctx, c)
		url, arn := notificationQueue(ctx, q)
		notifyQueue(ctx, c, b, arn, nil, types.EventS3ObjectCreated)
		put(ctx, c, b, "my_key_0", "something")
		put(ctx, c, b, "my_key_1", "something else")
		snap.Match("receive_messages", map[string]any{"messages": eventRecords(ctx, q, url, 2)})
	})

	It("URL-encodes keys in events", harness.Reference(refNotify+"test_key_encoding"), func(ctx SpecContext) {
		snap := notificationSnapshot()
		c, q := harness.S3(), harness.SQS()
		b := newBucket(ctx, c)
		url, arn := notificationQueue(ctx, q)
		notifyQueue(ctx, c, b, arn, nil, types.EventS3ObjectCreated)
		put(ctx, c, b, "a@b", "something")
		snap.Match("receive_messages", map[string]any{"messages": eventRecords(ctx, q, url, 1)})
	})

	It("sends copy, put and delete events", harness.Reference(refNotify+"test_object_created_and_object_removed"), func(ctx SpecContext) {
		snap := notificationSnapshot()
		c, q := harness.S3(), harness.SQS()
		b := newBucket(ctx, c)
		url, arn := notificationQueue(ctx, q)
		notifyQueue(ctx, c, b, arn, nil, types.EventS3ObjectCreated, types.EventS3ObjectRemoved)
		src, dst := harness.UniqueName("key"), harness.UniqueName("key")
		snap.Transform(transformers.Reference("object-key", dst, src))
		put(ctx, c, b, src, "something")
		_, err := c.CopyObject(ctx, &s3.CopyObjectInput{Bucket: aws.String(b), Key: aws.String(dst), CopySource: aws.String(b + "/" + src)})
		Expect(err).NotTo(HaveOccurred())
		_, err = c.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: aws.String(b), Key: aws.String(src)})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("receive_messages", map[string]any{"messages": eventRecords(ctx, q, url, 3)})
	})

	It("sends CompleteMultipartUpload events", harness.Reference(refNotify+"test_object_created_complete_multipart_upload"), func(ctx SpecContext) {
		snap := notificationSnapshot()
		c, q := harness.S3(), harness.SQS()
		b := newBucket(ctx, c)
		url, arn := notificationQueue(ctx, q)
		notifyQueue(ctx, c, b, arn, nil, types.EventS3ObjectCreated)
		up, err := c.CreateMultipartUpload(ctx, &s3.CreateMultipartUploadInput{Bucket: aws.String(b), Key: aws.String("test-key")})
		Expect(err).NotTo(HaveOccurred())
		p, err := c.UploadPart(ctx, &s3.UploadPartInput{Bucket: aws.String(b), Key: aws.String("test-key"), UploadId: up.UploadId, PartNumber: aws.Int32(1), Body: strings.NewReader(strings.Repeat("1", 6144))})
		Expect(err).NotTo(HaveOccurred())
		_, err = c.CompleteMultipartUpload(ctx, &s3.CompleteMultipartUploadInput{Bucket: aws.String(b), Key: aws.String("test-key"), UploadId: up.UploadId,
			MultipartUpload: &types.CompletedMultipartUpload{Parts: []types.CompletedPart{{PartNumber: aws.Int32(1), ETag: p.ETag}}}})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("receive_messages", map[string]any{"messages": eventRecords(ctx, q, url, 1)})
	})

	for _, tc := range []struct{ test, event string }{{"test_object_tagging_put_event", "put"}, {"test_object_tagging_delete_event", "delete"}} {
		It("sends ObjectTagging events on "+tc.event, harness.Reference(refNotify+tc.test), func(ctx SpecContext) {
			snap := notificationSnapshot()
			snap.SkipVerify("$..eTag", "the reference recording's object body is not recorded")
			c, q := harness.S3(), harness.SQS()
			b := newBucket(ctx, c)
			url, arn := notificationQueue(ctx, q)
			notifyQueue(ctx, c, b, arn, nil, types.EventS3ObjectTagging)
			key := harness.UniqueName("key")
			snap.Transform(transformers.Reference("object-key", key))
			put(ctx, c, b, key, "test-tagging-body")
			tagging := &types.Tagging{TagSet: []types.Tag{{Key: aws.String("tag1"), Value: aws.String("tag1")}}}
			if tc.event == "put" {
				_, err := c.PutObjectTagging(ctx, &s3.PutObjectTaggingInput{Bucket: aws.String(b), Key: aws.String(key), Tagging: tagging})
				Expect(err).NotTo(HaveOccurred())
			} else {
				_, err := c.DeleteObjectTagging(ctx, &s3.DeleteObjectTaggingInput{Bucket: aws.String(b), Key: aws.String(key)})
				Expect(err).NotTo(HaveOccurred())
			}
			snap.Match("receive_messages", map[string]any{"messages": eventRecords(ctx, q, url, 1)})
		})
	}

	It("sends events that pass the configuration's filter", harness.Reference(refNotify+"test_notifications_with_filter"), func(ctx SpecContext) {
		snap := notificationSnapshot()
		snap.SkipVerify("$.s3.object.eTag", "the reference recording's object body is not recorded")
		c, q := harness.S3(), harness.SQS()
		b := newBucket(ctx, c)
		url, arn := notificationQueue(ctx, q)
		filter := &types.NotificationConfigurationFilter{Key: &types.S3KeyFilter{FilterRules: []types.FilterRule{
			{Name: types.FilterRuleNamePrefix, Value: aws.String("testupload/")}, {Name: types.FilterRuleNameSuffix, Value: aws.String("testfile.txt")}}}}
		_, err := c.PutBucketNotificationConfiguration(ctx, &s3.PutBucketNotificationConfigurationInput{Bucket: aws.String(b),
			NotificationConfiguration: &types.NotificationConfiguration{QueueConfigurations: []types.QueueConfiguration{
				{QueueArn: aws.String(arn), Events: []types.Event{types.EventS3ObjectCreated, "s3:ObjectRemoved:Delete"}, Filter: filter},
				{Id: aws.String("id0002"), QueueArn: aws.String(arn), Events: []types.Event{"s3:ObjectTagging:*"}, Filter: filter},
			}}})
		Expect(err).NotTo(HaveOccurred())
		cfg, err := c.GetBucketNotificationConfiguration(ctx, &s3.GetBucketNotificationConfigurationInput{Bucket: aws.String(b)})
		Expect(err).NotTo(HaveOccurred())
		snap.Transform(transformers.Path("$.QueueConfigurations[0].Id", "config-id"))
		snap.Match("config", cfg)
		put(ctx, c, b, "testupload/dir1/testfile.txt", "test data of the filtered object")
		put(ctx, c, b, "testupload/dir1/other.txt", "not sent")
		put(ctx, c, b, "other/testfile.txt", "not sent")
		recs := eventRecords(ctx, q, url, 1)
		Expect(recs).To(HaveLen(1))
		snap.Match("message", recs[0])
		_, err = c.PutBucketNotificationConfiguration(ctx, &s3.PutBucketNotificationConfigurationInput{Bucket: aws.String(b), NotificationConfiguration: &types.NotificationConfiguration{}})
		Expect(err).NotTo(HaveOccurred())
		cfg, err = c.GetBucketNotificationConfiguration(ctx, &s3.GetBucketNotificationConfigurationInput{Bucket: aws.String(b)})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("config_empty", cfg)
		_, err = c.PutBucketNotificationConfiguration(ctx, &s3.PutBucketNotificationConfigurationInput{Bucket: aws.String(b),
			NotificationConfiguration: &types.NotificationConfiguration{QueueConfigurations: []types.QueueConfiguration{{Id: aws.String("id123456"), QueueArn: aws.String(arn), Events: []types.Event{types.EventS3ObjectCreated}}}}})
		Expect(err).NotTo(HaveOccurred())
		cfg, err = c.GetBucketNotificationConfiguration(ctx, &s3.GetBucketNotificationConfigurationInput{Bucket: aws.String(b)})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("config_updated", cfg)
		_, err = c.PutBucketNotificationConfiguration(ctx, &s3.PutBucketNotificationConfigurationInput{Bucket: aws.String(b),
			NotificationConfiguration: &types.NotificationConfiguration{QueueConfigurations: []types.QueueConfiguration{{Id: aws.String("id123456"), QueueArn: aws.String(arn), Events: []types.Event{types.EventS3ObjectCreated},
				Filter: &types.NotificationConfigurationFilter{Key: &types.S3KeyFilter{FilterRules: []types.FilterRule{{Name: types.FilterRuleNamePrefix, Value: aws.String("testupload/")}}}}}}}})
		Expect(err).NotTo(HaveOccurred())
		cfg, err = c.GetBucketNotificationConfiguration(ctx, &s3.GetBucketNotificationConfigurationInput{Bucket: aws.String(b)})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("config_updated_filter", cfg)
	})

	It("reports every destination queue that does not exist", harness.Reference(refNotify+"test_multiple_invalid_sqs_arns"), func(ctx SpecContext) {
		snap := harness.Snapshot()
		c := harness.S3()
		b := newBucket(ctx, c)
		region := harness.AWSConfig().Region
		missing := func(name string) string { return "arn:aws:sqs:" + region + ":111111111111:" + name }
		configure := func(arns ...string) error {
			var qs []types.QueueConfiguration
			for _, a := range arns {
				qs = append(qs, types.QueueConfiguration{QueueArn: aws.String(a), Events: []types.Event{types.EventS3ObjectCreated}})
			}
			_, err := c.PutBucketNotificationConfiguration(ctx, &s3.PutBucketNotificationConfigurationInput{Bucket: aws.String(b), NotificationConfiguration: &types.NotificationConfiguration{QueueConfigurations: qs}})
			return err
		}
		snap.Divergence("moto", "$.Error", "AWS validates every destination queue and reports each that does not exist (reference recording); moto does not check")
		snap.Divergence("moto", "$.ResponseMetadata.HTTPStatusCode", "AWS answers 400 to destinations that do not exist or do not parse; moto 200")
		snap.Match("two-queue-arns-invalid", orErr(&s3.PutBucketNotificationConfigurationOutput{}, configure("invalid_arn", "invalid_arn_2")))
		snap.Match("one-queue-invalid-one-not-existent", orErr(&s3.PutBucketNotificationConfigurationOutput{}, configure(missing("my-queue"), "invalid_arn_2")))
		snap.Match("multiple-queues-do-not-exist", orErr(&s3.PutBucketNotificationConfigurationOutput{}, configure(missing("my-queue"), missing("my-queue-2"))))
	})

	for _, tc := range []struct {
		test  string
		rules []types.FilterRule
	}{
		{"test_filter_rules_case_insensitive", []types.FilterRule{{Name: "PREFIX", Value: aws.String("notif-")}, {Name: "suffix", Value: aws.String(".txt")}}},
		{"test_filter_rules_empty_value", []types.FilterRule{{Name: "suffix", Value: aws.String("")}}},
	} {
		It("stores filter rules for "+tc.test, harness.Reference(refNotify+tc.test), func(ctx SpecContext) {
			snap := harness.Snapshot()
			c := harness.S3()
			b := newBucket(ctx, c)
			arn := "arn:aws:sqs:" + harness.AWSConfig().Region + ":111111111111:my-queue-" + harness.UniqueName("q")
			snap.Transform(transformers.Regex(`my-queue-q-[0-9a-z-]+`, "my-queue-<queue_id>"), transformers.Path("$..QueueConfigurations[0].Id", "id"))
			_, err := c.PutBucketNotificationConfiguration(ctx, &s3.PutBucketNotificationConfigurationInput{Bucket: aws.String(b), SkipDestinationValidation: aws.Bool(true),
				NotificationConfiguration: &types.NotificationConfiguration{QueueConfigurations: []types.QueueConfiguration{{QueueArn: aws.String(arn), Events: []types.Event{types.EventS3ObjectCreated},
					Filter: &types.NotificationConfigurationFilter{Key: &types.S3KeyFilter{FilterRules: tc.rules}}}}}})
			Expect(err).NotTo(HaveOccurred())
			cfg, err := c.GetBucketNotificationConfiguration(ctx, &s3.GetBucketNotificationConfigurationInput{Bucket: aws.String(b)})
			Expect(err).NotTo(HaveOccurred())
			snap.Match("bucket_notification_configuration", cfg)
		})
	}

	It("passes the X-Ray trace header on", harness.Reference(refNotify+"test_xray_header"), func(ctx SpecContext) {
		snap := notificationSnapshot()
		snap.Divergence("moto", "$..Attributes", "AWS passes the request's X-Amzn-Trace-Id on as the message's AWSTraceHeader (reference recording); moto does not")
		c, q := harness.S3(), harness.SQS()
		b := newBucket(ctx, c)
		url, arn := notificationQueue(ctx, q)
		notifyQueue(ctx, c, b, arn, nil, types.EventS3ObjectCreated)
		trace := "Root=1-3152b799-8954dae64eda91bc9a23a7e8;Parent=7fa8c0f79203be72;Sampled=1"
		_, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(b), Key: aws.String("test-data"), Body: strings.NewReader("something")}, noDefaultContentType, withHeader("X-Amzn-Trace-Id", trace))
		Expect(err).NotTo(HaveOccurred())
		msgs := eventMessages(ctx, q, url, 1)
		snap.Match("receive_messages", map[string]any{"messages": msgs})
	})
})

// withHeader sets a request header the SDK has no member for.
func withHeader(name, value string) func(*s3.Options) {
	return func(o *s3.Options) {
		o.APIOptions = append(o.APIOptions, smithyhttp.AddHeaderValue(name, value))
	}
}
