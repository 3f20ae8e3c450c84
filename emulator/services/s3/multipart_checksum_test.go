package s3

import (
	"io"
	"strings"
	"testing"

	"github.com/parity-harness/parity/emulator/service"
)

// TestMultipartChecksumLifecycle drives one-part uploads of each checksum
// type through completion (with and without a whole-object checksum) and
// GetObjectAttributes.
func TestMultipartChecksumLifecycle(t *testing.T) {
	h := newHarness(t)
	h.must("CreateBucket", service.Params{"Bucket": "bkt"})
	abcCRC32C := CRC32C.Sum([]byte("abc"))
	abcSHA256 := SHA256.Sum([]byte("abc"))
	shaComposite := CompositeChecksum(SHA256, []string{abcSHA256})
	tests := []struct {
		name       string
		alg, typ   string
		header     map[string]string // of the completion
		given      service.Params    // whole-object checksum of the completion
		wantCode   string
		wantSum    string // the completion's checksum
		wantAttrs  string // the checksum GetObjectAttributes answers
		wantListed bool   // GetObjectAttributes lists the parts
	}{
		{name: "full object, no completion checksum", alg: "CRC32C", typ: ChecksumFullObject, wantSum: abcCRC32C, wantAttrs: abcCRC32C},
		{name: "full object, right checksum and type", alg: "CRC32C", typ: ChecksumFullObject, header: map[string]string{"x-amz-checksum-type": ChecksumFullObject},
			given: service.Params{"ChecksumCRC32C": abcCRC32C}, wantSum: abcCRC32C, wantAttrs: abcCRC32C},
		{name: "full object, right checksum without type", alg: "CRC32C", typ: ChecksumFullObject, given: service.Params{"ChecksumCRC32C": abcCRC32C}, wantCode: "BadDigest"},
		{name: "full object, another algorithm", alg: "CRC32C", typ: ChecksumFullObject, header: map[string]string{"x-amz-checksum-type": ChecksumFullObject},
			given: service.Params{"ChecksumCRC32": CRC32.Sum([]byte("abc"))}, wantCode: "BadDigest"},
		{name: "full object, composite mode", alg: "CRC32C", typ: ChecksumFullObject, header: map[string]string{"x-amz-checksum-type": ChecksumComposite}, wantCode: "InvalidRequest"},
		{name: "composite, no completion checksum", alg: "SHA256", wantSum: shaComposite, wantAttrs: strings.TrimSuffix(shaComposite, "-1"), wantListed: true},
		{name: "composite, right composite checksum", alg: "SHA256", given: service.Params{"ChecksumSHA256": shaComposite}, wantSum: shaComposite,
			wantAttrs: strings.TrimSuffix(shaComposite, "-1"), wantListed: true},
		{name: "composite, full object value", alg: "SHA256", given: service.Params{"ChecksumSHA256": abcSHA256}, wantCode: "BadDigest"},
		{name: "composite, malformed", alg: "SHA256", given: service.Params{"ChecksumSHA256": "wrongchecksum"}, wantCode: "InvalidRequest"},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			key := "k" + itoa(i)
			create := service.Params{"Bucket": "bkt", "Key": key, "ChecksumAlgorithm": tt.alg}
			if tt.typ != "" {
				create["ChecksumType"] = tt.typ
			}
			up := h.must("CreateMultipartUpload", create)["UploadId"].(string)
			alg, _ := ParseAlgorithm(tt.alg)
			part := h.must("UploadPart", service.Params{"Bucket": "bkt", "Key": key, "UploadId": up, "PartNumber": int64(1), "Body": io.NopCloser(strings.NewReader("abc"))})
			in := service.Params{"Bucket": "bkt", "Key": key, "UploadId": up, "MultipartUpload": map[string]any{"Parts": []any{
				map[string]any{"PartNumber": int64(1), "ETag": part["ETag"], alg.Member(): part[alg.Member()]}}}}
			for k, v := range tt.given {
				in[k] = v
			}
			done, _, err := h.call("CompleteMultipartUpload", in, tt.header)
			if code(err) != tt.wantCode {
				t.Fatalf("complete: %v, want %s", err, tt.wantCode)
			}
			if err != nil {
				return
			}
			if done[alg.Member()] != tt.wantSum {
				t.Fatalf("complete answered %v, want %s", done[alg.Member()], tt.wantSum)
			}
			attrs := h.must("GetObjectAttributes", service.Params{"Bucket": "bkt", "Key": key, "ObjectAttributes": []any{"Checksum", "ObjectParts"}})
			if got := attrs["Checksum"].(map[string]any)[alg.Member()]; got != tt.wantAttrs {
				t.Errorf("attributes checksum %v, want %s", got, tt.wantAttrs)
			}
			parts := attrs["ObjectParts"].(map[string]any)
			if _, listed := parts["Parts"]; listed != tt.wantListed || parts["TotalPartsCount"] != int64(1) {
				t.Errorf("attributes parts %v, want listed %v", parts, tt.wantListed)
			}
		})
	}
}
