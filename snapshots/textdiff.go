package snapshots

import (
	"strings"

	"github.com/sergi/go-diff/diffmatchpatch"
)

// diffContext is the number of unchanged lines TextDiff shows around a change.
const diffContext = 3

// TextDiff returns a line diff (go-diff) of the pretty-printed recorded and
// live documents: lines only recorded start with "- ", lines only live with
// "+ ", common lines with "  ". Only diffContext common lines around each
// change are kept; a skipped run is shown as "  ...". Empty when the printed
// forms are equal.
func TextDiff(recorded, live any) string {
	a, b := Pretty(recorded)+"\n", Pretty(live)+"\n"
	if a == b {
		return ""
	}
	dmp := diffmatchpatch.New()
	ca, cb, table := dmp.DiffLinesToChars(a, b)
	diffs := dmp.DiffCharsToLines(dmp.DiffMain(ca, cb, false), table)
	var lines []string
	for _, d := range diffs {
		prefix := "  "
		switch d.Type {
		case diffmatchpatch.DiffDelete:
			prefix = "- "
		case diffmatchpatch.DiffInsert:
			prefix = "+ "
		}
		for _, line := range strings.SplitAfter(d.Text, "\n") {
			if line != "" {
				lines = append(lines, prefix+line)
			}
		}
	}
	keep := make([]bool, len(lines))
	for i, l := range lines {
		if !strings.HasPrefix(l, "  ") {
			for j := max(0, i-diffContext); j <= min(len(lines)-1, i+diffContext); j++ {
				keep[j] = true
			}
		}
	}
	var out strings.Builder
	for i, l := range lines {
		switch {
		case keep[i]:
			out.WriteString(l)
		case i == 0 || keep[i-1]:
			out.WriteString("  ...\n")
		}
	}
	return out.String()
}
