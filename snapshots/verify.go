package snapshots

import (
	"fmt"
	"sort"
	"strings"
)

// Key states of a KeyResult (the values of runlog.KeyResult.State).
const (
	StateMatched    = "matched"    // recorded and live agree
	StateMismatched = "mismatched" // they differ outside skipped and divergent paths
	StateMissing    = "missing"    // produced by the run, not recorded
	StateObsolete   = "obsolete"   // recorded, not produced by the run
)

// KeyResult is the verification of one snapshot key.
type KeyResult struct {
	Key         string
	State       string     // StateMatched, StateMismatched, StateMissing or StateObsolete
	Diffs       []PathDiff // the differences that fail the key
	Divergences []PathDiff // differences at known divergences: reported, not failing
	Diff        string     // line diff of the pretty-printed documents when mismatched (see TextDiff)
}

// Result is the verification of one spec.
type Result struct {
	Keys []KeyResult // sorted by key
}

// Verify compares the keys a run produced (live: key → transformed
// document) with a recorded spec, binding placeholders across all keys in
// key order. Divergences apply when rules.Target is the recording's target;
// an empty rules.Target is taken from recorded.TargetKind(). A nil recorded
// spec makes every live key missing. An error means a selector in rules
// does not parse.
func Verify(recorded *Spec, live map[string]any, rules Rules) (Result, error) {
	if _, err := rules.compile(); err != nil {
		return Result{}, err
	}
	if rules.Target == "" {
		rules.Target = recorded.TargetKind()
	}
	var content map[string]any
	if recorded != nil {
		content = recorded.RecordedContent
	}
	b := NewBindings()
	var res Result
	for _, key := range unionKeys(content, live) {
		rv, rok := content[key]
		lv, lok := live[key]
		kr := KeyResult{Key: key}
		switch {
		case !rok:
			kr.State = StateMissing
		case !lok:
			kr.State = StateObsolete
		default:
			diffs, divs, _ := Compare(rv, lv, b, rules)
			kr.Divergences = divs
			kr.State = StateMatched
			if len(diffs) > 0 {
				kr.State, kr.Diffs, kr.Diff = StateMismatched, diffs, TextDiff(rv, lv)
			}
		}
		res.Keys = append(res.Keys, kr)
	}
	return res, nil
}

// OK reports whether no key is mismatched or missing (obsolete keys and
// divergences do not fail a spec).
func (r Result) OK() bool {
	for _, k := range r.Keys {
		if k.State == StateMismatched || k.State == StateMissing {
			return false
		}
	}
	return true
}

// Keyed returns the keys in state, sorted.
func (r Result) Keyed(state string) []string {
	var out []string
	for _, k := range r.Keys {
		if k.State == state {
			out = append(out, k.Key)
		}
	}
	sort.Strings(out)
	return out
}

// Obsolete returns the recorded keys the run did not produce.
func (r Result) Obsolete() []string { return r.Keyed(StateObsolete) }

// Report renders the failing keys of spec for a test failure message: per
// key the differing paths and the line diff; then missing keys; then
// divergences and obsolete keys as notes. Empty when there is nothing to say.
func (r Result) Report(spec string) string {
	var b strings.Builder
	for _, k := range r.Keys {
		switch k.State {
		case StateMismatched:
			fmt.Fprintf(&b, "snapshot mismatch: spec %q, key %q:\n", spec, k.Key)
			for _, d := range k.Diffs {
				fmt.Fprintf(&b, "  %s\n", d)
			}
			b.WriteString(indentLines(k.Diff, "    "))
		case StateMissing:
			fmt.Fprintf(&b, "snapshot missing: spec %q, key %q was not recorded (run `parity record`)\n", spec, k.Key)
		case StateObsolete:
			fmt.Fprintf(&b, "obsolete snapshot key: spec %q, key %q is recorded but no longer produced\n", spec, k.Key)
		}
		for _, d := range k.Divergences {
			fmt.Fprintf(&b, "divergence: spec %q, key %q: %s\n", spec, k.Key, d)
		}
	}
	return b.String()
}

func indentLines(s, prefix string) string {
	if s == "" {
		return ""
	}
	lines := strings.Split(strings.TrimSuffix(s, "\n"), "\n")
	for i, l := range lines {
		lines[i] = prefix + l
	}
	return strings.Join(lines, "\n") + "\n"
}
