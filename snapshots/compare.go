package snapshots

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/big"
	"strings"

	"github.com/parity-harness/parity/transformers"
)

// Difference kinds of a PathDiff.
const (
	DiffChanged    = "changed"    // both sides have a value and they differ
	DiffMissing    = "missing"    // recorded, absent from the live value
	DiffUnexpected = "unexpected" // live, absent from the recording
)

// PathDiff is one difference between a recorded and a live document.
type PathDiff struct {
	Path     string // where, in selector syntax: $.Attributes.VisibilityTimeout
	Kind     string // DiffChanged, DiffMissing or DiffUnexpected
	Recorded any    // the recorded value (nil when Kind is DiffUnexpected)
	Live     any    // the live value (nil when Kind is DiffMissing)
	Note     string // why placeholders did not bind, or a divergence's reason
}

// String renders d on one line, e.g.
// `$.Attributes.VisibilityTimeout: recorded "30", got "60"`.
func (d PathDiff) String() string {
	var s string
	switch d.Kind {
	case DiffMissing:
		s = fmt.Sprintf("%s: recorded %s, missing", d.Path, short(d.Recorded))
	case DiffUnexpected:
		s = fmt.Sprintf("%s: not recorded, got %s", d.Path, short(d.Live))
	default:
		s = fmt.Sprintf("%s: recorded %s, got %s", d.Path, short(d.Recorded), short(d.Live))
	}
	if d.Note != "" {
		s += " (" + d.Note + ")"
	}
	return s
}

// short renders a value compactly for PathDiff.String.
func short(v any) string {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return fmt.Sprintf("%v", v)
	}
	data := bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
	if len(data) > 120 {
		return string(data[:117]) + "..."
	}
	return string(data)
}

// Bindings holds what the placeholders of one spec stand for. A numbered
// placeholder (<uuid:1>) on either side is a variable: the first comparison
// binds it to the other side's text, and every later occurrence, in any key
// of the spec, must stand for the same text; the binding is one-to-one, so
// two recorded placeholders cannot stand for the same live value. Constant
// placeholders (<region>, <signature>, <endpoint>) match any non-empty text
// and bind nothing. Use one Bindings per spec.
type Bindings struct {
	recToLive map[string]binding
	liveToRec map[string]binding
}

type binding struct {
	other string // the term on the other side
	where string // the path where the binding was made
}

// NewBindings returns empty bindings.
func NewBindings() *Bindings {
	return &Bindings{recToLive: map[string]binding{}, liveToRec: map[string]binding{}}
}

// Rules say which paths are not compared.
type Rules struct {
	// Skip lists selectors (see transformers.Selector) of values never
	// compared, with the reason.
	Skip []Skip
	// Divergences lists known divergences of a recording target: where the
	// recording's target is Target, differences at (or below) Path are
	// reported as divergences instead of failures.
	Divergences []Divergence
	// Target is the recording's target kind (Spec.TargetKind), selecting the
	// Divergences that apply.
	Target string
}

// Skip is a path never compared.
type Skip struct {
	Path   string // selector, e.g. "$..Attributes.Policy"
	Reason string
}

// Divergence is a known difference of one recording target.
type Divergence struct {
	Target string // target kind the divergence belongs to, e.g. "moto"
	Path   string // selector
	Reason string
}

// compiledRules are Rules with parsed selectors.
type compiledRules struct {
	skip []transformers.Selector
	div  []transformers.Selector
	why  []string
}

func (r Rules) compile() (*compiledRules, error) {
	c := &compiledRules{}
	for _, s := range r.Skip {
		sel, err := transformers.ParseSelector(s.Path)
		if err != nil {
			return nil, fmt.Errorf("skip-verify path: %w", err)
		}
		c.skip = append(c.skip, sel)
	}
	for _, d := range r.Divergences {
		sel, err := transformers.ParseSelector(d.Path)
		if err != nil {
			return nil, fmt.Errorf("divergence path: %w", err)
		}
		if d.Target != r.Target {
			continue
		}
		c.div = append(c.div, sel)
		c.why = append(c.why, fmt.Sprintf("known divergence of %s: %s", d.Target, d.Reason))
	}
	return c, nil
}

// Compare compares a recorded document with a live one, both already
// transformed, binding placeholders in b, and returns the differences that
// count and, separately, those at declared divergences (with the reason in
// Note). Selectors in rules that do not parse are an error.
func Compare(recorded, live any, b *Bindings, rules Rules) (diffs, divergences []PathDiff, err error) {
	c, err := rules.compile()
	if err != nil {
		return nil, nil, err
	}
	cmp := &comparer{b: b, rules: c}
	cmp.value(recorded, live, nil, "")
	return cmp.diffs, cmp.divergences, nil
}

type comparer struct {
	b           *Bindings
	rules       *compiledRules
	diffs       []PathDiff
	divergences []PathDiff
}

func (c *comparer) report(d PathDiff, divergence string) {
	if divergence != "" {
		d.Note = divergence
		c.divergences = append(c.divergences, d)
		return
	}
	c.diffs = append(c.diffs, d)
}

// value compares one pair; divergence is the reason of the enclosing
// divergence, if any.
func (c *comparer) value(rec, live any, loc transformers.Location, divergence string) {
	for _, s := range c.rules.skip {
		if s.Matches(loc) {
			return
		}
	}
	if divergence == "" {
		for i, s := range c.rules.div {
			if s.Matches(loc) {
				divergence = c.rules.why[i]
				break
			}
		}
	}
	path := loc.String()
	switch r := rec.(type) {
	case map[string]any:
		l, ok := live.(map[string]any)
		if !ok {
			c.report(PathDiff{Path: path, Kind: DiffChanged, Recorded: rec, Live: live}, divergence)
			return
		}
		for _, k := range unionKeys(r, l) {
			rv, rok := r[k]
			lv, lok := l[k]
			sub := loc.Member(k)
			switch {
			case rok && lok:
				c.value(rv, lv, sub, divergence)
			case rok:
				if k == "HTTPHeaders" && isEmptyObject(rv) {
					continue // the reference recordings keep an empty HTTPHeaders
				}
				c.absent(sub, rv, nil, DiffMissing, divergence)
			default:
				c.absent(sub, nil, lv, DiffUnexpected, divergence)
			}
		}
	case []any:
		l, ok := live.([]any)
		if !ok {
			c.report(PathDiff{Path: path, Kind: DiffChanged, Recorded: rec, Live: live}, divergence)
			return
		}
		for i := 0; i < len(r) || i < len(l); i++ {
			sub := loc.Index(i)
			switch {
			case i < len(r) && i < len(l):
				c.value(r[i], l[i], sub, divergence)
			case i < len(r):
				c.absent(sub, r[i], nil, DiffMissing, divergence)
			default:
				c.absent(sub, nil, l[i], DiffUnexpected, divergence)
			}
		}
	default:
		if ok, note := c.scalar(rec, live, path); !ok {
			c.report(PathDiff{Path: path, Kind: DiffChanged, Recorded: rec, Live: live, Note: note}, divergence)
		}
	}
}

// absent reports a member or element present on one side only, unless the
// path is skipped.
func (c *comparer) absent(loc transformers.Location, rec, live any, kind, divergence string) {
	for _, s := range c.rules.skip {
		if s.Matches(loc) {
			return
		}
	}
	if divergence == "" {
		for i, s := range c.rules.div {
			if s.Matches(loc) {
				divergence = c.rules.why[i]
				break
			}
		}
	}
	c.report(PathDiff{Path: loc.String(), Kind: kind, Recorded: rec, Live: live}, divergence)
}

func isEmptyObject(v any) bool {
	m, ok := v.(map[string]any)
	return ok && len(m) == 0
}

func unionKeys(a, b map[string]any) []string {
	seen := make(map[string]bool, len(a)+len(b))
	for k := range a {
		seen[k] = true
	}
	for k := range b {
		seen[k] = true
	}
	keys := make([]string, 0, len(seen))
	for k := range seen {
		keys = append(keys, k)
	}
	sortStrings(keys)
	return keys
}

// scalar compares two non-container values (either may still be a
// container on the live side).
func (c *comparer) scalar(rec, live any, path string) (bool, string) {
	rs, rIsText := scalarText(rec)
	ls, lIsText := scalarText(live)
	if !rIsText || !lIsText {
		return equalScalars(rec, live), ""
	}
	_, rIsString := rec.(string)
	_, lIsString := live.(string)
	if !rIsString && !lIsString {
		return equalScalars(rec, live), ""
	}
	if rIsString && lIsString && rs == ls && !strings.Contains(rs, "<") {
		return true, ""
	}
	if transformers.IsTimeLiteral(rs) || transformers.IsTimeLiteral(ls) {
		return timeLike(rs) && timeLike(ls), ""
	}
	// a placeholder may stand for a number or a boolean, not a literal string
	if (!rIsString && !transformers.IsPlaceholder(ls)) || (!lIsString && !transformers.IsPlaceholder(rs)) {
		return false, ""
	}
	return c.b.unify(rs, ls, path)
}

// scalarText returns the text of a string, number or boolean.
func scalarText(v any) (string, bool) {
	switch x := v.(type) {
	case string:
		return x, true
	case json.Number:
		return x.String(), true
	case bool:
		if x {
			return "true", true
		}
		return "false", true
	}
	return "", false
}

func equalScalars(a, b any) bool {
	na, aNum := a.(json.Number)
	nb, bNum := b.(json.Number)
	if aNum && bNum {
		if na == nb {
			return true
		}
		fa, ok1 := new(big.Float).SetString(string(na))
		fb, ok2 := new(big.Float).SetString(string(nb))
		return ok1 && ok2 && fa.Cmp(fb) == 0
	}
	switch a.(type) {
	case map[string]any, []any:
		return false
	}
	switch b.(type) {
	case map[string]any, []any:
		return false
	}
	return a == b
}

// timeLike reports whether s is a time literal or looks like a time value.
func timeLike(s string) bool {
	if transformers.IsTimeLiteral(s) {
		return true
	}
	doc := transformers.Apply(map[string]any{"Timestamp": s}, transformers.NewContext(transformers.Env{}), transformers.Timestamps())
	v, _ := doc.(map[string]any)["Timestamp"].(string)
	return transformers.IsTimeLiteral(v)
}
