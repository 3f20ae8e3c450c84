package reports

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestCompareFindsBrokenResponse(t *testing.T) {
	den := fixtureDen(t)
	base := Build(readFixture(t, "run-full"), den)
	cur := Build(readFixture(t, "run-broken"), den)
	got := Compare(base, cur)
	want := []Regression{
		{Kind: "spec", Scope: "sqs", Name: "SQS messages sends and receives a message", Was: "passed", Now: "failed"},
		{Kind: "operation", Scope: "sqs", Name: "DeleteMessage", Was: "passing", Now: "failing"},
		{Kind: "operation", Scope: "sqs", Name: "ReceiveMessage", Was: "passing", Now: "failing"},
		{Kind: "operation", Scope: "sqs", Name: "SendMessage", Was: "passing", Now: "failing"},
	}
	if !reflect.DeepEqual(got.Regressions, want) {
		t.Errorf("regressions:\n%v\nwant\n%v", got.Regressions, want)
	}
	if len(got.Fixed) != 0 {
		t.Errorf("fixed = %v", got.Fixed)
	}
	// The other way round everything comes back as fixed.
	back := Compare(cur, base)
	if len(back.Regressions) != 0 || len(back.Fixed) != 4 {
		t.Errorf("reverse: regressions %v fixed %v", back.Regressions, back.Fixed)
	}
}

func TestCompareSameRunHasNoRegressions(t *testing.T) {
	den := fixtureDen(t)
	cov := Build(readFixture(t, "run-full"), den)
	if c := Compare(cov, cov); len(c.Regressions) != 0 || len(c.Fixed) != 0 {
		t.Errorf("self-compare: %+v", c)
	}
}

func TestCompareMissingSpec(t *testing.T) {
	den := fixtureDen(t)
	in := readFixture(t, "run-full")
	base := Build(in, den)
	var kept = in.Results[:0:0]
	for _, r := range in.Results {
		if r.Spec != "SNS topics creates a topic" {
			kept = append(kept, r)
		}
	}
	in2 := *in
	in2.Results = kept
	c := Compare(base, Build(&in2, den))
	if len(c.Regressions) == 0 || c.Regressions[0].Name != "SNS topics creates a topic" || c.Regressions[0].Now != "missing" {
		t.Errorf("regressions = %v, want the dropped spec as missing", c.Regressions)
	}
}

func TestLoadBase(t *testing.T) {
	den := fixtureDen(t)
	want := Build(readFixture(t, "run-full"), den)
	report := t.TempDir()
	if err := Write(report, &Report{Coverage: want}); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{report, filepath.Join(report, CoverageFile), filepath.Join("testdata", "run-full")} {
		got, err := LoadBase(path, den)
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		if mustJSON(t, got) != mustJSON(t, want) {
			t.Errorf("%s: base differs from the coverage it was written from", path)
		}
	}
	bad := filepath.Join(t.TempDir(), "x.json")
	os.WriteFile(bad, []byte(`{"schemaVersion": 99}`), 0o644)
	if _, err := LoadBase(bad, den); err == nil || !strings.Contains(err.Error(), "newer") {
		t.Errorf("future schema: err = %v", err)
	}
	if _, err := LoadBase(t.TempDir(), den); err == nil {
		t.Error("empty directory accepted as a base")
	}
}
