package s3

import (
	"bytes"
	"crypto/md5"
	"encoding/base64"
	"encoding/binary"
	"testing"
)

func TestChecksumKnownVectors(t *testing.T) {
	check := []byte("123456789")
	u64 := func(v uint64) string {
		b := make([]byte, 8)
		binary.BigEndian.PutUint64(b, v)
		return base64.StdEncoding.EncodeToString(b)
	}
	u32 := func(v uint32) string {
		b := make([]byte, 4)
		binary.BigEndian.PutUint32(b, v)
		return base64.StdEncoding.EncodeToString(b)
	}
	tests := []struct {
		alg  ChecksumAlgorithm
		data []byte
		want string
	}{
		{CRC64NVME, check, u64(0xAE8B14860A799888)}, // CRC-64/NVME check value
		{CRC32, check, u32(0xCBF43926)},
		{CRC32C, check, u32(0xE3069283)},
		{CRC64NVME, []byte{}, u64(0)},
		// values AWS returned for "data" and 16 bytes of JSON (reference recordings)
		{CRC32, []byte("data"), "rfPzYw=="},
		{CRC64NVME, []byte(`{"key": "value"}`), "pX30eiUx5C0="},
		{SHA1, []byte("test data.."), ""},
	}
	for _, tt := range tests {
		got := tt.alg.Sum(tt.data)
		if tt.want != "" && got != tt.want {
			t.Errorf("%s(%q) = %s, want %s", tt.alg, tt.data, got, tt.want)
		}
		if !tt.alg.ValidEncoded(got) {
			t.Errorf("%s: own checksum %s not valid", tt.alg, got)
		}
	}
}

func TestParseAlgorithm(t *testing.T) {
	for in, want := range map[string]ChecksumAlgorithm{"crc32": CRC32, "CRC64NVME": CRC64NVME, " sha256 ": SHA256, "md5": "", "": ""} {
		got, ok := ParseAlgorithm(in)
		if got != want || ok != (want != "") {
			t.Errorf("ParseAlgorithm(%q) = %q, %v", in, got, ok)
		}
	}
}

func TestMultipartETag(t *testing.T) {
	p1, p2 := md5.Sum([]byte("a")), md5.Sum([]byte("b"))
	cat := md5.Sum(append(p1[:], p2[:]...))
	want := `"` + hexString(cat[:]) + `-2"`
	if got := MultipartETag([][]byte{p1[:], p2[:]}); got != want {
		t.Fatalf("MultipartETag = %s, want %s", got, want)
	}
	if got := MD5Hex([]byte("data")); got != "8d777f385d3dfec8815d20f7496026dc" {
		t.Fatalf("MD5Hex(data) = %s", got)
	}
}

func TestCRCCombine(t *testing.T) {
	a := bytes.Repeat([]byte("parity"), 1000)
	b := []byte("the second part, shorter")
	for _, alg := range []ChecksumAlgorithm{CRC32, CRC32C, CRC64NVME} {
		whole := alg.Sum(append(append([]byte{}, a...), b...))
		got := combineChecksums(alg, []string{alg.Sum(a), alg.Sum(b), alg.Sum(nil)}, []int64{int64(len(a)), int64(len(b)), 0})
		if got != whole {
			t.Errorf("%s: combined %s, whole %s", alg, got, whole)
		}
	}
}

func TestCompositeChecksum(t *testing.T) {
	s1, s2 := SHA256.Sum([]byte("x")), SHA256.Sum([]byte("y"))
	got := CompositeChecksum(SHA256, []string{s1, s2})
	r1, _ := base64.StdEncoding.DecodeString(s1)
	r2, _ := base64.StdEncoding.DecodeString(s2)
	if want := SHA256.Sum(append(r1, r2...)) + "-2"; got != want {
		t.Fatalf("composite = %s, want %s", got, want)
	}
}
