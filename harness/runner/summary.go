package runner

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/parity-harness/parity/harness/runlog"
)

// PrintSummary writes the failures (with their messages, diffs included)
// and the per-suite counts.
func PrintSummary(w io.Writer, s Summary) {
	for _, su := range s.Suites {
		for _, r := range su.Results {
			if r.State != "failed" {
				continue
			}
			fmt.Fprintf(w, "\nFAIL %s\n%s\n", r.Spec, indent(strings.TrimRight(r.Failure, "\n"), "  "))
		}
		if su.Err != nil {
			fmt.Fprintf(w, "\nERROR %v\n", su.Err)
		}
	}
	fmt.Fprintln(w)
	for _, su := range s.Suites {
		counts := map[string]int{}
		for _, r := range su.Results {
			counts[r.State]++
		}
		status := "ok"
		if su.Err != nil || su.ExitCode != 0 || counts["failed"] > 0 {
			status = "FAIL"
		}
		fmt.Fprintf(w, "%-4s %-16s %d passed, %d failed, %d skipped, %d pending  (log: %s)\n",
			status, su.Name, counts["passed"], counts["failed"], counts["skipped"], counts["pending"], su.Log)
	}
}

// PrintReference writes, per spec that declared a reference, the state of
// each key, then per suite the share of compared reference keys that
// match. Several specs may split one recorded test between them: a key one
// of them leaves out counts as not reproduced only when none of them
// compares it.
func PrintReference(w io.Writer, s Summary) {
	for _, su := range s.Suites {
		matched, compared, specs := 0, 0, 0
		notReproduced := map[[2]string]bool{}
		var specsOut []runlog.SpecResult
		comparedSomewhere := map[[2]string]bool{} // reference id, key
		for _, r := range su.Results {
			if r.Reference != nil {
				specsOut = append(specsOut, r)
				for _, k := range r.Reference.Keys {
					if k.State != "not-reproduced" {
						comparedSomewhere[[2]string{r.Reference.ID, k.Key}] = true
					}
				}
			}
		}
		sort.Slice(specsOut, func(i, j int) bool { return specsOut[i].Spec < specsOut[j].Spec })
		for _, r := range specsOut {
			specs++
			fmt.Fprintf(w, "%s\n  reference %s\n", r.Spec, r.Reference.ID)
			for _, k := range r.Reference.Keys {
				mark := "pass"
				switch k.State {
				case "matched":
					matched++
					compared++
				case "not-reproduced":
					mark = "----"
					if comparedSomewhere[[2]string{r.Reference.ID, k.Key}] {
						mark = "...."
						k.State = "compared by another spec of this reference"
					} else {
						notReproduced[[2]string{r.Reference.ID, k.Key}] = true
					}
				default:
					mark = "FAIL"
					compared++
				}
				fmt.Fprintf(w, "    %s %s", mark, k.Key)
				if k.State != "matched" {
					fmt.Fprintf(w, " (%s)", k.State)
				}
				fmt.Fprintln(w)
				if k.Diff != "" {
					fmt.Fprint(w, indent(strings.TrimRight(k.Diff, "\n"), "        ")+"\n")
				}
			}
		}
		pct := 0.0
		if compared > 0 {
			pct = 100 * float64(matched) / float64(compared)
		}
		fmt.Fprintf(w, "%s: %d/%d reference keys match (%.1f%%) in %d spec(s); %d reference keys not reproduced by the specs\n",
			su.Name, matched, compared, pct, specs, len(notReproduced))
	}
}

func indent(s, prefix string) string {
	if s == "" {
		return ""
	}
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = prefix + l
	}
	return strings.Join(lines, "\n")
}
