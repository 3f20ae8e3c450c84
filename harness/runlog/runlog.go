// Package runlog is the record a parity run leaves in its --out directory,
// read by the report generator:
//
//	<out>/run.json                      one Run per invocation of `parity test|record|reference`
//	<out>/results/<suite>-<pid>.jsonl   one SpecResult per line
//	<out>/calls/<suite>-<pid>.jsonl     one Call per line (client side, every SDK call)
//	<out>/server/<suite>-<pid>.jsonl    calllog.Entry lines of the in-process emulator
//	<out>/logs/<suite>.log              the suite process's own (Ginkgo) output
//
// Several processes (Ginkgo parallel workers, shards) write to one directory
// without coordination: each writes its own files.
package runlog

import "time"

// SchemaVersion is bumped on any incompatible change of these types.
const SchemaVersion = 1

// Run describes one invocation.
type Run struct {
	SchemaVersion int       `json:"schemaVersion"`
	Mode          string    `json:"mode"`       // "verify", "record" or "reference"
	Target        string    `json:"target"`     // "emulator", "aws" or the endpoint URL
	TargetKind    string    `json:"targetKind"` // "emulator", "aws", "moto", "other"
	Suites        []string  `json:"suites"`
	Shard         string    `json:"shard,omitempty"` // "K/N"
	Started       time.Time `json:"started"`
	Finished      time.Time `json:"finished"`
	Version       string    `json:"version"`
}

// SpecResult is the outcome of one spec.
type SpecResult struct {
	Suite     string      `json:"suite"` // e.g. "sqs"
	Spec      string      `json:"spec"`  // the snapshot spec id
	File      string      `json:"file"`  // snapshot file, relative to the repository
	State     string      `json:"state"` // "passed", "failed", "skipped", "pending"
	Duration  float64     `json:"durationMs"`
	Failure   string      `json:"failure,omitempty"` // message, with the diff for snapshot mismatches
	Keys      []KeyResult `json:"keys,omitempty"`
	Reference *RefResult  `json:"reference,omitempty"`
	Labels    []string    `json:"labels,omitempty"`
}

// KeyResult is the outcome of one snapshot key of a spec.
type KeyResult struct {
	Key        string `json:"key"`
	State      string `json:"state"`                // "matched", "mismatched", "recorded", "missing" (no recording), "obsolete"
	Provenance string `json:"provenance,omitempty"` // target kind the snapshot was recorded on
	Diff       string `json:"diff,omitempty"`
	// Divergences are differences at paths declared as known divergences
	// of the recording (or live) target: reported, not failing.
	Divergences []string `json:"divergences,omitempty"`
}

// RefResult is the check of a spec against an AWS reference recording.
type RefResult struct {
	ID   string      `json:"id"` // the recording's test id
	Keys []KeyResult `json:"keys"`
}

// Call is one SDK call made by a suite.
type Call struct {
	Suite     string   `json:"suite"`
	Spec      string   `json:"spec"`
	Service   string   `json:"service"`          // model name, e.g. "sqs", "streams.dynamodb"
	Operation string   `json:"operation"`        // e.g. "SendMessage"
	Params    []string `json:"params,omitempty"` // top-level input members set
	Status    int      `json:"status"`
	ErrorCode string   `json:"errorCode,omitempty"`
}
