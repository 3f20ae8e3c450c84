// Package reports turns the records of parity runs into coverage: which
// operations of every modeled AWS service the emulator implements, which
// the suites exercise, which are verified against snapshots and against AWS
// reference recordings, and whether they pass.
//
// The pipeline is Read (run directories, see harness/runlog) → Merge
// (shards) → Build (the Coverage model, serialised as coverage.json) →
// renderers (Markdown, HTML dashboard, JUnit XML, SVG badge) and Compare
// (regressions against a base report).
package reports
