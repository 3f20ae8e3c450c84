// Package harness is the suite-writer's API for parity suites: it resolves
// the target (the bundled emulator, real AWS or any AWS-compatible URL),
// builds aws-sdk-go-v2 clients for it, records every SDK call, normalises SDK
// outputs and errors to the shape boto3 returns, and binds snapshot sessions
// to the running Ginkgo spec.
//
// A suite is one Go test package per service:
//
//	func TestSQS(t *testing.T) { harness.RunSuite(t, "sqs") }
//
// and specs use harness.Snapshot(), harness.SQS(), harness.UniqueName and
// harness.Cleanup. The run is configured by environment variables, set by
// `parity test|record|reference`:
//
//	PARITY_TARGET         emulator (default) | aws | http(s)://host:port
//	PARITY_MODE           verify (default) | record | reference
//	PARITY_OUT            directory for run logs (calls, results, server calls)
//	PARITY_SNAPSHOT_DIR   snapshot root (default <repository>/snapshots)
//	PARITY_REFERENCE_DIR  AWS reference recordings (reference mode)
//	PARITY_SHARD          K/N: run only the specs whose id hashes to shard K
//	PARITY_PROGRESS       1: print one machine-readable line per finished spec
//	PARITY_ALLOW_EMULATOR 1: allow record mode against the emulator
//	AWS_ENDPOINT_URL      a URL target when PARITY_TARGET is unset
//	AWS_REGION            region (default us-east-1); AWS_PROFILE for aws
package harness
