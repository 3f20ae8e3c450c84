package harness

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"strings"
	"time"

	"github.com/parity-harness/parity/emulator"
)

// Target kinds, as written in snapshot provenance and run logs.
const (
	KindEmulator = "emulator"
	KindAWS      = "aws"
	KindMoto     = "moto"
	KindOther    = "other"
)

// DefaultRegion is used when AWS_REGION (and AWS_DEFAULT_REGION) are unset.
const DefaultRegion = "us-east-1"

// Target is the endpoint a run talks to.
type Target struct {
	// Name is what the user asked for: "emulator", "aws" or the URL.
	Name string
	// Kind is KindEmulator, KindAWS, KindMoto or KindOther.
	Kind string
	// Endpoint is the base URL of every client; "" for real AWS.
	Endpoint string
	// Region is the signing and endpoint region.
	Region string
	// HostClass is "aws", "loopback", "private" or "public".
	HostClass string

	emu *emulator.Emulator
}

// Emulator returns the in-process emulator when the target started one.
func (t *Target) Emulator() *emulator.Emulator { return t.emu }

// Close stops the in-process emulator, if any.
func (t *Target) Close() error {
	if t.emu == nil {
		return nil
	}
	return t.emu.Close()
}

// TargetName returns the target the environment asks for: PARITY_TARGET,
// else AWS_ENDPOINT_URL, else "emulator".
func TargetName() string {
	if v := strings.TrimSpace(os.Getenv("PARITY_TARGET")); v != "" {
		return v
	}
	if v := strings.TrimSpace(os.Getenv("AWS_ENDPOINT_URL")); v != "" {
		return v
	}
	return KindEmulator
}

// Region returns AWS_REGION, else AWS_DEFAULT_REGION, else us-east-1.
func Region() string {
	for _, k := range []string{"AWS_REGION", "AWS_DEFAULT_REGION"} {
		if v := strings.TrimSpace(os.Getenv(k)); v != "" {
			return v
		}
	}
	return DefaultRegion
}

// ParseTarget checks a target name without connecting: "emulator", "aws" or
// an absolute http(s) URL.
func ParseTarget(name string) error {
	switch name {
	case KindEmulator, KindAWS:
		return nil
	}
	u, err := url.Parse(name)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Errorf("target %q: want emulator, aws or an http(s)://host:port URL", name)
	}
	return nil
}

// StartTarget resolves a target: starts the in-process emulator, checks
// that AWS credentials resolve, or probes a URL to tell moto from other
// endpoints.
func StartTarget(ctx context.Context, name string) (*Target, error) {
	if err := ParseTarget(name); err != nil {
		return nil, err
	}
	t := &Target{Name: name, Region: Region()}
	switch name {
	case KindEmulator:
		emu, err := emulator.Start(context.Background(), emulator.Options{Listen: "127.0.0.1:0"})
		if err != nil {
			return nil, fmt.Errorf("target emulator: %w", err)
		}
		t.emu, t.Kind, t.Endpoint, t.HostClass = emu, KindEmulator, emu.URL(), "loopback"
	case KindAWS:
		t.Kind, t.HostClass = KindAWS, "aws"
	default:
		t.Endpoint = strings.TrimRight(name, "/")
		u, _ := url.Parse(t.Endpoint)
		t.HostClass = hostClass(u.Hostname())
		kind, err := probeKind(ctx, t.Endpoint)
		if err != nil {
			return nil, err
		}
		t.Kind = kind
	}
	return t, nil
}

// hostClass classifies an endpoint host without revealing it.
func hostClass(host string) string {
	if host == "localhost" {
		return "loopback"
	}
	ip := net.ParseIP(host)
	switch {
	case ip == nil:
		if strings.HasSuffix(host, ".amazonaws.com") {
			return "aws"
		}
		return "public"
	case ip.IsLoopback():
		return "loopback"
	case ip.IsPrivate() || ip.IsLinkLocalUnicast():
		return "private"
	}
	return "public"
}

// probeKind tells moto and the parity emulator from other endpoints; an
// endpoint that does not answer at all is an error.
func probeKind(ctx context.Context, endpoint string) (string, error) {
	client := &http.Client{Timeout: 5 * time.Second}
	get := func(path string) (*http.Response, []byte, error) {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, endpoint+path, nil)
		if err != nil {
			return nil, nil, err
		}
		resp, err := client.Do(req)
		if err != nil {
			return nil, nil, err
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(io.LimitReader(resp.Body, 64<<10))
		return resp, body, nil
	}
	resp, body, err := get("/_parity/health")
	if err != nil {
		var uerr *url.Error
		if errors.As(err, &uerr) {
			err = uerr.Err
		}
		return "", fmt.Errorf("target %s does not answer (%v): start it or fix --target", endpoint, err)
	}
	var health struct {
		Status   string            `json:"status"`
		Services map[string]string `json:"services"`
	}
	if resp.StatusCode == http.StatusOK && json.Unmarshal(body, &health) == nil && health.Status != "" && health.Services != nil {
		return KindEmulator, nil
	}
	resp, body, err = get("/moto-api/")
	if err == nil && resp.StatusCode == http.StatusOK && strings.Contains(strings.ToLower(string(body)), "moto") {
		return KindMoto, nil
	}
	return KindOther, nil
}
