package s3

import (
	"testing"

	"github.com/parity-harness/parity/emulator/service"
)

func TestS3Conventions(t *testing.T) {
	h := newHarness(t)
	for _, tc := range []struct {
		region, wantCode string
	}{
		{"us-east-1", ""},
		{"eu-west-1", ""},
		{"aws-global", "AuthorizationHeaderMalformed"},
		{"nowhere-1", "AuthorizationHeaderMalformed"},
	} {
		ctx := h.ctx("ListBuckets", nil)
		ctx.Region = tc.region
		_, err := h.h["ListBuckets"](ctx, service.Params{})
		if code(err) != tc.wantCode && !(tc.wantCode == "" && err == nil) {
			t.Errorf("region %s: got %v, want %q", tc.region, err, tc.wantCode)
		}
		if got := ctx.ResponseHeaders.Get("Server"); got != "AmazonS3" {
			t.Errorf("region %s: Server header %q, want AmazonS3", tc.region, got)
		}
	}
}
