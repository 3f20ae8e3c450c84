package reports

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/parity-harness/parity/emulator/model"
)

// fixtureImplemented stands in for the emulator's registry in tests, so the
// expected numbers do not move as services land.
var fixtureImplemented = map[string][]string{
	"sqs": {"CreateQueue", "GetQueueUrl", "SendMessage", "ReceiveMessage", "DeleteMessage", "DeleteQueue",
		"ListQueues", "GetQueueAttributes", "SetQueueAttributes", "PurgeQueue"},
	"sns": {"CreateTopic", "DeleteTopic", "Subscribe", "Unsubscribe", "Publish", "ListTopics"},
}

func fixtureDen(t testing.TB) Denominator {
	t.Helper()
	c, err := model.Catalog()
	if err != nil {
		t.Fatal(err)
	}
	return Denominator{Catalog: c, Implemented: fixtureImplemented}
}

func readFixture(t testing.TB, dirs ...string) *Inputs {
	t.Helper()
	var paths []string
	for _, d := range dirs {
		paths = append(paths, filepath.Join("testdata", d))
	}
	in, err := ReadDirs(paths)
	if err != nil {
		t.Fatal(err)
	}
	return in
}

func mustJSON(t testing.TB, v any) string {
	t.Helper()
	b, err := json.MarshalIndent(v, "", " ")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// writeJSONLines writes records as one JSON document per line.
func writeJSONLines[T any](t testing.TB, file string, recs []T) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
		t.Fatal(err)
	}
	f, err := os.Create(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	enc := json.NewEncoder(f)
	for _, r := range recs {
		if err := enc.Encode(r); err != nil {
			t.Fatal(err)
		}
	}
}

func findOp(t testing.TB, cov *Coverage, service, op string) Operation {
	t.Helper()
	for _, s := range cov.Services {
		if s.Name != service {
			continue
		}
		for _, o := range s.Operations {
			if o.Name == op {
				return o
			}
		}
	}
	t.Fatalf("operation %s:%s not in coverage", service, op)
	return Operation{}
}

func findService(t testing.TB, cov *Coverage, service string) Service {
	t.Helper()
	for _, s := range cov.Services {
		if s.Name == service {
			return s
		}
	}
	t.Fatalf("service %s not in coverage", service)
	return Service{}
}
