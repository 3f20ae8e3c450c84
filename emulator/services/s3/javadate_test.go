package s3

import (
	"testing"
	"time"
)

func TestJavaDate(t *testing.T) {
	for _, tc := range []struct {
		in   time.Time
		want string
	}{
		{time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC), "Tue Dec 31 16:00:00 PST 2019"},
		{time.Date(2024, 7, 4, 12, 30, 5, 0, time.UTC), "Thu Jul 04 05:30:05 PDT 2024"},
	} {
		if got := javaDate(tc.in); got != tc.want {
			t.Errorf("javaDate(%v) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
