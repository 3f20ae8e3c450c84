package gateway

import (
	"net/http"

	"github.com/parity-harness/parity/emulator/model"
	"github.com/parity-harness/parity/emulator/protocol"
)

// BucketCORS is implemented by a service whose resources answer
// cross-origin requests by their own CORS configuration (S3's buckets),
// instead of the gateway's permissive answer.
type BucketCORS interface {
	// EvaluateCORS reports whether the request is one the service answers
	// CORS for. It then sets the granted headers on h; answered reports a
	// preflight, whose answer is complete: err, or a 200 with h.
	EvaluateCORS(r *http.Request, h http.Header, requestID string) (applies, answered bool, err error)
}

// preflightOperation names preflight requests in the call log and error
// envelopes.
var preflightOperation = &model.Operation{Name: "PreflightRequest", HTTP: model.HTTP{Method: http.MethodOptions}}

// routedCORS answers the CORS side of a request once its service is known
// (routed reports whether it is): by the service's own rules where it has
// them, otherwise by the gateway's permissive answer. It reports whether
// the request is fully answered.
func (g *Gateway) routedCORS(c *call, routed bool) bool {
	if !routed || c.rt.svc == nil {
		return g.cors(c.w, c.r)
	}
	bc, ok := c.rt.svc.svc.(BucketCORS)
	if !ok {
		return g.cors(c.w, c.r)
	}
	applies, answered, err := bc.EvaluateCORS(c.r, c.w.Header(), c.id)
	if !applies {
		return g.cors(c.w, c.r)
	}
	if !answered {
		return false
	}
	c.op = preflightOperation
	if err != nil {
		c.codec = protocol.ForRequest(c.rt.svc.model(), c.r)
		g.writeError(c, err)
		return true
	}
	c.w.WriteHeader(http.StatusOK)
	return true
}
