package sqs

import (
	"crypto/md5"
	"encoding/binary"
	"encoding/hex"
	"hash"
	"sort"
	"strings"
)

// AttributeValue is a message attribute or message system attribute value,
// with the model's member names.
type AttributeValue struct {
	DataType         string   `json:"DataType"`
	StringValue      *string  `json:"StringValue,omitempty"`
	BinaryValue      []byte   `json:"BinaryValue,omitempty"`
	StringListValues []string `json:"StringListValues,omitempty"`
	BinaryListValues [][]byte `json:"BinaryListValues,omitempty"`
}

// Transport type bytes of AWS's message attribute digest.
const (
	transportString     = 1
	transportBinary     = 2
	transportStringList = 3
	transportBinaryList = 4
)

// md5Hex is the hex MD5 of s, the MD5OfMessageBody digest.
func md5Hex(s string) string {
	sum := md5.Sum([]byte(s))
	return hex.EncodeToString(sum[:])
}

// md5OfAttributes computes the digest AWS returns as MD5OfMessageAttributes
// (and MD5OfMessageSystemAttributes): attributes sorted by name, each encoded
// as length-prefixed name, length-prefixed data type, one transport-type
// byte and the length-prefixed value(s); lengths are 4-byte big-endian. It is
// "" when there are no attributes.
func md5OfAttributes(attrs map[string]AttributeValue) string {
	if len(attrs) == 0 {
		return ""
	}
	names := make([]string, 0, len(attrs))
	for n := range attrs {
		names = append(names, n)
	}
	sort.Strings(names)
	h := md5.New()
	for _, n := range names {
		v := attrs[n]
		writeLenPrefixed(h, []byte(n))
		writeLenPrefixed(h, []byte(v.DataType))
		switch {
		case v.StringValue != nil:
			h.Write([]byte{transportString})
			writeLenPrefixed(h, []byte(*v.StringValue))
		case v.BinaryValue != nil || strings.HasPrefix(v.DataType, "Binary") && v.StringListValues == nil && v.BinaryListValues == nil:
			h.Write([]byte{transportBinary})
			writeLenPrefixed(h, v.BinaryValue)
		case v.StringListValues != nil:
			h.Write([]byte{transportStringList})
			for _, s := range v.StringListValues {
				writeLenPrefixed(h, []byte(s))
			}
		case v.BinaryListValues != nil:
			h.Write([]byte{transportBinaryList})
			for _, b := range v.BinaryListValues {
				writeLenPrefixed(h, b)
			}
		}
	}
	return hex.EncodeToString(h.Sum(nil))
}

func writeLenPrefixed(h hash.Hash, b []byte) {
	var l [4]byte
	binary.BigEndian.PutUint32(l[:], uint32(len(b)))
	h.Write(l[:])
	h.Write(b)
}
