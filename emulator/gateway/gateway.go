// Package gateway is the emulator's single HTTP entry point: it routes each
// request to a service, decodes it with the service's protocol codec, calls
// the operation and writes the response, logging every call.
package gateway

import (
	"log/slog"
	"net/http"
	"sync"
	"time"

	"github.com/parity-harness/parity/emulator/calllog"
	"github.com/parity-harness/parity/emulator/service"
)

// Config configures a Gateway.
type Config struct {
	Services         []service.Service
	StateDir         string
	VerifySignatures bool
	CallLog          *calllog.Log
	Logger           *slog.Logger
	MaxRequestBytes  int64
	Version          string
	Started          time.Time
}

// Gateway is the emulator's http.Handler.
type Gateway struct {
	cfg       Config
	closed    chan struct{}
	closeOnce sync.Once
}

// New builds a gateway over the services.
func New(cfg Config) (*Gateway, error) {
	return &Gateway{cfg: cfg, closed: make(chan struct{})}, nil
}

func (g *Gateway) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	http.Error(w, "not yet", http.StatusNotImplemented)
}

// CallLog returns the gateway's call log.
func (g *Gateway) CallLog() *calllog.Log { return g.cfg.CallLog }

// Closed is closed once the gateway is closed.
func (g *Gateway) Closed() <-chan struct{} { return g.closed }

// BeginShutdown ends long polls so in-flight requests can finish.
func (g *Gateway) BeginShutdown() {}

// Close stops the services' background work and saves state.
func (g *Gateway) Close() error {
	g.closeOnce.Do(func() { close(g.closed) })
	return nil
}
