package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/parity-harness/parity/harness"
	"github.com/parity-harness/parity/snapshots"
)

// The integration tests run the harness's own SQS suite
// (harness/testdata/suites/sqs) through the parity commands against a moto
// server they start themselves.

const testSuiteDir = "../../harness/testdata/suites"

const snapshotName = "sqs/harness_smoke.snapshot.json"

// startMoto starts moto_server on a free loopback port and returns its URL;
// the test is skipped when moto_server is not installed.
func startMoto(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("integration test: skipped with -short")
	}
	bin, err := exec.LookPath("moto_server")
	if err != nil {
		t.Skip("moto_server is not on PATH: install moto (pip install 'moto[server]') to run the record/replay integration tests")
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := ln.Addr().(*net.TCPAddr).Port
	ln.Close()
	cmd := exec.Command(bin, "-H", "127.0.0.1", "-p", fmt.Sprint(port))
	var logs bytes.Buffer
	cmd.Stdout, cmd.Stderr = &logs, &logs
	if err := cmd.Start(); err != nil {
		t.Fatalf("starting moto_server: %v", err)
	}
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
	})
	url := fmt.Sprintf("http://127.0.0.1:%d", port)
	deadline := time.Now().Add(30 * time.Second)
	for {
		resp, err := http.Get(url + "/moto-api/")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return url
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("moto_server on port %d did not answer within 30s: %v\n%s", port, err, logs.String())
		}
		time.Sleep(200 * time.Millisecond)
	}
}

// runCommand runs a parity subcommand in-process and returns its output.
func runCommand(t *testing.T, run func([]string) error, args ...string) (string, error) {
	t.Helper()
	var buf bytes.Buffer
	stdout = &buf
	defer func() { stdout = os.Stdout }()
	err := run(args)
	return buf.String(), err
}

func record(t *testing.T, url, snapDir string) {
	t.Helper()
	out, err := runCommand(t, runRecord, "--target", url, "--suite-dir", testSuiteDir, "--suite", "sqs",
		"--snapshot-dir", snapDir, "--out", t.TempDir())
	if err != nil {
		t.Fatalf("parity record: %v\n%s", err, out)
	}
}

// datesRE matches the two members that hold the recording time.
var datesRE = regexp.MustCompile(`"(recorded-date|recorded-at)": "[^"]*"`)

func withoutDates(b []byte) string { return datesRE.ReplaceAllString(string(b), `"$1": "-"`) }

func TestRecordTwiceIsIdenticalAndReplayDetectsEdits(t *testing.T) {
	url := startMoto(t)
	rootA, rootB := t.TempDir(), t.TempDir()

	record(t, url, rootA)
	first, err := os.ReadFile(filepath.Join(rootA, snapshotName))
	if err != nil {
		t.Fatalf("record wrote no snapshot: %v", err)
	}
	f, err := snapshots.Parse(first)
	if err != nil {
		t.Fatal(err)
	}
	if len(f) != 5 {
		t.Fatalf("recorded %d specs, want the suite's 5: %v", len(f), f.SpecIDs())
	}
	for id, spec := range f {
		if spec.Provenance == nil || spec.Provenance.Target != harness.KindMoto || spec.Provenance.Endpoint != "loopback" {
			t.Errorf("spec %q: provenance %+v, want target moto on a loopback endpoint", id, spec.Provenance)
		}
	}

	// Re-recording the same root leaves the file byte-identical.
	record(t, url, rootA)
	second, _ := os.ReadFile(filepath.Join(rootA, snapshotName))
	if !bytes.Equal(first, second) {
		t.Fatalf("recording twice into one root changed the file:\n%s\n---\n%s", first, second)
	}
	// A fresh root gets the same content (the recording dates aside).
	record(t, url, rootB)
	other, _ := os.ReadFile(filepath.Join(rootB, snapshotName))
	if withoutDates(first) != withoutDates(other) {
		t.Fatalf("two recordings into fresh roots differ:\n%s\n---\n%s", first, other)
	}

	out, err := runCommand(t, runTest, "--target", url, "--suite-dir", testSuiteDir, "--snapshot-dir", rootA, "--out", t.TempDir())
	if err != nil {
		t.Fatalf("parity test against the recording target failed: %v\n%s", err, out)
	}

	edited := bytes.Replace(first, []byte(`"VisibilityTimeout": "30"`), []byte(`"VisibilityTimeout": "31"`), 1)
	if bytes.Equal(edited, first) {
		t.Fatalf("the recording has no VisibilityTimeout of 30 to edit:\n%s", first)
	}
	if err := os.WriteFile(filepath.Join(rootA, snapshotName), edited, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err = runCommand(t, runTest, "--target", url, "--suite-dir", testSuiteDir, "--snapshot-dir", rootA, "--out", t.TempDir())
	if err == nil {
		t.Fatalf("parity test passed against an edited recording:\n%s", out)
	}
	for _, want := range []string{`key "get-queue-attributes"`, `$.Attributes.VisibilityTimeout: recorded "31", got "30"`, "creates a queue and reads its attributes"} {
		if !strings.Contains(out, want) {
			t.Errorf("parity test output does not name %q:\n%s", want, out)
		}
	}
}

func TestMissingRecordingNamesTheKey(t *testing.T) {
	url := startMoto(t)
	out, err := runCommand(t, runTest, "--target", url, "--suite-dir", testSuiteDir, "--snapshot-dir", t.TempDir(),
		"--focus", "missing queue", "--out", t.TempDir())
	if err == nil {
		t.Fatalf("parity test passed without recordings:\n%s", out)
	}
	if want := `no snapshot for key "get-queue-url-missing"`; !strings.Contains(out, want) {
		t.Errorf("output does not say %q:\n%s", want, out)
	}
}

// TestParallelRecordingKeepsEveryEntry records the suite with several
// processes at once into one snapshot file, as `ginkgo -p` workers do (each
// process runs a different slice of the specs), and checks that no spec is
// lost and the content equals a sequential recording.
func TestParallelRecordingKeepsEveryEntry(t *testing.T) {
	url := startMoto(t)
	sequential := t.TempDir()
	record(t, url, sequential)

	bin := filepath.Join(t.TempDir(), "sqs.test")
	build := exec.Command("go", "test", "-c", "-o", bin, "./"+filepath.ToSlash(filepath.Join(testSuiteDir, "sqs")))
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go test -c: %v\n%s", err, out)
	}
	parallel := t.TempDir()
	const workers = 4
	var wg sync.WaitGroup
	errs := make([]error, workers)
	outs := make([][]byte, workers)
	for k := 1; k <= workers; k++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			cmd := exec.Command(bin, "-ginkgo.no-color")
			cmd.Dir = filepath.Join(testSuiteDir, "sqs")
			cmd.Env = append(os.Environ(), "PARITY_MODE=record", "PARITY_TARGET="+url, "PARITY_SNAPSHOT_DIR="+parallel,
				fmt.Sprintf("PARITY_SHARD=%d/%d", k, workers), "PARITY_OUT=")
			outs[k-1], errs[k-1] = cmd.CombinedOutput()
		}()
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Fatalf("worker %d/%d: %v\n%s", i+1, workers, err, outs[i])
		}
	}
	want, _ := os.ReadFile(filepath.Join(sequential, snapshotName))
	got, err := os.ReadFile(filepath.Join(parallel, snapshotName))
	if err != nil {
		t.Fatal(err)
	}
	if withoutDates(want) != withoutDates(got) {
		t.Fatalf("parallel recording differs from the sequential one:\n%s\n---\n%s", want, got)
	}
}

func TestReferenceReportsKeysPerSpec(t *testing.T) {
	dir := filepath.Join("..", "..", "..", "shared", "aws-reference")
	if _, err := os.Stat(filepath.Join(dir, "sqs", "test_sqs.json")); err != nil {
		t.Skipf("no AWS reference recordings at %s", dir)
	}
	url := startMoto(t)
	outDir := t.TempDir()
	out, _ := runCommand(t, runReference, "--dir", dir, "--target", url, "--suite-dir", testSuiteDir, "--out", outDir)
	for _, want := range []string{
		"reference tests/aws/services/sqs/test_sqs.py::TestSqsProvider::test_receive_empty_queue[sqs]",
		"pass empty_long_poll_resp",
		"reference keys match",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("parity reference output lacks %q:\n%s", want, out)
		}
	}
	// Only the specs declaring a reference ran.
	results, _ := filepath.Glob(filepath.Join(outDir, "results", "*.jsonl"))
	n := 0
	for _, r := range results {
		data, _ := os.ReadFile(r)
		for _, line := range bytes.Split(bytes.TrimSpace(data), []byte("\n")) {
			var res struct {
				Reference *json.RawMessage `json:"reference"`
			}
			if len(line) > 0 && json.Unmarshal(line, &res) == nil {
				n++
				if res.Reference == nil {
					t.Errorf("a spec without a reference ran in reference mode: %s", line)
				}
			}
		}
	}
	if n != 2 {
		t.Errorf("%d spec results in reference mode, want the 2 specs that declare one", n)
	}
}

func TestCommandErrorsNameTheFix(t *testing.T) {
	t.Setenv("PARITY_TARGET", "")
	t.Setenv("PARITY_REFERENCE_DIR", "")
	cases := []struct {
		run  func([]string) error
		args []string
		want string
	}{
		{runTest, []string{"--suite", "nope", "--suite-dir", testSuiteDir}, `unknown suite "nope" (available: sqs)`},
		{runTest, []string{"--target", "ftp://x"}, "--target"},
		{runTest, []string{"--shard", "3/2", "--suite-dir", testSuiteDir}, "--shard"},
		{runRecord, []string{}, "--target is required"},
		{runRecord, []string{"--target", "emulator"}, "--allow-emulator"},
		{runReference, []string{}, "--dir is required"},
		{runTest, []string{"--target", "http://127.0.0.1:1", "--suite-dir", testSuiteDir}, "does not answer"},
	}
	for _, c := range cases {
		_, err := runCommand(t, c.run, c.args...)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%v: error %v, want one mentioning %q", c.args, err, c.want)
		}
	}
}
