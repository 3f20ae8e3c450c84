// Package runner runs parity suites for the parity command: it compiles
// the suites' test packages once (`go test -c`), runs each test binary with
// the PARITY_* environment of the mode, turns the suites' progress lines
// into a live status, and reads the per-spec results they write to the
// output directory.
package runner

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/parity-harness/parity/harness"
	"github.com/parity-harness/parity/harness/runlog"
)

// Options configure one run.
type Options struct {
	Root          string   // repository root
	SuiteDir      string   // directory of the suite packages (default Root/suites)
	Suites        []string // suite names; empty means all
	Mode          string   // harness.ModeVerify, ModeRecord or ModeReference
	Target        string   // "emulator", "aws" or a URL
	TargetKind    string   // for run.json
	Focus         string   // Ginkgo focus regular expression
	LabelFilter   string   // Ginkgo label filter
	Shard         string   // "K/N" or ""
	Out           string   // output directory
	SnapshotDir   string   // snapshot root override ("" = Root/snapshots)
	ReferenceDir  string   // reference mode: the AWS recordings
	AllowEmulator bool     // record mode against the emulator
	Jobs          int      // suites run at the same time (default 1)
	Verbose       bool     // copy the suites' own output and divergence notes to Stdout
	Timeout       time.Duration
	Stdout        io.Writer
	Version       string
}

// Suite is the outcome of one suite.
type Suite struct {
	Name     string
	Results  []runlog.SpecResult
	ExitCode int
	Log      string // path of the suite's output
	Err      error  // the suite could not run (setup failure)
}

// Summary is the outcome of a run.
type Summary struct {
	Suites []Suite
}

// Failed reports whether any suite failed or could not run.
func (s Summary) Failed() bool {
	for _, su := range s.Suites {
		if su.Err != nil || su.ExitCode != 0 {
			return true
		}
		for _, r := range su.Results {
			if r.State == "failed" {
				return true
			}
		}
	}
	return false
}

// Available lists the suites in dir: subdirectories whose tests run
// harness.RunSuite (suites/terraform and suites/clients hold other clients'
// runs, not Ginkgo suites).
func Available(dir string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("suite directory %s: %w", dir, err)
	}
	var names []string
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		tests, _ := filepath.Glob(filepath.Join(dir, e.Name(), "*_test.go"))
		for _, t := range tests {
			if src, err := os.ReadFile(t); err == nil && bytes.Contains(src, []byte("harness.RunSuite(")) {
				names = append(names, e.Name())
				break
			}
		}
	}
	sort.Strings(names)
	return names, nil
}

// Select resolves the requested suite names against the available ones.
func Select(dir string, requested []string) ([]string, error) {
	avail, err := Available(dir)
	if err != nil {
		return nil, err
	}
	if len(avail) == 0 {
		return nil, fmt.Errorf("no suites in %s (a suite is a Go test package per service, e.g. suites/sqs)", dir)
	}
	if len(requested) == 0 {
		return avail, nil
	}
	known := map[string]bool{}
	for _, a := range avail {
		known[a] = true
	}
	seen := map[string]bool{}
	var out []string
	for _, r := range requested {
		if !known[r] {
			return nil, fmt.Errorf("--suite: unknown suite %q (available: %s)", r, strings.Join(avail, ", "))
		}
		if !seen[r] {
			seen[r] = true
			out = append(out, r)
		}
	}
	return out, nil
}

// Run compiles and runs the suites.
func Run(ctx context.Context, o Options) (Summary, error) {
	if o.Stdout == nil {
		o.Stdout = os.Stdout
	}
	if o.SuiteDir == "" {
		o.SuiteDir = filepath.Join(o.Root, "suites")
	}
	if o.Jobs < 1 {
		o.Jobs = 1
	}
	if o.Timeout == 0 {
		o.Timeout = time.Hour
	}
	suites, err := Select(o.SuiteDir, o.Suites)
	if err != nil {
		return Summary{}, err
	}
	if err := prepareOut(o, suites); err != nil {
		return Summary{}, err
	}
	started := time.Now().UTC()

	bin, err := os.MkdirTemp("", "parity-suites-")
	if err != nil {
		return Summary{}, err
	}
	defer os.RemoveAll(bin)
	p := newPrinter(o.Stdout, o.Verbose)
	p.line(fmt.Sprintf("compiling %d suite(s): %s", len(suites), strings.Join(suites, ", ")))
	if err := compile(ctx, o, suites, bin); err != nil {
		return Summary{}, err
	}

	results := make([]Suite, len(suites))
	sem := make(chan struct{}, o.Jobs)
	var wg sync.WaitGroup
	for i, name := range suites {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			results[i] = runSuite(ctx, o, name, filepath.Join(bin, name+".test"), started, p)
		}()
	}
	wg.Wait()
	p.finish()

	run := runlog.Run{
		SchemaVersion: runlog.SchemaVersion, Mode: o.Mode, Target: o.Target, TargetKind: o.TargetKind,
		Suites: suites, Shard: o.Shard, Started: started, Finished: time.Now().UTC(), Version: o.Version,
	}
	data, _ := json.MarshalIndent(run, "", "  ")
	if err := os.WriteFile(filepath.Join(o.Out, "run.json"), append(data, '\n'), 0o644); err != nil {
		return Summary{Suites: results}, fmt.Errorf("--out %s: %w", o.Out, err)
	}
	return Summary{Suites: results}, nil
}

// prepareOut creates the output directory and, unless the run is a shard
// (shards of one run may share a directory), removes the previous logs of
// the suites about to run.
func prepareOut(o Options, suites []string) error {
	for _, sub := range []string{"calls", "results", "server", "logs"} {
		dir := filepath.Join(o.Out, sub)
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return fmt.Errorf("--out %s: %w", o.Out, err)
		}
		if o.Shard != "" {
			continue
		}
		for _, s := range suites {
			old, _ := filepath.Glob(filepath.Join(dir, s+"-*.jsonl"))
			old = append(old, filepath.Join(dir, s+".log"))
			for _, f := range old {
				_ = os.Remove(f)
			}
		}
	}
	return nil
}

// compile builds every suite's test binary into bin with one `go test -c`.
func compile(ctx context.Context, o Options, suites []string, bin string) error {
	args := []string{"test", "-c", "-o", bin + string(filepath.Separator)}
	for _, s := range suites {
		rel, err := filepath.Rel(o.Root, filepath.Join(o.SuiteDir, s))
		if err != nil {
			return err
		}
		args = append(args, "./"+filepath.ToSlash(rel))
	}
	cmd := exec.CommandContext(ctx, "go", args...)
	cmd.Dir = o.Root
	out, err := cmd.CombinedOutput()
	if err != nil {
		return fmt.Errorf("compiling the suites (go %s) failed: %v\n%s", strings.Join(args, " "), err, strings.TrimSpace(string(out)))
	}
	for _, s := range suites {
		if _, err := os.Stat(filepath.Join(bin, s+".test")); err != nil {
			return fmt.Errorf("suite %s: go test -c produced no %s.test (is the package name's directory %s?)", s, s, s)
		}
	}
	return nil
}

// runSuite runs one suite binary in its package directory.
func runSuite(ctx context.Context, o Options, name, binary string, started time.Time, p *printer) Suite {
	res := Suite{Name: name, Log: filepath.Join(o.Out, "logs", name+".log")}
	logf, err := os.Create(res.Log)
	if err != nil {
		res.Err = err
		return res
	}
	defer logf.Close()

	ctx, cancel := context.WithTimeout(ctx, o.Timeout)
	defer cancel()
	args := []string{"-test.timeout=" + o.Timeout.String(), "-ginkgo.no-color", "-ginkgo.silence-skips"}
	if o.Focus != "" {
		args = append(args, "-ginkgo.focus="+o.Focus)
	}
	if o.LabelFilter != "" {
		args = append(args, "-ginkgo.label-filter="+o.LabelFilter)
	}
	cmd := exec.CommandContext(ctx, binary, args...)
	cmd.Dir = filepath.Join(o.SuiteDir, name)
	cmd.Env = append(os.Environ(), suiteEnv(o, started)...)
	cmd.Stderr = logf
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		res.Err = err
		return res
	}
	if err := cmd.Start(); err != nil {
		res.Err = fmt.Errorf("suite %s: %w", name, err)
		return res
	}
	pid := cmd.Process.Pid
	sc := bufio.NewScanner(stdout)
	sc.Buffer(make([]byte, 64<<10), 16<<20)
	for sc.Scan() {
		line := sc.Text()
		if rest, ok := strings.CutPrefix(line, harness.NotePrefix); ok {
			p.line(name + " " + rest)
			continue
		}
		if rest, ok := strings.CutPrefix(line, harness.ProgressPrefix); ok {
			var pr harness.Progress
			if json.Unmarshal([]byte(rest), &pr) == nil {
				p.progress(pr)
				continue
			}
		}
		fmt.Fprintln(logf, line)
		if o.Verbose {
			p.line(name + "| " + line)
		}
	}
	err = cmd.Wait()
	var ee *exec.ExitError
	switch {
	case errors.As(err, &ee):
		res.ExitCode = ee.ExitCode()
	case err != nil:
		res.Err = fmt.Errorf("suite %s: %w", name, err)
	}
	res.Results, _ = readResults(filepath.Join(o.Out, "results", fmt.Sprintf("%s-%d.jsonl", name, pid)))
	if res.ExitCode != 0 && len(res.Results) == 0 && res.Err == nil {
		res.Err = fmt.Errorf("suite %s exited with status %d before running specs:\n%s", name, res.ExitCode, tail(res.Log, 15))
	}
	return res
}

// suiteEnv is the PARITY_* environment of a suite process; started is when
// the run began, before the suites were compiled.
func suiteEnv(o Options, started time.Time) []string {
	env := []string{
		"PARITY_RUN_STARTED=" + started.Format(time.RFC3339),
		"PARITY_MODE=" + o.Mode,
		"PARITY_TARGET=" + o.Target,
		"PARITY_OUT=" + o.Out,
		"PARITY_PROGRESS=1",
		"PARITY_SHARD=" + o.Shard,
		"PARITY_REFERENCE_DIR=" + o.ReferenceDir,
		"PARITY_SNAPSHOT_DIR=" + o.SnapshotDir,
		"PARITY_ALLOW_EMULATOR=",
	}
	if o.AllowEmulator {
		env[len(env)-1] = "PARITY_ALLOW_EMULATOR=1"
	}
	return env
}

// readResults reads a results file; a missing file is no results.
func readResults(path string) ([]runlog.SpecResult, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []runlog.SpecResult
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64<<10), 64<<20)
	for sc.Scan() {
		var r runlog.SpecResult
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			return out, fmt.Errorf("%s: %w", path, err)
		}
		out = append(out, r)
	}
	return out, sc.Err()
}

// tail returns the last n lines of a file.
func tail(path string, n int) string {
	data, err := os.ReadFile(path)
	if err != nil {
		return ""
	}
	lines := strings.Split(strings.TrimRight(string(data), "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}
