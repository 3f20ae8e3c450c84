# SQS with the AWS CLI: queues, messages, a dead-letter queue.
source "$(dirname "$0")/_lib.sh"
dlq=$(aws sqs create-queue --queue-name "$name-dlq" --query QueueUrl --output text)
dlq_arn=$(aws sqs get-queue-attributes --queue-url "$dlq" --attribute-names QueueArn --query Attributes.QueueArn --output text)
url=$(aws sqs create-queue --queue-name "$name" --attributes "{\"RedrivePolicy\":\"{\\\"deadLetterTargetArn\\\":\\\"$dlq_arn\\\",\\\"maxReceiveCount\\\":\\\"2\\\"}\"}" --query QueueUrl --output text)
expect "queue url" "$(aws sqs get-queue-url --queue-name "$name" --query QueueUrl --output text)" "$url"
aws sqs send-message --queue-url "$url" --message-body hello --message-attributes '{"kind":{"DataType":"String","StringValue":"greeting"}}' >/dev/null
read -r body handle < <(aws sqs receive-message --queue-url "$url" --message-attribute-names All --wait-time-seconds 1 --query 'Messages[0].[Body,ReceiptHandle]' --output text)
expect "body" "$body" "hello"
aws sqs delete-message --queue-url "$url" --receipt-handle "$handle"
expect "dead-letter sources" "$(aws sqs list-dead-letter-source-queues --queue-url "$dlq" --query 'queueUrls[0]' --output text)" "$url"
expect_error AWS.SimpleQueueService.NonExistentQueue aws sqs get-queue-url --queue-name "$name-missing"
aws sqs delete-queue --queue-url "$url"
aws sqs delete-queue --queue-url "$dlq"
