package s3

// CRC combination (the GF(2) matrix method of zlib's crc32_combine),
// generalised to the reflected CRC-32, CRC-32C and CRC-64/NVME: the CRC of
// A‖B from CRC(A), CRC(B) and len(B). It lets a FULL_OBJECT multipart
// checksum be derived from per-part checksums without re-reading the parts.

// reflectedPoly returns the reflected polynomial and width of a CRC.
func reflectedPoly(a ChecksumAlgorithm) (uint64, int) {
	switch a {
	case CRC32:
		return 0xEDB88320, 32
	case CRC32C:
		return 0x82F63B78, 32
	case CRC64NVME:
		return 0x9A6C9329AC4BC9B5, 64
	}
	return 0, 0
}

func gf2Times(mat []uint64, vec uint64) uint64 {
	var sum uint64
	for i := 0; vec != 0; i, vec = i+1, vec>>1 {
		if vec&1 != 0 {
			sum ^= mat[i]
		}
	}
	return sum
}

func gf2Square(square, mat []uint64) {
	for n := range mat {
		square[n] = gf2Times(mat, mat[n])
	}
}

// crcCombine returns the CRC of the concatenation of two byte strings.
func crcCombine(a ChecksumAlgorithm, crc1, crc2 uint64, len2 int64) uint64 {
	poly, bits := reflectedPoly(a)
	if len2 <= 0 || bits == 0 {
		return crc1
	}
	even, odd := make([]uint64, bits), make([]uint64, bits)
	odd[0] = poly
	row := uint64(1)
	for n := 1; n < bits; n++ {
		odd[n] = row
		row <<= 1
	}
	gf2Square(even, odd)
	gf2Square(odd, even)
	for {
		gf2Square(even, odd)
		if len2&1 != 0 {
			crc1 = gf2Times(even, crc1)
		}
		len2 >>= 1
		if len2 == 0 {
			break
		}
		gf2Square(odd, even)
		if len2&1 != 0 {
			crc1 = gf2Times(odd, crc1)
		}
		len2 >>= 1
		if len2 == 0 {
			break
		}
	}
	return crc1 ^ crc2
}

// encodeCRC renders a CRC value as S3's base64 big-endian checksum.
func encodeCRC(a ChecksumAlgorithm, v uint64) string {
	if _, bits := reflectedPoly(a); bits == 32 {
		b := []byte{byte(v >> 24), byte(v >> 16), byte(v >> 8), byte(v)}
		return b64(b)
	}
	b := make([]byte, 8)
	for i := range 8 {
		b[i] = byte(v >> (56 - 8*i))
	}
	return b64(b)
}

// combineChecksums folds per-part CRCs into the CRC of the whole object.
func combineChecksums(a ChecksumAlgorithm, sums []string, sizes []int64) string {
	var acc uint64
	for i, s := range sums {
		v := crcValue(a, s)
		if i == 0 {
			acc = v
			continue
		}
		acc = crcCombine(a, acc, v, sizes[i])
	}
	return encodeCRC(a, acc)
}
