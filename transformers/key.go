package transformers

import "encoding/json"

// Key replaces the value of every member called name, anywhere in the
// document, by a reference placeholder <kind:N> (see Context.Reference); the
// value is then rewritten everywhere else too. kind "" derives the kind from
// the name with Kebab ("ReceiptHandle" → "receipt-handle"). Only string and
// number values are replaced; objects, arrays, booleans and null are kept.
func Key(name, kind string) Transformer {
	if kind == "" {
		kind = Kebab(name)
	}
	return Func(func(doc any, ctx *Context) any {
		return visit(doc, nil, func(member string, _ Location, v any) any {
			if member != name {
				return v
			}
			return referenceScalar(ctx, kind, v)
		})
	})
}

// KeyValue replaces the value of every member called name by the fixed
// replacement (no numbering, nothing rewritten elsewhere), e.g.
// KeyValue("Signature", "<signature>"). Objects and arrays are replaced too.
func KeyValue(name, replacement string) Transformer {
	return Func(func(doc any, _ *Context) any {
		return visit(doc, nil, func(member string, _ Location, v any) any {
			if member != name || v == nil {
				return v
			}
			return replacement
		})
	})
}

// Path replaces every value selected by selector (syntax: see Selector) by a
// reference placeholder <kind:N>, like Key. It panics if selector does not
// parse: selectors are written in code.
func Path(selector, kind string) Transformer {
	sel := MustSelector(selector)
	return Func(func(doc any, ctx *Context) any {
		if sel.Matches(nil) {
			return referenceScalar(ctx, kind, doc)
		}
		return visit(doc, nil, func(_ string, loc Location, v any) any {
			if !sel.Matches(loc) {
				return v
			}
			return referenceScalar(ctx, kind, v)
		})
	})
}

// PathValue replaces every value selected by selector by the fixed
// replacement, like KeyValue. It panics if selector does not parse.
func PathValue(selector, replacement string) Transformer {
	sel := MustSelector(selector)
	return Func(func(doc any, _ *Context) any {
		if sel.Matches(nil) {
			return replacement
		}
		return visit(doc, nil, func(_ string, loc Location, v any) any {
			if !sel.Matches(loc) || v == nil {
				return v
			}
			return replacement
		})
	})
}

// referenceScalar registers a string or number value as a reference.
func referenceScalar(ctx *Context, kind string, v any) any {
	switch x := v.(type) {
	case string:
		return ctx.Reference(kind, x)
	case json.Number:
		return ctx.Reference(kind, x.String())
	default:
		return v
	}
}
