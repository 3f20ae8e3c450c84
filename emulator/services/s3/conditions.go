package s3

import (
	"strings"
	"time"

	"github.com/parity-harness/parity/emulator/awserr"
)

// Preconditions are the conditional headers of a read (GET/HEAD) or of the
// source of a copy.
type Preconditions struct {
	IfMatch, IfNoneMatch               string
	IfModifiedSince, IfUnmodifiedSince *time.Time
}

// conditionOutcome is what a conditional request resolves to.
type conditionOutcome int

const (
	conditionPass        conditionOutcome = iota
	conditionNotModified                  // 304 for reads
	conditionFailed                       // 412
)

// Evaluate applies S3's precedence: If-Match overrides If-Unmodified-Since,
// If-None-Match overrides If-Modified-Since; a failing If-Match or
// If-Unmodified-Since is a 412, a matching If-None-Match or an unmodified
// If-Modified-Since is a 304. failed names the header that decided.
func (p Preconditions) Evaluate(etag string, lastModified, now time.Time) (conditionOutcome, string) {
	lm := lastModified.Truncate(time.Second)
	if p.IfMatch != "" {
		if !etagListMatches(p.IfMatch, etag) {
			return conditionFailed, "If-Match"
		}
	} else if p.IfUnmodifiedSince != nil && lm.After(*p.IfUnmodifiedSince) {
		return conditionFailed, "If-Unmodified-Since"
	}
	if p.IfNoneMatch != "" {
		if etagListMatches(p.IfNoneMatch, etag) {
			return conditionNotModified, "If-None-Match"
		}
	} else if p.IfModifiedSince != nil && !p.IfModifiedSince.After(now) && !lm.After(*p.IfModifiedSince) {
		return conditionNotModified, "If-Modified-Since"
	}
	return conditionPass, ""
}

// etagListMatches reports whether a header listing ETags (quoted or not,
// comma separated, or "*") names etag.
func etagListMatches(header, etag string) bool {
	want := strings.Trim(etag, `"`)
	for _, v := range strings.Split(header, ",") {
		v = strings.TrimSpace(v)
		v = strings.TrimPrefix(v, "W/")
		if v == "*" || strings.Trim(v, `"`) == want {
			return true
		}
	}
	return false
}

// readPreconditionError is the error of a GET or HEAD whose conditions do
// not hold.
func readPreconditionError(outcome conditionOutcome, header string) error {
	if outcome == conditionNotModified {
		return awserr.New("NotModified", 304, "Not Modified")
	}
	return preconditionFailed(header)
}

// preconditionFailed is the 412 of a condition named by header.
func preconditionFailed(header string) *awserr.Error {
	return awserr.New("PreconditionFailed", 412, "At least one of the pre-conditions you specified did not hold").With("Condition", header)
}

// copySourcePreconditionError maps a copy-source condition to its error:
// copies answer 412 for every failing condition, naming the copy header.
func copySourcePreconditionError(header string) error {
	return preconditionFailed("x-amz-copy-source-" + header)
}
