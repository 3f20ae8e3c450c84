import { SNSClient, CreateTopicCommand, SubscribeCommand, PublishCommand, DeleteTopicCommand } from "@aws-sdk/client-sns";
import { SQSClient, CreateQueueCommand, GetQueueAttributesCommand, ReceiveMessageCommand, DeleteQueueCommand } from "@aws-sdk/client-sqs";
import { config, name, expect } from "./_lib.mjs";

const sns = new SNSClient(config);
const sqs = new SQSClient(config);
const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: name }));
const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: name }));
const attrs = await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ["QueueArn"] }));
await sns.send(new SubscribeCommand({ TopicArn, Protocol: "sqs", Endpoint: attrs.Attributes.QueueArn, Attributes: { RawMessageDelivery: "true" } }));
await sns.send(new PublishCommand({ TopicArn, Message: "fan-out" }));
const got = await sqs.send(new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 2 }));
expect("delivered", got.Messages?.[0]?.Body, "fan-out");
await sns.send(new DeleteTopicCommand({ TopicArn }));
await sqs.send(new DeleteQueueCommand({ QueueUrl }));
