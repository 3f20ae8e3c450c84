package s3

import (
	"testing"
	"time"

	"github.com/parity-harness/parity/emulator/awserr"
)

func rule(id string, filter map[string]any, exp map[string]any) map[string]any {
	r := map[string]any{"ID": id, "Status": "Enabled", "Filter": filter}
	if exp != nil {
		r["Expiration"] = exp
	}
	return r
}

func TestValidateLifecycle(t *testing.T) {
	days := map[string]any{"Days": int64(7)}
	for _, tc := range []struct {
		name string
		rule map[string]any
		want string
	}{
		{"valid", rule("r", map[string]any{"Prefix": "logs/"}, days), ""},
		{"no status", map[string]any{"ID": "r", "Filter": map[string]any{}, "Expiration": days}, "MalformedXML"},
		{"no filter", map[string]any{"ID": "r", "Status": "Enabled", "Expiration": days}, "MalformedXML"},
		{"filter and prefix", map[string]any{"ID": "r", "Status": "Enabled", "Prefix": "", "Filter": map[string]any{}, "Expiration": days}, "MalformedXML"},
		{"two conditions", rule("r", map[string]any{"Prefix": "a", "Tag": map[string]any{"Key": "k", "Value": "v"}}, days), "MalformedXML"},
		{"and with size", rule("r", map[string]any{"ObjectSizeGreaterThan": int64(1), "And": map[string]any{"Prefix": "a"}}, days), "MalformedXML"},
		{"duplicate tags", rule("r", map[string]any{"And": map[string]any{"Tags": []any{map[string]any{"Key": "k", "Value": "1"}, map[string]any{"Key": "k", "Value": "2"}}}}, days), "InvalidRequest"},
		{"two expiration kinds", rule("r", map[string]any{}, map[string]any{"Days": int64(1), "ExpiredObjectDeleteMarker": true}), "MalformedXML"},
		{"date not midnight", rule("r", map[string]any{}, map[string]any{"Date": time.Date(2030, 1, 1, 10, 0, 0, 0, time.UTC)}), "InvalidArgument"},
		{"date at midnight", rule("r", map[string]any{}, map[string]any{"Date": time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)}), ""},
		{"zero days", rule("r", map[string]any{}, map[string]any{"Days": int64(0)}), "InvalidArgument"},
		{"noncurrent without days", map[string]any{"ID": "r", "Status": "Enabled", "Filter": map[string]any{}, "NoncurrentVersionExpiration": map[string]any{}}, "MalformedXML"},
		{"no action", rule("r", map[string]any{}, nil), "InvalidRequest"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := ""
			if err := validateLifecycle(nil, nil, map[string]any{"Rules": []any{tc.rule}}); err != nil {
				ae, _ := awserr.As(err)
				got = ae.Code
			}
			if got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

func TestExpirationHeader(t *testing.T) {
	created := time.Date(2026, 3, 10, 15, 4, 5, 0, time.UTC)
	o := &Object{Key: "testobject", Size: 4, LastModified: created, Tags: []Tag{{"env", "prod"}}}
	b := &Bucket{Configs: map[string]any{"lifecycle": map[string]any{"Rules": []any{
		rule("long", map[string]any{"Prefix": "t"}, map[string]any{"Days": int64(10)}),
		rule("short", map[string]any{"Prefix": "test"}, map[string]any{"Days": int64(1)}),
		rule("other", map[string]any{"Prefix": "x"}, map[string]any{"Days": int64(0)}),
		rule("marker", map[string]any{}, map[string]any{"ExpiredObjectDeleteMarker": true}),
	}}}}
	if got, want := expirationHeader(b, o), `expiry-date="Thu, 12 Mar 2026 00:00:00 GMT", rule-id="short"`; got != want {
		t.Errorf("expirationHeader = %q, want %q", got, want)
	}
	tagged := &Bucket{Configs: map[string]any{"lifecycle": map[string]any{"Rules": []any{
		rule("tag", map[string]any{"Tag": map[string]any{"Key": "env", "Value": "dev"}}, map[string]any{"Days": int64(1)}),
		rule("big", map[string]any{"ObjectSizeGreaterThan": int64(4)}, map[string]any{"Days": int64(1)}),
	}}}}
	if got := expirationHeader(tagged, o); got != "" {
		t.Errorf("no rule matches, got %q", got)
	}
	if got := expirationHeader(&Bucket{Configs: map[string]any{}}, o); got != "" {
		t.Errorf("no configuration, got %q", got)
	}
}

func TestNextMidnight(t *testing.T) {
	midnight := time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC)
	if got := nextMidnight(midnight); !got.Equal(midnight) {
		t.Errorf("midnight moved to %v", got)
	}
	if got := nextMidnight(midnight.Add(time.Nanosecond)); !got.Equal(midnight.Add(24 * time.Hour)) {
		t.Errorf("got %v", got)
	}
}
