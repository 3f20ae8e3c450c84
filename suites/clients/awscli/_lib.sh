# Helpers shared by the AWS CLI scripts: every call goes to the emulator at
# $AWS_ENDPOINT_URL; expect compares a value with what the script wants.
aws() { command aws --endpoint-url "$AWS_ENDPOINT_URL" --region "${AWS_DEFAULT_REGION:-us-east-1}" "$@"; }
expect() { # expect WHAT GOT WANT
  if [[ "$2" != "$3" ]]; then echo "FAIL $1: got '$2', want '$3'" >&2; exit 1; fi
  echo "ok   $1"
}
expect_error() { # expect_error CODE command...
  local code=$1; shift
  local out
  if out=$("$@" 2>&1); then echo "FAIL $*: succeeded, want $code" >&2; exit 1; fi
  if [[ "$out" != *"($code)"* ]]; then echo "FAIL $*: want $code, got: $out" >&2; exit 1; fi
  echo "ok   $code from $1 $2"
}
name="cli-$RANDOM$RANDOM"
