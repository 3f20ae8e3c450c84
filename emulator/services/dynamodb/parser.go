package dynamodb

import (
	"sort"
	"strconv"
	"strings"

	"github.com/parity-harness/parity/emulator/awserr"
)

// exprEnv holds a request's ExpressionAttributeNames and
// ExpressionAttributeValues and records which ones expressions used, so
// unused placeholders can be reported as AWS does.
type exprEnv struct {
	names      map[string]string
	values     map[string]*Value
	usedNames  map[string]bool
	usedValues map[string]bool
	hasExpr    bool
}

// newExprEnv validates the raw placeholder maps of a request.
func newExprEnv(rawNames, rawValues any) (*exprEnv, error) {
	env := &exprEnv{usedNames: map[string]bool{}, usedValues: map[string]bool{}}
	if rawNames != nil {
		m, _ := rawNames.(map[string]any)
		if len(m) == 0 {
			return nil, validation("ExpressionAttributeNames must not be empty")
		}
		env.names = make(map[string]string, len(m))
		for k, v := range m {
			if !strings.HasPrefix(k, "#") || len(k) < 2 {
				return nil, validation(`ExpressionAttributeNames contains invalid key: Syntax error; key: "` + k + `"`)
			}
			s, _ := v.(string)
			if s == "" {
				return nil, validation("ExpressionAttributeNames contains invalid value: Empty attribute name; for key: \"" + k + "\"")
			}
			env.names[k] = s
		}
	}
	if rawValues != nil {
		m, _ := rawValues.(map[string]any)
		if len(m) == 0 {
			return nil, validation("ExpressionAttributeValues must not be empty")
		}
		env.values = make(map[string]*Value, len(m))
		keys := make([]string, 0, len(m))
		for k := range m {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			if !strings.HasPrefix(k, ":") || len(k) < 2 {
				return nil, validation(`ExpressionAttributeValues contains invalid key: Syntax error; key: "` + k + `"`)
			}
			v, err := parseValue(m[k])
			if err != nil {
				if e, ok := awserr.As(err); ok && e.Code == "ValidationException" {
					return nil, validation("ExpressionAttributeValues contains invalid value: " + e.Message + " for key " + k)
				}
				return nil, err
			}
			env.values[k] = v
		}
	}
	return env, nil
}

// checkUnused reports placeholders no expression referenced.
func (env *exprEnv) checkUnused() error {
	if !env.hasExpr {
		if env.names != nil {
			return validation("ExpressionAttributeNames can only be specified when using expressions")
		}
		if env.values != nil {
			return validation("ExpressionAttributeValues can only be specified when using expressions")
		}
		return nil
	}
	var unusedN, unusedV []string
	for k := range env.names {
		if !env.usedNames[k] {
			unusedN = append(unusedN, k)
		}
	}
	for k := range env.values {
		if !env.usedValues[k] {
			unusedV = append(unusedV, k)
		}
	}
	if len(unusedN) > 0 {
		sort.Strings(unusedN)
		return validation("Value provided in ExpressionAttributeNames unused in expressions: keys: {" + strings.Join(unusedN, ", ") + "}")
	}
	if len(unusedV) > 0 {
		sort.Strings(unusedV)
		return validation("Value provided in ExpressionAttributeValues unused in expressions: keys: {" + strings.Join(unusedV, ", ") + "}")
	}
	return nil
}

// parser is a recursive-descent parser over the tokens of one expression.
type parser struct {
	kind string // ConditionExpression, UpdateExpression, ...
	src  string
	toks []token
	pos  int
	env  *exprEnv
}

// exprError is an error of one expression, prefixed as AWS prefixes them.
func (p *parser) errorf(msg string) error {
	return validation("Invalid " + p.kind + ": " + msg)
}

func newParser(kind, src string, env *exprEnv) (*parser, error) {
	p := &parser{kind: kind, src: src, toks: lex(src), env: env}
	env.hasExpr = true
	if strings.TrimSpace(src) == "" {
		return nil, p.errorf("The expression can not be empty;")
	}
	return p, nil
}

func (p *parser) peek() token { return p.toks[p.pos] }
func (p *parser) peekAt(n int) token {
	if p.pos+n < len(p.toks) {
		return p.toks[p.pos+n]
	}
	return p.toks[len(p.toks)-1]
}
func (p *parser) next() token {
	t := p.toks[p.pos]
	if p.pos < len(p.toks)-1 {
		p.pos++
	}
	return t
}

// syntaxError reports the token at the cursor with the text around it: from
// the previous token to the next one.
func (p *parser) syntaxError() error {
	t := p.peek()
	start := t.start
	if p.pos > 0 {
		start = p.toks[p.pos-1].start
	}
	end := t.end
	if t.kind != tEOF {
		if n := p.peekAt(1); n.kind != tEOF {
			end = n.end
		}
	} else {
		end = len(p.src)
	}
	near := strings.TrimSpace(p.src[start:end])
	return p.errorf(`Syntax error; token: "` + t.text + `", near: "` + near + `"`)
}

func (p *parser) expect(k tokKind) (token, error) {
	if p.peek().kind != k {
		return token{}, p.syntaxError()
	}
	return p.next(), nil
}

func (p *parser) atEnd() error {
	if p.peek().kind != tEOF {
		return p.syntaxError()
	}
	return nil
}

// isLogicalKeyword reports whether the identifier at the cursor is a keyword
// of the condition grammar, which cannot start a path.
func isConditionKeyword(t token) bool {
	return t.is("AND") || t.is("OR") || t.is("NOT") || t.is("BETWEEN") || t.is("IN")
}

// parsePath reads a document path; the cursor is at its first element.
func (p *parser) parsePath() (docPath, error) {
	var path docPath
	name, err := p.pathName()
	if err != nil {
		return nil, err
	}
	path = append(path, pathElem{Name: name})
	for {
		switch p.peek().kind {
		case tDot:
			p.next()
			name, err := p.pathName()
			if err != nil {
				return nil, err
			}
			path = append(path, pathElem{Name: name})
		case tLBracket:
			p.next()
			t := p.peek()
			if t.kind != tNumber {
				return nil, p.syntaxError()
			}
			p.next()
			n, err := strconv.Atoi(t.text)
			if err != nil || n > 1<<20 {
				return nil, p.errorf("List index is not within the allowable range; index: [" + t.text + "]")
			}
			if _, err := p.expect(tRBracket); err != nil {
				return nil, err
			}
			path = append(path, pathElem{Index: n, IsIndex: true})
		default:
			return path, nil
		}
	}
}

func (p *parser) pathName() (string, error) {
	t := p.peek()
	switch t.kind {
	case tIdent:
		if reservedWords[strings.ToUpper(t.text)] {
			return "", p.errorf("Attribute name is a reserved keyword; reserved keyword: " + t.text)
		}
		p.next()
		return t.text, nil
	case tName:
		p.next()
		v, ok := p.env.names[t.text]
		if !ok {
			return "", p.errorf("An expression attribute name used in the document path is not defined; attribute name: " + t.text)
		}
		p.env.usedNames[t.text] = true
		return v, nil
	}
	return "", p.syntaxError()
}

func (p *parser) valueRef() (*valueOperand, error) {
	t := p.next()
	v, ok := p.env.values[t.text]
	if !ok {
		return nil, p.errorf("An expression attribute value used in expression is not defined; attribute value: " + t.text)
	}
	p.env.usedValues[t.text] = true
	return &valueOperand{Name: t.text, Value: v}, nil
}

var conditionFuncs = map[string]bool{
	"attribute_exists": true, "attribute_not_exists": true, "attribute_type": true,
	"begins_with": true, "contains": true,
}

var operandFuncs = map[string]bool{"size": true, "if_not_exists": true, "list_append": true}

// parseCondition parses a whole condition expression.
func parseCondition(kind, src string, env *exprEnv) (condition, error) {
	p, err := newParser(kind, src, env)
	if err != nil {
		return nil, err
	}
	c, err := p.orCond()
	if err != nil {
		return nil, err
	}
	if err := p.atEnd(); err != nil {
		return nil, err
	}
	if err := p.checkCond(c); err != nil {
		return nil, err
	}
	return c, nil
}

func (p *parser) orCond() (condition, error) {
	l, err := p.andCond()
	if err != nil {
		return nil, err
	}
	for p.peek().is("OR") {
		p.next()
		r, err := p.andCond()
		if err != nil {
			return nil, err
		}
		l = &logicCond{Op: "OR", L: l, R: r}
	}
	return l, nil
}

func (p *parser) andCond() (condition, error) {
	l, err := p.notCond()
	if err != nil {
		return nil, err
	}
	for p.peek().is("AND") {
		p.next()
		r, err := p.notCond()
		if err != nil {
			return nil, err
		}
		l = &logicCond{Op: "AND", L: l, R: r}
	}
	return l, nil
}

func (p *parser) notCond() (condition, error) {
	if p.peek().is("NOT") {
		p.next()
		c, err := p.notCond()
		if err != nil {
			return nil, err
		}
		return &notCond{C: c}, nil
	}
	return p.primaryCond()
}

func (p *parser) primaryCond() (condition, error) {
	t := p.peek()
	if t.kind == tLParen {
		p.next()
		c, err := p.orCond()
		if err != nil {
			return nil, err
		}
		if _, err := p.expect(tRParen); err != nil {
			return nil, err
		}
		return c, nil
	}
	if t.kind == tIdent && p.peekAt(1).kind == tLParen && conditionFuncs[t.text] {
		p.next()
		args, err := p.args(false)
		if err != nil {
			return nil, err
		}
		return &funcCond{Name: t.text, Args: args}, nil
	}
	left, err := p.operand(false)
	if err != nil {
		return nil, err
	}
	op := p.peek()
	switch op.kind {
	case tEq, tNe, tLt, tLe, tGt, tGe:
		p.next()
		right, err := p.operand(false)
		if err != nil {
			return nil, err
		}
		return &compareCond{Op: op.text, L: left, R: right}, nil
	}
	switch {
	case op.is("BETWEEN"):
		p.next()
		lo, err := p.operand(false)
		if err != nil {
			return nil, err
		}
		if !p.peek().is("AND") {
			return nil, p.syntaxError()
		}
		p.next()
		hi, err := p.operand(false)
		if err != nil {
			return nil, err
		}
		return &betweenCond{X: left, Lo: lo, Hi: hi}, nil
	case op.is("IN"):
		p.next()
		if _, err := p.expect(tLParen); err != nil {
			return nil, err
		}
		var list []operand
		for {
			o, err := p.operand(false)
			if err != nil {
				return nil, err
			}
			list = append(list, o)
			if p.peek().kind == tComma {
				p.next()
				continue
			}
			break
		}
		if _, err := p.expect(tRParen); err != nil {
			return nil, err
		}
		if len(list) > 100 {
			return nil, p.errorf("The IN operator is provided with too many operands; number of operands: " + itoa(len(list)))
		}
		return &inCond{X: left, List: list}, nil
	}
	if f, ok := left.(*funcOperand); ok {
		return nil, p.errorf("The function is not allowed to be used this way in an expression; function: " + f.Name)
	}
	return nil, p.syntaxError()
}

// args reads a parenthesised, comma separated operand list.
func (p *parser) args(update bool) ([]operand, error) {
	if _, err := p.expect(tLParen); err != nil {
		return nil, err
	}
	var out []operand
	if p.peek().kind == tRParen {
		p.next()
		return out, nil
	}
	for {
		o, err := p.operand(update)
		if err != nil {
			return nil, err
		}
		out = append(out, o)
		if p.peek().kind == tComma {
			p.next()
			continue
		}
		break
	}
	if _, err := p.expect(tRParen); err != nil {
		return nil, err
	}
	return out, nil
}

// operand reads a path, a value placeholder or a function call. In update
// expressions (update=true) the SET functions are allowed.
func (p *parser) operand(update bool) (operand, error) {
	t := p.peek()
	switch t.kind {
	case tValue:
		return p.valueRef()
	case tName:
		path, err := p.parsePath()
		if err != nil {
			return nil, err
		}
		return &pathOperand{Path: path}, nil
	case tIdent:
		if p.peekAt(1).kind == tLParen {
			if !operandFuncs[t.text] && !conditionFuncs[t.text] {
				return nil, p.errorf("Invalid function name; function: " + t.text)
			}
			if conditionFuncs[t.text] || (!update && t.text != "size") || (update && t.text == "size") {
				return nil, p.errorf("The function is not allowed to be used this way in an expression; function: " + t.text)
			}
			p.next()
			args, err := p.args(update)
			if err != nil {
				return nil, err
			}
			return &funcOperand{Name: t.text, Args: args}, nil
		}
		if isConditionKeyword(t) {
			return nil, p.syntaxError()
		}
		path, err := p.parsePath()
		if err != nil {
			return nil, err
		}
		return &pathOperand{Path: path}, nil
	}
	return nil, p.syntaxError()
}

// checkCond validates operand counts and literal operand types.
func (p *parser) checkCond(c condition) error {
	switch c := c.(type) {
	case *logicCond:
		if err := p.checkCond(c.L); err != nil {
			return err
		}
		return p.checkCond(c.R)
	case *notCond:
		return p.checkCond(c.C)
	case *compareCond:
		for _, o := range []operand{c.L, c.R} {
			if err := p.checkOperand(o); err != nil {
				return err
			}
		}
		if c.Op != "=" && c.Op != "<>" {
			for _, o := range []operand{c.L, c.R} {
				if v, ok := o.(*valueOperand); ok && !isScalarKeyType(v.Value.Type) {
					return p.errorf("Incorrect operand type for operator or function; operator or function: " + c.Op + ", operand type: " + string(v.Value.Type))
				}
			}
		}
		return nil
	case *betweenCond:
		for _, o := range []operand{c.X, c.Lo, c.Hi} {
			if err := p.checkOperand(o); err != nil {
				return err
			}
			if v, ok := o.(*valueOperand); ok && !isScalarKeyType(v.Value.Type) {
				return p.errorf("Incorrect operand type for operator or function; operator or function: BETWEEN, operand type: " + string(v.Value.Type))
			}
		}
		lo, lok := c.Lo.(*valueOperand)
		hi, hok := c.Hi.(*valueOperand)
		if lok && hok {
			cmp, ok := compareScalar(lo.Value, hi.Value)
			if !ok {
				return p.errorf("The BETWEEN operator requires same data type for lower and upper bounds; lower bound operand: AttributeValue: " + lo.Value.describe() + ", upper bound operand: AttributeValue: " + hi.Value.describe())
			}
			if cmp > 0 {
				return p.errorf("The BETWEEN operator requires upper bound to be greater than or equal to lower bound; lower bound operand: AttributeValue: " + lo.Value.describe() + ", upper bound operand: AttributeValue: " + hi.Value.describe())
			}
		}
		return nil
	case *inCond:
		if err := p.checkOperand(c.X); err != nil {
			return err
		}
		for _, o := range c.List {
			if err := p.checkOperand(o); err != nil {
				return err
			}
		}
		return nil
	case *funcCond:
		for _, o := range c.Args {
			if err := p.checkOperand(o); err != nil {
				return err
			}
		}
		want := 2
		if c.Name == "attribute_exists" || c.Name == "attribute_not_exists" {
			want = 1
		}
		if len(c.Args) != want {
			return p.errorf("Incorrect number of operands for operator or function; operator or function: " + c.Name + ", number of operands: " + itoa(len(c.Args)))
		}
		switch c.Name {
		case "attribute_exists", "attribute_not_exists", "attribute_type":
			if _, ok := c.Args[0].(*pathOperand); !ok {
				return p.errorf("Operator or function requires a document path; operator or function: " + c.Name)
			}
			if c.Name == "attribute_type" {
				v, ok := c.Args[1].(*valueOperand)
				if !ok {
					return p.errorf("Incorrect operand type for operator or function; operator or function: attribute_type, operand type: PATH")
				}
				if v.Value.Type != TypeS {
					return p.errorf("Incorrect operand type for operator or function; operator or function: attribute_type, operand type: " + string(v.Value.Type))
				}
				if !validTypeNames[v.Value.S] {
					return p.errorf("Invalid attribute type name found; type: " + v.Value.S + ", valid types: { B,NULL,SS,BOOL,L,BS,N,NS,S,M }")
				}
			}
		case "begins_with":
			for _, o := range c.Args {
				if v, ok := o.(*valueOperand); ok && v.Value.Type != TypeS && v.Value.Type != TypeB {
					return p.errorf("Incorrect operand type for operator or function; operator or function: begins_with, operand type: " + string(v.Value.Type))
				}
			}
		case "contains":
			if v, ok := c.Args[0].(*valueOperand); ok && v.Value.Type != TypeS && v.Value.Type != TypeB &&
				v.Value.Type != TypeSS && v.Value.Type != TypeNS && v.Value.Type != TypeBS && v.Value.Type != TypeL {
				return p.errorf("Incorrect operand type for operator or function; operator or function: contains, operand type: " + string(v.Value.Type))
			}
		}
	}
	return nil
}

func (p *parser) checkOperand(o operand) error {
	f, ok := o.(*funcOperand)
	if !ok {
		return nil
	}
	if f.Name == "size" {
		if len(f.Args) != 1 {
			return p.errorf("Incorrect number of operands for operator or function; operator or function: size, number of operands: " + itoa(len(f.Args)))
		}
		if v, ok := f.Args[0].(*valueOperand); ok {
			switch v.Value.Type {
			case TypeS, TypeB, TypeSS, TypeNS, TypeBS, TypeL, TypeM:
			default:
				return p.errorf("Incorrect operand type for operator or function; operator or function: size, operand type: " + string(v.Value.Type))
			}
		}
		if inner, ok := f.Args[0].(*funcOperand); ok {
			return p.errorf("The function is not allowed to be used this way in an expression; function: " + inner.Name)
		}
	}
	return nil
}

var validTypeNames = map[string]bool{"B": true, "NULL": true, "SS": true, "BOOL": true, "L": true, "BS": true, "N": true, "NS": true, "S": true, "M": true}

func isScalarKeyType(t Type) bool { return t == TypeS || t == TypeN || t == TypeB }

// parseUpdate parses an update expression: SET, REMOVE, ADD and DELETE
// clauses, each at most once, in any order.
func parseUpdate(src string, env *exprEnv) (*updateExpr, error) {
	p, err := newParser("UpdateExpression", src, env)
	if err != nil {
		return nil, err
	}
	u := &updateExpr{}
	seen := map[string]bool{}
	for p.peek().kind != tEOF {
		t := p.peek()
		clause := strings.ToUpper(t.text)
		if t.kind != tIdent || (clause != "SET" && clause != "REMOVE" && clause != "ADD" && clause != "DELETE") {
			return nil, p.syntaxError()
		}
		if seen[clause] {
			return nil, p.errorf(`The "` + clause + `" section can only be used once in an update expression;`)
		}
		seen[clause] = true
		p.next()
		for {
			a, err := p.updateAction(clause)
			if err != nil {
				return nil, err
			}
			u.Actions = append(u.Actions, a)
			if p.peek().kind == tComma {
				p.next()
				continue
			}
			break
		}
	}
	if err := p.checkUpdate(u); err != nil {
		return nil, err
	}
	return u, nil
}

func (p *parser) updateAction(clause string) (updateAction, error) {
	t := p.peek()
	if t.kind != tIdent && t.kind != tName {
		return updateAction{}, p.syntaxError()
	}
	path, err := p.parsePath()
	if err != nil {
		return updateAction{}, err
	}
	a := updateAction{Kind: clause, Path: path}
	switch clause {
	case "SET":
		if _, err := p.expect(tEq); err != nil {
			return a, err
		}
		v, err := p.setValue()
		if err != nil {
			return a, err
		}
		a.Value = v
	case "ADD", "DELETE":
		if p.peek().kind != tValue {
			if p.peek().kind == tIdent || p.peek().kind == tName {
				// a path where a value is required
				return a, p.syntaxError()
			}
			return a, p.syntaxError()
		}
		v, err := p.valueRef()
		if err != nil {
			return a, err
		}
		a.Value = v
	}
	return a, nil
}

// setValue reads operand [(+|-) operand].
func (p *parser) setValue() (operand, error) {
	l, err := p.operand(true)
	if err != nil {
		return nil, err
	}
	switch p.peek().kind {
	case tPlus, tMinus:
		op := p.next().text[0]
		r, err := p.operand(true)
		if err != nil {
			return nil, err
		}
		return &arithOperand{Op: op, L: l, R: r}, nil
	}
	return l, nil
}

func (p *parser) checkUpdate(u *updateExpr) error {
	for i, a := range u.Actions {
		for _, b := range u.Actions[:i] {
			if pathsOverlap(a.Path, b.Path) {
				return p.errorf("Two document paths overlap with each other; must remove or rewrite one of these paths; path one: " + b.Path.bracketed() + ", path two: " + a.Path.bracketed())
			}
		}
		switch a.Kind {
		case "SET":
			if err := p.checkSetOperand(a.Value, true); err != nil {
				return err
			}
		case "ADD":
			v := a.Value.(*valueOperand).Value
			switch v.Type {
			case TypeN, TypeSS, TypeNS, TypeBS:
			default:
				return errOperandType
			}
		case "DELETE":
			v := a.Value.(*valueOperand).Value
			switch v.Type {
			case TypeSS, TypeNS, TypeBS:
			default:
				return p.errorf("Incorrect operand type for operator or function; operator or function: operator: DELETE, operand type: " + v.Type.longName())
			}
		}
	}
	return nil
}

func (p *parser) checkSetOperand(o operand, top bool) error {
	switch o := o.(type) {
	case *arithOperand:
		for _, s := range []operand{o.L, o.R} {
			if v, ok := s.(*valueOperand); ok && v.Value.Type != TypeN {
				return p.errorf("Incorrect operand type for operator or function; operator or function: " + string(o.Op) + ", operand type: " + string(v.Value.Type))
			}
			if err := p.checkSetOperand(s, false); err != nil {
				return err
			}
		}
	case *funcOperand:
		switch o.Name {
		case "if_not_exists":
			if len(o.Args) != 2 {
				return p.errorf("Incorrect number of operands for operator or function; operator or function: if_not_exists, number of operands: " + itoa(len(o.Args)))
			}
			if _, ok := o.Args[0].(*pathOperand); !ok {
				return p.errorf("Operator or function requires a document path; operator or function: if_not_exists")
			}
		case "list_append":
			if len(o.Args) != 2 {
				return p.errorf("Incorrect number of operands for operator or function; operator or function: list_append, number of operands: " + itoa(len(o.Args)))
			}
			for _, a := range o.Args {
				if v, ok := a.(*valueOperand); ok && v.Value.Type != TypeL {
					return p.errorf("Incorrect operand type for operator or function; operator or function: list_append, operand type: " + string(v.Value.Type))
				}
			}
		}
		for _, a := range o.Args {
			if err := p.checkSetOperand(a, false); err != nil {
				return err
			}
		}
	}
	return nil
}

// pathsOverlap reports whether one path is a prefix of the other.
func pathsOverlap(a, b docPath) bool {
	n := len(a)
	if len(b) < n {
		n = len(b)
	}
	for i := 0; i < n; i++ {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// parseProjection parses a comma separated list of document paths.
func parseProjection(src string, env *exprEnv) ([]docPath, error) {
	p, err := newParser("ProjectionExpression", src, env)
	if err != nil {
		return nil, err
	}
	var out []docPath
	for {
		t := p.peek()
		if t.kind != tIdent && t.kind != tName {
			return nil, p.syntaxError()
		}
		path, err := p.parsePath()
		if err != nil {
			return nil, err
		}
		for _, prev := range out {
			if pathsOverlap(prev, path) {
				return nil, p.errorf("Two document paths overlap with each other; must remove or rewrite one of these paths; path one: " + prev.bracketed() + ", path two: " + path.bracketed())
			}
		}
		out = append(out, path)
		if p.peek().kind == tComma {
			p.next()
			continue
		}
		break
	}
	if err := p.atEnd(); err != nil {
		return nil, err
	}
	return out, nil
}
