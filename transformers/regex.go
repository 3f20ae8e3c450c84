package transformers

import "regexp"

// Regex replaces every match of pattern in every string of the document
// (member names included) by replacement, which may use $1-style group
// references (regexp.Expand syntax). It panics if pattern does not compile:
// patterns are written in code.
func Regex(pattern, replacement string) Transformer {
	re := regexp.MustCompile(pattern)
	return Func(func(doc any, _ *Context) any {
		return mapStrings(doc, true, func(s string) string { return re.ReplaceAllString(s, replacement) })
	})
}

// RegexReference makes every match of pattern in any string a reference of
// kind: each distinct match gets its own <kind:N> (in first-seen order) and
// is rewritten everywhere. If pattern has a capture group, only the first
// group's text is the reference. It panics if pattern does not compile.
func RegexReference(kind, pattern string) Transformer {
	re := regexp.MustCompile(pattern)
	return Func(func(doc any, ctx *Context) any {
		return mapStrings(doc, false, func(s string) string {
			for _, m := range re.FindAllStringSubmatchIndex(s, -1) {
				lo, hi := m[0], m[1]
				if len(m) >= 4 && m[2] >= 0 {
					lo, hi = m[2], m[3]
				}
				ctx.Reference(kind, s[lo:hi])
			}
			return s // the rewrite after this transformer replaces the matches
		})
	})
}

// Reference registers values (names the spec generated, ids it created) as
// references of kind, numbered in the order given, so that they are
// rewritten everywhere they appear as <kind:N>.
func Reference(kind string, values ...string) Transformer {
	return Func(func(doc any, ctx *Context) any {
		for _, v := range values {
			ctx.Reference(kind, v)
		}
		return doc
	})
}
