package clients

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// clientEnv is the environment of a client process talking to endpoint with
// the emulator's default test credentials.
func clientEnv(endpoint string) []string {
	env := []string{}
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		if strings.HasPrefix(k, "AWS_") {
			continue
		}
		env = append(env, kv)
	}
	return append(env,
		"AWS_ENDPOINT_URL="+endpoint,
		"AWS_ACCESS_KEY_ID=test",
		"AWS_SECRET_ACCESS_KEY=test",
		"AWS_DEFAULT_REGION=us-east-1",
		"AWS_REGION=us-east-1",
		"AWS_PAGER=",
		"AWS_EC2_METADATA_DISABLED=true",
	)
}

// script is one per-service client script.
type script struct {
	client, service string
	argv            []string // command line; the script path is last
}

// discoverScripts lists suites/clients/awscli/<svc>.sh and suites/clients/js/<svc>.mjs.
func discoverScripts(root string) []script {
	var out []script
	sh, _ := filepath.Glob(filepath.Join(root, "suites", "clients", "awscli", "*.sh"))
	for _, p := range sh {
		if strings.HasPrefix(filepath.Base(p), "_") {
			continue
		}
		out = append(out, script{"awscli", strings.TrimSuffix(filepath.Base(p), ".sh"), []string{"bash", "-euo", "pipefail", p}})
	}
	js, _ := filepath.Glob(filepath.Join(root, "suites", "clients", "js", "*.mjs"))
	for _, p := range js {
		if strings.HasPrefix(filepath.Base(p), "_") {
			continue
		}
		out = append(out, script{"js", strings.TrimSuffix(filepath.Base(p), ".mjs"), []string{"node", p}})
	}
	return out
}

// runScript runs one script against its own emulator.
func runScript(ctx context.Context, root, out string, s script, served map[string]bool) Result {
	res := Result{Client: s.client, Subject: s.service}
	if !served[modelName(s.service)] {
		res.Status, res.Reason = Pending, "service not served by the emulator yet"
		return res
	}
	if _, err := exec.LookPath(s.argv[0]); err != nil {
		res.Status, res.Reason = Pending, s.argv[0]+" is not installed"
		return res
	}
	if s.client == "js" {
		if _, err := os.Stat(filepath.Join(root, "suites", "clients", "js", "node_modules", "@aws-sdk")); err != nil {
			res.Status, res.Reason = Pending, "run `npm ci` in suites/clients/js first"
			return res
		}
	}
	emu, callLog, stop, err := startEmulator(ctx, out, s.client+"-"+s.service)
	if err != nil {
		res.Status, res.Reason = Fail, err.Error()
		return res
	}
	defer stop()
	res.CallLog = callLog
	logPath := filepath.Join(out, "logs", s.client+"-"+s.service+".log")
	_ = os.MkdirAll(filepath.Dir(logPath), 0o755)
	res.Log = logPath
	cctx, cancel := context.WithTimeout(ctx, 5*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(cctx, s.argv[0], s.argv[1:]...)
	cmd.Dir = filepath.Dir(s.argv[len(s.argv)-1])
	cmd.Env = clientEnv(emu.URL())
	start := time.Now()
	output, err := cmd.CombinedOutput()
	res.Elapsed = time.Since(start)
	_ = os.WriteFile(logPath, output, 0o644)
	if err != nil {
		res.Status, res.Reason = Fail, fmt.Sprintf("%v: %s", err, lastLine(output))
		return res
	}
	res.Status = Pass
	return res
}

// modelName maps a script's service name to the emulator's model name.
func modelName(service string) string {
	if service == "dynamodbstreams" {
		return "streams.dynamodb"
	}
	return service
}

func lastLine(b []byte) string {
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	return strings.TrimSpace(lines[len(lines)-1])
}
