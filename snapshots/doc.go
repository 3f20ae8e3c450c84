// Package snapshots stores recorded responses and verifies live responses
// against them.
//
// # File format
//
// A snapshot file (snapshots/<service>/<suite>.snapshot.json) has the format
// of the AWS reference recordings (LocalStack's), plus a provenance object
// per spec:
//
//	{
//	  "<spec id>": {
//	    "provenance": {"endpoint": "localhost", "recorded-at": "2026-11-21T08:30:00Z",
//	                   "region": "us-east-1", "sdk": "github.com/aws/aws-sdk-go-v2@v1.47.6",
//	                   "target": "moto"},
//	    "recorded-content": {"<key>": <document>, ...},
//	    "recorded-date": "21-11-2026, 08:30:00"
//	  }
//	}
//
// Files are written canonically (members sorted, two-space indent, numbers
// as written, no HTML escaping, trailing newline) by Write, which merges one
// spec into the file under an exclusive lock and replaces the file
// atomically; a spec whose recorded content did not change keeps its dates,
// so recording twice gives byte-identical files.
//
// # Verification
//
// Verify compares the recorded keys of a spec with the keys a run produced,
// both already transformed (package transformers). Placeholders on either
// side are variables that must bind consistently across all keys of the
// spec (see Compare), which also makes Verify usable against the AWS
// reference recordings.
package snapshots
