package dynamodb

import (
	"strings"
)

// This file is a small PartiQL front end for ExecuteStatement,
// BatchExecuteStatement and ExecuteTransaction: SELECT, INSERT, UPDATE and
// DELETE over one table, with ? parameters. WHERE clauses and SET values are
// translated into the syntax trees of the expression language.

type pqTokKind int

const (
	pqEOF pqTokKind = iota
	pqIdent
	pqQuoted // "identifier"
	pqString // 'literal'
	pqNumber
	pqParam // ?
	pqPunct
	pqIllegal
)

type pqToken struct {
	kind pqTokKind
	text string
}

func pqLex(src string) ([]pqToken, error) {
	var out []pqToken
	i := 0
	for i < len(src) {
		c := src[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			i++
		case isIdentStart(c):
			j := i + 1
			for j < len(src) && isIdentPart(src[j]) {
				j++
			}
			out = append(out, pqToken{pqIdent, src[i:j]})
			i = j
		case c >= '0' && c <= '9' || (c == '-' && i+1 < len(src) && src[i+1] >= '0' && src[i+1] <= '9' && lastIsOperator(out)):
			j := i + 1
			for j < len(src) && (src[j] >= '0' && src[j] <= '9' || src[j] == '.' || src[j] == 'e' || src[j] == 'E' ||
				((src[j] == '-' || src[j] == '+') && (src[j-1] == 'e' || src[j-1] == 'E'))) {
				j++
			}
			out = append(out, pqToken{pqNumber, src[i:j]})
			i = j
		case c == '"' || c == '\'':
			var b strings.Builder
			j := i + 1
			closed := false
			for j < len(src) {
				if src[j] == c {
					if j+1 < len(src) && src[j+1] == c {
						b.WriteByte(c)
						j += 2
						continue
					}
					closed = true
					j++
					break
				}
				b.WriteByte(src[j])
				j++
			}
			if !closed {
				return nil, pqError("unterminated quoted text")
			}
			k := pqString
			if c == '"' {
				k = pqQuoted
			}
			out = append(out, pqToken{k, b.String()})
			i = j
		case c == '?':
			out = append(out, pqToken{pqParam, "?"})
			i++
		case strings.IndexByte("(),.[]{}:*+-", c) >= 0:
			out = append(out, pqToken{pqPunct, string(c)})
			i++
		case c == '<' || c == '>' || c == '=' || c == '!':
			j := i + 1
			if j < len(src) && (src[j] == '=' || (c == '<' && (src[j] == '>' || src[j] == '<')) || (c == '>' && src[j] == '>')) {
				j++
			}
			t := src[i:j]
			if t == "!" {
				return nil, pqError("unexpected character '!'")
			}
			out = append(out, pqToken{pqPunct, t})
			i = j
		default:
			return nil, pqError("unexpected character '" + string(c) + "'")
		}
	}
	return append(out, pqToken{kind: pqEOF}), nil
}

func lastIsOperator(toks []pqToken) bool {
	if len(toks) == 0 {
		return true
	}
	t := toks[len(toks)-1]
	return t.kind == pqPunct && t.text != ")" && t.text != "]" && t.text != "}" || t.kind == pqIdent && isPQKeyword(t.text)
}

func isPQKeyword(s string) bool {
	switch strings.ToUpper(s) {
	case "AND", "OR", "NOT", "WHERE", "SET", "VALUE", "BETWEEN", "IN", "IS":
		return true
	}
	return false
}

func pqError(msg string) error {
	return validation("Statement wasn't well formed, can't be processed: " + msg)
}

// pqStatement is a parsed PartiQL statement.
type pqStatement struct {
	Kind   string // SELECT, INSERT, UPDATE, DELETE
	Table  string
	Index  string
	Proj   []docPath // nil: *
	Where  condition
	Item   *Value // INSERT value (a map)
	Update *updateExpr
	params int
}

type pqParser struct {
	toks   []pqToken
	pos    int
	params []*Value
	used   int
}

// parsePartiQL parses one statement binding ? to params in order.
func parsePartiQL(src string, params []*Value) (*pqStatement, error) {
	toks, err := pqLex(src)
	if err != nil {
		return nil, err
	}
	p := &pqParser{toks: toks, params: params}
	st, err := p.statement()
	if err != nil {
		return nil, err
	}
	if p.peek().kind != pqEOF {
		return nil, pqError("unexpected token '" + p.peek().text + "'")
	}
	if p.used != len(params) {
		return nil, validation("Number of parameters in request and statement don't match.")
	}
	return st, nil
}

func (p *pqParser) peek() pqToken { return p.toks[p.pos] }
func (p *pqParser) next() pqToken {
	t := p.toks[p.pos]
	if p.pos < len(p.toks)-1 {
		p.pos++
	}
	return t
}
func (p *pqParser) isKw(k string) bool {
	t := p.peek()
	return t.kind == pqIdent && strings.EqualFold(t.text, k)
}
func (p *pqParser) expectKw(k string) error {
	if !p.isKw(k) {
		return pqError("expected " + k + " near '" + p.peek().text + "'")
	}
	p.next()
	return nil
}
func (p *pqParser) isPunct(s string) bool {
	t := p.peek()
	return t.kind == pqPunct && t.text == s
}
func (p *pqParser) expectPunct(s string) error {
	if !p.isPunct(s) {
		return pqError("expected '" + s + "' near '" + p.peek().text + "'")
	}
	p.next()
	return nil
}

func (p *pqParser) statement() (*pqStatement, error) {
	switch {
	case p.isKw("SELECT"):
		return p.selectStmt()
	case p.isKw("INSERT"):
		return p.insertStmt()
	case p.isKw("UPDATE"):
		return p.updateStmt()
	case p.isKw("DELETE"):
		return p.deleteStmt()
	}
	return nil, pqError("unsupported statement near '" + p.peek().text + "'")
}

func (p *pqParser) tableRef(st *pqStatement) error {
	t := p.next()
	if t.kind != pqIdent && t.kind != pqQuoted {
		return pqError("expected a table name near '" + t.text + "'")
	}
	st.Table = t.text
	if p.isPunct(".") {
		p.next()
		ix := p.next()
		if ix.kind != pqIdent && ix.kind != pqQuoted {
			return pqError("expected an index name near '" + ix.text + "'")
		}
		st.Index = ix.text
	}
	return nil
}

func (p *pqParser) selectStmt() (*pqStatement, error) {
	p.next()
	st := &pqStatement{Kind: "SELECT"}
	if p.isPunct("*") {
		p.next()
	} else {
		for {
			path, err := p.path()
			if err != nil {
				return nil, err
			}
			st.Proj = append(st.Proj, path)
			if !p.isPunct(",") {
				break
			}
			p.next()
		}
	}
	if err := p.expectKw("FROM"); err != nil {
		return nil, err
	}
	if err := p.tableRef(st); err != nil {
		return nil, err
	}
	if p.isKw("WHERE") {
		p.next()
		c, err := p.orCond()
		if err != nil {
			return nil, err
		}
		st.Where = c
	}
	return st, nil
}

func (p *pqParser) insertStmt() (*pqStatement, error) {
	p.next()
	st := &pqStatement{Kind: "INSERT"}
	if err := p.expectKw("INTO"); err != nil {
		return nil, err
	}
	if err := p.tableRef(st); err != nil {
		return nil, err
	}
	if err := p.expectKw("VALUE"); err != nil {
		return nil, err
	}
	v, err := p.literal()
	if err != nil {
		return nil, err
	}
	if v.Type != TypeM {
		return nil, pqError("INSERT VALUE must be a tuple")
	}
	st.Item = v
	return st, nil
}

func (p *pqParser) updateStmt() (*pqStatement, error) {
	p.next()
	st := &pqStatement{Kind: "UPDATE", Update: &updateExpr{}}
	if err := p.tableRef(st); err != nil {
		return nil, err
	}
	for p.isKw("SET") || p.isKw("REMOVE") {
		kw := strings.ToUpper(p.next().text)
		for {
			path, err := p.path()
			if err != nil {
				return nil, err
			}
			a := updateAction{Kind: kw, Path: path}
			if kw == "SET" {
				if err := p.expectPunct("="); err != nil {
					return nil, err
				}
				v, err := p.setValue()
				if err != nil {
					return nil, err
				}
				a.Value = v
			}
			st.Update.Actions = append(st.Update.Actions, a)
			if !p.isPunct(",") {
				break
			}
			p.next()
		}
	}
	if len(st.Update.Actions) == 0 {
		return nil, pqError("UPDATE requires SET or REMOVE")
	}
	if err := p.expectKw("WHERE"); err != nil {
		return nil, err
	}
	c, err := p.orCond()
	if err != nil {
		return nil, err
	}
	st.Where = c
	return st, nil
}

func (p *pqParser) deleteStmt() (*pqStatement, error) {
	p.next()
	st := &pqStatement{Kind: "DELETE"}
	if err := p.expectKw("FROM"); err != nil {
		return nil, err
	}
	if err := p.tableRef(st); err != nil {
		return nil, err
	}
	if err := p.expectKw("WHERE"); err != nil {
		return nil, err
	}
	c, err := p.orCond()
	if err != nil {
		return nil, err
	}
	st.Where = c
	return st, nil
}

func (p *pqParser) path() (docPath, error) {
	t := p.next()
	if t.kind != pqIdent && t.kind != pqQuoted {
		return nil, pqError("expected an attribute name near '" + t.text + "'")
	}
	path := docPath{{Name: t.text}}
	for {
		switch {
		case p.isPunct("."):
			p.next()
			n := p.next()
			if n.kind != pqIdent && n.kind != pqQuoted {
				return nil, pqError("expected an attribute name near '" + n.text + "'")
			}
			path = append(path, pathElem{Name: n.text})
		case p.isPunct("["):
			p.next()
			n := p.next()
			if n.kind == pqString {
				path = append(path, pathElem{Name: n.text})
			} else {
				idx, err := parseDecimal(n.text)
				if n.kind != pqNumber || err != nil || idx.Neg || idx.Exp > 6 || len(idx.Digits) > idx.Exp {
					return nil, pqError("invalid list index near '" + n.text + "'")
				}
				v := 0
				for i := 0; i < idx.Exp; i++ {
					d := 0
					if i < len(idx.Digits) {
						d = int(idx.Digits[i] - '0')
					}
					v = v*10 + d
				}
				path = append(path, pathElem{Index: v, IsIndex: true})
			}
			if err := p.expectPunct("]"); err != nil {
				return nil, err
			}
		default:
			return path, nil
		}
	}
}

// literal reads a value: 'string', number, TRUE/FALSE/NULL, ?, {map},
// [list], <<set>>.
func (p *pqParser) literal() (*Value, error) {
	t := p.peek()
	switch t.kind {
	case pqString:
		p.next()
		return &Value{Type: TypeS, S: t.text}, nil
	case pqNumber:
		p.next()
		n, err := ParseNumber(t.text)
		if err != nil {
			return nil, err
		}
		return &Value{Type: TypeN, N: n}, nil
	case pqParam:
		p.next()
		if p.used >= len(p.params) {
			p.used++
			return &Value{Type: TypeNULL, Bool: true}, nil
		}
		v := p.params[p.used]
		p.used++
		return v, nil
	case pqIdent:
		switch strings.ToUpper(t.text) {
		case "TRUE", "FALSE":
			p.next()
			return &Value{Type: TypeBOOL, Bool: strings.EqualFold(t.text, "TRUE")}, nil
		case "NULL":
			p.next()
			return &Value{Type: TypeNULL, Bool: true}, nil
		}
	case pqPunct:
		switch t.text {
		case "{":
			p.next()
			m := &Value{Type: TypeM, M: map[string]*Value{}}
			for !p.isPunct("}") {
				k := p.next()
				if k.kind != pqString && k.kind != pqQuoted {
					return nil, pqError("expected a key near '" + k.text + "'")
				}
				if err := p.expectPunct(":"); err != nil {
					return nil, err
				}
				v, err := p.literal()
				if err != nil {
					return nil, err
				}
				m.M[k.text] = v
				if !p.isPunct(",") {
					break
				}
				p.next()
			}
			return m, p.expectPunct("}")
		case "[":
			p.next()
			l := &Value{Type: TypeL, L: []*Value{}}
			for !p.isPunct("]") {
				v, err := p.literal()
				if err != nil {
					return nil, err
				}
				l.L = append(l.L, v)
				if !p.isPunct(",") {
					break
				}
				p.next()
			}
			return l, p.expectPunct("]")
		case "<<":
			p.next()
			var elems []*Value
			for !p.isPunct(">>") {
				v, err := p.literal()
				if err != nil {
					return nil, err
				}
				elems = append(elems, v)
				if !p.isPunct(",") {
					break
				}
				p.next()
			}
			if err := p.expectPunct(">>"); err != nil {
				return nil, err
			}
			return makeSet(elems)
		}
	}
	return nil, pqError("expected a value near '" + t.text + "'")
}

func makeSet(elems []*Value) (*Value, error) {
	if len(elems) == 0 {
		return nil, pqError("a set must not be empty")
	}
	out := &Value{}
	seen := map[string]bool{}
	for _, e := range elems {
		k := keyString(e)
		if seen[k] {
			return nil, validation("One or more parameter values were invalid: Input collection contains duplicates.")
		}
		seen[k] = true
		switch e.Type {
		case TypeS:
			out.Type = TypeSS
			out.SS = append(out.SS, e.S)
		case TypeN:
			out.Type = TypeNS
			out.NS = append(out.NS, e.N)
		case TypeB:
			out.Type = TypeBS
			out.BS = append(out.BS, e.B)
		default:
			return nil, pqError("set elements must be strings, numbers or binaries")
		}
	}
	for _, e := range elems[1:] {
		if e.Type != elems[0].Type {
			return nil, pqError("set elements must have one type")
		}
	}
	return out, nil
}

// operand reads a path or a literal.
func (p *pqParser) operand() (operand, error) {
	t := p.peek()
	if (t.kind == pqIdent && !isPQValueKeyword(t.text)) || t.kind == pqQuoted {
		if p.toks[p.pos+1].kind == pqPunct && p.toks[p.pos+1].text == "(" && t.kind == pqIdent {
			name := strings.ToLower(t.text)
			if name == "size" {
				p.next()
				p.next()
				path, err := p.path()
				if err != nil {
					return nil, err
				}
				return &funcOperand{Name: "size", Args: []operand{&pathOperand{Path: path}}}, p.expectPunct(")")
			}
		}
		path, err := p.path()
		if err != nil {
			return nil, err
		}
		return &pathOperand{Path: path}, nil
	}
	v, err := p.literal()
	if err != nil {
		return nil, err
	}
	return &valueOperand{Value: v}, nil
}

func isPQValueKeyword(s string) bool {
	switch strings.ToUpper(s) {
	case "TRUE", "FALSE", "NULL":
		return true
	}
	return false
}

func (p *pqParser) setValue() (operand, error) {
	if p.isKw("list_append") || p.isKw("if_not_exists") {
		name := strings.ToLower(p.next().text)
		if err := p.expectPunct("("); err != nil {
			return nil, err
		}
		a, err := p.operand()
		if err != nil {
			return nil, err
		}
		if err := p.expectPunct(","); err != nil {
			return nil, err
		}
		b, err := p.operand()
		if err != nil {
			return nil, err
		}
		if err := p.expectPunct(")"); err != nil {
			return nil, err
		}
		if _, ok := a.(*pathOperand); name == "if_not_exists" && !ok {
			return nil, pqError("if_not_exists requires a path")
		}
		return &funcOperand{Name: name, Args: []operand{a, b}}, nil
	}
	l, err := p.operand()
	if err != nil {
		return nil, err
	}
	if p.isPunct("+") || p.isPunct("-") {
		op := p.next().text[0]
		r, err := p.operand()
		if err != nil {
			return nil, err
		}
		return &arithOperand{Op: op, L: l, R: r}, nil
	}
	return l, nil
}

func (p *pqParser) orCond() (condition, error) {
	l, err := p.andCond()
	if err != nil {
		return nil, err
	}
	for p.isKw("OR") {
		p.next()
		r, err := p.andCond()
		if err != nil {
			return nil, err
		}
		l = &logicCond{Op: "OR", L: l, R: r}
	}
	return l, nil
}

func (p *pqParser) andCond() (condition, error) {
	l, err := p.notCond()
	if err != nil {
		return nil, err
	}
	for p.isKw("AND") {
		p.next()
		r, err := p.notCond()
		if err != nil {
			return nil, err
		}
		l = &logicCond{Op: "AND", L: l, R: r}
	}
	return l, nil
}

func (p *pqParser) notCond() (condition, error) {
	if p.isKw("NOT") {
		p.next()
		c, err := p.notCond()
		if err != nil {
			return nil, err
		}
		return &notCond{C: c}, nil
	}
	return p.primary()
}

var pqFuncs = map[string]int{"begins_with": 2, "contains": 2, "attribute_type": 2, "exists": 1, "missing": 1}

func (p *pqParser) primary() (condition, error) {
	if p.isPunct("(") {
		p.next()
		c, err := p.orCond()
		if err != nil {
			return nil, err
		}
		return c, p.expectPunct(")")
	}
	t := p.peek()
	if t.kind == pqIdent && p.toks[p.pos+1].kind == pqPunct && p.toks[p.pos+1].text == "(" {
		name := strings.ToLower(t.text)
		if n, ok := pqFuncs[name]; ok {
			p.next()
			p.next()
			var args []operand
			for i := 0; i < n; i++ {
				if i > 0 {
					if err := p.expectPunct(","); err != nil {
						return nil, err
					}
				}
				o, err := p.operand()
				if err != nil {
					return nil, err
				}
				args = append(args, o)
			}
			if err := p.expectPunct(")"); err != nil {
				return nil, err
			}
			if _, ok := args[0].(*pathOperand); !ok {
				return nil, pqError(name + " requires a path as first argument")
			}
			switch name {
			case "exists":
				return &funcCond{Name: "attribute_exists", Args: args}, nil
			case "missing":
				return &funcCond{Name: "attribute_not_exists", Args: args}, nil
			}
			return &funcCond{Name: name, Args: args}, nil
		}
	}
	left, err := p.operand()
	if err != nil {
		return nil, err
	}
	switch {
	case p.isKw("IS"):
		p.next()
		neg := false
		if p.isKw("NOT") {
			p.next()
			neg = true
		}
		var c condition
		switch {
		case p.isKw("MISSING"):
			p.next()
			c = &funcCond{Name: "attribute_not_exists", Args: []operand{left}}
		case p.isKw("NULL"):
			p.next()
			c = &funcCond{Name: "attribute_type", Args: []operand{left, &valueOperand{Value: &Value{Type: TypeS, S: "NULL"}}}}
		default:
			return nil, pqError("expected MISSING or NULL near '" + p.peek().text + "'")
		}
		if _, ok := left.(*pathOperand); !ok {
			return nil, pqError("IS requires a path")
		}
		if neg {
			return &notCond{C: c}, nil
		}
		return c, nil
	case p.isKw("BETWEEN"):
		p.next()
		lo, err := p.operand()
		if err != nil {
			return nil, err
		}
		if err := p.expectKw("AND"); err != nil {
			return nil, err
		}
		hi, err := p.operand()
		if err != nil {
			return nil, err
		}
		return &betweenCond{X: left, Lo: lo, Hi: hi}, nil
	case p.isKw("IN"):
		p.next()
		closer := ""
		switch {
		case p.isPunct("["):
			closer = "]"
		case p.isPunct("("):
			closer = ")"
		default:
			return nil, pqError("expected a list after IN")
		}
		p.next()
		var l []operand
		for !p.isPunct(closer) {
			o, err := p.operand()
			if err != nil {
				return nil, err
			}
			l = append(l, o)
			if !p.isPunct(",") {
				break
			}
			p.next()
		}
		if err := p.expectPunct(closer); err != nil {
			return nil, err
		}
		if len(l) == 0 {
			return nil, pqError("IN requires at least one value")
		}
		return &inCond{X: left, List: l}, nil
	}
	t = p.peek()
	if t.kind == pqPunct {
		op := t.text
		switch op {
		case "=", "<>", "!=", "<", "<=", ">", ">=":
			p.next()
			right, err := p.operand()
			if err != nil {
				return nil, err
			}
			if op == "!=" {
				op = "<>"
			}
			return &compareCond{Op: op, L: left, R: right}, nil
		}
	}
	return nil, pqError("unexpected token '" + t.text + "'")
}
