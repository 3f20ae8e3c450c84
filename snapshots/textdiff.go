package snapshots

import (
	"strings"

	"github.com/sergi/go-diff/diffmatchpatch"
)

// TextDiff returns a line diff (go-diff) of the pretty-printed recorded and
// live documents: lines only recorded start with "- ", lines only live with
// "+ ", common lines with "  ". Empty when the printed forms are equal.
func TextDiff(recorded, live any) string {
	a, b := Pretty(recorded)+"\n", Pretty(live)+"\n"
	if a == b {
		return ""
	}
	dmp := diffmatchpatch.New()
	ca, cb, lines := dmp.DiffLinesToChars(a, b)
	diffs := dmp.DiffCharsToLines(dmp.DiffMain(ca, cb, false), lines)
	var out strings.Builder
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
				out.WriteString(prefix + line)
			}
		}
	}
	return out.String()
}
