package s3

import (
	"crypto/md5"
	"crypto/sha1"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"hash"
	"hash/crc32"
	"hash/crc64"
	"strings"
)

// ChecksumAlgorithm is one of the flexible checksums S3 supports.
type ChecksumAlgorithm string

// The algorithms, spelled as in x-amz-sdk-checksum-algorithm.
const (
	CRC32     ChecksumAlgorithm = "CRC32"
	CRC32C    ChecksumAlgorithm = "CRC32C"
	SHA1      ChecksumAlgorithm = "SHA1"
	SHA256    ChecksumAlgorithm = "SHA256"
	CRC64NVME ChecksumAlgorithm = "CRC64NVME"
)

// Checksum types of multipart objects.
const (
	ChecksumFullObject = "FULL_OBJECT"
	ChecksumComposite  = "COMPOSITE"
)

// Algorithms lists every supported algorithm in the order AWS documents them.
var Algorithms = []ChecksumAlgorithm{CRC32, CRC32C, SHA1, SHA256, CRC64NVME}

// crc64NVMETable is the table of the NVMe CRC-64 (polynomial
// 0xAD93D23594C93659 normal, 0x9A6C9329AC4BC9B5 reflected).
var crc64NVMETable = crc64.MakeTable(0x9A6C9329AC4BC9B5)

var crc32cTable = crc32.MakeTable(crc32.Castagnoli)

// ParseAlgorithm accepts an algorithm name in any case; ok is false for an
// unknown one.
func ParseAlgorithm(s string) (ChecksumAlgorithm, bool) {
	a := ChecksumAlgorithm(strings.ToUpper(strings.TrimSpace(s)))
	for _, known := range Algorithms {
		if a == known {
			return a, true
		}
	}
	return "", false
}

// Header is the request/response header carrying the checksum.
func (a ChecksumAlgorithm) Header() string { return "x-amz-checksum-" + strings.ToLower(string(a)) }

// Member is the model member name carrying the checksum ("ChecksumCRC32").
func (a ChecksumAlgorithm) Member() string { return "Checksum" + string(a) }

// New returns a fresh hash of the algorithm.
func (a ChecksumAlgorithm) New() hash.Hash {
	switch a {
	case CRC32:
		return crc32.NewIEEE()
	case CRC32C:
		return crc32.New(crc32cTable)
	case SHA1:
		return sha1.New()
	case SHA256:
		return sha256.New()
	case CRC64NVME:
		return crc64.New(crc64NVMETable)
	}
	return nil
}

// IsCRC reports whether the algorithm is a CRC (which support FULL_OBJECT
// multipart checksums).
func (a ChecksumAlgorithm) IsCRC() bool { return a == CRC32 || a == CRC32C || a == CRC64NVME }

// DigestSize is the raw size of a checksum of the algorithm.
func (a ChecksumAlgorithm) DigestSize() int {
	switch a {
	case CRC32, CRC32C:
		return 4
	case CRC64NVME:
		return 8
	case SHA1:
		return 20
	case SHA256:
		return 32
	}
	return 0
}

// ValidEncoded reports whether v is a base64 checksum of the right size.
func (a ChecksumAlgorithm) ValidEncoded(v string) bool {
	b, err := base64.StdEncoding.DecodeString(v)
	return err == nil && len(b) == a.DigestSize()
}

// Sum returns the base64 checksum of data.
func (a ChecksumAlgorithm) Sum(data []byte) string {
	h := a.New()
	h.Write(data)
	return base64.StdEncoding.EncodeToString(h.Sum(nil))
}

// encodeSum base64-encodes a finished hash.
func encodeSum(h hash.Hash) string { return base64.StdEncoding.EncodeToString(h.Sum(nil)) }

// MD5Hex returns the hex MD5 of data, the ETag of a single-part object
// without quotes.
func MD5Hex(data []byte) string {
	s := md5.Sum(data)
	return hexString(s[:])
}

func hexString(b []byte) string {
	const digits = "0123456789abcdef"
	out := make([]byte, len(b)*2)
	for i, c := range b {
		out[i*2] = digits[c>>4]
		out[i*2+1] = digits[c&15]
	}
	return string(out)
}

// MultipartETag computes the ETag of a multipart object: the MD5 of the
// concatenated binary MD5s of the parts, then "-" and the part count, quoted.
func MultipartETag(partMD5s [][]byte) string {
	h := md5.New()
	for _, m := range partMD5s {
		h.Write(m)
	}
	return `"` + hexString(h.Sum(nil)) + "-" + itoa(len(partMD5s)) + `"`
}

// CompositeChecksum is the COMPOSITE checksum of a multipart object: the
// checksum of the concatenated raw part checksums, then "-N".
func CompositeChecksum(a ChecksumAlgorithm, partSums []string) string {
	h := a.New()
	for _, s := range partSums {
		b, _ := base64.StdEncoding.DecodeString(s)
		h.Write(b)
	}
	return encodeSum(h) + "-" + itoa(len(partSums))
}

// crcValue decodes a base64 CRC into its integer value.
func crcValue(a ChecksumAlgorithm, s string) uint64 {
	b, _ := base64.StdEncoding.DecodeString(s)
	if len(b) == 8 {
		return binary.BigEndian.Uint64(b)
	}
	if len(b) == 4 {
		return uint64(binary.BigEndian.Uint32(b))
	}
	return 0
}
