package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func fixtureRun(name string) string { return filepath.Join("..", "..", "reports", "testdata", name) }

func TestReportCommand(t *testing.T) {
	out := t.TempDir()
	var stdout, stderr bytes.Buffer
	if err := report([]string{"--in", fixtureRun("run-full"), "--in", fixtureRun("terraform"), "--out", out}, &stdout, &stderr); err != nil {
		t.Fatalf("report: %v\n%s", err, stderr.String())
	}
	if !strings.HasPrefix(stdout.String(), "## Parity report") || !strings.Contains(stdout.String(), "| sqs |") {
		t.Errorf("stdout is not the Markdown summary:\n%s", stdout.String())
	}
	for _, f := range []string{"coverage.json", "index.html", "failures.html", "services/sqs.html", "junit.xml", "badge.svg", "history.json", "summary.md"} {
		if _, err := os.Stat(filepath.Join(out, f)); err != nil {
			t.Errorf("missing %s", f)
		}
	}

	// A second report from other runs extends the history kept in --out.
	stdout.Reset()
	err := report([]string{"--in", fixtureRun("run-broken"), "--out", out, "--compare", out, "--quiet"}, &stdout, &stderr)
	var ee *exitError
	if !errors.As(err, &ee) || ee.code != exitRegressions {
		t.Fatalf("compare with a broken run: err = %v, want exit %d", err, exitRegressions)
	}
	if stdout.Len() != 0 {
		t.Error("--quiet printed the summary")
	}
	var hist struct {
		Entries []json.RawMessage `json:"entries"`
	}
	data, _ := os.ReadFile(filepath.Join(out, "history.json"))
	if err := json.Unmarshal(data, &hist); err != nil || len(hist.Entries) != 2 {
		t.Errorf("history: %v, %d entries, want 2", err, len(hist.Entries))
	}
	cmp, _ := os.ReadFile(filepath.Join(out, "comparison.json"))
	if !strings.Contains(string(cmp), `"name": "SQS messages sends and receives a message"`) {
		t.Errorf("comparison.json lacks the regressed spec:\n%s", cmp)
	}

	// Comparing a run with itself passes.
	if err := report([]string{"--in", fixtureRun("run-full"), "--out", t.TempDir(), "--compare", fixtureRun("run-full"), "--quiet"}, &stdout, &stderr); err != nil {
		t.Errorf("self-compare: %v", err)
	}
}

func TestReportCommandErrors(t *testing.T) {
	var stdout, stderr bytes.Buffer
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"--in", t.TempDir()}, "not a parity run directory"},
		{[]string{"--in", fixtureRun("run-full"), "--out", t.TempDir(), "--compare", filepath.Join(t.TempDir(), "nope.json")}, "compare base"},
		{[]string{"stray"}, "unexpected arguments"},
		{[]string{"--bogus"}, "flag provided but not defined"},
	}
	for _, tc := range tests {
		err := report(tc.args, &stdout, &stderr)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("report %v: err = %v, want %q", tc.args, err, tc.want)
		}
	}
}
