package gateway

import (
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/parity-harness/parity/emulator/auth"
)

// authenticateS3 applies S3's own authentication rules: query-string
// authentication in both signature versions (SigV2's AWSAccessKeyId,
// Signature and Expires; SigV4's X-Amz-*), and SigV2 in the Authorization
// header. Presigned URLs expire, and their signatures are verified when the
// key's secret is known or signatures are verified at all; their x-amz-
// query parameters then stand for request headers. handled is false for a
// request the generic SigV4 path authenticates (header SigV4, or none).
func (g *Gateway) authenticateS3(c *call) (handled bool, err error) {
	if err := auth.CheckS3QueryAuth(c.r); err != nil {
		return true, err
	}
	scope := c.rt.scope
	v2, isV2, _ := auth.ParseSigV2(c.r)
	if !isV2 && !scope.Presigned {
		return false, nil
	}
	verify := g.cfg.VerifySignatures || (scope.Presigned && g.creds.KnowsSecret(scope.AccessKey))
	if isV2 {
		if err := auth.CheckExpiryV2(v2, time.Now()); err != nil {
			return true, err
		}
		if verify {
			if err := auth.VerifyV2(c.r, v2, c.identity.SecretAccessKey); err != nil {
				return true, err
			}
		}
	} else {
		if err := auth.CheckExpiry(c.r, time.Now()); err != nil {
			return true, err
		}
		if verify {
			if err := auth.CheckSignedAmzHeaders(c.r); err != nil {
				return true, err
			}
			if err := auth.Verify(requestAsSent(c), scope, c.identity.SecretAccessKey, nil); err != nil {
				return true, err
			}
		}
	}
	if scope.Presigned {
		auth.HoistQueryHeaders(c.r)
	}
	return true, nil
}

// requestAsSent is the request with the path it was sent with: a
// virtual-host request's path was rewritten to path style, but SigV4 signs
// the path as sent.
func requestAsSent(c *call) *http.Request {
	if c.rt.bucket == "" {
		return c.r
	}
	r := c.r.WithContext(c.r.Context())
	u := *c.r.URL
	u.Path = strings.TrimPrefix(u.Path, "/"+c.rt.bucket)
	if u.RawPath != "" {
		u.RawPath = strings.TrimPrefix(u.RawPath, "/"+url.PathEscape(c.rt.bucket))
	}
	if u.Path == "" {
		u.Path, u.RawPath = "/", ""
	}
	r.URL = &u
	return r
}
