package reports

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"

	"github.com/parity-harness/parity/emulator/calllog"
	"github.com/parity-harness/parity/harness/runlog"
)

// Inputs is everything one or more run directories recorded.
type Inputs struct {
	Runs    []runlog.Run
	Results []runlog.SpecResult
	Calls   []runlog.Call
	Server  []calllog.Entry
	// References are the results of a `parity reference` run: only their
	// checks against AWS recordings count, attached by Merge to the same
	// specs' results of a replay run.
	References []runlog.SpecResult
}

// ReadDir reads one run directory (the --out of `parity test`, `record` or
// `reference`, or a directory holding only server/*.jsonl call logs of a
// Terraform or CLI session). A directory without any run record is an error.
func ReadDir(dir string) (*Inputs, error) {
	in := &Inputs{}
	found := false
	runFile := filepath.Join(dir, "run.json")
	if data, err := os.ReadFile(runFile); err == nil {
		var r runlog.Run
		if err := json.Unmarshal(data, &r); err != nil {
			return nil, fmt.Errorf("%s: %w", runFile, err)
		}
		if r.SchemaVersion > runlog.SchemaVersion {
			return nil, fmt.Errorf("%s: run schema version %d is newer than this report generator (%d)", runFile, r.SchemaVersion, runlog.SchemaVersion)
		}
		in.Runs = append(in.Runs, r)
		found = true
	} else if !errors.Is(err, os.ErrNotExist) {
		return nil, err
	}
	if len(in.Runs) == 1 && in.Runs[0].Mode == "reference" {
		// A reference run replays specs already counted by the replay run;
		// its calls would be counted twice, its outcomes are reference checks.
		if _, err := readLines(filepath.Join(dir, "results"), &in.References); err != nil {
			return nil, err
		}
		return in, nil
	}
	n, err := readLines(filepath.Join(dir, "results"), &in.Results)
	if err != nil {
		return nil, err
	}
	found = found || n > 0
	n, err = readLines(filepath.Join(dir, "calls"), &in.Calls)
	if err != nil {
		return nil, err
	}
	found = found || n > 0
	n, err = readLines(filepath.Join(dir, "server"), &in.Server)
	if err != nil {
		return nil, err
	}
	found = found || n > 0
	if !found {
		return nil, fmt.Errorf("%s: no run.json, results/, calls/ or server/ records: not a parity run directory", dir)
	}
	return in, nil
}

// ReadDirs reads and merges several run directories (shards of one run, or
// a suite run plus call logs of other clients).
func ReadDirs(dirs []string) (*Inputs, error) {
	var all []*Inputs
	for _, d := range dirs {
		in, err := ReadDir(d)
		if err != nil {
			return nil, err
		}
		all = append(all, in)
	}
	return Merge(all...), nil
}

// readLines decodes every *.jsonl file of dir, in name order, appending to
// out. It returns the number of files read; a missing dir reads nothing.
func readLines[T any](dir string, out *[]T) (int, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.jsonl"))
	if err != nil {
		return 0, err
	}
	sort.Strings(files)
	for _, f := range files {
		if err := readFile(f, out); err != nil {
			return 0, err
		}
	}
	return len(files), nil
}

func readFile[T any](path string, out *[]T) error {
	fh, err := os.Open(path)
	if err != nil {
		return err
	}
	defer fh.Close()
	sc := bufio.NewScanner(fh)
	sc.Buffer(make([]byte, 0, 64*1024), 64*1024*1024)
	line := 0
	for sc.Scan() {
		line++
		b := sc.Bytes()
		if len(trimSpace(b)) == 0 {
			continue
		}
		var v T
		if err := json.Unmarshal(b, &v); err != nil {
			// A writer killed mid-line leaves a truncated last line; any
			// other broken line is corruption.
			if !sc.Scan() {
				return nil
			}
			return fmt.Errorf("%s:%d: %w", path, line, err)
		}
		*out = append(*out, v)
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}

func trimSpace(b []byte) []byte {
	for len(b) > 0 && (b[0] == ' ' || b[0] == '\t' || b[0] == '\r') {
		b = b[1:]
	}
	for len(b) > 0 && (b[len(b)-1] == ' ' || b[len(b)-1] == '\t' || b[len(b)-1] == '\r') {
		b = b[:len(b)-1]
	}
	return b
}
