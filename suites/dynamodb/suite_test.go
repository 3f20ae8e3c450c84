// Package dynamodb_test is the DynamoDB parity suite: tables and indexes,
// items and the expression language, queries and scans, batches,
// transactions, PartiQL, TTL and table streams, reproducing the AWS
// reference recordings of the DynamoDB provider tests that need no Lambda,
// Kinesis or KMS.
package dynamodb_test

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/aws/aws-sdk-go-v2/service/dynamodbstreams"
	stypes "github.com/aws/aws-sdk-go-v2/service/dynamodbstreams/types"
	"github.com/aws/smithy-go"
	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/parity-harness/parity/harness"
	"github.com/parity-harness/parity/transformers"
)

func TestDynamoDB(t *testing.T) { harness.RunSuite(t, "dynamodb") }

// motoDivergences are the places where moto's answers differ from AWS's in
// every spec, each shown by the AWS reference recordings.
var motoDivergences = [][2]string{
	{"$..TableId", "moto omits TableId; AWS returns it (reference test_table_crud)"},
	{"$..BillingModeSummary", "moto adds a BillingModeSummary to provisioned tables and omits LastUpdateToPayPerRequestDateTime; AWS returns it only for on-demand tables (reference test_table_crud)"},
	{"$..GlobalSecondaryIndexes", "moto returns empty index lists and leaves out IndexArn, IndexSizeBytes and ItemCount (reference test_gsi_with_billing_mode)"},
	{"$..LocalSecondaryIndexes", "moto returns empty index lists; AWS omits them (reference test_table_crud)"},
	{"$..NumberOfDecreasesToday", "moto omits NumberOfDecreasesToday after UpdateTable"},
	{"$..LastIncreaseDateTime", "moto omits LastIncreaseDateTime after a throughput increase"},
	{"$..WarmThroughput", "moto does not report warm throughput; AWS does (reference test_table_warm_throughput)"},
	{"$..TableStatus", "moto answers ACTIVE at once; AWS answers CREATING, UPDATING and DELETING (reference test_table_crud)"},
	{"$..IndexStatus", "moto answers ACTIVE at once; AWS answers CREATING for a new index"},
	{"$..ConsumedCapacity", "moto returns ConsumedCapacity without ReturnConsumedCapacity and charges updates as reads (reference test_batch_write_items)"},
	{"$..ItemCollectionMetrics", "moto returns an empty ItemCollectionMetrics; AWS omits it (reference test_batch_write_items)"},
	{"$..TableSizeBytes", "moto reports no size for populated tables"},
	{"$..eventVersion", "moto writes stream records with eventVersion 1.0; AWS writes 1.1 (reference test_dynamodb_stream_stream_view_type)"},
	{"$..SizeBytes", "moto computes stream record sizes differently from AWS (reference test_batch_write_items_streaming)"},
}

var _ = BeforeEach(func() {
	snap := harness.Snapshot()
	for _, d := range motoDivergences {
		snap.Divergence("moto", d[0], d[1])
	}
})

const ref = "tests/aws/services/dynamodb/test_dynamodb.py::TestDynamoDB::"

func S(v string) types.AttributeValue  { return &types.AttributeValueMemberS{Value: v} }
func N(v string) types.AttributeValue  { return &types.AttributeValueMemberN{Value: v} }
func B(v []byte) types.AttributeValue  { return &types.AttributeValueMemberB{Value: v} }
func BOOL(v bool) types.AttributeValue { return &types.AttributeValueMemberBOOL{Value: v} }
func SS(v ...string) types.AttributeValue {
	return &types.AttributeValueMemberSS{Value: v}
}
func NS(v ...string) types.AttributeValue {
	return &types.AttributeValueMemberNS{Value: v}
}
func L(v ...types.AttributeValue) types.AttributeValue {
	return &types.AttributeValueMemberL{Value: v}
}
func M(v map[string]types.AttributeValue) types.AttributeValue {
	return &types.AttributeValueMemberM{Value: v}
}
func NULL() types.AttributeValue { return &types.AttributeValueMemberNULL{Value: true} }

type item = map[string]types.AttributeValue

// hashKey is a key schema and definitions for a single string hash key.
func hashKey(name string) ([]types.KeySchemaElement, []types.AttributeDefinition) {
	return []types.KeySchemaElement{{AttributeName: aws.String(name), KeyType: types.KeyTypeHash}},
		[]types.AttributeDefinition{{AttributeName: aws.String(name), AttributeType: types.ScalarAttributeTypeS}}
}

// hashRangeKey is a key schema and definitions for a hash and a range key.
func hashRangeKey(hash string, ht types.ScalarAttributeType, rng string, rt types.ScalarAttributeType) ([]types.KeySchemaElement, []types.AttributeDefinition) {
	return []types.KeySchemaElement{{AttributeName: aws.String(hash), KeyType: types.KeyTypeHash}, {AttributeName: aws.String(rng), KeyType: types.KeyTypeRange}},
		[]types.AttributeDefinition{{AttributeName: aws.String(hash), AttributeType: ht}, {AttributeName: aws.String(rng), AttributeType: rt}}
}

var provisioned5 = &types.ProvisionedThroughput{ReadCapacityUnits: aws.Int64(5), WriteCapacityUnits: aws.Int64(5)}

// createTable creates a table named for the spec (unless in names one),
// waits until it is active and deletes it after the spec.
func createTable(ctx context.Context, in *dynamodb.CreateTableInput) *dynamodb.CreateTableOutput {
	c := harness.DynamoDB()
	if in.TableName == nil {
		in.TableName = aws.String(harness.UniqueName("tbl"))
	}
	if in.BillingMode == "" && in.ProvisionedThroughput == nil {
		in.ProvisionedThroughput = provisioned5
	}
	out, err := c.CreateTable(ctx, in)
	Expect(err).NotTo(HaveOccurred())
	name := aws.ToString(in.TableName)
	harness.Cleanup(func(ctx context.Context) {
		_, _ = c.DeleteTable(ctx, &dynamodb.DeleteTableInput{TableName: aws.String(name)})
	})
	waitActive(ctx, name)
	return out
}

// simpleTable creates a table with a string hash key "id".
func simpleTable(ctx context.Context, extra func(*dynamodb.CreateTableInput)) string {
	ks, ad := hashKey("id")
	in := &dynamodb.CreateTableInput{KeySchema: ks, AttributeDefinitions: ad}
	if extra != nil {
		extra(in)
	}
	return aws.ToString(createTable(ctx, in).TableDescription.TableName)
}

func waitActive(ctx context.Context, name string) {
	w := dynamodb.NewTableExistsWaiter(harness.DynamoDB(), func(o *dynamodb.TableExistsWaiterOptions) {
		o.MinDelay = 1e8
		o.MaxDelay = 1e9
	})
	Expect(w.Wait(ctx, &dynamodb.DescribeTableInput{TableName: aws.String(name)}, 120e9)).To(Succeed())
}

func put(ctx context.Context, table string, it item) {
	_, err := harness.DynamoDB().PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String(table), Item: it})
	Expect(err).NotTo(HaveOccurred())
}

func get(ctx context.Context, table string, key item) item {
	out, err := harness.DynamoDB().GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String(table), Key: key, ConsistentRead: aws.Bool(true)})
	Expect(err).NotTo(HaveOccurred())
	return out.Item
}

// skipOnMoto skips a spec moto cannot serve; its snapshot is recorded
// against the emulator (the provenance says so) and replayed on it.
func skipOnMoto(reason string) {
	if harness.TargetKind() == "moto" {
		Skip("moto: " + reason)
	}
}

func getOutput(ctx context.Context, table string, key item) *dynamodb.GetItemOutput {
	out, err := harness.DynamoDB().GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String(table), Key: key, ConsistentRead: aws.Bool(true)})
	Expect(err).NotTo(HaveOccurred())
	return out
}

// errorText renders an SDK error the way the Python SDK prints it.
func errorText(err error, op string) string {
	var api smithy.APIError
	Expect(errors.As(err, &api)).To(BeTrue(), "want an AWS error, got %v", err)
	return fmt.Sprintf("An error occurred (%s) when calling the %s operation: %s", api.ErrorCode(), op, api.ErrorMessage())
}

// doc renders attribute values in the wire shape boto3 returns them.
func doc(it item) map[string]any {
	out := make(map[string]any, len(it))
	for k, v := range it {
		out[k] = avDoc(v)
	}
	return out
}

func avDoc(v types.AttributeValue) map[string]any {
	switch x := v.(type) {
	case *types.AttributeValueMemberS:
		return map[string]any{"S": x.Value}
	case *types.AttributeValueMemberN:
		return map[string]any{"N": x.Value}
	case *types.AttributeValueMemberB:
		return map[string]any{"B": pyBytes(x.Value)}
	case *types.AttributeValueMemberBOOL:
		return map[string]any{"BOOL": x.Value}
	case *types.AttributeValueMemberNULL:
		return map[string]any{"NULL": x.Value}
	case *types.AttributeValueMemberSS:
		return map[string]any{"SS": x.Value}
	case *types.AttributeValueMemberNS:
		return map[string]any{"NS": x.Value}
	case *types.AttributeValueMemberBS:
		l := make([]any, len(x.Value))
		for i, b := range x.Value {
			l[i] = pyBytes(b)
		}
		return map[string]any{"BS": l}
	case *types.AttributeValueMemberL:
		l := make([]any, len(x.Value))
		for i, e := range x.Value {
			l[i] = avDoc(e)
		}
		return map[string]any{"L": l}
	case *types.AttributeValueMemberM:
		return map[string]any{"M": doc(x.Value)}
	}
	return map[string]any{}
}

// pyBytes renders a blob as Python's repr() of bytes, as boto3 recordings
// show blobs.
func pyBytes(b []byte) string {
	quote := byte('\'')
	if strings.IndexByte(string(b), '\'') >= 0 && strings.IndexByte(string(b), '"') < 0 {
		quote = '"'
	}
	var sb strings.Builder
	sb.WriteByte('b')
	sb.WriteByte(quote)
	for _, c := range b {
		switch {
		case c == quote || c == '\\':
			sb.WriteByte('\\')
			sb.WriteByte(c)
		case c == '\t':
			sb.WriteString(`\t`)
		case c == '\n':
			sb.WriteString(`\n`)
		case c == '\r':
			sb.WriteString(`\r`)
		case c < 0x20 || c >= 0x7f:
			fmt.Fprintf(&sb, `\x%02x`, c)
		default:
			sb.WriteByte(c)
		}
	}
	sb.WriteByte(quote)
	return sb.String()
}

// docs renders a list of items sorted by the string value of key.
func docs(items []item, key string) []any {
	sort.SliceStable(items, func(i, j int) bool { return fmt.Sprint(avDoc(items[i][key])) < fmt.Sprint(avDoc(items[j][key])) })
	out := make([]any, len(items))
	for i, it := range items {
		out[i] = doc(it)
	}
	return out
}

// streamRecords reads every record of a table's stream from the start.
func streamRecords(ctx context.Context, streamArn string) map[string]any {
	c := harness.DynamoDBStreams()
	d, err := c.DescribeStream(ctx, &dynamodbstreams.DescribeStreamInput{StreamArn: aws.String(streamArn)})
	Expect(err).NotTo(HaveOccurred())
	var recs []any
	for _, sh := range d.StreamDescription.Shards {
		it, err := c.GetShardIterator(ctx, &dynamodbstreams.GetShardIteratorInput{StreamArn: aws.String(streamArn), ShardId: sh.ShardId, ShardIteratorType: stypes.ShardIteratorTypeTrimHorizon})
		Expect(err).NotTo(HaveOccurred())
		iter := it.ShardIterator
		for i := 0; iter != nil && i < 5; i++ {
			out, err := c.GetRecords(ctx, &dynamodbstreams.GetRecordsInput{ShardIterator: iter})
			Expect(err).NotTo(HaveOccurred())
			for _, r := range out.Records {
				recs = append(recs, recordDoc(r))
			}
			if len(out.Records) == 0 {
				break
			}
			iter = out.NextShardIterator
		}
	}
	return map[string]any{"Records": recs}
}

func recordDoc(r stypes.Record) map[string]any {
	d := map[string]any{
		"ApproximateCreationDateTime": "datetime",
		"Keys":                        sdoc(r.Dynamodb.Keys),
		"SequenceNumber":              aws.ToString(r.Dynamodb.SequenceNumber),
		"SizeBytes":                   aws.ToInt64(r.Dynamodb.SizeBytes),
		"StreamViewType":              string(r.Dynamodb.StreamViewType),
	}
	if r.Dynamodb.NewImage != nil {
		d["NewImage"] = sdoc(r.Dynamodb.NewImage)
	}
	if r.Dynamodb.OldImage != nil {
		d["OldImage"] = sdoc(r.Dynamodb.OldImage)
	}
	out := map[string]any{
		"awsRegion":    aws.ToString(r.AwsRegion),
		"dynamodb":     d,
		"eventID":      aws.ToString(r.EventID),
		"eventName":    string(r.EventName),
		"eventSource":  aws.ToString(r.EventSource),
		"eventVersion": aws.ToString(r.EventVersion),
	}
	if r.UserIdentity != nil {
		out["userIdentity"] = map[string]any{"PrincipalId": aws.ToString(r.UserIdentity.PrincipalId), "Type": aws.ToString(r.UserIdentity.Type)}
	}
	return out
}

func sdoc(it map[string]stypes.AttributeValue) map[string]any {
	out := make(map[string]any, len(it))
	for k, v := range it {
		switch x := v.(type) {
		case *stypes.AttributeValueMemberS:
			out[k] = map[string]any{"S": x.Value}
		case *stypes.AttributeValueMemberN:
			out[k] = map[string]any{"N": x.Value}
		case *stypes.AttributeValueMemberB:
			out[k] = map[string]any{"B": pyBytes(x.Value)}
		case *stypes.AttributeValueMemberBOOL:
			out[k] = map[string]any{"BOOL": x.Value}
		case *stypes.AttributeValueMemberM:
			out[k] = map[string]any{"M": sdoc(x.Value)}
		default:
			out[k] = fmt.Sprintf("%T", v)
		}
	}
	return out
}

// streamTransforms are the reference recordings' transformers for stream
// descriptions and records.
func streamTransforms(snap *harness.Session) {
	snap.Transform(
		transformers.KeyValue("StartingSequenceNumber", "starting-sequence-number"),
		transformers.Key("eventID", "event-i-d"),
		transformers.Key("TableStatus", "table-status"),
	)
}
