package dynamodbstreams

import (
	"context"
	"strings"
	"testing"

	"github.com/parity-harness/parity/emulator/awserr"
	"github.com/parity-harness/parity/emulator/service"
	"github.com/parity-harness/parity/emulator/services/dynamodb"
)

func ctx() *service.Context {
	return &service.Context{Context: context.Background(), Account: "000000000000", Region: "us-east-1"}
}

func do(t *testing.T, h map[string]service.Handler, op string, in map[string]any) map[string]any {
	t.Helper()
	out, err := h[op](ctx(), in)
	if err != nil {
		t.Fatalf("%s: %v", op, err)
	}
	return out.(map[string]any)
}

func item(id string) map[string]any { return map[string]any{"id": map[string]any{"S": id}} }

func TestIteratorsAndRecords(t *testing.T) {
	ddb := dynamodb.New()
	defer ddb.Close()
	d := ddb.Handlers()
	svc := New(ddb.Streams()).Handlers()
	do(t, d, "CreateTable", map[string]any{"TableName": "tbl", "BillingMode": "PAY_PER_REQUEST",
		"KeySchema":            []any{map[string]any{"AttributeName": "id", "KeyType": "HASH"}},
		"AttributeDefinitions": []any{map[string]any{"AttributeName": "id", "AttributeType": "S"}},
		"StreamSpecification":  map[string]any{"StreamEnabled": true, "StreamViewType": "KEYS_ONLY"}})
	for _, id := range []string{"a", "b", "c"} {
		do(t, d, "PutItem", map[string]any{"TableName": "tbl", "Item": item(id)})
	}
	streams := do(t, svc, "ListStreams", map[string]any{"TableName": "tbl"})["Streams"].([]any)
	if len(streams) != 1 {
		t.Fatalf("streams: %v", streams)
	}
	arn := streams[0].(map[string]any)["StreamArn"].(string)
	desc := do(t, svc, "DescribeStream", map[string]any{"StreamArn": arn})["StreamDescription"].(map[string]any)
	if desc["StreamStatus"] != "ENABLED" || desc["StreamViewType"] != "KEYS_ONLY" {
		t.Fatalf("describe: %v", desc)
	}
	shard := desc["Shards"].([]any)[0].(map[string]any)["ShardId"].(string)
	iter := func(typ, seq string) string {
		in := map[string]any{"StreamArn": arn, "ShardId": shard, "ShardIteratorType": typ}
		if seq != "" {
			in["SequenceNumber"] = seq
		}
		return do(t, svc, "GetShardIterator", in)["ShardIterator"].(string)
	}
	recs := do(t, svc, "GetRecords", map[string]any{"ShardIterator": iter("TRIM_HORIZON", "")})["Records"].([]any)
	if len(recs) != 3 {
		t.Fatalf("trim horizon: %d records", len(recs))
	}
	first := recs[0].(map[string]any)
	ddbPart := first["dynamodb"].(map[string]any)
	if first["eventVersion"] != "1.1" || first["eventSource"] != "aws:dynamodb" || ddbPart["StreamViewType"] != "KEYS_ONLY" || ddbPart["NewImage"] != nil {
		t.Fatalf("record shape: %v", first)
	}
	seq := ddbPart["SequenceNumber"].(string)
	if n := len(do(t, svc, "GetRecords", map[string]any{"ShardIterator": iter("AT_SEQUENCE_NUMBER", seq)})["Records"].([]any)); n != 3 {
		t.Fatalf("at: %d", n)
	}
	if n := len(do(t, svc, "GetRecords", map[string]any{"ShardIterator": iter("AFTER_SEQUENCE_NUMBER", seq)})["Records"].([]any)); n != 2 {
		t.Fatalf("after: %d", n)
	}
	latest := do(t, svc, "GetRecords", map[string]any{"ShardIterator": iter("LATEST", "")})
	if n := len(latest["Records"].([]any)); n != 0 {
		t.Fatalf("latest: %d", n)
	}
	do(t, d, "DeleteItem", map[string]any{"TableName": "tbl", "Key": item("a")})
	next := do(t, svc, "GetRecords", map[string]any{"ShardIterator": latest["NextShardIterator"]})
	if recs := next["Records"].([]any); len(recs) != 1 || recs[0].(map[string]any)["eventName"] != "REMOVE" {
		t.Fatalf("after latest: %v", recs)
	}
	_, err := svc["GetRecords"](ctx(), map[string]any{"ShardIterator": "garbage"})
	if e, _ := awserr.As(err); e == nil || e.Code != "ValidationException" {
		t.Fatalf("bad iterator: %v", err)
	}
	_, err = svc["DescribeStream"](ctx(), map[string]any{"StreamArn": strings.Replace(arn, "tbl", "zzz", 1)})
	if e, _ := awserr.As(err); e == nil || e.Code != "ResourceNotFoundException" {
		t.Fatalf("missing stream: %v", err)
	}
	// deleting the table closes the shard: the iterator ends
	do(t, d, "DeleteTable", map[string]any{"TableName": "tbl"})
	desc = do(t, svc, "DescribeStream", map[string]any{"StreamArn": arn})["StreamDescription"].(map[string]any)
	if desc["StreamStatus"] != "DISABLED" {
		t.Fatalf("after delete: %v", desc["StreamStatus"])
	}
	drained := do(t, svc, "GetRecords", map[string]any{"ShardIterator": iter("TRIM_HORIZON", "")})
	if _, open := drained["NextShardIterator"]; open {
		t.Fatalf("closed shard still returns a next iterator")
	}
}
