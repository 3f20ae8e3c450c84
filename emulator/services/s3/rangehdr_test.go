package s3

import "testing"

func TestParseRange(t *testing.T) {
	// cases from the AWS recordings of test_get_object_range (a 10 byte object)
	tests := []struct {
		header  string
		outcome rangeOutcome
		start   int64
		end     int64
	}{
		{"bytes=0-8", rangeOK, 0, 8},
		{"bytes=1-1", rangeOK, 1, 1},
		{"bytes=0-0", rangeOK, 0, 0},
		{"bytes=1-", rangeOK, 1, 9},
		{"bytes=-2", rangeOK, 8, 9},
		{"bytes=-9", rangeOK, 1, 9},
		{"bytes=-15", rangeOK, 0, 9},
		{"bytes=0-100", rangeOK, 0, 9},
		{"bytes=-0", rangeUnsatisfiable, 0, 0},
		{"bytes=100-200", rangeUnsatisfiable, 0, 0},
		{"bytes=-", rangeIgnored, 0, 0},
		{"bytes=-1-", rangeIgnored, 0, 0},
		{"bytes=0--1", rangeIgnored, 0, 0},
		{"bytes=1-0", rangeIgnored, 0, 0},
		{"bytes=0-1,3-4", rangeIgnored, 0, 0},
		{"0-1", rangeIgnored, 0, 0},
	}
	for _, tt := range tests {
		r, outcome := ParseRange(tt.header, 10)
		if outcome != tt.outcome || (outcome == rangeOK && (r.Start != tt.start || r.End != tt.end)) {
			t.Errorf("ParseRange(%q) = %+v %v, want %d-%d %v", tt.header, r, outcome, tt.start, tt.end, tt.outcome)
		}
	}
}

func TestParseCopySourceRange(t *testing.T) {
	for in, ok := range map[string]bool{"bytes=0-5": true, "bytes=-": false, "bytes=-0": false, "bytes=5-1": false, "0-5": false, "bytes=0-": false} {
		if _, got := ParseCopySourceRange(in); got != ok {
			t.Errorf("ParseCopySourceRange(%q) ok = %v", in, got)
		}
	}
}

func FuzzParseRange(f *testing.F) {
	for _, s := range []string{"bytes=0-8", "bytes=-2", "bytes=1-", "bytes=-", "bytes=9223372036854775807-"} {
		f.Add(s, int64(10))
	}
	f.Fuzz(func(t *testing.T, header string, size int64) {
		if size < 0 {
			size = -size
		}
		if size < 0 {
			return
		}
		r, outcome := ParseRange(header, size)
		if outcome == rangeOK && (r.Start < 0 || r.End >= size || r.Start > r.End) {
			t.Fatalf("ParseRange(%q, %d) = %+v outside the object", header, size, r)
		}
		if cr, ok := ParseCopySourceRange(header); ok && (cr.Start < 0 || cr.End < cr.Start) {
			t.Fatalf("ParseCopySourceRange(%q) = %+v", header, cr)
		}
	})
}
