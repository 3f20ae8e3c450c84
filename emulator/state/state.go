// Package state keeps service state apart per account and region.
package state

import "sync"

// Key identifies one partition of state.
type Key struct {
	Account string
	Region  string
}

// Partitioned holds one *T per account and region, created on first use.
// Services keep their own locking inside T.
type Partitioned[T any] struct {
	mu    sync.RWMutex
	parts map[Key]*T
	init  func(Key) *T
}

// NewPartitioned returns a store that creates partitions with init.
func NewPartitioned[T any](init func(Key) *T) *Partitioned[T] {
	return &Partitioned[T]{parts: map[Key]*T{}, init: init}
}

// Get returns the partition of account and region, creating it.
func (p *Partitioned[T]) Get(account, region string) *T {
	k := Key{account, region}
	p.mu.RLock()
	t, ok := p.parts[k]
	p.mu.RUnlock()
	if ok {
		return t
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if t, ok = p.parts[k]; !ok {
		t = p.init(k)
		p.parts[k] = t
	}
	return t
}

// Each calls fn for every existing partition (in no particular order).
func (p *Partitioned[T]) Each(fn func(Key, *T)) {
	p.mu.RLock()
	keys := make([]Key, 0, len(p.parts))
	vals := make([]*T, 0, len(p.parts))
	for k, v := range p.parts {
		keys = append(keys, k)
		vals = append(vals, v)
	}
	p.mu.RUnlock()
	for i := range keys {
		fn(keys[i], vals[i])
	}
}

// Snapshot returns the partitions as a map, for persistence.
func (p *Partitioned[T]) Snapshot() map[Key]*T {
	p.mu.RLock()
	defer p.mu.RUnlock()
	out := make(map[Key]*T, len(p.parts))
	for k, v := range p.parts {
		out[k] = v
	}
	return out
}

// Replace swaps in partitions restored from persistence.
func (p *Partitioned[T]) Replace(parts map[Key]*T) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.parts = parts
}
