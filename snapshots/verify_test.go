package snapshots

import (
	"encoding/json"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/parity-harness/parity/transformers"
)

func TestVerifyStates(t *testing.T) {
	recorded := &Spec{RecordedContent: map[string]any{
		"create": doc(t, `{"QueueUrl":"<endpoint>/111111111111/<resource:1>"}`),
		"attrs":  doc(t, `{"Attributes":{"QueueArn":"arn:<partition>:sqs:<region>:111111111111:<resource:1>","VisibilityTimeout":"30"}}`),
		"gone":   doc(t, `{"x":1}`),
	}, Provenance: &Provenance{Target: TargetMoto}}
	live := map[string]any{
		"create": doc(t, `{"QueueUrl":"<endpoint>/111111111111/<resource:1>"}`),
		"attrs":  doc(t, `{"Attributes":{"QueueArn":"arn:<partition>:sqs:<region>:111111111111:<resource:1>","VisibilityTimeout":"60"}}`),
		"new":    doc(t, `{"y":2}`),
	}
	res, err := Verify(recorded, live, Rules{})
	if err != nil {
		t.Fatal(err)
	}
	states := map[string]string{}
	for _, k := range res.Keys {
		states[k.Key] = k.State
	}
	want := map[string]string{"attrs": StateMismatched, "create": StateMatched, "gone": StateObsolete, "new": StateMissing}
	if !reflect.DeepEqual(states, want) {
		t.Errorf("states = %v, want %v", states, want)
	}
	if res.OK() {
		t.Error("a mismatched spec is not OK")
	}
	if got := res.Obsolete(); !reflect.DeepEqual(got, []string{"gone"}) {
		t.Errorf("Obsolete = %v", got)
	}
	report := res.Report("spec-1")
	for _, want := range []string{
		`snapshot mismatch: spec "spec-1", key "attrs":`,
		`$.Attributes.VisibilityTimeout: recorded "30", got "60"`,
		`-     "VisibilityTimeout": "30"`,
		`+     "VisibilityTimeout": "60"`,
		`snapshot missing: spec "spec-1", key "new"`,
		`obsolete snapshot key: spec "spec-1", key "gone"`,
	} {
		if !strings.Contains(report, want) {
			t.Errorf("report lacks %q:\n%s", want, report)
		}
	}
}

func TestVerifyTargetFromProvenance(t *testing.T) {
	rules := Rules{Divergences: []Divergence{{Target: TargetMoto, Path: "$.X", Reason: "moto differs"}}}
	for _, tc := range []struct {
		prov *Provenance
		ok   bool
	}{
		{&Provenance{Target: TargetMoto}, true},
		{&Provenance{Target: TargetEmulator}, false},
		{nil, false}, // the reference recordings: AWS
	} {
		res, err := Verify(&Spec{RecordedContent: map[string]any{"k": doc(t, `{"X":1}`)}, Provenance: tc.prov}, map[string]any{"k": doc(t, `{"X":2}`)}, rules)
		if err != nil {
			t.Fatal(err)
		}
		if res.OK() != tc.ok {
			t.Errorf("provenance %+v: OK = %v, want %v", tc.prov, res.OK(), tc.ok)
		}
		if tc.ok && (len(res.Keys[0].Divergences) != 1 || !strings.Contains(res.Report("s"), "divergence: spec \"s\", key \"k\": $.X")) {
			t.Errorf("the divergence is not reported: %+v", res)
		}
	}
}

func TestVerifyNilSpec(t *testing.T) {
	res, err := Verify(nil, map[string]any{"k": "v"}, Rules{})
	if err != nil || res.OK() || res.Keys[0].State != StateMissing {
		t.Errorf("Verify(nil) = %+v, %v", res, err)
	}
	if _, err := Verify(nil, nil, Rules{Skip: []Skip{{Path: "[x"}}}); err == nil {
		t.Error("a bad skip path is an error")
	}
}

func TestTextDiff(t *testing.T) {
	if d := TextDiff(doc(t, `{"a":1}`), doc(t, `{"a":1}`)); d != "" {
		t.Errorf("equal documents diff: %q", d)
	}
	got := TextDiff(doc(t, `{"a":1,"b":"x","c":3}`), doc(t, `{"a":1,"b":"y","c":3}`))
	want := "  {\n    \"a\": 1,\n-   \"b\": \"x\",\n+   \"b\": \"y\",\n    \"c\": 3\n  }\n"
	if got != want {
		t.Errorf("TextDiff =\n%s\nwant\n%s", got, want)
	}
}

// TestVerifyAgainstReference transforms a response shaped like moto's with
// the standard pipeline and verifies it against a real AWS recording.
func TestVerifyAgainstReference(t *testing.T) {
	file, err := ReadFile(referenceDir + "/sqs/test_sqs.json")
	if err != nil || len(file) == 0 {
		t.Skip("no reference recordings on this machine")
	}
	ref := file["tests/aws/services/sqs/test_sqs.py::TestSqsProvider::test_create_and_update_queue_attributes[sqs]"]
	if ref == nil {
		t.Fatal("reference spec not found")
	}
	attrs := func(delay, size, vis string) string {
		return `{"Attributes":{"ApproximateNumberOfMessages":"0","ApproximateNumberOfMessagesDelayed":"0","ApproximateNumberOfMessagesNotVisible":"0",
		  "CreatedTimestamp":"1714558272","DelaySeconds":"` + delay + `","LastModifiedTimestamp":"1714558273","MaximumMessageSize":"` + size + `",
		  "MessageRetentionPeriod":"604800","QueueArn":"arn:aws:sqs:us-east-1:123456789012:parity-q-81f2","ReceiveMessageWaitTimeSeconds":"10",
		  "SqsManagedSseEnabled":"true","VisibilityTimeout":"` + vis + `"},
		  "ResponseMetadata":{"HTTPStatusCode":200,"RequestId":"5b1c6c1e-0000-4000-8000-000000000000"}}`
	}
	raw := map[string]any{
		"get_queue_attributes":         doc(t, attrs("0", "1048576", "20")),
		"get_updated_queue_attributes": doc(t, attrs("420", "2048", "69")),
	}
	ctx := transformers.NewContext(transformers.Env{Account: "123456789012", Region: "us-east-1", Endpoint: "http://127.0.0.1:5000"})
	live := map[string]any{}
	for _, k := range []string{"get_queue_attributes", "get_updated_queue_attributes"} {
		live[k] = transformers.Apply(raw[k], ctx, transformers.Standard("sqs")...)
	}
	res, err := Verify(ref, live, Rules{})
	if err != nil {
		t.Fatal(err)
	}
	if !res.OK() {
		t.Fatalf("transformed response does not verify against AWS:\n%s", res.Report("ref"))
	}

	// a wrong value is caught, with its path
	live["get_updated_queue_attributes"].(map[string]any)["Attributes"].(map[string]any)["VisibilityTimeout"] = "70"
	res, _ = Verify(ref, live, Rules{})
	if res.OK() || !strings.Contains(res.Report("ref"), `$.Attributes.VisibilityTimeout: recorded "69", got "70"`) {
		t.Errorf("a changed value was not reported:\n%s", res.Report("ref"))
	}
}

func TestTextDiffContext(t *testing.T) {
	rec := map[string]any{}
	live := map[string]any{}
	for _, k := range []string{"a", "b", "c", "d", "e", "f", "g", "h", "i", "j"} {
		rec[k], live[k] = "same", "same"
	}
	live["e"] = "changed"
	got := TextDiff(rec, live)
	want := "  ...\n    \"b\": \"same\",\n    \"c\": \"same\",\n    \"d\": \"same\",\n-   \"e\": \"same\",\n+   \"e\": \"changed\",\n    \"f\": \"same\",\n    \"g\": \"same\",\n    \"h\": \"same\",\n  ...\n"
	if got != want {
		t.Errorf("TextDiff =\n%s\nwant\n%s", got, want)
	}
}

// TestReferenceRecordingsVerifyAgainstThemselves runs every AWS reference
// spec through Verify against a copy of itself with every numbered
// placeholder renamed: placeholders bind whatever their names, so every key
// must match.
func TestReferenceRecordingsVerifyAgainstThemselves(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(referenceDir, "*", "*.json"))
	if len(files) == 0 {
		t.Skip("no reference recordings on this machine")
	}
	keys := 0
	for _, path := range files {
		if filepath.Base(path) == "manifest.json" {
			continue
		}
		f, err := ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		for _, id := range f.SpecIDs() {
			// renamed placeholders: binding ignores their names
			live := renamePlaceholders(transformers.Clone(f[id].RecordedContent)).(map[string]any)
			res, err := Verify(f[id], live, Rules{})
			if err != nil {
				t.Fatal(err)
			}
			if !res.OK() {
				t.Errorf("%s: %s", id, res.Report(id))
			}
			keys += len(res.Keys)
		}
	}
	t.Logf("%d keys verified", keys)
}

var numberedPlaceholder = regexp.MustCompile(`<([A-Za-z0-9_.-]+):([0-9]+)>`)

// renamePlaceholders renames every numbered placeholder in the strings of
// doc, in place.
func renamePlaceholders(doc any) any {
	switch v := doc.(type) {
	case string:
		return numberedPlaceholder.ReplaceAllString(v, "<live-$1:$2>")
	case []any:
		for i := range v {
			v[i] = renamePlaceholders(v[i])
		}
	case map[string]any:
		for k := range v {
			v[k] = renamePlaceholders(v[k])
		}
	}
	return doc
}

// TestVerifySNSNotificationAgainstReference: an SNS notification received
// from SQS, shaped like moto's (JSON body as a string, moto account and
// endpoint), transformed with the sns preset, verifies against AWS.
func TestVerifySNSNotificationAgainstReference(t *testing.T) {
	file, err := ReadFile(referenceDir + "/sns/test_sns.json")
	if err != nil || len(file) == 0 {
		t.Skip("no reference recordings on this machine")
	}
	ref := file["tests/aws/services/sns/test_sns.py::TestSNSSubscriptionSQS::test_publish_unicode_chars"]
	if ref == nil {
		t.Fatal("reference spec not found")
	}
	body := map[string]any{
		"Type": "Notification", "MessageId": "3f0a3a3e-6b7c-4a8e-9a44-1f0e6d3f2a10",
		"TopicArn": "arn:aws:sns:us-east-1:123456789012:parity-topic-5d1", "Message": "ö§a1\"_!?,. £$-",
		"Timestamp": "2026-11-21T08:30:00.123Z", "SignatureVersion": "1", "Signature": "EXAMPLEpH+sig==",
		"SigningCertURL": "https://sns.us-east-1.amazonaws.com/SimpleNotificationService-f3ecfb7224c7233fe7bb5f59f96de52f.pem",
		"UnsubscribeURL": "http://127.0.0.1:5000/?Action=Unsubscribe&SubscriptionArn=arn:aws:sns:us-east-1:123456789012:parity-topic-5d1:9e2bd6a5-2c1d-4bb6-a0a4-6c3f62e8b7b1",
	}
	bodyJSON, _ := json.Marshal(body)
	raw := map[string]any{
		"Messages": []any{map[string]any{
			"Body": string(bodyJSON), "MD5OfBody": "0c3a2f5b9a6c2e4f1a0b9c8d7e6f5a4b",
			"MessageId": "b4e7a4c2-7f1e-4b55-8b0e-2b7f3a9d6c11", "ReceiptHandle": "MbZj6wDWli+JvwwJaBV+3dcjk2YW2vA3+STFFljTM8tJJg6HRG6PYSasuWXPJB+Cw=",
		}},
		"ResponseMetadata": map[string]any{"HTTPStatusCode": json.Number("200"), "RequestId": "x"},
	}
	doc, err := transformers.FromValue(raw)
	if err != nil {
		t.Fatal(err)
	}
	ctx := transformers.NewContext(transformers.Env{Account: "123456789012", Region: "us-east-1", Endpoint: "http://127.0.0.1:5000"})
	live := map[string]any{"received-message": transformers.Apply(doc, ctx, transformers.Standard("sns")...)}
	res, err := Verify(ref, live, Rules{})
	if err != nil {
		t.Fatal(err)
	}
	if !res.OK() {
		t.Fatalf("does not verify against AWS:\n%s\nlive:\n%s", res.Report("ref"), Pretty(live))
	}
	// the subscription id and the topic name must not be swapped
	msg := live["received-message"].(map[string]any)["Messages"].([]any)[0].(map[string]any)["Body"].(map[string]any)
	msg["UnsubscribeURL"] = "<endpoint>/?Action=Unsubscribe&SubscriptionArn=arn:<partition>:sns:<region>:111111111111:<uuid:1>:<resource:1>"
	if res, _ := Verify(ref, live, Rules{}); res.OK() {
		t.Errorf("swapped placeholders verified:\n%s", Pretty(live))
	}
}
