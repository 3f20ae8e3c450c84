package s3

import (
	"net/url"
	"strconv"
	"strings"
)

// websiteConfig is a bucket's website configuration as the website endpoint
// applies it: index document, error document, redirect of every request, or
// routing rules evaluated in order.
type websiteConfig struct {
	IndexSuffix string
	ErrorKey    string
	RedirectAll *websiteRedirect
	Rules       []routingRule
}

// routingRule is one RoutingRule: an optional condition and a redirect.
type routingRule struct {
	HasCondition bool
	HasPrefix    bool
	KeyPrefix    string
	ErrorCode    string // HttpErrorCodeReturnedEquals; "" when the rule is not about errors
	Redirect     websiteRedirect
}

// websiteRedirect is where a redirect goes; empty members keep the
// request's protocol, host and key.
type websiteRedirect struct {
	Protocol         string
	HostName         string
	HasReplacePrefix bool
	ReplacePrefix    string
	HasReplaceKey    bool
	ReplaceKey       string
	RedirectCode     string
}

// websiteConfigOf reads the stored PutBucketWebsite input (validated when it
// was stored).
func websiteConfigOf(cfg map[string]any) *websiteConfig {
	if cfg == nil {
		return nil
	}
	wc := &websiteConfig{
		IndexSuffix: str(object(cfg, "IndexDocument"), "Suffix"),
		ErrorKey:    str(object(cfg, "ErrorDocument"), "Key"),
	}
	if all := object(cfg, "RedirectAllRequestsTo"); all != nil {
		wc.RedirectAll = &websiteRedirect{Protocol: str(all, "Protocol"), HostName: str(all, "HostName")}
	}
	for _, r := range list(cfg, "RoutingRules") {
		m, _ := r.(map[string]any)
		rule := routingRule{}
		if c, ok := m["Condition"].(map[string]any); ok {
			rule.HasCondition = true
			_, rule.HasPrefix = c["KeyPrefixEquals"]
			rule.KeyPrefix = str(c, "KeyPrefixEquals")
			rule.ErrorCode = str(c, "HttpErrorCodeReturnedEquals")
		}
		red := object(m, "Redirect")
		rule.Redirect = websiteRedirect{Protocol: str(red, "Protocol"), HostName: str(red, "HostName"), RedirectCode: str(red, "HttpRedirectCode")}
		if _, ok := red["ReplaceKeyPrefixWith"]; ok {
			rule.Redirect.HasReplacePrefix, rule.Redirect.ReplacePrefix = true, str(red, "ReplaceKeyPrefixWith")
		}
		if _, ok := red["ReplaceKeyWith"]; ok {
			rule.Redirect.HasReplaceKey, rule.Redirect.ReplaceKey = true, str(red, "ReplaceKeyWith")
		}
		wc.Rules = append(wc.Rules, rule)
	}
	return wc
}

// matchRule returns the first rule that applies to key: before the object
// is looked up (status 0) only rules without an error-code condition apply;
// after a failed lookup (status 404, 403) only rules naming that code, and
// their key prefix if they have one.
func (wc *websiteConfig) matchRule(key string, status int) *routingRule {
	for i := range wc.Rules {
		r := &wc.Rules[i]
		if status == 0 {
			if r.ErrorCode != "" {
				continue
			}
		} else if r.ErrorCode == "" || r.ErrorCode != strconv.Itoa(status) {
			continue
		}
		if r.HasPrefix && !strings.HasPrefix(key, r.KeyPrefix) {
			continue
		}
		return r
	}
	return nil
}

// location is the redirect of key by rule, for a request that came with
// scheme and host: the rule's protocol and host name when it names them,
// and the key replaced whole or by prefix.
func (r *routingRule) location(key, scheme, host string) (string, int) {
	red := r.Redirect
	switch {
	case red.HasReplaceKey:
		key = red.ReplaceKey
	case red.HasReplacePrefix && r.HasPrefix:
		key = red.ReplacePrefix + strings.TrimPrefix(key, r.KeyPrefix)
	case red.HasReplacePrefix:
		key = red.ReplacePrefix + key
	}
	status := 301
	if n, err := strconv.Atoi(red.RedirectCode); err == nil && n >= 300 && n <= 399 {
		status = n
	}
	return red.url(scheme, host, "/"+key), status
}

// url joins the redirect's protocol and host (or the request's) with path.
func (red websiteRedirect) url(scheme, host, path string) string {
	if red.Protocol != "" {
		scheme = red.Protocol
	}
	if red.HostName != "" {
		host = red.HostName
	}
	return scheme + "://" + host + (&url.URL{Path: path}).EscapedPath()
}

// websiteKey is the object key a website request path names: the decoded
// path without its leading slash.
func websiteKey(path string) string {
	return strings.TrimPrefix(path, "/")
}
