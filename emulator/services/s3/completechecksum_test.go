package s3

import (
	"encoding/base64"
	"strings"
	"testing"

	"github.com/parity-harness/parity/emulator/awserr"
	"github.com/parity-harness/parity/emulator/service"
)

func codeAndMessage(err error) (code, message string) {
	if err == nil {
		return "", ""
	}
	ae, ok := err.(*awserr.Error)
	if !ok {
		return "not-aws", err.Error()
	}
	return ae.Code, ae.Message
}

func TestRequestedCompletionChecksum(t *testing.T) {
	tests := []struct {
		name    string
		in      service.Params
		want    completionChecksum
		present bool
		code    string
		message string
	}{
		{name: "none", in: service.Params{}},
		{name: "one", in: service.Params{"ChecksumCRC32C": "Nks/tw=="}, want: completionChecksum{CRC32C, "Nks/tw=="}, present: true},
		{name: "composite form", in: service.Params{"ChecksumSHA1": SHA1.Sum(nil) + "-3"}, want: completionChecksum{SHA1, SHA1.Sum(nil) + "-3"}, present: true},
		{name: "not base64", in: service.Params{"ChecksumSHA256": "wrongchecksum"}, code: "InvalidRequest", message: "Value for x-amz-checksum-sha256 header is invalid."},
		{name: "wrong size", in: service.Params{"ChecksumCRC64NVME": "Nks/tw=="}, code: "InvalidRequest", message: "Value for x-amz-checksum-crc64nvme header is invalid."},
		{name: "two", in: service.Params{"ChecksumCRC32": "NSRBwg==", "ChecksumCRC32C": "Nks/tw=="}, code: "InvalidRequest",
			message: "Expecting a single x-amz-checksum- header. Multiple checksum Types are not allowed."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, present, err := requestedCompletionChecksum(nil, tt.in)
			code, message := codeAndMessage(err)
			if code != tt.code || message != tt.message {
				t.Fatalf("error = %s %q, want %s %q", code, message, tt.code, tt.message)
			}
			if got != tt.want || present != tt.present {
				t.Fatalf("got %+v %v, want %+v %v", got, present, tt.want, tt.present)
			}
		})
	}
}

func TestCheckCompletionChecksum(t *testing.T) {
	abc := CRC32C.Sum([]byte("abc")) // "Nks/tw==", the FULL_OBJECT checksum of a one-part "abc"
	composite := CompositeChecksum(CRC32C, []string{abc})
	shaParts := []string{SHA256.Sum([]byte("x")), SHA256.Sum([]byte("y"))}
	shaComposite := CompositeChecksum(SHA256, shaParts)
	tests := []struct {
		name       string
		given      completionChecksum
		alg        ChecksumAlgorithm
		mode, full string
		parts      []string
		code, msg  string
	}{
		{name: "full object match", given: completionChecksum{CRC32C, abc}, alg: CRC32C, mode: ChecksumFullObject, full: abc, parts: []string{abc}},
		{name: "full object mismatch", given: completionChecksum{CRC32C, "yZRlqg=="}, alg: CRC32C, mode: ChecksumFullObject, full: abc, parts: []string{abc},
			code: "BadDigest", msg: "The crc32c you specified did not match the calculated checksum."},
		{name: "other algorithm names the upload's", given: completionChecksum{CRC32, "NSRBwg=="}, alg: CRC32C, mode: ChecksumFullObject, full: abc, parts: []string{abc},
			code: "BadDigest", msg: "The crc32c you specified did not match the calculated checksum."},
		{name: "no type checks as composite", given: completionChecksum{CRC32C, abc}, alg: CRC32C, full: abc, parts: []string{abc},
			code: "BadDigest", msg: "The crc32c you specified did not match the calculated checksum."},
		{name: "no type composite value", given: completionChecksum{CRC32C, composite}, alg: CRC32C, full: abc, parts: []string{abc}},
		{name: "composite without suffix", given: completionChecksum{SHA256, strings.TrimSuffix(shaComposite, "-2")}, alg: SHA256, mode: ChecksumComposite, parts: shaParts},
		{name: "composite wrong part count", given: completionChecksum{SHA256, strings.TrimSuffix(shaComposite, "-2") + "-3"}, alg: SHA256, mode: ChecksumComposite, parts: shaParts,
			code: "BadDigest", msg: "The SHA256 you specified did not match the calculated checksum."},
		{name: "full object asked of a composite upload", given: completionChecksum{SHA256, shaComposite}, alg: SHA256, mode: ChecksumFullObject, parts: shaParts,
			code: "BadDigest", msg: "The SHA256 you specified did not match the calculated checksum."},
		{name: "crc64nvme has no composite form", given: completionChecksum{CRC64NVME, CRC64NVME.Sum(nil)}, alg: CRC64NVME, full: CRC64NVME.Sum(nil), parts: []string{CRC64NVME.Sum(nil)},
			code: "BadDigest", msg: "The CRC64NVME you specified did not match the calculated checksum."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, msg := codeAndMessage(checkCompletionChecksum(tt.given, tt.alg, tt.mode, tt.full, tt.parts))
			if code != tt.code || msg != tt.msg {
				t.Fatalf("got %s %q, want %s %q", code, msg, tt.code, tt.msg)
			}
		})
	}
}

func FuzzRequestedCompletionChecksum(f *testing.F) {
	for _, seed := range []string{"Nks/tw==", "Nks/tw==-1", "wrongchecksum", "", "-", "AAAAAAAAAAA=-10000", "==="} {
		f.Add("ChecksumCRC32C", seed)
		f.Add("ChecksumCRC64NVME", seed)
	}
	f.Fuzz(func(t *testing.T, member, value string) {
		got, present, err := requestedCompletionChecksum(nil, service.Params{member: value})
		if err != nil {
			if code, _ := codeAndMessage(err); code != "InvalidRequest" {
				t.Fatalf("error %v is not InvalidRequest", err)
			}
			return
		}
		if !present {
			return
		}
		base, _, _ := strings.Cut(got.value, "-")
		raw, decodeErr := base64.StdEncoding.DecodeString(base)
		if decodeErr != nil || len(raw) != got.alg.DigestSize() {
			t.Fatalf("accepted %q for %s", got.value, got.alg)
		}
		// checking an accepted value never panics and answers BadDigest or nil
		if code, _ := codeAndMessage(checkCompletionChecksum(got, got.alg, "", got.value, []string{got.value})); code != "" && code != "BadDigest" {
			t.Fatalf("check answered %s", code)
		}
	})
}
