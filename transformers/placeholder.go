package transformers

import (
	"regexp"
	"strconv"
	"strings"
)

// placeholderPattern matches <kind> and <kind:N>.
var placeholderPattern = regexp.MustCompile(`<([A-Za-z0-9][A-Za-z0-9_.-]*)(?::([0-9]+))?>`)

// Segment is a part of a string split by SplitPlaceholders: literal text or
// one placeholder.
type Segment struct {
	Text   string // the text as written, placeholder included
	Kind   string // placeholder kind ("uuid", "region"); "" for literal text
	Number int    // N of <kind:N>; 0 for constants like <region>
}

// IsPlaceholder reports whether the segment is a placeholder.
func (s Segment) IsPlaceholder() bool { return s.Kind != "" }

// SplitPlaceholders splits s into literal text and placeholders, in order.
// Adjacent literal text is merged; an empty s gives no segments.
func SplitPlaceholders(s string) []Segment {
	var out []Segment
	last := 0
	for _, m := range placeholderPattern.FindAllStringSubmatchIndex(s, -1) {
		if m[0] > last {
			out = append(out, Segment{Text: s[last:m[0]]})
		}
		seg := Segment{Text: s[m[0]:m[1]], Kind: s[m[2]:m[3]]}
		if m[4] >= 0 {
			seg.Number, _ = strconv.Atoi(s[m[4]:m[5]])
		}
		out = append(out, seg)
		last = m[1]
	}
	if last < len(s) {
		out = append(out, Segment{Text: s[last:]})
	}
	return out
}

// IsPlaceholder reports whether s is exactly one placeholder.
func IsPlaceholder(s string) bool {
	m := placeholderPattern.FindStringIndex(s)
	return m != nil && m[0] == 0 && m[1] == len(s)
}

// TimeLiterals are the literal values the reference recordings and Defaults
// write for time values: "datetime" (an SDK timestamp), "date" (an ISO-8601
// string inside a message), "timestamp" (an epoch value) and "<datetime>".
var TimeLiterals = []string{"datetime", "date", "timestamp", "<datetime>"}

// IsTimeLiteral reports whether s is one of TimeLiterals.
func IsTimeLiteral(s string) bool {
	for _, t := range TimeLiterals {
		if s == t {
			return true
		}
	}
	return false
}

// Kebab converts a member name to a placeholder kind the way the reference
// recordings do: a hyphen before every upper-case letter but the first, then
// lower case ("ReceiptHandle" → "receipt-handle", "MD5OfBody" → "m-d5-of-body").
func Kebab(name string) string {
	var b strings.Builder
	for i, r := range name {
		if i > 0 && r >= 'A' && r <= 'Z' {
			b.WriteByte('-')
		}
		b.WriteRune(r)
	}
	return strings.ToLower(b.String())
}
