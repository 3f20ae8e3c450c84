package dynamodbstreams_test

import (
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/aws/aws-sdk-go-v2/service/dynamodbstreams"
	stypes "github.com/aws/aws-sdk-go-v2/service/dynamodbstreams/types"
	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/parity-harness/parity/harness"
	"github.com/parity-harness/parity/transformers"
)

func recordTransforms(snap *harness.Session) {
	snap.Transform(transformers.Key("eventID", "event-i-d"), transformers.Key("TableStatus", "table-status"))
	snap.Divergence("moto", "$..SizeBytes", "moto computes stream record sizes differently from AWS")
	snap.Divergence("moto", "$..eventVersion", "moto writes eventVersion 1.0; AWS writes 1.1 (reference test_dynamodb_stream_stream_view_type)")
	snap.Divergence("moto", "$..ApproximateCreationDateTime", "moto sends the creation time with sub-second precision")
}

func write(ctx SpecContext, table string) {
	c := harness.DynamoDB()
	t := aws.String(table)
	_, err := c.PutItem(ctx, &dynamodb.PutItemInput{TableName: t, Item: map[string]types.AttributeValue{"id": &types.AttributeValueMemberS{Value: "a"}, "v": &types.AttributeValueMemberN{Value: "1"}}})
	Expect(err).NotTo(HaveOccurred())
	_, err = c.UpdateItem(ctx, &dynamodb.UpdateItemInput{TableName: t, Key: map[string]types.AttributeValue{"id": &types.AttributeValueMemberS{Value: "a"}},
		UpdateExpression: aws.String("SET v = :v"), ExpressionAttributeValues: map[string]types.AttributeValue{":v": &types.AttributeValueMemberN{Value: "2"}}})
	Expect(err).NotTo(HaveOccurred())
	_, err = c.DeleteItem(ctx, &dynamodb.DeleteItemInput{TableName: t, Key: map[string]types.AttributeValue{"id": &types.AttributeValueMemberS{Value: "a"}}})
	Expect(err).NotTo(HaveOccurred())
}

var _ = Describe("DynamoDB Streams", func() {
	It("describes the stream of an on-demand table", harness.Reference(ref+"test_table_v2_stream"), func(ctx SpecContext) {
		snap := harness.Snapshot()
		snap.Transform(transformers.Key("TableStatus", "table-status"), transformers.Key("LatestStreamArn", "latest-stream-arn"),
			transformers.Key("TableArn", "table-arn"), transformers.Key("LatestStreamLabel", "latest-stream-label"), transformers.Key("TableName", "table-name"))
		snap.Divergence("moto", "$..WarmThroughput", "moto does not report warm throughput")
		snap.Divergence("moto", "$..BillingModeSummary", "moto omits LastUpdateToPayPerRequestDateTime")
		snap.Divergence("moto", "$..TableId", "moto omits TableId; AWS returns it (reference recording)")
		snap.Divergence("moto", "$..GlobalSecondaryIndexes", "moto returns an empty index list; AWS omits it (reference recording)")
		snap.Divergence("moto", "$..LocalSecondaryIndexes", "moto returns an empty index list; AWS omits it (reference recording)")
		d := streamTable(ctx, types.StreamViewTypeNewAndOldImages, types.BillingModePayPerRequest)
		out, err := harness.DynamoDB().DescribeTable(ctx, &dynamodb.DescribeTableInput{TableName: d.TableName})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("global-table-v2", out)
	})

	DescribeTable("records of every view type",
		func(ctx SpecContext, view types.StreamViewType) {
			snap := harness.Snapshot()
			recordTransforms(snap)
			d := streamTable(ctx, view, types.BillingModeProvisioned)
			write(ctx, aws.ToString(d.TableName))
			snap.Match("records", records(ctx, shardIterator(ctx, aws.ToString(d.LatestStreamArn), stypes.ShardIteratorTypeTrimHorizon, "")))
		},
		Entry("KEYS_ONLY", types.StreamViewTypeKeysOnly),
		Entry("NEW_IMAGE", types.StreamViewTypeNewImage),
		Entry("OLD_IMAGE", types.StreamViewTypeOldImage),
		Entry("NEW_AND_OLD_IMAGES", types.StreamViewTypeNewAndOldImages),
	)

	It("lists and describes streams", func(ctx SpecContext) {
		snap := harness.Snapshot()
		snap.Transform(transformers.KeyValue("StartingSequenceNumber", "starting-sequence-number"), transformers.Key("TableName", "table-name"))
		d := streamTable(ctx, types.StreamViewTypeNewImage, types.BillingModeProvisioned)
		c := harness.DynamoDBStreams()
		l, err := c.ListStreams(ctx, &dynamodbstreams.ListStreamsInput{TableName: d.TableName})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("list", l)
		desc, err := c.DescribeStream(ctx, &dynamodbstreams.DescribeStreamInput{StreamArn: d.LatestStreamArn})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("describe", desc)
	})

	It("rejects an unknown stream", func(ctx SpecContext) {
		snap := harness.Snapshot()
		if harness.TargetKind() == "moto" {
			Skip("moto: describes a stream that does not exist")
		}
		d := streamTable(ctx, types.StreamViewTypeNewImage, types.BillingModeProvisioned)
		_, err := harness.DynamoDBStreams().DescribeStream(ctx, &dynamodbstreams.DescribeStreamInput{StreamArn: aws.String(aws.ToString(d.TableArn) + "/stream/2020-01-01T00:00:00.000")})
		Expect(err).To(HaveOccurred())
		snap.Match("describe-missing", err)
	})

	It("reads from every iterator position", func(ctx SpecContext) {
		snap := harness.Snapshot()
		recordTransforms(snap)
		d := streamTable(ctx, types.StreamViewTypeKeysOnly, types.BillingModeProvisioned)
		arn := aws.ToString(d.LatestStreamArn)
		latest := shardIterator(ctx, arn, stypes.ShardIteratorTypeLatest, "")
		write(ctx, aws.ToString(d.TableName))
		all := records(ctx, shardIterator(ctx, arn, stypes.ShardIteratorTypeTrimHorizon, ""))
		Expect(all.Records).To(HaveLen(3))
		second := aws.ToString(all.Records[1].Dynamodb.SequenceNumber)
		at := records(ctx, shardIterator(ctx, arn, stypes.ShardIteratorTypeAtSequenceNumber, second))
		snap.Match("at-sequence-number", at)
		after := records(ctx, shardIterator(ctx, arn, stypes.ShardIteratorTypeAfterSequenceNumber, second))
		snap.Match("after-sequence-number", after)
		fromLatest := records(ctx, latest)
		Expect(fromLatest.Records).To(HaveLen(3))
		snap.Match("from-latest", fromLatest)
	})
})

var _ = Describe("DynamoDB time to live", func() {
	It("deletes expired items and streams the deletion as the service", func(ctx SpecContext) {
		snap := harness.Snapshot()
		if harness.TargetKind() == "moto" {
			Skip("moto: never expires items")
		}
		recordTransforms(snap)
		d := streamTable(ctx, types.StreamViewTypeOldImage, types.BillingModeProvisioned)
		c := harness.DynamoDB()
		_, err := c.UpdateTimeToLive(ctx, &dynamodb.UpdateTimeToLiveInput{TableName: d.TableName, TimeToLiveSpecification: &types.TimeToLiveSpecification{AttributeName: aws.String("expires"), Enabled: aws.Bool(true)}})
		Expect(err).NotTo(HaveOccurred())
		key := map[string]types.AttributeValue{"id": &types.AttributeValueMemberS{Value: "old"}}
		_, err = c.PutItem(ctx, &dynamodb.PutItemInput{TableName: d.TableName, Item: map[string]types.AttributeValue{
			"id": &types.AttributeValueMemberS{Value: "old"}, "expires": &types.AttributeValueMemberN{Value: "1000000000"}}})
		Expect(err).NotTo(HaveOccurred())
		Eventually(func(g Gomega) {
			out, err := c.GetItem(ctx, &dynamodb.GetItemInput{TableName: d.TableName, Key: key})
			g.Expect(err).NotTo(HaveOccurred())
			g.Expect(out.Item).To(BeEmpty())
		}).WithTimeout(10e9).WithPolling(2e8).Should(Succeed())
		snap.Match("records", records(ctx, shardIterator(ctx, aws.ToString(d.LatestStreamArn), stypes.ShardIteratorTypeTrimHorizon, "")))
	})
})
