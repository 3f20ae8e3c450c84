package harness

import (
	"context"
	"io"
	"net"
	"net/http"
	"time"

	. "github.com/onsi/ginkgo/v2"
)

// Endpoint is an HTTP server on this machine that the target sends
// requests to (SNS HTTP subscriptions, for one). It answers every request
// with its status and keeps the requests in arrival order.
type Endpoint struct {
	// URL is the endpoint's address, with the path it was opened with.
	URL      string
	status   int
	received chan Received
}

// Received is one request an Endpoint got.
type Received struct {
	Method string
	Path   string
	Header http.Header
	Body   string
}

// HTTPEndpoint starts an Endpoint for the running spec, answering status,
// and stops it after the spec. Real AWS cannot reach this machine: there
// the spec is skipped.
func HTTPEndpoint(path string, status int) *Endpoint {
	if TargetKind() == KindAWS {
		Skip("needs an HTTP endpoint the target can reach: AWS cannot post to this machine")
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		Fail("starting the spec's HTTP endpoint: " + err.Error())
	}
	e := &Endpoint{URL: "http://" + ln.Addr().String() + path, status: status, received: make(chan Received, 64)}
	srv := &http.Server{Handler: e, ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = srv.Serve(ln) }()
	Cleanup(func(ctx context.Context) { _ = srv.Shutdown(ctx) })
	return e
}

// ServeHTTP records the request and answers the endpoint's status.
func (e *Endpoint) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(io.LimitReader(r.Body, 1<<20))
	h := r.Header.Clone()
	h.Set("Host", r.Host)
	select {
	case e.received <- Received{Method: r.Method, Path: r.URL.Path, Header: h, Body: string(body)}:
	default: // more than the spec reads: dropped
	}
	w.WriteHeader(e.status)
}

// Next returns the next request the endpoint receives, failing the spec
// when none arrives within timeout.
func (e *Endpoint) Next(timeout time.Duration) Received {
	select {
	case r := <-e.received:
		return r
	case <-time.After(timeout):
		Fail("the HTTP endpoint received nothing within " + timeout.String())
		return Received{}
	}
}

// Headers returns the request's headers as one string per name, in the
// canonical form the reference recordings show ("X-Amz-Sns-Message-Type").
func (r Received) Headers() map[string]string {
	out := make(map[string]string, len(r.Header))
	for k, v := range r.Header {
		if len(v) > 0 {
			out[http.CanonicalHeaderKey(k)] = v[0]
		}
	}
	return out
}
