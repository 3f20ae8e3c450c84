package harness

import (
	"fmt"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/onsi/ginkgo/v2/types"

	"github.com/parity-harness/parity/snapshots"
)

// NotePrefix starts a line a suite prints about the whole suite rather than
// one spec (orphan snapshot entries); the runner shows the text after it
// behind the suite's name.
const NotePrefix = "@parity-note "

// suiteIndex is what a snapshot entry is checked against: the suite's
// package directory and its specs.
type suiteIndex struct {
	// dir is the suite's package directory relative to the repository root
	// (e.g. "suites/sqs"); entries of specs of other directories that share
	// the snapshot directory are not the suite's to judge.
	dir string
	// specs maps the id of every spec of the suite to the name of the
	// snapshot file it records into.
	specs map[string]string
}

// indexSuite indexes the suite the report describes, whose package is in
// dir: the Ginkgo report lists the specs that --focus, labels or the shard
// left out too, so the index does not depend on what ran.
func indexSuite(root, dir string, rep types.Report) suiteIndex {
	ix := suiteIndex{dir: dir, specs: map[string]string{}}
	for _, sr := range rep.SpecReports {
		if sr.LeafNodeType == types.NodeTypeIt {
			ix.specs[SpecID(root, sr)] = snapshotFileName(sr)
		}
	}
	return ix
}

// orphan reports whether the entry id of the snapshot file named file
// belongs to the suite's directory but records no spec of the suite: no
// spec has that id (renamed, moved or deleted), or the spec records into
// another file.
func (ix suiteIndex) orphan(id, file string) bool {
	specFile, _, _ := strings.Cut(id, "::")
	return path.Dir(specFile) == ix.dir && ix.specs[id] != file
}

// orphanEntries returns, sorted, the ids of the orphan entries of the
// snapshot file named file.
func (ix suiteIndex) orphanEntries(f snapshots.File, file string) []string {
	var out []string
	for id := range f {
		if ix.orphan(id, file) {
			out = append(out, id)
		}
	}
	sort.Strings(out)
	return out
}

// prunable reports whether record may remove the entry id of the snapshot
// file named file: it is an orphan and was recorded before this run started
// (an entry written during the run comes from a concurrent record of a
// newer build of the suite, whose spec this build may not have yet).
func (ix suiteIndex) prunable(id, file string, s *snapshots.Spec, started time.Time) bool {
	if !ix.orphan(id, file) {
		return false
	}
	if started.IsZero() || s == nil || s.Provenance == nil {
		return true
	}
	at, err := time.Parse(time.RFC3339, s.Provenance.RecordedAt)
	return err != nil || at.Before(started.Truncate(time.Second))
}

// orphanNote is the one line about the orphan entries of one snapshot file.
func orphanNote(relFile, suite string, ids []string, pruned bool) string {
	quoted := make([]string, len(ids))
	for i, id := range ids {
		quoted[i] = fmt.Sprintf("%q", id)
	}
	what, it := "orphan snapshot entry", "it"
	if len(ids) > 1 {
		what, it = fmt.Sprintf("%d orphan snapshot entries", len(ids)), "them"
	}
	if pruned {
		return fmt.Sprintf("note: %s: pruned %s %s (no spec of suite %s records it there)", relFile, what, strings.Join(quoted, ", "), suite)
	}
	return fmt.Sprintf("warning: %s: %s %s (no spec of suite %s records it there): `parity record --suite %s` prunes %s",
		relFile, what, strings.Join(quoted, ", "), suite, suite, it)
}

// checkOrphans runs after the suite, whose package is in dir (relative to
// the repository root): record prunes the snapshot entries of specs that no
// longer exist, replay warns about them. It returns one note per snapshot
// file with such entries.
func (r *run) checkOrphans(rep types.Report, dir string) ([]string, error) {
	if r.settings.Mode != ModeRecord && r.settings.Mode != ModeVerify {
		return nil, nil
	}
	ix := indexSuite(r.root, dir, rep)
	files, err := filepath.Glob(filepath.Join(r.settings.SnapshotDir, r.suite, "*.snapshot.json"))
	if err != nil {
		return nil, err
	}
	var notes []string
	for _, file := range files {
		name := filepath.Base(file)
		var ids []string
		if r.settings.Mode == ModeRecord {
			ids, err = snapshots.Prune(file, func(id string, s *snapshots.Spec) bool {
				return ix.prunable(id, name, s, r.settings.RunStarted)
			})
		} else {
			var f snapshots.File
			if f, err = snapshots.ReadFile(file); err == nil {
				ids = ix.orphanEntries(f, name)
			}
		}
		if err != nil {
			return notes, err
		}
		if len(ids) > 0 {
			notes = append(notes, orphanNote(relPath(r.root, file), r.suite, ids, r.settings.Mode == ModeRecord))
		}
	}
	return notes, nil
}

// suiteNote prints a note about the whole suite for the runner (or plainly
// when the suite runs without it).
func (r *run) suiteNote(text string) {
	if r.settings.Progress {
		fmt.Fprintf(os.Stdout, "\n%s%s\n", NotePrefix, text)
		return
	}
	fmt.Fprintln(os.Stdout, text)
}
