package harness

import (
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/onsi/ginkgo/v2/types"

	"github.com/parity-harness/parity/snapshots"
)

// specReport is the report of a node of kind in file, under containers.
func specReport(kind types.NodeType, file string, state types.SpecState, texts ...string) types.SpecReport {
	return types.SpecReport{
		LeafNodeType:            kind,
		LeafNodeLocation:        types.CodeLocation{FileName: file},
		ContainerHierarchyTexts: texts[:len(texts)-1],
		LeafNodeText:            texts[len(texts)-1],
		State:                   state,
	}
}

func TestIndexSuite(t *testing.T) {
	rep := types.Report{SpecReports: types.SpecReports{
		specReport(types.NodeTypeIt, "/repo/suites/sqs/queues_test.go", types.SpecStatePassed, "SQS queues", "creates a queue"),
		// left out by --focus: still a spec of the suite
		specReport(types.NodeTypeIt, "/repo/suites/sqs/queues_test.go", types.SpecStateSkipped, "SQS queues", "deletes a queue"),
		specReport(types.NodeTypeBeforeSuite, "/repo/suites/sqs/suite_test.go", types.SpecStatePassed, ""),
		specReport(types.NodeTypeReportAfterSuite, "/repo/harness/suite.go", types.SpecStatePassed, "snapshot orphans"),
	}}
	got := indexSuite("/repo", "suites/sqs", rep).specs
	want := map[string]string{
		"suites/sqs/queues_test.go::SQS queues::creates a queue": "queues.snapshot.json",
		"suites/sqs/queues_test.go::SQS queues::deletes a queue": "queues.snapshot.json",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("indexSuite specs = %v, want %v", got, want)
	}
}

func TestOrphanEntries(t *testing.T) {
	const (
		a, b  = "suites/sqs/q_test.go::Q::a", "suites/sqs/q_test.go::Q::b"
		other = "suites/sqs/other_test.go::O::c"
	)
	specs := map[string]string{a: "q.snapshot.json", b: "q.snapshot.json", other: "other.snapshot.json"}
	cases := []struct {
		name  string
		file  []string
		specs map[string]string
		want  []string
	}{
		{"empty file", nil, specs, nil},
		{"every entry has its spec", []string{a, b}, specs, nil},
		{"a spec was not run: kept", []string{a}, specs, nil},
		{"renamed spec", []string{a, b + " (old name)"}, specs, []string{b + " (old name)"}},
		{"sorted", []string{a + " z", a, a + " y"}, specs, []string{a + " y", a + " z"}},
		{"the spec records into another file", []string{a, other}, specs, []string{other}},
		{"a deleted test file of the suite", []string{"suites/sqs/gone_test.go::G::d"}, specs, []string{"suites/sqs/gone_test.go::G::d"}},
		{"a spec of another directory", []string{"harness/testdata/suites/sqs/smoke_test.go::S::e", "e"}, specs, nil},
		{"suite without specs", []string{a}, map[string]string{}, []string{a}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := snapshots.File{}
			for _, id := range c.file {
				f[id] = &snapshots.Spec{}
			}
			ix := suiteIndex{dir: "suites/sqs", specs: c.specs}
			if got := ix.orphanEntries(f, "q.snapshot.json"); !reflect.DeepEqual(got, c.want) {
				t.Errorf("orphanEntries = %v, want %v", got, c.want)
			}
		})
	}
}

func TestPrunable(t *testing.T) {
	started := time.Date(2026, 5, 6, 7, 8, 9, 500_000_000, time.UTC)
	at := func(s string) *snapshots.Spec {
		return &snapshots.Spec{Provenance: &snapshots.Provenance{Target: "moto", RecordedAt: s}}
	}
	const live = "suites/sqs/q_test.go::Q::live"
	const elsewhere = "suites/sqs/other_test.go::O::live"
	ix := suiteIndex{dir: "suites/sqs", specs: map[string]string{live: "q.snapshot.json", elsewhere: "other.snapshot.json"}}
	cases := []struct {
		name    string
		id      string
		spec    *snapshots.Spec
		started time.Time
		want    bool
	}{
		{"spec of the suite", live, at("2020-01-01T00:00:00Z"), started, false},
		{"orphan recorded before the run", "suites/sqs/q_test.go::Q::gone", at("2026-05-06T07:08:08Z"), started, true},
		{"orphan recorded during the run (a concurrent record)", "suites/sqs/q_test.go::Q::new", at("2026-05-06T07:09:00Z"), started, false},
		{"orphan recorded in the run's first second", "suites/sqs/q_test.go::Q::new", at("2026-05-06T07:08:09Z"), started, false},
		{"orphan without provenance", "suites/sqs/q_test.go::Q::gone", &snapshots.Spec{}, started, true},
		{"entry in another file than its spec's", elsewhere, at("2026-05-06T07:08:08Z"), started, true},
		{"entry of a spec of another directory", "harness/testdata/suites/sqs/s_test.go::S::x", at("2026-05-06T07:08:08Z"), started, false},
		{"orphan with an unreadable date", "suites/sqs/q_test.go::Q::gone", at("yesterday"), started, true},
		{"run start unknown", "suites/sqs/q_test.go::Q::new", at("2026-05-06T07:09:00Z"), time.Time{}, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := ix.prunable(c.id, "q.snapshot.json", c.spec, c.started); got != c.want {
				t.Errorf("prunable = %v, want %v", got, c.want)
			}
		})
	}
}

func TestOrphanNote(t *testing.T) {
	cases := []struct {
		name   string
		ids    []string
		pruned bool
		want   string
	}{
		{"one, replay", []string{"s::x"}, false,
			"warning: snapshots/sqs/q.snapshot.json: orphan snapshot entry \"s::x\" (no spec of suite sqs records it there): `parity record --suite sqs` prunes it"},
		{"two, replay", []string{"s::x", "s::y"}, false,
			"warning: snapshots/sqs/q.snapshot.json: 2 orphan snapshot entries \"s::x\", \"s::y\" (no spec of suite sqs records it there): `parity record --suite sqs` prunes them"},
		{"record", []string{"s::x"}, true,
			"note: snapshots/sqs/q.snapshot.json: pruned orphan snapshot entry \"s::x\" (no spec of suite sqs records it there)"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := orphanNote("snapshots/sqs/q.snapshot.json", "sqs", c.ids, c.pruned); got != c.want {
				t.Errorf("orphanNote =\n%s\nwant\n%s", got, c.want)
			}
		})
	}
}

func TestCheckOrphans(t *testing.T) {
	started := time.Date(2026, 5, 6, 7, 8, 9, 0, time.UTC)
	before, during := started.Add(-time.Hour), started.Add(time.Minute)
	rep := types.Report{SpecReports: types.SpecReports{
		specReport(types.NodeTypeIt, "/repo/suites/sqs/queues_test.go", types.SpecStatePassed, "SQS queues", "creates a queue"),
		specReport(types.NodeTypeIt, "/repo/suites/sqs/queues_test.go", types.SpecStateSkipped, "SQS queues", "deletes a queue"),
	}}
	const (
		created = "suites/sqs/queues_test.go::SQS queues::creates a queue"
		deleted = "suites/sqs/queues_test.go::SQS queues::deletes a queue"
		renamed = "suites/sqs/queues_test.go::SQS queues::creates a queue (old name)"
		fresh   = "suites/sqs/queues_test.go::SQS queues::a spec newer than this build"
		gone    = "suites/sqs/gone_test.go::SQS gone::was removed"
	)
	// file name -> spec id -> recorded at
	setup := map[string]map[string]time.Time{
		"queues": {created: before, deleted: before, renamed: before, fresh: during},
		"gone":   {gone: before, created: before}, // created records into queues
		"clean":  {},
	}
	cases := []struct {
		mode      string
		wantNotes []string
		wantLeft  map[string][]string // file -> ids; a missing file: no entry
	}{
		{ModeVerify, []string{
			"warning: snapshots/sqs/gone.snapshot.json: 2 orphan snapshot entries \"" + gone + "\", \"" + created + "\"",
			"warning: snapshots/sqs/queues.snapshot.json: 2 orphan snapshot entries \"" + fresh + "\", \"" + renamed + "\"",
		}, map[string][]string{"queues": {created, deleted, fresh, renamed}, "gone": {gone, created}}},
		{ModeRecord, []string{
			"note: snapshots/sqs/gone.snapshot.json: pruned 2 orphan snapshot entries \"" + gone + "\", \"" + created + "\"",
			"note: snapshots/sqs/queues.snapshot.json: pruned orphan snapshot entry \"" + renamed + "\"",
		}, map[string][]string{"queues": {created, deleted, fresh}}},
		{ModeReference, nil, map[string][]string{"queues": {created, deleted, fresh, renamed}, "gone": {gone, created}}},
	}
	for _, c := range cases {
		t.Run(c.mode, func(t *testing.T) {
			root := t.TempDir()
			snapDir := filepath.Join(root, "snapshots")
			for name, specs := range setup {
				for id, when := range specs {
					spec := snapshots.NewSpec(map[string]any{"k": "v"}, snapshots.Provenance{Target: "moto"}, when)
					if _, err := snapshots.Write(filepath.Join(snapDir, "sqs", name+".snapshot.json"), id, spec); err != nil {
						t.Fatal(err)
					}
				}
			}
			r := &run{root: "/repo", suite: "sqs", settings: Settings{Mode: c.mode, SnapshotDir: snapDir, RunStarted: started}}
			notes, err := r.checkOrphans(rep, "suites/sqs")
			if err != nil {
				t.Fatal(err)
			}
			if len(notes) != len(c.wantNotes) {
				t.Fatalf("notes %q, want %d starting %q", notes, len(c.wantNotes), c.wantNotes)
			}
			for i, n := range notes {
				// paths are relative to the (fake) root: the temp dir is outside it
				n = strings.Replace(n, filepath.ToSlash(snapDir), "snapshots", 1)
				if !strings.HasPrefix(n, c.wantNotes[i]) {
					t.Errorf("note %d = %q, want it to start with %q", i, n, c.wantNotes[i])
				}
			}
			for name := range setup {
				f, err := snapshots.ReadFile(filepath.Join(snapDir, "sqs", name+".snapshot.json"))
				if err != nil {
					t.Fatal(err)
				}
				var left []string
				for id := range f {
					left = append(left, id)
				}
				sort.Strings(left)
				want := append([]string(nil), c.wantLeft[name]...)
				sort.Strings(want)
				if !reflect.DeepEqual(left, want) {
					t.Errorf("%s: entries %v, want %v", name, left, want)
				}
			}
			if _, err := os.Stat(filepath.Join(snapDir, "sqs", "clean.snapshot.json")); !os.IsNotExist(err) {
				t.Errorf("a file that never existed appeared (%v)", err)
			}
		})
	}
}
