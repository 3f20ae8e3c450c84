# DynamoDB with the AWS CLI: a table, items, a query, a conditional write.
source "$(dirname "$0")/_lib.sh"
aws dynamodb create-table --table-name "$name" --attribute-definitions AttributeName=pk,AttributeType=S AttributeName=sk,AttributeType=S \
  --key-schema AttributeName=pk,KeyType=HASH AttributeName=sk,KeyType=RANGE --billing-mode PAY_PER_REQUEST >/dev/null
aws dynamodb wait table-exists --table-name "$name"
aws dynamodb put-item --table-name "$name" --item '{"pk":{"S":"a"},"sk":{"S":"1"},"n":{"N":"5"}}'
aws dynamodb put-item --table-name "$name" --item '{"pk":{"S":"a"},"sk":{"S":"2"},"n":{"N":"7"}}'
expect "get" "$(aws dynamodb get-item --table-name "$name" --key '{"pk":{"S":"a"},"sk":{"S":"2"}}' --query Item.n.N --output text)" "7"
expect "query" "$(aws dynamodb query --table-name "$name" --key-condition-expression 'pk = :p' --expression-attribute-values '{":p":{"S":"a"}}' --query Count --output text)" "2"
aws dynamodb update-item --table-name "$name" --key '{"pk":{"S":"a"},"sk":{"S":"1"}}' --update-expression 'SET n = n + :one' --expression-attribute-values '{":one":{"N":"1"}}'
expect "updated" "$(aws dynamodb get-item --table-name "$name" --key '{"pk":{"S":"a"},"sk":{"S":"1"}}' --query Item.n.N --output text)" "6"
expect_error ConditionalCheckFailedException aws dynamodb put-item --table-name "$name" --item '{"pk":{"S":"a"},"sk":{"S":"1"}}' --condition-expression 'attribute_not_exists(pk)'
aws dynamodb delete-table --table-name "$name" >/dev/null
