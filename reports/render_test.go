package reports

import (
	"bytes"
	"encoding/xml"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

func TestMarkdown(t *testing.T) {
	den := fixtureDen(t)
	cov := Build(readFixture(t, "run-broken", "terraform"), den)
	cmp := Compare(Build(readFixture(t, "run-full"), den), cov)
	cmp.Base = "base"
	var b bytes.Buffer
	if err := Markdown(&b, cov, cmp); err != nil {
		t.Fatal(err)
	}
	md := b.String()
	for _, want := range []string{
		"**Parity 37.5%** (6 of 16 implemented operations verified)",
		"4 regression(s) against `base`",
		"| sqs | 10/23 | 8 | 1 | 7 |",
		"| sns | 6/42 |",
		"### sqs (SQS, json)",
		"| GetQueueUrl | ✅ passing | 2 / 2 | 2/0/0 | ✓ moto | ✓ | 1/2 | 1/5 |",
		"| ListQueueTags | – unimplemented | 0 / 1 |",
		"382 other modeled services",
		"-    \"VisibilityTimeout\": \"45\"",
		"`(unroutable)` ×1 (server)",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("markdown lacks %q", want)
		}
	}
	if strings.Contains(md, "### s3") {
		t.Error("an unserved, uncalled service got a table")
	}
}

func TestMarkdownEscapesCells(t *testing.T) {
	if got := mdEscape("a|b\n<c>"); got != `a\|b &lt;c&gt;` {
		t.Errorf("mdEscape = %q", got)
	}
}

func TestJUnit(t *testing.T) {
	cov := Build(readFixture(t, "run-broken"), fixtureDen(t))
	var b bytes.Buffer
	if err := JUnit(&b, cov); err != nil {
		t.Fatal(err)
	}
	var parsed junitSuites
	if err := xml.Unmarshal(b.Bytes(), &parsed); err != nil {
		t.Fatalf("junit.xml does not parse: %v", err)
	}
	if parsed.Tests != 8 || parsed.Failures != 2 || parsed.Skipped != 1 || len(parsed.Suites) != 2 {
		t.Errorf("totals tests=%d failures=%d skipped=%d suites=%d", parsed.Tests, parsed.Failures, parsed.Skipped, len(parsed.Suites))
	}
	var failure *junitFailure
	for _, s := range parsed.Suites {
		for _, c := range s.Cases {
			if c.Name == "SQS messages sends and receives a message" {
				failure = c.Failure
				if c.ClassName != "sqs" || c.Time != "0.088" {
					t.Errorf("case = %+v", c)
				}
			}
		}
	}
	if failure == nil || !strings.Contains(failure.Body, "MD5OfMessageAttributes") || failure.Message != `snapshot mismatch at key "send-message"` {
		t.Errorf("failure = %+v, want the message and the diff", failure)
	}
}

func TestBadge(t *testing.T) {
	cov := Build(readFixture(t, "run-full"), fixtureDen(t))
	var b bytes.Buffer
	if err := Badge(&b, cov); err != nil {
		t.Fatal(err)
	}
	if err := xml.Unmarshal(b.Bytes(), new(struct{})); err != nil {
		t.Fatalf("badge is not XML: %v", err)
	}
	if !strings.Contains(b.String(), ">56%<") || !strings.Contains(b.String(), badgeColor(56.25)) {
		t.Errorf("badge does not show parity 56%%: %s", b.String())
	}
	b.Reset()
	Badge(&b, Build(nil, Denominator{}))
	if !strings.Contains(b.String(), ">n/a<") {
		t.Error("an emulator with nothing implemented should show n/a")
	}
}

func TestWriteProducesEveryOutput(t *testing.T) {
	den := fixtureDen(t)
	cov := Build(readFixture(t, "run-full"), den)
	dir := t.TempDir()
	h := &History{SchemaVersion: HistorySchemaVersion}
	h.Add(cov)
	if err := Write(dir, &Report{Coverage: cov, History: h, Comparison: Compare(cov, cov)}); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{CoverageFile, HistoryFile, ComparisonFile, SummaryFile, JUnitFile, BadgeFile, IndexFile, "failures.html", "services/sqs.html", "services/streams.dynamodb.html"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Errorf("missing %s", f)
		}
	}
	pages, _ := filepath.Glob(filepath.Join(dir, "services", "*.html"))
	if len(pages) != len(cov.Services) {
		t.Errorf("%d service pages for %d services", len(pages), len(cov.Services))
	}
	index, _ := os.ReadFile(filepath.Join(dir, IndexFile))
	// No network at view time: nothing is loaded from elsewhere.
	if m := regexp.MustCompile(`(?i)(src|href)="(https?:)?//`).Find(index); m != nil {
		t.Errorf("index.html references a remote resource: %s", m)
	}
	if !strings.Contains(string(index), `data-metric="parityPct">56.2%<`) {
		t.Error("index.html does not show the parity percentage")
	}
	failures, _ := os.ReadFile(filepath.Join(dir, "failures.html"))
	if !strings.Contains(string(failures), `<span class="del">-    &#34;VisibilityTimeout&#34;: &#34;45&#34;</span>`) {
		t.Errorf("failures.html lacks the marked diff")
	}
	// The same inputs give byte-identical coverage.json.
	again := t.TempDir()
	Write(again, &Report{Coverage: Build(readFixture(t, "run-full"), den)})
	a, _ := os.ReadFile(filepath.Join(dir, CoverageFile))
	b, _ := os.ReadFile(filepath.Join(again, CoverageFile))
	if !bytes.Equal(a, b) {
		t.Error("coverage.json is not deterministic")
	}
}

func TestHistory(t *testing.T) {
	at := func(day int) *Coverage {
		ts := time.Date(2026, 11, day, 2, 0, 0, 0, time.UTC)
		return &Coverage{GeneratedAt: &ts, Totals: Totals{ParityPct: float64(day)}}
	}
	file := filepath.Join(t.TempDir(), "history.json")
	h, err := ReadHistory(file)
	if err != nil || len(h.Entries) != 0 {
		t.Fatalf("missing history: %v %+v", err, h)
	}
	h.Add(at(3))
	h.Add(at(1))
	h.Add(at(3)) // the same runs reported again replace their entry
	if len(h.Entries) != 2 || h.Entries[0].Totals.ParityPct != 1 || h.Entries[1].Totals.ParityPct != 3 {
		t.Fatalf("entries = %+v", h.Entries)
	}
	var b bytes.Buffer
	encodeJSON(&b, h)
	os.WriteFile(file, b.Bytes(), 0o644)
	h2, err := ReadHistory(file)
	if err != nil || len(h2.Entries) != 2 {
		t.Fatalf("reread: %v %+v", err, h2)
	}
	for d := 0; d < MaxHistory+10; d++ {
		ts := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(d) * time.Hour)
		h2.Add(&Coverage{GeneratedAt: &ts})
	}
	if len(h2.Entries) != MaxHistory || !h2.Entries[len(h2.Entries)-1].Time.Equal(at(3).GeneratedAt.UTC()) {
		t.Errorf("cap: %d entries, last %v", len(h2.Entries), h2.Entries[len(h2.Entries)-1].Time)
	}
	os.WriteFile(file, []byte(`{"schemaVersion":7,"entries":[]}`), 0o644)
	if _, err := ReadHistory(file); err == nil {
		t.Error("future history schema accepted")
	}
}

func TestMarkdownStaysBounded(t *testing.T) {
	cov := &Coverage{}
	long := strings.Repeat("+ line\n", 100)
	for i := 0; i < 30; i++ {
		cov.SpecResults = append(cov.SpecResults, SpecResult{Suite: "sqs", Spec: "spec " + itoa(i), State: StateFailed,
			Failure: strings.Repeat("x", 1000), Keys: []KeyResult{{Key: "k", State: "mismatched", Diff: long}}})
	}
	var b bytes.Buffer
	if err := Markdown(&b, cov, nil); err != nil {
		t.Fatal(err)
	}
	md := b.String()
	if n := strings.Count(md, "<details>"); n != maxDiffs {
		t.Errorf("%d diffs shown, want %d", n, maxDiffs)
	}
	if n := strings.Count(md, "+ line"); n != maxDiffs*(maxDiffLines-1) {
		t.Errorf("%d diff lines shown, want %d", n, maxDiffs*(maxDiffLines-1))
	}
	if !strings.Contains(md, "62 more lines") || strings.Contains(md, strings.Repeat("x", maxMessage+1)) {
		t.Error("long diffs or messages are not clipped")
	}
	if !strings.Contains(md, "spec 29") {
		t.Error("failing specs beyond the diff limit are not listed")
	}
}
