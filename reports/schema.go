package reports

import "time"

// SchemaVersion is the version of coverage.json. It is bumped on any change
// that removes or renames a field or changes a field's meaning; adding a
// field keeps it. See SCHEMA.md.
const SchemaVersion = 1

// Spec states as written by the harness (runlog.SpecResult.State).
const (
	StatePassed  = "passed"
	StateFailed  = "failed"
	StateSkipped = "skipped"
	StatePending = "pending"
)

// Operation statuses (Operation.Status).
const (
	// StatusPassing: exercised by at least one passed spec and no failed one.
	StatusPassing = "passing"
	// StatusFailing: exercised by at least one failed spec.
	StatusFailing = "failing"
	// StatusSkipped: only exercised by skipped or pending specs.
	StatusSkipped = "skipped"
	// StatusUntested: implemented by the emulator, exercised by no spec.
	StatusUntested = "untested"
	// StatusUnimplemented: not implemented and exercised by no spec.
	StatusUnimplemented = "unimplemented"
)

// Coverage is the content of coverage.json.
type Coverage struct {
	SchemaVersion int `json:"schemaVersion"`
	// GeneratedAt is the latest finish time of the runs read (not the
	// wall clock), so the same inputs give the same file.
	GeneratedAt *time.Time `json:"generatedAt,omitempty"`
	Runs        []Run      `json:"runs"`
	Totals      Totals     `json:"totals"`
	Specs       SpecCounts `json:"specs"`
	Suites      []Suite    `json:"suites"`
	// Services lists every modeled AWS service, sorted by model name.
	Services []Service `json:"services"`
	// SpecResults lists every spec outcome, sorted by suite then spec id.
	SpecResults []SpecResult `json:"specResults"`
	// Unmodeled tallies calls to services or operations the models do not
	// know (or that the emulator could not route).
	Unmodeled []UnmodeledCall `json:"unmodeled,omitempty"`
}

// Run describes one run directory that went into the report.
type Run struct {
	Mode       string    `json:"mode"`
	Target     string    `json:"target"`
	TargetKind string    `json:"targetKind"`
	Suites     []string  `json:"suites,omitempty"`
	Shard      string    `json:"shard,omitempty"`
	Started    time.Time `json:"started"`
	Finished   time.Time `json:"finished"`
	Version    string    `json:"version,omitempty"`
}

// Totals are operation counts over a service (or over every service).
type Totals struct {
	Services       int `json:"services,omitempty"`       // modeled services (overall totals only)
	ServedServices int `json:"servedServices,omitempty"` // services with at least one implemented operation
	Operations     int `json:"operations"`               // modeled operations: the denominator
	Implemented    int `json:"implemented"`              // implemented by the emulator's registry
	Exercised      int `json:"exercised"`                // called by at least one suite spec
	Passing        int `json:"passing"`                  // Status == passing
	Failing        int `json:"failing"`                  // Status == failing
	// Verified: passing and snapshot-verified.
	Verified          int   `json:"verified"`
	SnapshotVerified  int   `json:"snapshotVerified"`
	ReferenceVerified int   `json:"referenceVerified"`
	ServerSeen        int   `json:"serverSeen"` // seen by the emulator's call log, any client
	Params            Ratio `json:"params"`     // input members exercised / modeled, over all operations
	Errors            Ratio `json:"errors"`     // error codes exercised / modeled, over all operations
	// ImplementedPct = Implemented / Operations.
	ImplementedPct float64 `json:"implementedPct"`
	// VerifiedPct = Verified / Operations.
	VerifiedPct float64 `json:"verifiedPct"`
	// ParityPct = Verified / Implemented: how much of what the emulator
	// implements is proven against recorded snapshots. The badge shows it.
	ParityPct float64 `json:"parityPct"`
}

// Ratio is a count out of a modeled total.
type Ratio struct {
	Exercised int `json:"exercised"`
	Modeled   int `json:"modeled"`
}

// SpecCounts counts spec outcomes.
type SpecCounts struct {
	Total   int `json:"total"`
	Passed  int `json:"passed"`
	Failed  int `json:"failed"`
	Skipped int `json:"skipped"` // skipped and pending
}

// Suite sums the specs of one suite.
type Suite struct {
	Name       string     `json:"name"`
	Specs      SpecCounts `json:"specs"`
	DurationMs float64    `json:"durationMs"`
}

// Service is the coverage of one modeled service.
type Service struct {
	Name       string      `json:"name"` // model name, e.g. "sqs", "streams.dynamodb"
	ServiceID  string      `json:"serviceId"`
	Protocol   string      `json:"protocol"`
	Served     bool        `json:"served"` // at least one operation implemented
	Totals     Totals      `json:"totals"`
	Operations []Operation `json:"operations"` // sorted by name
}

// Operation is the coverage of one modeled operation.
type Operation struct {
	Name        string `json:"name"`
	Status      string `json:"status"`
	Implemented bool   `json:"implemented"`
	// Exercised counts the suites' client calls.
	Exercised CallStats `json:"exercised,omitzero"`
	// Server counts the requests the emulator's call log saw, from any
	// client (suites, Terraform, the AWS CLI).
	Server    CallStats      `json:"server,omitzero"`
	Specs     SpecCounts     `json:"specs,omitzero"`
	Snapshot  SnapshotCheck  `json:"snapshot,omitzero"`
	Reference ReferenceCheck `json:"reference,omitzero"`
	Params    MemberSet      `json:"params"`
	Errors    MemberSet      `json:"errors"`
}

// CallStats counts calls of an operation.
type CallStats struct {
	Calls  int      `json:"calls"`
	Errors int      `json:"errors"`          // calls answered with an error status
	Specs  []string `json:"specs,omitempty"` // "suite/spec id" of the calling specs (client side)
}

// SnapshotCheck says whether a passing spec that exercised the operation
// matched recorded snapshot keys, and on which targets those were recorded.
type SnapshotCheck struct {
	Verified   bool     `json:"verified"`
	Provenance []string `json:"provenance,omitempty"` // "aws", "moto", "emulator", "other"
	Keys       int      `json:"keys,omitempty"`       // matched keys in passing specs exercising the operation
}

// ReferenceCheck says whether a spec that exercised the operation was
// checked against an AWS reference recording.
type ReferenceCheck struct {
	Verified   bool     `json:"verified"`             // a reference check matched every key
	Recordings []string `json:"recordings,omitempty"` // recording ids that matched
	Mismatched []string `json:"mismatched,omitempty"` // recording ids with a mismatched or missing key
}

// MemberSet is coverage of a modeled name set (input members, error codes).
type MemberSet struct {
	Modeled   int      `json:"modeled"`
	Exercised []string `json:"exercised,omitempty"` // modeled names seen, sorted
	Unmodeled []string `json:"unmodeled,omitempty"` // names seen that the model does not list
}

// SpecResult is the outcome of one spec.
type SpecResult struct {
	Suite      string      `json:"suite"`
	Spec       string      `json:"spec"`
	File       string      `json:"file,omitempty"`
	State      string      `json:"state"`
	DurationMs float64     `json:"durationMs"`
	Failure    string      `json:"failure,omitempty"`
	Labels     []string    `json:"labels,omitempty"`
	Keys       []KeyResult `json:"keys,omitempty"`
	Reference  *Reference  `json:"reference,omitempty"`
	// Operations the spec called, as "service:Operation", sorted.
	Operations []string `json:"operations,omitempty"`
}

// KeyResult is one snapshot key of a spec.
type KeyResult struct {
	Key        string `json:"key"`
	State      string `json:"state"` // matched, mismatched, recorded, missing, obsolete
	Provenance string `json:"provenance,omitempty"`
	Diff       string `json:"diff,omitempty"`
}

// Reference is the check of a spec against an AWS reference recording.
type Reference struct {
	ID   string      `json:"id"`
	Keys []KeyResult `json:"keys"`
}

// UnmodeledCall tallies calls the models cannot place.
type UnmodeledCall struct {
	Service   string `json:"service"`
	Operation string `json:"operation"`
	Source    string `json:"source"` // "client" or "server"
	Calls     int    `json:"calls"`
}
