// Package dynamodbstreams_test is the DynamoDB Streams parity suite: stream
// listing and description, every shard iterator type, and the records of
// every stream view type.
package dynamodbstreams_test

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/aws/aws-sdk-go-v2/service/dynamodbstreams"
	stypes "github.com/aws/aws-sdk-go-v2/service/dynamodbstreams/types"
	. "github.com/onsi/gomega"

	"github.com/parity-harness/parity/harness"
)

func TestDynamoDBStreams(t *testing.T) { harness.RunSuite(t, "dynamodbstreams") }

const ref = "tests/aws/services/dynamodbstreams/test_dynamodb_streams.py::TestDynamoDBStreams::"

// streamTable creates a table with a stream of the view type, waits for it
// and deletes it after the spec.
func streamTable(ctx context.Context, view types.StreamViewType, billing types.BillingMode) *types.TableDescription {
	c := harness.DynamoDB()
	in := &dynamodb.CreateTableInput{
		TableName:            aws.String(harness.UniqueName("tbl")),
		KeySchema:            []types.KeySchemaElement{{AttributeName: aws.String("id"), KeyType: types.KeyTypeHash}},
		AttributeDefinitions: []types.AttributeDefinition{{AttributeName: aws.String("id"), AttributeType: types.ScalarAttributeTypeS}},
		StreamSpecification:  &types.StreamSpecification{StreamEnabled: aws.Bool(true), StreamViewType: view},
		BillingMode:          billing,
	}
	if billing != types.BillingModePayPerRequest {
		in.ProvisionedThroughput = &types.ProvisionedThroughput{ReadCapacityUnits: aws.Int64(5), WriteCapacityUnits: aws.Int64(5)}
	}
	out, err := c.CreateTable(ctx, in)
	Expect(err).NotTo(HaveOccurred())
	harness.Cleanup(func(ctx context.Context) {
		_, _ = c.DeleteTable(ctx, &dynamodb.DeleteTableInput{TableName: in.TableName})
	})
	w := dynamodb.NewTableExistsWaiter(c, func(o *dynamodb.TableExistsWaiterOptions) { o.MinDelay, o.MaxDelay = 1e8, 1e9 })
	Expect(w.Wait(ctx, &dynamodb.DescribeTableInput{TableName: in.TableName}, 120e9)).To(Succeed())
	return out.TableDescription
}

func shardIterator(ctx context.Context, arn string, typ stypes.ShardIteratorType, seq string) *string {
	c := harness.DynamoDBStreams()
	d, err := c.DescribeStream(ctx, &dynamodbstreams.DescribeStreamInput{StreamArn: aws.String(arn)})
	Expect(err).NotTo(HaveOccurred())
	in := &dynamodbstreams.GetShardIteratorInput{StreamArn: aws.String(arn), ShardId: d.StreamDescription.Shards[0].ShardId, ShardIteratorType: typ}
	if seq != "" {
		in.SequenceNumber = aws.String(seq)
	}
	it, err := c.GetShardIterator(ctx, in)
	Expect(err).NotTo(HaveOccurred())
	return it.ShardIterator
}

func records(ctx context.Context, iter *string) *dynamodbstreams.GetRecordsOutput {
	out, err := harness.DynamoDBStreams().GetRecords(ctx, &dynamodbstreams.GetRecordsInput{ShardIterator: iter})
	Expect(err).NotTo(HaveOccurred())
	return out
}
