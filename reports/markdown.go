package reports

import (
	"fmt"
	"io"
	"strings"
)

// Markdown writes the summary for a CI job summary ($GITHUB_STEP_SUMMARY)
// and the terminal: headline, regressions, one table per service that is
// served or was called, failing specs with their diffs, and one line for
// the rest of the modeled services.
func Markdown(w io.Writer, cov *Coverage, cmp *Comparison) error {
	b := &strings.Builder{}
	t := cov.Totals
	fmt.Fprintf(b, "## Parity report\n\n")
	fmt.Fprintf(b, "**Parity %s** (%d of %d implemented operations verified) · %d of %d modeled operations implemented (%s) in %d of %d services · specs: %d passed, %d failed, %d skipped\n\n",
		fmtPct(t.ParityPct), t.Verified, t.Implemented, t.Implemented, t.Operations, fmtPct(t.ImplementedPct),
		t.ServedServices, t.Services, cov.Specs.Passed, cov.Specs.Failed, cov.Specs.Skipped)

	if cmp != nil {
		if len(cmp.Regressions) == 0 {
			fmt.Fprintf(b, "No regressions against `%s`", cmp.Base)
		} else {
			fmt.Fprintf(b, "### ❌ %d regression(s) against `%s`\n\n", len(cmp.Regressions), cmp.Base)
			for _, r := range cmp.Regressions {
				fmt.Fprintf(b, "- %s `%s` / %s: %s → **%s**\n", r.Kind, r.Scope, mdEscape(r.Name), r.Was, r.Now)
			}
		}
		if len(cmp.Fixed) > 0 {
			fmt.Fprintf(b, "\n\n%d fixed since the base: ", len(cmp.Fixed))
			for i, r := range cmp.Fixed {
				if i > 0 {
					b.WriteString(", ")
				}
				fmt.Fprintf(b, "%s `%s/%s`", r.Kind, r.Scope, mdEscape(r.Name))
			}
		}
		b.WriteString("\n\n")
	}

	shown := shownServices(cov)
	if len(shown) > 0 {
		b.WriteString("| Service | Implemented | Exercised | Passing | Failing | Snapshot-verified | AWS reference | Server-seen | Params | Errors | Parity |\n")
		b.WriteString("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n")
		for _, s := range shown {
			st := s.Totals
			fmt.Fprintf(b, "| %s | %d/%d | %d | %d | %d | %d | %d | %d | %d/%d | %d/%d | %s |\n", s.Name,
				st.Implemented, st.Operations, st.Exercised, st.Passing, st.Failing, st.SnapshotVerified,
				st.ReferenceVerified, st.ServerSeen, st.Params.Exercised, st.Params.Modeled,
				st.Errors.Exercised, st.Errors.Modeled, fmtPct(st.ParityPct))
		}
		b.WriteString("\n")
	}
	rest, restOps := 0, 0
	for _, s := range cov.Services {
		if !isShown(s) {
			rest++
			restOps += s.Totals.Operations
		}
	}
	fmt.Fprintf(b, "%d other modeled services (%d operations) are not served: 0%%.\n\n", rest, restOps)

	if failed := failedSpecs(cov); len(failed) > 0 {
		fmt.Fprintf(b, "### Failing specs (%d)\n\n", len(failed))
		for i, s := range failed {
			fmt.Fprintf(b, "- **%s** / %s: %s\n", s.Suite, mdEscape(s.Spec), mdEscape(clip(firstLine(s.Failure), maxMessage)))
			if d := clipLines(specDiff(s), maxDiffLines); d != "" && i < maxDiffs {
				fence := "```"
				for strings.Contains(d, fence) {
					fence += "`"
				}
				fmt.Fprintf(b, "\n  <details><summary>diff</summary>\n\n%sdiff\n%s\n%s\n\n  </details>\n\n", fence, d, fence)
			}
		}
		b.WriteString("\n")
	}

	for _, s := range shown {
		fmt.Fprintf(b, "### %s (%s, %s)\n\n", s.Name, s.ServiceID, s.Protocol)
		b.WriteString("| Operation | Status | Calls (suites / server) | Specs ✓/✗/– | Snapshot | AWS reference | Params | Errors |\n")
		b.WriteString("|---|---|--:|--:|---|---|--:|--:|\n")
		hidden := 0
		for _, op := range s.Operations {
			if op.Status == StatusUnimplemented && op.Server.Calls == 0 {
				hidden++
				continue
			}
			snap := "–"
			if op.Snapshot.Verified {
				snap = "✓ " + strings.Join(op.Snapshot.Provenance, ", ")
			}
			ref := "–"
			switch {
			case op.Reference.Verified:
				ref = "✓"
			case len(op.Reference.Mismatched) > 0:
				ref = "✗"
			}
			fmt.Fprintf(b, "| %s | %s | %d / %d | %d/%d/%d | %s | %s | %d/%d | %d/%d |\n", op.Name, statusMark(op.Status),
				op.Exercised.Calls, op.Server.Calls, op.Specs.Passed, op.Specs.Failed, op.Specs.Skipped, snap, ref,
				len(op.Params.Exercised), op.Params.Modeled, len(op.Errors.Exercised), op.Errors.Modeled)
		}
		if hidden > 0 {
			fmt.Fprintf(b, "\n%d more modeled operations are not implemented.\n", hidden)
		}
		b.WriteString("\n")
	}
	if len(cov.Unmodeled) > 0 {
		b.WriteString("Calls the models do not know: ")
		for i, u := range cov.Unmodeled {
			if i > 0 {
				b.WriteString(", ")
			}
			name := u.Service + ":" + u.Operation
			if u.Service == "" {
				name = "(unroutable)"
			}
			fmt.Fprintf(b, "`%s` ×%d (%s)", name, u.Calls, u.Source)
		}
		b.WriteString("\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// isShown says whether a service gets its own table: served, or called.
func isShown(s Service) bool {
	return s.Served || s.Totals.Exercised > 0 || s.Totals.ServerSeen > 0
}

func shownServices(cov *Coverage) []Service {
	var out []Service
	for _, s := range cov.Services {
		if isShown(s) {
			out = append(out, s)
		}
	}
	return out
}

func failedSpecs(cov *Coverage) []SpecResult {
	var out []SpecResult
	for _, s := range cov.SpecResults {
		if s.State == StateFailed {
			out = append(out, s)
		}
	}
	return out
}

// specDiff joins the diffs of a spec's mismatched keys.
func specDiff(s SpecResult) string {
	var parts []string
	for _, k := range s.Keys {
		if k.Diff != "" {
			parts = append(parts, "# "+k.Key+"\n"+k.Diff)
		}
	}
	return strings.Join(parts, "\n")
}

// Bounds that keep the summary within CI summary and comment limits; the
// dashboard's failures page has everything.
const (
	maxDiffs     = 20  // failing specs shown with their diff
	maxDiffLines = 40  // lines of one spec's diff
	maxMessage   = 300 // characters of a failure's first line
)

func clip(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n]) + " …"
	}
	return s
}

func clipLines(s string, n int) string {
	lines := strings.Split(s, "\n")
	if len(lines) <= n {
		return s
	}
	return strings.Join(lines[:n], "\n") + fmt.Sprintf("\n… %d more lines (failures.html in the report)", len(lines)-n)
}

func statusMark(s string) string {
	switch s {
	case StatusPassing:
		return "✅ passing"
	case StatusFailing:
		return "❌ failing"
	case StatusSkipped:
		return "⏭ skipped"
	case StatusUntested:
		return "⚪ untested"
	}
	return "– " + s
}

func fmtPct(p float64) string { return fmt.Sprintf("%.1f%%", p) }

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i] + " …"
	}
	return s
}

// mdEscape keeps text from breaking a table cell or a list item.
func mdEscape(s string) string {
	r := strings.NewReplacer("|", "\\|", "\n", " ", "<", "&lt;", ">", "&gt;")
	return r.Replace(s)
}
