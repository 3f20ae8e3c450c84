package snapshots

import (
	"strings"
	"testing"

	"github.com/parity-harness/parity/transformers"
)

func doc(t *testing.T, s string) any {
	t.Helper()
	v, err := transformers.Decode([]byte(s))
	if err != nil {
		t.Fatalf("decode %s: %v", s, err)
	}
	return v
}

// pair is one (recorded, live) key of a comparison case; all pairs of a case
// share one Bindings, like the keys of a spec.
type pair struct{ rec, live string }

func TestCompare(t *testing.T) {
	tests := []struct {
		name  string
		pairs []pair
		rules Rules
		want  []string // PathDiff.String() of every diff, in order; empty = match
		divs  []string
	}{
		{
			name:  "equal documents",
			pairs: []pair{{`{"a":[1,"x",true,null],"b":{}}`, `{"a":[1,"x",true,null],"b":{}}`}},
		},
		{
			name:  "changed value, readable path",
			pairs: []pair{{`{"Attributes":{"VisibilityTimeout":"30"}}`, `{"Attributes":{"VisibilityTimeout":"60"}}`}},
			want:  []string{`$.Attributes.VisibilityTimeout: recorded "30", got "60"`},
		},
		{
			name:  "missing and unexpected members and elements",
			pairs: []pair{{`{"a":1,"l":[1,2]}`, `{"b":2,"l":[1]}`}, {`{"l":[]}`, `{"l":[{"x":1}]}`}},
			want: []string{`$.a: recorded 1, missing`, `$.b: not recorded, got 2`, `$.l[1]: recorded 2, missing`,
				`$.l[0]: not recorded, got {"x":1}`},
		},
		{
			name:  "numbers compare by value, strings do not equal numbers",
			pairs: []pair{{`{"a":1.0,"b":"1","c":1e2}`, `{"a":1,"b":1,"c":100}`}},
			want:  []string{`$.b: recorded "1", got 1`},
		},
		{
			name:  "type changes",
			pairs: []pair{{`{"a":{"x":1},"b":[1],"c":"s"}`, `{"a":[1],"b":{"x":1},"c":{"x":1}}`}},
			want:  []string{`$.a: recorded {"x":1}, got [1]`, `$.b: recorded [1], got {"x":1}`, `$.c: recorded "s", got {"x":1}`},
		},
		{
			name: "reference placeholders bind to our placeholders and raw values consistently across keys",
			pairs: []pair{
				// from sqs/test_sqs.json test_send_receive_message_multiple_queues
				{`{"MessageId":"<uuid:1>","ReceiptHandle":"<receipt-handle:1>","MD5OfBody":"098f6bcd4621d373cade4e832627b4f6"}`,
					`{"MessageId":"<uuid:4>","ReceiptHandle":"AQEB-raw-handle","MD5OfBody":"098f6bcd4621d373cade4e832627b4f6"}`},
				{`{"Messages":[{"MessageId":"<uuid:1>","ReceiptHandle":"<receipt-handle:2>"}]}`,
					`{"Messages":[{"MessageId":"<uuid:4>","ReceiptHandle":"<receipt-handle:1>"}]}`},
			},
		},
		{
			name: "a recorded placeholder bound in one key must keep its value in the next",
			pairs: []pair{
				{`{"MessageId":"<uuid:1>"}`, `{"MessageId":"<uuid:1>"}`},
				{`{"Id":"<uuid:1>"}`, `{"Id":"<uuid:2>"}`},
			},
			want: []string{`$.Id: recorded "<uuid:1>", got "<uuid:2>" (recorded <uuid:1> stands for "<uuid:1>" since $.MessageId)`},
		},
		{
			name:  "two recorded placeholders cannot stand for one live value",
			pairs: []pair{{`{"A":"<uuid:1>","B":"<uuid:2>"}`, `{"A":"same-value","B":"same-value"}`}},
			want:  []string{`$.B: recorded "<uuid:2>", got "same-value" (live "same-value" already stands for recorded <uuid:1> since $.A)`},
		},
		{
			name: "placeholders inside ARNs and URLs (sns/test_sns.json cross-region delivery)",
			pairs: []pair{
				{`{"SubscriptionArn":"arn:<partition>:sns:<region>:111111111111:<resource:2>:<resource:1>"}`,
					`{"SubscriptionArn":"arn:<partition>:sns:<region>:111111111111:parity-topic-1:<uuid:1>"}`},
				{`{"Body":{"TopicArn":"arn:<partition>:sns:<region>:111111111111:<resource:2>",
				   "UnsubscribeURL":"<unsubscribe-domain>/?Action=Unsubscribe&SubscriptionArn=arn:<partition>:sns:<region>:111111111111:<resource:2>:<resource:1>"}}`,
					`{"Body":{"TopicArn":"arn:<partition>:sns:<region>:111111111111:parity-topic-1",
				   "UnsubscribeURL":"<endpoint>/?Action=Unsubscribe&SubscriptionArn=arn:<partition>:sns:<region>:111111111111:parity-topic-1:<uuid:1>"}}`},
			},
		},
		{
			name: "an embedded placeholder bound elsewhere must agree",
			pairs: []pair{
				{`{"TopicArn":"arn:<partition>:sns:<region>:111111111111:<resource:2>"}`, `{"TopicArn":"arn:<partition>:sns:<region>:111111111111:topic-a"}`},
				{`{"Sub":"arn:<partition>:sns:<region>:111111111111:<resource:2>:<resource:1>"}`, `{"Sub":"arn:<partition>:sns:<region>:111111111111:topic-b:sub"}`},
			},
			want: []string{`$.Sub: recorded "arn:<partition>:sns:<region>:111111111111:<resource:2>:<resource:1>", got "arn:<partition>:sns:<region>:111111111111:topic-b:sub" (recorded <resource:2> stands for "topic-a" since $.TopicArn)`},
		},
		{
			name:  "literal text around placeholders must match",
			pairs: []pair{{`{"Arn":"arn:<partition>:sqs:<region>:111111111111:<resource:1>"}`, `{"Arn":"arn:<partition>:sns:<region>:111111111111:q"}`}},
			want:  []string{`$.Arn: recorded "arn:<partition>:sqs:<region>:111111111111:<resource:1>", got "arn:<partition>:sns:<region>:111111111111:q"`},
		},
		{
			name:  "a live placeholder matches recorded literal text",
			pairs: []pair{{`{"Url":"http://h/111111111111/7f7df0f5-test-queue-0","Name":"7f7df0f5-test-queue-0"}`, `{"Url":"http://h/111111111111/<resource:1>","Name":"<resource:1>"}`}},
		},
		{
			name:  "constants match any text, the account id does not",
			pairs: []pair{{`{"Signature":"<signature>","Region":"<region>","Account":"111111111111"}`, `{"Signature":"abc==","Region":"<region>","Account":"123456789012"}`}},
			want:  []string{`$.Account: recorded "111111111111", got "123456789012"`},
		},
		{
			name: "time literals of both conventions match each other and raw times",
			pairs: []pair{{`{"A":"datetime","B":"date","C":"timestamp","D":"<datetime>","E":"datetime","F":"datetime"}`,
				`{"A":"datetime","B":"datetime","C":"timestamp","D":"2024-05-01T10:11:12Z","E":"yesterday","F":"<uuid:1>"}`}},
			want: []string{`$.E: recorded "datetime", got "yesterday"`, `$.F: recorded "datetime", got "<uuid:1>"`},
		},
		{
			name:  "a placeholder may stand for a number",
			pairs: []pair{{`{"SequenceNumber":"<sequence-number:1>","Size":"<size:1>"}`, `{"SequenceNumber":18889,"Size":"18889"}`}},
			want:  []string{`$.Size: recorded "<size:1>", got "18889" (live "18889" already stands for recorded <sequence-number:1> since $.SequenceNumber)`},
		},
		{
			name:  "an empty recorded HTTPHeaders is not required",
			pairs: []pair{{`{"ResponseMetadata":{"HTTPHeaders":{},"HTTPStatusCode":200}}`, `{"ResponseMetadata":{"HTTPStatusCode":200}}`}},
		},
		{
			name:  "skip-verify paths are never compared",
			pairs: []pair{{`{"Attributes":{"Policy":{"a":1},"X":"1"},"Messages":[{"Body":"a"},{"Body":"b"}]}`, `{"Attributes":{"X":"1"},"Messages":[{"Body":"c"},{"Body":"d","Extra":1}]}`}},
			rules: Rules{Skip: []Skip{{Path: "$..Attributes.Policy"}, {Path: "$.Messages[*].Body"}}},
			want:  []string{`$.Messages[1].Extra: not recorded, got 1`},
		},
		{
			name:  "divergences of the recording's target are reported apart",
			pairs: []pair{{`{"Attributes":{"X":"1"},"Code":"A"}`, `{"Attributes":{"X":"1","SqsManagedSseEnabled":"true"},"Code":"B"}`}},
			rules: Rules{Target: TargetMoto, Divergences: []Divergence{{Target: TargetMoto, Path: "$..SqsManagedSseEnabled", Reason: "moto omits it"}}},
			want:  []string{`$.Code: recorded "A", got "B"`},
			divs:  []string{`$.Attributes.SqsManagedSseEnabled: not recorded, got "true" (known divergence of moto: moto omits it)`},
		},
		{
			name:  "divergences of another target do not apply",
			pairs: []pair{{`{"X":"1"}`, `{"X":"2"}`}},
			rules: Rules{Target: TargetAWS, Divergences: []Divergence{{Target: TargetMoto, Path: "$.X", Reason: "r"}}},
			want:  []string{`$.X: recorded "1", got "2"`},
		},
		{
			name:  "a divergent subtree reports every difference below it",
			pairs: []pair{{`{"Error":{"Code":"A","Message":"m"}}`, `{"Error":{"Code":"B","Message":"n"}}`}},
			rules: Rules{Target: TargetMoto, Divergences: []Divergence{{Target: TargetMoto, Path: "$.Error", Reason: "r"}}},
			divs:  []string{`$.Error.Code: recorded "A", got "B" (known divergence of moto: r)`, `$.Error.Message: recorded "m", got "n" (known divergence of moto: r)`},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			b := NewBindings()
			var got, divs []string
			for _, p := range tc.pairs {
				d, v, err := Compare(doc(t, p.rec), doc(t, p.live), b, tc.rules)
				if err != nil {
					t.Fatal(err)
				}
				for _, x := range d {
					got = append(got, x.String())
				}
				for _, x := range v {
					divs = append(divs, x.String())
				}
			}
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("diffs:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
			if strings.Join(divs, "\n") != strings.Join(tc.divs, "\n") {
				t.Errorf("divergences:\n%s\nwant:\n%s", strings.Join(divs, "\n"), strings.Join(tc.divs, "\n"))
			}
		})
	}
}

func TestCompareBadSelector(t *testing.T) {
	if _, _, err := Compare("a", "a", NewBindings(), Rules{Skip: []Skip{{Path: "$["}}}); err == nil {
		t.Error("a skip path that does not parse is an error")
	}
}

func TestUnifyBudget(t *testing.T) {
	// many adjacent placeholders against a long text must end, not hang
	rec := strings.Repeat("<a:1><b:1><c:1>", 5) + "x"
	live := strings.Repeat("y", 300)
	if ok, _ := NewBindings().unify(rec, live, "$"); ok {
		t.Error("unify matched a text without the trailing literal")
	}
	// pathological patterns against a long text end quickly, both ways round
	long := strings.Repeat("b", 20000)
	for _, rec := range []string{strings.Repeat("<a>", 30) + "x", strings.Repeat("<a:1>", 30) + "x", strings.Repeat("<a:1>b", 30) + "x", "<a:1>" + strings.Repeat("<b:1>", 30)} {
		NewBindings().unify(rec, long, "$")
		NewBindings().unify(long, rec, "$")
	}
	// a bound placeholder repeated matches its repetitions
	if ok, note := NewBindings().unify(strings.Repeat("<a:1>-", 50), strings.Repeat("xyz-", 50), "$"); !ok {
		t.Errorf("repeated binding did not match: %s", note)
	}
}

func FuzzCompareStrings(f *testing.F) {
	f.Add("arn:<partition>:sns:<region>:111111111111:<resource:2>:<resource:1>", "arn:<partition>:sns:<region>:111111111111:t:<uuid:1>")
	f.Add("<uuid:1><uuid:2>", "abc")
	f.Add("datetime", "2024-01-01T00:00:00Z")
	f.Fuzz(func(t *testing.T, rec, live string) {
		Compare(map[string]any{"a": rec, "b": live}, map[string]any{"a": live, "b": rec}, NewBindings(), Rules{})
		// a string always matches itself
		if d, _, _ := Compare(rec, rec, NewBindings(), Rules{}); len(d) != 0 && len(rec) < 200 {
			t.Fatalf("%q does not match itself: %v", rec, d)
		}
	})
}
