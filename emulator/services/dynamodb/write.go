package dynamodb

import (
	"github.com/parity-harness/parity/emulator/awserr"
	"github.com/parity-harness/parity/emulator/service"
)

// writeOp is one prepared single-item write (or condition check): parsed,
// validated, not yet applied.
type writeOp struct {
	t            *Table
	kind         string // Put, Update, Delete, ConditionCheck
	key          Item
	item         Item
	cond         condition
	update       *updateExpr
	returnOnFail string
	// failCode replaces ConditionalCheckFailed in transaction cancellation
	// reasons (PartiQL INSERT reports DuplicateItem).
	failCode    string
	failMessage string
}

var conditionExprParams = []string{"ConditionExpression"}

// prepareWrite parses the parameters of PutItem, UpdateItem, DeleteItem or
// of a transaction element of the same kind.
func (s *Service) prepareWrite(ctx *service.Context, kind string, in map[string]any) (*writeOp, error) {
	w := &writeOp{kind: kind, returnOnFail: str(in, "ReturnValuesOnConditionCheckFailure")}
	var err error
	if kind == "Put" {
		if w.item, err = parseItem(in["Item"]); err != nil {
			return nil, err
		}
	} else {
		if w.key, err = parseItem(in["Key"]); err != nil {
			return nil, err
		}
	}
	exprParams := []string{"ConditionExpression"}
	legacyParams := []string{"Expected"}
	if kind == "Update" {
		exprParams = append(exprParams, "UpdateExpression")
		legacyParams = append(legacyParams, "AttributeUpdates")
	}
	if err := conflictCheck(in, legacyParams, exprParams); err != nil {
		return nil, err
	}
	env, err := newExprEnv(in["ExpressionAttributeNames"], in["ExpressionAttributeValues"])
	if err != nil {
		return nil, err
	}
	if kind == "Update" && has(in, "UpdateExpression") {
		if w.update, err = parseUpdate(str(in, "UpdateExpression"), env); err != nil {
			return nil, err
		}
	}
	if has(in, "ConditionExpression") {
		if w.cond, err = parseCondition("ConditionExpression", str(in, "ConditionExpression"), env); err != nil {
			return nil, err
		}
	} else if kind == "ConditionCheck" {
		return nil, validation("1 validation error detected: Value null at 'transactItems.1.member.conditionCheck.conditionExpression' failed to satisfy constraint: Member must not be null")
	}
	if err := env.checkUnused(); err != nil {
		return nil, err
	}
	if w.cond == nil {
		if w.cond, err = legacyCondition(object(in, "Expected"), str(in, "ConditionalOperator"), "Expected"); err != nil {
			return nil, err
		}
	}
	if kind == "Update" && w.update == nil && has(in, "AttributeUpdates") {
		if w.update, err = legacyUpdate(object(in, "AttributeUpdates")); err != nil {
			return nil, err
		}
	}
	if w.t, err = s.table(ctx, str(in, "TableName")); err != nil {
		return nil, err
	}
	if kind == "Put" {
		if err := checkItem(w.t, w.item); err != nil {
			return nil, err
		}
		w.key = w.t.keyOf(w.item)
	} else if err := checkKey(w.t, w.key); err != nil {
		return nil, err
	}
	if w.update != nil {
		for _, a := range w.update.Actions {
			if n := a.Path[0].Name; n == w.t.Hash || n == w.t.Rng {
				return nil, validation("One or more parameter values were invalid: Cannot update attribute " + n + ". This attribute is part of the key")
			}
		}
	}
	return w, nil
}

// evaluate computes the item before and after the write, checking the
// condition. The caller holds w.t.mu. For ConditionCheck nu equals old.
func (w *writeOp) evaluate() (old, nu Item, err error) {
	old = w.t.data.get(w.key)
	if w.cond != nil {
		subject := old
		if subject == nil {
			subject = Item{}
		}
		if !evalCondition(subject, w.cond) {
			e := errConditionFailed()
			if w.returnOnFail == "ALL_OLD" && old != nil {
				e = e.With("Item", old.Wire())
			}
			return old, nil, e
		}
	}
	switch w.kind {
	case "Put":
		nu = w.item
	case "Delete":
		nu = nil
	case "ConditionCheck":
		nu = old
	case "Update":
		base := old
		if base == nil {
			base = w.key.Clone()
		}
		if w.update == nil {
			nu = base
			break
		}
		nu, err = applyUpdate(base, w.update)
		if err != nil {
			return old, nil, err
		}
		if nu.Size() > maxItemSize {
			return old, nil, validation("Item size to update has exceeded the maximum allowed size")
		}
		if err := checkItem(w.t, nu); err != nil {
			return old, nil, err
		}
	}
	return old, nu, nil
}

// commit stores the result of evaluate and emits its stream record.
func (s *Service) commit(w *writeOp, old, nu Item) {
	if w.kind == "ConditionCheck" {
		return
	}
	if nu == nil && old == nil {
		return
	}
	w.t.store(old, nu)
	if old != nil && nu != nil && itemsEqual(old, nu) {
		return
	}
	s.emit(w.t, old, nu, nil)
}

func itemsEqual(a, b Item) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		o := b[k]
		if o == nil || !v.Equal(o) {
			return false
		}
	}
	return true
}

// checkReturnValues validates the ReturnValues parameter for an operation.
func checkReturnValues(rv string, allowed ...string) error {
	if rv == "" {
		return nil
	}
	for _, a := range allowed {
		if rv == a {
			return nil
		}
	}
	return validation("Return values set to invalid value")
}

func (s *Service) singleWrite(ctx *service.Context, kind string, in service.Params, allowedRV ...string) (any, error) {
	rv := str(in, "ReturnValues")
	if err := checkReturnValues(rv, allowedRV...); err != nil {
		return nil, err
	}
	w, err := s.prepareWrite(ctx, kind, in)
	if err != nil {
		return nil, err
	}
	w.t.mu.Lock()
	old, nu, err := w.evaluate()
	if err != nil {
		w.t.mu.Unlock()
		return nil, err
	}
	s.commit(w, old, nu)
	cap := &capacity{table: w.t.Name}
	cap.addWrite(w.t, old, nu, 1)
	hasLSI := len(w.t.LSIs) > 0
	w.t.mu.Unlock()

	out := map[string]any{}
	switch rv {
	case "ALL_OLD":
		if old != nil {
			out["Attributes"] = old.Wire()
		}
	case "ALL_NEW":
		out["Attributes"] = nu.Wire()
	case "UPDATED_OLD", "UPDATED_NEW":
		src := old
		if rv == "UPDATED_NEW" {
			src = nu
		}
		if src != nil && w.update != nil {
			if p := project(src, changedPaths(old, nu, w.update)); len(p) > 0 {
				out["Attributes"] = p.Wire()
			}
		}
	}
	if c := cap.wire(str(in, "ReturnConsumedCapacity")); c != nil {
		out["ConsumedCapacity"] = c
	}
	if str(in, "ReturnItemCollectionMetrics") == "SIZE" && hasLSI {
		out["ItemCollectionMetrics"] = map[string]any{
			"ItemCollectionKey":   Item{w.t.Hash: w.key[w.t.Hash]}.Wire(),
			"SizeEstimateRangeGB": []any{0.0, 1.0},
		}
	}
	return out, nil
}

func (s *Service) putItem(ctx *service.Context, in service.Params) (any, error) {
	return s.singleWrite(ctx, "Put", in, "NONE", "ALL_OLD")
}

func (s *Service) updateItem(ctx *service.Context, in service.Params) (any, error) {
	return s.singleWrite(ctx, "Update", in, "NONE", "ALL_OLD", "UPDATED_OLD", "ALL_NEW", "UPDATED_NEW")
}

func (s *Service) deleteItem(ctx *service.Context, in service.Params) (any, error) {
	return s.singleWrite(ctx, "Delete", in, "NONE", "ALL_OLD")
}

// readSpec is a prepared key lookup (GetItem, BatchGetItem, TransactGetItems).
type readSpec struct {
	t    *Table
	key  Item
	proj []docPath
}

func (s *Service) prepareRead(ctx *service.Context, tableRaw string, keyRaw any, in map[string]any) (*readSpec, error) {
	key, err := parseItem(keyRaw)
	if err != nil {
		return nil, err
	}
	r := &readSpec{key: key}
	if err := conflictCheck(in, []string{"AttributesToGet"}, []string{"ProjectionExpression"}); err != nil {
		return nil, err
	}
	env, err := newExprEnv(in["ExpressionAttributeNames"], nil)
	if err != nil {
		return nil, err
	}
	if has(in, "ProjectionExpression") {
		if r.proj, err = parseProjection(str(in, "ProjectionExpression"), env); err != nil {
			return nil, err
		}
	} else {
		r.proj = legacyProjection(list(in, "AttributesToGet"))
	}
	if err := env.checkUnused(); err != nil {
		return nil, err
	}
	if r.t, err = s.table(ctx, tableRaw); err != nil {
		return nil, err
	}
	if err := checkKey(r.t, key); err != nil {
		return nil, err
	}
	return r, nil
}

// read returns the (projected) item and its size; the caller holds r.t.mu.
func (r *readSpec) read() (Item, int) {
	it := r.t.data.get(r.key)
	if it == nil {
		return nil, 0
	}
	size := it.Size()
	if r.proj != nil {
		it = project(it, r.proj)
	}
	return it, size
}

func (s *Service) getItem(ctx *service.Context, in service.Params) (any, error) {
	r, err := s.prepareRead(ctx, str(in, "TableName"), in["Key"], in)
	if err != nil {
		return nil, err
	}
	r.t.mu.RLock()
	it, size := r.read()
	r.t.mu.RUnlock()
	out := map[string]any{}
	if it != nil {
		out["Item"] = it.Wire()
	}
	consistent, _ := boolean(in, "ConsistentRead")
	cap := &capacity{table: r.t.Name}
	cap.addTable(readUnits(size, consistent))
	if c := cap.wire(str(in, "ReturnConsumedCapacity")); c != nil {
		out["ConsumedCapacity"] = c
	}
	return out, nil
}

var _ = awserr.New

// changedPaths returns the paths an update's actions touch (whether or not
// the value changed); a path that does not resolve (a list index past the
// end, appended elsewhere) stands for its top-level attribute.
func changedPaths(old, nu Item, u *updateExpr) []docPath {
	var out []docPath
	for _, a := range u.Actions {
		p := a.Path
		var before, after *Value
		if old != nil {
			before = resolve(old, p)
		}
		after = resolve(nu, p)
		if len(p) > 1 && (before == nil || a.Kind == "REMOVE") && after == nil {
			p = p[:1]
			if old != nil {
				before = resolve(old, p)
			}
			after = resolve(nu, p)
		}
		dup := false
		for _, q := range out {
			if pathsOverlap(p, q) {
				dup = true
			}
		}
		if !dup {
			out = append(out, p)
		}
	}
	return out
}
