package protocol

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	ddbtypes "github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	s3types "github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/aws/aws-sdk-go-v2/service/sns"
	snstypes "github.com/aws/aws-sdk-go-v2/service/sns/types"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
	sqstypes "github.com/aws/aws-sdk-go-v2/service/sqs/types"
	"github.com/aws/smithy-go"

	"github.com/parity-harness/parity/emulator/awserr"
	"github.com/parity-harness/parity/emulator/model"
)

// These tests put the codecs between the real AWS SDK for Go v2 and small
// in-test handlers: what the SDK sends must decode to the input, and what
// the codecs write must parse in the SDK.

type sdkHandler func(op string, in map[string]any) (map[string]any, error)

// sdkServer serves one model through ForRequest and records the decoded
// inputs.
func sdkServer(t *testing.T, svc *model.Service, h sdkHandler) (*httptest.Server, *[]map[string]any) {
	var inputs []map[string]any
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		codec := ForRequest(svc, r)
		meta := Meta{RequestID: "req-1"}
		op, err := codec.Operation(r, svc)
		if err != nil {
			codec.EncodeError(w, svc, nil, err.(*awserr.Error), meta)
			return
		}
		in, err := codec.DecodeInput(r, svc, op)
		var verr *ValidationError
		if errors.As(err, &verr) {
			codec.EncodeError(w, svc, op, DefaultValidationError(codec.Name(), verr), meta)
			return
		}
		if err != nil {
			codec.EncodeError(w, svc, op, err.(*awserr.Error), meta)
			return
		}
		if body, ok := in["Body"].(io.ReadCloser); ok {
			b, _ := io.ReadAll(body)
			in["Body"] = b
		}
		inputs = append(inputs, in)
		out, err := h(op.Name, in)
		if err != nil {
			codec.EncodeError(w, svc, op, err.(*awserr.Error), meta)
			return
		}
		if err := codec.EncodeOutput(w, svc, op, out, meta); err != nil {
			t.Errorf("encode %s: %v", op.Name, err)
		}
	}))
	t.Cleanup(srv.Close)
	return srv, &inputs
}

func sdkConfig(url string) aws.Config {
	return aws.Config{
		Region:       "us-east-1",
		Credentials:  credentials.NewStaticCredentialsProvider("test", "test", ""),
		BaseEndpoint: aws.String(url),
		HTTPClient:   awshttp.NewBuildableClient(),
		Retryer:      func() aws.Retryer { return aws.NopRetryer{} },
	}
}

func TestSDKSQSJSON(t *testing.T) {
	svc := model.MustLoad("sqs")
	srv, inputs := sdkServer(t, svc, func(op string, in map[string]any) (map[string]any, error) {
		switch op {
		case "CreateQueue":
			return map[string]any{"QueueUrl": "http://q/000000000000/" + in["QueueName"].(string)}, nil
		case "GetQueueUrl":
			return nil, awserr.New("QueueDoesNotExist", 400, "The specified queue does not exist.")
		case "ReceiveMessage":
			return map[string]any{"Messages": []any{map[string]any{
				"MessageId": "m1", "Body": "hello", "ReceiptHandle": "rh",
				"Attributes":        map[string]any{"SentTimestamp": "1700000000000"},
				"MessageAttributes": map[string]any{"k": map[string]any{"DataType": "Binary", "BinaryValue": []byte{1, 2}}},
			}}}, nil
		}
		return map[string]any{}, nil
	})
	c := sqs.NewFromConfig(sdkConfig(srv.URL))
	ctx := context.Background()
	out, err := c.CreateQueue(ctx, &sqs.CreateQueueInput{QueueName: aws.String("q1"), Attributes: map[string]string{"DelaySeconds": "5"}, Tags: map[string]string{"team": "a"}})
	if err != nil {
		t.Fatal(err)
	}
	if aws.ToString(out.QueueUrl) != "http://q/000000000000/q1" {
		t.Errorf("QueueUrl = %q", aws.ToString(out.QueueUrl))
	}
	in := (*inputs)[0]
	if in["Attributes"].(map[string]any)["DelaySeconds"] != "5" || in["tags"].(map[string]any)["team"] != "a" {
		t.Errorf("decoded CreateQueue input = %v", in)
	}
	_, err = c.GetQueueUrl(ctx, &sqs.GetQueueUrlInput{QueueName: aws.String("nope")})
	var apiErr smithy.APIError
	if !errors.As(err, &apiErr) {
		t.Fatalf("GetQueueUrl error = %v", err)
	}
	// The SDK reports the query code of awsQueryCompatible errors.
	if apiErr.ErrorCode() != "AWS.SimpleQueueService.NonExistentQueue" {
		t.Errorf("error code = %q", apiErr.ErrorCode())
	}
	var qdne *sqstypes.QueueDoesNotExist
	if !errors.As(err, &qdne) {
		t.Errorf("error is not the modeled QueueDoesNotExist: %T", err)
	}
	msgs, err := c.ReceiveMessage(ctx, &sqs.ReceiveMessageInput{QueueUrl: aws.String("http://q/1/q1"), MaxNumberOfMessages: 3, MessageAttributeNames: []string{"All"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(msgs.Messages) != 1 || aws.ToString(msgs.Messages[0].Body) != "hello" || !bytes.Equal(msgs.Messages[0].MessageAttributes["k"].BinaryValue, []byte{1, 2}) {
		t.Errorf("ReceiveMessage = %+v", msgs.Messages)
	}
	if got := (*inputs)[len(*inputs)-1]["MaxNumberOfMessages"]; got != int64(3) {
		t.Errorf("MaxNumberOfMessages decoded as %#v", got)
	}
}

// TestSQSQueryWire drives SQS's legacy query wire format by hand: the
// flattened Attribute.N / MessageAttribute.N names and the XML answer.
func TestSQSQueryWire(t *testing.T) {
	svc := model.MustLoad("sqs")
	srv, inputs := sdkServer(t, svc, func(op string, in map[string]any) (map[string]any, error) {
		switch op {
		case "SendMessageBatch":
			return map[string]any{
				"Successful": []any{map[string]any{"Id": "a", "MessageId": "m1", "MD5OfMessageBody": "x"}},
				"Failed":     []any{map[string]any{"Id": "b", "Code": "InvalidParameterValue", "Message": "bad", "SenderFault": true}},
			}, nil
		case "GetQueueAttributes":
			return map[string]any{"Attributes": map[string]any{"DelaySeconds": "5", "VisibilityTimeout": "30"}}, nil
		case "ListQueues":
			return map[string]any{"QueueUrls": []any{"u1", "u2"}}, nil
		case "GetQueueUrl":
			return nil, awserr.New("QueueDoesNotExist", 400, "The specified queue does not exist.")
		}
		return map[string]any{}, nil
	})
	post := func(form url.Values) (int, string, http.Header) {
		resp, err := http.Post(srv.URL, "application/x-www-form-urlencoded", strings.NewReader(form.Encode()))
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b), resp.Header
	}
	_, body, _ := post(url.Values{
		"Action": {"SendMessageBatch"}, "QueueUrl": {"http://q/1/q"},
		"SendMessageBatchRequestEntry.1.Id":                                   {"a"},
		"SendMessageBatchRequestEntry.1.MessageBody":                          {"hello"},
		"SendMessageBatchRequestEntry.1.MessageAttribute.1.Name":              {"attr"},
		"SendMessageBatchRequestEntry.1.MessageAttribute.1.Value.DataType":    {"String"},
		"SendMessageBatchRequestEntry.1.MessageAttribute.1.Value.StringValue": {"v"},
		"SendMessageBatchRequestEntry.2.Id":                                   {"b"},
		"SendMessageBatchRequestEntry.2.MessageBody":                          {"x"},
	})
	in := (*inputs)[0]
	entries := in["Entries"].([]any)
	attr := entries[0].(map[string]any)["MessageAttributes"].(map[string]any)["attr"].(map[string]any)
	if len(entries) != 2 || attr["StringValue"] != "v" || attr["DataType"] != "String" {
		t.Errorf("decoded entries = %v", entries)
	}
	for _, want := range []string{
		`<SendMessageBatchResponse xmlns="http://queue.amazonaws.com/doc/2012-11-05/">`,
		`<SendMessageBatchResult><SendMessageBatchResultEntry><Id>a</Id><MessageId>m1</MessageId>`,
		`<BatchResultErrorEntry><Id>b</Id><SenderFault>true</SenderFault><Code>InvalidParameterValue</Code><Message>bad</Message></BatchResultErrorEntry>`,
		`<ResponseMetadata><RequestId>req-1</RequestId></ResponseMetadata>`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("SendMessageBatch response lacks %s:\n%s", want, body)
		}
	}
	_, body, _ = post(url.Values{"Action": {"GetQueueAttributes"}, "QueueUrl": {"u"}, "AttributeName.1": {"All"}})
	if names := (*inputs)[1]["AttributeNames"]; len(names.([]any)) != 1 {
		t.Errorf("AttributeNames = %v", names)
	}
	if !strings.Contains(body, "<Attribute><Name>DelaySeconds</Name><Value>5</Value></Attribute><Attribute><Name>VisibilityTimeout</Name>") {
		t.Errorf("GetQueueAttributes response:\n%s", body)
	}
	_, body, _ = post(url.Values{"Action": {"ListQueues"}})
	if !strings.Contains(body, "<ListQueuesResult><QueueUrl>u1</QueueUrl><QueueUrl>u2</QueueUrl></ListQueuesResult>") {
		t.Errorf("ListQueues response:\n%s", body)
	}
	status, body, _ := post(url.Values{"Action": {"GetQueueUrl"}, "QueueName": {"nope"}})
	if status != 400 || !strings.Contains(body, "<Code>AWS.SimpleQueueService.NonExistentQueue</Code>") || !strings.Contains(body, "<Type>Sender</Type>") {
		t.Errorf("GetQueueUrl error %d:\n%s", status, body)
	}
	status, body, _ = post(url.Values{"Action": {"DeleteQueue"}})
	if status != 400 || !strings.Contains(body, "<Code>ValidationError</Code>") || !strings.Contains(body, "Value null at &#39;queueUrl&#39; failed to satisfy constraint: Member must not be null") {
		t.Errorf("DeleteQueue without QueueUrl %d:\n%s", status, body)
	}
	// Old clients post to the queue URL and leave QueueUrl out.
	resp, err := http.Post(srv.URL+"/000000000000/q9", "application/x-www-form-urlencoded", strings.NewReader("Action=PurgeQueue"))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if got := (*inputs)[len(*inputs)-1]["QueueUrl"]; resp.StatusCode != 200 || got != srv.URL+"/000000000000/q9" {
		t.Errorf("PurgeQueue at the queue URL: %d, QueueUrl %v", resp.StatusCode, got)
	}
	status, body, _ = post(url.Values{"Action": {"NoSuchThing"}})
	if status != 400 || !strings.Contains(body, "<Code>InvalidAction</Code>") {
		t.Errorf("unknown action %d:\n%s", status, body)
	}
}

func TestSDKSNSQuery(t *testing.T) {
	svc := model.MustLoad("sns")
	srv, inputs := sdkServer(t, svc, func(op string, in map[string]any) (map[string]any, error) {
		switch op {
		case "CreateTopic":
			return map[string]any{"TopicArn": "arn:aws:sns:us-east-1:000000000000:" + in["Name"].(string)}, nil
		case "ListTopics":
			return map[string]any{"Topics": []any{map[string]any{"TopicArn": "a1"}, map[string]any{"TopicArn": "a2"}}}, nil
		case "GetTopicAttributes":
			return nil, awserr.New("NotFound", 404, "Topic does not exist")
		}
		return map[string]any{"MessageId": "m"}, nil
	})
	c := sns.NewFromConfig(sdkConfig(srv.URL))
	ctx := context.Background()
	out, err := c.CreateTopic(ctx, &sns.CreateTopicInput{Name: aws.String("t1"), Attributes: map[string]string{"DisplayName": "d"}, Tags: []snstypes.Tag{{Key: aws.String("k"), Value: aws.String("v")}}})
	if err != nil {
		t.Fatal(err)
	}
	if aws.ToString(out.TopicArn) != "arn:aws:sns:us-east-1:000000000000:t1" {
		t.Errorf("TopicArn = %q", aws.ToString(out.TopicArn))
	}
	in := (*inputs)[0]
	if in["Attributes"].(map[string]any)["DisplayName"] != "d" || in["Tags"].([]any)[0].(map[string]any)["Key"] != "k" {
		t.Errorf("decoded CreateTopic input = %v", in)
	}
	_, err = c.Publish(ctx, &sns.PublishInput{TopicArn: aws.String("a"), Message: aws.String("m"), MessageAttributes: map[string]snstypes.MessageAttributeValue{"n": {DataType: aws.String("Number"), StringValue: aws.String("1")}}})
	if err != nil {
		t.Fatal(err)
	}
	attr := (*inputs)[1]["MessageAttributes"].(map[string]any)["n"].(map[string]any)
	if attr["DataType"] != "Number" || attr["StringValue"] != "1" {
		t.Errorf("decoded Publish attributes = %v", attr)
	}
	topics, err := c.ListTopics(ctx, &sns.ListTopicsInput{})
	if err != nil || len(topics.Topics) != 2 || aws.ToString(topics.Topics[1].TopicArn) != "a2" {
		t.Errorf("ListTopics = %+v, %v", topics, err)
	}
	_, err = c.GetTopicAttributes(ctx, &sns.GetTopicAttributesInput{TopicArn: aws.String("x")})
	var nf *snstypes.NotFoundException
	if !errors.As(err, &nf) {
		t.Errorf("GetTopicAttributes error = %v", err)
	}
}

func TestSDKDynamoDBJSON(t *testing.T) {
	svc := model.MustLoad("dynamodb")
	srv, inputs := sdkServer(t, svc, func(op string, in map[string]any) (map[string]any, error) {
		switch op {
		case "GetItem":
			return map[string]any{"Item": map[string]any{"id": map[string]any{"S": "1"}, "n": map[string]any{"N": "42"}, "b": map[string]any{"B": "AQI="}}}, nil
		case "DescribeTable":
			return map[string]any{"Table": map[string]any{"TableName": "t", "CreationDateTime": time.Unix(1700000000, 500e6), "ItemCount": 3}}, nil
		case "PutItem":
			return nil, awserr.New("ConditionalCheckFailedException", 400, "The conditional request failed")
		}
		return map[string]any{}, nil
	})
	c := dynamodb.NewFromConfig(sdkConfig(srv.URL))
	ctx := context.Background()
	got, err := c.GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String("t"), Key: map[string]ddbtypes.AttributeValue{"id": &ddbtypes.AttributeValueMemberS{Value: "1"}}})
	if err != nil {
		t.Fatal(err)
	}
	if n, ok := got.Item["n"].(*ddbtypes.AttributeValueMemberN); !ok || n.Value != "42" {
		t.Errorf("Item = %#v", got.Item)
	}
	if b, ok := got.Item["b"].(*ddbtypes.AttributeValueMemberB); !ok || !bytes.Equal(b.Value, []byte{1, 2}) {
		t.Errorf("Item b = %#v", got.Item["b"])
	}
	key := (*inputs)[0]["Key"].(map[string]any)["id"].(map[string]any)
	if key["S"] != "1" {
		t.Errorf("decoded Key = %v", key)
	}
	desc, err := c.DescribeTable(ctx, &dynamodb.DescribeTableInput{TableName: aws.String("t")})
	if err != nil {
		t.Fatal(err)
	}
	if !desc.Table.CreationDateTime.Equal(time.Unix(1700000000, 500e6)) || aws.ToInt64(desc.Table.ItemCount) != 3 {
		t.Errorf("Table = %+v", desc.Table)
	}
	_, err = c.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String("t"), Item: map[string]ddbtypes.AttributeValue{"id": &ddbtypes.AttributeValueMemberS{Value: "1"}}})
	var ccf *ddbtypes.ConditionalCheckFailedException
	if !errors.As(err, &ccf) {
		t.Errorf("PutItem error = %v", err)
	}
	_, err = c.Scan(ctx, &dynamodb.ScanInput{TableName: aws.String("t"), Limit: aws.Int32(0)})
	var apiErr smithy.APIError
	if !errors.As(err, &apiErr) || apiErr.ErrorCode() != "ValidationException" || !strings.Contains(apiErr.ErrorMessage(), "Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1") {
		t.Errorf("Scan with Limit 0: %v", err)
	}
}

func TestSDKS3RestXML(t *testing.T) {
	svc := model.MustLoad("s3")
	modified := time.Date(2024, 5, 1, 10, 0, 0, 0, time.UTC)
	srv, inputs := sdkServer(t, svc, func(op string, in map[string]any) (map[string]any, error) {
		switch op {
		case "PutObject":
			return map[string]any{"ETag": `"abc"`}, nil
		case "GetObject":
			if in["Key"] == "missing" {
				return nil, awserr.New("NoSuchKey", 404, "The specified key does not exist.").With("Key", "missing")
			}
			return map[string]any{"Body": io.NopCloser(strings.NewReader("hello")), "ContentLength": 5, "ContentType": "text/plain", "LastModified": modified, "Metadata": map[string]any{"color": "red"}}, nil
		case "HeadObject":
			return nil, awserr.New("NotFound", 404, "Not Found")
		case "ListObjectsV2":
			return map[string]any{"Name": in["Bucket"], "KeyCount": 2, "IsTruncated": false, "Contents": []any{
				map[string]any{"Key": "a/b.txt", "Size": 3, "LastModified": modified},
				map[string]any{"Key": "c", "Size": 1, "LastModified": modified},
			}, "CommonPrefixes": []any{map[string]any{"Prefix": "a/"}}}, nil
		case "GetBucketLocation":
			return map[string]any{"LocationConstraint": "eu-west-1"}, nil
		}
		return map[string]any{}, nil
	})
	cfg := sdkConfig(srv.URL)
	c := s3.NewFromConfig(cfg, func(o *s3.Options) { o.UsePathStyle = true })
	ctx := context.Background()
	_, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("bkt"), Key: aws.String("dir/my key.txt"), Body: strings.NewReader("hello"), Metadata: map[string]string{"color": "red"}, ContentType: aws.String("text/plain")})
	if err != nil {
		t.Fatal(err)
	}
	in := (*inputs)[0]
	if in["Bucket"] != "bkt" || in["Key"] != "dir/my key.txt" || in["ContentType"] != "text/plain" || in["Metadata"].(map[string]any)["color"] != "red" {
		t.Errorf("decoded PutObject input = %v", in)
	}
	if body, _ := in["Body"].([]byte); string(body) != "hello" {
		t.Errorf("PutObject body = %q", in["Body"])
	}
	obj, err := c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String("bkt"), Key: aws.String("k")})
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(obj.Body)
	if string(b) != "hello" || aws.ToString(obj.ContentType) != "text/plain" || !obj.LastModified.Equal(modified) || obj.Metadata["color"] != "red" {
		t.Errorf("GetObject = %q %+v", b, obj)
	}
	_, err = c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String("bkt"), Key: aws.String("missing")})
	var nsk *s3types.NoSuchKey
	var apiErr smithy.APIError
	if !errors.As(err, &nsk) || !errors.As(err, &apiErr) || apiErr.ErrorCode() != "NoSuchKey" {
		t.Errorf("GetObject missing: %v", err)
	}
	_, err = c.HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String("bkt"), Key: aws.String("missing")})
	if !errors.As(err, &apiErr) || apiErr.ErrorCode() != "NotFound" {
		t.Errorf("HeadObject missing: %v", err)
	}
	list, err := c.ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: aws.String("bkt"), Prefix: aws.String("a/"), Delimiter: aws.String("/")})
	if err != nil {
		t.Fatal(err)
	}
	if len(list.Contents) != 2 || aws.ToString(list.Contents[0].Key) != "a/b.txt" || len(list.CommonPrefixes) != 1 || aws.ToInt32(list.KeyCount) != 2 {
		t.Errorf("ListObjectsV2 = %+v", list)
	}
	last := (*inputs)[len(*inputs)-1]
	if last["Prefix"] != "a/" || last["Delimiter"] != "/" {
		t.Errorf("decoded ListObjectsV2 input = %v", last)
	}
	loc, err := c.GetBucketLocation(ctx, &s3.GetBucketLocationInput{Bucket: aws.String("bkt")})
	if err != nil || loc.LocationConstraint != "eu-west-1" {
		t.Errorf("GetBucketLocation = %+v, %v", loc, err)
	}
}
