package s3

import (
	"io"
	"strings"
	"testing"

	"github.com/parity-harness/parity/emulator/service"
)

func TestObjectACLOnDeleteMarker(t *testing.T) {
	h := newHarness(t)
	h.must("CreateBucket", service.Params{"Bucket": "bkt"})
	h.must("PutBucketVersioning", service.Params{"Bucket": "bkt", "VersioningConfiguration": map[string]any{"Status": "Enabled"}})
	h.must("PutObject", service.Params{"Bucket": "bkt", "Key": "k", "Body": io.NopCloser(strings.NewReader("x"))})
	marker := h.must("DeleteObject", service.Params{"Bucket": "bkt", "Key": "k"})["VersionId"].(string)
	for _, tc := range []struct {
		op, version, want string
	}{
		{"PutObjectAcl", "", "MethodNotAllowed"},
		{"PutObjectAcl", marker, "MethodNotAllowed"},
		{"GetObjectAcl", "", "NoSuchKey"},
		{"GetObjectAcl", marker, "MethodNotAllowed"},
	} {
		in := service.Params{"Bucket": "bkt", "Key": "k", "ACL": "private"}
		if tc.version != "" {
			in["VersionId"] = tc.version
		}
		if _, _, err := h.call(tc.op, in, nil); code(err) != tc.want {
			t.Errorf("%s (version %q): got %v, want %s", tc.op, tc.version, err, tc.want)
		}
	}
	if _, _, err := h.call("PutObjectAcl", service.Params{"Bucket": "bkt", "Key": "missing", "ACL": "private"}, nil); code(err) != "NoSuchKey" {
		t.Errorf("PutObjectAcl of a missing key: got %v, want NoSuchKey", err)
	}
}

func TestCopyInPlaceNeedsAChangeOrAnEncryptionConfig(t *testing.T) {
	h := newHarness(t)
	h.must("CreateBucket", service.Params{"Bucket": "bkt"})
	h.must("PutObject", service.Params{"Bucket": "bkt", "Key": "k", "Body": io.NopCloser(strings.NewReader("x"))})
	copyInPlace := service.Params{"Bucket": "bkt", "Key": "k", "CopySource": "bkt/k"}
	if _, _, err := h.call("CopyObject", copyInPlace, nil); code(err) != "InvalidRequest" {
		t.Fatalf("copy in place without a change: got %v, want InvalidRequest", err)
	}
	h.must("PutBucketEncryption", service.Params{"Bucket": "bkt", "ServerSideEncryptionConfiguration": map[string]any{"Rules": []any{
		map[string]any{"ApplyServerSideEncryptionByDefault": map[string]any{"SSEAlgorithm": "AES256"}, "BucketKeyEnabled": false}}}})
	if _, _, err := h.call("CopyObject", copyInPlace, nil); err != nil {
		t.Fatalf("copy in place in a bucket with an encryption configuration: %v", err)
	}
}
