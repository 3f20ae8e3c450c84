package s3

import (
	"testing"
	"time"
)

func TestPreconditions(t *testing.T) {
	lm := time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)
	now := lm.Add(time.Hour)
	before, after, future := lm.Add(-time.Minute), lm.Add(time.Minute), now.Add(time.Hour)
	etag := `"abc"`
	tests := []struct {
		name    string
		p       Preconditions
		outcome conditionOutcome
		header  string
	}{
		{"none", Preconditions{}, conditionPass, ""},
		{"if-match ok", Preconditions{IfMatch: `"abc"`}, conditionPass, ""},
		{"if-match unquoted", Preconditions{IfMatch: "abc"}, conditionPass, ""},
		{"if-match star", Preconditions{IfMatch: "*"}, conditionPass, ""},
		{"if-match fails", Preconditions{IfMatch: `"zzz"`}, conditionFailed, "If-Match"},
		{"if-none-match matches", Preconditions{IfNoneMatch: "abc"}, conditionNotModified, "If-None-Match"},
		{"if-none-match other", Preconditions{IfNoneMatch: `"zzz"`}, conditionPass, ""},
		{"modified since before", Preconditions{IfModifiedSince: &before}, conditionPass, ""},
		{"modified since after", Preconditions{IfModifiedSince: &after}, conditionNotModified, "If-Modified-Since"},
		{"modified since equal", Preconditions{IfModifiedSince: &lm}, conditionNotModified, "If-Modified-Since"},
		{"modified since future ignored", Preconditions{IfModifiedSince: &future}, conditionPass, ""},
		{"unmodified since before", Preconditions{IfUnmodifiedSince: &before}, conditionFailed, "If-Unmodified-Since"},
		{"unmodified since equal", Preconditions{IfUnmodifiedSince: &lm}, conditionPass, ""},
		{"if-match overrides unmodified", Preconditions{IfMatch: "abc", IfUnmodifiedSince: &before}, conditionPass, ""},
		{"if-none-match overrides modified", Preconditions{IfNoneMatch: "zzz", IfModifiedSince: &after}, conditionPass, ""},
	}
	for _, tt := range tests {
		outcome, header := tt.p.Evaluate(etag, lm, now)
		if outcome != tt.outcome || header != tt.header {
			t.Errorf("%s: got %v %q, want %v %q", tt.name, outcome, header, tt.outcome, tt.header)
		}
	}
}
