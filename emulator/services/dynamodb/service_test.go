package dynamodb

import (
	"strings"
	"testing"
)

func TestItemLifecycle(t *testing.T) {
	s := newTestService(t)
	mustCall(t, s, "CreateTable", `{"TableName":"tbl1","KeySchema":[{"AttributeName":"pk","KeyType":"HASH"},{"AttributeName":"sk","KeyType":"RANGE"}],
		"AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"},{"AttributeName":"sk","AttributeType":"N"}],"BillingMode":"PAY_PER_REQUEST"}`)
	for i := 0; i < 5; i++ {
		mustCall(t, s, "PutItem", `{"TableName":"tbl1","Item":{"pk":{"S":"a"},"sk":{"N":"`+itoa(i)+`"},"v":{"N":"1.50"}}}`)
	}
	out := mustCall(t, s, "GetItem", `{"TableName":"tbl1","Key":{"pk":{"S":"a"},"sk":{"N":"3"}}}`)
	if got := toJSON(out); got != `{"Item":{"pk":{"S":"a"},"sk":{"N":"3"},"v":{"N":"1.5"}}}` {
		t.Fatalf("get: %s", got)
	}
	out = mustCall(t, s, "UpdateItem", `{"TableName":"tbl1","Key":{"pk":{"S":"a"},"sk":{"N":"3"}},"UpdateExpression":"SET v = v + :d, l = list_append(if_not_exists(l, :e), :x) ADD c :one","ExpressionAttributeValues":{":d":{"N":"2"},":e":{"L":[]},":x":{"L":[{"S":"q"}]},":one":{"N":"1"}},"ReturnValues":"ALL_NEW"}`)
	if got := toJSON(out); got != `{"Attributes":{"c":{"N":"1"},"l":{"L":[{"S":"q"}]},"pk":{"S":"a"},"sk":{"N":"3"},"v":{"N":"3.5"}}}` {
		t.Fatalf("update: %s", got)
	}
	out = mustCall(t, s, "Query", `{"TableName":"tbl1","KeyConditionExpression":"pk = :p AND sk BETWEEN :a AND :b","ExpressionAttributeValues":{":p":{"S":"a"},":a":{"N":"1"},":b":{"N":"3"}},"ScanIndexForward":false,"Limit":2}`)
	if got := toJSON(out); !strings.Contains(got, `"Count":2`) || !strings.Contains(got, `"LastEvaluatedKey":{"pk":{"S":"a"},"sk":{"N":"2"}}`) {
		t.Fatalf("query: %s", got)
	}
	_, err := call(t, s, "PutItem", `{"TableName":"tbl1","Item":{"pk":{"S":"a"},"sk":{"N":"3"}},"ConditionExpression":"attribute_not_exists(pk)","ReturnValuesOnConditionCheckFailure":"ALL_OLD"}`)
	if !strings.Contains(errMessage(err), "ConditionalCheckFailedException: The conditional request failed") {
		t.Fatalf("cond: %v", err)
	}
	out = mustCall(t, s, "Scan", `{"TableName":"tbl1","FilterExpression":"v > :x","ExpressionAttributeValues":{":x":{"N":"2"}}}`)
	if got := toJSON(out); !strings.Contains(got, `"Count":1,`) || !strings.Contains(got, `"ScannedCount":5`) {
		t.Fatalf("scan: %s", got)
	}
}
