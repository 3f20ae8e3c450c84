package snapshots

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"
)

func TestPrune(t *testing.T) {
	t0 := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	dropIn := func(ids ...string) func(string, *Spec) bool {
		return func(id string, _ *Spec) bool {
			for _, d := range ids {
				if d == id {
					return true
				}
			}
			return false
		}
	}
	cases := []struct {
		name        string
		specs       []string // written before pruning; none: no file
		drop        func(string, *Spec) bool
		wantRemoved []string
		wantLeft    []string // nil: the file is gone
	}{
		{"no file", nil, dropIn("a"), nil, nil},
		{"nothing to drop", []string{"a", "b"}, dropIn("c"), nil, []string{"a", "b"}},
		{"one of two", []string{"a", "b"}, dropIn("a"), []string{"a"}, []string{"b"}},
		{"several, sorted", []string{"c", "a", "b"}, dropIn("c", "a"), []string{"a", "c"}, []string{"b"}},
		{"every spec: the file goes", []string{"a", "b"}, dropIn("a", "b"), []string{"a", "b"}, nil},
		{"by recording", []string{"a", "b"}, func(_ string, s *Spec) bool { return s.RecordedContent["k"] == "b" }, []string{"b"}, []string{"a"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "sqs", "queues.snapshot.json")
			for _, id := range c.specs {
				if _, err := Write(path, id, spec(map[string]any{"k": id}, TargetMoto, t0)); err != nil {
					t.Fatal(err)
				}
			}
			var before []byte
			if len(c.specs) > 0 {
				before, _ = os.ReadFile(path)
			}
			removed, err := Prune(path, c.drop)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(removed, c.wantRemoved) {
				t.Errorf("removed %v, want %v", removed, c.wantRemoved)
			}
			if c.wantLeft == nil {
				if _, err := os.Stat(path); !os.IsNotExist(err) {
					t.Errorf("file still there (%v)", err)
				}
				return
			}
			f, err := ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			var left []string
			for _, id := range c.wantLeft {
				if f[id] == nil || f[id].RecordedContent["k"] != id || f[id].Provenance.RecordedAt != t0.Format(time.RFC3339) {
					t.Errorf("spec %q not kept as recorded: %+v", id, f[id])
				}
				left = append(left, id)
			}
			if len(f) != len(left) {
				t.Errorf("file holds %d specs, want %v", len(f), left)
			}
			if len(c.wantRemoved) == 0 {
				if after, _ := os.ReadFile(path); string(after) != string(before) {
					t.Errorf("file rewritten with nothing to prune")
				}
			}
		})
	}
}
