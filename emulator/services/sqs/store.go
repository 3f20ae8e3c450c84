package sqs

import (
	"container/heap"
	"container/list"
	"time"
)

// store keeps a queue's messages and picks the ones a receive returns. The
// queue's lock guards it.
type store interface {
	// add appends a message that is visible at m.visibleAt.
	add(m *message)
	// remove drops a message.
	remove(m *message)
	// pick returns up to max messages visible at now, in delivery order.
	// Messages sent before cutoff (retention expired) are dropped and returned
	// in expired.
	pick(now, cutoff time.Time, max int) (picked, expired []*message)
	// setVisibleAt moves a message's visibility to t.
	setVisibleAt(m *message, t time.Time)
	// nextVisible is the earliest visibility time after now, if any.
	nextVisible(now time.Time) (time.Time, bool)
	// each visits every message.
	each(fn func(m *message))
	len() int
}

// standardStore serves standard queues: visible messages in a list, the
// others (delayed or in flight) in a heap by visibility time, so a receive
// costs O(log n) per message whatever the backlog.
type standardStore struct {
	ready   *list.List
	waiting waitHeap
}

func newStandardStore() *standardStore { return &standardStore{ready: list.New()} }

func (s *standardStore) add(m *message) {
	m.heapIndex = -1
	if m.visibleAt.IsZero() || !m.visibleAt.After(time.Now()) {
		m.elem = s.ready.PushBack(m)
		return
	}
	heap.Push(&s.waiting, m)
}

func (s *standardStore) remove(m *message) {
	if m.elem != nil {
		s.ready.Remove(m.elem)
		m.elem = nil
	}
	if m.heapIndex >= 0 {
		heap.Remove(&s.waiting, m.heapIndex)
	}
}

func (s *standardStore) promote(now time.Time) {
	for len(s.waiting) > 0 && !s.waiting[0].visibleAt.After(now) {
		m := heap.Pop(&s.waiting).(*message)
		m.elem = s.ready.PushBack(m)
	}
}

func (s *standardStore) pick(now, cutoff time.Time, max int) (picked, expired []*message) {
	s.promote(now)
	for e := s.ready.Front(); e != nil && len(picked) < max; {
		next := e.Next()
		m := e.Value.(*message)
		if m.sentAt.Before(cutoff) {
			s.ready.Remove(e)
			m.elem = nil
			expired = append(expired, m)
		} else {
			picked = append(picked, m)
		}
		e = next
	}
	return picked, expired
}

func (s *standardStore) setVisibleAt(m *message, t time.Time) {
	m.visibleAt = t
	switch {
	case m.heapIndex >= 0:
		heap.Fix(&s.waiting, m.heapIndex)
	case m.elem != nil && t.After(time.Now()):
		s.ready.Remove(m.elem)
		m.elem = nil
		heap.Push(&s.waiting, m)
	}
}

func (s *standardStore) nextVisible(now time.Time) (time.Time, bool) {
	if len(s.waiting) == 0 {
		return time.Time{}, false
	}
	return s.waiting[0].visibleAt, true
}

func (s *standardStore) each(fn func(m *message)) {
	for e := s.ready.Front(); e != nil; e = e.Next() {
		fn(e.Value.(*message))
	}
	for _, m := range s.waiting {
		fn(m)
	}
}

func (s *standardStore) len() int { return s.ready.Len() + len(s.waiting) }

// waitHeap orders messages by the time they become visible.
type waitHeap []*message

func (h waitHeap) Len() int           { return len(h) }
func (h waitHeap) Less(i, j int) bool { return h[i].visibleAt.Before(h[j].visibleAt) }
func (h waitHeap) Swap(i, j int) {
	h[i], h[j] = h[j], h[i]
	h[i].heapIndex = i
	h[j].heapIndex = j
}
func (h *waitHeap) Push(x any) {
	m := x.(*message)
	m.heapIndex = len(*h)
	*h = append(*h, m)
}
func (h *waitHeap) Pop() any {
	old := *h
	m := old[len(old)-1]
	old[len(old)-1] = nil
	*h = old[:len(old)-1]
	m.heapIndex = -1
	return m
}

// fifoStore serves FIFO queues: messages in send order. Within a message
// group, delivery stops at the first message that is not visible (in flight
// or delayed), so a group is consumed strictly in order; a receive fills
// from one group before moving to the next.
type fifoStore struct {
	all *list.List
}

func newFifoStore() *fifoStore { return &fifoStore{all: list.New()} }

func (s *fifoStore) add(m *message) { m.heapIndex = -1; m.elem = s.all.PushBack(m) }

func (s *fifoStore) remove(m *message) {
	if m.elem != nil {
		s.all.Remove(m.elem)
		m.elem = nil
	}
}

func (s *fifoStore) pick(now, cutoff time.Time, max int) (picked, expired []*message) {
	blocked := map[string]bool{}
	var order []string
	groups := map[string][]*message{}
	for e := s.all.Front(); e != nil; {
		next := e.Next()
		m := e.Value.(*message)
		switch {
		case m.sentAt.Before(cutoff):
			s.all.Remove(e)
			m.elem = nil
			expired = append(expired, m)
		case blocked[m.group]:
		case m.visibleAt.After(now):
			blocked[m.group] = true
		default:
			if _, seen := groups[m.group]; !seen {
				order = append(order, m.group)
			}
			groups[m.group] = append(groups[m.group], m)
		}
		e = next
	}
	for _, g := range order {
		for _, m := range groups[g] {
			if len(picked) == max {
				return picked, expired
			}
			picked = append(picked, m)
		}
	}
	return picked, expired
}

func (s *fifoStore) setVisibleAt(m *message, t time.Time) { m.visibleAt = t }

func (s *fifoStore) nextVisible(now time.Time) (time.Time, bool) {
	var next time.Time
	for e := s.all.Front(); e != nil; e = e.Next() {
		m := e.Value.(*message)
		if m.visibleAt.After(now) && (next.IsZero() || m.visibleAt.Before(next)) {
			next = m.visibleAt
		}
	}
	return next, !next.IsZero()
}

func (s *fifoStore) each(fn func(m *message)) {
	for e := s.all.Front(); e != nil; e = e.Next() {
		fn(e.Value.(*message))
	}
}

func (s *fifoStore) len() int { return s.all.Len() }
