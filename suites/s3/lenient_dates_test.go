package s3_test

import (
	"context"
	"net/http"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/smithy-go/middleware"
	smithyhttp "github.com/aws/smithy-go/transport/http"
)

// lenientLastModified rewrites an ISO 8601 Last-Modified response header to
// the HTTP date S3 sends, before the SDK parses it. moto answers
// GetObjectAttributes with an ISO 8601 Last-Modified, which the SDK rejects;
// AWS and the emulator send HTTP dates, which pass through unchanged.
func lenientLastModified(o *s3.Options) {
	o.APIOptions = append(o.APIOptions, func(stack *middleware.Stack) error {
		return stack.Deserialize.Add(middleware.DeserializeMiddlewareFunc("parityLenientLastModified",
			func(ctx context.Context, in middleware.DeserializeInput, next middleware.DeserializeHandler) (middleware.DeserializeOutput, middleware.Metadata, error) {
				out, md, err := next.HandleDeserialize(ctx, in)
				if resp, ok := out.RawResponse.(*smithyhttp.Response); ok && resp != nil {
					fixLastModified(resp.Header)
				}
				return out, md, err
			}), middleware.After)
	})
}

// fixLastModified is the rewrite lenientLastModified applies.
func fixLastModified(h http.Header) {
	v := h.Get("Last-Modified")
	if t, err := time.Parse(time.RFC3339, v); err == nil {
		h.Set("Last-Modified", t.UTC().Format(http.TimeFormat))
	}
}
