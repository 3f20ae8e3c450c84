package main

import (
	"flag"

	"github.com/parity-harness/parity/harness"
)

func init() {
	register("test", "replay the suites against a target and verify the snapshots", runTest)
}

// runTest: parity test [--target emulator|aws|URL] [--suite sqs,s3] [--focus RE] [--shard K/N] [--out DIR]
func runTest(args []string) error {
	fs := flag.NewFlagSet("test", flag.ContinueOnError)
	var f suiteFlags
	f.register(fs, harness.TargetName(), "out/run")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	o, err := f.options(harness.ModeVerify)
	if err != nil {
		return err
	}
	return runSuites(o, false)
}
