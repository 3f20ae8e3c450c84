package sns

import (
	"bytes"
	"encoding/json"
	"math"
	"net"
	"strconv"
	"strings"
)

// ParseFilterPolicy parses and validates a filter policy for scope. The
// checks and their wording follow AWS: syntax first, then the rules of every
// key in document order (located in the compact policy, see policyTokens),
// then the nesting allowed by the scope, the number of keys and the
// complexity.
func ParseFilterPolicy(raw, scope string) (*FilterPolicy, error) {
	doc, err := decodePolicyJSON(raw)
	if err != nil {
		return nil, err
	}
	if _, ok := doc.(map[string]any); !ok {
		return nil, perr("failed to parse JSON. Filter policy must be a JSON object")
	}
	var compact bytes.Buffer
	if err := json.Compact(&compact, []byte(raw)); err != nil {
		return nil, jsonSyntaxError(raw)
	}
	tk := newPolicyTokens(compact.String())
	tk.next() // the policy's opening brace
	p := &FilterPolicy{}
	r, err := p.parseObject(tk, "")
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

// parseObject reads the fields of an object whose opening brace was read;
// nested objects extend the dotted path.
func (p *FilterPolicy) parseObject(tk *policyTokens, prefix string) (rule, error) {
	r := rule{fields: map[string][]condition{}}
	fields := 0
	for tk.next() == tokField {
		fields++
		name := tk.text
		if name == "$or" {
			branch, err := p.parseOr(tk, prefix)
			if err != nil {
				return r, err
			}
			r.ors = append(r.ors, branch)
			continue
		}
		path := name
		if prefix != "" {
			path = prefix + "." + name
		}
		switch tk.next() {
		case tokStartObject:
			p.nested = true
			sub, err := p.parseObject(tk, path)
			if err != nil {
				return r, err
			}
			for k, v := range sub.fields {
				r.fields[k] = v
			}
			r.ors = append(r.ors, sub.ors...)
		case tokStartArray:
			conds, err := parseConditions(tk)
			if err != nil {
				return r, err
			}
			r.fields[path] = conds
		default:
			return r, tk.fail("\"%s\" must be an object or an array", name)
		}
	}
	if fields == 0 {
		return r, tk.fail("Empty objects are not allowed")
	}
	return r, nil
}

// parseOr reads the alternatives of a "$or" key.
func (p *FilterPolicy) parseOr(tk *policyTokens, prefix string) ([]rule, error) {
	if tk.next() != tokStartArray {
		return nil, tk.fail("Or condition must be an array with at least two elements")
	}
	var branch []rule
	for tk.more(tokEndArray) {
		if tk.kind != tokStartObject {
			return nil, tk.fail("Or condition must be an array of objects")
		}
		br, err := p.parseObject(tk, prefix)
		if err != nil {
			return nil, err
		}
		branch = append(branch, br)
	}
	if len(branch) < 2 {
		return nil, tk.fail("Or condition must be an array with at least two elements")
	}
	return branch, nil
}

// parseConditions reads the values of a key, its opening bracket read.
func parseConditions(tk *policyTokens) ([]condition, error) {
	var out []condition
	for tk.more(tokEndArray) {
		var c condition
		switch tk.kind {
		case tokStartObject:
			mc, err := parseMatchExpression(tk)
			if err != nil {
				return nil, err
			}
			c = mc
		case tokString:
			c = condition{kind: condString, s: tk.stringText()}
		case tokNumber:
			f, err := strconv.ParseFloat(tk.text, 64)
			if err != nil {
				return nil, tk.fail("Match value must be String, number, true, false, or null")
			}
			c = condition{kind: condNumber, n: f}
		case tokTrue, tokFalse:
			c = condition{kind: condBool, b: tk.kind == tokTrue}
		case tokNull:
			c = condition{kind: condNull}
		default:
			return nil, tk.fail("Match value must be String, number, true, false, or null")
		}
		out = append(out, c)
	}
	if len(out) == 0 {
		return nil, tk.fail("Empty arrays are not allowed")
	}
	return out, nil
}

// stringOperators are the match types whose pattern is one string.
var stringOperators = map[string]condKind{"prefix": condPrefix, "suffix": condSuffix, "equals-ignore-case": condIgnoreCase}

// parseMatchExpression reads {"<match type>": <pattern>}, its opening brace
// read.
func parseMatchExpression(tk *policyTokens) (condition, error) {
	if tk.next() != tokField {
		return condition{}, tk.fail("Match expression name not found")
	}
	op := tk.text
	var c condition
	var err error
	switch op {
	case "prefix", "suffix", "equals-ignore-case":
		if tk.next() != tokString {
			return c, tk.fail("%s match pattern must be a string", op)
		}
		c = condition{kind: stringOperators[op], s: tk.stringText()}
	case "exists":
		switch tk.next() {
		case tokTrue, tokFalse:
			c = condition{kind: condExists, b: tk.kind == tokTrue}
		default:
			return c, tk.fail("exists match pattern must be either true or false.")
		}
	case "cidr":
		if tk.next() != tokString {
			return c, tk.fail("prefix match pattern must be a string")
		}
		c, err = parseCIDR(tk.stringText())
	case "numeric":
		c, err = parseNumeric(tk)
	case "anything-but":
		c, err = parseAnythingBut(tk)
	default:
		return c, tk.fail("Unrecognized match type %s", op)
	}
	if err != nil {
		return c, err
	}
	if tk.next() != tokEndObject {
		return c, tk.fail("Only one key allowed in match expression")
	}
	return c, nil
}

// parseCIDR checks an IP address range; AWS reports these without a
// location.
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

// parseAnythingBut reads the pattern of anything-but: a string, a number, a
// list of them, or {"prefix": "<string>"}.
func parseAnythingBut(tk *policyTokens) (condition, error) {
	c := condition{kind: condAnythingBut}
	switch tk.next() {
	case tokString:
		c.notStrings = []string{tk.stringText()}
	case tokNumber:
		f, err := strconv.ParseFloat(tk.text, 64)
		if err != nil {
			return c, tk.fail("Value of anything-but must be an array or single string/number value.")
		}
		c.notNumbers = []float64{f}
	case tokStartArray:
		n := 0
		for tk.more(tokEndArray) {
			n++
			switch tk.kind {
			case tokString:
				c.notStrings = append(c.notStrings, tk.stringText())
			case tokNumber:
				f, err := strconv.ParseFloat(tk.text, 64)
				if err != nil {
					return c, tk.fail("Inside anything but list, start|null|boolean is not supported.")
				}
				c.notNumbers = append(c.notNumbers, f)
			default:
				return c, tk.fail("Inside anything but list, start|null|boolean is not supported.")
			}
		}
		if n == 0 {
			return c, tk.fail("Empty arrays are not allowed")
		}
	case tokStartObject:
		if tk.next() != tokField {
			return c, tk.fail("Anything-But expression name not found")
		}
		if op := tk.text; op != "prefix" {
			return c, tk.fail("Unsupported anything-but pattern: %s", op)
		}
		if tk.next() != tokString {
			return c, tk.fail("prefix match pattern must be a string")
		}
		s := tk.stringText()
		c.notPrefix = &s
		if tk.next() != tokEndObject {
			return c, tk.fail("Only one key allowed in match expression")
		}
	default:
		return c, tk.fail("Value of anything-but must be an array or single string/number value.")
	}
	return c, nil
}

// parseNumeric reads [op, value] or [">"|">=", low, "<"|"<=", high].
func parseNumeric(tk *policyTokens) (condition, error) {
	c := condition{kind: condNumeric, lower: math.Inf(-1), upper: math.Inf(1)}
	if tk.next() != tokStartArray {
		return c, tk.fail("Value of numeric must be an array.")
	}
	if tk.next() != tokString {
		return c, tk.fail("Invalid member in numeric match: %s", tk.tokenText())
	}
	op := tk.stringText()
	tk.next()
	name := op
	if op == "=" {
		name = "equals"
	}
	value := func(name string) (float64, error) {
		if tk.kind != tokNumber {
			return 0, tk.fail("Value of %s must be numeric", name)
		}
		f, err := strconv.ParseFloat(tk.text, 64)
		if err != nil {
			return 0, tk.fail("Value of %s must be numeric", name)
		}
		return f, nil
	}
	switch op {
	case "=", "<", "<=":
		v, err := value(name)
		if err != nil {
			return c, err
		}
		switch op {
		case "=":
			c.lower, c.upper, c.lowerIncl, c.upperIncl = v, v, true, true
		default:
			c.upper, c.upperIncl = v, op == "<="
		}
		if tk.next() != tokEndArray {
			return c, tk.fail("Too many elements in numeric expression")
		}
		return c, nil
	case ">", ">=":
		v, err := value(name)
		if err != nil {
			return c, err
		}
		c.lower, c.lowerIncl = v, op == ">="
	default:
		return c, tk.fail("Unrecognized numeric range operator: %s", op)
	}
	if tk.next() == tokEndArray {
		return c, nil
	}
	if tk.kind != tokString {
		return c, tk.fail("Bad value in numeric range: %s", tk.tokenText())
	}
	op2 := tk.stringText()
	if op2 != "<" && op2 != "<=" {
		return c, tk.fail("Bad numeric range operator: %s", op2)
	}
	tk.next()
	v2, err := value(op2)
	if err != nil {
		return c, err
	}
	if tk.next() != tokEndArray {
		return c, tk.fail("Too many terms in numeric range expression")
	}
	if v2 <= c.lower {
		return c, tk.fail("Bottom must be less than top")
	}
	c.upper, c.upperIncl = v2, op2 == "<="
	return c, nil
}
