package s3

import (
	"github.com/parity-harness/parity/emulator/awserr"
	"github.com/parity-harness/parity/emulator/service"
)

// withS3Conventions wraps an operation handler with what every S3 answer
// shares: the Server header AWS's S3 sends (AmazonS3), and the refusal of a
// request signed for a region S3 does not know, which S3's global endpoint
// answers with AuthorizationHeaderMalformed naming the region it expects.
func withS3Conventions(h service.Handler) service.Handler {
	return func(ctx *service.Context, in service.Params) (any, error) {
		setHeader(ctx, "Server", "AmazonS3")
		if ctx != nil && ctx.Region != "" && !awsRegions[ctx.Region] {
			return nil, errRegionNotExpected(ctx.Region)
		}
		return h(ctx, in)
	}
}

// errRegionNotExpected is S3's answer to a credential scope naming a region
// that does not exist (e.g. the SDKs' pseudo-region aws-global).
func errRegionNotExpected(region string) error {
	return awserr.Newf("AuthorizationHeaderMalformed", 400, "The authorization header is malformed; the region '%s' is wrong; expecting '%s'", region, service.DefaultRegion).
		With("Region", service.DefaultRegion)
}
