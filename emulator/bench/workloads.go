package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"strconv"
	"sync/atomic"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	ddbtypes "github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/sns"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
	"github.com/aws/aws-sdk-go-v2/service/sts"
)

// clients are the SDK clients of one server.
type clients struct {
	sqs *sqs.Client
	sns *sns.Client
	s3  *s3.Client
	ddb *dynamodb.Client
	sts *sts.Client
}

// workload is one measured operation: setup runs once per server, op in the
// closed loop (i is the worker's iteration counter, unique per call).
type workload struct {
	name  string
	setup func(ctx context.Context, c *clients, st *setupState) error
	op    func(ctx context.Context, c *clients, st *setupState, i int64) error
}

// setupState is what setup leaves for the loop.
type setupState struct {
	queueURL string
	topicARN string
	bucket   string
	table    string
	body4K   []byte
	body8M   []byte
	seq      atomic.Int64
}

func workloads() []workload {
	return []workload{
		{name: "sts GetCallerIdentity", op: func(ctx context.Context, c *clients, _ *setupState, _ int64) error {
			_, err := c.sts.GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
			return err
		}},
		{name: "sqs SendMessage", setup: setupQueue, op: func(ctx context.Context, c *clients, st *setupState, i int64) error {
			_, err := c.sqs.SendMessage(ctx, &sqs.SendMessageInput{QueueUrl: &st.queueURL, MessageBody: aws.String("message " + strconv.FormatInt(i, 10))})
			return err
		}},
		{name: "sqs Receive+DeleteMessage", setup: setupQueue, op: func(ctx context.Context, c *clients, st *setupState, i int64) error {
			if _, err := c.sqs.SendMessage(ctx, &sqs.SendMessageInput{QueueUrl: &st.queueURL, MessageBody: aws.String("m")}); err != nil {
				return err
			}
			out, err := c.sqs.ReceiveMessage(ctx, &sqs.ReceiveMessageInput{QueueUrl: &st.queueURL, MaxNumberOfMessages: 1})
			if err != nil {
				return err
			}
			for _, m := range out.Messages {
				if _, err := c.sqs.DeleteMessage(ctx, &sqs.DeleteMessageInput{QueueUrl: &st.queueURL, ReceiptHandle: m.ReceiptHandle}); err != nil {
					return err
				}
			}
			return nil
		}},
		{name: "sns Publish", setup: setupTopic, op: func(ctx context.Context, c *clients, st *setupState, i int64) error {
			_, err := c.sns.Publish(ctx, &sns.PublishInput{TopicArn: &st.topicARN, Message: aws.String("hello")})
			return err
		}},
		{name: "s3 PutObject 4KiB", setup: setupBucket, op: func(ctx context.Context, c *clients, st *setupState, i int64) error {
			_, err := c.s3.PutObject(ctx, &s3.PutObjectInput{Bucket: &st.bucket, Key: aws.String(fmt.Sprintf("small/%d", i%64)), Body: bytes.NewReader(st.body4K)})
			return err
		}},
		{name: "s3 GetObject 4KiB", setup: setupBucket, op: func(ctx context.Context, c *clients, st *setupState, i int64) error {
			return getObject(ctx, c, st.bucket, "small/0", len(st.body4K))
		}},
		{name: "s3 PutObject 8MiB", setup: setupBucket, op: func(ctx context.Context, c *clients, st *setupState, i int64) error {
			_, err := c.s3.PutObject(ctx, &s3.PutObjectInput{Bucket: &st.bucket, Key: aws.String(fmt.Sprintf("large/%d", i%4)), Body: bytes.NewReader(st.body8M)})
			return err
		}},
		{name: "s3 GetObject 8MiB", setup: setupBucket, op: func(ctx context.Context, c *clients, st *setupState, i int64) error {
			return getObject(ctx, c, st.bucket, "large/0", len(st.body8M))
		}},
		{name: "dynamodb PutItem", setup: setupTable, op: func(ctx context.Context, c *clients, st *setupState, i int64) error {
			_, err := c.ddb.PutItem(ctx, &dynamodb.PutItemInput{TableName: &st.table, Item: item(i%100, i)})
			return err
		}},
		{name: "dynamodb GetItem", setup: setupTable, op: func(ctx context.Context, c *clients, st *setupState, i int64) error {
			_, err := c.ddb.GetItem(ctx, &dynamodb.GetItemInput{TableName: &st.table, Key: key(i%10, i%10)})
			return err
		}},
		{name: "dynamodb Query", setup: setupTable, op: func(ctx context.Context, c *clients, st *setupState, i int64) error {
			_, err := c.ddb.Query(ctx, &dynamodb.QueryInput{
				TableName:                 &st.table,
				KeyConditionExpression:    aws.String("pk = :pk"),
				ExpressionAttributeValues: map[string]ddbtypes.AttributeValue{":pk": &ddbtypes.AttributeValueMemberS{Value: "p" + strconv.FormatInt(i%10, 10)}},
				Limit:                     aws.Int32(10),
			})
			return err
		}},
	}
}

func getObject(ctx context.Context, c *clients, bucket, key string, size int) error {
	out, err := c.s3.GetObject(ctx, &s3.GetObjectInput{Bucket: &bucket, Key: &key})
	if err != nil {
		return err
	}
	defer out.Body.Close()
	n, err := io.Copy(io.Discard, out.Body)
	if err != nil {
		return err
	}
	if int(n) != size {
		return fmt.Errorf("GetObject %s: read %d bytes, want %d", key, n, size)
	}
	return nil
}

func item(pk, sk int64) map[string]ddbtypes.AttributeValue {
	m := key(pk%10, sk)
	m["payload"] = &ddbtypes.AttributeValueMemberS{Value: "some value of moderate length for the benchmark"}
	m["n"] = &ddbtypes.AttributeValueMemberN{Value: strconv.FormatInt(sk, 10)}
	return m
}

func key(pk, sk int64) map[string]ddbtypes.AttributeValue {
	return map[string]ddbtypes.AttributeValue{
		"pk": &ddbtypes.AttributeValueMemberS{Value: "p" + strconv.FormatInt(pk, 10)},
		"sk": &ddbtypes.AttributeValueMemberS{Value: "s" + strconv.FormatInt(sk, 10)},
	}
}

func setupQueue(ctx context.Context, c *clients, st *setupState) error {
	out, err := c.sqs.CreateQueue(ctx, &sqs.CreateQueueInput{QueueName: aws.String(fmt.Sprintf("bench-%d", st.seq.Add(1)))})
	if err != nil {
		return err
	}
	st.queueURL = *out.QueueUrl
	return nil
}

func setupTopic(ctx context.Context, c *clients, st *setupState) error {
	out, err := c.sns.CreateTopic(ctx, &sns.CreateTopicInput{Name: aws.String("bench-topic")})
	if err != nil {
		return err
	}
	st.topicARN = *out.TopicArn
	return nil
}

func setupBucket(ctx context.Context, c *clients, st *setupState) error {
	if st.bucket != "" {
		return nil
	}
	st.bucket = "parity-bench"
	if _, err := c.s3.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: &st.bucket}); err != nil {
		return err
	}
	for _, k := range []struct {
		key  string
		body []byte
	}{{"small/0", st.body4K}, {"large/0", st.body8M}} {
		if _, err := c.s3.PutObject(ctx, &s3.PutObjectInput{Bucket: &st.bucket, Key: aws.String(k.key), Body: bytes.NewReader(k.body)}); err != nil {
			return err
		}
	}
	return nil
}

func setupTable(ctx context.Context, c *clients, st *setupState) error {
	if st.table != "" {
		return nil
	}
	st.table = "bench"
	_, err := c.ddb.CreateTable(ctx, &dynamodb.CreateTableInput{
		TableName: &st.table,
		AttributeDefinitions: []ddbtypes.AttributeDefinition{
			{AttributeName: aws.String("pk"), AttributeType: ddbtypes.ScalarAttributeTypeS},
			{AttributeName: aws.String("sk"), AttributeType: ddbtypes.ScalarAttributeTypeS},
		},
		KeySchema: []ddbtypes.KeySchemaElement{
			{AttributeName: aws.String("pk"), KeyType: ddbtypes.KeyTypeHash},
			{AttributeName: aws.String("sk"), KeyType: ddbtypes.KeyTypeRange},
		},
		BillingMode: ddbtypes.BillingModePayPerRequest,
	})
	if err != nil {
		return err
	}
	for i := int64(0); i < 100; i++ {
		if _, err := c.ddb.PutItem(ctx, &dynamodb.PutItemInput{TableName: &st.table, Item: item(i, i)}); err != nil {
			return err
		}
	}
	return nil
}
