package harness

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	. "github.com/onsi/ginkgo/v2"

	"github.com/parity-harness/parity/harness/runlog"
)

// Modes of a run (PARITY_MODE).
const (
	ModeVerify    = "verify"
	ModeRecord    = "record"
	ModeReference = "reference"
)

// Settings is the run configuration read from the environment.
type Settings struct {
	Mode          string // ModeVerify, ModeRecord or ModeReference
	Target        string // "emulator", "aws" or a URL
	Out           string // run log directory; "" writes none
	SnapshotDir   string // snapshot root
	ReferenceDir  string // AWS reference recordings
	ShardK        int    // 1-based; 0 when not sharded
	ShardN        int
	Progress      bool
	AllowEmulator bool
	// RunStarted is when the parity command started the run, before it
	// compiled the suites (PARITY_RUN_STARTED, RFC 3339); zero when unset.
	RunStarted time.Time
}

// LoadSettings reads and checks the PARITY_* environment. root is the
// repository root (the default snapshot root is root/snapshots).
func LoadSettings(root string) (Settings, error) {
	s := Settings{
		Mode:          strings.TrimSpace(os.Getenv("PARITY_MODE")),
		Target:        TargetName(),
		Out:           os.Getenv("PARITY_OUT"),
		SnapshotDir:   os.Getenv("PARITY_SNAPSHOT_DIR"),
		ReferenceDir:  os.Getenv("PARITY_REFERENCE_DIR"),
		Progress:      os.Getenv("PARITY_PROGRESS") == "1",
		AllowEmulator: os.Getenv("PARITY_ALLOW_EMULATOR") == "1",
	}
	if s.Mode == "" {
		s.Mode = ModeVerify
	}
	switch s.Mode {
	case ModeVerify, ModeRecord, ModeReference:
	default:
		return s, fmt.Errorf("PARITY_MODE=%q: want verify, record or reference", s.Mode)
	}
	if err := ParseTarget(s.Target); err != nil {
		return s, fmt.Errorf("PARITY_TARGET: %w", err)
	}
	if s.Mode == ModeRecord && s.Target == KindEmulator && !s.AllowEmulator {
		return s, errors.New("PARITY_MODE=record with the emulator target: snapshots are recorded against AWS or moto; set PARITY_ALLOW_EMULATOR=1 only for what moto lacks")
	}
	if s.Mode == ModeReference && s.ReferenceDir == "" {
		return s, errors.New("PARITY_MODE=reference needs PARITY_REFERENCE_DIR (the directory of the AWS reference recordings)")
	}
	if s.SnapshotDir == "" {
		s.SnapshotDir = filepath.Join(root, "snapshots")
	}
	if v := os.Getenv("PARITY_RUN_STARTED"); v != "" {
		t, err := time.Parse(time.RFC3339, v)
		if err != nil {
			return s, fmt.Errorf("PARITY_RUN_STARTED=%q: want an RFC 3339 time", v)
		}
		s.RunStarted = t
	}
	if v := os.Getenv("PARITY_SHARD"); v != "" {
		k, n, err := ParseShard(v)
		if err != nil {
			return s, fmt.Errorf("PARITY_SHARD: %w", err)
		}
		s.ShardK, s.ShardN = k, n
	}
	return s, nil
}

// ParseShard parses "K/N" with 1 <= K <= N.
func ParseShard(v string) (k, n int, err error) {
	a, b, ok := strings.Cut(v, "/")
	k, err1 := strconv.Atoi(a)
	n, err2 := strconv.Atoi(b)
	if !ok || err1 != nil || err2 != nil || n < 1 || k < 1 || k > n {
		return 0, 0, fmt.Errorf("shard %q: want K/N with 1 <= K <= N, e.g. 2/4", v)
	}
	return k, n, nil
}

// run is the state of the suite running in this process.
type run struct {
	root     string
	suite    string // service name given to RunSuite
	settings Settings
	setupErr error

	targetOnce sync.Once
	tgt        *Target
	targetErr  error

	cfgOnce sync.Once
	cfg     aws.Config
	cfgErr  error
	account string

	mu       sync.Mutex
	calls    *jsonlWriter
	results  *jsonlWriter
	sessions map[string]*Session // by spec id
	names    []string            // UniqueName results, in order
	total    int
	done     int
}

var (
	state     *run
	stateOnce sync.Once
)

// current returns the process's run state, reading the environment on
// first use.
func current() *run {
	stateOnce.Do(func() {
		r := &run{sessions: map[string]*Session{}}
		wd, _ := os.Getwd()
		r.root, r.setupErr = RepoRoot(wd)
		if r.setupErr == nil {
			r.settings, r.setupErr = LoadSettings(r.root)
		}
		state = r
	})
	return state
}

// RepoRoot finds the repository root: the nearest directory at or above
// dir holding go.mod.
func RepoRoot(dir string) (string, error) {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	for d := dir; ; d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			return d, nil
		}
		if filepath.Dir(d) == d {
			return "", fmt.Errorf("no go.mod at or above %s: run parity inside the repository", dir)
		}
	}
}

// target starts (once) and returns the target; it fails the current spec
// or suite node when the target cannot be reached.
func (r *run) target() *Target {
	t, err := r.startTarget()
	if err != nil {
		failNow(err.Error())
	}
	return t
}

func (r *run) startTarget() (*Target, error) {
	if r.setupErr != nil {
		return nil, r.setupErr
	}
	r.targetOnce.Do(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		r.tgt, r.targetErr = StartTarget(ctx, r.settings.Target)
	})
	return r.tgt, r.targetErr
}

// config builds (once) the aws.Config of the target.
func (r *run) config() (aws.Config, error) {
	t, err := r.startTarget()
	if err != nil {
		return aws.Config{}, err
	}
	r.cfgOnce.Do(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		r.cfg, r.cfgErr = Config(ctx, t)
	})
	return r.cfg, r.cfgErr
}

// accountID asks the target who the caller is (once, without recording the
// call); the transformers scrub it from responses.
func (r *run) accountID() string {
	r.mu.Lock()
	acct := r.account
	r.mu.Unlock()
	if acct != "" {
		return acct
	}
	cfg, err := r.config()
	if err != nil {
		return ""
	}
	plain := cfg.Copy()
	plain.APIOptions = nil
	if r.tgt.Kind != KindAWS && os.Getenv("AWS_ACCESS_KEY_ID") == "" {
		plain.Credentials = credentials.NewStaticCredentialsProvider("test", "test", "")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	out, err := sts.NewFromConfig(plain, func(o *sts.Options) { o.BaseEndpoint = plain.BaseEndpoint }).GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
	if err != nil || out.Account == nil {
		return ""
	}
	r.mu.Lock()
	r.account = *out.Account
	r.mu.Unlock()
	return *out.Account
}

// recordCall appends a client-side call to the run log.
func (r *run) recordCall(c runlog.Call) {
	c.Suite = r.suite
	c.Spec = currentSpecID()
	r.mu.Lock()
	w := r.calls
	r.mu.Unlock()
	if w != nil {
		w.write(c)
	}
}

// jsonlWriter appends JSON lines to a file; safe for concurrent use.
type jsonlWriter struct {
	mu sync.Mutex
	f  *os.File
}

func openJSONL(path string) (*jsonlWriter, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, err
	}
	f, err := os.OpenFile(path, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return nil, err
	}
	return &jsonlWriter{f: f}, nil
}

func (w *jsonlWriter) write(v any) {
	line, err := json.Marshal(v)
	if err != nil {
		return
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	_, _ = w.f.Write(append(line, '\n'))
}

func (w *jsonlWriter) close() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.f.Close()
}

// failNow fails the running Ginkgo node.
func failNow(msg string) { Fail(msg, 2) }
