package runner

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parity-harness/parity/harness/runlog"
)

func TestSelect(t *testing.T) {
	dir := t.TempDir()
	for _, s := range []string{"sqs", "sns"} {
		os.MkdirAll(filepath.Join(dir, s), 0o755)
		os.WriteFile(filepath.Join(dir, s, "x_test.go"), []byte("package x\nfunc TestX(t *testing.T) { harness.RunSuite(t, \"x\") }"), 0o644)
	}
	os.MkdirAll(filepath.Join(dir, "empty"), 0o755) // no tests: not a suite
	os.MkdirAll(filepath.Join(dir, "clients"), 0o755)
	os.WriteFile(filepath.Join(dir, "clients", "c_test.go"), []byte("package clients"), 0o644) // plain tests: not a suite

	got, err := Select(dir, nil)
	if err != nil || strings.Join(got, ",") != "sns,sqs" {
		t.Errorf("Select(all) = %v, %v", got, err)
	}
	got, err = Select(dir, []string{"sqs", "sqs"})
	if err != nil || strings.Join(got, ",") != "sqs" {
		t.Errorf("Select(sqs,sqs) = %v, %v", got, err)
	}
	_, err = Select(dir, []string{"foo"})
	if err == nil || !strings.Contains(err.Error(), `unknown suite "foo" (available: sns, sqs)`) {
		t.Errorf("unknown suite error = %v", err)
	}
	_, err = Select(filepath.Join(dir, "empty"), nil)
	if err == nil || !strings.Contains(err.Error(), "no suites") {
		t.Errorf("empty directory error = %v", err)
	}
}

func TestSummaryFailed(t *testing.T) {
	pass := Summary{Suites: []Suite{{Name: "sqs", Results: []runlog.SpecResult{{State: "passed"}, {State: "skipped"}}}}}
	if pass.Failed() {
		t.Error("a passing run reported failed")
	}
	for _, s := range []Suite{
		{Name: "sqs", Results: []runlog.SpecResult{{State: "failed"}}},
		{Name: "sqs", ExitCode: 1},
	} {
		if !(Summary{Suites: []Suite{s}}).Failed() {
			t.Errorf("%+v not reported failed", s)
		}
	}
}

func TestPrintReference(t *testing.T) {
	var b strings.Builder
	PrintReference(&b, Summary{Suites: []Suite{{Name: "sqs", Results: []runlog.SpecResult{{
		Spec: "s1",
		Reference: &runlog.RefResult{ID: "ref1", Keys: []runlog.KeyResult{
			{Key: "a", State: "matched"}, {Key: "b", State: "mismatched", Diff: "$.X: recorded 1, got 2"}, {Key: "c", State: "not-reproduced"},
			{Key: "d", State: "not-reproduced"},
		}},
	}, {
		Spec:      "s2",
		Reference: &runlog.RefResult{ID: "ref1", Keys: []runlog.KeyResult{{Key: "a", State: "not-reproduced"}, {Key: "c", State: "not-reproduced"}, {Key: "d", State: "matched"}}},
	}}}}})
	for _, want := range []string{"pass a", "FAIL b (mismatched)", "$.X: recorded 1, got 2", "---- c", ".... d (compared by another spec of this reference)",
		"sqs: 2/3 reference keys match (66.7%) in 2 spec(s); 1 reference keys not reproduced"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, b.String())
		}
	}
}
