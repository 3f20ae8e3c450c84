package snapshots_test

import (
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/parity-harness/parity/snapshots"
	"github.com/parity-harness/parity/transformers"
)

// A spec records on moto, then verifies a live run on the emulator.
func Example() {
	dir, _ := os.MkdirTemp("", "snapshots")
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "sqs", "queues.snapshot.json")

	// transform one key of a spec; use one Context for all keys of the spec
	transform := func(env transformers.Env, raw string) any {
		doc, _ := transformers.Decode([]byte(raw))
		ctx := transformers.NewContext(env)
		return transformers.Apply(doc, ctx, transformers.Standard("sqs", transformers.Key("QueueUrl", "queue-url"))...)
	}

	// record
	moto := transformers.Env{Account: "123456789012", Region: "us-east-1", Endpoint: "http://127.0.0.1:5000"}
	recorded := transform(moto, `{"QueueUrl":"http://127.0.0.1:5000/123456789012/q-1","ResponseMetadata":{"HTTPStatusCode":200}}`)
	spec := snapshots.NewSpec(map[string]any{"create-queue": recorded},
		snapshots.Provenance{Target: snapshots.TargetMoto, Endpoint: "localhost", Region: "us-east-1", SDK: "github.com/aws/aws-sdk-go-v2@v1.47.6"},
		time.Date(2026, 11, 21, 8, 30, 0, 0, time.UTC))
	if _, err := snapshots.Write(path, "SQS creates a queue", spec); err != nil {
		panic(err)
	}

	// verify
	file, _ := snapshots.ReadFile(path)
	emulator := transformers.Env{Account: "000000000000", Region: "us-east-1", Endpoint: "http://127.0.0.1:4566"}
	live := map[string]any{"create-queue": transform(emulator, `{"QueueUrl":"http://127.0.0.1:4566/000000000000/q-2","ResponseMetadata":{"HTTPStatusCode":201}}`)}
	res, _ := snapshots.Verify(file["SQS creates a queue"], live, snapshots.Rules{})
	fmt.Println(snapshots.Pretty(recorded))
	fmt.Print(res.Report("SQS creates a queue"))
	// Output:
	// {
	//   "QueueUrl": "<queue-url:1>",
	//   "ResponseMetadata": {
	//     "HTTPStatusCode": 200
	//   }
	// }
	// snapshot mismatch: spec "SQS creates a queue", key "create-queue":
	//   $.ResponseMetadata.HTTPStatusCode: recorded 200, got 201
	//       {
	//         "QueueUrl": "<queue-url:1>",
	//         "ResponseMetadata": {
	//     -     "HTTPStatusCode": 200
	//     +     "HTTPStatusCode": 201
	//         }
	//       }
}
