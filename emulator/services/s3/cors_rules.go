package s3

import (
	"strconv"
	"strings"
)

// corsRule is one rule of a bucket's CORS configuration.
type corsRule struct {
	AllowedOrigins []string
	AllowedMethods []string
	AllowedHeaders []string
	ExposeHeaders  []string
	// MaxAgeSeconds is "" when the rule sets none.
	MaxAgeSeconds string
}

// corsRulesOf reads the rules of a stored CORS configuration, in order.
func corsRulesOf(cfg map[string]any) []corsRule {
	var rules []corsRule
	for _, r := range list(cfg, "CORSRules") {
		m, _ := r.(map[string]any)
		if m == nil {
			continue
		}
		rule := corsRule{
			AllowedOrigins: corsStrings(m, "AllowedOrigins"),
			AllowedMethods: corsStrings(m, "AllowedMethods"),
			AllowedHeaders: corsStrings(m, "AllowedHeaders"),
			ExposeHeaders:  corsStrings(m, "ExposeHeaders"),
		}
		if n, ok := integer(m, "MaxAgeSeconds"); ok {
			rule.MaxAgeSeconds = strconv.FormatInt(n, 10)
		}
		rules = append(rules, rule)
	}
	return rules
}

// corsStrings returns the string members of a list member.
func corsStrings(m map[string]any, member string) []string {
	var out []string
	for _, v := range list(m, member) {
		if s, ok := v.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

// matchCORSRule returns the first rule that allows origin (AllowedOrigins,
// with "*" wildcards, case-sensitive), method (one of AllowedMethods) and
// every requested header (AllowedHeaders, "*" wildcards, any case); nil
// when none does.
func matchCORSRule(rules []corsRule, origin, method string, headers []string) *corsRule {
	for i := range rules {
		r := &rules[i]
		if r.allowsOrigin(origin) && r.allowsMethod(method) && r.allowsHeaders(headers) {
			return r
		}
	}
	return nil
}

func (r *corsRule) allowsOrigin(origin string) bool {
	for _, p := range r.AllowedOrigins {
		if wildcardMatch(p, origin, false) {
			return true
		}
	}
	return false
}

func (r *corsRule) allowsMethod(method string) bool {
	for _, m := range r.AllowedMethods {
		if m == method {
			return true
		}
	}
	return false
}

func (r *corsRule) allowsHeaders(headers []string) bool {
	for _, h := range headers {
		allowed := false
		for _, p := range r.AllowedHeaders {
			if wildcardMatch(p, h, true) {
				allowed = true
				break
			}
		}
		if !allowed {
			return false
		}
	}
	return true
}

// wildcardOrigin reports whether the rule answers any origin: its
// Access-Control-Allow-Origin is then "*" and it grants no credentials.
func (r *corsRule) wildcardOrigin() bool {
	for _, p := range r.AllowedOrigins {
		if p == "*" {
			return true
		}
	}
	return false
}

// requestedHeaders splits an Access-Control-Request-Headers value into its
// header names, lower-cased, skipping empty entries.
func requestedHeaders(v string) []string {
	var out []string
	for _, h := range strings.Split(v, ",") {
		if h = strings.ToLower(strings.TrimSpace(h)); h != "" {
			out = append(out, h)
		}
	}
	return out
}

// wildcardMatch reports whether s matches pattern, in which each "*"
// stands for any run of characters (possibly empty) and every other
// character for itself (ignoring case when fold is set).
func wildcardMatch(pattern, s string, fold bool) bool {
	if fold {
		pattern, s = strings.ToLower(pattern), strings.ToLower(s)
	}
	// Greedy matching with backtracking to the last star: linear in
	// len(pattern)*len(s) at worst, never exponential.
	p, i := 0, 0
	star, resume := -1, 0
	for i < len(s) {
		switch {
		case p < len(pattern) && pattern[p] == '*':
			star, resume = p, i
			p++
		case p < len(pattern) && pattern[p] == s[i]:
			p++
			i++
		case star >= 0:
			p = star + 1
			resume++
			i = resume
		default:
			return false
		}
	}
	for p < len(pattern) && pattern[p] == '*' {
		p++
	}
	return p == len(pattern)
}
