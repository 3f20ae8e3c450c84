package sns

import (
	"encoding/json"
	"fmt"
	"strings"
	"unicode/utf8"
)

// AWS validates a filter policy with a streaming JSON parser over the
// policy's compact form and reports where the parser stood when a rule was
// broken: "\n at [Source: (String)\"<policy>\"; line: 1, column: N]". The
// policyTokens reader walks an already well-formed compact document the same
// way, so the column it reports is the one AWS reports: after a field name
// the reader has also consumed the start of the field's value (the opening
// quote of a string, a bracket, or a whole number or literal), and a string
// value is consumed past its opening quote only until its text is read.

type tokenKind int

const (
	tokNone tokenKind = iota
	tokStartObject
	tokEndObject
	tokStartArray
	tokEndArray
	tokField
	tokString
	tokNumber
	tokTrue
	tokFalse
	tokNull
)

// maxSourceSnippet is how much of the policy a location quotes; the rest is
// reported as truncated.
const maxSourceSnippet = 500

type policyTokens struct {
	src        string
	pos        int         // bytes consumed
	stack      []tokenKind // open containers
	pending    tokenKind   // value already scanned after a field name
	pendingTxt string
	incomplete bool // current string token's text is not consumed yet
	strStart   int  // where the incomplete string's content starts
	kind       tokenKind
	text       string // field name, number or literal text
}

func newPolicyTokens(compact string) *policyTokens { return &policyTokens{src: compact} }

// next advances to the next token and returns its kind (tokNone at the end).
func (p *policyTokens) next() tokenKind {
	if p.pending != tokNone {
		p.kind, p.text, p.pending = p.pending, p.pendingTxt, tokNone
		p.enter(p.kind)
		return p.kind
	}
	if p.incomplete {
		p.finishString()
	}
	if p.pos >= len(p.src) {
		p.kind = tokNone
		return tokNone
	}
	c := p.src[p.pos]
	if c == ',' {
		p.pos++
		c = p.src[p.pos]
	}
	switch c {
	case '}', ']':
		p.pos++
		p.kind = tokEndObject
		if c == ']' {
			p.kind = tokEndArray
		}
		if n := len(p.stack); n > 0 {
			p.stack = p.stack[:n-1]
		}
		return p.kind
	}
	if n := len(p.stack); n > 0 && p.stack[n-1] == tokStartObject {
		end := p.stringEnd(p.pos + 1)
		var name string
		_ = json.Unmarshal([]byte(p.src[p.pos:end+1]), &name)
		p.pos = end + 2 // name and colon
		p.pending, p.pendingTxt = p.scanValue()
		p.kind, p.text = tokField, name
		return tokField
	}
	p.kind, p.text = p.scanValue()
	p.enter(p.kind)
	return p.kind
}

// more advances and reports whether the container has another element
// before its closing token.
func (p *policyTokens) more(closing tokenKind) bool {
	k := p.next()
	return k != closing && k != tokNone
}

func (p *policyTokens) enter(k tokenKind) {
	if k == tokStartObject || k == tokStartArray {
		p.stack = append(p.stack, k)
	}
}

// scanValue consumes the start of a value: a whole number or literal, a
// bracket, or the opening quote of a string.
func (p *policyTokens) scanValue() (tokenKind, string) {
	c := p.src[p.pos]
	switch c {
	case '{':
		p.pos++
		return tokStartObject, "{"
	case '[':
		p.pos++
		return tokStartArray, "["
	case '"':
		p.pos++
		p.incomplete, p.strStart = true, p.pos
		return tokString, ""
	case 't':
		p.pos += 4
		return tokTrue, "true"
	case 'f':
		p.pos += 5
		return tokFalse, "false"
	case 'n':
		p.pos += 4
		return tokNull, "null"
	}
	start := p.pos
	for p.pos < len(p.src) && strings.IndexByte("+-0123456789.eE", p.src[p.pos]) >= 0 {
		p.pos++
	}
	return tokNumber, p.src[start:p.pos]
}

// stringEnd returns the index of the quote closing a string whose content
// starts at from.
func (p *policyTokens) stringEnd(from int) int {
	for i := from; i < len(p.src); i++ {
		switch p.src[i] {
		case '\\':
			i++
		case '"':
			return i
		}
	}
	return len(p.src)
}

func (p *policyTokens) finishString() {
	end := p.stringEnd(p.strStart)
	var s string
	_ = json.Unmarshal([]byte(p.src[p.strStart-1:end+1]), &s)
	p.text = s
	p.pos = end + 1
	p.incomplete = false
}

// stringText consumes the current string token and returns its text.
func (p *policyTokens) stringText() string {
	if p.incomplete {
		p.finishString()
	}
	return p.text
}

// tokenText is the current token as AWS names it in messages.
func (p *policyTokens) tokenText() string {
	switch p.kind {
	case tokString:
		return p.stringText()
	case tokEndArray:
		return "]"
	case tokEndObject:
		return "}"
	}
	return p.text
}

// fail is a policy error located where the reader stands.
func (p *policyTokens) fail(format string, args ...any) error {
	return &policyError{fmt.Sprintf(format, args...) + p.location()}
}

func (p *policyTokens) location() string {
	col := utf8.RuneCountInString(p.src[:p.pos]) + 1
	snippet := p.src
	suffix := ""
	if n := utf8.RuneCountInString(snippet); n > maxSourceSnippet {
		runes := []rune(snippet)
		snippet = string(runes[:maxSourceSnippet])
		suffix = fmt.Sprintf("[truncated %d chars]", n-maxSourceSnippet)
	}
	return fmt.Sprintf("\n at [Source: (String)\"%s\"%s; line: 1, column: %d]", snippet, suffix, col)
}
