package dynamodb

import (
	"sort"
)

// keyspace stores items of a table or of one secondary index: a hash map
// from partition key to a partition whose items are kept sorted, so that
// reads and writes by key never scan. Indexes order items of equal index
// sort key by the table's primary key.
type keyspace struct {
	hash, rng string   // key attributes of this keyspace
	order     []string // attributes items are sorted by within a partition
	parts     map[string]*partition
	seq       []*partition // partitions in creation order (scan order)
	nextSeq   int
	count     int
	bytes     int64
}

// partition holds the items of one partition key value.
type partition struct {
	key   *Value
	seq   int
	items []Item
}

func newKeyspace(hash, rng, tableHash, tableRng string) *keyspace {
	ks := &keyspace{hash: hash, rng: rng, parts: map[string]*partition{}}
	for _, a := range []string{rng, tableHash, tableRng} {
		if a == "" || a == hash && a == tableHash {
			continue
		}
		dup := false
		for _, o := range ks.order {
			if o == a {
				dup = true
			}
		}
		if !dup {
			ks.order = append(ks.order, a)
		}
	}
	return ks
}

// keyString encodes a key value into a map key.
func keyString(v *Value) string {
	switch v.Type {
	case TypeS:
		return "S" + v.S
	case TypeN:
		return "N" + v.N.String()
	case TypeB:
		return "B" + string(v.B)
	}
	return ""
}

// cmpOrder compares two items by the keyspace's sort attributes.
func (ks *keyspace) cmpOrder(a, b Item) int {
	for _, attr := range ks.order {
		av, bv := a[attr], b[attr]
		switch {
		case av == nil && bv == nil:
			continue
		case av == nil:
			return -1
		case bv == nil:
			return 1
		}
		if c, _ := compareScalar(av, bv); c != 0 {
			return c
		}
	}
	return 0
}

// indexable reports whether an item carries this keyspace's key attributes
// (always true for the table; sparse for indexes).
func (ks *keyspace) indexable(it Item) bool {
	h := it[ks.hash]
	if h == nil || !isScalarKeyType(h.Type) {
		return false
	}
	if ks.rng != "" {
		r := it[ks.rng]
		if r == nil || !isScalarKeyType(r.Type) {
			return false
		}
	}
	return true
}

func (ks *keyspace) find(p *partition, it Item) (int, bool) {
	i := sort.Search(len(p.items), func(i int) bool { return ks.cmpOrder(p.items[i], it) >= 0 })
	return i, i < len(p.items) && ks.cmpOrder(p.items[i], it) == 0
}

// get returns the item with the same key as k.
func (ks *keyspace) get(k Item) Item {
	p := ks.parts[keyString(k[ks.hash])]
	if p == nil {
		return nil
	}
	i, ok := ks.find(p, k)
	if !ok {
		return nil
	}
	return p.items[i]
}

// put inserts or replaces an item, returning the one replaced.
func (ks *keyspace) put(it Item) Item {
	if !ks.indexable(it) {
		return nil
	}
	hk := keyString(it[ks.hash])
	p := ks.parts[hk]
	if p == nil {
		p = &partition{key: it[ks.hash], seq: ks.nextSeq}
		ks.nextSeq++
		ks.parts[hk] = p
		ks.seq = append(ks.seq, p)
	}
	i, found := ks.find(p, it)
	size := int64(it.Size())
	if found {
		old := p.items[i]
		p.items[i] = it
		ks.bytes += size - int64(old.Size())
		return old
	}
	p.items = append(p.items, nil)
	copy(p.items[i+1:], p.items[i:])
	p.items[i] = it
	ks.count++
	ks.bytes += size
	return nil
}

// remove deletes the item with the same key as k, returning it.
func (ks *keyspace) remove(k Item) Item {
	if !ks.indexable(k) {
		return nil
	}
	p := ks.parts[keyString(k[ks.hash])]
	if p == nil {
		return nil
	}
	i, ok := ks.find(p, k)
	if !ok {
		return nil
	}
	old := p.items[i]
	p.items = append(p.items[:i], p.items[i+1:]...)
	ks.count--
	ks.bytes -= int64(old.Size())
	if len(p.items) == 0 {
		delete(ks.parts, keyString(k[ks.hash]))
		ks.compact()
	}
	return old
}

// compact drops emptied partitions from the scan order once they make up
// half of it.
func (ks *keyspace) compact() {
	if len(ks.seq) < 64 || len(ks.parts)*2 > len(ks.seq) {
		return
	}
	live := ks.seq[:0]
	for _, p := range ks.seq {
		if len(p.items) > 0 {
			live = append(live, p)
		}
	}
	for i := len(live); i < len(ks.seq); i++ {
		ks.seq[i] = nil
	}
	ks.seq = live
}

// partitionOf returns the partition of a hash key value.
func (ks *keyspace) partitionOf(h *Value) *partition {
	return ks.parts[keyString(h)]
}

// each visits all items in scan order, starting after the item with key
// start (nil: from the beginning); fn returns false to stop.
func (ks *keyspace) each(start Item, fn func(Item) bool) {
	pi := 0
	var first *partition
	firstIdx := 0
	if start != nil && start[ks.hash] != nil {
		if p := ks.parts[keyString(start[ks.hash])]; p != nil {
			pi = sort.Search(len(ks.seq), func(i int) bool { return ks.seq[i].seq >= p.seq })
			first = p
			firstIdx = sort.Search(len(p.items), func(i int) bool { return ks.cmpOrder(p.items[i], start) > 0 })
		} else {
			// the partition of the start key was emptied since: resume after
			// its place in scan order if it is still there
			hk := keyString(start[ks.hash])
			for i, q := range ks.seq {
				if keyString(q.key) == hk {
					pi = i + 1
				}
			}
		}
	}
	for ; pi < len(ks.seq); pi++ {
		p := ks.seq[pi]
		if len(p.items) == 0 {
			continue
		}
		from := 0
		if p == first {
			from = firstIdx
		}
		for _, it := range p.items[from:] {
			if !fn(it) {
				return
			}
		}
	}
}
