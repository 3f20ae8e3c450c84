package dynamodb

import (
	"fmt"
	"strings"
)

// tokKind classifies expression tokens.
type tokKind int

const (
	tEOF    tokKind = iota
	tIdent          // attribute name or keyword
	tName           // #name placeholder
	tValue          // :value placeholder
	tNumber         // list index digits
	tLParen
	tRParen
	tLBracket
	tRBracket
	tComma
	tDot
	tEq
	tNe
	tLt
	tLe
	tGt
	tGe
	tPlus
	tMinus
	tIllegal
)

// token is one lexeme of an expression with its position in the source.
type token struct {
	kind  tokKind
	text  string
	start int
	end   int
}

// lex splits an expression into tokens. Characters outside the language
// become tIllegal tokens, reported by the parser as syntax errors.
func lex(src string) []token {
	var toks []token
	i := 0
	for i < len(src) {
		c := src[i]
		if c == ' ' || c == '\t' || c == '\n' || c == '\r' {
			i++
			continue
		}
		start := i
		emit := func(k tokKind, end int) {
			toks = append(toks, token{kind: k, text: src[start:end], start: start, end: end})
			i = end
		}
		switch {
		case isIdentStart(c):
			j := i + 1
			for j < len(src) && isIdentPart(src[j]) {
				j++
			}
			emit(tIdent, j)
		case c >= '0' && c <= '9':
			j := i + 1
			for j < len(src) && src[j] >= '0' && src[j] <= '9' {
				j++
			}
			emit(tNumber, j)
		case c == '#' || c == ':':
			j := i + 1
			for j < len(src) && isIdentPart(src[j]) {
				j++
			}
			k := tName
			if c == ':' {
				k = tValue
			}
			if j == i+1 {
				k = tIllegal
			}
			emit(k, j)
		case c == '(':
			emit(tLParen, i+1)
		case c == ')':
			emit(tRParen, i+1)
		case c == '[':
			emit(tLBracket, i+1)
		case c == ']':
			emit(tRBracket, i+1)
		case c == ',':
			emit(tComma, i+1)
		case c == '.':
			emit(tDot, i+1)
		case c == '=':
			emit(tEq, i+1)
		case c == '+':
			emit(tPlus, i+1)
		case c == '-':
			emit(tMinus, i+1)
		case c == '<':
			switch {
			case i+1 < len(src) && src[i+1] == '>':
				emit(tNe, i+2)
			case i+1 < len(src) && src[i+1] == '=':
				emit(tLe, i+2)
			default:
				emit(tLt, i+1)
			}
		case c == '>':
			if i+1 < len(src) && src[i+1] == '=' {
				emit(tGe, i+2)
			} else {
				emit(tGt, i+1)
			}
		default:
			// one UTF-8 sequence as an illegal token
			j := i + 1
			for j < len(src) && src[j]&0xC0 == 0x80 {
				j++
			}
			emit(tIllegal, j)
		}
	}
	toks = append(toks, token{kind: tEOF, text: "<EOF>", start: len(src), end: len(src)})
	return toks
}

func isIdentStart(c byte) bool {
	return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
}

func isIdentPart(c byte) bool {
	return isIdentStart(c) || (c >= '0' && c <= '9')
}

// isKeyword reports whether an identifier is the (case-insensitive) keyword.
func (t token) is(keyword string) bool {
	return t.kind == tIdent && strings.EqualFold(t.text, keyword)
}

func (t token) String() string { return fmt.Sprintf("%q@%d", t.text, t.start) }
