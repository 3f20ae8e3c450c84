package s3

import (
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestWildcardMatch(t *testing.T) {
	cases := []struct {
		pattern, s string
		fold, want bool
	}{
		{"*", "", false, true},
		{"*", "https://a.example.com", false, true},
		{"https://*.example.com", "https://a.example.com", false, true},
		{"https://*.example.com", "https://a.b.example.com", false, true},
		{"https://*.example.com", "https://example.com", false, false},
		{"https://*.example.com", "http://a.example.com", false, false},
		{"https://*.example.com", "https://a.example.com.evil", false, false},
		{"https://app.example", "https://app.example", false, true},
		{"https://app.example", "https://APP.example", false, false},
		{"http://*", "http://x", false, true},
		{"*.com", "https://a.com", false, true},
		{"a*b*c", "aXbYc", false, true},
		{"a*b*c", "aXbY", false, false},
		{"x-amz-*", "X-Amz-Meta-A", true, true},
		{"Content-Type", "content-type", true, true},
		{"Content-Type", "content-length", true, false},
		{"", "", false, true},
		{"", "a", false, false},
		{"**", "abc", false, true},
	}
	for _, c := range cases {
		if got := wildcardMatch(c.pattern, c.s, c.fold); got != c.want {
			t.Errorf("wildcardMatch(%q, %q, %v) = %v, want %v", c.pattern, c.s, c.fold, got, c.want)
		}
	}
}

func TestMatchCORSRule(t *testing.T) {
	rules := []corsRule{
		{AllowedOrigins: []string{"https://*.example.com"}, AllowedMethods: []string{"GET", "PUT"}, AllowedHeaders: []string{"x-amz-*", "Content-Type"}},
		{AllowedOrigins: []string{"https://app.example"}, AllowedMethods: []string{"POST"}},
		{AllowedOrigins: []string{"*"}, AllowedMethods: []string{"HEAD"}, AllowedHeaders: []string{"*"}},
	}
	cases := []struct {
		name, origin, method string
		headers              []string
		want                 int // index of the rule, -1 for none
	}{
		{"wildcard origin and listed headers", "https://a.example.com", "PUT", []string{"x-amz-meta-a", "content-type"}, 0},
		{"no headers requested", "https://a.example.com", "GET", nil, 0},
		{"header not allowed", "https://a.example.com", "GET", []string{"authorization"}, -1},
		{"method not allowed", "https://a.example.com", "DELETE", nil, -1},
		{"origin not allowed", "https://evil.com", "GET", nil, -1},
		{"second rule", "https://app.example", "POST", nil, 1},
		{"rule without AllowedHeaders refuses headers", "https://app.example", "POST", []string{"x-amz-date"}, -1},
		{"any origin with any header", "https://evil.com", "HEAD", []string{"x-anything"}, 2},
		{"methods are case-sensitive", "https://a.example.com", "get", nil, -1},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := matchCORSRule(rules, c.origin, c.method, c.headers)
			want := (*corsRule)(nil)
			if c.want >= 0 {
				want = &rules[c.want]
			}
			if got != want {
				t.Fatalf("got %+v, want %+v", got, want)
			}
		})
	}
}

func TestCORSRulesOf(t *testing.T) {
	cfg := map[string]any{"CORSRules": []any{
		map[string]any{"AllowedOrigins": []any{"*"}, "AllowedMethods": []any{"GET"}, "MaxAgeSeconds": int64(300), "ExposeHeaders": []any{"ETag"}},
		map[string]any{"AllowedOrigins": "https://one", "AllowedMethods": []any{"PUT"}},
	}}
	rules := corsRulesOf(cfg)
	if len(rules) != 2 || rules[0].MaxAgeSeconds != "300" || rules[0].ExposeHeaders[0] != "ETag" || rules[1].MaxAgeSeconds != "" || !rules[0].wildcardOrigin() || rules[1].wildcardOrigin() {
		t.Fatalf("rules: %+v", rules)
	}
	if corsRulesOf(nil) != nil {
		t.Fatal("no configuration has rules")
	}
}

func TestRequestedHeaders(t *testing.T) {
	got := requestedHeaders(" X-Amz-Date, ,content-type ")
	if strings.Join(got, "|") != "x-amz-date|content-type" {
		t.Fatalf("got %q", got)
	}
}

// FuzzWildcardMatch compares the matcher with a regular expression where
// each "*" is ".*" and everything else literal.
func FuzzWildcardMatch(f *testing.F) {
	f.Add("https://*.example.com", "https://a.example.com", false)
	f.Add("a*b*c", "aXbYc", true)
	f.Add("*", "", false)
	f.Add("x-AMZ-*", "X-amz-meta", true)
	f.Fuzz(func(t *testing.T, pattern, s string, fold bool) {
		// the regular expression reads UTF-8; origins and header names are ASCII
		if len(pattern) > 64 || len(s) > 64 || !utf8.ValidString(pattern) || !utf8.ValidString(s) {
			return
		}
		got := wildcardMatch(pattern, s, fold)
		p, v := pattern, s
		if fold {
			p, v = strings.ToLower(p), strings.ToLower(v)
		}
		parts := strings.Split(p, "*")
		for i, part := range parts {
			parts[i] = regexp.QuoteMeta(part)
		}
		re := regexp.MustCompile(`(?s)\A` + strings.Join(parts, ".*") + `\z`)
		if want := re.MatchString(v); got != want {
			t.Fatalf("wildcardMatch(%q, %q, %v) = %v, regexp says %v", pattern, s, fold, got, want)
		}
	})
}
