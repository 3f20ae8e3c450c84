# IAM with the AWS CLI: roles, policies with versions, users, keys, groups,
# instance profiles.
source "$(dirname "$0")/_lib.sh"
trust='{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}'
doc='{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}'
aws iam create-role --role-name "$name" --path /cli/ --assume-role-policy-document "$trust" >/dev/null
expect "role trust policy" "$(aws iam get-role --role-name "$name" --query 'Role.AssumeRolePolicyDocument.Statement[0].Principal.Service' --output text)" "ec2.amazonaws.com"
policy=$(aws iam create-policy --policy-name "$name" --policy-document "$doc" --query Policy.Arn --output text)
aws iam create-policy-version --policy-arn "$policy" --policy-document "$doc" --set-as-default >/dev/null
expect "default version" "$(aws iam get-policy --policy-arn "$policy" --query Policy.DefaultVersionId --output text)" "v2"
aws iam attach-role-policy --role-name "$name" --policy-arn "$policy"
aws iam put-role-policy --role-name "$name" --policy-name inline --policy-document "$doc"
expect "inline policy" "$(aws iam get-role-policy --role-name "$name" --policy-name inline --query 'PolicyDocument.Statement[0].Action' --output text)" "s3:GetObject"
expect "attached" "$(aws iam list-attached-role-policies --role-name "$name" --query 'AttachedPolicies[0].PolicyName' --output text)" "$name"
expect_error DeleteConflict aws iam delete-role --role-name "$name"
expect_error MalformedPolicyDocument aws iam create-policy --policy-name "$name-bad" --policy-document '{"Version":"2012-10-17"'
aws iam create-instance-profile --instance-profile-name "$name" >/dev/null
aws iam add-role-to-instance-profile --instance-profile-name "$name" --role-name "$name"
expect "profile role" "$(aws iam get-instance-profile --instance-profile-name "$name" --query 'InstanceProfile.Roles[0].RoleName' --output text)" "$name"
aws iam create-user --user-name "$name" >/dev/null
aws iam create-group --group-name "$name" >/dev/null
aws iam add-user-to-group --group-name "$name" --user-name "$name"
key=$(aws iam create-access-key --user-name "$name" --query AccessKey.AccessKeyId --output text)
expect "user keys" "$(aws iam list-access-keys --user-name "$name" --query 'length(AccessKeyMetadata)' --output text)" "1"
expect "entities" "$(aws iam list-entities-for-policy --policy-arn "$policy" --query 'PolicyRoles[0].RoleName' --output text)" "$name"
aws iam delete-access-key --user-name "$name" --access-key-id "$key"
aws iam remove-user-from-group --group-name "$name" --user-name "$name"
aws iam delete-group --group-name "$name"
aws iam delete-user --user-name "$name"
aws iam remove-role-from-instance-profile --instance-profile-name "$name" --role-name "$name"
aws iam delete-instance-profile --instance-profile-name "$name"
aws iam delete-role-policy --role-name "$name" --policy-name inline
aws iam detach-role-policy --role-name "$name" --policy-arn "$policy"
aws iam delete-policy-version --policy-arn "$policy" --version-id v1
aws iam delete-policy --policy-arn "$policy"
aws iam delete-role --role-name "$name"
expect_error NoSuchEntity aws iam get-role --role-name "$name"
