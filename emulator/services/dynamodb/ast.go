package dynamodb

import "strings"

// pathElem is one step of a document path: a map key or a list index.
type pathElem struct {
	Name    string
	Index   int
	IsIndex bool
}

// docPath is a resolved document path such as a.b[1].c.
type docPath []pathElem

func (p docPath) String() string {
	var b strings.Builder
	for i, e := range p {
		if e.IsIndex {
			b.WriteString("[")
			b.WriteString(itoa(e.Index))
			b.WriteString("]")
			continue
		}
		if i > 0 {
			b.WriteString(".")
		}
		b.WriteString(e.Name)
	}
	return b.String()
}

// bracketed renders a path the way DynamoDB lists it in overlap errors:
// [a, b, [1]].
func (p docPath) bracketed() string {
	parts := make([]string, len(p))
	for i, e := range p {
		if e.IsIndex {
			parts[i] = "[" + itoa(e.Index) + "]"
		} else {
			parts[i] = e.Name
		}
	}
	return "[" + strings.Join(parts, ", ") + "]"
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var buf [20]byte
	i := len(buf)
	neg := n < 0
	if neg {
		n = -n
	}
	for n > 0 {
		i--
		buf[i] = byte('0' + n%10)
		n /= 10
	}
	if neg {
		i--
		buf[i] = '-'
	}
	return string(buf[i:])
}

// operand is something that evaluates to a value: a path, a literal
// placeholder, a function call or an arithmetic expression.
type operand interface{ operandNode() }

type pathOperand struct{ Path docPath }

type valueOperand struct {
	Name  string
	Value *Value
}

type funcOperand struct {
	Name string // size, if_not_exists, list_append
	Args []operand
}

type arithOperand struct {
	Op   byte // '+' or '-'
	L, R operand
}

func (*pathOperand) operandNode()  {}
func (*valueOperand) operandNode() {}
func (*funcOperand) operandNode()  {}
func (*arithOperand) operandNode() {}

// condition is a boolean expression.
type condition interface{ condNode() }

type compareCond struct {
	Op   string // = <> < <= > >=
	L, R operand
}

type betweenCond struct{ X, Lo, Hi operand }

type inCond struct {
	X    operand
	List []operand
}

type funcCond struct {
	Name string // attribute_exists, attribute_not_exists, attribute_type, begins_with, contains
	Args []operand
}

type logicCond struct {
	Op   string // AND, OR
	L, R condition
}

type notCond struct{ C condition }

func (*compareCond) condNode() {}
func (*betweenCond) condNode() {}
func (*inCond) condNode()      {}
func (*funcCond) condNode()    {}
func (*logicCond) condNode()   {}
func (*notCond) condNode()     {}

// updateAction is one action of an update expression.
type updateAction struct {
	Kind  string // SET, REMOVE, ADD, DELETE
	Path  docPath
	Value operand // nil for REMOVE
}

// updateExpr is a parsed update expression, actions in clause order.
type updateExpr struct {
	Actions []updateAction
}
