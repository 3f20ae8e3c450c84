package transformers

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
)

func mustDecode(t *testing.T, s string) any {
	t.Helper()
	v, err := Decode([]byte(s))
	if err != nil {
		t.Fatalf("decode %s: %v", s, err)
	}
	return v
}

func render(v any) string {
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(v)
	return strings.TrimSpace(b.String())
}

type transformCase struct {
	name string
	env  Env
	ts   []Transformer
	in   string
	want string
}

func runTransformCases(t *testing.T, cases []transformCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := Apply(mustDecode(t, tc.in), NewContext(tc.env), tc.ts...)
			want := mustDecode(t, tc.want)
			if !reflect.DeepEqual(got, want) {
				t.Errorf("got  %s\nwant %s", render(got), render(want))
			}
		})
	}
}

func TestBasicTransformers(t *testing.T) {
	runTransformCases(t, []transformCase{
		{
			name: "Key numbers distinct values in first-seen (sorted member) order and rewrites them everywhere",
			ts:   []Transformer{Key("ReceiptHandle", "")},
			in: `{"Messages":[{"ReceiptHandle":"rh-aaaa","Body":"x"},{"ReceiptHandle":"rh-bbbb"},{"ReceiptHandle":"rh-aaaa"}],
			      "Note":"deleted rh-bbbb and rh-aaaa"}`,
			want: `{"Messages":[{"ReceiptHandle":"<receipt-handle:1>","Body":"x"},{"ReceiptHandle":"<receipt-handle:2>"},{"ReceiptHandle":"<receipt-handle:1>"}],
			      "Note":"deleted <receipt-handle:2> and <receipt-handle:1>"}`,
		},
		{
			name: "Key replaces numbers and keeps objects, booleans, null",
			ts:   []Transformer{Key("Id", "id")},
			in:   `{"a":{"Id":12345},"b":{"Id":{"x":1}},"c":{"Id":true},"d":{"Id":null}}`,
			want: `{"a":{"Id":"<id:1>"},"b":{"Id":{"x":1}},"c":{"Id":true},"d":{"Id":null}}`,
		},
		{
			name: "KeyValue writes a fixed literal",
			ts:   []Transformer{KeyValue("Signature", "<signature>")},
			in:   `{"Body":{"Signature":"abc=="},"Other":"abc=="}`,
			want: `{"Body":{"Signature":"<signature>"},"Other":"abc=="}`,
		},
		{
			name: "Path references only the selected values",
			ts:   []Transformer{Path("$.Messages[*].MessageId", "message-id")},
			in:   `{"Messages":[{"MessageId":"m-1111"},{"MessageId":"m-2222"}],"MessageId":"m-3333","Echo":"m-2222"}`,
			want: `{"Messages":[{"MessageId":"<message-id:1>"},{"MessageId":"<message-id:2>"}],"MessageId":"m-3333","Echo":"<message-id:2>"}`,
		},
		{
			name: "PathValue with recursive descent",
			ts:   []Transformer{PathValue("$..Owner.ID", "<owner-id>")},
			in:   `{"Owner":{"ID":"o1"},"Grants":[{"Grantee":{"ID":"g"},"Owner":{"ID":"o2"}}]}`,
			want: `{"Owner":{"ID":"<owner-id>"},"Grants":[{"Grantee":{"ID":"g"},"Owner":{"ID":"<owner-id>"}}]}`,
		},
		{
			name: "Path on the root",
			ts:   []Transformer{Path("$", "token")},
			in:   `"tok-123"`,
			want: `"<token:1>"`,
		},
		{
			name: "Regex with groups, in values and member names",
			ts:   []Transformer{Regex(`q-([0-9]+)`, "queue-$1")},
			in:   `{"q-1":"url/q-22","list":["q-3"]}`,
			want: `{"queue-1":"url/queue-22","list":["queue-3"]}`,
		},
		{
			name: "RegexReference with a capture group",
			ts:   []Transformer{RegexReference("bucket", `s3://([a-z0-9-]+)/`)},
			in:   `{"A":"s3://bkt-one/key","B":"bkt-one and s3://bkt-two/x"}`,
			want: `{"A":"s3://<bucket:1>/key","B":"<bucket:1> and s3://<bucket:2>/x"}`,
		},
		{
			name: "Reference registers known values in the order given",
			ts:   []Transformer{Reference("name", "parity-q-b7", "parity-topic-9x")},
			in:   `{"Arn":"arn:aws:sns:r:1:parity-topic-9x","Url":"http://h/1/parity-q-b7","parity-q-b7":1}`,
			want: `{"Arn":"arn:aws:sns:r:1:<name:2>","Url":"http://h/1/<name:1>","<name:1>":1}`,
		},
		{
			name: "longer references win over the shorter ones they contain",
			ts:   []Transformer{Reference("url", "http://h/1/queue", "queue")},
			in:   `{"A":"http://h/1/queue","B":"queue","C":"<queue:1>"}`,
			want: `{"A":"<url:1>","B":"<url:2>","C":"<queue:1>"}`,
		},
		{
			name: "a reference registered earlier is replaced inside later values",
			ts:   []Transformer{Reference("name", "queue"), Reference("url", "http://h/1/queue")},
			in:   `{"A":"http://h/1/queue","B":"queue"}`,
			want: `{"A":"http://h/1/<name:1>","B":"<name:1>"}`,
		},
		{
			name: "values shorter than four bytes are replaced in place only",
			ts:   []Transformer{Key("Id", "id")},
			in:   `{"Id":"7","Count":"7","Text":"17"}`,
			want: `{"Id":"<id:1>","Count":"7","Text":"17"}`,
		},
		{
			name: "placeholders are not registered again",
			ts:   []Transformer{Key("Id", "id")},
			in:   `{"Id":"<uuid:3>"}`,
			want: `{"Id":"<uuid:3>"}`,
		},
		{
			name: "JSON objects in member values are parsed one level deep",
			in:   `{"Body":"{\"Message\":\"{\\\"a\\\":1}\",\"n\":1.50}","Text":"{not json","List":["{\"a\":1}"]}`,
			want: `{"Body":{"Message":"{\"a\":1}","n":1.50},"Text":"{not json","List":["{\"a\":1}"]}`,
		},
	})
}

func TestContextAcrossKeys(t *testing.T) {
	ctx := NewContext(Env{})
	ts := []Transformer{Key("QueueUrl", "queue-url")}
	first := Apply(mustDecode(t, `{"QueueUrl":"http://h/1/q-one"}`), ctx, ts...)
	second := Apply(mustDecode(t, `{"QueueUrl":"http://h/1/q-two","Urls":["http://h/1/q-one"]}`), ctx, ts...)
	third := Apply(mustDecode(t, `{"Message":"sent to http://h/1/q-two"}`), ctx, ts...)
	for _, c := range []struct{ got, want string }{
		{render(first), `{"QueueUrl":"<queue-url:1>"}`},
		{render(second), `{"QueueUrl":"<queue-url:2>","Urls":["<queue-url:1>"]}`},
		{render(third), `{"Message":"sent to <queue-url:2>"}`},
	} {
		if c.got != c.want {
			t.Errorf("got %s, want %s", c.got, c.want)
		}
	}
	refs := ctx.References()
	if len(refs) != 2 || refs[0].Value != "http://h/1/q-one" || refs[1].Placeholder != "<queue-url:2>" {
		t.Errorf("References() = %+v", refs)
	}
	// a value keeps its first placeholder whatever kind asks again
	if p := ctx.Reference("other", "http://h/1/q-one"); p != "<queue-url:1>" {
		t.Errorf("Reference of a known value = %s, want <queue-url:1>", p)
	}
	if p := ctx.Reference("other", "x-new-value"); p != "<other:1>" {
		t.Errorf("Reference of a new kind = %s, want <other:1>", p)
	}
}

func TestDefaults(t *testing.T) {
	env := Env{Account: "123456789012", Region: "us-east-1", Endpoint: "http://127.0.0.1:5000"}
	runTransformCases(t, []transformCase{
		{
			name: "ResponseMetadata keeps the status code and headers",
			ts:   []Transformer{ResponseMetadata()},
			in:   `{"ResponseMetadata":{"RequestId":"r","HTTPStatusCode":200,"RetryAttempts":0,"HTTPHeaders":{}}}`,
			want: `{"ResponseMetadata":{"HTTPStatusCode":200,"HTTPHeaders":{}}}`,
		},
		{
			name: "request ids",
			ts:   []Transformer{RequestIDs()},
			in:   `{"RequestId":"req-abcd","x":{"requestId":"req-efgh","x-amz-request-id":"req-abcd"}}`,
			want: `{"RequestId":"<request-id:1>","x":{"requestId":"<request-id:2>","x-amz-request-id":"<request-id:1>"}}`,
		},
		{
			name: "timestamps",
			ts:   []Transformer{Timestamps()},
			in: `{"CreateDate":"2024-05-01T10:11:12Z","LastModified":"2024-05-01T10:11:12.345+02:00",
			      "Date":"Wed, 01 May 2024 10:11:12 GMT","Day":"2024-05-01",
			      "Attributes":{"SentTimestamp":"1714558272123","CreatedTimestamp":1714558272,"DelaySeconds":"1714558272"},
			      "ApproximateArrivalTimestamp":1714558272.5,"Text":"at 2024-05-01T10:11:12Z"}`,
			want: `{"CreateDate":"datetime","LastModified":"datetime","Date":"datetime","Day":"2024-05-01",
			      "Attributes":{"SentTimestamp":"timestamp","CreatedTimestamp":"timestamp","DelaySeconds":"1714558272"},
			      "ApproximateArrivalTimestamp":"timestamp","Text":"at 2024-05-01T10:11:12Z"}`,
		},
		{
			name: "ARN resource names become resources everywhere",
			ts:   []Transformer{ARNResources()},
			in: `{"QueueArn":"arn:aws:sqs:us-east-1:123456789012:parity-q-x1","QueueUrl":"http://localhost:5000/123456789012/parity-q-x1",
			      "Role":"arn:aws:iam::123456789012:role/path/my-role","Bucket":"arn:aws:s3:::my-bucket","Any":"arn:aws:iam::aws:policy/*"}`,
			want: `{"QueueArn":"arn:aws:sqs:us-east-1:123456789012:<resource:2>","QueueUrl":"http://localhost:5000/123456789012/<resource:2>",
			      "Role":"arn:aws:iam::123456789012:role/path/<resource:3>","Bucket":"arn:aws:s3:::<resource:1>","Any":"arn:aws:iam::aws:policy/*"}`,
		},
		{
			name: "UUIDs anywhere",
			ts:   []Transformer{UUIDs()},
			in:   `{"MessageId":"0f8fad5b-d9cb-469f-a165-70867728950e","Text":"id 7c9e6679-7425-40de-944b-e07fc1f90ae7 then 0f8fad5b-d9cb-469f-a165-70867728950e"}`,
			want: `{"MessageId":"<uuid:1>","Text":"id <uuid:2> then <uuid:1>"}`,
		},
		{
			name: "account, region, partition",
			env:  env,
			ts:   []Transformer{Account(), Region(), Partition()},
			in:   `{"Arn":"arn:aws:sqs:us-east-1:123456789012:q","Cn":"x arn:aws-cn:s3:::b","123456789012":"us-east-1a","Doc":"http://s3.amazonaws.com/doc/"}`,
			want: `{"Arn":"arn:<partition>:sqs:<region>:111111111111:q","Cn":"x arn:<partition>:s3:::b","111111111111":"<region>a","Doc":"http://s3.amazonaws.com/doc/"}`,
		},
		{
			name: "endpoints of the target and of AWS or LocalStack regions",
			env:  env,
			ts:   []Transformer{Endpoints()},
			in: `{"A":"http://127.0.0.1:5000/1/q","B":"http://localhost:5000/1/q","C":"https://sqs.us-east-1.amazonaws.com/1/q",
			      "D":"http://sqs.<region>.localhost.localstack.cloud:4566/1/q","E":"http://localhost:50001/x","F":"http://acs.amazonaws.com/groups/global/AllUsers",
			      "G":"http://127.0.0.1:5000.evil/x","H":"see http://127.0.0.1:5000"}`,
			want: `{"A":"<endpoint>/1/q","B":"<endpoint>/1/q","C":"<endpoint>/1/q",
			      "D":"<endpoint>/1/q","E":"http://localhost:50001/x","F":"http://acs.amazonaws.com/groups/global/AllUsers",
			      "G":"http://127.0.0.1:5000.evil/x","H":"see <endpoint>"}`,
		},
		{
			name: "the full default pipeline on a moto queue",
			env:  env,
			ts:   Standard("sqs"),
			in: `{"Attributes":{"QueueArn":"arn:aws:sqs:us-east-1:123456789012:parity-q-7f","CreatedTimestamp":"1714558272","VisibilityTimeout":"30",
			      "Policy":"{\"Statement\":[{\"Resource\":\"arn:aws:sqs:us-east-1:123456789012:parity-q-7f\"}]}"},
			      "ResponseMetadata":{"HTTPStatusCode":200,"RequestId":"abc"}}`,
			want: `{"Attributes":{"QueueArn":"arn:<partition>:sqs:<region>:111111111111:<resource:1>","CreatedTimestamp":"timestamp","VisibilityTimeout":"30",
			      "Policy":{"Statement":[{"Resource":"arn:<partition>:sqs:<region>:111111111111:<resource:1>"}]}},
			      "ResponseMetadata":{"HTTPStatusCode":200}}`,
		},
		{
			name: "sqs preset: queue URL names, receipt handles, message ids",
			env:  env,
			ts:   Standard("sqs"),
			in: `{"QueueUrl":"http://127.0.0.1:5000/123456789012/parity-q-7f",
			      "Messages":[{"MessageId":"0f8fad5b-d9cb-469f-a165-70867728950e","ReceiptHandle":"AQEBzbVv+long==","MD5OfBody":"098f6bcd4621d373cade4e832627b4f6",
			      "Attributes":{"SenderId":"123456789012"}}]}`,
			want: `{"QueueUrl":"<endpoint>/111111111111/<resource:1>",
			      "Messages":[{"MessageId":"<uuid:1>","ReceiptHandle":"<receipt-handle:1>","MD5OfBody":"098f6bcd4621d373cade4e832627b4f6",
			      "Attributes":{"SenderId":"111111111111"}}]}`,
		},
		{
			name: "own transformers win over the defaults",
			ts:   Standard("sqs", Key("MessageId", "message-id")),
			in:   `{"MessageId":"0f8fad5b-d9cb-469f-a165-70867728950e"}`,
			want: `{"MessageId":"<message-id:1>"}`,
		},
		{
			name: "sts preset",
			env:  env,
			ts:   Standard("sts"),
			in: `{"Credentials":{"AccessKeyId":"ASIAEXAMPLE1","SecretAccessKey":"secretsecret","SessionToken":"tokentoken","Expiration":"2024-05-01T10:11:12Z"},
			      "AssumedRoleUser":{"AssumedRoleId":"AROAEXAMPLE:sess","Arn":"arn:aws:sts::123456789012:assumed-role/r1/sess"}}`,
			want: `{"Credentials":{"AccessKeyId":"<access-key-id:1>","SecretAccessKey":"<secret-access-key:1>","SessionToken":"<session-token:1>","Expiration":"datetime"},
			      "AssumedRoleUser":{"AssumedRoleId":"<role-id:1>:<resource:1>","Arn":"arn:<partition>:sts::111111111111:assumed-role/r1/<resource:1>"}}`,
		},
		{
			name: "an assumed role id names the role's id",
			ts:   Standard("iam"),
			in:   `{"Role":{"RoleId":"AROAEXAMPLE"},"AssumedRoleUser":{"AssumedRoleId":"AROAEXAMPLE:fixed-session"}}`,
			want: `{"Role":{"RoleId":"<role-id:1>"},"AssumedRoleUser":{"AssumedRoleId":"<role-id:1>:fixed-session"}}`,
		},
		{
			name: "an assumed role id without a session part",
			ts:   Standard("sts"),
			in:   `{"AssumedRoleUser":{"AssumedRoleId":"AROAEXAMPLE"}}`,
			want: `{"AssumedRoleUser":{"AssumedRoleId":"<assumed-role-id:1>"}}`,
		},
	})
}

func TestSplitPlaceholders(t *testing.T) {
	got := SplitPlaceholders("arn:<partition>:sqs:<region>:111111111111:<resource:12>x")
	want := []Segment{
		{Text: "arn:"}, {Text: "<partition>", Kind: "partition"}, {Text: ":sqs:"}, {Text: "<region>", Kind: "region"},
		{Text: ":111111111111:"}, {Text: "<resource:12>", Kind: "resource", Number: 12}, {Text: "x"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("SplitPlaceholders = %+v", got)
	}
	for s, want := range map[string]bool{"<uuid:1>": true, "<region>": true, "<uuid:1>x": false, "< a >": false, "": false, "<m-d5-of-body:3>": true} {
		if IsPlaceholder(s) != want {
			t.Errorf("IsPlaceholder(%q) = %v", s, !want)
		}
	}
}

func TestKebab(t *testing.T) {
	for in, want := range map[string]string{
		"ReceiptHandle": "receipt-handle", "MD5OfBody": "m-d5-of-body", "EventID": "event-i-d", "x": "x", "AWSAccessKeyId": "a-w-s-access-key-id",
	} {
		if got := Kebab(in); got != want {
			t.Errorf("Kebab(%q) = %q, want %q", in, got, want)
		}
	}
}

func FuzzApplyDefaults(f *testing.F) {
	for _, s := range []string{`{"a":"arn:aws:sqs:us-east-1:1:q"}`, `{"Body":"{\"x\":[1,2]}"}`, `["<uuid:1>", 1, null]`, `"x"`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		doc, err := Decode([]byte(s))
		if err != nil {
			return
		}
		out := Apply(doc, NewContext(Env{Account: "123456789012", Region: "us-east-1", Endpoint: "http://localhost:4566"}), Standard("sqs")...)
		if _, err := json.Marshal(out); err != nil {
			t.Fatalf("transformed document does not encode: %v", err)
		}
	})
}

func TestApplyIsDeterministic(t *testing.T) {
	raw := `{"b":{"Id":"11111111-2222-4333-8444-555555555555","x":"arn:aws:sqs:us-east-1:123456789012:qb"},
	         "a":[{"Id":"21111111-2222-4333-8444-555555555555"},{"z":"31111111-2222-4333-8444-555555555555","y":"arn:aws:sns:us-east-1:123456789012:ta"}],
	         "c":{"k1":"41111111-2222-4333-8444-555555555555","k2":"51111111-2222-4333-8444-555555555555","k3":"61111111-2222-4333-8444-555555555555"}}`
	env := Env{Account: "123456789012", Region: "us-east-1"}
	first := render(Apply(mustDecode(t, raw), NewContext(env), Standard("sqs")...))
	for i := 0; i < 50; i++ {
		if got := render(Apply(mustDecode(t, raw), NewContext(env), Standard("sqs")...)); got != first {
			t.Fatalf("run %d differs:\n%s\n%s", i, first, got)
		}
	}
}
