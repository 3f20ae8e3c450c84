package reports

import (
	"bytes"
	"encoding/json"
	"sort"
	"strings"

	"github.com/parity-harness/parity/emulator/calllog"
	"github.com/parity-harness/parity/harness/runlog"
)

// Merge unions the records of several runs (typically the shards of one
// run). The result does not depend on the order of its arguments.
//
// A spec reported more than once keeps one result: the most significant
// state wins (failed, then passed, then pending, then skipped; a shard that
// does not own a spec may report it skipped), and among equal states the
// smallest JSON encoding, so the choice is deterministic.
// Client calls and server entries are all kept: shards start their own
// emulator and run disjoint specs, so none is counted twice.
// The reference checks of a `parity reference` run are attached to the
// same specs' results; without a replay result of a spec, the reference
// run's result stands for it.
func Merge(all ...*Inputs) *Inputs {
	out := &Inputs{}
	bySpec := map[string]runlog.SpecResult{}
	refs := map[string]runlog.SpecResult{}
	keep := func(m map[string]runlog.SpecResult, r runlog.SpecResult) {
		k := r.Suite + "\x00" + r.Spec
		if prev, ok := m[k]; !ok || preferResult(r, prev) {
			m[k] = r
		}
	}
	for _, in := range all {
		if in == nil {
			continue
		}
		out.Runs = append(out.Runs, in.Runs...)
		out.Calls = append(out.Calls, in.Calls...)
		out.Server = append(out.Server, in.Server...)
		for _, r := range in.Results {
			keep(bySpec, r)
		}
		for _, r := range in.References {
			keep(refs, r)
		}
	}
	for k, ref := range refs {
		r, ok := bySpec[k]
		if !ok {
			bySpec[k] = ref
			continue
		}
		if ref.Reference != nil {
			r.Reference = ref.Reference
			bySpec[k] = r
		}
	}
	for _, r := range bySpec {
		out.Results = append(out.Results, r)
	}
	sortInputs(out)
	return out
}

// stateRank orders spec states by significance; lower wins a merge.
func stateRank(s string) int {
	switch s {
	case StateFailed:
		return 0
	case StatePassed:
		return 1
	case StatePending:
		return 2
	case StateSkipped:
		return 3
	}
	return 4
}

func preferResult(a, b runlog.SpecResult) bool {
	if ra, rb := stateRank(a.State), stateRank(b.State); ra != rb {
		return ra < rb
	}
	ja, _ := json.Marshal(a)
	jb, _ := json.Marshal(b)
	return bytes.Compare(ja, jb) < 0
}

func sortInputs(in *Inputs) {
	sort.SliceStable(in.Runs, func(i, j int) bool {
		a, b := in.Runs[i], in.Runs[j]
		if !a.Started.Equal(b.Started) {
			return a.Started.Before(b.Started)
		}
		if a.Shard != b.Shard {
			return a.Shard < b.Shard
		}
		return a.Target < b.Target
	})
	sort.Slice(in.Results, func(i, j int) bool {
		a, b := in.Results[i], in.Results[j]
		if a.Suite != b.Suite {
			return a.Suite < b.Suite
		}
		return a.Spec < b.Spec
	})
	sort.SliceStable(in.Calls, func(i, j int) bool { return callKey(in.Calls[i]) < callKey(in.Calls[j]) })
	sort.SliceStable(in.Server, func(i, j int) bool { return entryKey(in.Server[i]) < entryKey(in.Server[j]) })
}

func callKey(c runlog.Call) string {
	return strings.Join([]string{c.Service, c.Operation, c.Suite, c.Spec, itoa(c.Status), c.ErrorCode, strings.Join(c.Params, ",")}, "\x00")
}

func entryKey(e calllog.Entry) string {
	return strings.Join([]string{e.Service, e.Operation, e.Time.UTC().Format("2006-01-02T15:04:05.000000000"), itoa(e.Status), e.ErrorCode, e.RequestID}, "\x00")
}
