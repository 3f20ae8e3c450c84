package transformers

import (
	"fmt"
	"strconv"
	"strings"
)

// Selector is a parsed path pattern that selects values of a document. The
// syntax is a small JSONPath subset (gjson's '#' accepted as a wildcard):
//
//	$                  the root (may be omitted: "Attributes.Policy" = "$.Attributes.Policy")
//	.name              member name (any characters except . [ ] ; use ['...'] otherwise)
//	['name'] ["name"]  member name, quoted (\\ and \' or \" escape)
//	[3]                array element 3
//	[*]  .*  .#  [#]   any member or element
//	..name  ..*  ..[*] recursive descent: the step matches at any depth below
//
// Examples: $..Attributes.Policy (every Policy member of an Attributes
// object), $.Messages[*].Body, $.Items[0]['attr.with.dots'], $..ResponseMetadata.
type Selector struct {
	text  string
	steps []selStep
}

type selKind int

const (
	selName selKind = iota
	selIndex
	selAny
)

type selStep struct {
	kind    selKind
	name    string
	index   int
	descend bool // preceded by "..": any number of steps may come first
}

// String returns the selector as written.
func (s Selector) String() string { return s.text }

// MustSelector is ParseSelector that panics on a syntax error, for selectors
// written in code.
func MustSelector(text string) Selector {
	s, err := ParseSelector(text)
	if err != nil {
		panic(err)
	}
	return s
}

// ParseSelector parses text (syntax: see Selector).
func ParseSelector(text string) (Selector, error) {
	sel := Selector{text: text}
	rest := text
	if strings.HasPrefix(rest, "$") {
		rest = rest[1:]
	} else if rest != "" && rest[0] != '.' && rest[0] != '[' {
		rest = "." + rest
	}
	fail := func(format string, args ...any) (Selector, error) {
		return Selector{}, fmt.Errorf("selector %q: at offset %d: %s", text, len(text)-len(rest), fmt.Sprintf(format, args...))
	}
	for rest != "" {
		descend := false
		switch {
		case strings.HasPrefix(rest, ".."):
			descend = true
			rest = rest[2:]
			if rest == "" {
				return fail("'..' must be followed by a step")
			}
			if rest[0] == '.' {
				return fail("'...' is not a step")
			}
		case rest[0] == '.':
			rest = rest[1:]
			if rest == "" || rest[0] == '.' || rest[0] == '[' {
				return fail("'.' must be followed by a member name")
			}
		case rest[0] == '[':
		default:
			return fail("expected '.', '..' or '['")
		}
		var st selStep
		if rest[0] == '[' {
			end, step, err := parseBracket(rest)
			if err != nil {
				return fail("%v", err)
			}
			st, rest = step, rest[end:]
		} else {
			n := strings.IndexAny(rest, ".[]")
			if n < 0 {
				n = len(rest)
			}
			name := rest[:n]
			if name == "" {
				return fail("empty member name")
			}
			rest = rest[n:]
			if name == "*" || name == "#" {
				st = selStep{kind: selAny}
			} else {
				st = selStep{kind: selName, name: name}
			}
		}
		st.descend = descend
		sel.steps = append(sel.steps, st)
	}
	return sel, nil
}

// parseBracket parses "[...]" at the start of s and returns its length.
func parseBracket(s string) (int, selStep, error) {
	if len(s) < 3 {
		return 0, selStep{}, fmt.Errorf("unterminated '['")
	}
	switch q := s[1]; q {
	case '\'', '"':
		var name strings.Builder
		for i := 2; i < len(s); i++ {
			c := s[i]
			switch {
			case c == '\\' && i+1 < len(s):
				i++
				name.WriteByte(s[i])
			case c == q:
				if i+1 >= len(s) || s[i+1] != ']' {
					return 0, selStep{}, fmt.Errorf("expected ']' after the quoted name")
				}
				return i + 2, selStep{kind: selName, name: name.String()}, nil
			default:
				name.WriteByte(c)
			}
		}
		return 0, selStep{}, fmt.Errorf("unterminated quoted name")
	}
	end := strings.IndexByte(s, ']')
	if end < 0 {
		return 0, selStep{}, fmt.Errorf("unterminated '['")
	}
	inner := s[1:end]
	if inner == "*" || inner == "#" {
		return end + 1, selStep{kind: selAny}, nil
	}
	i, err := strconv.Atoi(inner)
	if err != nil || i < 0 || strings.HasPrefix(inner, "+") {
		return 0, selStep{}, fmt.Errorf("%q is not an array index, '*' or a quoted name", inner)
	}
	return end + 1, selStep{kind: selIndex, index: i}, nil
}

// Matches reports whether the selector selects the value at loc.
func (s Selector) Matches(loc Location) bool { return matchSteps(s.steps, loc) }

// MatchesPrefix reports whether the selector selects loc or one of its
// ancestors, i.e. whether loc lies in a selected subtree.
func (s Selector) MatchesPrefix(loc Location) bool {
	for i := 0; i <= len(loc); i++ {
		if matchSteps(s.steps, loc[:i]) {
			return true
		}
	}
	return false
}

func matchSteps(steps []selStep, loc Location) bool {
	if len(steps) == 0 {
		return len(loc) == 0
	}
	st := steps[0]
	if st.descend {
		for skip := 0; skip < len(loc); skip++ {
			if matchStep(st, loc[skip]) && matchSteps(steps[1:], loc[skip+1:]) {
				return true
			}
		}
		return false
	}
	return len(loc) > 0 && matchStep(st, loc[0]) && matchSteps(steps[1:], loc[1:])
}

func matchStep(st selStep, s Step) bool {
	switch st.kind {
	case selAny:
		return true
	case selIndex:
		return s.IsIndex && s.Index == st.index
	default:
		return !s.IsIndex && s.Name == st.name
	}
}
