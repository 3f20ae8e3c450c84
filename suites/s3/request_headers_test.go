package s3_test

import (
	"context"
	"crypto/md5"
	"encoding/base64"

	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/smithy-go/middleware"
	smithyhttp "github.com/aws/smithy-go/transport/http"
)

// withRequestHeader sets a request header the SDK would not send as given (an
// empty or invalid value of a modeled header), so specs can send what the
// reference tests send with boto3.
func withRequestHeader(name, value string) func(*s3.Options) {
	return func(o *s3.Options) {
		o.APIOptions = append(o.APIOptions, func(stack *middleware.Stack) error {
			return stack.Build.Add(middleware.BuildMiddlewareFunc("paritySetHeader"+name,
				func(ctx context.Context, in middleware.BuildInput, next middleware.BuildHandler) (middleware.BuildOutput, middleware.Metadata, error) {
					if req, ok := in.Request.(*smithyhttp.Request); ok {
						req.Header.Set(name, value)
					}
					return next.HandleBuild(ctx, in)
				}), middleware.After)
		})
	}
}

// withoutRequestHeader removes a request header the SDK sends.
func withoutRequestHeader(name string) func(*s3.Options) {
	return func(o *s3.Options) {
		o.APIOptions = append(o.APIOptions, func(stack *middleware.Stack) error {
			return stack.Finalize.Add(middleware.FinalizeMiddlewareFunc("parityDropHeader"+name,
				func(ctx context.Context, in middleware.FinalizeInput, next middleware.FinalizeHandler) (middleware.FinalizeOutput, middleware.Metadata, error) {
					if req, ok := in.Request.(*smithyhttp.Request); ok {
						req.Header.Del(name)
					}
					return next.HandleFinalize(ctx, in)
				}), middleware.Before)
		})
	}
}

// contentMD5 is the Content-MD5 header value of body.
func contentMD5(body string) string {
	sum := md5.Sum([]byte(body))
	return base64.StdEncoding.EncodeToString(sum[:])
}
