package sns

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net"
	"strconv"
	"strings"
)

// Filter policy scopes.
const (
	scopeAttributes = "MessageAttributes"
	scopeBody       = "MessageBody"
)

// Limits AWS applies to filter policies.
const (
	maxPolicyKeys         = 5
	maxPolicyCombinations = 150
)

// FilterPolicy is a parsed subscription filter policy.
type FilterPolicy struct {
	root   rule
	nested bool // some key holds an object (only valid for body scope)
}

// rule is one level of a policy: every field must match, and for every $or
// at least one alternative must.
type rule struct {
	fields map[string][]condition // dotted path -> alternatives
	ors    [][]rule
}

type condKind int

const (
	condString condKind = iota
	condNumber
	condNull
	condBool
	condPrefix
	condSuffix
	condIgnoreCase
	condAnythingBut
	condNumeric
	condExists
	condCIDR
)

type condition struct {
	kind condKind
	s    string
	n    float64
	b    bool
	// anything-but
	notStrings []string
	notNumbers []float64
	notPrefix  *string
	// numeric
	lower, upper         float64
	lowerIncl, upperIncl bool
	ipnet                *net.IPNet
}

// policyError is a filter policy validation failure; Error is AWS's reason.
type policyError struct{ msg string }

func (e *policyError) Error() string { return e.msg }

func perr(format string, args ...any) error { return &policyError{fmt.Sprintf(format, args...)} }

func countKeys(r rule) int {
	n := len(r.fields)
	for _, alts := range r.ors {
		for _, a := range alts {
			n += countKeys(a)
		}
	}
	return n
}

// combinations is AWS's complexity measure: the product of the number of
// values per key, summed over $or alternatives.
func combinations(r rule) int {
	total := 1
	for _, conds := range r.fields {
		total *= len(conds)
	}
	for _, alts := range r.ors {
		sum := 0
		for _, a := range alts {
			sum += combinations(a)
		}
		total *= sum
	}
	return total
}

// value is one value a policy condition is matched against.
type value struct {
	kind   condKind // condString, condNumber, condNull or condBool
	s      string
	n      float64
	b      bool
	numOK  bool // s also parses as a number (Number attributes)
	binary bool
}

// MatchAttributes reports whether message attributes pass the policy.
func (p *FilterPolicy) MatchAttributes(attrs map[string]MessageAttribute) bool {
	fields := map[string][]value{}
	for name, a := range attrs {
		fields[name] = attributeValues(a)
	}
	return p.root.match(fields)
}

func attributeValues(a MessageAttribute) []value {
	switch {
	case strings.HasPrefix(a.DataType, "Binary"):
		return []value{{kind: condString, binary: true}}
	case strings.HasPrefix(a.DataType, "Number"):
		v := value{kind: condString, s: a.stringValue()}
		if f, err := strconv.ParseFloat(v.s, 64); err == nil {
			v.kind, v.n, v.numOK = condNumber, f, true
		}
		return []value{v}
	case a.DataType == "String.Array":
		var arr []any
		dec := json.NewDecoder(strings.NewReader(a.stringValue()))
		dec.UseNumber()
		if dec.Decode(&arr) != nil {
			return []value{{kind: condString, s: a.stringValue()}}
		}
		out := make([]value, 0, len(arr))
		for _, e := range arr {
			out = append(out, jsonValues(e)...)
		}
		return out
	}
	return []value{{kind: condString, s: a.stringValue()}}
}

// MatchBody reports whether a message body (JSON) passes the policy; a body
// that is not a JSON object matches only policies that need no field.
func (p *FilterPolicy) MatchBody(body string) bool {
	dec := json.NewDecoder(bytes.NewReader([]byte(body)))
	dec.UseNumber()
	var doc any
	fields := map[string][]value{}
	if dec.Decode(&doc) == nil {
		flatten(doc, "", fields)
	}
	return p.root.match(fields)
}

// flatten maps every leaf of a JSON document to its dotted path; arrays
// contribute each element to the same path.
func flatten(v any, path string, out map[string][]value) {
	switch t := v.(type) {
	case map[string]any:
		for k, sub := range t {
			p := k
			if path != "" {
				p = path + "." + k
			}
			flatten(sub, p, out)
		}
	case []any:
		if len(t) == 0 && path != "" {
			if _, ok := out[path]; !ok {
				out[path] = nil
			}
		}
		for _, e := range t {
			flatten(e, path, out)
		}
	default:
		if path != "" {
			out[path] = append(out[path], jsonValues(t)...)
		}
	}
}

func jsonValues(v any) []value {
	switch t := v.(type) {
	case nil:
		return []value{{kind: condNull}}
	case string:
		return []value{{kind: condString, s: t}}
	case bool:
		return []value{{kind: condBool, b: t}}
	case json.Number:
		f, _ := t.Float64()
		return []value{{kind: condNumber, n: f, s: t.String(), numOK: true}}
	}
	return nil
}

func (r rule) match(fields map[string][]value) bool {
	for path, conds := range r.fields {
		vals, present := fields[path]
		if !matchAny(conds, vals, present) {
			return false
		}
	}
	for _, alts := range r.ors {
		ok := false
		for _, a := range alts {
			if a.match(fields) {
				ok = true
				break
			}
		}
		if !ok {
			return false
		}
	}
	return true
}

func matchAny(conds []condition, vals []value, present bool) bool {
	for _, c := range conds {
		switch c.kind {
		case condExists:
			if c.b == present {
				return true
			}
			continue
		case condNull:
			if !present {
				return true
			}
		}
		for _, v := range vals {
			if c.matches(v) {
				return true
			}
		}
	}
	return false
}

func (c condition) matches(v value) bool {
	if v.binary {
		return false
	}
	switch c.kind {
	case condString:
		return v.kind == condString && v.s == c.s
	case condNumber:
		return v.numOK && v.n == c.n
	case condNull:
		return v.kind == condNull
	case condBool:
		return v.kind == condBool && v.b == c.b
	case condPrefix:
		return isText(v) && strings.HasPrefix(v.s, c.s)
	case condSuffix:
		return isText(v) && strings.HasSuffix(v.s, c.s)
	case condIgnoreCase:
		return isText(v) && strings.EqualFold(v.s, c.s)
	case condNumeric:
		if !v.numOK {
			return false
		}
		lowOK := v.n > c.lower || c.lowerIncl && v.n == c.lower
		highOK := v.n < c.upper || c.upperIncl && v.n == c.upper
		return lowOK && highOK
	case condCIDR:
		ip := net.ParseIP(v.s)
		return isText(v) && ip != nil && c.ipnet.Contains(ip)
	case condAnythingBut:
		return c.anythingBut(v)
	}
	return false
}

func isText(v value) bool { return v.kind == condString }

func (c condition) anythingBut(v value) bool {
	switch {
	case c.notPrefix != nil:
		return isText(v) && !strings.HasPrefix(v.s, *c.notPrefix)
	}
	if v.kind == condString {
		for _, s := range c.notStrings {
			if s == v.s {
				return false
			}
		}
		return true
	}
	if v.numOK {
		for _, n := range c.notNumbers {
			if n == v.n {
				return false
			}
		}
		return true
	}
	return v.kind != condNull
}
