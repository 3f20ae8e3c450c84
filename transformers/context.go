package transformers

import (
	"sort"
	"strconv"
	"strings"
)

// Env describes the target a document came from: its literal values are
// scrubbed by Defaults (account → 111111111111, region → <region>, endpoint
// → <endpoint>). Empty fields are not scrubbed.
type Env struct {
	Account  string // e.g. "123456789012" (moto), "000000000000" (emulator)
	Region   string // e.g. "us-east-1"
	Endpoint string // the client's endpoint URL, e.g. "http://127.0.0.1:5000"
}

// Ref is one registered reference: every occurrence of Value is replaced by
// Placeholder.
type Ref struct {
	Kind        string // e.g. "queue-url"
	Value       string // the run-dependent value
	Placeholder string // e.g. "<queue-url:1>"
}

// Context is the per-spec state shared by the transformers: the target's
// Env and the reference table. Create one per spec with NewContext and use it
// for every snapshot key of that spec. Not safe for concurrent use.
type Context struct {
	Env     Env
	refs    []Ref
	byValue map[string]int // value → index in refs
	counter map[string]int // kind → last number handed out
}

// NewContext returns an empty context for one spec.
func NewContext(env Env) *Context {
	return &Context{Env: env, byValue: map[string]int{}, counter: map[string]int{}}
}

// Reference registers value as a reference of kind and returns its
// placeholder, "<kind:N>" with N numbered per kind in first-seen order. A
// value already registered keeps its first placeholder, whatever kind is
// asked. Empty values and values that already are placeholders are returned
// unchanged and not registered, and so are the account id and the region
// of Env (Account and Region scrub those).
func (c *Context) Reference(kind, value string) string {
	if value == "" || IsPlaceholder(value) || value == c.Env.Account || value == c.Env.Region {
		return value
	}
	if i, ok := c.byValue[value]; ok {
		return c.refs[i].Placeholder
	}
	c.counter[kind]++
	p := "<" + kind + ":" + strconv.Itoa(c.counter[kind]) + ">"
	c.byValue[value] = len(c.refs)
	c.refs = append(c.refs, Ref{Kind: kind, Value: value, Placeholder: p})
	return p
}

// References returns the registered references in first-seen order.
func (c *Context) References() []Ref { return append([]Ref(nil), c.refs...) }

// minRewriteLen is the shortest value rewritten everywhere: shorter values
// ("1", "ab") would corrupt unrelated text, so they are replaced only where a
// transformer found them.
const minRewriteLen = 4

// rewrite replaces every registered value wherever it occurs in doc. Longer
// values are replaced first so that a value containing another (a queue URL
// containing a queue name) becomes one placeholder.
func (c *Context) rewrite(doc any) any {
	if len(c.refs) == 0 {
		return doc
	}
	order := make([]Ref, len(c.refs))
	copy(order, c.refs)
	sort.SliceStable(order, func(i, j int) bool { return len(order[i].Value) > len(order[j].Value) })
	pairs := make([]string, 0, 2*len(order))
	for _, r := range order {
		if len(r.Value) < minRewriteLen {
			continue
		}
		pairs = append(pairs, r.Value, r.Placeholder)
	}
	if len(pairs) == 0 {
		return doc
	}
	rep := strings.NewReplacer(pairs...)
	return mapStrings(doc, true, func(s string) string { return replaceOutsidePlaceholders(s, rep) })
}

// replaceOutsidePlaceholders applies rep to the text of s between
// placeholders, never to a placeholder itself.
func replaceOutsidePlaceholders(s string, rep *strings.Replacer) string {
	if !strings.Contains(s, "<") {
		return rep.Replace(s)
	}
	var b strings.Builder
	for _, seg := range SplitPlaceholders(s) {
		if seg.IsPlaceholder() {
			b.WriteString(seg.Text)
		} else {
			b.WriteString(rep.Replace(seg.Text))
		}
	}
	return b.String()
}
