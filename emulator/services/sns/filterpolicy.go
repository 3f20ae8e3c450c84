package sns

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"net"
	"sort"
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
	condWildcard
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
	notIgnore  []string
	notWild    *string
	// numeric
	lower, upper         float64
	lowerIncl, upperIncl bool
	ipnet                *net.IPNet
}

// policyError is a filter policy validation failure; Error is AWS's reason.
type policyError struct{ msg string }

func (e *policyError) Error() string { return e.msg }

func perr(format string, args ...any) error { return &policyError{fmt.Sprintf(format, args...)} }

// ParseFilterPolicy parses and validates a filter policy for scope.
func ParseFilterPolicy(raw, scope string) (*FilterPolicy, error) {
	doc, err := decodePolicyJSON(raw)
	if err != nil {
		return nil, err
	}
	obj, ok := doc.(map[string]any)
	if !ok {
		return nil, perr("failed to parse JSON. Filter policy must be a JSON object")
	}
	p := &FilterPolicy{}
	r, err := p.parseRule(obj, "", 0)
	if err != nil {
		return nil, err
	}
	p.root = r
	if p.nested && scope == scopeAttributes {
		return nil, &policyError{"Filter policy scope MessageAttributes does not support nested filter policy"}
	}
	if keys := countKeys(r); keys > maxPolicyKeys {
		return nil, perr("Filter policy can not have more than %d keys", maxPolicyKeys)
	}
	if combinations(r) > maxPolicyCombinations {
		return nil, perr("Filter policy is too complex")
	}
	return p, nil
}

// decodePolicyJSON decodes JSON keeping numbers exact and reporting syntax
// errors the way AWS (Jackson) words the common ones.
func decodePolicyJSON(raw string) (any, error) {
	dec := json.NewDecoder(strings.NewReader(raw))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, jsonSyntaxError(raw)
	}
	if dec.More() {
		return nil, jsonSyntaxError(raw)
	}
	return v, nil
}

const jacksonLocation = "\n at [Source: REDACTED (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled); line: 1, column: %d]"

func jsonSyntaxError(raw string) error {
	t := strings.TrimLeft(raw, " \t\r\n")
	offset := len(raw) - len(t)
	if strings.HasPrefix(t, "{") {
		rest := strings.TrimLeft(t[1:], " \t\r\n")
		pos := offset + 1 + (len(t) - 1 - len(rest))
		if rest != "" && rest[0] != '"' && rest[0] != '}' {
			return perr("failed to parse JSON. Unexpected character ('%c' (code %d)): was expecting double-quote to start field name"+jacksonLocation, rest[0], rest[0], pos+1)
		}
		return perr("failed to parse JSON. Unexpected end-of-input"+jacksonLocation, len(raw)+1)
	}
	end := strings.IndexAny(t, " \t\r\n{}[],:\"")
	if end < 0 {
		end = len(t)
	}
	token := t[:end]
	return perr("failed to parse JSON. Unrecognized token '%s': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')"+jacksonLocation, token, offset+end+1)
}

func (p *FilterPolicy) parseRule(obj map[string]any, prefix string, depth int) (rule, error) {
	r := rule{fields: map[string][]condition{}}
	keys := make([]string, 0, len(obj))
	for k := range obj {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		v := obj[k]
		if k == "$or" {
			alts, ok := v.([]any)
			if !ok || len(alts) < 2 {
				return r, perr("Or condition must be an array with at least two elements")
			}
			var branch []rule
			for _, a := range alts {
				ao, ok := a.(map[string]any)
				if !ok {
					return r, perr("Or condition must be an array of objects")
				}
				br, err := p.parseRule(ao, prefix, depth)
				if err != nil {
					return r, err
				}
				branch = append(branch, br)
			}
			r.ors = append(r.ors, branch)
			continue
		}
		path := k
		if prefix != "" {
			path = prefix + "." + k
		}
		switch val := v.(type) {
		case map[string]any:
			p.nested = true
			sub, err := p.parseRule(val, path, depth+1)
			if err != nil {
				return r, err
			}
			for sk, sv := range sub.fields {
				r.fields[sk] = sv
			}
			r.ors = append(r.ors, sub.ors...)
		case []any:
			conds, err := parseConditions(val)
			if err != nil {
				return r, err
			}
			r.fields[path] = conds
		default:
			return r, perr("\"%s\" must be an object or an array", k)
		}
	}
	return r, nil
}

func parseConditions(list []any) ([]condition, error) {
	if len(list) == 0 {
		return nil, perr("Empty arrays are not allowed")
	}
	out := make([]condition, 0, len(list))
	for _, item := range list {
		c, err := parseCondition(item)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, nil
}

func parseCondition(item any) (condition, error) {
	switch v := item.(type) {
	case nil:
		return condition{kind: condNull}, nil
	case string:
		return condition{kind: condString, s: v}, nil
	case bool:
		return condition{kind: condBool, b: v}, nil
	case json.Number:
		f, err := v.Float64()
		if err != nil {
			return condition{}, perr("Match value must be String, number, true, false, or null")
		}
		return condition{kind: condNumber, n: f}, nil
	case map[string]any:
		if len(v) != 1 {
			return condition{}, perr("Only one key allowed in match expression")
		}
		for op, arg := range v {
			return parseOperator(op, arg)
		}
	}
	return condition{}, perr("Match value must be String, number, true, false, or null")
}

func parseOperator(op string, arg any) (condition, error) {
	switch op {
	case "prefix", "suffix", "equals-ignore-case", "wildcard":
		s, ok := arg.(string)
		if !ok {
			return condition{}, perr("%s match pattern must be a string", op)
		}
		kind := map[string]condKind{"prefix": condPrefix, "suffix": condSuffix, "equals-ignore-case": condIgnoreCase, "wildcard": condWildcard}[op]
		return condition{kind: kind, s: s}, nil
	case "exists":
		b, ok := arg.(bool)
		if !ok {
			return condition{}, perr("exists match pattern must be either true or false.")
		}
		return condition{kind: condExists, b: b}, nil
	case "cidr":
		s, ok := arg.(string)
		if !ok {
			return condition{}, perr("prefix match pattern must be a string")
		}
		return parseCIDR(s)
	case "numeric":
		list, ok := arg.([]any)
		if !ok {
			return condition{}, perr("Value of numeric must be an array.")
		}
		return parseNumeric(list)
	case "anything-but":
		return parseAnythingBut(arg)
	}
	return condition{}, perr("Unrecognized match type %s", op)
}

func parseCIDR(s string) (condition, error) {
	ip, bits, found := strings.Cut(s, "/")
	if !found || strings.Contains(bits, "/") {
		return condition{}, perr("Malformed CIDR, one '/' required")
	}
	if _, err := strconv.Atoi(bits); err != nil {
		return condition{}, perr("Malformed CIDR, mask bits must be an integer")
	}
	if net.ParseIP(ip) == nil {
		return condition{}, perr("Nonstandard IP address: %s", ip)
	}
	_, n, err := net.ParseCIDR(s)
	if err != nil {
		return condition{}, perr("Malformed CIDR, mask bits must be an integer")
	}
	return condition{kind: condCIDR, ipnet: n}, nil
}

func parseAnythingBut(arg any) (condition, error) {
	c := condition{kind: condAnythingBut}
	switch v := arg.(type) {
	case string:
		c.notStrings = []string{v}
	case json.Number:
		f, _ := v.Float64()
		c.notNumbers = []float64{f}
	case []any:
		if len(v) == 0 {
			return c, perr("Empty arrays are not allowed")
		}
		for _, e := range v {
			switch ev := e.(type) {
			case string:
				c.notStrings = append(c.notStrings, ev)
			case json.Number:
				f, _ := ev.Float64()
				c.notNumbers = append(c.notNumbers, f)
			default:
				return c, perr("Inside anything but list, start|null|boolean is not supported.")
			}
		}
	case map[string]any:
		if len(v) != 1 {
			return c, perr("Only one key allowed in match expression")
		}
		for op, a := range v {
			switch op {
			case "prefix", "wildcard":
				s, ok := a.(string)
				if !ok {
					return c, perr("%s match pattern must be a string", op)
				}
				if op == "prefix" {
					c.notPrefix = &s
				} else {
					c.notWild = &s
				}
			case "equals-ignore-case":
				switch s := a.(type) {
				case string:
					c.notIgnore = []string{s}
				case []any:
					for _, e := range s {
						es, ok := e.(string)
						if !ok {
							return c, perr("equals-ignore-case match pattern must be a string")
						}
						c.notIgnore = append(c.notIgnore, es)
					}
				default:
					return c, perr("equals-ignore-case match pattern must be a string")
				}
			default:
				return c, perr("Unsupported anything-but pattern: %s", op)
			}
		}
	default:
		return c, perr("Value of anything-but must be an array or single string/number value.")
	}
	return c, nil
}

func isRangeOp(s string) bool {
	switch s {
	case "=", "<", "<=", ">", ">=":
		return true
	}
	return false
}

func parseNumeric(list []any) (condition, error) {
	c := condition{kind: condNumeric, lower: math.Inf(-1), upper: math.Inf(1)}
	if len(list) == 0 {
		return c, perr("Invalid member in numeric match: ]")
	}
	num := func(v any) (float64, bool) {
		n, ok := v.(json.Number)
		if !ok {
			return 0, false
		}
		f, err := n.Float64()
		return f, err == nil
	}
	op, ok := list[0].(string)
	if !ok {
		return c, perr("Invalid member in numeric match: %s", jsonText(list[0]))
	}
	if !isRangeOp(op) {
		return c, perr("Unrecognized numeric range operator: %s", op)
	}
	name := op
	if op == "=" {
		name = "equals"
	}
	if len(list) < 2 {
		return c, perr("Value of %s must be numeric", name)
	}
	v, ok := num(list[1])
	if !ok {
		return c, perr("Value of %s must be numeric", name)
	}
	switch op {
	case "=":
		if len(list) > 2 {
			return c, perr("Too many elements in numeric expression")
		}
		c.lower, c.upper, c.lowerIncl, c.upperIncl = v, v, true, true
		return c, nil
	case ">", ">=":
		c.lower, c.lowerIncl = v, op == ">="
	case "<", "<=":
		c.upper, c.upperIncl = v, op == "<="
		if len(list) > 2 {
			return c, perr("Too many elements in numeric expression")
		}
		return c, nil
	}
	if len(list) == 2 {
		return c, nil
	}
	op2, ok := list[2].(string)
	if !ok {
		return c, perr("Bad value in numeric range: %s", jsonText(list[2]))
	}
	if op2 != "<" && op2 != "<=" {
		return c, perr("Bad numeric range operator: %s", op2)
	}
	if len(list) < 4 {
		return c, perr("Value of %s must be numeric", op2)
	}
	v2, ok := num(list[3])
	if !ok {
		return c, perr("Value of %s must be numeric", op2)
	}
	if len(list) > 4 {
		return c, perr("Too many terms in numeric range expression")
	}
	if v2 <= c.lower {
		return c, perr("Bottom must be less than top")
	}
	c.upper, c.upperIncl = v2, op2 == "<="
	return c, nil
}

func jsonText(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

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
	case condWildcard:
		return isText(v) && wildcardMatch(c.s, v.s)
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
	case c.notWild != nil:
		return isText(v) && !wildcardMatch(*c.notWild, v.s)
	case c.notIgnore != nil:
		if !isText(v) {
			return false
		}
		for _, s := range c.notIgnore {
			if strings.EqualFold(s, v.s) {
				return false
			}
		}
		return true
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

// wildcardMatch matches s against a pattern where * is any run of characters.
func wildcardMatch(pattern, s string) bool {
	parts := strings.Split(pattern, "*")
	if len(parts) == 1 {
		return pattern == s
	}
	if !strings.HasPrefix(s, parts[0]) {
		return false
	}
	s = s[len(parts[0]):]
	for _, mid := range parts[1 : len(parts)-1] {
		i := strings.Index(s, mid)
		if i < 0 {
			return false
		}
		s = s[i+len(mid):]
	}
	return strings.HasSuffix(s, parts[len(parts)-1])
}
