package clients

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"sync"
	"time"

	"github.com/parity-harness/parity/emulator/services"
)

// Options configure a matrix run.
type Options struct {
	Root string // repository root
	Out  string // output directory: logs/, server/<client>-<subject>.jsonl, results.json
	// Clients to run: "awscli", "js", "terraform" (all when empty).
	Clients []string
	// Parallel bounds the runs in flight (Terraform stacks and scripts).
	Parallel int
}

func (o Options) wants(client string) bool {
	if len(o.Clients) == 0 {
		return true
	}
	for _, c := range o.Clients {
		if c == client {
			return true
		}
	}
	return false
}

// Run executes the matrix and returns one result per cell, sorted.
func Run(ctx context.Context, o Options) ([]Result, error) {
	if o.Parallel <= 0 {
		o.Parallel = 4
	}
	served := map[string]bool{}
	for svc := range services.Implemented() {
		served[svc] = true
	}
	// Terraform stacks spend most of their time in the provider's own waits:
	// they all run at once, beside the scripts (bounded by Parallel).
	var jobs []func() Result
	var stackJobs []func() Result
	for _, s := range discoverScripts(o.Root) {
		if o.wants(s.client) {
			jobs = append(jobs, func() Result { return runScript(ctx, o.Root, o.Out, s, served) })
		}
	}
	if o.wants("terraform") {
		stacks, err := DiscoverStacks(filepath.Join(o.Root, "suites", "terraform"))
		if err != nil {
			return nil, err
		}
		for _, st := range stacks {
			stackJobs = append(stackJobs, func() Result { return runTerraform(ctx, o, st, served) })
		}
	}
	results := make([]Result, len(jobs)+len(stackJobs))
	sem := make(chan struct{}, o.Parallel)
	var wg sync.WaitGroup
	for i, job := range stackJobs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			results[len(jobs)+i] = job()
		}()
	}
	for i, job := range jobs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			results[i] = job()
		}()
	}
	wg.Wait()
	sort.Slice(results, func(i, j int) bool {
		if results[i].Client != results[j].Client {
			return results[i].Client < results[j].Client
		}
		return results[i].Subject < results[j].Subject
	})
	return results, nil
}

// runTerraform runs one stack against its own emulator.
func runTerraform(ctx context.Context, o Options, st Stack, served map[string]bool) Result {
	res := Result{Client: "terraform", Subject: st.Name}
	for _, svc := range st.Services {
		if !served[endpointService[svc]] {
			res.Status, res.Reason = Pending, svc+" is not served by the emulator yet"
			return res
		}
	}
	if _, err := exec.LookPath("terraform"); err != nil {
		res.Status, res.Reason = Pending, "terraform is not installed"
		return res
	}
	emu, callLog, stop, err := startEmulator(ctx, o.Out, "terraform-"+st.Name)
	if err != nil {
		res.Status, res.Reason = Fail, err.Error()
		return res
	}
	defer stop()
	res.CallLog = callLog
	logPath := filepath.Join(o.Out, "logs", "terraform-"+st.Name+".log")
	_ = os.MkdirAll(filepath.Dir(logPath), 0o755)
	log, err := os.Create(logPath)
	if err != nil {
		res.Status, res.Reason = Fail, err.Error()
		return res
	}
	defer log.Close()
	res.Log = logPath
	work := filepath.Join(o.Out, "work", st.Name)
	_ = os.RemoveAll(work)
	cctx, cancel := context.WithTimeout(ctx, 10*time.Minute)
	defer cancel()
	start := time.Now()
	run := RunStack(cctx, st, emu.URL(), work, "parity-"+st.Name, log)
	res.Elapsed, res.ApplyDestroy = time.Since(start), run.ApplyDestroy
	if run.Err != nil {
		res.Status, res.Reason = Fail, fmt.Sprintf("%s: %v (log: %s)", run.Phase, run.Err, logPath)
		return res
	}
	res.Status = Pass
	return res
}
