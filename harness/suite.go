package harness

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"testing"
	"time"

	. "github.com/onsi/ginkgo/v2"
	"github.com/onsi/ginkgo/v2/types"
	. "github.com/onsi/gomega"

	"github.com/parity-harness/parity/harness/runlog"
	"github.com/parity-harness/parity/transformers"
)

// ProgressPrefix starts the machine-readable progress lines a suite prints
// when PARITY_PROGRESS=1 (one JSON Progress object follows).
const ProgressPrefix = "@parity-progress "

// Progress is one finished spec, as printed after ProgressPrefix.
type Progress struct {
	Suite string `json:"suite"`
	Done  int    `json:"done"`
	Total int    `json:"total"`
	Spec  string `json:"spec"`
	State string `json:"state"`
	// Notes are obsolete keys and other remarks worth printing.
	Notes []string `json:"notes,omitempty"`
	// Divergences are differences at declared known divergences.
	Divergences []string `json:"divergences,omitempty"`
}

// RunSuite runs the Ginkgo specs of the calling test package as the parity
// suite of service (the snapshot directory name, e.g. "sqs"):
//
//	func TestSQS(t *testing.T) { harness.RunSuite(t, "sqs") }
//
// It resolves the target first (a missing AWS credential or an endpoint
// that does not answer fails with one line), wires the snapshot sessions,
// the shard filter, the run logs and the progress lines, runs the specs,
// prunes (record) or reports (replay) the snapshot entries of specs that no
// longer exist, and then writes the in-process emulator's call log and
// stops it.
// Suites may declare their own BeforeSuite/AfterSuite.
func RunSuite(t *testing.T, service string) {
	t.Helper()
	r := current()
	r.suite = service
	if r.setupErr != nil {
		t.Fatalf("parity: %v", r.setupErr)
	}
	if _, err := r.config(); err != nil {
		t.Fatalf("parity: %v", err)
	}
	if err := r.openLogs(); err != nil {
		t.Fatalf("parity: --out %s: %v", r.settings.Out, err)
	}
	defer r.closeLogs()

	RegisterFailHandler(Fail)
	ReportBeforeSuite(func(rep Report) {
		r.mu.Lock()
		if r.settings.ShardN <= 1 { // a shard runs an unknown part of them
			r.total = rep.PreRunStats.SpecsThatWillRun
		}
		r.mu.Unlock()
	})
	BeforeEach(func() {
		if !r.inShard(currentSpecID()) {
			Skip(fmt.Sprintf("not in shard %d/%d", r.settings.ShardK, r.settings.ShardN))
		}
	})
	AfterEach(func() {
		if s := r.existingSession(currentSpecID()); s != nil {
			s.finish(!CurrentSpecReport().Failed())
		}
	})
	ReportAfterEach(func(rep SpecReport) { r.specDone(rep) })
	ReportAfterSuite("snapshot orphans", func(rep Report) {
		cwd, err := os.Getwd() // the suite's package directory: go test and the runner run it there
		if err != nil {
			Fail(fmt.Sprintf("parity: orphan snapshot entries: %v", err))
		}
		notes, err := r.checkOrphans(rep, relPath(r.root, cwd))
		for _, n := range notes {
			r.suiteNote(n)
		}
		if err != nil {
			Fail(fmt.Sprintf("parity: orphan snapshot entries: %v", err))
		}
	})
	RunSpecs(t, service+" parity suite")
	if err := r.writeServerCalls(); err != nil {
		t.Errorf("parity: %v", err)
	}
	if r.tgt != nil {
		_ = r.tgt.Close()
	}
}

// inShard reports whether spec id belongs to this process's shard: FNV-1a
// of the id modulo N equals K-1. The split depends only on the ids, so
// every shard of one suite agrees on it.
func (r *run) inShard(id string) bool {
	if r.settings.ShardN <= 1 {
		return true
	}
	return ShardOf(id, r.settings.ShardN) == r.settings.ShardK
}

// ShardOf returns the shard (1..n) spec id belongs to.
func ShardOf(id string, n int) int {
	h := fnv.New32a()
	_, _ = h.Write([]byte(id))
	return int(h.Sum32()%uint32(n)) + 1
}

func (r *run) existingSession(id string) *Session {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.sessions[id]
}

func (r *run) openLogs() error {
	if r.settings.Out == "" {
		return nil
	}
	pid := os.Getpid()
	calls, err := openJSONL(filepath.Join(r.settings.Out, "calls", fmt.Sprintf("%s-%d.jsonl", r.suite, pid)))
	if err != nil {
		return err
	}
	results, err := openJSONL(filepath.Join(r.settings.Out, "results", fmt.Sprintf("%s-%d.jsonl", r.suite, pid)))
	if err != nil {
		_ = calls.close()
		return err
	}
	r.mu.Lock()
	r.calls, r.results = calls, results
	r.mu.Unlock()
	return nil
}

func (r *run) closeLogs() {
	r.mu.Lock()
	calls, results := r.calls, r.results
	r.calls, r.results = nil, nil
	r.mu.Unlock()
	for _, w := range []*jsonlWriter{calls, results} {
		if w != nil {
			_ = w.close()
		}
	}
}

// specDone writes the spec's result and prints its progress line.
func (r *run) specDone(rep types.SpecReport) {
	id := SpecID(r.root, rep)
	if !r.inShard(id) || (rep.State == types.SpecStateSkipped && rep.Failure.Message == "") {
		return // filtered out (shard, focus, labels): not part of this run
	}
	r.mu.Lock()
	r.done++
	done, total, results := r.done, r.total, r.results
	s := r.sessions[id]
	r.mu.Unlock()

	res := runlog.SpecResult{
		Suite:    r.suite,
		Spec:     id,
		State:    specState(rep.State),
		Duration: float64(rep.RunTime) / float64(time.Millisecond),
		Labels:   rep.Labels(),
	}
	if rep.Failed() {
		res.Failure = rep.Failure.Message
		if loc := rep.Failure.Location; loc.FileName != "" {
			res.Failure += fmt.Sprintf("\n(at %s:%d)", relPath(r.root, loc.FileName), loc.LineNumber)
		}
	}
	var notes, divergences []string
	if s != nil {
		res.File, res.Keys, res.Reference, notes, divergences = s.relFile, s.results, s.ref, s.notes, s.divergences
	}
	if results != nil {
		results.write(res)
	}
	if r.settings.Progress {
		line, _ := json.Marshal(Progress{Suite: r.suite, Done: done, Total: total, Spec: id, State: res.State, Notes: notes, Divergences: divergences})
		fmt.Fprintf(os.Stdout, "\n%s%s\n", ProgressPrefix, line)
	} else {
		for _, n := range notes {
			fmt.Fprintln(os.Stdout, n)
		}
	}
}

func specState(s types.SpecState) string {
	switch s {
	case types.SpecStatePassed:
		return "passed"
	case types.SpecStateSkipped:
		return "skipped"
	case types.SpecStatePending:
		return "pending"
	}
	return "failed"
}

func relPath(root, p string) string {
	if rel, err := filepath.Rel(root, p); err == nil && !strings.HasPrefix(rel, "..") {
		return filepath.ToSlash(rel)
	}
	return p
}

// writeServerCalls writes the in-process emulator's call log.
func (r *run) writeServerCalls() error {
	if r.settings.Out == "" || r.tgt == nil || r.tgt.Emulator() == nil {
		return nil
	}
	w, err := openJSONL(filepath.Join(r.settings.Out, "server", fmt.Sprintf("%s-%d.jsonl", r.suite, os.Getpid())))
	if err != nil {
		return err
	}
	for _, e := range r.tgt.Emulator().Calls() {
		w.write(e)
	}
	return w.close()
}

// env is what the default transformers scrub for this target.
func (r *run) env() transformers.Env {
	t := r.tgt
	if t == nil {
		return transformers.Env{Region: Region()}
	}
	return transformers.Env{Account: r.accountID(), Region: t.Region, Endpoint: t.Endpoint}
}

// Cleanup registers fn to run after the current spec (also when it
// fails), with a context that ends after one minute. Use it for every
// resource a spec creates.
func Cleanup(fn func(ctx context.Context)) {
	DeferCleanup(func(ctx SpecContext) { fn(ctx) }, NodeTimeout(time.Minute))
}

// runToken makes this process's names unique across runs and processes.
var runToken = func() string {
	b := make([]byte, 4)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}()

// UniqueName returns a resource name for the running spec: prefix, a hash
// of the spec id with a per-spec counter, and a random per-process token,
// e.g. "q-1f2e3d-1-9a8b7c6d". It is lower-case letters, digits and '-'
// (valid for S3 buckets, SQS queues, DynamoDB tables…) when prefix is.
// The value is replaced by a stable <resource:N> placeholder wherever it
// appears in a matched response, so recordings do not depend on it.
func UniqueName(prefix string) string {
	r := current()
	id := currentSpecID()
	h := fnv.New32a()
	_, _ = h.Write([]byte(id))
	r.mu.Lock()
	defer r.mu.Unlock()
	n := 1
	stem := fmt.Sprintf("%s-%06x-", prefix, h.Sum32()&0xffffff)
	for _, existing := range r.names {
		if strings.HasPrefix(existing, stem) {
			n++
		}
	}
	name := fmt.Sprintf("%s%d-%s", stem, n, runToken)
	r.names = append(r.names, name)
	return name
}

// TargetKind returns the kind of the target this run talks to: "emulator",
// "aws", "moto" or "other". Use it to skip what a target cannot do.
func TargetKind() string { return current().target().Kind }

// Mode returns the run's mode: "verify", "record" or "reference".
func Mode() string { return current().settings.Mode }

// sdkVersion is the aws-sdk-go-v2 module version the suite was built
// with: from the build information, else from the repository's go.mod
// (test binaries carry no dependency list).
func sdkVersion() string {
	const mod = "github.com/aws/aws-sdk-go-v2"
	if info, ok := debug.ReadBuildInfo(); ok {
		for _, d := range info.Deps {
			if d.Path == mod {
				return mod + "@" + d.Version
			}
		}
	}
	if data, err := os.ReadFile(filepath.Join(current().root, "go.mod")); err == nil {
		for _, line := range strings.Split(string(data), "\n") {
			f := strings.Fields(line)
			if len(f) >= 2 && f[0] == "require" {
				f = f[1:]
			}
			if len(f) >= 2 && f[0] == mod {
				return mod + "@" + f[1]
			}
		}
	}
	return mod
}

func nowUTC() time.Time { return time.Now().UTC() }
