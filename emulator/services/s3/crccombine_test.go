package s3

import (
	"encoding/base64"
	"encoding/binary"
	"strings"
	"testing"
)

func TestCombineChecksumsKnownValues(t *testing.T) {
	u32 := func(v uint32) string {
		b := make([]byte, 4)
		binary.BigEndian.PutUint32(b, v)
		return base64.StdEncoding.EncodeToString(b)
	}
	u64 := func(v uint64) string {
		b := make([]byte, 8)
		binary.BigEndian.PutUint64(b, v)
		return base64.StdEncoding.EncodeToString(b)
	}
	big, last := strings.Repeat("a", 5<<20+1), strings.Repeat("a", 10)
	tests := []struct {
		name  string
		alg   ChecksumAlgorithm
		parts []string
		want  string
	}{
		// the CRC catalogue's check values, "123456789" split in two
		{"crc32 check value", CRC32, []string{"12345", "6789"}, u32(0xCBF43926)},
		{"crc32c check value", CRC32C, []string{"1234", "56789"}, u32(0xE3069283)},
		{"crc64nvme check value", CRC64NVME, []string{"1", "2345678", "9"}, u64(0xAE8B14860A799888)},
		{"single part", CRC32C, []string{"abc"}, "Nks/tw=="},
		{"empty last part", CRC32, []string{"123456789", ""}, u32(0xCBF43926)},
		// FULL_OBJECT checksums AWS answered for two 5 MiB + 1 parts of "a"
		// and a part of ten "a" (reference test_complete_multipart_parts_checksum_full_object)
		{"aws crc32 full object", CRC32, []string{big, big, last}, "qSEQSA=="},
		{"aws crc64nvme full object", CRC64NVME, []string{big, big, last}, "ZMNX55lZurA="},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sums := make([]string, len(tt.parts))
			sizes := make([]int64, len(tt.parts))
			for i, p := range tt.parts {
				sums[i], sizes[i] = tt.alg.Sum([]byte(p)), int64(len(p))
			}
			if got := combineChecksums(tt.alg, sums, sizes); got != tt.want {
				t.Fatalf("combineChecksums = %s, want %s", got, tt.want)
			}
		})
	}
}
