package s3

import (
	"strconv"
	"strings"
)

// ByteRange is a resolved, satisfiable range [Start, End] inclusive.
type ByteRange struct {
	Start, End int64
}

// Length is the number of bytes in the range.
func (r ByteRange) Length() int64 { return r.End - r.Start + 1 }

// rangeOutcome classifies a Range header against an object size.
type rangeOutcome int

const (
	rangeIgnored       rangeOutcome = iota // malformed or multi-range: serve the whole object, as AWS does
	rangeOK                                // serve Range
	rangeUnsatisfiable                     // 416 InvalidRange
)

// ParseRange interprets a Range header value for an object of size bytes, the
// way S3 does: a syntactically invalid header is ignored (full object), a
// valid one outside the object is unsatisfiable.
func ParseRange(header string, size int64) (ByteRange, rangeOutcome) {
	spec, ok := strings.CutPrefix(strings.TrimSpace(header), "bytes=")
	if !ok || strings.Contains(spec, ",") {
		return ByteRange{}, rangeIgnored
	}
	first, last, ok := strings.Cut(strings.TrimSpace(spec), "-")
	if !ok {
		return ByteRange{}, rangeIgnored
	}
	first, last = strings.TrimSpace(first), strings.TrimSpace(last)
	switch {
	case first == "" && last == "":
		return ByteRange{}, rangeIgnored
	case first == "":
		n, err := strconv.ParseInt(last, 10, 64)
		if err != nil || n < 0 {
			return ByteRange{}, rangeIgnored
		}
		if n == 0 {
			return ByteRange{}, rangeUnsatisfiable
		}
		if size == 0 {
			return ByteRange{}, rangeUnsatisfiable
		}
		return ByteRange{Start: max(size-n, 0), End: size - 1}, rangeOK
	}
	start, err := strconv.ParseInt(first, 10, 64)
	if err != nil || start < 0 {
		return ByteRange{}, rangeIgnored
	}
	end := size - 1
	if last != "" {
		e, err := strconv.ParseInt(last, 10, 64)
		if err != nil || e < start {
			return ByteRange{}, rangeIgnored
		}
		end = min(e, size-1)
	}
	if start >= size {
		return ByteRange{}, rangeUnsatisfiable
	}
	return ByteRange{Start: start, End: end}, rangeOK
}

// ParseCopySourceRange parses x-amz-copy-source-range, which must be exactly
// bytes=first-last; ok is false otherwise.
func ParseCopySourceRange(header string) (ByteRange, bool) {
	spec, ok := strings.CutPrefix(header, "bytes=")
	if !ok {
		return ByteRange{}, false
	}
	first, last, ok := strings.Cut(spec, "-")
	if !ok {
		return ByteRange{}, false
	}
	s, err1 := strconv.ParseInt(first, 10, 64)
	e, err2 := strconv.ParseInt(last, 10, 64)
	if err1 != nil || err2 != nil || s < 0 || e < s {
		return ByteRange{}, false
	}
	return ByteRange{Start: s, End: e}, true
}
