package main

import (
	"errors"
	"flag"
	"fmt"
	"os"

	"github.com/parity-harness/parity/harness"
)

func init() {
	register("reference", "verify a target against the AWS reference recordings the specs declare", runReference)
}

// runReference: parity reference --dir DIR [--target emulator|URL] [--suite ...]
func runReference(args []string) error {
	fs := flag.NewFlagSet("reference", flag.ContinueOnError)
	var f suiteFlags
	f.register(fs, harness.TargetName(), "out/reference")
	dir := fs.String("dir", os.Getenv("PARITY_REFERENCE_DIR"), "directory of the AWS reference recordings (<service>/<test file>.json)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *dir == "" {
		return &exitError{code: 2, err: errors.New("--dir is required: the directory of the AWS reference recordings, e.g. ../shared/aws-reference")}
	}
	refDir, err := absPath(*dir)
	if err != nil {
		return fmt.Errorf("--dir: %w", err)
	}
	if st, err := os.Stat(refDir); err != nil || !st.IsDir() {
		return &exitError{code: 2, err: fmt.Errorf("--dir %s: not a directory of reference recordings", *dir)}
	}
	o, err := f.options(harness.ModeReference)
	if err != nil {
		return err
	}
	o.ReferenceDir = refDir
	o.LabelFilter = joinLabelFilter(harness.ReferenceLabel, o.LabelFilter)
	return runSuites(o, true)
}

// joinLabelFilter restricts filter to specs labelled label.
func joinLabelFilter(label, filter string) string {
	if filter == "" {
		return label
	}
	return label + " && (" + filter + ")"
}
