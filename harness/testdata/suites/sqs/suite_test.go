// Package sqs_test is a small SQS suite that exercises the harness itself
// (recording, verification, references, call logs) end to end.
package sqs_test

import (
	"testing"

	"github.com/parity-harness/parity/harness"
)

func TestHarnessSQS(t *testing.T) { harness.RunSuite(t, "sqs") }
