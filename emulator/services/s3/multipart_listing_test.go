package s3

import (
	"io"
	"strings"
	"testing"

	"github.com/parity-harness/parity/emulator/service"
)

func TestMultipartListingMarkersAndDefaultChecksum(t *testing.T) {
	h := newHarness(t)
	h.must("CreateBucket", service.Params{"Bucket": "bkt"})
	uploads := func() map[string]any { return h.must("ListMultipartUploads", service.Params{"Bucket": "bkt"}) }
	up := h.must("CreateMultipartUpload", service.Params{"Bucket": "bkt", "Key": "k"})["UploadId"].(string)
	parts := func() map[string]any {
		return h.must("ListParts", service.Params{"Bucket": "bkt", "Key": "k", "UploadId": up})
	}
	part := h.must("UploadPart", service.Params{"Bucket": "bkt", "Key": "k", "UploadId": up, "PartNumber": int64(1), "Body": io.NopCloser(strings.NewReader("data"))})
	done := h.must("CompleteMultipartUpload", service.Params{"Bucket": "bkt", "Key": "k", "UploadId": up,
		"MultipartUpload": map[string]any{"Parts": []any{map[string]any{"PartNumber": int64(1), "ETag": part["ETag"]}}}})
	for _, tc := range []struct {
		name string
		got  any
		want any
	}{
		{"complete answers the default CRC64NVME", done["ChecksumCRC64NVME"] != nil, true},
		{"complete answers FULL_OBJECT", done["ChecksumType"], ChecksumFullObject},
		{"an empty listing answers empty next key marker", uploads()["NextKeyMarker"], ""},
		{"an empty listing answers empty next upload marker", uploads()["NextUploadIdMarker"], ""},
	} {
		if tc.got != tc.want {
			t.Errorf("%s: got %v, want %v", tc.name, tc.got, tc.want)
		}
	}
	up = h.must("CreateMultipartUpload", service.Params{"Bucket": "bkt", "Key": "k"})["UploadId"].(string)
	list := uploads()
	if list["NextKeyMarker"] != "k" || list["NextUploadIdMarker"] != up || list["IsTruncated"] != false {
		t.Errorf("a complete listing names its last upload: %v", list)
	}
	init, _ := list["Uploads"].([]any)[0].(map[string]any)["Initiator"].(map[string]any)
	if init["DisplayName"] == "" || init["DisplayName"] == init["ID"] {
		t.Errorf("the initiator has a display name of its own: %v", init)
	}
	if got := parts()["NextPartNumberMarker"]; got != int64(0) {
		t.Errorf("ListParts without parts: NextPartNumberMarker %v, want 0", got)
	}
}
