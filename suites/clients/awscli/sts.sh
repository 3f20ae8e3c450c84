# STS with the AWS CLI: identity, role assumption, tokens.
source "$(dirname "$0")/_lib.sh"
expect "caller account" "$(aws sts get-caller-identity --query Account --output text)" "000000000000"
expect "caller arn" "$(aws sts get-caller-identity --query Arn --output text)" "arn:aws:iam::000000000000:root"
trust='{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"000000000000"},"Action":"sts:AssumeRole"}]}'
arn=$(aws iam create-role --role-name "$name" --assume-role-policy-document "$trust" --query Role.Arn --output text)
read -r key secret token < <(aws sts assume-role --role-arn "$arn" --role-session-name cli --query 'Credentials.[AccessKeyId,SecretAccessKey,SessionToken]' --output text)
expect "assumed key prefix" "${key:0:4}" "ASIA"
who=$(AWS_ACCESS_KEY_ID=$key AWS_SECRET_ACCESS_KEY=$secret AWS_SESSION_TOKEN=$token aws sts get-caller-identity --query Arn --output text)
expect "assumed identity" "$who" "arn:aws:sts::000000000000:assumed-role/$name/cli"
expect "key account" "$(aws sts get-access-key-info --access-key-id "$key" --query Account --output text)" "000000000000"
expect_error ValidationError aws sts assume-role --role-arn "$arn" --role-session-name cli --duration-seconds 7200
expect "session token" "$(aws sts get-session-token --query 'length(Credentials.AccessKeyId)' --output text)" "20"
expect "federated user" "$(aws sts get-federation-token --name fed --query FederatedUser.Arn --output text)" "arn:aws:sts::000000000000:federated-user/fed"
aws iam delete-role --role-name "$name"
