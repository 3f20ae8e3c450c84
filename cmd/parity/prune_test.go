package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parity-harness/parity/snapshots"
)

// TestRecordPrunesOrphanEntries plants the entries of a renamed spec and of
// a deleted test file in a recording: replay warns about each file, a record
// focused on no spec at all removes them and leaves every other entry as it
// was.
func TestRecordPrunesOrphanEntries(t *testing.T) {
	url := startMoto(t)
	root := t.TempDir()
	record(t, url, root)
	path := filepath.Join(root, snapshotName)
	f, err := snapshots.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	ids := f.SpecIDs()
	renamed, gone := ids[0]+" (before its rename)", "harness/testdata/suites/sqs/deleted_test.go::SQS deleted::was here"
	old := *f[ids[0]]
	oldProv := *old.Provenance
	oldProv.RecordedAt = "2020-01-02T03:04:05Z"
	old.Provenance = &oldProv
	if _, err := snapshots.Write(path, renamed, &old); err != nil {
		t.Fatal(err)
	}
	deletedFile := filepath.Join(root, "sqs", "deleted.snapshot.json")
	if _, err := snapshots.Write(deletedFile, gone, &old); err != nil {
		t.Fatal(err)
	}

	out, err := runCommand(t, runTest, "--target", url, "--suite-dir", testSuiteDir, "--snapshot-dir", root, "--focus", "no such spec", "--out", t.TempDir())
	if err != nil {
		t.Fatalf("parity test: %v\n%s", err, out)
	}
	for _, want := range []string{
		"sqs warning: " + filepath.ToSlash(path) + `: orphan snapshot entry "` + renamed + `"`,
		"sqs warning: " + filepath.ToSlash(deletedFile) + `: orphan snapshot entry "` + gone + `"`,
		"`parity record --suite sqs` prunes it",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("parity test output does not say %q:\n%s", want, out)
		}
	}

	before := f
	out, err = runCommand(t, runRecord, "--target", url, "--suite-dir", testSuiteDir, "--suite", "sqs", "--snapshot-dir", root, "--focus", "no such spec", "--out", t.TempDir())
	if err != nil {
		t.Fatalf("parity record: %v\n%s", err, out)
	}
	if !strings.Contains(out, `pruned orphan snapshot entry "`+renamed+`"`) {
		t.Errorf("parity record output does not name the pruned entry:\n%s", out)
	}
	after, err := snapshots.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(after) != len(before) || after[renamed] != nil {
		t.Fatalf("after the record: %v, want the %d specs of the suite", after.SpecIDs(), len(before))
	}
	for _, id := range ids {
		a, b := after[id], before[id]
		if a == nil || a.RecordedDate != b.RecordedDate || *a.Provenance != *b.Provenance {
			t.Errorf("spec %q not kept as recorded: %+v, want %+v", id, a, b)
		}
	}
	if _, err := os.Stat(deletedFile); !os.IsNotExist(err) {
		t.Errorf("the snapshot file of the deleted test file is still there (%v)", err)
	}
}
