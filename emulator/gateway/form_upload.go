package gateway

import (
	"context"
	"net/http"

	"github.com/parity-harness/parity/emulator/model"
	"github.com/parity-harness/parity/emulator/service"
)

// FormUploader is implemented by a service that accepts browser-based
// uploads (S3's POST Object: an HTML form posted to a bucket). Such a
// request is no operation of the model and carries its credentials in the
// form, not in headers: the service authenticates it itself, with resolve
// giving the identity of an access key and whether its signature must be
// verified (as for presigned URLs: with --verify-signatures, or when the
// emulator knows the key's secret), writes its own success response and
// returns errors for the gateway to answer in the protocol's envelope.
type FormUploader interface {
	// IsFormUpload reports whether r is a form upload.
	IsFormUpload(r *http.Request) bool
	// ServeFormUpload handles a form upload.
	ServeFormUpload(ctx *service.Context, w http.ResponseWriter, resolve func(accessKey string) (id service.Identity, verify bool)) error
}

// formUploadOperation names form uploads in the call log and error envelopes.
var formUploadOperation = &model.Operation{Name: "PostObject", HTTP: model.HTTP{Method: http.MethodPost}}

// serveFormUpload hands a form upload to its service; it reports whether
// the request was one.
func (g *Gateway) serveFormUpload(c *call) bool {
	fu, ok := c.rt.svc.svc.(FormUploader)
	if !ok || !fu.IsFormUpload(c.r) {
		return false
	}
	c.op = formUploadOperation
	c.identity = g.creds.Resolve("test")
	ctx, cancel := context.WithCancel(c.r.Context())
	defer cancel()
	stop := context.AfterFunc(g.shutdown, cancel)
	defer stop()
	sctx := &service.Context{
		Context:         ctx,
		Request:         c.r,
		RequestID:       c.id,
		Received:        c.started,
		Service:         c.rt.svc.model(),
		Operation:       formUploadOperation,
		Protocol:        c.codec.Name(),
		Account:         c.identity.Account,
		Region:          c.rt.region,
		Endpoint:        endpointOf(c.r),
		Emulator:        g,
		ResponseHeaders: http.Header{},
	}
	err := fu.ServeFormUpload(sctx, c.w, func(key string) (service.Identity, bool) {
		return g.creds.Resolve(key), g.cfg.VerifySignatures || g.creds.KnowsSecret(key)
	})
	c.identity.Account = sctx.Account
	if err != nil {
		for k, vs := range sctx.ResponseHeaders {
			c.w.Header()[k] = vs
		}
		g.writeError(c, err)
	}
	return true
}
