package dynamodb

import (
	"bytes"
	"strings"
	"unicode/utf8"
)

// resolve returns the value at a document path of an item, or nil.
func resolve(it Item, path docPath) *Value {
	if len(path) == 0 || path[0].IsIndex {
		return nil
	}
	v := it[path[0].Name]
	for _, e := range path[1:] {
		if v == nil {
			return nil
		}
		if e.IsIndex {
			if v.Type != TypeL || e.Index >= len(v.L) {
				return nil
			}
			v = v.L[e.Index]
			continue
		}
		if v.Type != TypeM {
			return nil
		}
		v = v.M[e.Name]
	}
	return v
}

// evalOperand evaluates a condition operand; nil means "no value" (a missing
// path or a size of something that has no size).
func evalOperand(it Item, o operand) *Value {
	switch o := o.(type) {
	case *pathOperand:
		return resolve(it, o.Path)
	case *valueOperand:
		return o.Value
	case *funcOperand:
		if o.Name == "size" && len(o.Args) == 1 {
			v := evalOperand(it, o.Args[0])
			if v == nil {
				return nil
			}
			n, ok := sizeOf(v)
			if !ok {
				return nil
			}
			return &Value{Type: TypeN, N: mustNumber(itoa(n))}
		}
	}
	return nil
}

func mustNumber(s string) Number {
	n, _ := parseDecimal(s)
	return n
}

// sizeOf implements size(): string length, binary length, element counts.
func sizeOf(v *Value) (int, bool) {
	switch v.Type {
	case TypeS:
		return utf8.RuneCountInString(v.S), true
	case TypeB:
		return len(v.B), true
	case TypeSS:
		return len(v.SS), true
	case TypeNS:
		return len(v.NS), true
	case TypeBS:
		return len(v.BS), true
	case TypeL:
		return len(v.L), true
	case TypeM:
		return len(v.M), true
	}
	return 0, false
}

// evalCondition evaluates a condition against an item (nil item: no item).
func evalCondition(it Item, c condition) bool {
	switch c := c.(type) {
	case *logicCond:
		if c.Op == "AND" {
			return evalCondition(it, c.L) && evalCondition(it, c.R)
		}
		return evalCondition(it, c.L) || evalCondition(it, c.R)
	case *notCond:
		return !evalCondition(it, c.C)
	case *compareCond:
		l, r := evalOperand(it, c.L), evalOperand(it, c.R)
		switch c.Op {
		case "=":
			return l != nil && r != nil && l.Equal(r)
		case "<>":
			if l == nil || r == nil {
				return l != nil || r != nil
			}
			return !l.Equal(r)
		}
		if l == nil || r == nil {
			return false
		}
		cmp, ok := compareScalar(l, r)
		if !ok {
			return false
		}
		switch c.Op {
		case "<":
			return cmp < 0
		case "<=":
			return cmp <= 0
		case ">":
			return cmp > 0
		case ">=":
			return cmp >= 0
		}
		return false
	case *betweenCond:
		x, lo, hi := evalOperand(it, c.X), evalOperand(it, c.Lo), evalOperand(it, c.Hi)
		if x == nil || lo == nil || hi == nil {
			return false
		}
		a, ok1 := compareScalar(x, lo)
		b, ok2 := compareScalar(x, hi)
		return ok1 && ok2 && a >= 0 && b <= 0
	case *inCond:
		x := evalOperand(it, c.X)
		if x == nil {
			return false
		}
		for _, o := range c.List {
			if v := evalOperand(it, o); v != nil && x.Equal(v) {
				return true
			}
		}
		return false
	case *funcCond:
		return evalFunc(it, c)
	}
	return false
}

func evalFunc(it Item, c *funcCond) bool {
	switch c.Name {
	case "attribute_exists":
		return evalOperand(it, c.Args[0]) != nil
	case "attribute_not_exists":
		return evalOperand(it, c.Args[0]) == nil
	case "attribute_type":
		v, t := evalOperand(it, c.Args[0]), evalOperand(it, c.Args[1])
		return v != nil && t != nil && t.Type == TypeS && string(v.Type) == t.S
	case "begins_with":
		v, pre := evalOperand(it, c.Args[0]), evalOperand(it, c.Args[1])
		if v == nil || pre == nil || v.Type != pre.Type {
			return false
		}
		switch v.Type {
		case TypeS:
			return strings.HasPrefix(v.S, pre.S)
		case TypeB:
			return bytes.HasPrefix(v.B, pre.B)
		}
		return false
	case "contains":
		v, x := evalOperand(it, c.Args[0]), evalOperand(it, c.Args[1])
		if v == nil || x == nil {
			return false
		}
		switch v.Type {
		case TypeS:
			return x.Type == TypeS && strings.Contains(v.S, x.S)
		case TypeB:
			return x.Type == TypeB && bytes.Contains(v.B, x.B)
		case TypeSS:
			if x.Type == TypeS {
				for _, s := range v.SS {
					if s == x.S {
						return true
					}
				}
			}
		case TypeNS:
			if x.Type == TypeN {
				for _, n := range v.NS {
					if n.Cmp(x.N) == 0 {
						return true
					}
				}
			}
		case TypeBS:
			if x.Type == TypeB {
				for _, b := range v.BS {
					if bytes.Equal(b, x.B) {
						return true
					}
				}
			}
		case TypeL:
			for _, e := range v.L {
				if e.Equal(x) {
					return true
				}
			}
		}
		return false
	}
	return false
}

var (
	errOperandType    = validation("An operand in the update expression has an incorrect data type")
	errMissingOperand = validation("The provided expression refers to an attribute that does not exist in the item")
	errInvalidPath    = validation("The document path provided in the update expression is invalid for update")
)

func operandTypeError(fn string, t Type) error {
	return validation("Invalid UpdateExpression: Incorrect operand type for operator or function; operator or function: " + fn + ", operand type: " + string(t))
}

// evalSetOperand evaluates the right side of a SET action against the item
// as it was before the update.
func evalSetOperand(it Item, o operand) (*Value, error) {
	switch o := o.(type) {
	case *pathOperand:
		v := resolve(it, o.Path)
		if v == nil {
			return nil, errMissingOperand
		}
		return v, nil
	case *valueOperand:
		return o.Value, nil
	case *funcOperand:
		switch o.Name {
		case "if_not_exists":
			if v := resolve(it, o.Args[0].(*pathOperand).Path); v != nil {
				return v, nil
			}
			return evalSetOperand(it, o.Args[1])
		case "list_append":
			a, err := evalSetOperand(it, o.Args[0])
			if err != nil {
				return nil, err
			}
			b, err := evalSetOperand(it, o.Args[1])
			if err != nil {
				return nil, err
			}
			for _, v := range []*Value{a, b} {
				if v.Type != TypeL {
					return nil, operandTypeError("list_append", v.Type)
				}
			}
			l := make([]*Value, 0, len(a.L)+len(b.L))
			l = append(append(l, a.L...), b.L...)
			return &Value{Type: TypeL, L: l}, nil
		}
	case *arithOperand:
		a, err := evalSetOperand(it, o.L)
		if err != nil {
			return nil, err
		}
		b, err := evalSetOperand(it, o.R)
		if err != nil {
			return nil, err
		}
		for _, v := range []*Value{a, b} {
			if v.Type != TypeN {
				return nil, operandTypeError(string(o.Op), v.Type)
			}
		}
		rhs := b.N
		if o.Op == '-' {
			rhs = rhs.Negate()
		}
		n, err := a.N.Add(rhs)
		if err != nil {
			return nil, err
		}
		return &Value{Type: TypeN, N: n}, nil
	}
	return nil, errOperandType
}

// applyUpdate returns a copy of it with the actions applied. Operands are
// evaluated against the original item, as DynamoDB does.
func applyUpdate(orig Item, u *updateExpr) (Item, error) {
	out := orig.Clone()
	// REMOVE of list elements must not shift later indexes of the same list:
	// apply removals after the other actions, highest index first.
	var removes []docPath
	for _, a := range u.Actions {
		switch a.Kind {
		case "SET":
			v, err := evalSetOperand(orig, a.Value)
			if err != nil {
				return nil, err
			}
			if err := setPath(out, a.Path, v.Clone()); err != nil {
				return nil, err
			}
		case "REMOVE":
			removes = append(removes, a.Path)
		case "ADD":
			if err := addPath(out, a.Path, a.Value.(*valueOperand).Value); err != nil {
				return nil, err
			}
		case "DELETE":
			if err := deletePath(out, a.Path, a.Value.(*valueOperand).Value); err != nil {
				return nil, err
			}
		}
	}
	sortPathsForRemoval(removes)
	for _, p := range removes {
		if err := removePath(out, p); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func sortPathsForRemoval(ps []docPath) {
	// insertion sort: descending by last index where prefixes match
	for i := 1; i < len(ps); i++ {
		for j := i; j > 0 && removeBefore(ps[j], ps[j-1]); j-- {
			ps[j], ps[j-1] = ps[j-1], ps[j]
		}
	}
}

func removeBefore(a, b docPath) bool {
	n := len(a)
	if len(b) < n {
		n = len(b)
	}
	for i := 0; i < n; i++ {
		if a[i].IsIndex && b[i].IsIndex && a[i].Index != b[i].Index {
			return a[i].Index > b[i].Index
		}
		if a[i] != b[i] {
			return false
		}
	}
	return false
}

// parentOf walks to the container of the last path element.
func parentOf(it Item, path docPath) (*Value, bool) {
	if len(path) == 1 {
		return nil, true
	}
	v := resolve(it, path[:len(path)-1])
	return v, v != nil
}

func setPath(it Item, path docPath, v *Value) error {
	last := path[len(path)-1]
	if len(path) == 1 {
		it[last.Name] = v
		return nil
	}
	parent, ok := parentOf(it, path)
	if !ok {
		return errInvalidPath
	}
	if last.IsIndex {
		if parent.Type != TypeL {
			return errInvalidPath
		}
		if last.Index >= len(parent.L) {
			parent.L = append(parent.L, v)
		} else {
			parent.L[last.Index] = v
		}
		return nil
	}
	if parent.Type != TypeM {
		return errInvalidPath
	}
	parent.M[last.Name] = v
	return nil
}

func removePath(it Item, path docPath) error {
	last := path[len(path)-1]
	if len(path) == 1 {
		delete(it, last.Name)
		return nil
	}
	parent, ok := parentOf(it, path)
	if !ok {
		return nil
	}
	if last.IsIndex {
		if parent.Type != TypeL {
			return errInvalidPath
		}
		if last.Index < len(parent.L) {
			parent.L = append(parent.L[:last.Index:last.Index], parent.L[last.Index+1:]...)
		}
		return nil
	}
	if parent.Type != TypeM {
		return errInvalidPath
	}
	delete(parent.M, last.Name)
	return nil
}

func addPath(it Item, path docPath, add *Value) error {
	cur := resolve(it, path)
	if cur == nil {
		return setPath(it, path, add.Clone())
	}
	switch {
	case cur.Type == TypeN && add.Type == TypeN:
		n, err := cur.N.Add(add.N)
		if err != nil {
			return err
		}
		return setPath(it, path, &Value{Type: TypeN, N: n})
	case cur.Type == add.Type && (add.Type == TypeSS || add.Type == TypeNS || add.Type == TypeBS):
		return setPath(it, path, setUnion(cur, add))
	}
	return errOperandType
}

func deletePath(it Item, path docPath, del *Value) error {
	cur := resolve(it, path)
	if cur == nil {
		return nil
	}
	if cur.Type != del.Type {
		return errOperandType
	}
	rest := setDifference(cur, del)
	if rest == nil {
		return removePath(it, path)
	}
	return setPath(it, path, rest)
}

func setKeys(v *Value) []string {
	switch v.Type {
	case TypeSS:
		return v.SS
	case TypeNS:
		out := make([]string, len(v.NS))
		for i, n := range v.NS {
			out[i] = n.String()
		}
		return out
	case TypeBS:
		out := make([]string, len(v.BS))
		for i, b := range v.BS {
			out[i] = string(b)
		}
		return out
	}
	return nil
}

func setUnion(a, b *Value) *Value {
	out := a.Clone()
	have := map[string]bool{}
	for _, k := range setKeys(a) {
		have[k] = true
	}
	bk := setKeys(b)
	for i, k := range bk {
		if have[k] {
			continue
		}
		have[k] = true
		switch b.Type {
		case TypeSS:
			out.SS = append(out.SS, b.SS[i])
		case TypeNS:
			out.NS = append(out.NS, b.NS[i])
		case TypeBS:
			out.BS = append(out.BS, b.BS[i])
		}
	}
	return out
}

// setDifference returns a minus b, or nil when nothing is left.
func setDifference(a, b *Value) *Value {
	drop := map[string]bool{}
	for _, k := range setKeys(b) {
		drop[k] = true
	}
	out := &Value{Type: a.Type}
	for i, k := range setKeys(a) {
		if drop[k] {
			continue
		}
		switch a.Type {
		case TypeSS:
			out.SS = append(out.SS, a.SS[i])
		case TypeNS:
			out.NS = append(out.NS, a.NS[i])
		case TypeBS:
			out.BS = append(out.BS, a.BS[i])
		}
	}
	if len(out.SS)+len(out.NS)+len(out.BS) == 0 {
		return nil
	}
	return out
}

// project returns the parts of an item the paths select, keeping document
// structure (list elements selected by index are compacted in order).
func project(it Item, paths []docPath) Item {
	out := Item{}
	for _, p := range paths {
		v := resolve(it, p)
		if v == nil {
			continue
		}
		insertProjected(out, it, p, v)
	}
	return out
}

func insertProjected(out Item, src Item, p docPath, v *Value) {
	if len(p) == 1 {
		out[p[0].Name] = v
		return
	}
	top := p[0].Name
	srcCur := src[top]
	dst, ok := out[top]
	if !ok {
		dst = &Value{Type: srcCur.Type}
		if srcCur.Type == TypeM {
			dst.M = map[string]*Value{}
		}
		out[top] = dst
	}
	for i := 1; i < len(p); i++ {
		e := p[i]
		lastStep := i == len(p)-1
		var next *Value
		if e.IsIndex {
			next = srcCur.L[e.Index]
		} else {
			next = srcCur.M[e.Name]
		}
		if lastStep {
			if e.IsIndex {
				dst.L = append(dst.L, v)
			} else {
				dst.M[e.Name] = v
			}
			return
		}
		var child *Value
		if e.IsIndex {
			child = &Value{Type: next.Type}
			if next.Type == TypeM {
				child.M = map[string]*Value{}
			}
			dst.L = append(dst.L, child)
		} else {
			c, ok := dst.M[e.Name]
			if !ok {
				c = &Value{Type: next.Type}
				if next.Type == TypeM {
					c.M = map[string]*Value{}
				}
				dst.M[e.Name] = c
			}
			child = c
		}
		dst, srcCur = child, next
	}
}
