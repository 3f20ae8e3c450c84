package s3

import (
	"testing"
	"time"

	"github.com/parity-harness/parity/emulator/awserr"
	"github.com/parity-harness/parity/emulator/service"
)

func TestUploadConflictChecked(t *testing.T) {
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	before := &Object{Key: "k", VersionID: "null", ETag: `"a"`, LastModified: t0}
	rewritten := &Object{Key: "k", VersionID: "null", ETag: `"a"`, LastModified: t0.Add(time.Second)}
	marker := &Object{Key: "k", VersionID: "m", DeleteMarker: true, LastModified: t0.Add(time.Second)}
	for _, tc := range []struct {
		name                 string
		atStart, now         *Object
		ifMatch, ifNoneMatch string
		want                 string // error code, "" for success
	}{
		{"if-match unchanged", before, before, `"a"`, "", ""},
		{"if-match other etag", before, before, `"b"`, "", "PreconditionFailed"},
		{"if-match rewritten identically", before, rewritten, `"a"`, "", "ConditionalRequestConflict"},
		{"if-match deleted", before, nil, `"a"`, "", "NoSuchKey"},
		{"if-match behind a delete marker", before, marker, `"a"`, "", "NoSuchKey"},
		{"if-none-match existing", before, before, "", "*", "PreconditionFailed"},
		{"if-none-match written during", nil, before, "", "*", "PreconditionFailed"},
		{"if-none-match deleted during", before, nil, "", "*", "ConditionalRequestConflict"},
		{"if-none-match never existed", nil, nil, "", "*", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := service.Params{"Key": "k"}
			if tc.ifMatch != "" {
				in["IfMatch"] = tc.ifMatch
			}
			if tc.ifNoneMatch != "" {
				in["IfNoneMatch"] = tc.ifNoneMatch
			}
			check, err := writeConditions(nil, in)
			if err != nil {
				t.Fatal(err)
			}
			u := &Upload{Key: "k", KeyState: keyIdentity(tc.atStart)}
			got := ""
			if err := uploadConflictChecked(nil, in, u, check)(tc.now); err != nil {
				ae, _ := awserr.As(err)
				got = ae.Code
			}
			if got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}
