package s3

import "testing"

func TestValidTagText(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want bool
	}{
		{"", true},
		{"tag1", true},
		{"a b+c-d=e.f_g:h/i@j", true},
		{"ünïcödé 値", true},
		{"val1,key2=val2", false},
		{"semi;colon", false},
		{"quote\"", false},
		{"star*", false},
	} {
		if got := validTagText(tc.in); got != tc.want {
			t.Errorf("validTagText(%q) = %v, want %v", tc.in, got, tc.want)
		}
	}
}

func TestParseTaggingHeader(t *testing.T) {
	for _, tc := range []struct {
		in      string
		want    int
		wantErr bool
	}{
		{"", 0, false},
		{"tag1=tag1&tag2=tag2&tag=", 3, false},
		{"wrongquery&wrongagain", 2, false},
		{"key1=val1&key1=val2", 0, true},
		{"key1=val1,key2=val2", 0, true},
		{"k=%ZZ", 0, true},
	} {
		tags, err := parseTaggingHeader(tc.in)
		if (err != nil) != tc.wantErr || len(tags) != tc.want {
			t.Errorf("parseTaggingHeader(%q) = %v, %v; want %d tags, error %v", tc.in, tags, err, tc.want, tc.wantErr)
		}
	}
}

func FuzzParseTaggingHeader(f *testing.F) {
	for _, s := range []string{"a=b&c=d", "x", "a=b,c", "%zz=1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		tags, err := parseTaggingHeader(s)
		if err != nil {
			return
		}
		seen := map[string]bool{}
		for _, tag := range tags {
			if seen[tag.Key] || !validTagText(tag.Key) || !validTagText(tag.Value) {
				t.Fatalf("parseTaggingHeader(%q) accepted %v", s, tags)
			}
			seen[tag.Key] = true
		}
	})
}
