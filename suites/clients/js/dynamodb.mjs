import { DynamoDBClient, CreateTableCommand, PutItemCommand, GetItemCommand, QueryCommand, DeleteTableCommand, DescribeTableCommand } from "@aws-sdk/client-dynamodb";
import { config, name, expect, expectError } from "./_lib.mjs";

const ddb = new DynamoDBClient(config);
await ddb.send(new CreateTableCommand({ TableName: name, BillingMode: "PAY_PER_REQUEST",
  AttributeDefinitions: [{ AttributeName: "pk", AttributeType: "S" }, { AttributeName: "sk", AttributeType: "N" }],
  KeySchema: [{ AttributeName: "pk", KeyType: "HASH" }, { AttributeName: "sk", KeyType: "RANGE" }] }));
for (let i = 0; i < 20 && (await ddb.send(new DescribeTableCommand({ TableName: name }))).Table.TableStatus !== "ACTIVE"; i++) {
  await new Promise((r) => setTimeout(r, 250));
}
for (const sk of ["1", "2", "3"]) {
  await ddb.send(new PutItemCommand({ TableName: name, Item: { pk: { S: "a" }, sk: { N: sk }, v: { S: `v${sk}` } } }));
}
const item = await ddb.send(new GetItemCommand({ TableName: name, Key: { pk: { S: "a" }, sk: { N: "2" } } }));
expect("get", item.Item.v.S, "v2");
const q = await ddb.send(new QueryCommand({ TableName: name, KeyConditionExpression: "pk = :p AND sk > :s", ExpressionAttributeValues: { ":p": { S: "a" }, ":s": { N: "1" } } }));
expect("query", q.Items.map((i) => i.sk.N), ["2", "3"]);
await expectError("conditional put", "ConditionalCheckFailedException",
  ddb.send(new PutItemCommand({ TableName: name, Item: { pk: { S: "a" }, sk: { N: "1" } }, ConditionExpression: "attribute_not_exists(pk)" })));
await ddb.send(new DeleteTableCommand({ TableName: name }));
