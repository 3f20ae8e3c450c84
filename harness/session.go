package harness

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	. "github.com/onsi/ginkgo/v2"
	"github.com/onsi/ginkgo/v2/types"

	"github.com/parity-harness/parity/harness/runlog"
	"github.com/parity-harness/parity/snapshots"
	"github.com/parity-harness/parity/transformers"
)

// Session is the snapshot session of one spec: the keys it matched, its
// transformers, skipped paths and known divergences. Get it with Snapshot
// inside a spec; every call returns the same session for the same spec.
type Session struct {
	r       *run
	specID  string
	file    string // absolute snapshot file path
	relFile string // file relative to the repository root
	service string

	ctx         *transformers.Context
	own         []transformers.Transformer
	rules       snapshots.Rules
	referenceID string

	keys    []string       // matched keys, in order
	live    map[string]any // key -> transformed document
	names   map[string]bool
	results []runlog.KeyResult
	ref     *runlog.RefResult
	notes   []string // obsolete keys, for the run output
	// divergences are differences at declared divergences, for the run
	// output.
	divergences []string

	recorded       *snapshots.Spec // verify mode: the spec's recording
	recordedLoaded bool
}

// Snapshot returns the snapshot session of the running spec.
func Snapshot() *Session {
	rep := CurrentSpecReport()
	if rep.LeafNodeText == "" && len(rep.ContainerHierarchyTexts) == 0 {
		Fail("harness.Snapshot called outside a running spec (call it inside It)", 1)
	}
	return current().session(rep)
}

// session returns (creating it) the session of the spec rep describes.
func (r *run) session(rep types.SpecReport) *Session {
	id := SpecID(r.root, rep)
	r.mu.Lock()
	defer r.mu.Unlock()
	if s, ok := r.sessions[id]; ok {
		return s
	}
	rel := filepath.Join(r.suite, snapshotFileName(rep))
	s := &Session{
		r:       r,
		specID:  id,
		file:    filepath.Join(r.settings.SnapshotDir, rel),
		service: r.suite,
		live:    map[string]any{},
		names:   map[string]bool{},

		referenceID: referenceFromLabels(rep.Labels()),
	}
	s.relFile = relPath(r.root, s.file)
	r.sessions[id] = s
	return s
}

// snapshotFileName is the name of the snapshot file a spec records into:
// its test file's name without "_test.go", plus ".snapshot.json".
func snapshotFileName(rep types.SpecReport) string {
	return strings.TrimSuffix(filepath.Base(rep.LeafNodeLocation.FileName), "_test.go") + ".snapshot.json"
}

// SpecID is the snapshot id of a spec: "<file relative to the repository
// root>::<container texts>::<spec text>", joined with "::".
func SpecID(root string, rep types.SpecReport) string {
	file := rep.LeafNodeLocation.FileName
	if rel, err := filepath.Rel(root, file); err == nil && !strings.HasPrefix(rel, "..") {
		file = filepath.ToSlash(rel)
	}
	parts := append([]string{file}, rep.ContainerHierarchyTexts...)
	return strings.Join(append(parts, rep.LeafNodeText), "::")
}

// currentSpecID is the id of the running spec, "" outside specs.
func currentSpecID() string {
	rep := CurrentSpecReport()
	if rep.LeafNodeText == "" {
		return ""
	}
	return SpecID(current().root, rep)
}

// ID returns the spec id the session records under.
func (s *Session) ID() string { return s.specID }

// File returns the snapshot file of the session, relative to the
// repository root.
func (s *Session) File() string { return s.relFile }

// Reference declares the AWS reference recording this spec reproduces (its
// test id, e.g. "tests/aws/services/sqs/test_sqs.py::TestSqsProvider::test_create_queue[sqs]").
// In reference mode the spec's keys are compared with it. Prefer the
// harness.Reference decorator on the It: `parity reference` runs only the
// specs it labels.
func (s *Session) Reference(id string) *Session {
	s.referenceID = id
	return s
}

// Transform adds transformers that run before the service preset and the
// defaults for every key matched after the call.
func (s *Session) Transform(ts ...transformers.Transformer) *Session {
	s.own = append(s.own, ts...)
	return s
}

// SkipVerify excludes a path (selector syntax, e.g. "$..Attributes.Policy")
// from every comparison of this spec, with the reason.
func (s *Session) SkipVerify(path, reason string) *Session {
	s.checkPath(path)
	s.rules.Skip = append(s.rules.Skip, snapshots.Skip{Path: path, Reason: reason})
	return s
}

// Divergence declares that target (a kind: "moto", "aws", "emulator") is
// known to differ from AWS at path: where the recording or the live target
// is of that kind, differences there are reported, not failed.
func (s *Session) Divergence(target, path, reason string) *Session {
	s.checkPath(path)
	s.rules.Divergences = append(s.rules.Divergences, snapshots.Divergence{Target: target, Path: path, Reason: reason})
	return s
}

func (s *Session) checkPath(path string) {
	if _, err := transformers.ParseSelector(path); err != nil {
		Fail(fmt.Sprintf("snapshot path %q: %v", path, err), 2)
	}
}

// Match normalises an SDK output or error (see Normalize) — or any other
// value, such as a message body or an item (see NormalizeValue) —
// transforms it and, depending on the mode, keeps it for recording, compares it with the
// recording (failing the spec with a diff naming spec, key and path) or
// with the AWS reference recording.
func (s *Session) Match(key string, outputOrError any) {
	GinkgoHelper()
	if _, dup := s.live[key]; dup {
		Fail(fmt.Sprintf("snapshot key %q matched twice in spec %q: keys must be unique within a spec", key, s.specID))
	}
	doc, err := s.transform(outputOrError)
	if err != nil {
		Fail(fmt.Sprintf("snapshot key %q: %v", key, err))
	}
	s.keys = append(s.keys, key)
	s.live[key] = doc
	if s.r.settings.Mode != ModeVerify {
		return
	}
	rec := s.recording()
	if rec == nil {
		Fail(fmt.Sprintf("no snapshot for key %q: spec %q has no recording in %s: run %s", key, s.specID, s.relFile, s.recordCommand()))
	}
	if _, ok := rec.RecordedContent[key]; !ok {
		Fail(fmt.Sprintf("no snapshot for key %q: spec %q in %s does not record it: run %s", key, s.specID, s.relFile, s.recordCommand()))
	}
	res, err := snapshots.Verify(rec, s.live, s.verifyRules(rec.TargetKind()))
	if err != nil {
		Fail(fmt.Sprintf("snapshot key %q: %v", key, err))
	}
	for _, kr := range res.Keys {
		if kr.Key == key && kr.State == snapshots.StateMismatched {
			Fail(snapshots.Result{Keys: []snapshots.KeyResult{kr}}.Report(s.specID) + "snapshot file: " + s.relFile)
		}
	}
}

// recordCommand is the command that records this spec.
func (s *Session) recordCommand() string {
	leaf := s.specID[strings.LastIndex(s.specID, "::")+2:]
	return fmt.Sprintf("`parity record --target http://127.0.0.1:5000 --suite %s --focus '%s'` (moto_server -p 5000)", s.service, strings.ReplaceAll(regexp.QuoteMeta(leaf), "'", "."))
}

// transform normalises v and runs the transformers with the session's
// reference table.
func (s *Session) transform(v any) (any, error) {
	var norm any
	var err error
	if v == nil || isSDKResult(v) {
		norm, err = Normalize(v)
	} else {
		norm, err = NormalizeValue(v)
	}
	if err != nil {
		return nil, err
	}
	doc, err := transformers.FromValue(norm)
	if err != nil {
		return nil, err
	}
	if s.ctx == nil {
		s.ctx = transformers.NewContext(s.r.env())
	}
	s.registerNames(doc)
	return transformers.Apply(doc, s.ctx, transformers.Standard(s.service, s.own...)...), nil
}

// registerNames makes the UniqueName values occurring in doc references, in
// the order they were generated, so they get stable placeholders.
func (s *Session) registerNames(doc any) {
	data, err := json.Marshal(doc)
	if err != nil {
		return
	}
	text := string(data)
	s.r.mu.Lock()
	names := append([]string(nil), s.r.names...)
	s.r.mu.Unlock()
	for _, n := range names {
		if !s.names[n] && strings.Contains(text, n) {
			s.names[n] = true
			s.ctx.Reference("resource", n)
		}
	}
}

// verifyRules are the session's rules for a recording of recordedKind:
// divergences of the live target apply too.
func (s *Session) verifyRules(recordedKind string) snapshots.Rules {
	rules := snapshots.Rules{Skip: s.rules.Skip, Target: recordedKind}
	live := ""
	if s.r.tgt != nil {
		live = s.r.tgt.Kind
	}
	for _, d := range s.rules.Divergences {
		rules.Divergences = append(rules.Divergences, d)
		if d.Target == live && live != recordedKind {
			d.Target = recordedKind
			rules.Divergences = append(rules.Divergences, d)
		}
	}
	return rules
}

// recording loads (once) the spec's recorded snapshot; nil when none.
func (s *Session) recording() *snapshots.Spec {
	if !s.recordedLoaded {
		s.recordedLoaded = true
		f, err := snapshots.ReadFile(s.file)
		if err != nil {
			Fail(fmt.Sprintf("snapshot file %s: %v (re-record it with `parity record`)", s.relFile, err))
		}
		s.recorded = f[s.specID]
	}
	return s.recorded
}

// finish runs after the spec body: it records (record mode), reports
// obsolete keys (verify mode) or checks the reference (reference mode).
func (s *Session) finish(passed bool) {
	switch s.r.settings.Mode {
	case ModeRecord:
		s.record(passed)
	case ModeVerify:
		s.verifyAll()
	case ModeReference:
		s.checkReference()
	}
}

// record writes the spec's keys. Recorded keys the spec no longer produces
// are dropped only when the spec passed.
func (s *Session) record(passed bool) {
	if len(s.keys) == 0 {
		return
	}
	old, err := snapshots.ReadFile(s.file)
	if err != nil {
		Fail(fmt.Sprintf("snapshot file %s: %v", s.relFile, err))
	}
	content := map[string]any{}
	var obsolete []string
	if prev := old[s.specID]; prev != nil {
		for k, v := range prev.RecordedContent {
			if _, ok := s.live[k]; !ok {
				obsolete = append(obsolete, k)
				if !passed {
					content[k] = v
				}
			}
		}
	}
	sort.Strings(obsolete)
	for k, v := range s.live {
		content[k] = v
	}
	t := s.r.tgt
	spec := snapshots.NewSpec(content, snapshots.Provenance{
		Target:   t.Kind,
		Endpoint: t.HostClass,
		Region:   t.Region,
		SDK:      sdkVersion(),
	}, nowUTC())
	if _, err := snapshots.Write(s.file, s.specID, spec); err != nil {
		Fail(fmt.Sprintf("recording spec %q: %v", s.specID, err))
	}
	for _, k := range s.keys {
		s.results = append(s.results, runlog.KeyResult{Key: k, State: "recorded", Provenance: t.Kind})
	}
	for _, k := range obsolete {
		state := "dropped"
		if !passed {
			state = "kept (the spec failed)"
		}
		s.notes = append(s.notes, fmt.Sprintf("obsolete snapshot key %q of spec %q in %s: %s", k, s.specID, s.relFile, state))
		s.results = append(s.results, runlog.KeyResult{Key: k, State: snapshots.StateObsolete})
	}
}

// verifyAll compares every key once more (bindings across all keys) and
// notes obsolete keys and divergences.
func (s *Session) verifyAll() {
	rec := s.recording()
	if rec == nil {
		return
	}
	res, err := snapshots.Verify(rec, s.live, s.verifyRules(rec.TargetKind()))
	if err != nil {
		return
	}
	s.results = keyResults(res, rec.TargetKind())
	for _, kr := range res.Keys {
		if kr.State == snapshots.StateObsolete {
			s.notes = append(s.notes, fmt.Sprintf("obsolete snapshot key %q of spec %q in %s: recorded, no longer produced (`parity record` drops it)", kr.Key, s.specID, s.relFile))
		}
		for _, d := range kr.Divergences {
			s.divergences = append(s.divergences, fmt.Sprintf("divergence in spec %q, key %q: %s", s.specID, kr.Key, d))
		}
	}
	if !res.OK() && !CurrentSpecReport().Failed() {
		Fail(res.Report(s.specID) + "snapshot file: " + s.relFile)
	}
}

func keyResults(res snapshots.Result, provenance string) []runlog.KeyResult {
	out := make([]runlog.KeyResult, 0, len(res.Keys))
	for _, kr := range res.Keys {
		k := runlog.KeyResult{Key: kr.Key, State: kr.State, Provenance: provenance, Diff: diffText(kr)}
		for _, d := range kr.Divergences {
			k.Divergences = append(k.Divergences, d.String())
		}
		out = append(out, k)
	}
	return out
}

func diffText(kr snapshots.KeyResult) string {
	if kr.State != snapshots.StateMismatched {
		return ""
	}
	var b strings.Builder
	for _, d := range kr.Diffs {
		b.WriteString(d.String())
		b.WriteByte('\n')
	}
	b.WriteString(kr.Diff)
	return b.String()
}
