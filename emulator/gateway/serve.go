package gateway

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"runtime/debug"
	"sort"
	"strings"
	"time"

	"github.com/parity-harness/parity/emulator/auth"
	"github.com/parity-harness/parity/emulator/awserr"
	"github.com/parity-harness/parity/emulator/calllog"
	"github.com/parity-harness/parity/emulator/model"
	"github.com/parity-harness/parity/emulator/protocol"
	"github.com/parity-harness/parity/emulator/service"
)

// ValidationMapper is implemented by services whose validation errors differ
// from the protocol's generic ones (SQS, DynamoDB): given the violations the
// codec found, it returns the service's own error, or nil for the default.
// It may also remove violations of constraints the service does not enforce
// (S3 ignores the model's patterns); with none left, the request goes on.
type ValidationMapper interface {
	MapValidation(op *model.Operation, v *protocol.ValidationError) *awserr.Error
}

// call is the state of one request as it goes through the chain.
type call struct {
	w        *statusWriter
	r        *http.Request
	started  time.Time
	id       string
	rt       route
	codec    protocol.Codec
	op       *model.Operation
	params   map[string]any
	errCode  string
	identity service.Identity
}

func (g *Gateway) ServeHTTP(rw http.ResponseWriter, r *http.Request) {
	c := &call{w: &statusWriter{ResponseWriter: rw}, r: r, started: time.Now(), id: service.UUID()}
	defer g.finish(c)
	defer g.recoverPanic(c)

	// CORS of requests that go on to a service is answered once routed
	if (strings.HasPrefix(r.URL.Path, "/_parity/") || websiteBucket(hostOnly(r.Host)) != "") && g.cors(c.w, r) {
		return
	}
	if strings.HasPrefix(r.URL.Path, "/_parity/") {
		g.internal(c.w, r)
		return
	}
	if g.serveWebsite(c) {
		return
	}
	rt, ok := g.resolve(r)
	c.rt = rt
	if g.routedCORS(c, ok) {
		return
	}
	if !ok {
		writePlainError(c.w, http.StatusBadRequest, "UnknownService", "the request names no service the emulator serves")
		c.errCode = "UnknownService"
		return
	}
	c.codec = protocol.ForRequest(rt.svc.model(), r)
	if g.serveFormUpload(c) {
		return
	}
	if err := g.authenticate(c); err != nil {
		// the call log names the operation the refused request asked for
		if op, oerr := c.codec.Operation(r, rt.svc.model()); oerr == nil {
			c.op = op
		}
		g.writeError(c, err)
		return
	}
	op, err := c.codec.Operation(r, rt.svc.model())
	if err != nil {
		g.writeError(c, err)
		return
	}
	c.op = op
	if rt.svc.name != "s3" && r.Body != nil {
		r.Body = http.MaxBytesReader(c.w, r.Body, g.cfg.MaxRequestBytes)
	}
	params, err := c.codec.DecodeInput(r, rt.svc.model(), op)
	if err != nil {
		if err = g.mapDecodeError(c, err); err != nil {
			g.writeError(c, err)
			return
		}
	}
	c.params = params
	handler, ok := rt.svc.handlers[op.Name]
	if !ok {
		g.writeError(c, awserr.NotImplemented(rt.svc.name, op.Name))
		return
	}
	ctx, cancel := context.WithCancel(r.Context())
	defer cancel()
	stop := context.AfterFunc(g.shutdown, cancel)
	defer stop()
	sctx := &service.Context{
		Context:         ctx,
		Request:         r,
		RequestID:       c.id,
		Received:        c.started,
		Service:         rt.svc.model(),
		Operation:       op,
		Protocol:        c.codec.Name(),
		Account:         c.identity.Account,
		Region:          rt.region,
		AccessKey:       c.identity.AccessKeyID,
		Caller:          c.identity.ARN,
		Endpoint:        endpointOf(r),
		Emulator:        g,
		ResponseHeaders: http.Header{},
	}
	out, err := handler(sctx, params)
	for k, vs := range sctx.ResponseHeaders {
		for _, v := range vs {
			c.w.Header().Add(k, v)
		}
	}
	if err != nil {
		g.writeError(c, err)
		return
	}
	value, err := service.ToValue(out)
	if err != nil {
		g.writeError(c, awserr.Internal(err.Error()))
		return
	}
	if err := c.codec.EncodeOutput(c.w, rt.svc.model(), op, value, protocol.Meta{RequestID: c.id, Status: sctx.Status}); err != nil {
		g.log.Error("encode output", "service", rt.svc.name, "operation", op.Name, "error", err)
		if !c.w.wrote {
			g.writeError(c, awserr.Internal("cannot encode the response: "+err.Error()))
		}
	}
}

// authenticate resolves the caller and, when asked to, checks the signature.
func (g *Gateway) authenticate(c *call) error {
	key := c.rt.scope.AccessKey
	if key == "" {
		key = "test"
	}
	c.identity = g.creds.Resolve(key)
	if c.rt.svc.name == "s3" {
		if handled, err := g.authenticateS3(c); handled {
			return err
		}
	}
	if c.rt.scope.Presigned {
		if err := auth.CheckExpiry(c.r, time.Now()); err != nil {
			return err
		}
	}
	if !g.cfg.VerifySignatures {
		return nil
	}
	if !c.rt.signed || c.rt.scope.Date == "" {
		return awserr.New("MissingAuthenticationToken", 403, "Request is missing Authentication Token")
	}
	if !c.identity.Expires.IsZero() && time.Now().After(c.identity.Expires) {
		return awserr.New("ExpiredToken", 403, "The security token included in the request is expired")
	}
	var body []byte
	if c.r.Header.Get("X-Amz-Content-Sha256") == "" && !c.rt.scope.Presigned {
		var err error
		c.r.Body = http.MaxBytesReader(c.w, c.r.Body, g.cfg.MaxRequestBytes)
		if body, err = auth.ReadBody(c.r); err != nil {
			return tooLarge(err)
		}
	}
	if err := auth.Verify(requestAsSent(c), c.rt.scope, c.identity.SecretAccessKey, body); err != nil {
		return err
	}
	return nil
}

// mapDecodeError turns a decoding failure into the error to answer, or nil
// when the service waived every violation.
func (g *Gateway) mapDecodeError(c *call, err error) error {
	var ve *protocol.ValidationError
	if errors.As(err, &ve) {
		if m, ok := c.rt.svc.svc.(ValidationMapper); ok {
			if mapped := m.MapValidation(c.op, ve); mapped != nil {
				return mapped
			}
			if len(ve.Violations) == 0 {
				return nil
			}
		}
		return protocol.DefaultValidationError(c.codec.Name(), ve)
	}
	return tooLarge(err)
}

func tooLarge(err error) error {
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		return awserr.Newf("RequestEntityTooLarge", 413, "Request body larger than %d bytes", mbe.Limit)
	}
	return err
}

// writeError answers err in the protocol's error envelope.
func (g *Gateway) writeError(c *call, err error) {
	ae, ok := awserr.As(err)
	if !ok {
		g.log.Error("operation returned a non-AWS error", "error", err)
		ae = awserr.Internal(err.Error())
	}
	c.errCode = ae.Code
	if c.w.wrote {
		return
	}
	for k, v := range ae.Headers {
		c.w.Header().Set(k, v)
	}
	if c.codec == nil {
		writePlainError(c.w, ae.HTTPStatus(), ae.Code, ae.Message)
		return
	}
	c.codec.EncodeError(c.w, c.rt.svc.model(), c.op, ae, protocol.Meta{RequestID: c.id})
}

func (g *Gateway) recoverPanic(c *call) {
	v := recover()
	if v == nil {
		return
	}
	if v == http.ErrAbortHandler {
		panic(v)
	}
	g.log.Error("BUG: panic while serving a request", "panic", fmt.Sprint(v), "stack", string(debug.Stack()))
	g.writeError(c, awserr.Internal("The emulator failed while serving this request; this is a bug."))
}

// finish records the call.
func (g *Gateway) finish(c *call) {
	if strings.HasPrefix(c.r.URL.Path, "/_parity/") || (c.r.Method == http.MethodOptions && c.rt.svc == nil) {
		return
	}
	e := calllog.Entry{
		Time:      c.started.UTC(),
		Status:    c.w.status(),
		ErrorCode: c.errCode,
		Duration:  float64(time.Since(c.started).Microseconds()) / 1000,
		UserAgent: c.r.UserAgent(),
		Account:   c.identity.Account,
		Region:    c.rt.region,
		RequestID: c.id,
	}
	if c.rt.svc != nil {
		e.Service = c.rt.svc.name
	}
	if c.codec != nil {
		e.Protocol = c.codec.Name()
	}
	if c.op != nil {
		e.Operation = c.op.Name
	} else if c.rt.website {
		e.Operation = websiteOperation
	}
	if len(c.params) > 0 {
		e.Params = make([]string, 0, len(c.params))
		for k := range c.params {
			e.Params = append(e.Params, k)
		}
		sort.Strings(e.Params)
	}
	g.cfg.CallLog.Add(e)
}

func endpointOf(r *http.Request) string {
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	if p := r.Header.Get("X-Forwarded-Proto"); p == "http" || p == "https" {
		scheme = p
	}
	return scheme + "://" + r.Host
}

// statusWriter remembers the status written.
type statusWriter struct {
	http.ResponseWriter
	code  int
	wrote bool
}

func (w *statusWriter) WriteHeader(code int) {
	if !w.wrote {
		w.code, w.wrote = code, true
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if !w.wrote {
		w.code, w.wrote = http.StatusOK, true
	}
	return w.ResponseWriter.Write(b)
}

// Flush lets streaming responses through.
func (w *statusWriter) Flush() {
	if f, ok := w.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

// Unwrap gives http.ResponseController access to the connection.
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

func (w *statusWriter) status() int {
	if !w.wrote {
		return http.StatusOK
	}
	return w.code
}

func writePlainError(w http.ResponseWriter, status int, code, msg string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	fmt.Fprintf(w, `{"__type":%q,"message":%q}`, code, msg)
}
