package s3

import (
	"crypto/rand"
	"hash/fnv"
	"strings"
	"sync/atomic"
	"time"
)

// Version order. The versions of a key list newest first, and a version-id
// marker resumes a listing after the version it names, even once that
// version is deleted: S3 still knows where it stood. Every version therefore
// carries a sequence number from one process-wide clock, and its id carries
// the same number (masked by the id's random part, so ids stay opaque):
// the position of a deleted version is read back from its id.

// versionClock is the last sequence number handed out.
var versionClock atomic.Uint64

// nextVersionSequence returns a number greater than every one returned
// before: the current time in nanoseconds, or one more than the last number
// when the clock has not moved on.
func nextVersionSequence() uint64 {
	for {
		last := versionClock.Load()
		next := uint64(time.Now().UnixNano())
		if next <= last {
			next = last + 1
		}
		if versionClock.CompareAndSwap(last, next) {
			return next
		}
	}
}

const (
	versionIDLength = 32
	// versionSeqChars characters of 6 bits hold the 64-bit sequence number.
	versionSeqChars  = 11
	versionRandChars = versionIDLength - versionSeqChars
)

// orderedVersionID returns a version id shaped like AWS's (32 URL-safe
// characters) that carries seq.
func orderedVersionID(seq uint64) string {
	var b strings.Builder
	b.Grow(versionIDLength)
	random := make([]byte, versionRandChars)
	_, _ = rand.Read(random)
	for _, r := range random {
		b.WriteByte(versionAlphabet[int(r)%len(versionAlphabet)])
	}
	v := seq ^ versionMask(b.String())
	for i := versionSeqChars - 1; i >= 0; i-- {
		b.WriteByte(versionAlphabet[(v>>(6*uint(i)))&63])
	}
	return b.String()
}

// versionSequence reads back the sequence number of a version id made by
// orderedVersionID; ok is false for "null" and for ids it did not make.
func versionSequence(id string) (seq uint64, ok bool) {
	if len(id) != versionIDLength {
		return 0, false
	}
	var v uint64
	for i := versionRandChars; i < versionIDLength; i++ {
		d := strings.IndexByte(versionAlphabet, id[i])
		if d < 0 {
			return 0, false
		}
		if i == versionRandChars && d > 15 {
			return 0, false // more than 64 bits
		}
		v = v<<6 | uint64(d)
	}
	seq = v ^ versionMask(id[:versionRandChars])
	if seq == 0 || seq > versionClock.Load() {
		return 0, false // not handed out by this clock
	}
	return seq, true
}

// versionMask derives the mask of the sequence number from the random part
// of an id.
func versionMask(random string) uint64 {
	h := fnv.New64a()
	_, _ = h.Write([]byte(random))
	return h.Sum64()
}

// olderThanMarker reports whether o comes after the version named by
// marker in a listing of o's key (newest first): o is older than the
// marker's version. ok is false when the marker's position is unknown.
func olderThanMarker(o *Object, marker string) (older, ok bool) {
	seq, ok := versionSequence(marker)
	if !ok || o.Sequence == 0 {
		return false, false
	}
	return o.Sequence < seq, true
}
