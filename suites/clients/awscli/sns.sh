# SNS with the AWS CLI: a topic fanning out to a queue.
source "$(dirname "$0")/_lib.sh"
topic=$(aws sns create-topic --name "$name" --query TopicArn --output text)
url=$(aws sqs create-queue --queue-name "$name" --query QueueUrl --output text)
qarn=$(aws sqs get-queue-attributes --queue-url "$url" --attribute-names QueueArn --query Attributes.QueueArn --output text)
sub=$(aws sns subscribe --topic-arn "$topic" --protocol sqs --notification-endpoint "$qarn" --attributes RawMessageDelivery=true --query SubscriptionArn --output text)
aws sns publish --topic-arn "$topic" --message fan-out >/dev/null
expect "delivered" "$(aws sqs receive-message --queue-url "$url" --wait-time-seconds 2 --query 'Messages[0].Body' --output text)" "fan-out"
expect "subscriptions" "$(aws sns list-subscriptions-by-topic --topic-arn "$topic" --query 'length(Subscriptions)' --output text)" "1"
aws sns tag-resource --resource-arn "$topic" --tags Key=team,Value=a
expect "tags" "$(aws sns list-tags-for-resource --resource-arn "$topic" --query 'Tags[0].Value' --output text)" "a"
expect_error NotFound aws sns get-topic-attributes --topic-arn "${topic}-missing"
aws sns unsubscribe --subscription-arn "$sub"
aws sns delete-topic --topic-arn "$topic"
aws sqs delete-queue --queue-url "$url"
