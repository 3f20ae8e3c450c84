// Package emulator is the bundled AWS emulator: one HTTP listener in front of
// the emulated services, usable in-process (Start) or standalone
// (`parity serve`).
package emulator

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/parity-harness/parity/emulator/calllog"
	"github.com/parity-harness/parity/emulator/gateway"
	"github.com/parity-harness/parity/emulator/services"
)

// Version is the emulator's version, reported by the health endpoint.
var Version = "0.1.0-dev"

// DefaultListen is the address `parity serve` listens on.
const DefaultListen = "127.0.0.1:4566"

// Options configure an emulator.
type Options struct {
	// Listen is host:port; "" means DefaultListen. Use "127.0.0.1:0" for a
	// free port.
	Listen string
	// StateDir, when set, keeps state across restarts.
	StateDir string
	// VerifySignatures rejects requests whose SigV4 signature is wrong.
	VerifySignatures bool
	// CallLog, when set, receives every call as a JSON line.
	CallLog io.Writer
	// Logger receives operational messages; nil discards them.
	Logger *slog.Logger
	// MaxRequestBytes bounds non-streaming request bodies (0: 20 MiB).
	MaxRequestBytes int64
}

// Emulator is a running emulator.
type Emulator struct {
	gw      *gateway.Gateway
	srv     *http.Server
	ln      net.Listener
	url     string
	done    chan error
	started time.Time
}

// Start starts an emulator listening on opts.Listen; it serves until Close
// or until ctx is cancelled.
func Start(ctx context.Context, opts Options) (*Emulator, error) {
	started := time.Now()
	if opts.Listen == "" {
		opts.Listen = DefaultListen
	}
	gw, err := gateway.New(gateway.Config{
		Services:         services.New(),
		StateDir:         opts.StateDir,
		VerifySignatures: opts.VerifySignatures,
		CallLog:          calllog.New(opts.CallLog),
		Logger:           opts.Logger,
		MaxRequestBytes:  opts.MaxRequestBytes,
		Version:          Version,
		Started:          started,
	})
	if err != nil {
		return nil, err
	}
	ln, err := net.Listen("tcp", opts.Listen)
	if err != nil {
		_ = gw.Close()
		return nil, fmt.Errorf("emulator: listen on %s: %w", opts.Listen, err)
	}
	e := &Emulator{
		gw:      gw,
		ln:      ln,
		url:     "http://" + ln.Addr().String(),
		done:    make(chan error, 1),
		started: started,
		srv: &http.Server{
			Handler:           gw,
			ReadHeaderTimeout: 30 * time.Second,
			IdleTimeout:       120 * time.Second,
		},
	}
	go func() {
		err := e.srv.Serve(ln)
		if errors.Is(err, http.ErrServerClosed) {
			err = nil
		}
		e.done <- err
	}()
	go func() {
		select {
		case <-ctx.Done():
			_ = e.Close()
		case <-gw.Closed():
		}
	}()
	return e, nil
}

// URL is the emulator's base URL, e.g. http://127.0.0.1:4566.
func (e *Emulator) URL() string { return e.url }

// Calls returns the call log so far.
func (e *Emulator) Calls() []calllog.Entry { return e.gw.CallLog().Entries() }

// Handler is the emulator's HTTP handler (for embedding in another server).
func (e *Emulator) Handler() http.Handler { return e.gw }

// Close shuts the emulator down gracefully: in-flight requests finish (up to
// 5 s), long polls end, state is saved when a state directory is set.
func (e *Emulator) Close() error {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	e.gw.BeginShutdown()
	err := e.srv.Shutdown(ctx)
	if cerr := e.gw.Close(); err == nil {
		err = cerr
	}
	return err
}

// Wait blocks until the server stops.
func (e *Emulator) Wait() error { return <-e.done }
