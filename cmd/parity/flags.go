package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/parity-harness/parity/emulator"
	"github.com/parity-harness/parity/harness"
	"github.com/parity-harness/parity/harness/runner"
)

// stdout receives the progress and summaries of the suite commands.
var stdout io.Writer = os.Stdout

// suiteFlags are the flags of the commands that run suites (test, record,
// reference).
type suiteFlags struct {
	target      string
	suite       string
	focus       string
	labelFilter string
	shard       string
	out         string
	snapshotDir string
	suiteDir    string
	jobs        int
	verbose     bool
}

func (f *suiteFlags) register(fs *flag.FlagSet, defaultTarget, defaultOut string) {
	fs.StringVar(&f.target, "target", defaultTarget, "where the suites' clients point: emulator (in-process), aws, or an endpoint URL such as http://127.0.0.1:5000")
	fs.StringVar(&f.suite, "suite", "", "comma-separated suites to run (default: all under suites/)")
	fs.StringVar(&f.focus, "focus", "", "run only specs whose text matches this regular expression")
	fs.StringVar(&f.labelFilter, "label-filter", "", "Ginkgo label filter, e.g. '!slow'")
	fs.StringVar(&f.shard, "shard", "", "K/N: run the K-th of N deterministic slices of the specs (by hash of the spec id)")
	fs.StringVar(&f.out, "out", defaultOut, "directory for the run logs the report reads (results, calls, server calls, suite output)")
	fs.StringVar(&f.snapshotDir, "snapshot-dir", os.Getenv("PARITY_SNAPSHOT_DIR"), "snapshot root (default: <repository>/snapshots)")
	fs.StringVar(&f.suiteDir, "suite-dir", "", "directory holding the suite packages (default: <repository>/suites)")
	fs.IntVar(&f.jobs, "jobs", 1, "suites run at the same time (each with its own in-process emulator)")
	fs.BoolVar(&f.verbose, "v", false, "also print the suites' own (Ginkgo) output")
}

// options checks the flags, resolves paths and the target, and returns the
// runner options of mode.
func (f *suiteFlags) options(mode string) (runner.Options, error) {
	wd, err := os.Getwd()
	if err != nil {
		return runner.Options{}, err
	}
	root, err := harness.RepoRoot(wd)
	if err != nil {
		return runner.Options{}, err
	}
	if f.target == "" {
		f.target = harness.KindEmulator
	}
	if err := harness.ParseTarget(f.target); err != nil {
		return runner.Options{}, fmt.Errorf("--target: %w", err)
	}
	if f.shard != "" {
		if _, _, err := harness.ParseShard(f.shard); err != nil {
			return runner.Options{}, fmt.Errorf("--shard: %w", err)
		}
	}
	if f.jobs < 1 {
		return runner.Options{}, fmt.Errorf("--jobs %d: want at least 1", f.jobs)
	}
	o := runner.Options{
		Root:        root,
		Mode:        mode,
		Target:      f.target,
		Focus:       f.focus,
		LabelFilter: f.labelFilter,
		Shard:       f.shard,
		Jobs:        f.jobs,
		Verbose:     f.verbose,
		Stdout:      stdout,
		Version:     emulator.Version,
	}
	for _, s := range strings.Split(f.suite, ",") {
		if s = strings.TrimSpace(s); s != "" {
			o.Suites = append(o.Suites, s)
		}
	}
	if o.Out, err = absPath(f.out); err != nil {
		return o, fmt.Errorf("--out: %w", err)
	}
	if f.snapshotDir != "" {
		if o.SnapshotDir, err = absPath(f.snapshotDir); err != nil {
			return o, fmt.Errorf("--snapshot-dir: %w", err)
		}
	}
	o.SuiteDir = filepath.Join(root, "suites")
	if f.suiteDir != "" {
		if o.SuiteDir, err = absPath(f.suiteDir); err != nil {
			return o, fmt.Errorf("--suite-dir: %w", err)
		}
	}
	if o.Suites, err = runner.Select(o.SuiteDir, o.Suites); err != nil {
		return o, err
	}
	o.TargetKind, err = checkTarget(f.target)
	return o, err
}

// checkTarget makes sure the target can be used before any suite is
// compiled: an endpoint answers, AWS credentials resolve. It returns the
// target kind.
func checkTarget(name string) (string, error) {
	if name == harness.KindEmulator {
		return harness.KindEmulator, nil
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	t, err := harness.StartTarget(ctx, name)
	if err != nil {
		return "", err
	}
	if _, err := harness.Config(ctx, t); err != nil {
		return "", err
	}
	return t.Kind, nil
}

func absPath(p string) (string, error) {
	if p == "" {
		return "", fmt.Errorf("empty path")
	}
	return filepath.Abs(p)
}

// runSuites runs the suites and prints the summary; failures become exit
// status 1.
func runSuites(o runner.Options, printReference bool) error {
	sum, err := runner.Run(context.Background(), o)
	if err != nil {
		return err
	}
	runner.PrintSummary(o.Stdout, sum)
	if printReference {
		fmt.Fprintln(o.Stdout)
		runner.PrintReference(o.Stdout, sum)
	}
	fmt.Fprintf(o.Stdout, "run logs: %s\n", o.Out)
	if sum.Failed() {
		return &exitError{code: 1, err: fmt.Errorf("specs failed (details above; suite output in %s)", filepath.Join(o.Out, "logs"))}
	}
	return nil
}

// parseFlags parses args, turning -h into a clean exit and errors into
// status 2.
func parseFlags(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			os.Exit(0)
		}
		return &exitError{code: 2, err: err}
	}
	if fs.NArg() > 0 {
		return &exitError{code: 2, err: fmt.Errorf("unexpected argument %q (flags only; see -h)", fs.Arg(0))}
	}
	return nil
}
