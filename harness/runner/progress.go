package runner

import (
	"fmt"
	"io"
	"os"
	"sync"

	"github.com/parity-harness/parity/harness"
)

// printer renders progress: on a terminal one status line rewritten in
// place (failures and notes stay above it), elsewhere one plain line per
// finished spec.
type printer struct {
	mu      sync.Mutex
	w       io.Writer
	tty     bool
	verbose bool // print divergence notes too
	status  bool // a status line is on screen
}

func newPrinter(w io.Writer, verbose bool) *printer {
	p := &printer{w: w, verbose: verbose}
	if f, ok := w.(*os.File); ok {
		if st, err := f.Stat(); err == nil && st.Mode()&os.ModeCharDevice != 0 {
			p.tty = true
		}
	}
	return p
}

// line prints a permanent line.
func (p *printer) line(s string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.clear()
	fmt.Fprintln(p.w, s)
}

func (p *printer) progress(pr harness.Progress) {
	p.mu.Lock()
	defer p.mu.Unlock()
	notes := pr.Notes
	if p.verbose {
		notes = append(notes, pr.Divergences...)
	}
	total := fmt.Sprint(pr.Total)
	if pr.Total == 0 {
		total = "?"
	}
	if !p.tty {
		if pr.State != "skipped" {
			fmt.Fprintf(p.w, "%s %d/%s %s %s\n", pr.Suite, pr.Done, total, pr.State, pr.Spec)
		}
		for _, n := range notes {
			fmt.Fprintf(p.w, "%s note: %s\n", pr.Suite, n)
		}
		return
	}
	p.clear()
	if pr.State == "failed" {
		fmt.Fprintf(p.w, "FAIL %s\n", pr.Spec)
	}
	for _, n := range notes {
		fmt.Fprintf(p.w, "note: %s\n", n)
	}
	spec := pr.Spec
	if len(spec) > 80 {
		spec = "…" + spec[len(spec)-79:]
	}
	fmt.Fprintf(p.w, "\r[%s %d/%s] %s", pr.Suite, pr.Done, total, spec)
	p.status = true
}

// clear removes the status line.
func (p *printer) clear() {
	if p.tty && p.status {
		fmt.Fprint(p.w, "\r\033[K")
		p.status = false
	}
}

func (p *printer) finish() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.clear()
}
