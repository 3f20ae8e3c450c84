package reports

import (
	"math"
	"sort"
	"strconv"
	"time"

	"github.com/parity-harness/parity/emulator/model"
	"github.com/parity-harness/parity/emulator/services"
	"github.com/parity-harness/parity/harness/runlog"
)

// Denominator is what coverage is measured against: the modeled services
// and the operations the emulator implements.
type Denominator struct {
	Catalog     map[string]model.CatalogService
	Implemented map[string][]string // model name → operations
}

// DefaultDenominator reads the generated API models and the emulator's
// service registry.
func DefaultDenominator() (Denominator, error) {
	c, err := model.Catalog()
	if err != nil {
		return Denominator{}, err
	}
	return Denominator{Catalog: c, Implemented: services.Implemented()}, nil
}

// opAcc accumulates what the inputs say about one operation.
type opAcc struct {
	client, server   CallStats
	clientSpecs      map[string]bool
	params, errors   map[string]bool
	specs            SpecCounts
	provenance       map[string]bool
	matchedKeys      int
	refOK, refBad    map[string]bool
	hasFailed, hasOK bool
}

func newOpAcc() *opAcc {
	return &opAcc{clientSpecs: map[string]bool{}, params: map[string]bool{}, errors: map[string]bool{},
		provenance: map[string]bool{}, refOK: map[string]bool{}, refBad: map[string]bool{}}
}

type opKey struct{ service, operation string }

// Build computes the coverage of the inputs against the denominator. The
// result is deterministic: every list is sorted.
func Build(in *Inputs, den Denominator) *Coverage {
	// Merging a single input sorts it and resolves duplicate specs.
	in = Merge(in)
	cov := &Coverage{SchemaVersion: SchemaVersion, Runs: []Run{}, Suites: []Suite{}, Services: []Service{}, SpecResults: []SpecResult{}}
	var latest time.Time
	for _, r := range in.Runs {
		cov.Runs = append(cov.Runs, Run{Mode: r.Mode, Target: r.Target, TargetKind: r.TargetKind, Suites: r.Suites,
			Shard: r.Shard, Started: r.Started.UTC(), Finished: r.Finished.UTC(), Version: r.Version})
		if r.Finished.After(latest) {
			latest = r.Finished.UTC()
		}
	}
	if !latest.IsZero() {
		cov.GeneratedAt = &latest
	}

	accs := map[opKey]*opAcc{}
	acc := func(k opKey) *opAcc {
		a := accs[k]
		if a == nil {
			a = newOpAcc()
			accs[k] = a
		}
		return a
	}
	unmodeled := map[UnmodeledCall]int{}
	known := func(service, op string) bool {
		s, ok := den.Catalog[service]
		if !ok {
			return false
		}
		_, ok = s.Operations[op]
		return ok
	}

	// Client calls: which spec exercised which operation.
	specOps := map[string]map[opKey]bool{}
	for _, c := range in.Calls {
		k := opKey{c.Service, c.Operation}
		if !known(c.Service, c.Operation) {
			unmodeled[UnmodeledCall{Service: c.Service, Operation: c.Operation, Source: "client"}]++
			continue
		}
		a := acc(k)
		a.client.Calls++
		if c.Status >= 300 || c.ErrorCode != "" {
			a.client.Errors++
		}
		if c.ErrorCode != "" {
			a.errors[c.ErrorCode] = true
		}
		for _, p := range c.Params {
			a.params[p] = true
		}
		id := specID(c.Suite, c.Spec)
		a.clientSpecs[id] = true
		if specOps[id] == nil {
			specOps[id] = map[opKey]bool{}
		}
		specOps[id][k] = true
	}
	for _, e := range in.Server {
		if !known(e.Service, e.Operation) {
			unmodeled[UnmodeledCall{Service: e.Service, Operation: e.Operation, Source: "server"}]++
			continue
		}
		a := acc(opKey{e.Service, e.Operation})
		a.server.Calls++
		if e.Status >= 300 || e.ErrorCode != "" {
			a.server.Errors++
		}
		if e.ErrorCode != "" {
			a.errors[e.ErrorCode] = true
		}
		for _, p := range e.Params {
			a.params[p] = true
		}
	}

	// Spec outcomes, attributed to the operations each spec called.
	suites := map[string]*Suite{}
	for _, r := range in.Results {
		sr := specResult(r)
		ops := specOps[specID(r.Suite, r.Spec)]
		for k := range ops {
			sr.Operations = append(sr.Operations, k.service+":"+k.operation)
		}
		sort.Strings(sr.Operations)
		cov.SpecResults = append(cov.SpecResults, sr)

		s := suites[r.Suite]
		if s == nil {
			s = &Suite{Name: r.Suite}
			suites[r.Suite] = s
		}
		countSpec(&s.Specs, r.State)
		s.DurationMs += r.Duration
		countSpec(&cov.Specs, r.State)

		matched, prov := matchedKeys(r.Keys)
		refID, refOK := referenceOutcome(r.Reference)
		for k := range ops {
			a := acc(k)
			countSpec(&a.specs, r.State)
			switch r.State {
			case StateFailed:
				a.hasFailed = true
			case StatePassed:
				a.hasOK = true
				if matched > 0 {
					a.matchedKeys += matched
					for _, p := range prov {
						a.provenance[p] = true
					}
				}
			}
			if refID != "" {
				if refOK && r.State != StateFailed {
					a.refOK[refID] = true
				} else {
					a.refBad[refID] = true
				}
			}
		}
	}
	sort.Slice(cov.SpecResults, func(i, j int) bool {
		a, b := cov.SpecResults[i], cov.SpecResults[j]
		if a.Suite != b.Suite {
			return a.Suite < b.Suite
		}
		return a.Spec < b.Spec
	})
	for _, s := range suites {
		s.DurationMs = round2(s.DurationMs)
		cov.Suites = append(cov.Suites, *s)
	}
	sort.Slice(cov.Suites, func(i, j int) bool { return cov.Suites[i].Name < cov.Suites[j].Name })

	implemented := map[opKey]bool{}
	for svc, ops := range den.Implemented {
		for _, op := range ops {
			if !known(svc, op) {
				unmodeled[UnmodeledCall{Service: svc, Operation: op, Source: "registry"}]++
				continue
			}
			implemented[opKey{svc, op}] = true
		}
	}

	names := make([]string, 0, len(den.Catalog))
	for n := range den.Catalog {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, name := range names {
		cs := den.Catalog[name]
		svc := Service{Name: name, ServiceID: cs.ServiceID, Protocol: cs.Protocol, Operations: []Operation{}}
		opNames := make([]string, 0, len(cs.Operations))
		for op := range cs.Operations {
			opNames = append(opNames, op)
		}
		sort.Strings(opNames)
		for _, opName := range opNames {
			k := opKey{name, opName}
			op := operation(opName, cs.Operations[opName], implemented[k], accs[k])
			addTotals(&svc.Totals, op)
			svc.Operations = append(svc.Operations, op)
		}
		svc.Served = svc.Totals.Implemented > 0
		finishTotals(&svc.Totals)
		addServiceTotals(&cov.Totals, svc.Totals)
		cov.Totals.Services++
		if svc.Served {
			cov.Totals.ServedServices++
		}
		cov.Services = append(cov.Services, svc)
	}
	finishTotals(&cov.Totals)

	for u, n := range unmodeled {
		u.Calls = n
		cov.Unmodeled = append(cov.Unmodeled, u)
	}
	sort.Slice(cov.Unmodeled, func(i, j int) bool {
		a, b := cov.Unmodeled[i], cov.Unmodeled[j]
		if a.Service != b.Service {
			return a.Service < b.Service
		}
		if a.Operation != b.Operation {
			return a.Operation < b.Operation
		}
		return a.Source < b.Source
	})
	return cov
}

func operation(name string, cat model.CatalogOperation, implemented bool, a *opAcc) Operation {
	op := Operation{Name: name, Implemented: implemented,
		Params: MemberSet{Modeled: len(cat.Input)}, Errors: MemberSet{Modeled: len(cat.Errors)}}
	if a != nil {
		op.Exercised = a.client
		op.Exercised.Specs = sortedKeys(a.clientSpecs)
		op.Server = a.server
		op.Specs = a.specs
		op.Params.Exercised, op.Params.Unmodeled = split(a.params, cat.Input)
		op.Errors.Exercised, op.Errors.Unmodeled = split(a.errors, cat.Errors)
		if a.hasOK && a.matchedKeys > 0 {
			op.Snapshot = SnapshotCheck{Verified: true, Provenance: sortedKeys(a.provenance), Keys: a.matchedKeys}
		}
		op.Reference = ReferenceCheck{Verified: len(a.refOK) > 0, Recordings: sortedKeys(a.refOK), Mismatched: sortedKeys(a.refBad)}
	}
	switch {
	case a != nil && a.hasFailed:
		op.Status = StatusFailing
	case a != nil && a.hasOK:
		op.Status = StatusPassing
	case a != nil && op.Specs.Total > 0:
		op.Status = StatusSkipped
	case implemented:
		op.Status = StatusUntested
	default:
		op.Status = StatusUnimplemented
	}
	return op
}

func addTotals(t *Totals, op Operation) {
	t.Operations++
	if op.Implemented {
		t.Implemented++
	}
	if op.Exercised.Calls > 0 {
		t.Exercised++
	}
	switch op.Status {
	case StatusPassing:
		t.Passing++
		if op.Snapshot.Verified {
			t.Verified++
		}
	case StatusFailing:
		t.Failing++
	}
	if op.Snapshot.Verified {
		t.SnapshotVerified++
	}
	if op.Reference.Verified {
		t.ReferenceVerified++
	}
	if op.Server.Calls > 0 {
		t.ServerSeen++
	}
	t.Params.Modeled += op.Params.Modeled
	t.Params.Exercised += len(op.Params.Exercised)
	t.Errors.Modeled += op.Errors.Modeled
	t.Errors.Exercised += len(op.Errors.Exercised)
}

func addServiceTotals(t *Totals, s Totals) {
	t.Operations += s.Operations
	t.Implemented += s.Implemented
	t.Exercised += s.Exercised
	t.Passing += s.Passing
	t.Failing += s.Failing
	t.Verified += s.Verified
	t.SnapshotVerified += s.SnapshotVerified
	t.ReferenceVerified += s.ReferenceVerified
	t.ServerSeen += s.ServerSeen
	t.Params.Modeled += s.Params.Modeled
	t.Params.Exercised += s.Params.Exercised
	t.Errors.Modeled += s.Errors.Modeled
	t.Errors.Exercised += s.Errors.Exercised
}

func finishTotals(t *Totals) {
	t.ImplementedPct = pct(t.Implemented, t.Operations)
	t.VerifiedPct = pct(t.Verified, t.Operations)
	t.ParityPct = pct(t.Verified, t.Implemented)
}

// pct is n/d in percent with two decimals; 0 when d is 0.
func pct(n, d int) float64 {
	if d == 0 {
		return 0
	}
	return round2(100 * float64(n) / float64(d))
}

func round2(f float64) float64 { return math.Round(f*100) / 100 }

func countSpec(c *SpecCounts, state string) {
	c.Total++
	switch state {
	case StatePassed:
		c.Passed++
	case StateFailed:
		c.Failed++
	default:
		c.Skipped++
	}
}

// matchedKeys counts a spec's matched snapshot keys and their provenances.
func matchedKeys(keys []runlog.KeyResult) (int, []string) {
	n := 0
	var prov []string
	for _, k := range keys {
		if k.State != "matched" {
			continue
		}
		n++
		p := k.Provenance
		if p == "" {
			p = "unknown"
		}
		prov = append(prov, p)
	}
	return n, prov
}

// referenceOutcome returns the recording id and whether every key matched.
func referenceOutcome(r *runlog.RefResult) (string, bool) {
	if r == nil || r.ID == "" {
		return "", false
	}
	if len(r.Keys) == 0 {
		return r.ID, false
	}
	for _, k := range r.Keys {
		if k.State != "matched" {
			return r.ID, false
		}
	}
	return r.ID, true
}

func specResult(r runlog.SpecResult) SpecResult {
	sr := SpecResult{Suite: r.Suite, Spec: r.Spec, File: r.File, State: r.State, DurationMs: r.Duration,
		Failure: r.Failure, Labels: r.Labels, Keys: keyResults(r.Keys)}
	if r.Reference != nil {
		sr.Reference = &Reference{ID: r.Reference.ID, Keys: keyResults(r.Reference.Keys)}
		if sr.Reference.Keys == nil {
			sr.Reference.Keys = []KeyResult{}
		}
	}
	return sr
}

func keyResults(in []runlog.KeyResult) []KeyResult {
	if len(in) == 0 {
		return nil
	}
	out := make([]KeyResult, len(in))
	for i, k := range in {
		out[i] = KeyResult{Key: k.Key, State: k.State, Provenance: k.Provenance, Diff: k.Diff}
	}
	return out
}

// split separates seen names into modeled and unmodeled, both sorted.
func split(seen map[string]bool, modeled []string) (in, out []string) {
	m := map[string]bool{}
	for _, n := range modeled {
		m[n] = true
	}
	for n := range seen {
		if m[n] {
			in = append(in, n)
		} else {
			out = append(out, n)
		}
	}
	sort.Strings(in)
	sort.Strings(out)
	return in, out
}

func sortedKeys(m map[string]bool) []string {
	if len(m) == 0 {
		return nil
	}
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func specID(suite, spec string) string { return suite + "/" + spec }

func itoa(n int) string { return strconv.Itoa(n) }
