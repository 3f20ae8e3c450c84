package gateway

import (
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/parity-harness/parity/emulator/service"
)

// persistInterval is how often state is saved while the emulator runs.
const persistInterval = 5 * time.Second

// persister keeps the state of Persistent services in a directory, one file
// per service, written atomically (temp file, fsync, rename) so that a crash
// leaves the previous complete file.
type persister struct {
	dir      string
	services map[string]service.Persistent
	log      *slog.Logger
	stop     chan struct{}
	done     sync.WaitGroup
	mu       sync.Mutex
}

func newPersister(dir string, services []service.Service, log *slog.Logger) (*persister, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("state directory %s: %w", dir, err)
	}
	p := &persister{dir: dir, services: map[string]service.Persistent{}, log: log, stop: make(chan struct{})}
	for _, s := range services {
		ps, ok := s.(service.Persistent)
		if !ok {
			continue
		}
		p.services[s.Model()] = ps
		path := p.path(s.Model())
		data, err := os.ReadFile(path)
		if os.IsNotExist(err) {
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("state file %s: %w", path, err)
		}
		if err := ps.LoadState(data); err != nil {
			return nil, fmt.Errorf("state file %s cannot be loaded (%v): move it away to start with empty %s state", path, err, s.Model())
		}
	}
	if len(p.services) == 0 {
		return nil, fmt.Errorf("--state-dir %s: no served service keeps its state across restarts yet; run without it", dir)
	}
	p.done.Add(1)
	go p.loop()
	return p, nil
}

func (p *persister) path(model string) string { return filepath.Join(p.dir, model+".state.json") }

func (p *persister) loop() {
	defer p.done.Done()
	t := time.NewTicker(persistInterval)
	defer t.Stop()
	for {
		select {
		case <-p.stop:
			return
		case <-t.C:
			if err := p.saveAll(); err != nil {
				p.log.Error("saving state", "error", err)
			}
		}
	}
}

func (p *persister) saveAll() error {
	p.mu.Lock()
	defer p.mu.Unlock()
	var first error
	for name, s := range p.services {
		data, err := s.SaveState()
		if err == nil {
			err = writeAtomic(p.path(name), data)
		}
		if err != nil && first == nil {
			first = fmt.Errorf("save %s state: %w", name, err)
		}
	}
	return first
}

func (p *persister) close() error {
	close(p.stop)
	p.done.Wait()
	return p.saveAll()
}

func writeAtomic(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), filepath.Base(path)+".tmp-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
