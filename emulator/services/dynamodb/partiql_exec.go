package dynamodb

import (
	"github.com/parity-harness/parity/emulator/awserr"
	"github.com/parity-harness/parity/emulator/service"
)

func parseParams(raw []any) ([]*Value, error) {
	out := make([]*Value, 0, len(raw))
	for _, r := range raw {
		v, err := parseValue(r)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, nil
}

// prepareStatement parses a statement with its parameters and resolves its
// table.
func (s *Service) prepareStatement(ctx *service.Context, in map[string]any, field string) (*pqStatement, *Table, error) {
	if _, present := in["Parameters"]; present && len(list(in, "Parameters")) == 0 {
		return nil, nil, validation("1 validation error detected: Value '[]' at '" + field + "' failed to satisfy constraint: Member must have length greater than or equal to 1")
	}
	params, err := parseParams(list(in, "Parameters"))
	if err != nil {
		return nil, nil, err
	}
	st, err := parsePartiQL(str(in, "Statement"), params)
	if err != nil {
		return nil, nil, err
	}
	t, err := s.table(ctx, st.Table)
	if err != nil {
		return nil, nil, err
	}
	if st.Index != "" && t.findIndex(st.Index) == nil {
		return nil, nil, validation("The table does not have the specified index: " + st.Index)
	}
	return st, t, nil
}

// splitKey extracts equality conditions on the table's key attributes from a
// WHERE clause; rest is what remains as a condition.
func splitKey(t *Table, where condition) (key Item, rest condition) {
	key = Item{}
	for _, a := range flattenAnd(where, nil) {
		if c, ok := a.(*compareCond); ok && c.Op == "=" {
			p, pok := c.L.(*pathOperand)
			v, vok := c.R.(*valueOperand)
			if !pok || !vok {
				p, pok = c.R.(*pathOperand)
				v, vok = c.L.(*valueOperand)
			}
			if pok && vok && len(p.Path) == 1 && (p.Path[0].Name == t.Hash || p.Path[0].Name == t.Rng) && key[p.Path[0].Name] == nil {
				key[p.Path[0].Name] = v.Value
				continue
			}
		}
		if rest == nil {
			rest = a
		} else {
			rest = &logicCond{Op: "AND", L: rest, R: a}
		}
	}
	return key, rest
}

// writeFromStatement turns INSERT, UPDATE and DELETE into a prepared write.
func writeFromStatement(t *Table, st *pqStatement) (*writeOp, error) {
	w := &writeOp{t: t}
	switch st.Kind {
	case "INSERT":
		w.kind = "Put"
		w.item = Item(st.Item.M)
		if err := checkItem(t, w.item); err != nil {
			return nil, err
		}
		w.key = t.keyOf(w.item)
		w.cond = &funcCond{Name: "attribute_not_exists", Args: []operand{&pathOperand{Path: docPath{{Name: t.Hash}}}}}
		w.failCode, w.failMessage = "DuplicateItem", "Duplicate primary key exists in table"
		return w, nil
	case "UPDATE", "DELETE":
		key, rest := splitKey(t, st.Where)
		if err := checkKey(t, key); err != nil {
			return nil, validation("Where clause does not contain a mandatory equality on all key attributes")
		}
		w.key, w.cond = key, rest
		if st.Kind == "DELETE" {
			w.kind = "Delete"
			return w, nil
		}
		w.kind = "Update"
		w.update = st.Update
		for _, a := range st.Update.Actions {
			if n := a.Path[0].Name; n == t.Hash || n == t.Rng {
				return nil, validation("One or more parameter values were invalid: Cannot update attribute " + n + ". This attribute is part of the key")
			}
		}
		exists := &funcCond{Name: "attribute_exists", Args: []operand{&pathOperand{Path: docPath{{Name: t.Hash}}}}}
		if w.cond == nil {
			w.cond = exists
		} else {
			w.cond = &logicCond{Op: "AND", L: exists, R: w.cond}
		}
		return w, nil
	}
	return nil, validation("Unsupported statement kind " + st.Kind)
}

// runSelect evaluates a SELECT; key-pinned selects read one partition.
func runSelect(t *Table, st *pqStatement) []Item {
	t.mu.RLock()
	defer t.mu.RUnlock()
	ks := t.data
	var ix *index
	if st.Index != "" {
		ix = t.findIndex(st.Index)
		ks = ix.data
	}
	var out []Item
	visit := func(it Item) bool {
		if st.Where == nil || evalCondition(it, st.Where) {
			res := it
			if ix != nil {
				res = t.projectForIndex(ix, it)
			}
			if st.Proj != nil {
				res = project(res, st.Proj)
			}
			out = append(out, res)
		}
		return true
	}
	var hashVal *Value
	for _, a := range flattenAnd(st.Where, nil) {
		if c, ok := a.(*compareCond); ok && c.Op == "=" {
			if p, ok := c.L.(*pathOperand); ok && len(p.Path) == 1 && p.Path[0].Name == ks.hash {
				if v, ok := c.R.(*valueOperand); ok {
					hashVal = v.Value
				}
			}
		}
	}
	if st.Where != nil && hashVal != nil {
		if p := ks.partitionOf(hashVal); p != nil {
			for _, it := range p.items {
				visit(it)
			}
		}
		return out
	}
	ks.each(nil, visit)
	return out
}

func (s *Service) executeStatement(ctx *service.Context, in service.Params) (any, error) {
	st, t, err := s.prepareStatement(ctx, in, "parameters")
	if err != nil {
		return nil, err
	}
	if st.Kind == "SELECT" {
		items := runSelect(t, st)
		offset := 0
		if tok := str(in, "NextToken"); tok != "" {
			if offset, err = service.ParsePageToken(tok, "ValidationException"); err != nil {
				return nil, err
			}
		}
		limit, _ := integer(in, "Limit")
		page, next := service.Page(items, offset, int(limit))
		wire := make([]any, len(page))
		for i, it := range page {
			wire[i] = it.Wire()
		}
		out := map[string]any{"Items": wire}
		if next != "" {
			out["NextToken"] = next
		}
		return out, nil
	}
	w, err := writeFromStatement(t, st)
	if err != nil {
		return nil, err
	}
	w.returnOnFail = str(in, "ReturnValuesOnConditionCheckFailure")
	t.mu.Lock()
	old, nu, err := w.evaluate()
	if err != nil {
		t.mu.Unlock()
		if e, ok := awserr.As(err); ok && e.Code == "ConditionalCheckFailedException" && w.failCode != "" {
			return nil, awserr.New("DuplicateItemException", 400, w.failMessage)
		}
		if st.Kind == "DELETE" && old == nil {
			return map[string]any{"Items": []any{}}, nil
		}
		return nil, err
	}
	s.commit(w, old, nu)
	t.mu.Unlock()
	return map[string]any{"Items": []any{}}, nil
}

func (s *Service) batchExecuteStatement(ctx *service.Context, in service.Params) (any, error) {
	stmts := list(in, "Statements")
	if len(stmts) > 25 {
		return nil, validation("1 validation error detected: Value '[...]' at 'statements' failed to satisfy constraint: Member must have length less than or equal to 25")
	}
	var resp []any
	for _, raw := range stmts {
		m, _ := raw.(map[string]any)
		st, t, err := s.prepareStatement(ctx, m, "statements.member.parameters")
		if err != nil {
			resp = append(resp, statementError(err, ""))
			continue
		}
		if st.Kind == "SELECT" {
			key, _ := splitKey(t, st.Where)
			if checkKey(t, key) != nil {
				resp = append(resp, statementError(validation("Select statements within BatchExecuteStatement must specify the full primary key"), t.Name))
				continue
			}
			r := map[string]any{"TableName": t.Name}
			if items := runSelect(t, st); len(items) > 0 {
				r["Item"] = items[0].Wire()
			}
			resp = append(resp, r)
			continue
		}
		w, err := writeFromStatement(t, st)
		if err != nil {
			resp = append(resp, statementError(err, t.Name))
			continue
		}
		w.returnOnFail = str(m, "ReturnValuesOnConditionCheckFailure")
		t.mu.Lock()
		old, nu, err := w.evaluate()
		if err == nil {
			s.commit(w, old, nu)
		}
		t.mu.Unlock()
		if err != nil {
			if e, ok := awserr.As(err); ok && e.Code == "ConditionalCheckFailedException" {
				code := "ConditionalCheckFailed"
				msg := e.Message
				if w.failCode != "" {
					code, msg = w.failCode, w.failMessage
				}
				errOut := map[string]any{"Code": code, "Message": msg}
				if it, ok := e.Fields["Item"]; ok {
					errOut["Item"] = it
				}
				resp = append(resp, map[string]any{"TableName": t.Name, "Error": errOut})
				continue
			}
			resp = append(resp, statementError(err, t.Name))
			continue
		}
		resp = append(resp, map[string]any{"TableName": t.Name})
	}
	if resp == nil {
		resp = []any{}
	}
	return map[string]any{"Responses": resp}, nil
}

func statementError(err error, table string) map[string]any {
	e, ok := awserr.As(err)
	code, msg := "InternalServerError", err.Error()
	if ok {
		code, msg = e.Code, e.Message
		switch code {
		case "ValidationException":
			code = "ValidationError"
		case "ResourceNotFoundException":
			code = "ResourceNotFound"
		}
	}
	out := map[string]any{"Error": map[string]any{"Code": code, "Message": msg}}
	if table != "" {
		out["TableName"] = table
	}
	return out
}

func (s *Service) executeTransaction(ctx *service.Context, in service.Params) (any, error) {
	stmts := list(in, "TransactStatements")
	if len(stmts) > 100 {
		return nil, validation("1 validation error detected: Value '[...]' at 'transactStatements' failed to satisfy constraint: Member must have length less than or equal to 100")
	}
	token := str(in, "ClientRequestToken")
	rs := s.region(ctx.Account, ctx.Region)
	var h [32]byte
	if token != "" {
		h = requestHash(in)
		rs.mu.Lock()
		prev := rs.tokens["pq:"+token]
		rs.mu.Unlock()
		if prev != nil && s.now().Sub(prev.at) <= idempotencyWindow {
			if prev.hash != h {
				return nil, awserr.New("IdempotentParameterMismatchException", 400, "The request uses the same client token as a previous, but non-identical request.")
			}
			return prev.success, nil
		}
	}
	var ops []*writeOp
	var selects []struct {
		st *pqStatement
		t  *Table
	}
	seen := map[string]bool{}
	for _, raw := range stmts {
		m, _ := raw.(map[string]any)
		st, t, err := s.prepareStatement(ctx, m, "transactStatements.member.parameters")
		if err != nil {
			return nil, err
		}
		if st.Kind == "SELECT" {
			key, _ := splitKey(t, st.Where)
			if checkKey(t, key) != nil {
				return nil, validation("Select statements within ExecuteTransaction must specify the full primary key")
			}
			selects = append(selects, struct {
				st *pqStatement
				t  *Table
			}{st, t})
			continue
		}
		w, err := writeFromStatement(t, st)
		if err != nil {
			return nil, err
		}
		w.returnOnFail = str(m, "ReturnValuesOnConditionCheckFailure")
		id := t.ARN + "\x00" + keyIdentity(t, w.key)
		if seen[id] {
			return nil, validation("Transaction request cannot include multiple operations on one item")
		}
		seen[id] = true
		ops = append(ops, w)
	}
	if len(ops) > 0 && len(selects) > 0 {
		return nil, validation("Transaction must contain either all reads or all writes")
	}
	resp := []any{}
	if len(selects) > 0 {
		for _, sel := range selects {
			r := map[string]any{}
			if items := runSelect(sel.t, sel.st); len(items) > 0 {
				r["Item"] = items[0].Wire()
			}
			resp = append(resp, r)
		}
		return map[string]any{"Responses": resp}, nil
	}
	if _, _, err := s.runTransaction(ops); err != nil {
		return nil, err
	}
	out := map[string]any{"Responses": resp}
	if token != "" {
		rs.mu.Lock()
		rs.tokens["pq:"+token] = &idempotentCall{hash: h, at: s.now(), success: out}
		rs.mu.Unlock()
	}
	return out, nil
}
