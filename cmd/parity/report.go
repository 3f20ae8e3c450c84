package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/parity-harness/parity/reports"
)

func init() {
	register("report", "merge run directories into coverage.json, Markdown, HTML, JUnit and a badge", runReport)
}

// dirList is a repeatable --in flag.
type dirList []string

func (d *dirList) String() string { return strings.Join(*d, ",") }
func (d *dirList) Set(v string) error {
	if v == "" {
		return fmt.Errorf("empty directory")
	}
	*d = append(*d, v)
	return nil
}

// exitRegressions is the exit status when --compare finds regressions.
const exitRegressions = 3

func runReport(args []string) error {
	return report(args, os.Stdout, os.Stderr)
}

func report(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("report", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var in dirList
	fs.Var(&in, "in", "run directory to read (repeat for shards; default out/run)")
	out := fs.String("out", "out/report", "directory to write the report into")
	compare := fs.String("compare", "", "base report (coverage.json, a report directory or a run directory): list regressions, exit 3 when there are any")
	history := fs.String("history", "", "previous history.json to extend (default: the one in --out)")
	quiet := fs.Bool("quiet", false, "do not print the Markdown summary")
	if err := fs.Parse(args); err != nil {
		return &exitError{code: 2, err: err}
	}
	if fs.NArg() > 0 {
		return &exitError{code: 2, err: fmt.Errorf("unexpected arguments %q (use --in DIR)", fs.Args())}
	}
	if len(in) == 0 {
		in = dirList{"out/run"}
	}
	den, err := reports.DefaultDenominator()
	if err != nil {
		return fmt.Errorf("load API model catalog: %w", err)
	}
	inputs, err := reports.ReadDirs(in)
	if err != nil {
		return err
	}
	r := &reports.Report{Coverage: reports.Build(inputs, den)}

	histFile := *history
	if histFile == "" {
		histFile = filepath.Join(*out, reports.HistoryFile)
	}
	if r.History, err = reports.ReadHistory(histFile); err != nil {
		return err
	}
	r.History.Add(r.Coverage)

	if *compare != "" {
		base, err := reports.LoadBase(*compare, den)
		if err != nil {
			return err
		}
		r.Comparison = reports.Compare(base, r.Coverage)
		r.Comparison.Base = *compare
	}
	if err := reports.Write(*out, r); err != nil {
		return fmt.Errorf("write report to %s: %w", *out, err)
	}
	if !*quiet {
		if err := reports.Markdown(stdout, r.Coverage, r.Comparison); err != nil {
			return err
		}
	}
	fmt.Fprintf(stderr, "parity report: wrote %s (coverage.json, index.html, junit.xml, badge.svg)\n", *out)
	if r.Comparison != nil && len(r.Comparison.Regressions) > 0 {
		return &exitError{code: exitRegressions, err: fmt.Errorf("%d regression(s) against %s", len(r.Comparison.Regressions), *compare)}
	}
	return nil
}
