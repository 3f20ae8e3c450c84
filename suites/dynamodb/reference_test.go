package dynamodb_test

import (
	"context"

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

func streamTable(view types.StreamViewType, hash string) func(*dynamodb.CreateTableInput) {
	return func(in *dynamodb.CreateTableInput) {
		in.KeySchema, in.AttributeDefinitions = hashKey(hash)
		in.StreamSpecification = &types.StreamSpecification{StreamEnabled: aws.Bool(true), StreamViewType: view}
	}
}

func latestStream(ctx SpecContext, table string) string {
	out, err := harness.DynamoDB().DescribeTable(ctx, &dynamodb.DescribeTableInput{TableName: aws.String(table)})
	Expect(err).NotTo(HaveOccurred())
	return aws.ToString(out.Table.LatestStreamArn)
}

func describeStream(ctx SpecContext, arn string) *dynamodbstreams.DescribeStreamOutput {
	out, err := harness.DynamoDBStreams().DescribeStream(ctx, &dynamodbstreams.DescribeStreamInput{StreamArn: aws.String(arn)})
	Expect(err).NotTo(HaveOccurred())
	return out
}

var _ = Describe("DynamoDB reference scenarios", func() {
	It("batch-writes binary values", harness.Reference(ref+"test_batch_write_binary"), func(ctx SpecContext) {
		snap := harness.Snapshot()
		ks, ad := hashRangeKey("PK", types.ScalarAttributeTypeS, "SK", types.ScalarAttributeTypeS)
		t := aws.ToString(createTable(ctx, &dynamodb.CreateTableInput{KeySchema: ks, AttributeDefinitions: ad, BillingMode: types.BillingModePayPerRequest}).TableDescription.TableName)
		put(ctx, t, item{"PK": S("hello"), "SK": S("user"), "data": B([]byte("test"))})
		out, err := harness.DynamoDB().BatchWriteItem(ctx, &dynamodb.BatchWriteItemInput{RequestItems: map[string][]types.WriteRequest{t: {
			{PutRequest: &types.PutRequest{Item: item{"PK": S("hello-1"), "SK": S("user-1"), "data": B([]byte("test"))}}},
			{PutRequest: &types.PutRequest{Item: item{"PK": S("hello-2"), "SK": S("user-2"), "data": B([]byte("test \xc0 \xed"))}}},
		}}})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("Response", out)
		Expect(get(ctx, t, item{"PK": S("hello-2"), "SK": S("user-2")})).To(HaveKey("data"))
	})

	It("batch-writes puts and deletes", harness.Reference(ref+"test_batch_write_items"), func(ctx SpecContext) {
		snap := harness.Snapshot()
		t := simpleTable(ctx, nil)
		put(ctx, t, item{"id": S("Fred")})
		out, err := harness.DynamoDB().BatchWriteItem(ctx, &dynamodb.BatchWriteItemInput{RequestItems: map[string][]types.WriteRequest{t: {
			{DeleteRequest: &types.DeleteRequest{Key: item{"id": S("Fred")}}},
			{PutRequest: &types.PutRequest{Item: item{"id": S("Bob"), "name": S("Bob")}}},
		}}})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("BatchWriteResponse", out)
		Expect(get(ctx, t, item{"id": S("Fred")})).To(BeEmpty())
	})

	It("streams batch writes", harness.Reference(ref+"test_batch_write_items_streaming"), func(ctx SpecContext) {
		snap := harness.Snapshot()
		streamTransforms(snap)
		c := harness.DynamoDB()
		ks, ad := hashKey("id")
		created := createTable(ctx, &dynamodb.CreateTableInput{KeySchema: ks, AttributeDefinitions: ad,
			StreamSpecification: &types.StreamSpecification{StreamEnabled: aws.Bool(true), StreamViewType: types.StreamViewTypeNewAndOldImages}})
		snap.Match("create-table", created)
		t := aws.ToString(created.TableDescription.TableName)
		out, err := c.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String(t), Item: item{"id": S("Fred")}})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("put-item-1", out)
		bw, err := c.BatchWriteItem(ctx, &dynamodb.BatchWriteItemInput{RequestItems: map[string][]types.WriteRequest{t: {
			{PutRequest: &types.PutRequest{Item: item{"id": S("Fred")}}},
			{PutRequest: &types.PutRequest{Item: item{"id": S("NewKey")}}},
		}}})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("batch-write-response-overwrite-item-1", bw)
		bw, err = c.BatchWriteItem(ctx, &dynamodb.BatchWriteItemInput{RequestItems: map[string][]types.WriteRequest{t: {
			{DeleteRequest: &types.DeleteRequest{Key: item{"id": S("NewKey")}}},
			{PutRequest: &types.PutRequest{Item: item{"id": S("Fred"), "name": S("Fred")}}},
		}}})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("batch-write-response-delete", bw)
		arn := aws.ToString(created.TableDescription.LatestStreamArn)
		snap.Match("describe-stream", describeStream(ctx, arn))
		snap.Divergence("moto", "$..Records", "moto writes a MODIFY record for a put that leaves the item unchanged; AWS writes none")
		snap.Match("get-records", streamRecords(ctx, arn))
	})

	It("rejects batch writes not matching the key schema", harness.Reference(ref+"test_batch_write_not_matching_schema"), func(ctx SpecContext) {
		snap := harness.Snapshot()
		ks, ad := hashRangeKey("id", types.ScalarAttributeTypeS, "sortKey", types.ScalarAttributeTypeS)
		t := aws.ToString(createTable(ctx, &dynamodb.CreateTableInput{KeySchema: ks, AttributeDefinitions: ad}).TableDescription.TableName)
		_, err := harness.DynamoDB().BatchWriteItem(ctx, &dynamodb.BatchWriteItemInput{RequestItems: map[string][]types.WriteRequest{t: {
			{PutRequest: &types.PutRequest{Item: item{"nonKey": S("hello")}}},
		}}})
		Expect(err).To(HaveOccurred())
		snap.Divergence("moto", "$", "AWS answers an item without its key attributes with 'The provided key element does not match the schema' (reference ValidationException); moto names the missing key")
		snap.Match("ValidationException", errorText(err, "BatchWriteItem"))
	})

	It("enables point-in-time recovery", harness.Reference(ref+"test_continuous_backup_update"), func(ctx SpecContext) {
		snap := harness.Snapshot()
		snap.Divergence("moto", "$..RecoveryPeriodInDays", "moto omits RecoveryPeriodInDays; AWS returns 35 by default (reference recording)")
		t := simpleTable(ctx, nil)
		c := harness.DynamoDB()
		up, err := c.UpdateContinuousBackups(ctx, &dynamodb.UpdateContinuousBackupsInput{TableName: aws.String(t),
			PointInTimeRecoverySpecification: &types.PointInTimeRecoverySpecification{PointInTimeRecoveryEnabled: aws.Bool(true)}})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("update-continuous-backup", up)
		d, err := c.DescribeContinuousBackups(ctx, &dynamodb.DescribeContinuousBackupsInput{TableName: aws.String(t)})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("describe-continuous-backup", d)
	})

	It("rejects a duplicate table", harness.Reference(ref+"test_create_duplicate_table"), func(ctx SpecContext) {
		snap := harness.Snapshot()
		t := simpleTable(ctx, nil)
		snap.Transform(transformers.Regex(t, "<test-table>"))
		ks, ad := hashKey("id")
		_, err := harness.DynamoDB().CreateTable(ctx, &dynamodb.CreateTableInput{TableName: aws.String(t), KeySchema: ks, AttributeDefinitions: ad, ProvisionedThroughput: provisioned5})
		Expect(err).To(HaveOccurred())
		snap.Match("Error", errorText(err, "CreateTable"))
	})

	It("runs PartiQL statements in a batch", harness.Reference(ref+"test_dynamodb_batch_execute_statement"), func(ctx SpecContext) {
		snap := harness.Snapshot()
		skipOnMoto("moto answers BatchExecuteStatement with an internal error")
		t := simpleTable(ctx, func(in *dynamodb.CreateTableInput) { in.KeySchema, in.AttributeDefinitions = hashKey("Username") })
		snap.Transform(transformers.Regex(t, "<test-table>"))
		put(ctx, t, item{"Username": S("user02")})
		out, err := harness.DynamoDB().BatchExecuteStatement(ctx, &dynamodb.BatchExecuteStatementInput{Statements: []types.BatchStatementRequest{
			{Statement: aws.String("INSERT INTO \"" + t + "\" VALUE {'Username': 'user01'}")},
			{Statement: aws.String("UPDATE \"" + t + "\" SET Age=20 WHERE Username='user02'")},
		}})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("ExecutedStatement", out)
		snap.Match("ItemUser1", doc(get(ctx, t, item{"Username": S("user01")})))
		snap.Match("ItemUser2", doc(get(ctx, t, item{"Username": S("user02")})))
	})

	It("describes disabled contributor insights", harness.Reference(ref+"test_dynamodb_describe_contributor_insights"), func(ctx SpecContext) {
		snap := harness.Snapshot()
		skipOnMoto("moto answers DescribeContributorInsights with an internal error")
		snap.Transform(transformers.Key("TableName", "table-name"))
		t := simpleTable(ctx, nil)
		out, err := harness.DynamoDB().DescribeContributorInsights(ctx, &dynamodb.DescribeContributorInsightsInput{TableName: aws.String(t)})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("describe-contributor-insights-disabled", out)
	})

	It("rejects an empty parameter list", harness.Reference(ref+"test_dynamodb_execute_statement_empy_parameter"), func(ctx SpecContext) {
		snap := harness.Snapshot()
		skipOnMoto("moto does not validate the length of Parameters")
		t := simpleTable(ctx, nil)
		_, err := harness.DynamoDB().ExecuteStatement(ctx, &dynamodb.ExecuteStatementInput{Statement: aws.String("SELECT * FROM \"" + t + "\""), Parameters: []types.AttributeValue{}})
		Expect(err).To(HaveOccurred())
		snap.Match("invalid-param-error", err)
	})

	It("runs a PartiQL transaction", harness.Reference(ref+"test_dynamodb_execute_transaction"), func(ctx SpecContext) {
		snap := harness.Snapshot()
		t := simpleTable(ctx, func(in *dynamodb.CreateTableInput) { in.KeySchema, in.AttributeDefinitions = hashKey("Username") })
		c := harness.DynamoDB()
		out, err := c.ExecuteTransaction(ctx, &dynamodb.ExecuteTransactionInput{TransactStatements: []types.ParameterizedStatement{
			{Statement: aws.String("INSERT INTO \"" + t + "\" VALUE {'Username': 'user01'}")},
			{Statement: aws.String("INSERT INTO \"" + t + "\" VALUE {'Username': 'user02'}")},
		}})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("ExecutedTransaction", out)
		scan, err := c.Scan(ctx, &dynamodb.ScanInput{TableName: aws.String(t)})
		Expect(err).NotTo(HaveOccurred())
		snap.Divergence("moto", "$..Items", "scan order follows the partition hash on AWS")
		snap.Match("TableScan", scan)
	})

	It("applies an idempotent transaction once", harness.Reference(ref+"test_dynamodb_idempotent_writing"), func(ctx SpecContext) {
		snap := harness.Snapshot()
		skipOnMoto("moto applies a transaction again for a repeated ClientRequestToken")
		t := simpleTable(ctx, nil)
		in := &dynamodb.TransactWriteItemsInput{ClientRequestToken: aws.String("some-token"), TransactItems: []types.TransactWriteItem{
			{Put: &types.Put{TableName: aws.String(t), Item: item{"id": S("a"), "n": N("1")}}},
			{Update: &types.Update{TableName: aws.String(t), Key: item{"id": S("b")}, UpdateExpression: aws.String("ADD n :one"), ExpressionAttributeValues: item{":one": N("1")}}},
		}}
		c := harness.DynamoDB()
		r1, err := c.TransactWriteItems(ctx, in)
		Expect(err).NotTo(HaveOccurred())
		snap.Match("Response1", r1)
		r2, err := c.TransactWriteItems(ctx, in)
		Expect(err).NotTo(HaveOccurred())
		snap.Match("Response2", r2)
		Expect(get(ctx, t, item{"id": S("b")})).To(HaveKeyWithValue("n", N("1")))
	})

	It("selects items whose attribute is not missing", harness.Reference(ref+"test_dynamodb_partiql_missing"), func(ctx SpecContext) {
		snap := harness.Snapshot()
		t := simpleTable(ctx, func(in *dynamodb.CreateTableInput) { in.KeySchema, in.AttributeDefinitions = hashKey("Username") })
		put(ctx, t, item{"Username": S("Alice123"), "FirstName": S("Alice")})
		put(ctx, t, item{"Username": S("Bob123")})
		out, err := harness.DynamoDB().ExecuteStatement(ctx, &dynamodb.ExecuteStatementInput{Statement: aws.String("SELECT * FROM \"" + t + "\" WHERE FirstName IS NOT MISSING")})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("FirstNameNotMissing", docs(out.Items, "Username"))
	})

	It("rejects throughput for on-demand tables", harness.Reference(ref+"test_dynamodb_pay_per_request"), func(ctx SpecContext) {
		snap := harness.Snapshot()
		ks, ad := hashKey("id")
		_, err := harness.DynamoDB().CreateTable(ctx, &dynamodb.CreateTableInput{TableName: aws.String(harness.UniqueName("tbl")), KeySchema: ks, AttributeDefinitions: ad,
			BillingMode: types.BillingModePayPerRequest, ProvisionedThroughput: provisioned5})
		Expect(err).To(HaveOccurred())
		snap.Divergence("moto", "$", "AWS rejects throughput on an on-demand table with 'One or more parameter values were invalid: Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST' (reference Error); moto words it differently")
		snap.Match("Error", errorText(err, "CreateTable"))
	})

	It("streams updates", harness.Reference(ref+"test_dynamodb_stream_records_with_update_item"), func(ctx SpecContext) {
		snap := harness.Snapshot()
		streamTransforms(snap)
		ks, ad := hashKey("id")
		created := createTable(ctx, &dynamodb.CreateTableInput{KeySchema: ks, AttributeDefinitions: ad,
			StreamSpecification: &types.StreamSpecification{StreamEnabled: aws.Bool(true), StreamViewType: types.StreamViewTypeNewAndOldImages}})
		snap.Match("create-table", created)
		t := aws.ToString(created.TableDescription.TableName)
		arn := aws.ToString(created.TableDescription.LatestStreamArn)
		d := describeStream(ctx, arn)
		snap.Match("describe-stream", d)
		it, err := harness.DynamoDBStreams().GetShardIterator(ctx, &dynamodbstreams.GetShardIteratorInput{StreamArn: aws.String(arn), ShardId: d.StreamDescription.Shards[0].ShardId, ShardIteratorType: stypes.ShardIteratorTypeLatest})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("get-shard-iterator", it)
		c := harness.DynamoDB()
		for _, v := range [][2]string{{"value1", "value2"}, {"value2", "value3"}} {
			_, err := c.UpdateItem(ctx, &dynamodb.UpdateItemInput{TableName: aws.String(t), Key: item{"id": S("my-item-id")},
				UpdateExpression: aws.String("SET attr1 = :v1, attr2 = :v2"), ExpressionAttributeValues: item{":v1": S(v[0]), ":v2": S(v[1])}})
			Expect(err).NotTo(HaveOccurred())
		}
		recs, err := harness.DynamoDBStreams().GetRecords(ctx, &dynamodbstreams.GetRecordsInput{ShardIterator: it.ShardIterator})
		Expect(err).NotTo(HaveOccurred())
		l := []any{}
		for _, r := range recs.Records {
			l = append(l, recordDoc(r))
		}
		snap.Divergence("moto", "$.Records", "AWS streams the two updates as INSERT then MODIFY with both images (reference get-records); moto's records differ in count and images")
		snap.Match("get-records", map[string]any{"Records": l})
	})

	It("streams keys only", harness.Reference(ref+"test_dynamodb_stream_stream_view_type"), func(ctx SpecContext) {
		snap := harness.Snapshot()
		streamTransforms(snap)
		ks, ad := hashKey("Username")
		created := createTable(ctx, &dynamodb.CreateTableInput{KeySchema: ks, AttributeDefinitions: ad,
			StreamSpecification: &types.StreamSpecification{StreamEnabled: aws.Bool(true), StreamViewType: types.StreamViewTypeKeysOnly}})
		snap.Match("create-table", created)
		t := aws.ToString(created.TableDescription.TableName)
		arn := aws.ToString(created.TableDescription.LatestStreamArn)
		d := describeStream(ctx, arn)
		snap.Match("describe-stream", d)
		it, err := harness.DynamoDBStreams().GetShardIterator(ctx, &dynamodbstreams.GetShardIteratorInput{StreamArn: aws.String(arn), ShardId: d.StreamDescription.Shards[0].ShardId, ShardIteratorType: stypes.ShardIteratorTypeTrimHorizon})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("get-shard-iterator", it)
		c := harness.DynamoDB()
		for _, user := range []string{"Fred", "Alice"} {
			put(ctx, t, item{"Username": S(user)})
			_, err := c.UpdateItem(ctx, &dynamodb.UpdateItemInput{TableName: aws.String(t), Key: item{"Username": S(user)},
				UpdateExpression: aws.String("SET Age = :a"), ExpressionAttributeValues: item{":a": N("30")}})
			Expect(err).NotTo(HaveOccurred())
			_, err = c.DeleteItem(ctx, &dynamodb.DeleteItemInput{TableName: aws.String(t), Key: item{"Username": S(user)}})
			Expect(err).NotTo(HaveOccurred())
		}
		recs, err := harness.DynamoDBStreams().GetRecords(ctx, &dynamodbstreams.GetRecordsInput{ShardIterator: it.ShardIterator})
		Expect(err).NotTo(HaveOccurred())
		l := []any{}
		for _, r := range recs.Records {
			l = append(l, recordDoc(r))
		}
		snap.Match("get-records", map[string]any{"Records": l})
	})

	It("stores empty strings and binary values", harness.Reference(ref+"test_empty_and_binary_values"), func(ctx SpecContext) {
		snap := harness.Snapshot()
		t := simpleTable(ctx, nil)
		c := harness.DynamoDB()
		r1, err := c.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String(t), Item: item{"id": S("id1"), "data": S("")}})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("PutFirstItem", r1)
		r2, err := c.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String(t), Item: item{"id": S("id2"), "data": B([]byte("foobar"))}})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("PutSecondItem", r2)
		Expect(get(ctx, t, item{"id": S("id1")})).To(HaveKeyWithValue("data", S("")))
	})

	It("creates a provisioned table with a global secondary index", harness.Reference(ref+"test_gsi_with_billing_mode[PROVISIONED]"), func(ctx SpecContext) {
		snap := harness.Snapshot()
		snap.Transform(transformers.Key("TableName", "table-name"), transformers.KeyValue("TableStatus", "<table-status>"), transformers.KeyValue("IndexStatus", "<index-status>"))
		c := harness.DynamoDB()
		name := harness.UniqueName("tbl")
		created := createTable(ctx, &dynamodb.CreateTableInput{TableName: aws.String(name),
			KeySchema:            []types.KeySchemaElement{{AttributeName: aws.String("TID"), KeyType: types.KeyTypeHash}},
			AttributeDefinitions: []types.AttributeDefinition{{AttributeName: aws.String("TID"), AttributeType: types.ScalarAttributeTypeS}, {AttributeName: aws.String("TRID"), AttributeType: types.ScalarAttributeTypeS}},
			GlobalSecondaryIndexes: []types.GlobalSecondaryIndex{{IndexName: aws.String("TransactionRecordID"),
				KeySchema:             []types.KeySchemaElement{{AttributeName: aws.String("TRID"), KeyType: types.KeyTypeHash}},
				Projection:            &types.Projection{ProjectionType: types.ProjectionTypeAll},
				ProvisionedThroughput: &types.ProvisionedThroughput{ReadCapacityUnits: aws.Int64(1), WriteCapacityUnits: aws.Int64(1)}}},
			BillingMode: types.BillingModeProvisioned, ProvisionedThroughput: provisioned5})
		snap.Match("create-table-with-gsi", created)
		d, err := c.DescribeTable(ctx, &dynamodb.DescribeTableInput{TableName: aws.String(name)})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("describe-table", d)
	})

	It("returns old values from PutItem", harness.Reference(ref+"test_return_values_in_put_item"), func(ctx SpecContext) {
		snap := harness.Snapshot()
		t := simpleTable(ctx, nil)
		c := harness.DynamoDB()
		putRV := func(key string, it item, rv types.ReturnValue, cond string) {
			in := &dynamodb.PutItemInput{TableName: aws.String(t), Item: it, ReturnValues: rv}
			if cond != "" {
				in.ConditionExpression = aws.String(cond)
			}
			out, err := c.PutItem(ctx, in)
			Expect(err).NotTo(HaveOccurred())
			snap.Match(key, out)
		}
		putRV("PutFirstItem", item{"id": S("id1"), "data": S("foobar")}, types.ReturnValueAllOld, "")
		putRV("PutFirstItemOLD", item{"id": S("id1"), "data": S("foobar")}, types.ReturnValueAllOld, "")
		putRV("PutFirstItemB", item{"id": S("id1"), "data": S("foobar")}, types.ReturnValueAllOld, "attribute_exists(id)")
		putRV("PutSecondItem", item{"id": S("id2"), "data": S("foobar")}, types.ReturnValueAllOld, "attribute_not_exists(id)")
		putRV("PutSecondItemReturnNone", item{"id": S("id2"), "data": S("foobar")}, types.ReturnValueNone, "")
	})

	It("returns the item when a condition fails", harness.Reference(ref+"test_return_values_on_conditions_check_failure"), func(ctx SpecContext) {
		snap := harness.Snapshot()
		t := simpleTable(ctx, nil)
		put(ctx, t, item{"id": S("456"), "price": N("650"), "product": S("sporting goods")})
		_, err := harness.DynamoDB().UpdateItem(ctx, &dynamodb.UpdateItemInput{TableName: aws.String(t), Key: item{"id": S("456")},
			UpdateExpression: aws.String("SET price = :p"), ConditionExpression: aws.String("price < :limit"),
			ExpressionAttributeValues:           item{":p": N("500"), ":limit": N("500")},
			ReturnValuesOnConditionCheckFailure: types.ReturnValuesOnConditionCheckFailureAllOld})
		Expect(err).To(HaveOccurred())
		snap.Divergence("emulator", "$.message", "the JSON codec writes the lower-case message member; AWS writes Message when the error carries the Item, so boto3 shows no top-level message")
		snap.Match("items", err)
	})

	It("creates, describes and deletes a table", harness.Reference(ref+"test_table_crud"), func(ctx SpecContext) {
		snap := harness.Snapshot()
		snap.Transform(transformers.Key("TableName", "table-name"))
		for _, p := range []string{"$.TableDescription.AttributeDefinitions", "$.TableDescription.KeySchema", "$.TableDescription.CreationDateTime"} {
			snap.Divergence("moto", p, "moto's DeleteTable returns the whole description; AWS leaves out the key schema, attribute definitions and creation time (reference test_table_crud)")
		}
		c := harness.DynamoDB()
		ks, ad := hashKey("id")
		name := harness.UniqueName("tbl")
		created, err := c.CreateTable(ctx, &dynamodb.CreateTableInput{TableName: aws.String(name), KeySchema: ks, AttributeDefinitions: ad, ProvisionedThroughput: provisioned5})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("create-table", created)
		waitActive(ctx, name)
		d, err := c.DescribeTable(ctx, &dynamodb.DescribeTableInput{TableName: aws.String(name)})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("describe-table", d)
		del, err := c.DeleteTable(ctx, &dynamodb.DeleteTableInput{TableName: aws.String(name)})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("delete-table", del)
		snap.Divergence("moto", "$.Error.Message", "moto leaves the table name out of the message (reference test_table_crud has it)")
		snap.Divergence("moto", "$.message", "moto leaves the table name out of the message (reference test_table_crud has it)")
		_, err = c.DeleteTable(ctx, &dynamodb.DeleteTableInput{TableName: aws.String("non-existent")})
		Expect(err).To(HaveOccurred())
		snap.Match("delete-non-existent-table", err)
	})

	It("reports warm throughput", harness.Reference(ref+"test_table_warm_throughput"), func(ctx SpecContext) {
		snap := harness.Snapshot()
		snap.Transform(transformers.Key("TableName", "table-name"))
		c := harness.DynamoDB()
		ks, ad := hashKey("id")
		name := harness.UniqueName("tbl")
		created, err := c.CreateTable(ctx, &dynamodb.CreateTableInput{TableName: aws.String(name), KeySchema: ks, AttributeDefinitions: ad, ProvisionedThroughput: provisioned5,
			WarmThroughput: &types.WarmThroughput{ReadUnitsPerSecond: aws.Int64(1000), WriteUnitsPerSecond: aws.Int64(1200)}})
		Expect(err).NotTo(HaveOccurred())
		harness.Cleanup(func(ctx context.Context) {
			_, _ = c.DeleteTable(ctx, &dynamodb.DeleteTableInput{TableName: aws.String(name)})
		})
		snap.Match("create-table", created)
		waitActive(ctx, name)
		d, err := c.DescribeTable(ctx, &dynamodb.DescribeTableInput{TableName: aws.String(name)})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("describe-table", d)
	})

	It("gets items in a transaction by name and by ARN", harness.Reference(ref+"test_transact_get_items"), func(ctx SpecContext) {
		snap := harness.Snapshot()
		ks, ad := hashKey("id")
		created := createTable(ctx, &dynamodb.CreateTableInput{KeySchema: ks, AttributeDefinitions: ad})
		t := aws.ToString(created.TableDescription.TableName)
		c := harness.DynamoDB()
		put(ctx, t, item{"id": S("John")})
		out, err := c.TransactGetItems(ctx, &dynamodb.TransactGetItemsInput{TransactItems: []types.TransactGetItem{{Get: &types.Get{TableName: aws.String(t), Key: item{"id": S("John")}}}}})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("TransactGetItems", out)
		put(ctx, t, item{"id": S("Sarah")})
		out, err = c.TransactGetItems(ctx, &dynamodb.TransactGetItemsInput{TransactItems: []types.TransactGetItem{{Get: &types.Get{TableName: created.TableDescription.TableArn, Key: item{"id": S("Sarah")}}}}})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("TransactGetItems-with-TableArn", out)
	})

	It("streams transactional writes", harness.Reference(ref+"test_transact_write_items_streaming"), func(ctx SpecContext) {
		snap := harness.Snapshot()
		streamTransforms(snap)
		c := harness.DynamoDB()
		ks, ad := hashKey("id")
		created := createTable(ctx, &dynamodb.CreateTableInput{KeySchema: ks, AttributeDefinitions: ad,
			StreamSpecification: &types.StreamSpecification{StreamEnabled: aws.Bool(true), StreamViewType: types.StreamViewTypeNewAndOldImages}})
		snap.Match("create-table", created)
		t := aws.String(aws.ToString(created.TableDescription.TableName))
		out, err := c.PutItem(ctx, &dynamodb.PutItemInput{TableName: t, Item: item{"id": S("Fred")}})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("put-item-1", out)
		txn := func(key string, items ...types.TransactWriteItem) {
			out, err := c.TransactWriteItems(ctx, &dynamodb.TransactWriteItemsInput{TransactItems: items})
			Expect(err).NotTo(HaveOccurred())
			snap.Match(key, out)
		}
		txn("transact-write-response-overwrite",
			types.TransactWriteItem{Put: &types.Put{TableName: t, Item: item{"id": S("Fred")}}},
			types.TransactWriteItem{Put: &types.Put{TableName: t, Item: item{"id": S("NewKey")}}})
		txn("transact-write-response-update", types.TransactWriteItem{Update: &types.Update{TableName: t, Key: item{"id": S("NewKey")},
			UpdateExpression: aws.String("SET attr1 = :v1, attr2 = :v2"), ExpressionAttributeValues: item{":v1": S("value1"), ":v2": S("value2")}}})
		txn("transact-write-update-insert", types.TransactWriteItem{Update: &types.Update{TableName: t, Key: item{"id": S("NonExistentKey")},
			UpdateExpression: aws.String("SET attr1 = :v1"), ExpressionAttributeValues: item{":v1": S("value1")}}})
		txn("transact-write-response-delete",
			types.TransactWriteItem{Delete: &types.Delete{TableName: t, Key: item{"id": S("NewKey")}}},
			types.TransactWriteItem{Put: &types.Put{TableName: t, Item: item{"id": S("Fred"), "name": S("Fred")}}})
		arn := aws.ToString(created.TableDescription.LatestStreamArn)
		snap.Match("describe-stream", describeStream(ctx, arn))
		snap.Divergence("moto", "$..Records", "moto writes a MODIFY record for a put that leaves the item unchanged; AWS writes none")
		snap.Match("get-records", streamRecords(ctx, arn))
	})

	It("streams a transaction over two tables", harness.Reference(ref+"test_transact_write_items_streaming_for_different_tables"), func(ctx SpecContext) {
		snap := harness.Snapshot()
		streamTransforms(snap)
		c := harness.DynamoDB()
		ks, ad := hashKey("id")
		withStream := createTable(ctx, &dynamodb.CreateTableInput{KeySchema: ks, AttributeDefinitions: ad,
			StreamSpecification: &types.StreamSpecification{StreamEnabled: aws.Bool(true), StreamViewType: types.StreamViewTypeNewAndOldImages}})
		snap.Match("create-table-stream", withStream)
		noStream := createTable(ctx, &dynamodb.CreateTableInput{KeySchema: ks, AttributeDefinitions: ad})
		snap.Match("create-table-no-stream", noStream)
		out, err := c.TransactWriteItems(ctx, &dynamodb.TransactWriteItemsInput{TransactItems: []types.TransactWriteItem{
			{Put: &types.Put{TableName: withStream.TableDescription.TableName, Item: item{"id": S("Fred")}}},
			{Put: &types.Put{TableName: noStream.TableDescription.TableName, Item: item{"id": S("Fred")}}},
		}})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("transact-write-two-tables", out)
		arn := aws.ToString(withStream.TableDescription.LatestStreamArn)
		snap.Match("describe-stream", describeStream(ctx, arn))
		snap.Match("get-records", streamRecords(ctx, arn))
	})

	It("cancels a transaction whose condition fails", harness.Reference(ref+"test_transaction_write_canceled"), func(ctx SpecContext) {
		snap := harness.Snapshot()
		t := aws.String(simpleTable(ctx, nil))
		_, err := harness.DynamoDB().TransactWriteItems(ctx, &dynamodb.TransactWriteItemsInput{TransactItems: []types.TransactWriteItem{
			{ConditionCheck: &types.ConditionCheck{TableName: t, Key: item{"id": S("not-exists")}, ConditionExpression: aws.String("attribute_exists(id)")}},
			{Put: &types.Put{TableName: t, Item: item{"id": S("Fred")}}},
		}})
		Expect(err).To(HaveOccurred())
		snap.Match("Error", errorText(err, "TransactWriteItems"))
	})

	It("writes items in transactions by name and by ARN", harness.Reference(ref+"test_transaction_write_items"), func(ctx SpecContext) {
		snap := harness.Snapshot()
		ks, ad := hashKey("id")
		created := createTable(ctx, &dynamodb.CreateTableInput{KeySchema: ks, AttributeDefinitions: ad})
		c := harness.DynamoDB()
		write := func(key string, table *string, suffix string) {
			put(ctx, aws.ToString(created.TableDescription.TableName), item{"id": S("Existing" + suffix), "n": N("1")})
			out, err := c.TransactWriteItems(ctx, &dynamodb.TransactWriteItemsInput{TransactItems: []types.TransactWriteItem{
				{ConditionCheck: &types.ConditionCheck{TableName: table, Key: item{"id": S("Existing" + suffix)}, ConditionExpression: aws.String("attribute_exists(id)")}},
				{Put: &types.Put{TableName: table, Item: item{"id": S("Fred" + suffix)}, ConditionExpression: aws.String("attribute_not_exists(id)")}},
				{Update: &types.Update{TableName: table, Key: item{"id": S("Steve" + suffix)}, UpdateExpression: aws.String("SET age = :a"), ExpressionAttributeValues: item{":a": N("42")}}},
				{Delete: &types.Delete{TableName: table, Key: item{"id": S("Bert" + suffix)}}},
			}})
			Expect(err).NotTo(HaveOccurred())
			snap.Match(key, out)
		}
		write("Response", created.TableDescription.TableName, "")
		write("Response_using_table_arn", created.TableDescription.TableArn, "-arn")
	})
})
