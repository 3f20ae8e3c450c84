package reports

import (
	"fmt"
	"path/filepath"
	"testing"

	"github.com/parity-harness/parity/emulator/calllog"
	"github.com/parity-harness/parity/harness/runlog"
)

// splitIntoShards writes the fixture run as n shard directories the way a
// sharded run leaves them: each spec (with its calls) runs in one shard and
// is reported skipped by the others; each shard's emulator logs its share
// of the server calls.
func splitIntoShards(t *testing.T, full *Inputs, n int) []string {
	t.Helper()
	owner := map[string]int{}
	for i, r := range full.Results {
		owner[r.Suite+"/"+r.Spec] = i % n
	}
	var dirs []string
	for k := 0; k < n; k++ {
		dir := t.TempDir()
		run := full.Runs[0]
		run.Shard = fmt.Sprintf("%d/%d", k+1, n)
		writeJSONLines(t, filepath.Join(dir, "run.json"), []runlog.Run{run})
		var results []runlog.SpecResult
		var calls []runlog.Call
		var server []calllog.Entry
		for _, r := range full.Results {
			if owner[r.Suite+"/"+r.Spec] == k {
				results = append(results, r)
			} else {
				results = append(results, runlog.SpecResult{Suite: r.Suite, Spec: r.Spec, File: r.File, State: StateSkipped})
			}
		}
		for _, c := range full.Calls {
			if owner[c.Suite+"/"+c.Spec] == k {
				calls = append(calls, c)
			}
		}
		for i, e := range full.Server {
			if i%n == k {
				server = append(server, e)
			}
		}
		writeJSONLines(t, filepath.Join(dir, "results", fmt.Sprintf("all-%d.jsonl", 100+k)), results)
		writeJSONLines(t, filepath.Join(dir, "calls", fmt.Sprintf("all-%d.jsonl", 100+k)), calls)
		writeJSONLines(t, filepath.Join(dir, "server", fmt.Sprintf("all-%d.jsonl", 100+k)), server)
		dirs = append(dirs, dir)
	}
	return dirs
}

func TestShardsMergeToUnshardedRun(t *testing.T) {
	den := fixtureDen(t)
	full := readFixture(t, "run-full")
	want := Build(full, den)
	want.Runs = nil
	for _, n := range []int{2, 3} {
		t.Run(fmt.Sprintf("%d shards", n), func(t *testing.T) {
			dirs := splitIntoShards(t, full, n)
			merged, err := ReadDirs(dirs)
			if err != nil {
				t.Fatal(err)
			}
			got := Build(merged, den)
			if len(got.Runs) != n {
				t.Errorf("runs = %d, want one per shard", len(got.Runs))
			}
			got.Runs = nil
			if a, b := mustJSON(t, got), mustJSON(t, want); a != b {
				t.Errorf("merged shards differ from the unsharded run")
			}
			// Reversing the shard order changes nothing.
			for i, j := 0, len(dirs)-1; i < j; i, j = i+1, j-1 {
				dirs[i], dirs[j] = dirs[j], dirs[i]
			}
			rev, err := ReadDirs(dirs)
			if err != nil {
				t.Fatal(err)
			}
			got2 := Build(rev, den)
			got2.Runs = nil
			if mustJSON(t, got2) != mustJSON(t, got) {
				t.Error("merge depends on the order of the shards")
			}
		})
	}
}

func TestMergeResolvesDuplicateSpecs(t *testing.T) {
	spec := func(state, failure string) runlog.SpecResult {
		return runlog.SpecResult{Suite: "sqs", Spec: "s", State: state, Failure: failure}
	}
	tests := []struct {
		name string
		a, b runlog.SpecResult
		want runlog.SpecResult
	}{
		{"failed beats passed", spec(StatePassed, ""), spec(StateFailed, "x"), spec(StateFailed, "x")},
		{"passed beats skipped", spec(StateSkipped, ""), spec(StatePassed, ""), spec(StatePassed, "")},
		{"pending beats skipped", spec(StateSkipped, ""), spec(StatePending, ""), spec(StatePending, "")},
		{"equal states: smallest encoding", spec(StateFailed, "b"), spec(StateFailed, "a"), spec(StateFailed, "a")},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			for _, order := range [][2]runlog.SpecResult{{tc.a, tc.b}, {tc.b, tc.a}} {
				m := Merge(&Inputs{Results: []runlog.SpecResult{order[0]}}, &Inputs{Results: []runlog.SpecResult{order[1]}})
				if len(m.Results) != 1 || m.Results[0].State != tc.want.State || m.Results[0].Failure != tc.want.Failure {
					t.Errorf("merge(%v, %v) = %+v, want %+v", order[0].State, order[1].State, m.Results, tc.want)
				}
			}
		})
	}
}

func TestMergeAttachesReferenceChecks(t *testing.T) {
	replay := &Inputs{Results: []runlog.SpecResult{{Suite: "sqs", Spec: "a", State: StatePassed}, {Suite: "sqs", Spec: "b", State: StatePassed}}}
	ref := &Inputs{References: []runlog.SpecResult{
		{Suite: "sqs", Spec: "a", State: StateFailed, Reference: &runlog.RefResult{ID: "ref-a", Keys: []runlog.KeyResult{{Key: "k", State: "mismatched"}}}},
		{Suite: "sqs", Spec: "c", State: StatePassed, Reference: &runlog.RefResult{ID: "ref-c"}},
	}}
	for _, order := range [][]*Inputs{{replay, ref}, {ref, replay}} {
		got := Merge(order...)
		if len(got.Results) != 3 {
			t.Fatalf("results %d, want 3", len(got.Results))
		}
		a := got.Results[0]
		if a.Spec != "a" || a.State != StatePassed || a.Reference == nil || a.Reference.ID != "ref-a" {
			t.Fatalf("spec a: %+v (want the replay state with the reference check attached)", a)
		}
		if got.Results[1].Reference != nil {
			t.Fatalf("spec b got a reference check it never had")
		}
		if c := got.Results[2]; c.Spec != "c" || c.Reference == nil {
			t.Fatalf("spec c: %+v (only in the reference run: kept)", c)
		}
	}
}
