package s3

import (
	"context"
	"encoding/json"
	"io"
	"strings"
	"sync"
	"testing"

	"github.com/parity-harness/parity/emulator/service"
)

// queueRecorder is an emulator whose only queue keeps the S3 events sent
// to it.
type queueRecorder struct {
	mu     sync.Mutex
	events []string
}

func (q *queueRecorder) Invoke(_ context.Context, _, _, svc, op string, in service.Params) (map[string]any, error) {
	switch op {
	case "GetQueueUrl", "GetQueueAttributes":
		return map[string]any{"QueueUrl": "http://localhost/000000000000/events", "Attributes": map[string]any{}}, nil
	case "SendMessage":
		var body struct{ Records []struct{ EventName string } }
		_ = json.Unmarshal([]byte(in["MessageBody"].(string)), &body)
		q.mu.Lock()
		defer q.mu.Unlock()
		for _, r := range body.Records {
			q.events = append(q.events, r.EventName)
		}
	}
	return map[string]any{}, nil
}

func (q *queueRecorder) Credentials() service.Credentials { return nil }

func TestVersionRemovalEvents(t *testing.T) {
	h := newHarness(t)
	rec := &queueRecorder{}
	call := func(op string, in service.Params) map[string]any {
		t.Helper()
		ctx := h.ctx(op, nil)
		ctx.Emulator = rec
		out, err := h.h[op](ctx, in)
		if err != nil {
			t.Fatalf("%s: %v", op, err)
		}
		m, _ := out.(map[string]any)
		return m
	}
	call("CreateBucket", service.Params{"Bucket": "bkt"})
	call("PutBucketVersioning", service.Params{"Bucket": "bkt", "VersioningConfiguration": map[string]any{"Status": "Enabled"}})
	call("PutBucketNotificationConfiguration", service.Params{"Bucket": "bkt", "SkipDestinationValidation": true, "NotificationConfiguration": map[string]any{
		"QueueConfigurations": []any{map[string]any{"QueueArn": "arn:aws:sqs:us-east-1:000000000000:events", "Events": []any{"s3:ObjectRemoved:*"}}}}})
	v1 := call("PutObject", service.Params{"Bucket": "bkt", "Key": "k", "Body": io.NopCloser(strings.NewReader("x"))})
	marker := call("DeleteObject", service.Params{"Bucket": "bkt", "Key": "k"})
	call("DeleteObject", service.Params{"Bucket": "bkt", "Key": "k", "VersionId": marker["VersionId"]})
	call("DeleteObject", service.Params{"Bucket": "bkt", "Key": "k", "VersionId": v1["VersionId"]})
	want := "ObjectRemoved:DeleteMarkerCreated ObjectRemoved:Delete ObjectRemoved:Delete"
	if got := strings.Join(rec.events, " "); got != want {
		t.Fatalf("events %q, want %q", got, want)
	}
}
