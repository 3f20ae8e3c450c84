package dynamodb

import (
	"crypto/sha256"
	"encoding/json"
	"sort"
	"strings"
	"time"

	"github.com/parity-harness/parity/emulator/awserr"
	"github.com/parity-harness/parity/emulator/service"
)

// idempotencyWindow is how long a ClientRequestToken is remembered.
const idempotencyWindow = 10 * time.Minute

// idempotentCall is a remembered TransactWriteItems call.
type idempotentCall struct {
	hash    [32]byte
	at      time.Time
	success map[string]any
}

func requestHash(in map[string]any) [32]byte {
	c := make(map[string]any, len(in))
	for k, v := range in {
		if k != "ClientRequestToken" {
			c[k] = v
		}
	}
	b, _ := json.Marshal(c)
	return sha256.Sum256(b)
}

// lockTables write-locks a set of tables in name order (no deadlocks).
func lockTables(ops []*writeOp) func() {
	seen := map[*Table]bool{}
	var ts []*Table
	for _, w := range ops {
		if !seen[w.t] {
			seen[w.t] = true
			ts = append(ts, w.t)
		}
	}
	sort.Slice(ts, func(i, j int) bool { return ts[i].ARN < ts[j].ARN })
	for _, t := range ts {
		t.mu.Lock()
	}
	return func() {
		for i := len(ts) - 1; i >= 0; i-- {
			ts[i].mu.Unlock()
		}
	}
}

func (s *Service) transactWriteItems(ctx *service.Context, in service.Params) (any, error) {
	items := list(in, "TransactItems")
	if len(items) > 100 {
		return nil, validation("1 validation error detected: Value '[...]' at 'transactItems' failed to satisfy constraint: Member must have length less than or equal to 100")
	}
	token := str(in, "ClientRequestToken")
	rs := s.region(ctx.Account, ctx.Region)
	var h [32]byte
	if token != "" {
		h = requestHash(in)
		rs.mu.Lock()
		prev := rs.tokens[token]
		if prev != nil && s.now().Sub(prev.at) > idempotencyWindow {
			delete(rs.tokens, token)
			prev = nil
		}
		rs.mu.Unlock()
		if prev != nil {
			if prev.hash != h {
				return nil, awserr.New("IdempotentParameterMismatchException", 400, "The request uses the same client token as a previous, but non-identical request.")
			}
			return prev.success, nil
		}
	}
	ops, err := s.prepareTransactWrites(ctx, items)
	if err != nil {
		return nil, err
	}
	caps, order, err := s.runTransaction(ops)
	if err != nil {
		return nil, err
	}
	out := map[string]any{}
	if mode := str(in, "ReturnConsumedCapacity"); mode == "TOTAL" || mode == "INDEXES" {
		l := []any{}
		for _, n := range order {
			l = append(l, caps[n].wire(mode))
		}
		out["ConsumedCapacity"] = l
	}
	if token != "" {
		rs.mu.Lock()
		rs.tokens[token] = &idempotentCall{hash: h, at: s.now(), success: out}
		rs.mu.Unlock()
	}
	return out, nil
}

func sizeOrZero(it Item) int {
	if it == nil {
		return 0
	}
	return it.Size()
}

func (s *Service) prepareTransactWrites(ctx *service.Context, items []any) ([]*writeOp, error) {
	var ops []*writeOp
	seen := map[string]bool{}
	for _, raw := range items {
		m, _ := raw.(map[string]any)
		var kind string
		var spec map[string]any
		n := 0
		for _, k := range []string{"ConditionCheck", "Put", "Delete", "Update"} {
			if o := object(m, k); o != nil {
				kind, spec = k, o
				n++
			}
		}
		if n != 1 {
			return nil, validation("TransactItems can only contain one of Check, Put, Update or Delete")
		}
		w, err := s.prepareWrite(ctx, kind, spec)
		if err != nil {
			return nil, err
		}
		id := w.t.ARN + "\x00" + keyIdentity(w.t, w.key)
		if seen[id] {
			return nil, validation("Transaction request cannot include multiple operations on one item")
		}
		seen[id] = true
		ops = append(ops, w)
	}
	return ops, nil
}

func (s *Service) transactGetItems(ctx *service.Context, in service.Params) (any, error) {
	items := list(in, "TransactItems")
	if len(items) > 100 {
		return nil, validation("1 validation error detected: Value '[...]' at 'transactItems' failed to satisfy constraint: Member must have length less than or equal to 100")
	}
	var reads []*readSpec
	for _, raw := range items {
		m, _ := raw.(map[string]any)
		g := object(m, "Get")
		r, err := s.prepareRead(ctx, str(g, "TableName"), g["Key"], g)
		if err != nil {
			return nil, err
		}
		reads = append(reads, r)
	}
	resp := make([]any, len(reads))
	caps := map[string]*capacity{}
	var order []string
	for i, r := range reads {
		r.t.mu.RLock()
		it, size := r.read()
		r.t.mu.RUnlock()
		if it != nil {
			resp[i] = map[string]any{"Item": it.Wire()}
		} else {
			resp[i] = map[string]any{}
		}
		c := caps[r.t.Name]
		if c == nil {
			c = &capacity{table: r.t.Name}
			caps[r.t.Name] = c
			order = append(order, r.t.Name)
		}
		c.addTable(2 * readUnits(size, true))
	}
	out := map[string]any{"Responses": resp}
	if mode := str(in, "ReturnConsumedCapacity"); mode == "TOTAL" || mode == "INDEXES" {
		l := []any{}
		for _, n := range order {
			l = append(l, caps[n].wire(mode))
		}
		out["ConsumedCapacity"] = l
	}
	return out, nil
}

var _ = service.ARN

// runTransaction applies writes atomically: all conditions are checked with
// every table involved locked, then all writes are stored, or none.
func (s *Service) runTransaction(ops []*writeOp) (map[string]*capacity, []string, error) {
	unlock := lockTables(ops)
	type change struct{ old, nu Item }
	changes := make([]change, len(ops))
	reasons := make([]any, len(ops))
	failed := false
	var codes []string
	for i, w := range ops {
		old, nu, err := w.evaluate()
		changes[i] = change{old, nu}
		reason := map[string]any{"Code": "None"}
		code := "None"
		if err != nil {
			failed = true
			e, _ := awserr.As(err)
			if e != nil && e.Code == "ConditionalCheckFailedException" {
				code = "ConditionalCheckFailed"
				if w.failCode != "" {
					code = w.failCode
					e = awserr.New(code, 400, w.failMessage)
				}
				reason = map[string]any{"Code": code, "Message": e.Message}
				if it, ok := e.Fields["Item"]; ok {
					reason["Item"] = it
				}
			} else if e != nil {
				code = "ValidationError"
				reason = map[string]any{"Code": code, "Message": e.Message}
			}
		}
		reasons[i] = reason
		codes = append(codes, code)
	}
	if failed {
		unlock()
		return nil, nil, awserr.New("TransactionCanceledException", 400,
			"Transaction cancelled, please refer cancellation reasons for specific reasons ["+strings.Join(codes, ", ")+"]").
			With("CancellationReasons", reasons)
	}
	caps := map[string]*capacity{}
	var order []string
	for i, w := range ops {
		s.commit(w, changes[i].old, changes[i].nu)
		c := caps[w.t.Name]
		if c == nil {
			c = &capacity{table: w.t.Name}
			caps[w.t.Name] = c
			order = append(order, w.t.Name)
		}
		if w.kind == "ConditionCheck" {
			c.addTable(2 * readUnits(sizeOrZero(changes[i].old), true))
		} else {
			c.addWrite(w.t, changes[i].old, changes[i].nu, 2)
		}
	}
	unlock()
	return caps, order, nil
}
