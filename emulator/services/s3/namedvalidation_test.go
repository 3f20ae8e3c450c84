package s3

import (
	"testing"

	"github.com/parity-harness/parity/emulator/awserr"
)

func TestValidateNamed(t *testing.T) {
	inventory := func(edit func(map[string]any)) map[string]any {
		cfg := map[string]any{"Id": "inv", "IncludedObjectVersions": "All", "IsEnabled": true,
			"OptionalFields": []any{"Size", "ETag"}, "Schedule": map[string]any{"Frequency": "Daily"},
			"Destination": map[string]any{"S3BucketDestination": map[string]any{"Bucket": "arn:aws:s3:::dest", "Format": "CSV"}}}
		if edit != nil {
			edit(cfg)
		}
		return cfg
	}
	dest := func(cfg map[string]any) map[string]any {
		return cfg["Destination"].(map[string]any)["S3BucketDestination"].(map[string]any)
	}
	analytics, inv, metrics := namedKinds[0], namedKinds[2], namedKinds[1]
	for _, tc := range []struct {
		name string
		nk   namedKind
		id   string
		cfg  map[string]any
		code string
	}{
		{"inventory ok", inv, "inv", inventory(nil), ""},
		{"inventory id mismatch", inv, "other", inventory(nil), "IdMismatch"},
		{"metrics id mismatch", metrics, "other", map[string]any{"Id": "m"}, "IdMismatch"},
		{"analytics id mismatch", analytics, "other", map[string]any{"Id": "a"}, "MalformedXML"},
		{"analytics ok", analytics, "a", map[string]any{"Id": "a"}, ""},
		{"destination not an ARN", inv, "inv", inventory(func(c map[string]any) { dest(c)["Bucket"] = "test" }), "InvalidS3DestinationBucket"},
		{"destination of another service", inv, "inv", inventory(func(c map[string]any) { dest(c)["Bucket"] = "arn:aws:sqs:us-east-1:1:q" }), "InvalidS3DestinationBucket"},
		{"format", inv, "inv", inventory(func(c map[string]any) { dest(c)["Format"] = "WRONG" }), "MalformedXML"},
		{"Parquet format", inv, "inv", inventory(func(c map[string]any) { dest(c)["Format"] = "Parquet" }), ""},
		{"object versions", inv, "inv", inventory(func(c map[string]any) { c["IncludedObjectVersions"] = "Wrong" }), "MalformedXML"},
		{"optional field", inv, "inv", inventory(func(c map[string]any) { c["OptionalFields"] = []any{"TestField"} }), "MalformedXML"},
		{"optional fields wrapped", inv, "inv", inventory(func(c map[string]any) { c["OptionalFields"] = map[string]any{"Field": []any{"Size"}} }), ""},
		{"frequency", inv, "inv", inventory(func(c map[string]any) { c["Schedule"] = map[string]any{"Frequency": "Hourly"} }), "MalformedXML"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := validateNamed(tc.nk, tc.id, tc.cfg)
			if tc.code == "" {
				if err != nil {
					t.Fatalf("unexpected error %v", err)
				}
				return
			}
			if ae, ok := awserr.As(err); !ok || ae.Code != tc.code {
				t.Fatalf("error %v, want %s", err, tc.code)
			}
		})
	}
}

func TestNamedPutStatus(t *testing.T) {
	for _, nk := range namedKinds {
		want := 200
		if nk.name == "Analytics" || nk.name == "Inventory" || nk.name == "Metrics" { // metrics: reference test_put_bucket_metrics_configuration
			want = 204
		}
		if got := namedPutStatus(nk); got != want {
			t.Errorf("%s: status %d, want %d", nk.name, got, want)
		}
	}
}
