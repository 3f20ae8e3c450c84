package s3

import (
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/parity-harness/parity/emulator/awserr"
)

// maxLifecycleRules is the most rules a lifecycle configuration may hold.
const maxLifecycleRules = 1000

// validateLifecycle checks a lifecycle configuration as S3 does: schema
// violations (no rules, no status, no filter, a filter naming more than one
// condition, an expiration with more than one kind, a noncurrent expiration
// without days) are MalformedXML; semantic ones carry their own errors.
func validateLifecycle(_ *Service, _ *Bucket, cfg map[string]any) error {
	rules := list(cfg, "Rules")
	if len(rules) == 0 || len(rules) > maxLifecycleRules {
		return errMalformedXML()
	}
	ids := map[string]bool{}
	for _, r := range rules {
		m, _ := r.(map[string]any)
		if err := validateLifecycleRule(m, ids); err != nil {
			return err
		}
	}
	return nil
}

func validateLifecycleRule(m map[string]any, ids map[string]bool) error {
	if st := str(m, "Status"); st != "Enabled" && st != "Disabled" {
		return errMalformedXML()
	}
	if id := str(m, "ID"); id != "" {
		if len(id) > 255 {
			return errInvalidArgument("ID length should not exceed allowed limit of 255", "ID", id)
		}
		if ids[id] {
			return awserr.New("InvalidArgument", 400, "Rule ID must be unique. Found same ID for more than one rule").With("ArgumentName", "ID").With("ArgumentValue", id)
		}
		ids[id] = true
	}
	filter, hasFilter := m["Filter"].(map[string]any)
	if hasFilter == has(m, "Prefix") {
		return errMalformedXML()
	}
	if hasFilter {
		if err := validateLifecycleFilter(filter); err != nil {
			return err
		}
	}
	exp := object(m, "Expiration")
	if exp != nil {
		kinds := 0
		for _, k := range []string{"Days", "Date", "ExpiredObjectDeleteMarker"} {
			if has(exp, k) {
				kinds++
			}
		}
		if kinds != 1 {
			return errMalformedXML()
		}
		if d := timestamp(exp, "Date"); d != nil && !d.UTC().Equal(d.UTC().Truncate(24*time.Hour)) {
			return errInvalidArgument("'Date' must be at midnight GMT", "Date", d.UTC().Format("2006-01-02T15:04:05.000Z"))
		}
		if days, ok := integer(exp, "Days"); ok && days <= 0 {
			return errInvalidArgument("'Days' for Expiration action must be a positive integer", "Days", fmt.Sprint(days))
		}
	}
	if nve, ok := m["NoncurrentVersionExpiration"].(map[string]any); ok && !has(nve, "NoncurrentDays") {
		return errMalformedXML()
	}
	for _, action := range []string{"Expiration", "Transitions", "NoncurrentVersionExpiration", "NoncurrentVersionTransitions", "AbortIncompleteMultipartUpload"} {
		if has(m, action) {
			return nil
		}
	}
	return errInvalidRequest("At least one action needs to be specified in a rule")
}

// validateLifecycleFilter checks that a rule filter names at most one
// condition (several are combined with And) and no tag key twice.
func validateLifecycleFilter(f map[string]any) error {
	conditions := 0
	for _, k := range []string{"Prefix", "Tag", "ObjectSizeGreaterThan", "ObjectSizeLessThan", "And"} {
		if has(f, k) {
			conditions++
		}
	}
	if conditions > 1 {
		return errMalformedXML()
	}
	if and := object(f, "And"); and != nil {
		seen := map[string]bool{}
		for _, t := range list(and, "Tags") {
			tm, _ := t.(map[string]any)
			k := str(tm, "Key")
			if seen[k] {
				return errInvalidRequest("Duplicate Tag Keys are not allowed.")
			}
			seen[k] = true
		}
	}
	return nil
}

// lifecycleFilterMatches reports whether a rule applies to an object.
func lifecycleFilterMatches(rule map[string]any, o *Object) bool {
	if p, ok := rule["Prefix"].(string); ok {
		return strings.HasPrefix(o.Key, p)
	}
	f := object(rule, "Filter")
	if and := object(f, "And"); and != nil {
		f = and
	}
	if !strings.HasPrefix(o.Key, str(f, "Prefix")) {
		return false
	}
	if n, ok := integer(f, "ObjectSizeGreaterThan"); ok && o.Size <= n {
		return false
	}
	if n, ok := integer(f, "ObjectSizeLessThan"); ok && o.Size >= n {
		return false
	}
	tags := list(f, "Tags")
	if t := object(f, "Tag"); t != nil {
		tags = append(tags, t)
	}
	for _, t := range tags {
		tm, _ := t.(map[string]any)
		if !hasTag(o.Tags, str(tm, "Key"), str(tm, "Value")) {
			return false
		}
	}
	return true
}

func hasTag(tags []Tag, key, value string) bool {
	for _, t := range tags {
		if t.Key == key && t.Value == value {
			return true
		}
	}
	return false
}

// expirationHeader is the x-amz-expiration value S3 answers for the current
// version of an object under the bucket's lifecycle configuration: the
// enabled expiration rule (by days or date) that matches it and expires it
// first, as expiry-date="<HTTP date>", rule-id="<ID>"; "" when none does.
// Days count from the object's creation, rounded up to the next midnight UTC.
func expirationHeader(b *Bucket, o *Object) string {
	cfg, _ := b.Configs["lifecycle"].(map[string]any)
	var best time.Time
	bestID, found := "", false
	for _, r := range list(cfg, "Rules") {
		rule, _ := r.(map[string]any)
		exp := object(rule, "Expiration")
		if str(rule, "Status") != "Enabled" || exp == nil || !lifecycleFilterMatches(rule, o) {
			continue
		}
		var at time.Time
		if days, ok := integer(exp, "Days"); ok {
			at = nextMidnight(o.LastModified.UTC().Add(time.Duration(days) * 24 * time.Hour))
		} else if d := timestamp(exp, "Date"); d != nil {
			at = d.UTC()
		} else {
			continue
		}
		if !found || at.Before(best) {
			best, bestID, found = at, str(rule, "ID"), true
		}
	}
	if !found {
		return ""
	}
	return fmt.Sprintf(`expiry-date="%s", rule-id="%s"`, best.Format(http.TimeFormat), bestID)
}

// nextMidnight rounds t up to the next midnight UTC (t itself when it is one).
func nextMidnight(t time.Time) time.Time {
	day := t.Truncate(24 * time.Hour)
	if day.Equal(t) {
		return t
	}
	return day.Add(24 * time.Hour)
}
