package s3_test

import (
	"context"

	"encoding/json"
	"github.com/aws/smithy-go/middleware"
	smithyhttp "github.com/aws/smithy-go/transport/http"
	"io"
	"strings"

	"github.com/aws/aws-sdk-go-v2/service/s3"
)

func stringsReader(s string) io.Reader { return strings.NewReader(s) }

// getBody reads a GetObject body and puts it back as text, so snapshots hold
// it as boto3 shows it.
func getBody(out *s3.GetObjectOutput, err error) any {
	if err != nil {
		return err
	}
	b, _ := io.ReadAll(out.Body)
	out.Body.Close()
	out.Body = textBody{strings.NewReader(string(b)), string(b)}
	return out
}

// textBody is a body already read: it still reads, and encodes as its text.
type textBody struct {
	*strings.Reader
	text string
}

func (textBody) Close() error                   { return nil }
func (t textBody) MarshalJSON() ([]byte, error) { return json.Marshal(t.text) }

// noDefaultContentType drops the Content-Type the Go SDK adds to a body
// without one, so a PutObject carries no Content-Type, as the reference
// recordings' boto3 requests do (S3 then stores binary/octet-stream).
func noDefaultContentType(o *s3.Options) {
	o.APIOptions = append(o.APIOptions, func(stack *middleware.Stack) error {
		return stack.Build.Add(middleware.BuildMiddlewareFunc("parityNoDefaultContentType",
			func(ctx context.Context, in middleware.BuildInput, next middleware.BuildHandler) (middleware.BuildOutput, middleware.Metadata, error) {
				if req, ok := in.Request.(*smithyhttp.Request); ok && smithyhttp.GetIsContentTypeDefaultValue(ctx) {
					req.Header.Del("Content-Type")
				}
				return next.HandleBuild(ctx, in)
			}), middleware.After)
	})
}
