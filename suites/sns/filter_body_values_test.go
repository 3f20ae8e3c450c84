package sns_test

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sns"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
	sqstypes "github.com/aws/aws-sdk-go-v2/service/sqs/types"
	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/parity-harness/parity/harness"
)

// bodyFilteredQueue creates a queue subscribed raw to topic with policy
// applied to message bodies, and returns the queue's URL.
func bodyFilteredQueue(ctx context.Context, topic, policy string) string {
	url, queue := createQueue(ctx, nil)
	subscribeQueue(ctx, topic, queue, map[string]string{"FilterPolicyScope": "MessageBody", "FilterPolicy": policy, "RawMessageDelivery": "true"})
	return url
}

// publishJSON publishes every document of docs to topic as a JSON message.
func publishJSON(ctx context.Context, topic string, docs ...any) {
	for _, d := range docs {
		body, err := json.Marshal(d)
		Expect(err).NotTo(HaveOccurred())
		publish(ctx, &sns.PublishInput{TopicArn: aws.String(topic), Message: aws.String(string(body))})
	}
}

// deliveredBodies receives want messages with their system attributes (a
// last short poll shows nothing more came) and returns them in arrival
// order, as {"Messages": [...]}.
func deliveredBodies(ctx context.Context, url string, want int) map[string]any {
	in := &sqs.ReceiveMessageInput{QueueUrl: aws.String(url), MaxNumberOfMessages: 10, WaitTimeSeconds: 1,
		MessageSystemAttributeNames: []sqstypes.MessageSystemAttributeName{"All"}}
	out := receiveUntil(ctx, in, want)
	more, err := harness.SQS().ReceiveMessage(ctx, sqsReceiveShort(url))
	Expect(err).NotTo(HaveOccurred())
	return map[string]any{"Messages": append(out.Messages, more.Messages...)}
}

type jsonObject = map[string]any

// bodyValuesSnapshot is a delivery session for raw deliveries read with their
// system attributes.
func bodyValuesSnapshot() *harness.Session {
	return deliverySnapshot().
		Divergence("moto", "$..Attributes.SenderId", "moto's sender of SNS deliveries is an IAM user id, the emulator's the topic's account (the references scrub it)").
		Divergence("moto", "$..Body.account", "moto's account is 123456789012, the account literal of the published events, so the account scrubber rewrites the literal")
}

var _ = Describe("SNS filter policies on message body values", func() {
	It("matches a body holding an empty array", harness.Reference(filterRef+"TestSNSFilterPolicyBody::test_filter_policy_empty_array_payload"), func(ctx SpecContext) {
		snap := bodyValuesSnapshot()
		topic := createTopic(ctx, nil)
		url := bodyFilteredQueue(ctx, topic, `{"source": ["aws.autoscaling"], "detail-type": ["EC2 Instance Launch Successful", "EC2 Instance Terminate Successful"]}`)
		event := func(source string) jsonObject {
			return jsonObject{"version": "0", "id": "4e6ee2f3-8b4a-4c3f-9a55-0e2f1a6f3d1b", "detail-type": "EC2 Instance Launch Successful",
				"source": source, "account": "123456789012", "time": "2024-04-03T10:24:19Z", "region": "my-region", "resources": []any{},
				"detail": jsonObject{"eventVersion": "", "responseElements": nil}}
		}
		publishJSON(ctx, topic, event("aws.ec2"), event("aws.autoscaling"))
		snap.Match("messages-queue", deliveredBodies(ctx, url, 1))
	})

	// moto rejects cidr ("Unrecognized match type"): recorded on the emulator.
	It("matches IP addresses against CIDR blocks", harness.Reference(filterRef+"TestSNSFilterPolicyBody::test_filter_policy_ip_address_condition"), func(ctx SpecContext) {
		snap := bodyValuesSnapshot()
		topic := createTopic(ctx, nil)
		url := bodyFilteredQueue(ctx, topic, `{"detail": {"$or": [{"sourceIPAddress": [{"cidr": "10.0.0.0/24"}]}, {"sourceIPAddressV6": [{"cidr": "2001:db8:1234:1a00::/64"}]}]}}`)
		event := func(id, key, ip string) jsonObject {
			return jsonObject{"id": id, "source": "test-source", "detail-type": "test-detail-type", "account": "123456789012",
				"region": "my-region", "time": "2024-04-03T10:24:19Z", "detail": jsonObject{key: ip}}
		}
		publishJSON(ctx, topic,
			event("1", "sourceIPAddress", "10.0.0.255"),
			event("2", "sourceIPAddress", "10.0.1.0"),
			event("3", "sourceIPAddressV6", "2001:0db8:1234:1a00:0000:0000:0000:0000"),
			event("4", "sourceIPAddressV6", "2001:0db8:1234:1b00:0000:0000:0000:0000"))
		snap.Match("messages-queue", deliveredBodies(ctx, url, 2))
	})

	It("matches any element of an array in the body", harness.Reference(filterRef+"TestSNSFilterPolicyBody::test_filter_policy_on_message_body_array_attributes"), func(ctx SpecContext) {
		snap := bodyValuesSnapshot()
		topic := createTopic(ctx, nil)
		var urls []string
		for _, q := range []string{"queue1", "queue2"} {
			urls = append(urls, bodyFilteredQueue(ctx, topic, `{"headers": {"route-to": ["`+q+`"]}}`))
		}
		route := func(to ...any) jsonObject { return jsonObject{"headers": jsonObject{"route-to": to}} }
		publishJSON(ctx, topic, route("queue1", "queue2"), route("queue1"), route("queue2"), route("queue3"))
		for i, url := range urls {
			snap.Match("messages-queue-"+string(rune('0'+i)), deliveredBodies(ctx, url, 2))
		}
	})

	// moto answers 500 comparing a number with values in nested arrays: recorded on the emulator.
	It("filters a large payload of nested arrays", harness.Reference(filterRef+"TestSNSFilterPolicyBody::test_filter_policy_large_complex_payload"), func(ctx SpecContext) {
		snap := bodyValuesSnapshot()
		topic := createTopic(ctx, nil)
		url := bodyFilteredQueue(ctx, topic, `{"source": ["aws.s3"], "detail": {"eventSource": ["s3.amazonaws.com"], `+
			`"requestParameters": {"bucketName": [{"prefix": "my-"}]}, "resources": {"type": ["AWS::S3::Bucket"]}, "records": {"object": {"tags": {"values": [{"numeric": [">=", 1790]}]}}}}}`)
		publishJSON(ctx, topic, largeEvent("matching", "my-bucket"), largeEvent("other-bucket", "other-bucket"))
		var ids []string
		for _, m := range deliveredBodies(ctx, url, 1)["Messages"].([]sqstypes.Message) {
			var event struct{ ID string }
			Expect(json.Unmarshal([]byte(aws.ToString(m.Body)), &event)).To(Succeed())
			ids = append(ids, event.ID)
		}
		Expect(ids).To(Equal([]string{"matching"}))
		snap.Match("delivered-ids", ids)
	})

	// moto does not look into arrays nested in arrays: recorded on the emulator.
	It("matches fields of objects inside arrays", harness.Reference(filterRef+"TestSNSFilterPolicyBody::test_filter_policy_on_message_body_array_of_object_attributes"), func(ctx SpecContext) {
		snap := bodyValuesSnapshot()
		topic := createTopic(ctx, nil)
		url := bodyFilteredQueue(ctx, topic, `{"Records": {"s3": {"object": {"key": [{"prefix": "auto-"}]}}, "eventName": [{"prefix": "ObjectCreated:"}]}}`)
		bucket := harness.UniqueName("bucket")
		object := func(key string) jsonObject { return jsonObject{"key": key, "size": 17} }
		record := func(event string, s3 jsonObject) jsonObject {
			return jsonObject{"eventName": event, "eventSource": "aws:s3", "s3": s3}
		}
		created := record("ObjectCreated:Put", jsonObject{"object": object("auto-insurance-2314.xml"),
			"bucket": jsonObject{"name": bucket, "arn": "arn:aws:s3:::" + bucket}})
		created["eventTime"] = "2024-04-03T10:24:19.000Z"
		publishJSON(ctx, topic,
			// the created record's object is nested in arrays; its key and the removal's event name do not match alone
			jsonObject{"Records": []any{
				record("ObjectCreated:Put", jsonObject{"object": []any{[]any{object("auto-insurance-2314.xml")}}}),
				record("ObjectRemoved:Delete", jsonObject{"object": object("home-insurance-2314.xml")})}},
			jsonObject{"Records": []any{record("ObjectRemoved:Delete", jsonObject{"object": object("auto-insurance-2314.xml")})}},
			jsonObject{"Records": []any{record("ObjectCreated:Put", jsonObject{"object": object("home-insurance-2314.xml")})}},
			jsonObject{"Records": []any{created}})
		snap.Match("messages", deliveredBodies(ctx, url, 2))
	})
})

// largeEvent is an S3 event of about 100 KiB: many records, each with
// arrays of tags, the whole payload flattened by a filter policy.
func largeEvent(id, bucket string) jsonObject {
	var records, resources []any
	for i := 0; i < 200; i++ {
		var tags []any
		for j := 0; j < 10; j++ {
			tags = append(tags, jsonObject{"key": fmt.Sprintf("tag-%d", j), "values": []any{fmt.Sprintf("v%d-%d", i, j), i * j}})
		}
		records = append(records, jsonObject{"index": i, "object": jsonObject{"key": fmt.Sprintf("object-%d.json", i), "tags": tags}})
		if i%2 == 0 {
			resources = append(resources, jsonObject{"type": "AWS::S3::Object", "ARN": fmt.Sprintf("arn:aws:s3:::%s/object-%d.json", bucket, i)})
		}
	}
	resources = append(resources, jsonObject{"type": "AWS::S3::Bucket", "ARN": "arn:aws:s3:::" + bucket})
	return jsonObject{"id": id, "source": "aws.s3", "region": "us-east-1", "detail": jsonObject{
		"eventSource": "s3.amazonaws.com", "requestParameters": jsonObject{"bucketName": bucket},
		"resources": resources, "records": records}}
}
