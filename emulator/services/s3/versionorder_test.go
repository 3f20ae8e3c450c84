package s3

import (
	"io"
	"strings"
	"testing"

	"github.com/parity-harness/parity/emulator/service"
)

func TestVersionIDsCarryTheirSequence(t *testing.T) {
	first, second := nextVersionSequence(), nextVersionSequence()
	if second <= first {
		t.Fatalf("sequence went from %d to %d", first, second)
	}
	id := orderedVersionID(second)
	if !validVersionID(id) {
		t.Fatalf("%q is not shaped like a version id", id)
	}
	for _, tc := range []struct {
		name, id string
		want     uint64
		ok       bool
	}{
		{"made here", id, second, true},
		{"null", "null", 0, false},
		{"too short", id[:31], 0, false},
		{"outside the alphabet", id[:31] + "-", 0, false},
		{"over 64 bits", id[:versionRandChars] + "_" + id[versionRandChars+1:], 0, false},
		{"not handed out yet", orderedVersionID(versionClock.Load() + 1000), 0, false},
	} {
		got, ok := versionSequence(tc.id)
		if ok != tc.ok || got != tc.want {
			t.Errorf("%s: versionSequence(%q) = %d, %v; want %d, %v", tc.name, tc.id, got, ok, tc.want, tc.ok)
		}
	}
	if a, b := orderedVersionID(first), orderedVersionID(first); a == b {
		t.Errorf("two ids of one sequence are equal: %q", a)
	}
}

func FuzzVersionSequence(f *testing.F) {
	f.Add(orderedVersionID(nextVersionSequence()))
	f.Add("null")
	f.Add("")
	f.Fuzz(func(t *testing.T, id string) {
		seq, ok := versionSequence(id)
		if ok && (seq == 0 || seq > versionClock.Load()) {
			t.Fatalf("versionSequence(%q) = %d outside the clock", id, seq)
		}
	})
}

func TestVersionMarkerOfADeletedVersion(t *testing.T) {
	h := newHarness(t)
	h.must("CreateBucket", service.Params{"Bucket": "bkt"})
	h.must("PutBucketVersioning", service.Params{"Bucket": "bkt", "VersioningConfiguration": map[string]any{"Status": "Enabled"}})
	var ids []string // oldest first
	for range 4 {
		out := h.must("PutObject", service.Params{"Bucket": "bkt", "Key": "k", "Body": io.NopCloser(strings.NewReader(""))})
		ids = append(ids, out["VersionId"].(string))
	}
	list := func(marker string) []string {
		out := h.must("ListObjectVersions", service.Params{"Bucket": "bkt", "KeyMarker": "k", "VersionIdMarker": marker})
		var got []string
		for _, v := range out["Versions"].([]any) {
			got = append(got, v.(map[string]any)["VersionId"].(string))
		}
		return got
	}
	if got := strings.Join(list(ids[2]), ","); got != strings.Join([]string{ids[1], ids[0]}, ",") {
		t.Fatalf("after the third version: got %s", got)
	}
	h.must("DeleteObject", service.Params{"Bucket": "bkt", "Key": "k", "VersionId": ids[2]})
	if got := strings.Join(list(ids[2]), ","); got != strings.Join([]string{ids[1], ids[0]}, ",") {
		t.Errorf("after the deleted third version: got %s, want the two older versions", got)
	}
	h.must("DeleteObject", service.Params{"Bucket": "bkt", "Key": "k", "VersionId": ids[3]})
	if got := strings.Join(list(ids[3]), ","); got != strings.Join([]string{ids[1], ids[0]}, ",") {
		t.Errorf("after the deleted newest version: got %s, want every remaining version", got)
	}
}
