# S3 with the AWS CLI: buckets, objects, versioning, high-level copy.
source "$(dirname "$0")/_lib.sh"
export AWS_S3_ADDRESSING_STYLE=path
bucket="$name"
aws s3api create-bucket --bucket "$bucket" >/dev/null
aws s3api put-bucket-versioning --bucket "$bucket" --versioning-configuration Status=Enabled
expect "versioning" "$(aws s3api get-bucket-versioning --bucket "$bucket" --query Status --output text)" "Enabled"
tmp=$(mktemp -d)
echo "hello parity" > "$tmp/a.txt"
aws s3 cp "$tmp/a.txt" "s3://$bucket/dir/a.txt" >/dev/null
aws s3 cp "s3://$bucket/dir/a.txt" "$tmp/b.txt" >/dev/null
expect "round trip" "$(cat "$tmp/b.txt")" "hello parity"
expect "listing" "$(aws s3api list-objects-v2 --bucket "$bucket" --query 'Contents[0].Key' --output text)" "dir/a.txt"
expect "head" "$(aws s3api head-object --bucket "$bucket" --key dir/a.txt --query ContentLength --output text)" "13"
expect_error 404 aws s3api head-object --bucket "$bucket" --key missing
aws s3 rm "s3://$bucket/dir/a.txt" >/dev/null
for v in $(aws s3api list-object-versions --bucket "$bucket" --query '[Versions[].VersionId, DeleteMarkers[].VersionId][]' --output text); do
  aws s3api delete-object --bucket "$bucket" --key dir/a.txt --version-id "$v" >/dev/null
done
aws s3api delete-bucket --bucket "$bucket"
rm -rf "$tmp"
