// Package services lists the emulated AWS services. Adding a service is one
// line here plus its package under emulator/services/<name>.
package services

import (
	"github.com/parity-harness/parity/emulator/service"
	"github.com/parity-harness/parity/emulator/services/dynamodb"
	"github.com/parity-harness/parity/emulator/services/dynamodbstreams"
	"github.com/parity-harness/parity/emulator/services/iam"
	"github.com/parity-harness/parity/emulator/services/kms"
	"github.com/parity-harness/parity/emulator/services/s3"
	"github.com/parity-harness/parity/emulator/services/sns"
	"github.com/parity-harness/parity/emulator/services/sqs"
	"github.com/parity-harness/parity/emulator/services/sts"
)

// New returns a fresh instance of every emulated service.
func New() []service.Service {
	ddb := dynamodb.New()
	return []service.Service{
		ddb, dynamodbstreams.New(ddb.Streams()),
		iam.New(),
		kms.New(),
		s3.New(),
		sns.New(),
		sqs.New(),
		sts.New(),
	}
}

// Implemented returns, per model name, the operations the emulator
// implements: the registry the coverage report reads.
func Implemented() map[string][]string {
	out := map[string][]string{}
	for _, s := range New() {
		for op := range s.Handlers() {
			out[s.Model()] = append(out[s.Model()], op)
		}
		if c, ok := s.(service.Closer); ok {
			_ = c.Close()
		}
	}
	return out
}
