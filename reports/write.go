package reports

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// Report is everything one `parity report` invocation produces.
type Report struct {
	Coverage   *Coverage
	History    *History
	Comparison *Comparison // nil without --compare
}

// Files written by Write, relative to the output directory.
const (
	CoverageFile   = "coverage.json"
	HistoryFile    = "history.json"
	ComparisonFile = "comparison.json"
	SummaryFile    = "summary.md"
	JUnitFile      = "junit.xml"
	BadgeFile      = "badge.svg"
	IndexFile      = "index.html"
)

// Write renders every output into dir: coverage.json, history.json,
// summary.md, junit.xml, badge.svg, the HTML dashboard, and comparison.json
// when there is a comparison.
func Write(dir string, r *Report) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	write := func(name string, render func(*bytes.Buffer) error) error {
		var b bytes.Buffer
		if err := render(&b); err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		return writeAtomic(filepath.Join(dir, name), b.Bytes())
	}
	if err := write(CoverageFile, func(b *bytes.Buffer) error { return encodeJSON(b, r.Coverage) }); err != nil {
		return err
	}
	if r.History != nil {
		if err := write(HistoryFile, func(b *bytes.Buffer) error { return encodeJSON(b, r.History) }); err != nil {
			return err
		}
	}
	if r.Comparison != nil {
		if err := write(ComparisonFile, func(b *bytes.Buffer) error { return encodeJSON(b, r.Comparison) }); err != nil {
			return err
		}
	} else if err := os.Remove(filepath.Join(dir, ComparisonFile)); err != nil && !errors.Is(err, os.ErrNotExist) {
		return err // a comparison left by an earlier report would be stale
	}
	if err := write(SummaryFile, func(b *bytes.Buffer) error { return Markdown(b, r.Coverage, r.Comparison) }); err != nil {
		return err
	}
	if err := write(JUnitFile, func(b *bytes.Buffer) error { return JUnit(b, r.Coverage) }); err != nil {
		return err
	}
	if err := write(BadgeFile, func(b *bytes.Buffer) error { return Badge(b, r.Coverage) }); err != nil {
		return err
	}
	return HTML(dir, r.Coverage, r.History, r.Comparison)
}

func encodeJSON(b *bytes.Buffer, v any) error {
	enc := json.NewEncoder(b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// writeAtomic replaces file with data so readers never see half a file.
func writeAtomic(file string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(file), "."+filepath.Base(file)+".*")
	if err != nil {
		return err
	}
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return err
	}
	if err := tmp.Close(); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	return os.Rename(tmp.Name(), file)
}
