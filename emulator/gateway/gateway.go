// Package gateway is the emulator's single HTTP entry point: it routes each
// request to a service, decodes it with the service's protocol codec, calls
// the operation and writes the response, logging every call.
//
// The handler chain, outermost first: recover (a panic is a bug: logged,
// answered InternalFailure), CORS, health, routing, identity and signature
// checks, request size limit, decode, operation, encode, call log.
package gateway

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"sort"
	"sync"
	"time"

	"github.com/parity-harness/parity/emulator/auth"
	"github.com/parity-harness/parity/emulator/calllog"
	"github.com/parity-harness/parity/emulator/model"
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

// entry is one registered service. Its model is parsed on first use, so
// that start-up costs nothing per service.
type entry struct {
	name     string
	index    model.IndexEntry
	svc      service.Service
	handlers map[string]service.Handler
	model    func() *model.Service
}

// Gateway is the emulator's http.Handler.
type Gateway struct {
	cfg   Config
	log   *slog.Logger
	creds *auth.Registry

	byModel   map[string]*entry
	byTarget  map[string]*entry // X-Amz-Target prefix
	bySigning map[string]*entry // SigV4 signing name / endpoint prefix
	byAction  map[string]*entry // query-protocol action names that are unique

	shutdown       context.Context
	cancelShutdown context.CancelFunc
	closed         chan struct{}
	closeOnce      sync.Once
	closeErr       error
	persist        *persister
}

// New builds a gateway over the services and loads persisted state.
func New(cfg Config) (*Gateway, error) {
	if cfg.CallLog == nil {
		cfg.CallLog = calllog.New(nil)
	}
	if cfg.MaxRequestBytes <= 0 {
		cfg.MaxRequestBytes = 20 << 20
	}
	if cfg.Started.IsZero() {
		cfg.Started = time.Now()
	}
	logger := cfg.Logger
	if logger == nil {
		logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	g := &Gateway{
		cfg:       cfg,
		log:       logger,
		creds:     auth.NewRegistry(),
		byModel:   map[string]*entry{},
		byTarget:  map[string]*entry{},
		bySigning: map[string]*entry{},
		byAction:  map[string]*entry{},
		closed:    make(chan struct{}),
	}
	g.shutdown, g.cancelShutdown = context.WithCancel(context.Background())
	actionOwners := map[string][]*entry{}
	for _, s := range cfg.Services {
		name := s.Model()
		idx, ok := model.Index[name]
		if !ok {
			return nil, fmt.Errorf("gateway: service %s has no generated model (add it to emulator/model/gen and run `make models`)", name)
		}
		e := &entry{name: name, index: idx, svc: s, handlers: s.Handlers(), model: sync.OnceValue(func() *model.Service { return model.MustLoad(name) })}
		g.byModel[name] = e
		if p := idx.TargetPrefix; p != "" {
			g.byTarget[p] = e
		}
		// Streams sign as "dynamodb" but are routed by X-Amz-Target first.
		if _, taken := g.bySigning[idx.SigningName]; !taken || name == idx.SigningName {
			g.bySigning[idx.SigningName] = e
		}
		if idx.EndpointPrefix != "" && g.bySigning[idx.EndpointPrefix] == nil {
			g.bySigning[idx.EndpointPrefix] = e
		}
		if idx.Protocol == "query" || idx.QueryCompatible {
			for _, op := range idx.Operations {
				actionOwners[op] = append(actionOwners[op], e)
			}
		}
	}
	for action, owners := range actionOwners {
		if len(owners) == 1 {
			g.byAction[action] = owners[0]
		}
	}
	if cfg.StateDir != "" {
		p, err := newPersister(cfg.StateDir, cfg.Services, logger)
		if err != nil {
			return nil, err
		}
		g.persist = p
	}
	return g, nil
}

// Credentials is the emulator's access-key registry.
func (g *Gateway) Credentials() service.Credentials { return g.creds }

// CallLog returns the gateway's call log.
func (g *Gateway) CallLog() *calllog.Log { return g.cfg.CallLog }

// Services returns the model names served, sorted.
func (g *Gateway) Services() []string {
	names := make([]string, 0, len(g.byModel))
	for n := range g.byModel {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// Closed is closed once the gateway is closed.
func (g *Gateway) Closed() <-chan struct{} { return g.closed }

// BeginShutdown cancels the context of in-flight requests so long polls
// return at once.
func (g *Gateway) BeginShutdown() { g.cancelShutdown() }

// Close stops the services' background work and saves state.
func (g *Gateway) Close() error {
	g.closeOnce.Do(func() {
		g.cancelShutdown()
		if g.persist != nil {
			g.closeErr = g.persist.close()
		}
		for _, e := range g.byModel {
			if c, ok := e.svc.(service.Closer); ok {
				if err := c.Close(); err != nil && g.closeErr == nil {
					g.closeErr = err
				}
			}
		}
		close(g.closed)
	})
	return g.closeErr
}
