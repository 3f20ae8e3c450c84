package reports

import (
	"reflect"
	"slices"
	"testing"
)

func TestBuildFixture(t *testing.T) {
	cov := Build(readFixture(t, "run-full", "terraform"), fixtureDen(t))

	if cov.SchemaVersion != SchemaVersion {
		t.Errorf("schemaVersion = %d", cov.SchemaVersion)
	}
	cat := fixtureDen(t).Catalog
	if len(cov.Services) != len(cat) {
		t.Fatalf("services = %d, want every modeled service (%d)", len(cov.Services), len(cat))
	}
	ops := 0
	for _, s := range cat {
		ops += len(s.Operations)
	}
	if cov.Totals.Operations != ops || cov.Totals.Implemented != 16 || cov.Totals.ServedServices != 2 {
		t.Errorf("totals = %+v, want %d operations, 16 implemented, 2 served", cov.Totals, ops)
	}
	if got := (SpecCounts{Total: 8, Passed: 6, Failed: 1, Skipped: 1}); cov.Specs != got {
		t.Errorf("specs = %+v, want %+v", cov.Specs, got)
	}

	tests := []struct {
		service, op string
		status      string
		implemented bool
		clientCalls int
		serverCalls int
		provenance  []string
		refVerified bool
		refBad      []string
		params      []string
		errors      []string
		unmodErrors []string
	}{
		{"sqs", "GetQueueUrl", StatusPassing, true, 2, 2, []string{"moto"}, true, nil, []string{"QueueName"}, []string{"QueueDoesNotExist"}, nil},
		{"sqs", "CreateQueue", StatusFailing, true, 4, 5, []string{"emulator", "moto"}, true, nil, []string{"Attributes", "QueueName", "tags"}, nil, nil},
		{"sqs", "SendMessage", StatusPassing, true, 1, 1, []string{"emulator", "moto"}, false, nil, []string{"MessageAttributes", "MessageBody", "QueueUrl"}, nil, nil},
		{"sqs", "PurgeQueue", StatusUntested, true, 0, 0, nil, false, nil, nil, nil, nil},
		{"sqs", "ListQueueTags", StatusUnimplemented, false, 0, 1, nil, false, nil, []string{"QueueUrl"}, nil, []string{"NotImplemented"}},
		{"sns", "Publish", StatusPassing, true, 2, 2, []string{"moto"}, false,
			[]string{"tests/aws/services/sns/test_sns.py::TestSNSPublishCrud::test_publish_non_existent_topic"},
			[]string{"Message", "Subject", "TopicArn"}, []string{"NotFound"}, nil},
		{"sns", "CreateTopic", StatusPassing, true, 2, 2, []string{"aws", "moto"}, true, nil, []string{"Attributes", "Name"}, nil, nil},
		{"s3", "PutObject", StatusUnimplemented, false, 0, 0, nil, false, nil, nil, nil, nil},
	}
	for _, tc := range tests {
		t.Run(tc.service+":"+tc.op, func(t *testing.T) {
			op := findOp(t, cov, tc.service, tc.op)
			if op.Status != tc.status || op.Implemented != tc.implemented {
				t.Errorf("status %q implemented %v, want %q %v", op.Status, op.Implemented, tc.status, tc.implemented)
			}
			if op.Exercised.Calls != tc.clientCalls || op.Server.Calls != tc.serverCalls {
				t.Errorf("calls client %d server %d, want %d %d", op.Exercised.Calls, op.Server.Calls, tc.clientCalls, tc.serverCalls)
			}
			if !slices.Equal(op.Snapshot.Provenance, tc.provenance) || op.Snapshot.Verified != (tc.provenance != nil) {
				t.Errorf("snapshot %+v, want provenance %v", op.Snapshot, tc.provenance)
			}
			if op.Reference.Verified != tc.refVerified || !slices.Equal(op.Reference.Mismatched, tc.refBad) {
				t.Errorf("reference %+v, want verified %v mismatched %v", op.Reference, tc.refVerified, tc.refBad)
			}
			if !slices.Equal(op.Params.Exercised, tc.params) {
				t.Errorf("params %v, want %v", op.Params.Exercised, tc.params)
			}
			if !slices.Equal(op.Errors.Exercised, tc.errors) || !slices.Equal(op.Errors.Unmodeled, tc.unmodErrors) {
				t.Errorf("errors %v unmodeled %v, want %v %v", op.Errors.Exercised, op.Errors.Unmodeled, tc.errors, tc.unmodErrors)
			}
			if op.Params.Modeled != len(fixtureDen(t).Catalog[tc.service].Operations[tc.op].Input) {
				t.Errorf("params modeled = %d", op.Params.Modeled)
			}
		})
	}

	sqs := findService(t, cov, "sqs")
	// Passing and snapshot-verified: GetQueueUrl, SendMessage, ReceiveMessage,
	// DeleteMessage; CreateQueue, DeleteQueue, SetQueueAttributes and
	// GetQueueAttributes share the failed spec.
	if sqs.Totals.Verified != 4 || sqs.Totals.Failing != 4 || sqs.Totals.Implemented != 10 || sqs.Totals.ParityPct != 40 {
		t.Errorf("sqs totals = %+v", sqs.Totals)
	}
	if s3 := findService(t, cov, "s3"); s3.Served || s3.Totals.ParityPct != 0 || s3.Totals.Implemented != 0 {
		t.Errorf("s3 should be unserved at 0%%: %+v", s3.Totals)
	}
	wantUnmodeled := []UnmodeledCall{{Service: "", Operation: "", Source: "server", Calls: 1}}
	if !reflect.DeepEqual(cov.Unmodeled, wantUnmodeled) {
		t.Errorf("unmodeled = %+v", cov.Unmodeled)
	}
	if cov.GeneratedAt == nil || cov.GeneratedAt.Format("15:04:05") != "02:00:41" {
		t.Errorf("generatedAt = %v, want the run's finish time", cov.GeneratedAt)
	}
}

func TestBuildIsDeterministic(t *testing.T) {
	den := fixtureDen(t)
	a := mustJSON(t, Build(readFixture(t, "run-full", "terraform"), den))
	b := mustJSON(t, Build(readFixture(t, "terraform", "run-full"), den))
	if a != b {
		t.Fatal("coverage depends on the order of the input directories")
	}
}

func TestBuildRegistryOperationUnknownToModel(t *testing.T) {
	den := fixtureDen(t)
	den.Implemented = map[string][]string{"sqs": {"CreateQueue", "MakeCoffee"}}
	cov := Build(&Inputs{}, den)
	if cov.Totals.Implemented != 1 {
		t.Errorf("implemented = %d, want 1", cov.Totals.Implemented)
	}
	want := []UnmodeledCall{{Service: "sqs", Operation: "MakeCoffee", Source: "registry", Calls: 1}}
	if !reflect.DeepEqual(cov.Unmodeled, want) {
		t.Errorf("unmodeled = %+v, want %+v", cov.Unmodeled, want)
	}
}
