package dynamodb

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"sort"
	"strings"
)

// Type is a DynamoDB attribute type descriptor.
type Type string

// Attribute type descriptors as they appear on the wire.
const (
	TypeS    Type = "S"
	TypeN    Type = "N"
	TypeB    Type = "B"
	TypeBOOL Type = "BOOL"
	TypeNULL Type = "NULL"
	TypeSS   Type = "SS"
	TypeNS   Type = "NS"
	TypeBS   Type = "BS"
	TypeL    Type = "L"
	TypeM    Type = "M"
)

// Value is one attribute value. Only the field of its Type is meaningful.
// Values stored in tables are never mutated; updates copy.
type Value struct {
	Type Type
	S    string
	N    Number
	B    []byte
	Bool bool
	SS   []string
	NS   []Number
	BS   [][]byte
	L    []*Value
	M    map[string]*Value
}

// Item is a set of named attribute values.
type Item map[string]*Value

// parseValue converts a wire AttributeValue (generic document) into a Value,
// applying DynamoDB's type rules.
func parseValue(raw any) (*Value, error) {
	m, ok := raw.(map[string]any)
	if !ok {
		return nil, validation("Supplied AttributeValue is empty, must contain exactly one of the supported datatypes")
	}
	var set []string
	for k, v := range m {
		if v != nil {
			set = append(set, k)
		}
	}
	if len(set) == 0 {
		return nil, validation("Supplied AttributeValue is empty, must contain exactly one of the supported datatypes")
	}
	if len(set) > 1 {
		return nil, validation("Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes")
	}
	k := set[0]
	v := m[k]
	switch Type(k) {
	case TypeS:
		s, ok := v.(string)
		if !ok {
			return nil, serialization("S", v)
		}
		return &Value{Type: TypeS, S: s}, nil
	case TypeN:
		s, ok := v.(string)
		if !ok {
			return nil, serialization("N", v)
		}
		n, err := ParseNumber(s)
		if err != nil {
			return nil, err
		}
		return &Value{Type: TypeN, N: n}, nil
	case TypeB:
		b, err := toBytes(v)
		if err != nil {
			return nil, err
		}
		return &Value{Type: TypeB, B: b}, nil
	case TypeBOOL:
		b, ok := v.(bool)
		if !ok {
			return nil, serialization("BOOL", v)
		}
		return &Value{Type: TypeBOOL, Bool: b}, nil
	case TypeNULL:
		b, ok := v.(bool)
		if !ok {
			return nil, serialization("NULL", v)
		}
		if !b {
			return nil, validation("One or more parameter values were invalid: Null attribute value types must have the value of true")
		}
		return &Value{Type: TypeNULL, Bool: true}, nil
	case TypeSS:
		list, ok := v.([]any)
		if !ok {
			return nil, serialization("SS", v)
		}
		if len(list) == 0 {
			return nil, validation("One or more parameter values were invalid: An string set  may not be empty")
		}
		out := &Value{Type: TypeSS}
		seen := map[string]bool{}
		for _, e := range list {
			s, ok := e.(string)
			if !ok {
				return nil, serialization("SS", e)
			}
			if seen[s] {
				return nil, duplicates(list)
			}
			seen[s] = true
			out.SS = append(out.SS, s)
		}
		return out, nil
	case TypeNS:
		list, ok := v.([]any)
		if !ok {
			return nil, serialization("NS", v)
		}
		if len(list) == 0 {
			return nil, validation("One or more parameter values were invalid: An number set  may not be empty")
		}
		out := &Value{Type: TypeNS}
		seen := map[string]bool{}
		for _, e := range list {
			s, ok := e.(string)
			if !ok {
				return nil, serialization("NS", e)
			}
			n, err := ParseNumber(s)
			if err != nil {
				return nil, err
			}
			if seen[n.String()] {
				return nil, duplicates(list)
			}
			seen[n.String()] = true
			out.NS = append(out.NS, n)
		}
		return out, nil
	case TypeBS:
		list, ok := v.([]any)
		if !ok {
			return nil, serialization("BS", v)
		}
		if len(list) == 0 {
			return nil, validation("One or more parameter values were invalid: Binary sets should not be empty")
		}
		out := &Value{Type: TypeBS}
		seen := map[string]bool{}
		for _, e := range list {
			b, err := toBytes(e)
			if err != nil {
				return nil, err
			}
			if seen[string(b)] {
				return nil, duplicates(list)
			}
			seen[string(b)] = true
			out.BS = append(out.BS, b)
		}
		return out, nil
	case TypeL:
		list, ok := v.([]any)
		if !ok {
			return nil, serialization("L", v)
		}
		out := &Value{Type: TypeL, L: make([]*Value, 0, len(list))}
		for _, e := range list {
			ev, err := parseValue(e)
			if err != nil {
				return nil, err
			}
			out.L = append(out.L, ev)
		}
		return out, nil
	case TypeM:
		mm, ok := v.(map[string]any)
		if !ok {
			return nil, serialization("M", v)
		}
		out := &Value{Type: TypeM, M: make(map[string]*Value, len(mm))}
		for name, e := range mm {
			ev, err := parseValue(e)
			if err != nil {
				return nil, err
			}
			out.M[name] = ev
		}
		return out, nil
	}
	return nil, validation("Supplied AttributeValue is empty, must contain exactly one of the supported datatypes")
}

func duplicates(list []any) error {
	parts := make([]string, len(list))
	for i, e := range list {
		switch x := e.(type) {
		case []byte:
			parts[i] = base64.StdEncoding.EncodeToString(x)
		default:
			parts[i] = fmt.Sprint(x)
		}
	}
	return validation("One or more parameter values were invalid: Input collection [" + strings.Join(parts, ", ") + "] contains duplicates.")
}

func serialization(typ string, v any) error {
	return newErr("SerializationException", fmt.Sprintf("Unexpected value type in payload for attribute type %s: %T", typ, v))
}

func toBytes(v any) ([]byte, error) {
	switch x := v.(type) {
	case []byte:
		return x, nil
	case string:
		b, err := base64.StdEncoding.DecodeString(x)
		if err != nil {
			return nil, newErr("SerializationException", "Base64 encoded length is expected a multiple of 4 bytes but found: "+fmt.Sprint(len(x)))
		}
		return b, nil
	}
	return nil, serialization("B", v)
}

// parseItem converts a wire attribute map.
func parseItem(raw any) (Item, error) {
	if raw == nil {
		return Item{}, nil
	}
	m, ok := raw.(map[string]any)
	if !ok {
		return nil, newErr("SerializationException", "Expected an attribute map")
	}
	out := make(Item, len(m))
	for k, v := range m {
		pv, err := parseValue(v)
		if err != nil {
			return nil, err
		}
		out[k] = pv
	}
	return out, nil
}

// Wire returns the generic document form of v.
func (v *Value) Wire() map[string]any {
	switch v.Type {
	case TypeS:
		return map[string]any{"S": v.S}
	case TypeN:
		return map[string]any{"N": v.N.String()}
	case TypeB:
		return map[string]any{"B": v.B}
	case TypeBOOL:
		return map[string]any{"BOOL": v.Bool}
	case TypeNULL:
		return map[string]any{"NULL": true}
	case TypeSS:
		l := make([]any, len(v.SS))
		for i, s := range v.SS {
			l[i] = s
		}
		return map[string]any{"SS": l}
	case TypeNS:
		l := make([]any, len(v.NS))
		for i, n := range v.NS {
			l[i] = n.String()
		}
		return map[string]any{"NS": l}
	case TypeBS:
		l := make([]any, len(v.BS))
		for i, b := range v.BS {
			l[i] = b
		}
		return map[string]any{"BS": l}
	case TypeL:
		l := make([]any, len(v.L))
		for i, e := range v.L {
			l[i] = e.Wire()
		}
		return map[string]any{"L": l}
	case TypeM:
		m := make(map[string]any, len(v.M))
		for k, e := range v.M {
			m[k] = e.Wire()
		}
		return map[string]any{"M": m}
	}
	return map[string]any{}
}

// Wire returns the generic document form of an item.
func (it Item) Wire() map[string]any {
	m := make(map[string]any, len(it))
	for k, v := range it {
		m[k] = v.Wire()
	}
	return m
}

// Clone returns a deep copy of v.
func (v *Value) Clone() *Value {
	c := *v
	switch v.Type {
	case TypeSS:
		c.SS = append([]string(nil), v.SS...)
	case TypeNS:
		c.NS = append([]Number(nil), v.NS...)
	case TypeBS:
		c.BS = append([][]byte(nil), v.BS...)
	case TypeL:
		c.L = make([]*Value, len(v.L))
		for i, e := range v.L {
			c.L[i] = e.Clone()
		}
	case TypeM:
		c.M = make(map[string]*Value, len(v.M))
		for k, e := range v.M {
			c.M[k] = e.Clone()
		}
	}
	return &c
}

// Clone returns a deep copy of the item.
func (it Item) Clone() Item {
	c := make(Item, len(it))
	for k, v := range it {
		c[k] = v.Clone()
	}
	return c
}

// Equal reports whether two values are equal as DynamoDB compares them (sets
// ignore order).
func (v *Value) Equal(o *Value) bool {
	if v.Type != o.Type {
		return false
	}
	switch v.Type {
	case TypeS:
		return v.S == o.S
	case TypeN:
		return v.N.Cmp(o.N) == 0
	case TypeB:
		return bytes.Equal(v.B, o.B)
	case TypeBOOL:
		return v.Bool == o.Bool
	case TypeNULL:
		return true
	case TypeSS:
		return sameStrings(v.SS, o.SS)
	case TypeNS:
		a := make([]string, len(v.NS))
		b := make([]string, len(o.NS))
		for i, n := range v.NS {
			a[i] = n.String()
		}
		for i, n := range o.NS {
			b[i] = n.String()
		}
		return sameStrings(a, b)
	case TypeBS:
		a := make([]string, len(v.BS))
		b := make([]string, len(o.BS))
		for i, n := range v.BS {
			a[i] = string(n)
		}
		for i, n := range o.BS {
			b[i] = string(n)
		}
		return sameStrings(a, b)
	case TypeL:
		if len(v.L) != len(o.L) {
			return false
		}
		for i := range v.L {
			if !v.L[i].Equal(o.L[i]) {
				return false
			}
		}
		return true
	case TypeM:
		if len(v.M) != len(o.M) {
			return false
		}
		for k, e := range v.M {
			oe, ok := o.M[k]
			if !ok || !e.Equal(oe) {
				return false
			}
		}
		return true
	}
	return false
}

func sameStrings(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	a = append([]string(nil), a...)
	b = append([]string(nil), b...)
	sort.Strings(a)
	sort.Strings(b)
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// compareScalar orders two values of the same scalar type (S, N or B); ok is
// false when they are not comparable.
func compareScalar(a, b *Value) (int, bool) {
	if a.Type != b.Type {
		return 0, false
	}
	switch a.Type {
	case TypeS:
		return strings.Compare(a.S, b.S), true
	case TypeN:
		return a.N.Cmp(b.N), true
	case TypeB:
		return bytes.Compare(a.B, b.B), true
	}
	return 0, false
}

// size is the number of bytes DynamoDB counts for a value.
func (v *Value) size() int {
	switch v.Type {
	case TypeS:
		return len(v.S)
	case TypeN:
		return v.N.sizeBytes()
	case TypeB:
		return len(v.B)
	case TypeBOOL, TypeNULL:
		return 1
	case TypeSS:
		n := 0
		for _, s := range v.SS {
			n += len(s)
		}
		return n
	case TypeNS:
		n := 0
		for _, e := range v.NS {
			n += e.sizeBytes()
		}
		return n
	case TypeBS:
		n := 0
		for _, b := range v.BS {
			n += len(b)
		}
		return n
	case TypeL:
		n := 3
		for _, e := range v.L {
			n += e.size() + 1
		}
		return n
	case TypeM:
		n := 3
		for k, e := range v.M {
			n += len(k) + e.size() + 1
		}
		return n
	}
	return 0
}

// Size is the item size DynamoDB counts against the 400 KB limit and for
// capacity: the UTF-8 length of every attribute name plus its value's size.
func (it Item) Size() int {
	n := 0
	for k, v := range it {
		n += len(k) + v.size()
	}
	return n
}

// typeName is the name DynamoDB uses for a type in operand-type errors.
func (t Type) longName() string {
	switch t {
	case TypeS:
		return "STRING"
	case TypeN:
		return "NUMBER"
	case TypeB:
		return "BINARY"
	case TypeBOOL:
		return "BOOLEAN"
	case TypeNULL:
		return "NULL"
	case TypeSS:
		return "STRING_SET"
	case TypeNS:
		return "NUMBER_SET"
	case TypeBS:
		return "BINARY_SET"
	case TypeL:
		return "LIST"
	case TypeM:
		return "MAP"
	}
	return string(t)
}

// describe renders a value the way DynamoDB quotes operands in messages,
// e.g. {N:10} or {S:abc}.
func (v *Value) describe() string {
	switch v.Type {
	case TypeS:
		return "{S:" + v.S + "}"
	case TypeN:
		return "{N:" + v.N.String() + "}"
	case TypeB:
		return "{B:" + base64.StdEncoding.EncodeToString(v.B) + "}"
	}
	return "{" + string(v.Type) + ":…}"
}
