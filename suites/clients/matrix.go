package clients

import (
	"fmt"
	"os"
	"sort"
	"strings"
)

// Markers delimit the generated block of the README.
const (
	MarkerStart = "<!-- client-matrix:start -->"
	MarkerEnd   = "<!-- client-matrix:end -->"
)

var clientTitles = map[string]string{"awscli": "AWS CLI v1", "js": "AWS SDK for JavaScript v3", "terraform": "Terraform + AWS provider 5.100.0"}

// Markdown renders the matrix: one table of client × service for the
// scripted clients, one row per Terraform stack.
func Markdown(results []Result) string {
	var b strings.Builder
	services := map[string]bool{}
	cells := map[string]map[string]Result{}
	var stacks []Result
	for _, r := range results {
		if r.Client == "terraform" {
			stacks = append(stacks, r)
			continue
		}
		services[r.Subject] = true
		if cells[r.Client] == nil {
			cells[r.Client] = map[string]Result{}
		}
		cells[r.Client][r.Subject] = r
	}
	if len(cells) > 0 {
		cols := sortedSet(services)
		b.WriteString("| client | " + strings.Join(cols, " | ") + " |\n|---|" + strings.Repeat("---|", len(cols)) + "\n")
		for _, client := range sortedKeys(cells) {
			b.WriteString("| " + title(client) + " |")
			for _, svc := range cols {
				r, ok := cells[client][svc]
				if !ok {
					b.WriteString(" – |")
					continue
				}
				b.WriteString(" " + cell(r) + " |")
			}
			b.WriteString("\n")
		}
	}
	if len(stacks) > 0 {
		b.WriteString("\n| Terraform stack | init → apply → plan (no diff) → destroy | apply + destroy |\n|---|---|---|\n")
		for _, r := range stacks {
			t := "–"
			if r.ApplyDestroy > 0 {
				t = fmt.Sprintf("%.0f s", r.ApplyDestroy.Seconds())
			}
			fmt.Fprintf(&b, "| %s | %s | %s |\n", r.Subject, cell(r), t)
		}
	}
	return b.String()
}

func cell(r Result) string {
	switch r.Status {
	case Pass:
		return "pass"
	case Pending:
		return "pending (" + r.Reason + ")"
	}
	reason := strings.ReplaceAll(r.Reason, "|", "/")
	if len(reason) > 120 {
		reason = reason[:120] + "…"
	}
	return "**fail**: " + reason
}

func title(client string) string {
	if t, ok := clientTitles[client]; ok {
		return t
	}
	return client
}

// UpdateReadme replaces the block between the markers of path with body.
func UpdateReadme(path, body string) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	s := string(b)
	i, j := strings.Index(s, MarkerStart), strings.Index(s, MarkerEnd)
	if i < 0 || j < i {
		return fmt.Errorf("%s: no %s … %s block", path, MarkerStart, MarkerEnd)
	}
	s = s[:i+len(MarkerStart)] + "\n" + body + s[j:]
	return os.WriteFile(path, []byte(s), 0o644)
}

func sortedSet(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func sortedKeys[T any](m map[string]T) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
