package dynamodb

import (
	"sort"

	"github.com/parity-harness/parity/emulator/service"
)

const (
	maxBatchGet   = 100
	maxBatchWrite = 25
)

func keyIdentity(t *Table, it Item) string {
	k := keyString(it[t.Hash])
	if t.Rng != "" && it[t.Rng] != nil {
		k += "\x00" + keyString(it[t.Rng])
	}
	return k
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func (s *Service) batchGetItem(ctx *service.Context, in service.Params) (any, error) {
	reqs := object(in, "RequestItems")
	if len(reqs) == 0 {
		return nil, validation("1 validation error detected: Value null at 'requestItems' failed to satisfy constraint: Member must have length greater than or equal to 1")
	}
	total := 0
	for _, name := range sortedKeys(reqs) {
		spec, _ := reqs[name].(map[string]any)
		total += len(list(spec, "Keys"))
	}
	if total > maxBatchGet {
		return nil, validation("Too many items requested for the BatchGetItem call")
	}
	type tableReads struct {
		name       string
		reads      []*readSpec
		consistent bool
	}
	var all []tableReads
	for _, name := range sortedKeys(reqs) {
		spec, _ := reqs[name].(map[string]any)
		tr := tableReads{name: name}
		tr.consistent, _ = boolean(spec, "ConsistentRead")
		seen := map[string]bool{}
		for _, k := range list(spec, "Keys") {
			r, err := s.prepareRead(ctx, name, k, spec)
			if err != nil {
				return nil, err
			}
			id := keyIdentity(r.t, r.key)
			if seen[id] {
				return nil, validation("Provided list of item keys contains duplicates")
			}
			seen[id] = true
			tr.reads = append(tr.reads, r)
		}
		all = append(all, tr)
	}
	responses := map[string]any{}
	var caps []any
	for _, tr := range all {
		items := []any{}
		var c *capacity
		for _, r := range tr.reads {
			if c == nil {
				c = &capacity{table: r.t.Name}
			}
			r.t.mu.RLock()
			it, size := r.read()
			r.t.mu.RUnlock()
			c.addTable(readUnits(size, tr.consistent))
			if it != nil {
				items = append(items, it.Wire())
			}
		}
		responses[tr.name] = items
		if c != nil {
			if w := c.wire(str(in, "ReturnConsumedCapacity")); w != nil {
				caps = append(caps, w)
			}
		}
	}
	out := map[string]any{"Responses": responses, "UnprocessedKeys": map[string]any{}}
	if caps != nil {
		out["ConsumedCapacity"] = caps
	}
	return out, nil
}

func (s *Service) batchWriteItem(ctx *service.Context, in service.Params) (any, error) {
	reqs := object(in, "RequestItems")
	if len(reqs) == 0 {
		return nil, validation("1 validation error detected: Value null at 'requestItems' failed to satisfy constraint: Member must have length greater than or equal to 1")
	}
	total := 0
	for _, name := range sortedKeys(reqs) {
		l, ok := reqs[name].([]any)
		if !ok || len(l) == 0 {
			return nil, validation("1 validation error detected: Value null at 'requestItems." + name + ".member' failed to satisfy constraint: Member must have length greater than or equal to 1")
		}
		total += len(l)
	}
	if total > maxBatchWrite {
		return nil, validation("Too many items requested for the BatchWriteItem call")
	}
	var ops []*writeOp
	for _, name := range sortedKeys(reqs) {
		l, _ := reqs[name].([]any)
		seen := map[string]bool{}
		for _, raw := range l {
			m, _ := raw.(map[string]any)
			put, del := object(m, "PutRequest"), object(m, "DeleteRequest")
			if (put == nil) == (del == nil) {
				return nil, validation("Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes")
			}
			t, err := s.table(ctx, name)
			if err != nil {
				return nil, err
			}
			w := &writeOp{t: t}
			if put != nil {
				w.kind = "Put"
				if w.item, err = parseItem(put["Item"]); err != nil {
					return nil, err
				}
				if err := checkKey(t, t.keyOf(w.item)); err != nil {
					if w.item[t.Hash] == nil || (t.Rng != "" && w.item[t.Rng] == nil) ||
						w.item[t.Hash].Type != t.AttrTypes[t.Hash] || (t.Rng != "" && w.item[t.Rng].Type != t.AttrTypes[t.Rng]) {
						return nil, errKeySchema
					}
					return nil, err
				}
				if err := checkItem(t, w.item); err != nil {
					return nil, err
				}
				w.key = t.keyOf(w.item)
			} else {
				w.kind = "Delete"
				if w.key, err = parseItem(del["Key"]); err != nil {
					return nil, err
				}
				if err := checkKey(t, w.key); err != nil {
					return nil, err
				}
			}
			id := keyIdentity(t, w.key)
			if seen[id] {
				return nil, validation("Provided list of item keys contains duplicates")
			}
			seen[id] = true
			ops = append(ops, w)
		}
	}
	caps := map[string]*capacity{}
	var order []string
	for _, w := range ops {
		w.t.mu.Lock()
		old, nu, _ := w.evaluate()
		s.commit(w, old, nu)
		c := caps[w.t.Name]
		if c == nil {
			c = &capacity{table: w.t.Name}
			caps[w.t.Name] = c
			order = append(order, w.t.Name)
		}
		c.addWrite(w.t, old, nu, 1)
		w.t.mu.Unlock()
	}
	out := map[string]any{"UnprocessedItems": map[string]any{}}
	if mode := str(in, "ReturnConsumedCapacity"); mode == "TOTAL" || mode == "INDEXES" {
		l := []any{}
		for _, n := range order {
			l = append(l, caps[n].wire(mode))
		}
		out["ConsumedCapacity"] = l
	}
	return out, nil
}
