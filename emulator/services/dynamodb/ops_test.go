package dynamodb

import (
	"strings"
	"testing"
	"time"

	"github.com/parity-harness/parity/emulator/awserr"
)

const hashTable = `{"TableName":"users","KeySchema":[{"AttributeName":"id","KeyType":"HASH"}],
	"AttributeDefinitions":[{"AttributeName":"id","AttributeType":"S"}],"ProvisionedThroughput":{"ReadCapacityUnits":5,"WriteCapacityUnits":5}%s}`

func createHashTable(t *testing.T, s *Service, extra string) {
	t.Helper()
	mustCall(t, s, "CreateTable", strings.Replace(hashTable, "%s", extra, 1))
}

func TestCreateTableValidation(t *testing.T) {
	s := newTestService(t)
	cases := []struct{ in, want string }{
		{`{"TableName":"abc","KeySchema":[{"AttributeName":"id","KeyType":"RANGE"}],"AttributeDefinitions":[{"AttributeName":"id","AttributeType":"S"}],"BillingMode":"PAY_PER_REQUEST"}`,
			"ValidationException: Invalid KeySchema: The first KeySchemaElement is not a HASH key type"},
		{`{"TableName":"abc","KeySchema":[{"AttributeName":"id","KeyType":"HASH"}],"AttributeDefinitions":[{"AttributeName":"other","AttributeType":"S"}],"BillingMode":"PAY_PER_REQUEST"}`,
			"ValidationException: One or more parameter values were invalid: Some index key attributes are not defined in AttributeDefinitions. Keys: [id], AttributeDefinitions: [other]"},
		{`{"TableName":"abc","KeySchema":[{"AttributeName":"id","KeyType":"HASH"}],"AttributeDefinitions":[{"AttributeName":"id","AttributeType":"S"},{"AttributeName":"x","AttributeType":"S"}],"BillingMode":"PAY_PER_REQUEST"}`,
			"ValidationException: One or more parameter values were invalid: Number of attributes in KeySchema does not exactly match number of attributes defined in AttributeDefinitions"},
		{`{"TableName":"abc","KeySchema":[{"AttributeName":"id","KeyType":"HASH"}],"AttributeDefinitions":[{"AttributeName":"id","AttributeType":"S"}],"BillingMode":"PAY_PER_REQUEST","ProvisionedThroughput":{"ReadCapacityUnits":1,"WriteCapacityUnits":1}}`,
			"ValidationException: One or more parameter values were invalid: Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST"},
		{`{"TableName":"abc","KeySchema":[{"AttributeName":"id","KeyType":"HASH"}],"AttributeDefinitions":[{"AttributeName":"id","AttributeType":"S"}]}`,
			"ValidationException: One or more parameter values were invalid: ReadCapacityUnits and WriteCapacityUnits must both be specified when BillingMode is PROVISIONED"},
	}
	for _, c := range cases {
		_, err := call(t, s, "CreateTable", c.in)
		if got := errMessage(err); got != c.want {
			t.Errorf("got %q\nwant %q", got, c.want)
		}
	}
	createHashTable(t, s, "")
	_, err := call(t, s, "CreateTable", strings.Replace(hashTable, "%s", "", 1))
	if got := errMessage(err); got != "ResourceInUseException: Table already exists: users" {
		t.Errorf("duplicate: %s", got)
	}
	_, err = call(t, s, "DeleteTable", `{"TableName":"non-existent"}`)
	if got := errMessage(err); got != "ResourceNotFoundException: Requested resource not found: Table: non-existent not found" {
		t.Errorf("delete missing: %s", got)
	}
	out := mustCall(t, s, "DescribeTable", `{"TableName":"users"}`)
	if st := out["Table"].(map[string]any)["TableStatus"]; st != "ACTIVE" {
		t.Errorf("status after create: %v", st)
	}
}

func TestItemValidation(t *testing.T) {
	s := newTestService(t)
	createHashTable(t, s, "")
	cases := []struct{ op, in, want string }{
		{"PutItem", `{"TableName":"users","Item":{"x":{"S":"a"}}}`, "ValidationException: One or more parameter values were invalid: Missing the key id in the item"},
		{"PutItem", `{"TableName":"users","Item":{"id":{"N":"1"}}}`, "ValidationException: One or more parameter values were invalid: Type mismatch for key id expected: S actual: N"},
		{"PutItem", `{"TableName":"users","Item":{"id":{"S":""}}}`, "ValidationException: One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty string value. Key: id"},
		{"PutItem", `{"TableName":"users","Item":{"id":{"S":"` + strings.Repeat("k", 2049) + `"}}}`, "ValidationException: One or more parameter values were invalid: Size of hashkey has exceeded the maximum size limit of2048 bytes"},
		{"PutItem", `{"TableName":"users","Item":{"id":{"S":"a"},"big":{"S":"` + strings.Repeat("x", 400*1024) + `"}}}`, "ValidationException: Item size has exceeded the maximum allowed size"},
		{"PutItem", `{"TableName":"nope","Item":{"id":{"S":"a"}}}`, "ResourceNotFoundException: Requested resource not found"},
		{"PutItem", `{"TableName":"users","Item":{"id":{"S":"a"}},"ReturnValues":"ALL_NEW"}`, "ValidationException: Return values set to invalid value"},
		{"GetItem", `{"TableName":"users","Key":{"id":{"N":"1"}}}`, "ValidationException: The provided key element does not match the schema"},
		{"GetItem", `{"TableName":"users","Key":{"id":{"S":"a"},"x":{"S":"b"}}}`, "ValidationException: The provided key element does not match the schema"},
		{"UpdateItem", `{"TableName":"users","Key":{"id":{"S":"a"}},"UpdateExpression":"SET id = :v","ExpressionAttributeValues":{":v":{"S":"b"}}}`, "ValidationException: One or more parameter values were invalid: Cannot update attribute id. This attribute is part of the key"},
		{"PutItem", `{"TableName":"users","Item":{"id":{"S":"a"}},"Expected":{"id":{"Exists":false}},"ConditionExpression":"attribute_not_exists(id)"}`, "ValidationException: Can not use both expression and non-expression parameters in the same request: Non-expression parameters: {Expected} Expression parameters: {ConditionExpression}"},
	}
	for _, c := range cases {
		_, err := call(t, s, c.op, c.in)
		if got := errMessage(err); got != c.want {
			t.Errorf("%s: got %q\nwant %q", c.op, got, c.want)
		}
	}
}

func TestReturnValuesAndConditionFailure(t *testing.T) {
	s := newTestService(t)
	createHashTable(t, s, "")
	out := mustCall(t, s, "PutItem", `{"TableName":"users","Item":{"id":{"S":"id1"},"data":{"S":"foobar"}},"ReturnValues":"ALL_OLD"}`)
	if _, ok := out["Attributes"]; ok {
		t.Fatalf("first put returned attributes: %v", out)
	}
	out = mustCall(t, s, "PutItem", `{"TableName":"users","Item":{"id":{"S":"id1"},"data":{"S":"x"}},"ReturnValues":"ALL_OLD","ReturnConsumedCapacity":"TOTAL"}`)
	if got := toJSON(out); got != `{"Attributes":{"data":{"S":"foobar"},"id":{"S":"id1"}},"ConsumedCapacity":{"CapacityUnits":1,"TableName":"users"}}` {
		t.Fatalf("second put: %s", got)
	}
	_, err := call(t, s, "DeleteItem", `{"TableName":"users","Key":{"id":{"S":"id1"}},"ConditionExpression":"#d = :v","ExpressionAttributeNames":{"#d":"data"},"ExpressionAttributeValues":{":v":{"S":"nope"}},"ReturnValuesOnConditionCheckFailure":"ALL_OLD"}`)
	e, _ := awserr.As(err)
	if e == nil || e.Code != "ConditionalCheckFailedException" || toJSON(e.Fields["Item"]) != `{"data":{"S":"x"},"id":{"S":"id1"}}` {
		t.Fatalf("condition failure: %v %v", err, e)
	}
	out = mustCall(t, s, "UpdateItem", `{"TableName":"users","Key":{"id":{"S":"id1"}},"UpdateExpression":"SET c = :one, #d = :d","ExpressionAttributeNames":{"#d":"data"},"ExpressionAttributeValues":{":one":{"N":"1"},":d":{"S":"y"}},"ReturnValues":"UPDATED_OLD"}`)
	if got := toJSON(out); got != `{"Attributes":{"data":{"S":"x"}}}` {
		t.Fatalf("updated old: %s", got)
	}
}

func TestIndexesAndQuery(t *testing.T) {
	s := newTestService(t)
	mustCall(t, s, "CreateTable", `{"TableName":"orders","BillingMode":"PAY_PER_REQUEST",
		"KeySchema":[{"AttributeName":"pk","KeyType":"HASH"},{"AttributeName":"sk","KeyType":"RANGE"}],
		"AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"},{"AttributeName":"sk","AttributeType":"S"},{"AttributeName":"g","AttributeType":"S"},{"AttributeName":"l","AttributeType":"N"}],
		"GlobalSecondaryIndexes":[{"IndexName":"byG","KeySchema":[{"AttributeName":"g","KeyType":"HASH"}],"Projection":{"ProjectionType":"KEYS_ONLY"}}],
		"LocalSecondaryIndexes":[{"IndexName":"byL","KeySchema":[{"AttributeName":"pk","KeyType":"HASH"},{"AttributeName":"l","KeyType":"RANGE"}],"Projection":{"ProjectionType":"ALL"}}]}`)
	for i, sk := range []string{"a#1", "a#2", "b#1", "c#1"} {
		mustCall(t, s, "PutItem", `{"TableName":"orders","Item":{"pk":{"S":"p"},"sk":{"S":"`+sk+`"},"g":{"S":"G"},"l":{"N":"`+itoa(10-i)+`"},"x":{"S":"data"}}}`)
	}
	mustCall(t, s, "PutItem", `{"TableName":"orders","Item":{"pk":{"S":"p"},"sk":{"S":"z"}}}`)
	out := mustCall(t, s, "Query", `{"TableName":"orders","KeyConditionExpression":"pk = :p AND begins_with(sk, :a)","ExpressionAttributeValues":{":p":{"S":"p"},":a":{"S":"a#"}}}`)
	if out["Count"] != int64(2) {
		t.Fatalf("begins_with: %s", toJSON(out))
	}
	out = mustCall(t, s, "Query", `{"TableName":"orders","IndexName":"byG","KeyConditionExpression":"g = :g","ExpressionAttributeValues":{":g":{"S":"G"}}}`)
	if got := toJSON(out["Items"]); out["Count"] != int64(4) || strings.Contains(got, `"x"`) {
		t.Fatalf("gsi keys only: %s", toJSON(out))
	}
	out = mustCall(t, s, "Query", `{"TableName":"orders","IndexName":"byL","KeyConditionExpression":"pk = :p AND l < :n","ExpressionAttributeValues":{":p":{"S":"p"},":n":{"N":"9"}},"Select":"COUNT"}`)
	if got := toJSON(out); got != `{"Count":2,"ScannedCount":2}` {
		t.Fatalf("lsi count: %s", got)
	}
	_, err := call(t, s, "Query", `{"TableName":"orders","IndexName":"byG","ConsistentRead":true,"KeyConditionExpression":"g = :g","ExpressionAttributeValues":{":g":{"S":"G"}}}`)
	if got := errMessage(err); got != "ValidationException: Consistent reads are not supported on global secondary indexes" {
		t.Fatalf("consistent gsi: %s", got)
	}
	errs := []struct{ kc, vals, want string }{
		{"sk = :a", `{":a":{"S":"a"}}`, "Query condition missed key schema element: pk"},
		{"pk < :a", `{":a":{"S":"a"}}`, "Query key condition not supported"},
		{"pk = :a OR sk = :a", `{":a":{"S":"a"}}`, "Invalid operator used in KeyConditionExpression: OR"},
		{"pk = :n", `{":n":{"N":"1"}}`, "One or more parameter values were invalid: Condition parameter type does not match schema type"},
		{"pk = :a AND x = :a", `{":a":{"S":"a"}}`, "Query condition missed key schema element: sk"},
	}
	for _, c := range errs {
		_, err := call(t, s, "Query", `{"TableName":"orders","KeyConditionExpression":"`+c.kc+`","ExpressionAttributeValues":`+c.vals+`}`)
		if got := errMessage(err); got != "ValidationException: "+c.want {
			t.Errorf("%s: got %q want %q", c.kc, got, c.want)
		}
	}
	// paginate the table with Limit 2
	var keys []string
	start := ""
	for page := 0; page < 5; page++ {
		req := `{"TableName":"orders","Limit":2` + start + `}`
		out := mustCall(t, s, "Scan", req)
		for _, it := range out["Items"].([]any) {
			keys = append(keys, it.(map[string]any)["sk"].(map[string]any)["S"].(string))
		}
		lek, ok := out["LastEvaluatedKey"]
		if !ok {
			break
		}
		start = `,"ExclusiveStartKey":` + toJSON(lek)
	}
	if strings.Join(keys, ",") != "a#1,a#2,b#1,c#1,z" {
		t.Fatalf("scan pages: %v", keys)
	}
	// GSI created later is backfilled
	mustCall(t, s, "UpdateTable", `{"TableName":"orders","AttributeDefinitions":[{"AttributeName":"x","AttributeType":"S"}],"GlobalSecondaryIndexUpdates":[{"Create":{"IndexName":"byX","KeySchema":[{"AttributeName":"x","KeyType":"HASH"}],"Projection":{"ProjectionType":"ALL"}}}]}`)
	out = mustCall(t, s, "Query", `{"TableName":"orders","IndexName":"byX","KeyConditionExpression":"x = :x","ExpressionAttributeValues":{":x":{"S":"data"}}}`)
	if out["Count"] != int64(4) {
		t.Fatalf("backfill: %s", toJSON(out))
	}
}

func TestTransactions(t *testing.T) {
	s := newTestService(t)
	createHashTable(t, s, "")
	mustCall(t, s, "PutItem", `{"TableName":"users","Item":{"id":{"S":"a"},"v":{"N":"1"}}}`)
	_, err := call(t, s, "TransactWriteItems", `{"TransactItems":[
		{"ConditionCheck":{"TableName":"users","Key":{"id":{"S":"a"}},"ConditionExpression":"v = :two","ExpressionAttributeValues":{":two":{"N":"2"}},"ReturnValuesOnConditionCheckFailure":"ALL_OLD"}},
		{"Put":{"TableName":"users","Item":{"id":{"S":"b"}}}}]}`)
	e, _ := awserr.As(err)
	if e == nil || e.Message != "Transaction cancelled, please refer cancellation reasons for specific reasons [ConditionalCheckFailed, None]" ||
		toJSON(e.Fields["CancellationReasons"]) != `[{"Code":"ConditionalCheckFailed","Item":{"id":{"S":"a"},"v":{"N":"1"}},"Message":"The conditional request failed"},{"Code":"None"}]` {
		t.Fatalf("cancel: %v %v", err, e)
	}
	if out := mustCall(t, s, "GetItem", `{"TableName":"users","Key":{"id":{"S":"b"}}}`); len(out) != 0 {
		t.Fatalf("cancelled put applied: %v", out)
	}
	_, err = call(t, s, "TransactWriteItems", `{"TransactItems":[{"Put":{"TableName":"users","Item":{"id":{"S":"a"}}}},{"Delete":{"TableName":"users","Key":{"id":{"S":"a"}}}}]}`)
	if got := errMessage(err); got != "ValidationException: Transaction request cannot include multiple operations on one item" {
		t.Fatalf("conflict: %s", got)
	}
	req := `{"ClientRequestToken":"tok","TransactItems":[{"Update":{"TableName":"users","Key":{"id":{"S":"a"}},"UpdateExpression":"ADD v :one","ExpressionAttributeValues":{":one":{"N":"1"}}}}]}`
	mustCall(t, s, "TransactWriteItems", req)
	mustCall(t, s, "TransactWriteItems", req)
	out := mustCall(t, s, "TransactGetItems", `{"TransactItems":[{"Get":{"TableName":"users","Key":{"id":{"S":"a"}}}},{"Get":{"TableName":"users","Key":{"id":{"S":"zz"}}}}]}`)
	if got := toJSON(out); got != `{"Responses":[{"Item":{"id":{"S":"a"},"v":{"N":"2"}}},{}]}` {
		t.Fatalf("idempotent token applied twice or get wrong: %s", got)
	}
	_, err = call(t, s, "TransactWriteItems", strings.Replace(req, `"N":"1"`, `"N":"5"`, 1))
	if got := errMessage(err); !strings.HasPrefix(got, "IdempotentParameterMismatchException") {
		t.Fatalf("mismatch: %s", got)
	}
}

func TestBatches(t *testing.T) {
	s := newTestService(t)
	createHashTable(t, s, "")
	var puts []string
	for i := 0; i < 26; i++ {
		puts = append(puts, `{"PutRequest":{"Item":{"id":{"S":"k`+itoa(i)+`"}}}}`)
	}
	_, err := call(t, s, "BatchWriteItem", `{"RequestItems":{"users":[`+strings.Join(puts, ",")+`]}}`)
	if got := errMessage(err); got != "ValidationException: Too many items requested for the BatchWriteItem call" {
		t.Fatalf("26 writes: %s", got)
	}
	out := mustCall(t, s, "BatchWriteItem", `{"RequestItems":{"users":[`+strings.Join(puts[:25], ",")+`]}}`)
	if got := toJSON(out); got != `{"UnprocessedItems":{}}` {
		t.Fatalf("batch write: %s", got)
	}
	_, err = call(t, s, "BatchWriteItem", `{"RequestItems":{"users":[{"PutRequest":{"Item":{"other":{"S":"x"}}}}]}}`)
	if got := errMessage(err); got != "ValidationException: The provided key element does not match the schema" {
		t.Fatalf("schema: %s", got)
	}
	_, err = call(t, s, "BatchWriteItem", `{"RequestItems":{"users":[{"PutRequest":{"Item":{"id":{"S":"x"}}}},{"DeleteRequest":{"Key":{"id":{"S":"x"}}}}]}}`)
	if got := errMessage(err); got != "ValidationException: Provided list of item keys contains duplicates" {
		t.Fatalf("dup: %s", got)
	}
	out = mustCall(t, s, "BatchGetItem", `{"RequestItems":{"users":{"Keys":[{"id":{"S":"k1"}},{"id":{"S":"missing"}}],"ProjectionExpression":"id"}}}`)
	if got := toJSON(out); got != `{"Responses":{"users":[{"id":{"S":"k1"}}]},"UnprocessedKeys":{}}` {
		t.Fatalf("batch get: %s", got)
	}
}

func TestStreamsAndTTL(t *testing.T) {
	now := time.Unix(1_700_000_000, 0)
	s := New(WithClock(func() time.Time { return now }), WithTTLInterval(time.Hour))
	defer s.Close()
	createHashTable(t, s, `,"StreamSpecification":{"StreamEnabled":true,"StreamViewType":"NEW_AND_OLD_IMAGES"}`)
	mustCall(t, s, "UpdateTimeToLive", `{"TableName":"users","TimeToLiveSpecification":{"Enabled":true,"AttributeName":"exp"}}`)
	mustCall(t, s, "PutItem", `{"TableName":"users","Item":{"id":{"S":"Fred"}}}`)
	mustCall(t, s, "PutItem", `{"TableName":"users","Item":{"id":{"S":"Fred"},"name":{"S":"Fred"}}}`)
	mustCall(t, s, "PutItem", `{"TableName":"users","Item":{"id":{"S":"Fred"},"name":{"S":"Fred"}}}`)
	mustCall(t, s, "PutItem", `{"TableName":"users","Item":{"id":{"S":"old"},"exp":{"N":"1699999999"}}}`)
	mustCall(t, s, "PutItem", `{"TableName":"users","Item":{"id":{"S":"new"},"exp":{"N":"1800000000"}}}`)
	s.SweepExpired()
	streams := s.Streams().ListStreams("000000000000", "us-east-1", "users")
	if len(streams) != 1 {
		t.Fatalf("streams: %d", len(streams))
	}
	recs, _ := streams[0].Read(0, 100)
	var got []string
	for _, r := range recs {
		got = append(got, r.EventName+":"+itoa(r.SizeBytes))
	}
	if strings.Join(got, ",") != "INSERT:12,MODIFY:26,INSERT:19,INSERT:15,REMOVE:19" {
		t.Fatalf("records: %v", got)
	}
	last := recs[len(recs)-1].Wire()
	if toJSON(last["userIdentity"]) != `{"PrincipalId":"dynamodb.amazonaws.com","Type":"Service"}` {
		t.Fatalf("ttl identity: %v", last)
	}
	if out := mustCall(t, s, "GetItem", `{"TableName":"users","Key":{"id":{"S":"old"}}}`); len(out) != 0 {
		t.Fatalf("expired item still there")
	}
	for i := 1; i < len(recs); i++ {
		if FormatSequenceNumber(recs[i].Seq) <= FormatSequenceNumber(recs[i-1].Seq) || len(FormatSequenceNumber(recs[i].Seq)) != 21 {
			t.Fatalf("sequence numbers not increasing")
		}
	}
}

func TestPartiQL(t *testing.T) {
	s := newTestService(t)
	mustCall(t, s, "CreateTable", `{"TableName":"people","KeySchema":[{"AttributeName":"Username","KeyType":"HASH"}],"AttributeDefinitions":[{"AttributeName":"Username","AttributeType":"S"}],"BillingMode":"PAY_PER_REQUEST"}`)
	mustCall(t, s, "ExecuteStatement", `{"Statement":"INSERT INTO people VALUE {'Username': 'Alice123', 'FirstName': 'Alice'}"}`)
	mustCall(t, s, "ExecuteStatement", `{"Statement":"INSERT INTO \"people\" VALUE {'Username': ?, 'Age': 3}","Parameters":[{"S":"Bob"}]}`)
	_, err := call(t, s, "ExecuteStatement", `{"Statement":"INSERT INTO people VALUE {'Username': 'Bob'}"}`)
	if got := errMessage(err); got != "DuplicateItemException: Duplicate primary key exists in table" {
		t.Fatalf("duplicate: %s", got)
	}
	out := mustCall(t, s, "ExecuteStatement", `{"Statement":"SELECT * FROM people WHERE FirstName IS NOT MISSING"}`)
	if got := toJSON(out); got != `{"Items":[{"FirstName":{"S":"Alice"},"Username":{"S":"Alice123"}}]}` {
		t.Fatalf("select: %s", got)
	}
	out = mustCall(t, s, "BatchExecuteStatement", `{"Statements":[{"Statement":"UPDATE people SET Age = Age + 1 WHERE Username = 'Bob'"},{"Statement":"UPDATE people SET Age = 1 WHERE Username = 'nobody'"}]}`)
	if got := toJSON(out); got != `{"Responses":[{"TableName":"people"},{"Error":{"Code":"ConditionalCheckFailed","Message":"The conditional request failed"},"TableName":"people"}]}` {
		t.Fatalf("batch: %s", got)
	}
	out = mustCall(t, s, "ExecuteTransaction", `{"TransactStatements":[{"Statement":"DELETE FROM people WHERE Username = 'Bob'"},{"Statement":"INSERT INTO people VALUE {'Username': 'Carl'}"}]}`)
	if got := toJSON(out); got != `{"Responses":[]}` {
		t.Fatalf("transaction: %s", got)
	}
	out = mustCall(t, s, "ExecuteStatement", `{"Statement":"SELECT Username FROM people WHERE Username IN ['Bob', 'Carl']"}`)
	if got := toJSON(out); got != `{"Items":[{"Username":{"S":"Carl"}}]}` {
		t.Fatalf("after transaction: %s", got)
	}
	_, err = call(t, s, "ExecuteStatement", `{"Statement":"SELECT * FROM people","Parameters":[]}`)
	if got := errMessage(err); got != "ValidationException: 1 validation error detected: Value '[]' at 'parameters' failed to satisfy constraint: Member must have length greater than or equal to 1" {
		t.Fatalf("empty parameters: %s", got)
	}
}

func TestBackupsAndRestore(t *testing.T) {
	s := newTestService(t)
	createHashTable(t, s, `,"GlobalSecondaryIndexes":[]`)
	mustCall(t, s, "PutItem", `{"TableName":"users","Item":{"id":{"S":"a"},"v":{"N":"1"}}}`)
	out := mustCall(t, s, "CreateBackup", `{"TableName":"users","BackupName":"b1"}`)
	arn := out["BackupDetails"].(map[string]any)["BackupArn"].(string)
	mustCall(t, s, "PutItem", `{"TableName":"users","Item":{"id":{"S":"b"}}}`)
	mustCall(t, s, "RestoreTableFromBackup", `{"TargetTableName":"restored","BackupArn":"`+arn+`"}`)
	scan := mustCall(t, s, "Scan", `{"TableName":"restored"}`)
	if scan["Count"] != int64(1) {
		t.Fatalf("restored table holds %v items, want the 1 of the backup", scan["Count"])
	}
	list := mustCall(t, s, "ListBackups", `{"TableName":"users"}`)
	if n := len(list["BackupSummaries"].([]any)); n != 1 {
		t.Fatalf("list: %d", n)
	}
	mustCall(t, s, "DeleteBackup", `{"BackupArn":"`+arn+`"}`)
	_, err := call(t, s, "DescribeBackup", `{"BackupArn":"`+arn+`"}`)
	if got := errMessage(err); got != "BackupNotFoundException: Backup not found: "+arn {
		t.Fatalf("deleted backup: %s", got)
	}
	_, err = call(t, s, "RestoreTableToPointInTime", `{"SourceTableName":"users","TargetTableName":"pitr"}`)
	if got := errMessage(err); got != "PointInTimeRecoveryUnavailableException: Point in time recovery is not enabled for table 'users'" {
		t.Fatalf("pitr disabled: %s", got)
	}
	mustCall(t, s, "UpdateContinuousBackups", `{"TableName":"users","PointInTimeRecoverySpecification":{"PointInTimeRecoveryEnabled":true}}`)
	mustCall(t, s, "RestoreTableToPointInTime", `{"SourceTableName":"users","TargetTableName":"pitr","UseLatestRestorableTime":true}`)
	if scan := mustCall(t, s, "Scan", `{"TableName":"pitr"}`); scan["Count"] != int64(2) {
		t.Fatalf("pitr restore: %v", scan["Count"])
	}
}
