package s3

import (
	"io"
	"strings"
	"testing"

	"github.com/parity-harness/parity/emulator/service"
)

func TestRestoreObject(t *testing.T) {
	h := newHarness(t)
	h.must("CreateBucket", service.Params{"Bucket": "bkt"})
	for key, class := range map[string]string{"glacier": "GLACIER", "deep": "DEEP_ARCHIVE", "standard": ""} {
		h.must("PutObject", service.Params{"Bucket": "bkt", "Key": key, "Body": io.NopCloser(strings.NewReader("data")), "StorageClass": class})
	}
	restore := func(key, tier string) (*service.Context, error) {
		_, ctx, err := h.call("RestoreObject", service.Params{"Bucket": "bkt", "Key": key,
			"RestoreRequest": map[string]any{"Days": int64(1), "GlacierJobParameters": map[string]any{"Tier": tier}}}, nil)
		return ctx, err
	}
	for _, tc := range []struct {
		name, key, tier, code string
		status                int
	}{
		{"glacier restore accepted", "glacier", "Bulk", "", 202},
		{"glacier restore in progress", "glacier", "Bulk", "RestoreAlreadyInProgress", 0},
		{"deep archive restore accepted", "deep", "Standard", "", 202},
		{"standard object", "standard", "Bulk", "InvalidObjectState", 0},
		{"unknown tier", "deep", "Fastest", "MalformedXML", 0},
		{"missing key", "nope", "Bulk", "NoSuchKey", 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx, err := restore(tc.key, tc.tier)
			if code(err) != tc.code {
				t.Fatalf("error %v, want %q", err, tc.code)
			}
			if tc.status != 0 && ctx.Status != tc.status {
				t.Fatalf("status %d, want %d", ctx.Status, tc.status)
			}
		})
	}
	head := h.must("HeadObject", service.Params{"Bucket": "bkt", "Key": "glacier"})
	if head["Restore"] != restoreOngoing {
		t.Fatalf("Restore %v, want %q", head["Restore"], restoreOngoing)
	}
	if _, _, err := h.call("GetObject", service.Params{"Bucket": "bkt", "Key": "glacier"}, nil); code(err) != "InvalidObjectState" {
		t.Fatalf("GET of an object being restored: %v, want InvalidObjectState", err)
	}
}
