package calllog

import (
	"bytes"
	"testing"
)

func TestLogKeepsNewestAndStreamsAll(t *testing.T) {
	var buf bytes.Buffer
	l := New(&buf)
	total := MaxKept + MaxKept/2 + 10
	for i := 0; i < total; i++ {
		l.Add(Entry{Operation: "Op", Status: i})
	}
	kept := l.Entries()
	if l.Len() != total {
		t.Fatalf("Len = %d, want %d", l.Len(), total)
	}
	if len(kept)+l.Dropped() != total || len(kept) > MaxKept {
		t.Fatalf("kept %d + dropped %d, want %d with at most %d kept", len(kept), l.Dropped(), total, MaxKept)
	}
	if last := kept[len(kept)-1].Status; last != total-1 {
		t.Fatalf("newest entry %d, want %d", last, total-1)
	}
	streamed, err := ReadJSONLines(&buf)
	if err != nil || len(streamed) != total {
		t.Fatalf("streamed %d entries (%v), want %d", len(streamed), err, total)
	}
}
