package harness

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func TestParseTarget(t *testing.T) {
	for _, ok := range []string{"emulator", "aws", "http://127.0.0.1:5000", "https://sqs.example.com/"} {
		if err := ParseTarget(ok); err != nil {
			t.Errorf("ParseTarget(%q) = %v", ok, err)
		}
	}
	for _, bad := range []string{"", "moto", "127.0.0.1:5000", "ftp://h", "http://"} {
		if err := ParseTarget(bad); err == nil {
			t.Errorf("ParseTarget(%q) accepted", bad)
		}
	}
}

func TestHostClass(t *testing.T) {
	cases := map[string]string{
		"127.0.0.1": "loopback", "localhost": "loopback", "::1": "loopback",
		"10.1.2.3": "private", "192.168.0.9": "private",
		"sqs.us-east-1.amazonaws.com": "aws", "example.com": "public", "8.8.8.8": "public",
	}
	for host, want := range cases {
		if got := hostClass(host); got != want {
			t.Errorf("hostClass(%q) = %q, want %q", host, got, want)
		}
	}
}

func TestProbeKind(t *testing.T) {
	serve := func(h http.HandlerFunc) string {
		s := httptest.NewServer(h)
		t.Cleanup(s.Close)
		return s.URL
	}
	moto := serve(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/moto-api/" {
			w.Write([]byte("<html><title>Moto</title></html>"))
			return
		}
		http.NotFound(w, r)
	})
	emu := serve(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/_parity/health" {
			w.Write([]byte(`{"status":"running","version":"x","services":{"sqs":"running"}}`))
			return
		}
		http.NotFound(w, r)
	})
	other := serve(func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("hello")) })
	for url, want := range map[string]string{moto: KindMoto, emu: KindEmulator, other: KindOther} {
		got, err := probeKind(context.Background(), url)
		if err != nil || got != want {
			t.Errorf("probeKind(%s) = %q, %v; want %q", url, got, err, want)
		}
	}
	_, err := probeKind(context.Background(), "http://127.0.0.1:1")
	if err == nil || !strings.Contains(err.Error(), "does not answer") {
		t.Errorf("probe of a closed port: %v, want a 'does not answer' error", err)
	}
}

func TestLoadSettings(t *testing.T) {
	cases := []struct {
		env  map[string]string
		want string // error substring; "" for success
	}{
		{map[string]string{}, ""},
		{map[string]string{"PARITY_MODE": "replay"}, "PARITY_MODE"},
		{map[string]string{"PARITY_TARGET": "nowhere"}, "PARITY_TARGET"},
		{map[string]string{"PARITY_MODE": "record"}, "PARITY_ALLOW_EMULATOR"},
		{map[string]string{"PARITY_MODE": "record", "PARITY_ALLOW_EMULATOR": "1"}, ""},
		{map[string]string{"PARITY_MODE": "reference"}, "PARITY_REFERENCE_DIR"},
		{map[string]string{"PARITY_SHARD": "0/3"}, "PARITY_SHARD"},
		{map[string]string{"PARITY_SHARD": "2/3"}, ""},
	}
	for _, c := range cases {
		for _, k := range []string{"PARITY_MODE", "PARITY_TARGET", "PARITY_ALLOW_EMULATOR", "PARITY_REFERENCE_DIR", "PARITY_SHARD", "PARITY_SNAPSHOT_DIR", "AWS_ENDPOINT_URL"} {
			t.Setenv(k, c.env[k])
		}
		s, err := LoadSettings("/repo")
		switch {
		case c.want == "" && err != nil:
			t.Errorf("%v: %v", c.env, err)
		case c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want)):
			t.Errorf("%v: error %v, want one naming %s", c.env, err, c.want)
		case err == nil && s.SnapshotDir != "/repo/snapshots":
			t.Errorf("%v: snapshot dir %q", c.env, s.SnapshotDir)
		}
	}
}

func TestTargetNamePrecedence(t *testing.T) {
	t.Setenv("PARITY_TARGET", "")
	t.Setenv("AWS_ENDPOINT_URL", "")
	if got := TargetName(); got != KindEmulator {
		t.Errorf("default target %q", got)
	}
	t.Setenv("AWS_ENDPOINT_URL", "http://127.0.0.1:5000")
	if got := TargetName(); got != "http://127.0.0.1:5000" {
		t.Errorf("AWS_ENDPOINT_URL target %q", got)
	}
	t.Setenv("PARITY_TARGET", "aws")
	if got := TargetName(); got != KindAWS {
		t.Errorf("PARITY_TARGET target %q", got)
	}
}
