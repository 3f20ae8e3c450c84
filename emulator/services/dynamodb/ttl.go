package dynamodb

import (
	"time"

	"github.com/parity-harness/parity/emulator/state"
)

// ttlIdentity marks stream records of deletions made by TTL.
var ttlIdentity = map[string]any{"Type": "Service", "PrincipalId": "dynamodb.amazonaws.com"}

// sweepLoop deletes expired items of tables with TTL enabled until Close.
func (s *Service) sweepLoop() {
	defer close(s.done)
	tick := time.NewTicker(s.ttlInterval)
	defer tick.Stop()
	for {
		select {
		case <-s.stop:
			return
		case <-tick.C:
			s.SweepExpired()
		}
	}
}

// SweepExpired deletes every item whose TTL attribute (a number of epoch
// seconds) is in the past, emitting REMOVE records attributed to the
// service.
func (s *Service) SweepExpired() {
	now := s.now()
	cutoff := mustNumber(itoa(int(now.Unix())))
	s.regions.Each(func(_ state.Key, rs *regionState) {
		rs.mu.RLock()
		tables := make([]*Table, 0, len(rs.tables))
		for _, t := range rs.tables {
			tables = append(tables, t)
		}
		rs.mu.RUnlock()
		for _, t := range tables {
			t.mu.Lock()
			if t.TTLEnabled {
				var expired []Item
				t.data.each(nil, func(it Item) bool {
					if v := it[t.TTLAttr]; v != nil && v.Type == TypeN && v.N.Cmp(cutoff) < 0 {
						expired = append(expired, it)
					}
					return true
				})
				for _, it := range expired {
					t.store(it, nil)
					s.emit(t, it, nil, ttlIdentity)
				}
			}
			t.mu.Unlock()
		}
	})
}
