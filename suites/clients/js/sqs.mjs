import { SQSClient, CreateQueueCommand, SendMessageCommand, ReceiveMessageCommand, DeleteMessageCommand, DeleteQueueCommand, GetQueueUrlCommand } from "@aws-sdk/client-sqs";
import { config, name, expect, expectError } from "./_lib.mjs";

const sqs = new SQSClient(config);
const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: name }));
await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: "hello", MessageAttributes: { kind: { DataType: "String", StringValue: "greeting" } } }));
const got = await sqs.send(new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 1, MessageAttributeNames: ["All"] }));
expect("body", got.Messages[0].Body, "hello");
expect("attribute", got.Messages[0].MessageAttributes.kind.StringValue, "greeting");
await sqs.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: got.Messages[0].ReceiptHandle }));
await expectError("missing queue", "QueueDoesNotExist", sqs.send(new GetQueueUrlCommand({ QueueName: `${name}-missing` })));
await sqs.send(new DeleteQueueCommand({ QueueUrl }));
