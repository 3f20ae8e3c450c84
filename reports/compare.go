package reports

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
)

// Regression is something that passed in the base report and does not now.
type Regression struct {
	Kind string `json:"kind"` // "spec" or "operation"
	// Scope is the suite of a spec or the service of an operation.
	Scope string `json:"scope"`
	Name  string `json:"name"` // spec id or operation name
	Was   string `json:"was"`  // "passed" / "passing"
	// Now is the current state, or "missing" when the spec or operation
	// is no longer reported.
	Now string `json:"now"`
}

func (r Regression) String() string {
	return fmt.Sprintf("%s %s/%s: %s → %s", r.Kind, r.Scope, r.Name, r.Was, r.Now)
}

// Comparison is the difference between a base report and the current one.
type Comparison struct {
	Base        string       `json:"base"`
	Regressions []Regression `json:"regressions"`
	// Fixed lists what did not pass in the base and passes now.
	Fixed []Regression `json:"fixed"`
}

// Compare lists regressions and fixes from base to cur: a spec that passed
// in base and now failed, is skipped or is missing; an operation that was
// passing and is now failing, no longer exercised or no longer implemented.
func Compare(base, cur *Coverage) *Comparison {
	c := &Comparison{Regressions: []Regression{}, Fixed: []Regression{}}
	now := map[string]string{}
	for _, s := range cur.SpecResults {
		now[s.Suite+"\x00"+s.Spec] = s.State
	}
	was := map[string]bool{}
	for _, s := range base.SpecResults {
		k := s.Suite + "\x00" + s.Spec
		was[k] = s.State == StatePassed
		st, ok := now[k]
		if !ok {
			st = "missing"
		}
		if s.State == StatePassed && st != StatePassed {
			c.Regressions = append(c.Regressions, Regression{Kind: "spec", Scope: s.Suite, Name: s.Spec, Was: s.State, Now: st})
		}
	}
	for _, s := range cur.SpecResults {
		if s.State == StatePassed && !was[s.Suite+"\x00"+s.Spec] {
			c.Fixed = append(c.Fixed, Regression{Kind: "spec", Scope: s.Suite, Name: s.Spec, Was: stateIn(base, s.Suite, s.Spec), Now: s.State})
		}
	}

	curOps := operationStatus(cur)
	baseOps := operationStatus(base)
	for k, st := range baseOps {
		n, ok := curOps[k]
		if !ok {
			n = "missing"
		}
		if st == StatusPassing && n != StatusPassing {
			c.Regressions = append(c.Regressions, Regression{Kind: "operation", Scope: k[0], Name: k[1], Was: st, Now: n})
		}
	}
	for k, st := range curOps {
		b, ok := baseOps[k]
		if !ok {
			b = "missing"
		}
		if st == StatusPassing && b != StatusPassing {
			c.Fixed = append(c.Fixed, Regression{Kind: "operation", Scope: k[0], Name: k[1], Was: b, Now: st})
		}
	}
	sortRegressions(c.Regressions)
	sortRegressions(c.Fixed)
	return c
}

func stateIn(cov *Coverage, suite, spec string) string {
	for _, s := range cov.SpecResults {
		if s.Suite == suite && s.Spec == spec {
			return s.State
		}
	}
	return "missing"
}

func operationStatus(cov *Coverage) map[[2]string]string {
	m := map[[2]string]string{}
	for _, s := range cov.Services {
		for _, op := range s.Operations {
			m[[2]string{s.Name, op.Name}] = op.Status
		}
	}
	return m
}

func sortRegressions(rs []Regression) {
	sort.Slice(rs, func(i, j int) bool {
		a, b := rs[i], rs[j]
		if a.Kind != b.Kind {
			return a.Kind > b.Kind // specs first
		}
		if a.Scope != b.Scope {
			return a.Scope < b.Scope
		}
		return a.Name < b.Name
	})
}

// LoadBase reads the base of a comparison: a coverage.json file, a report
// directory holding one, or a run directory (built against den).
func LoadBase(path string, den Denominator) (*Coverage, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("compare base: %w", err)
	}
	file := path
	if st.IsDir() {
		file = filepath.Join(path, "coverage.json")
		if _, err := os.Stat(file); errors.Is(err, os.ErrNotExist) {
			in, err := ReadDir(path)
			if err != nil {
				return nil, fmt.Errorf("compare base %s: neither a report (no coverage.json) nor a run directory: %w", path, err)
			}
			return Build(in, den), nil
		}
	}
	return ReadCoverage(file)
}

// ReadCoverage parses a coverage.json file.
func ReadCoverage(file string) (*Coverage, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	var cov Coverage
	if err := json.Unmarshal(data, &cov); err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	if cov.SchemaVersion == 0 {
		return nil, fmt.Errorf("%s: no schemaVersion: not a coverage.json", file)
	}
	if cov.SchemaVersion > SchemaVersion {
		return nil, fmt.Errorf("%s: coverage schema version %d is newer than this report generator (%d)", file, cov.SchemaVersion, SchemaVersion)
	}
	return &cov, nil
}
