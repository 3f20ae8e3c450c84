package harness

import (
	"fmt"
	"os"
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

// suiteSpecs maps the id of every spec of the suite the report describes to
// the name of the snapshot file it records into: the Ginkgo report lists
// the specs that --focus, labels or the shard left out too, so the map does
// not depend on what ran.
func suiteSpecs(root string, rep types.Report) map[string]string {
	specs := map[string]string{}
	for _, sr := range rep.SpecReports {
		if sr.LeafNodeType == types.NodeTypeIt {
			specs[SpecID(root, sr)] = snapshotFileName(sr)
		}
	}
	return specs
}

// orphan reports whether the entry id of the snapshot file named file
// records no spec of the suite: no spec has that id, or the spec records
// into another file.
func orphan(id, file string, specs map[string]string) bool {
	return specs[id] != file
}

// orphanEntries returns, sorted, the ids of the entries of the snapshot
// file named file that record no spec of the suite.
func orphanEntries(f snapshots.File, file string, specs map[string]string) []string {
	var out []string
	for id := range f {
		if orphan(id, file, specs) {
			out = append(out, id)
		}
	}
	sort.Strings(out)
	return out
}

// prunable reports whether record may remove the entry id of the snapshot
// file named file: it is an orphan and was recorded before this run started (an entry written
// during the run comes from a concurrent record of a newer build of the
// suite, whose spec this build may not have yet).
func prunable(id, file string, s *snapshots.Spec, specs map[string]string, started time.Time) bool {
	if !orphan(id, file, specs) {
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

// checkOrphans runs after the suite: record prunes the snapshot entries of
// specs that no longer exist, replay warns about them. It returns one note
// per snapshot file with such entries.
func (r *run) checkOrphans(rep types.Report) ([]string, error) {
	if r.settings.Mode != ModeRecord && r.settings.Mode != ModeVerify {
		return nil, nil
	}
	specs := suiteSpecs(r.root, rep)
	files, err := filepath.Glob(filepath.Join(r.settings.SnapshotDir, r.suite, "*.snapshot.json"))
	if err != nil {
		return nil, err
	}
	var notes []string
	for _, path := range files {
		name := filepath.Base(path)
		var ids []string
		if r.settings.Mode == ModeRecord {
			ids, err = snapshots.Prune(path, func(id string, s *snapshots.Spec) bool {
				return prunable(id, name, s, specs, r.settings.RunStarted)
			})
		} else {
			var f snapshots.File
			if f, err = snapshots.ReadFile(path); err == nil {
				ids = orphanEntries(f, name, specs)
			}
		}
		if err != nil {
			return notes, err
		}
		if len(ids) > 0 {
			notes = append(notes, orphanNote(relPath(r.root, path), r.suite, ids, r.settings.Mode == ModeRecord))
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
