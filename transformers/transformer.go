package transformers

// Transformer rewrites a document. It may modify doc in place and returns
// the (possibly new) root. ctx carries the per-spec reference table.
type Transformer interface {
	Transform(doc any, ctx *Context) any
}

// Func adapts a function to the Transformer interface.
type Func func(doc any, ctx *Context) any

// Transform calls f.
func (f Func) Transform(doc any, ctx *Context) any { return f(doc, ctx) }

// Apply prepares doc (member values holding a JSON object are parsed into the
// tree, as the reference recordings do) and runs ts in order. Before the
// first and after every transformer it rewrites every reference registered
// in ctx so far wherever its value occurs (in strings, also as a substring,
// and in member names), so a later transformer (the account id scrub, say)
// never sees a value a reference has claimed. doc is modified in place; use
// the returned root.
//
// To get one numbering across all keys of a spec, use one Context for all of
// them. A value registered by a later key is not rewritten in documents
// already transformed; transform all keys of a spec together (for example as
// one map key → document) when that matters.
func Apply(doc any, ctx *Context, ts ...Transformer) any {
	doc = ctx.rewrite(parseJSONStrings(doc))
	for _, t := range ts {
		doc = ctx.rewrite(t.Transform(doc, ctx))
	}
	return doc
}

// Standard returns the usual pipeline for a spec of service: the spec's own
// transformers first, then Preset(service), then Defaults().
func Standard(service string, own ...Transformer) []Transformer {
	out := append([]Transformer{}, own...)
	out = append(out, Preset(service)...)
	return append(out, Defaults()...)
}
