package s3

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"strconv"
	"strings"
	"time"

	"github.com/parity-harness/parity/emulator/awserr"
)

// The policy document of a browser-based upload: a base64 JSON object with
// an expiration time and the conditions every form field must meet
// (https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-HTTPPOSTConstructPolicy.html).
// Conditions are exact matches ({"field": "value"}, ["eq", "$field",
// "value"]), prefixes (["starts-with", "$field", "prefix"]) and the size
// range of the file (["content-length-range", min, max]). Field names
// compare without case, values with case.

// postPolicy is a decoded policy document.
type postPolicy struct {
	Expiration time.Time
	Conditions []postCondition
}

// postCondition is one condition of a policy.
type postCondition struct {
	// Kind is "eq", "starts-with" or "content-length-range".
	Kind string
	// Operands are the condition's arguments as written (strings, or the
	// text of JSON numbers): the field ("$key") and value, or min and max.
	Operands []string
}

// String renders the condition as S3 quotes it in errors:
// ["eq", "$key", "value"], every operand a string.
func (c postCondition) String() string {
	var b strings.Builder
	b.WriteString("[")
	for i, o := range append([]string{c.Kind}, c.Operands...) {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(quoteJSON(o))
	}
	b.WriteString("]")
	return b.String()
}

// quoteJSON renders s as a JSON string, leaving <, > and & as they are.
func quoteJSON(s string) string {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s)
	return strings.TrimSuffix(buf.String(), "\n")
}

// Field returns the form field an eq or starts-with condition names, lower
// case and without its "$"; ok is false when the name lacks the "$".
func (c postCondition) Field() (name string, ok bool) {
	if len(c.Operands) == 0 {
		return "", false
	}
	name, ok = strings.CutPrefix(c.Operands[0], "$")
	return strings.ToLower(name), ok
}

func errInvalidPolicy(detail string) error {
	return awserr.New("InvalidPolicyDocument", 400, "Invalid Policy: "+detail)
}

func errPolicyConditionFailed(c postCondition) error {
	return awserr.New("AccessDenied", 403, "Invalid according to Policy: Policy Condition failed: "+c.String())
}

// parsePostPolicy decodes a base64 policy document.
func parsePostPolicy(encoded string) (*postPolicy, error) {
	raw, err := base64.StdEncoding.DecodeString(encoded)
	if err != nil {
		return nil, errInvalidPolicy("Invalid JSON.")
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var doc map[string]json.RawMessage
	if err := dec.Decode(&doc); err != nil || doc == nil || dec.More() {
		return nil, errInvalidPolicy("Invalid JSON.")
	}
	p := &postPolicy{}
	expRaw, ok := doc["expiration"]
	if !ok {
		return nil, errInvalidPolicy("Policy missing expiration.")
	}
	var exp string
	if json.Unmarshal(expRaw, &exp) != nil {
		return nil, errInvalidPolicy("Invalid 'expiration' value: '" + strings.Trim(string(expRaw), `"`) + "'")
	}
	if p.Expiration, ok = parsePolicyTime(exp); !ok {
		return nil, errInvalidPolicy("Invalid 'expiration' value: '" + exp + "'")
	}
	condRaw, ok := doc["conditions"]
	if !ok {
		return nil, errInvalidPolicy("Policy missing conditions.")
	}
	var conds []json.RawMessage
	if json.Unmarshal(condRaw, &conds) != nil {
		return nil, errInvalidPolicy("Invalid 'conditions' value: must be a list.")
	}
	for _, cr := range conds {
		c, err := parsePostCondition(cr)
		if err != nil {
			return nil, err
		}
		p.Conditions = append(p.Conditions, c)
	}
	return p, nil
}

// parsePolicyTime reads an ISO 8601 UTC time, with or without fractions of
// a second.
func parsePolicyTime(s string) (time.Time, bool) {
	for _, layout := range []string{"2006-01-02T15:04:05Z07:00", "2006-01-02T15:04:05.999999999Z07:00"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// parsePostCondition reads one condition: a one-member object or a list.
func parsePostCondition(raw json.RawMessage) (postCondition, error) {
	trimmed := bytes.TrimSpace(raw)
	if len(trimmed) > 0 && trimmed[0] == '{' {
		var obj map[string]any
		dec := json.NewDecoder(bytes.NewReader(trimmed))
		dec.UseNumber()
		if dec.Decode(&obj) != nil {
			return postCondition{}, errInvalidPolicy("Invalid JSON.")
		}
		if len(obj) != 1 {
			return postCondition{}, errInvalidPolicy("Invalid Simple-Condition: Simple-Conditions must have exactly one property specified.")
		}
		for k, v := range obj {
			text, ok := operandText(v)
			if !ok {
				return postCondition{}, errInvalidPolicy("Invalid Simple-Condition: value must be a string.")
			}
			return postCondition{Kind: "eq", Operands: []string{"$" + k, text}}, nil
		}
	}
	var list []any
	dec := json.NewDecoder(bytes.NewReader(trimmed))
	dec.UseNumber()
	if dec.Decode(&list) != nil {
		return postCondition{}, errInvalidPolicy("Invalid Condition: must be an object or a list.")
	}
	if len(list) == 0 {
		return postCondition{}, errInvalidPolicy("Invalid Condition: empty condition.")
	}
	kind, ok := list[0].(string)
	if !ok {
		return postCondition{}, errInvalidPolicy("Invalid Condition: the condition type must be a string.")
	}
	kind = strings.ToLower(kind)
	switch kind {
	case "eq", "starts-with", "content-length-range":
	default:
		return postCondition{}, errInvalidPolicy("Invalid Condition: unknown condition type '" + kind + "'.")
	}
	if len(list) != 3 {
		return postCondition{}, errInvalidPolicy("Invalid Condition: wrong number of arguments for '" + kind + "'.")
	}
	c := postCondition{Kind: kind}
	for _, v := range list[1:] {
		text, ok := operandText(v)
		if !ok {
			return postCondition{}, errInvalidPolicy("Invalid Condition: arguments must be strings or numbers.")
		}
		c.Operands = append(c.Operands, text)
	}
	return c, nil
}

// operandText returns the text of a string or number operand.
func operandText(v any) (string, bool) {
	switch t := v.(type) {
	case string:
		return t, true
	case json.Number:
		return t.String(), true
	}
	return "", false
}

// postFieldLookup gives the value of a form field by lower-case name.
type postFieldLookup func(name string) (string, bool)

// sizeRange is a content-length-range of a policy.
type sizeRange struct{ Min, Max int64 }

// checkPostConditions evaluates the conditions that concern form fields, in
// order, and returns the file size ranges left for when the file is read.
// bucket answers "$bucket".
func (p *postPolicy) checkPostConditions(field postFieldLookup, bucket string) ([]sizeRange, error) {
	var ranges []sizeRange
	for _, c := range p.Conditions {
		if c.Kind == "content-length-range" {
			lo, err1 := strconv.ParseInt(c.Operands[0], 10, 64)
			hi, err2 := strconv.ParseInt(c.Operands[1], 10, 64)
			if err1 != nil || err2 != nil {
				return nil, errPolicyConditionFailed(c)
			}
			ranges = append(ranges, sizeRange{lo, hi})
			continue
		}
		name, ok := c.Field()
		if !ok {
			return nil, errPolicyConditionFailed(c)
		}
		var value string
		if name == "bucket" {
			value = bucket
		} else {
			value, _ = field(name)
		}
		if !conditionHolds(c.Kind, name, value, c.Operands[1]) {
			return nil, errPolicyConditionFailed(c)
		}
	}
	return ranges, nil
}

// conditionHolds evaluates eq or starts-with on a field's value. A
// Content-Type may list several types, each of which must match.
func conditionHolds(kind, name, value, want string) bool {
	if kind == "eq" {
		return value == want
	}
	if name == "content-type" && strings.Contains(value, ",") {
		for _, v := range strings.Split(value, ",") {
			if !strings.HasPrefix(strings.TrimSpace(v), want) {
				return false
			}
		}
		return true
	}
	return strings.HasPrefix(value, want)
}

// postFieldsExemptFromPolicy are the form fields no condition has to name.
var postFieldsExemptFromPolicy = map[string]bool{"policy": true, "x-amz-signature": true, "signature": true, "awsaccesskeyid": true, "file": true}

// checkExtraFields rejects form fields that no condition names.
func (p *postPolicy) checkExtraFields(fields []postField) error {
	named := map[string]bool{}
	for _, c := range p.Conditions {
		if name, ok := c.Field(); ok {
			named[name] = true
		}
	}
	for _, f := range fields {
		name := strings.ToLower(f.Name)
		if postFieldsExemptFromPolicy[name] || strings.HasPrefix(name, "x-ignore-") || named[name] {
			continue
		}
		return awserr.New("AccessDenied", 403, "Invalid according to Policy: Extra input fields: "+f.Name)
	}
	return nil
}

// checkSize holds the file's size to the policy's ranges.
func checkSize(ranges []sizeRange, size int64) error {
	for _, r := range ranges {
		if size < r.Min {
			return awserr.New("EntityTooSmall", 400, "Your proposed upload is smaller than the minimum allowed size").
				With("ProposedSize", strconv.FormatInt(size, 10)).With("MinSizeAllowed", strconv.FormatInt(r.Min, 10))
		}
		if size > r.Max {
			return awserr.New("EntityTooLarge", 400, "Your proposed upload exceeds the maximum allowed size").
				With("ProposedSize", strconv.FormatInt(size, 10)).With("MaxSizeAllowed", strconv.FormatInt(r.Max, 10))
		}
	}
	return nil
}
