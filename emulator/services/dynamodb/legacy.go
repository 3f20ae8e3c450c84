package dynamodb

import (
	"sort"
	"strings"
)

// The legacy (pre-expression) parameters — Expected, KeyConditions,
// QueryFilter, ScanFilter, AttributesToGet, AttributeUpdates — are
// translated into the same syntax trees expressions produce.

// conflictCheck rejects requests mixing legacy and expression parameters.
func conflictCheck(in map[string]any, legacy, expr []string) error {
	var l, e []string
	for _, k := range legacy {
		if has(in, k) {
			l = append(l, k)
		}
	}
	for _, k := range expr {
		if has(in, k) {
			e = append(e, k)
		}
	}
	if len(l) > 0 && len(e) > 0 {
		return validation("Can not use both expression and non-expression parameters in the same request: Non-expression parameters: {" + strings.Join(l, ", ") + "} Expression parameters: {" + strings.Join(e, ", ") + "}")
	}
	return nil
}

// legacyCondition converts an Expected / QueryFilter / ScanFilter /
// KeyConditions map into a condition.
func legacyCondition(raw map[string]any, op string, param string) (condition, error) {
	if len(raw) == 0 {
		return nil, nil
	}
	names := make([]string, 0, len(raw))
	for k := range raw {
		names = append(names, k)
	}
	sort.Strings(names)
	var out condition
	for _, name := range names {
		spec, _ := raw[name].(map[string]any)
		c, err := legacyOne(name, spec, param)
		if err != nil {
			return nil, err
		}
		if out == nil {
			out = c
		} else {
			out = &logicCond{Op: map[bool]string{true: "OR", false: "AND"}[op == "OR"], L: out, R: c}
		}
	}
	return out, nil
}

func legacyOne(name string, spec map[string]any, param string) (condition, error) {
	path := &pathOperand{Path: docPath{{Name: name}}}
	var vals []*Value
	if has(spec, "Value") {
		v, err := parseValue(spec["Value"])
		if err != nil {
			return nil, err
		}
		vals = append(vals, v)
	}
	for _, raw := range list(spec, "AttributeValueList") {
		v, err := parseValue(raw)
		if err != nil {
			return nil, err
		}
		vals = append(vals, v)
	}
	op := str(spec, "ComparisonOperator")
	if op == "" {
		exists, set := boolean(spec, "Exists")
		if set && !exists {
			if len(vals) > 0 {
				return nil, validation("One or more parameter values were invalid: Value cannot be used when Exists is false for Attribute: " + name)
			}
			return &funcCond{Name: "attribute_not_exists", Args: []operand{path}}, nil
		}
		if len(vals) != 1 {
			return nil, validation("One or more parameter values were invalid: Value must be provided when Exists is true for Attribute: " + name)
		}
		return &compareCond{Op: "=", L: path, R: &valueOperand{Value: vals[0]}}, nil
	}
	want := map[string]int{"EQ": 1, "NE": 1, "LE": 1, "LT": 1, "GE": 1, "GT": 1, "NOT_NULL": 0, "NULL": 0,
		"CONTAINS": 1, "NOT_CONTAINS": 1, "BEGINS_WITH": 1, "BETWEEN": 2}
	n, known := want[op]
	if op == "IN" {
		n, known = len(vals), len(vals) > 0
	}
	if !known || len(vals) != n {
		return nil, validation("One or more parameter values were invalid: Invalid number of argument(s) for the " + op + " ComparisonOperator")
	}
	v := func(i int) operand { return &valueOperand{Value: vals[i]} }
	switch op {
	case "EQ", "NE", "LE", "LT", "GE", "GT":
		sym := map[string]string{"EQ": "=", "NE": "<>", "LE": "<=", "LT": "<", "GE": ">=", "GT": ">"}[op]
		return &compareCond{Op: sym, L: path, R: v(0)}, nil
	case "NOT_NULL":
		return &funcCond{Name: "attribute_exists", Args: []operand{path}}, nil
	case "NULL":
		return &funcCond{Name: "attribute_not_exists", Args: []operand{path}}, nil
	case "CONTAINS":
		return &funcCond{Name: "contains", Args: []operand{path, v(0)}}, nil
	case "NOT_CONTAINS":
		return &logicCond{Op: "AND", L: &funcCond{Name: "attribute_exists", Args: []operand{path}},
			R: &notCond{C: &funcCond{Name: "contains", Args: []operand{path, v(0)}}}}, nil
	case "BEGINS_WITH":
		return &funcCond{Name: "begins_with", Args: []operand{path, v(0)}}, nil
	case "BETWEEN":
		return &betweenCond{X: path, Lo: v(0), Hi: v(1)}, nil
	}
	l := make([]operand, len(vals))
	for i := range vals {
		l[i] = v(i)
	}
	return &inCond{X: path, List: l}, nil
}

// legacyProjection converts AttributesToGet.
func legacyProjection(raw []any) []docPath {
	if len(raw) == 0 {
		return nil
	}
	out := make([]docPath, 0, len(raw))
	for _, a := range raw {
		s, _ := a.(string)
		out = append(out, docPath{{Name: s}})
	}
	return out
}

// legacyUpdate converts AttributeUpdates.
func legacyUpdate(raw map[string]any) (*updateExpr, error) {
	u := &updateExpr{}
	names := make([]string, 0, len(raw))
	for k := range raw {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, name := range names {
		spec, _ := raw[name].(map[string]any)
		action := str(spec, "Action")
		if action == "" {
			action = "PUT"
		}
		var val *Value
		if has(spec, "Value") {
			v, err := parseValue(spec["Value"])
			if err != nil {
				return nil, err
			}
			val = v
		}
		path := docPath{{Name: name}}
		switch action {
		case "PUT":
			if val == nil {
				return nil, validation("One or more parameter values were invalid: Only DELETE action is allowed when no attribute value is specified")
			}
			u.Actions = append(u.Actions, updateAction{Kind: "SET", Path: path, Value: &valueOperand{Value: val}})
		case "DELETE":
			if val == nil {
				u.Actions = append(u.Actions, updateAction{Kind: "REMOVE", Path: path})
			} else {
				if val.Type != TypeSS && val.Type != TypeNS && val.Type != TypeBS {
					return nil, validation("One or more parameter values were invalid: DELETE action with value is not supported for the type " + val.Type.longName())
				}
				u.Actions = append(u.Actions, updateAction{Kind: "DELETE", Path: path, Value: &valueOperand{Value: val}})
			}
		case "ADD":
			if val == nil {
				return nil, validation("One or more parameter values were invalid: ADD action requires a value")
			}
			if val.Type == TypeL {
				u.Actions = append(u.Actions, updateAction{Kind: "SET", Path: path, Value: &funcOperand{Name: "list_append", Args: []operand{
					&funcOperand{Name: "if_not_exists", Args: []operand{&pathOperand{Path: path}, &valueOperand{Value: &Value{Type: TypeL}}}},
					&valueOperand{Value: val}}}})
				continue
			}
			if val.Type != TypeN && val.Type != TypeSS && val.Type != TypeNS && val.Type != TypeBS {
				return nil, validation("One or more parameter values were invalid: ADD action is not supported for the type " + val.Type.longName())
			}
			u.Actions = append(u.Actions, updateAction{Kind: "ADD", Path: path, Value: &valueOperand{Value: val}})
		default:
			return nil, validation("1 validation error detected: Value '" + action + "' at 'attributeUpdates." + name + ".member.action' failed to satisfy constraint: Member must satisfy enum value set: [ADD, PUT, DELETE]")
		}
	}
	return u, nil
}
