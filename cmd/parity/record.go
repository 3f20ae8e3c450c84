package main

import (
	"errors"
	"flag"
	"os"

	"github.com/parity-harness/parity/harness"
)

func init() {
	register("record", "run the suites against AWS or an endpoint and (re)write their snapshots", runRecord)
}

// runRecord: parity record --target aws|URL [--suite ...] [--focus RE]
func runRecord(args []string) error {
	fs := flag.NewFlagSet("record", flag.ContinueOnError)
	var f suiteFlags
	f.register(fs, os.Getenv("PARITY_TARGET"), "out/record")
	allowEmulator := fs.Bool("allow-emulator", false, "allow recording against the emulator (only for what moto lacks; the provenance says emulator)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	switch {
	case f.target == "":
		return &exitError{code: 2, err: errors.New("--target is required: aws, or the URL of an AWS-compatible endpoint such as moto (http://127.0.0.1:5000)")}
	case f.target == harness.KindEmulator && !*allowEmulator:
		return &exitError{code: 2, err: errors.New("--target emulator: snapshots are recorded against AWS or moto; pass --allow-emulator to record what moto lacks against the emulator")}
	}
	o, err := f.options(harness.ModeRecord)
	if err != nil {
		return err
	}
	o.AllowEmulator = *allowEmulator
	return runSuites(o, false)
}
