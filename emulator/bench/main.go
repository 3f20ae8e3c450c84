package main

import (
	"context"
	"crypto/rand"
	"errors"
	"flag"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"sort"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/sns"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
	"github.com/aws/aws-sdk-go-v2/service/sts"
)

func main() {
	parityBin := flag.String("parity", "bin/parity", "the parity binary whose emulator is measured")
	duration := flag.Duration("duration", 2*time.Second, "measuring time per workload, concurrency and server")
	only := flag.String("only", "", "run only workloads whose name contains this text")
	noMoto := flag.Bool("no-moto", false, "do not start moto")
	serveCeiling := flag.String("serve-ceiling", "", "internal: serve the ceiling on this address (the benchmark starts itself this way)")
	flag.Parse()
	if *serveCeiling != "" {
		if err := http.ListenAndServe(*serveCeiling, newCeiling(4<<10, 8<<20)); err != nil {
			fmt.Fprintln(os.Stderr, "bench ceiling:", err)
			os.Exit(1)
		}
		return
	}
	if err := run(*parityBin, *duration, *only, !*noMoto); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

// server is one measured endpoint.
type server struct {
	name      string
	url       string
	proc      *exec.Cmd // nil for the in-process ceiling
	coldStart time.Duration
	rssIdle   int64 // KiB
	rssAfter  int64
	hwmAfter  int64
	clients   *clients
	state     *setupState
	err       error
}

// result is one cell of the table.
type result struct {
	ops      float64
	p50, p99 time.Duration
	err      error
}

func run(parityBin string, duration time.Duration, only string, withMoto bool) error {
	body4K, body8M := make([]byte, 4<<10), make([]byte, 8<<20)
	_, _ = rand.Read(body4K)
	_, _ = rand.Read(body8M)

	servers := []*server{}
	// The ceiling runs in a process of its own, like the servers it bounds,
	// so that it does not share the client's CPU scheduling.
	self, err := os.Executable()
	if err != nil {
		return err
	}
	ceiling := &server{name: "ceiling"}
	if err := startProcess(ceiling, func(port int) *exec.Cmd {
		return exec.Command(self, "-serve-ceiling", "127.0.0.1:"+strconv.Itoa(port))
	}); err != nil {
		return fmt.Errorf("ceiling: %w", err)
	}
	defer stop(ceiling)
	emu := &server{name: "emulator"}
	if err := startProcess(emu, func(port int) *exec.Cmd {
		return exec.Command(parityBin, "serve", "--quiet", "--listen", "127.0.0.1:"+strconv.Itoa(port))
	}); err != nil {
		return fmt.Errorf("emulator (%s; run `make build` first): %w", parityBin, err)
	}
	defer stop(emu)
	servers = append(servers, emu)
	if withMoto {
		moto := &server{name: "moto"}
		if _, lookErr := exec.LookPath("moto_server"); lookErr != nil {
			moto.err = errors.New("moto_server not installed")
		} else if err := startProcess(moto, func(port int) *exec.Cmd {
			return exec.Command("moto_server", "-H", "127.0.0.1", "-p", strconv.Itoa(port))
		}); err != nil {
			moto.err = err
		}
		defer stop(moto)
		servers = append(servers, moto)
	}
	servers = append(servers, ceiling)
	for _, s := range servers {
		if s.err == nil {
			s.clients = newClients(s.url)
			s.state = &setupState{body4K: body4K, body8M: body8M}
		}
	}

	levels := []int{1, 16}
	type row struct {
		workload string
		conc     int
		cells    []result
	}
	var rows []row
	ctx := context.Background()
	for _, w := range workloads() {
		if only != "" && !strings.Contains(w.name, only) {
			continue
		}
		for _, conc := range levels {
			r := row{workload: w.name, conc: conc}
			for _, s := range servers {
				if s.err != nil {
					r.cells = append(r.cells, result{err: s.err})
					continue
				}
				r.cells = append(r.cells, measure(ctx, w, s, conc, duration))
			}
			rows = append(rows, r)
			fmt.Fprintf(os.Stderr, "measured %-28s c=%-2d\n", w.name, conc)
		}
	}
	for _, s := range servers {
		if s.proc != nil && s.err == nil {
			s.rssAfter, s.hwmAfter = rss(s.proc.Process.Pid)
		}
	}

	// Table.
	fmt.Printf("\nparity bench: closed loop, %s per cell, client and servers on this machine (%d CPUs)\n\n", duration, cpus())
	header := fmt.Sprintf("%-28s %4s", "workload", "conc")
	for _, s := range servers {
		header += fmt.Sprintf(" | %-30s", s.name+" ops/s  p50  p99")
	}
	header += " | emu/moto | emu/ceiling"
	fmt.Println(header)
	fmt.Println(strings.Repeat("-", len(header)))
	for _, r := range rows {
		line := fmt.Sprintf("%-28s %4d", r.workload, r.conc)
		for _, c := range r.cells {
			if c.err != nil {
				line += fmt.Sprintf(" | %-30s", "error: "+short(c.err))
				continue
			}
			line += fmt.Sprintf(" | %8.0f %9s %9s", c.ops, round(c.p50), round(c.p99))
		}
		emuCell, ceilCell := r.cells[0], r.cells[len(r.cells)-1]
		ratio := "-"
		if withMoto && len(r.cells) == 3 && r.cells[1].err == nil && emuCell.err == nil && r.cells[1].ops > 0 {
			ratio = fmt.Sprintf("%.1fx", emuCell.ops/r.cells[1].ops)
		}
		frac := "-"
		if emuCell.err == nil && ceilCell.err == nil && ceilCell.ops > 0 {
			frac = fmt.Sprintf("%.0f%%", 100*emuCell.ops/ceilCell.ops)
		}
		line += fmt.Sprintf(" | %8s | %11s", ratio, frac)
		fmt.Println(line)
	}
	fmt.Println()
	fmt.Printf("%-10s %12s %14s %14s %14s\n", "server", "cold start", "RSS idle", "RSS after", "peak RSS")
	for _, s := range servers {
		if s.name == "ceiling" {
			continue
		}
		if s.err != nil {
			fmt.Printf("%-10s %s\n", s.name, short(s.err))
			continue
		}
		fmt.Printf("%-10s %12s %11.1f MB %11.1f MB %11.1f MB\n", s.name, round(s.coldStart), mb(s.rssIdle), mb(s.rssAfter), mb(s.hwmAfter))
	}
	return nil
}

// measure runs one workload against one server at a concurrency for d.
func measure(ctx context.Context, w workload, s *server, conc int, d time.Duration) result {
	if w.setup != nil {
		if err := w.setup(ctx, s.clients, s.state); err != nil {
			return result{err: fmt.Errorf("setup: %w", err)}
		}
	}
	// Warm up connections.
	for i := 0; i < conc; i++ {
		if err := w.op(ctx, s.clients, s.state, int64(i)); err != nil {
			return result{err: err}
		}
	}
	var (
		mu        sync.Mutex
		latencies []time.Duration
		firstErr  error
		wg        sync.WaitGroup
	)
	deadline := time.Now().Add(d)
	start := time.Now()
	for g := 0; g < conc; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			var local []time.Duration
			for i := int64(g); time.Now().Before(deadline); i += int64(conc) {
				t := time.Now()
				if err := w.op(ctx, s.clients, s.state, i); err != nil {
					mu.Lock()
					if firstErr == nil {
						firstErr = err
					}
					mu.Unlock()
					return
				}
				local = append(local, time.Since(t))
			}
			mu.Lock()
			latencies = append(latencies, local...)
			mu.Unlock()
		}(g)
	}
	wg.Wait()
	elapsed := time.Since(start)
	if firstErr != nil {
		return result{err: firstErr}
	}
	if len(latencies) == 0 {
		return result{err: errors.New("no call completed")}
	}
	sort.Slice(latencies, func(i, j int) bool { return latencies[i] < latencies[j] })
	return result{
		ops: float64(len(latencies)) / elapsed.Seconds(),
		p50: latencies[len(latencies)/2],
		p99: latencies[len(latencies)*99/100],
	}
}

func newClients(url string) *clients {
	httpClient := awshttp.NewBuildableClient().WithTransportOptions(func(t *http.Transport) {
		t.MaxIdleConns = 64
		t.MaxIdleConnsPerHost = 64
	})
	cfg := aws.Config{
		Region:       "us-east-1",
		Credentials:  credentials.NewStaticCredentialsProvider("test", "test", ""),
		HTTPClient:   httpClient,
		BaseEndpoint: aws.String(url),
		Retryer:      func() aws.Retryer { return aws.NopRetryer{} },
	}
	return &clients{
		sqs: sqs.NewFromConfig(cfg),
		sns: sns.NewFromConfig(cfg),
		s3:  s3.NewFromConfig(cfg, func(o *s3.Options) { o.UsePathStyle = true }),
		ddb: dynamodb.NewFromConfig(cfg),
		sts: sts.NewFromConfig(cfg),
	}
}

// startProcess starts a server process on a free port and waits for its
// first successful call, which gives the cold start.
func startProcess(s *server, command func(port int) *exec.Cmd) error {
	port, err := freePort()
	if err != nil {
		return err
	}
	s.url = "http://127.0.0.1:" + strconv.Itoa(port)
	cmd := command(port)
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	probe := newClients(s.url).sts
	began := time.Now()
	if err := cmd.Start(); err != nil {
		return err
	}
	s.proc = cmd
	deadline := began.Add(30 * time.Second)
	for {
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		_, err := probe.GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
		cancel()
		if err == nil {
			s.coldStart = time.Since(began)
			break
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("no successful call within 30s: %v", err)
		}
		time.Sleep(time.Millisecond)
	}
	time.Sleep(200 * time.Millisecond)
	s.rssIdle, _ = rss(cmd.Process.Pid)
	return nil
}

func stop(s *server) {
	if s.proc != nil && s.proc.Process != nil {
		_ = syscall.Kill(-s.proc.Process.Pid, syscall.SIGTERM)
		done := make(chan struct{})
		go func() { _ = s.proc.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			_ = syscall.Kill(-s.proc.Process.Pid, syscall.SIGKILL)
		}
	}
}

func freePort() (int, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port, nil
}

// rss returns VmRSS and VmHWM of a process in KiB.
func rss(pid int) (cur, peak int64) {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, 0
	}
	for _, line := range strings.Split(string(data), "\n") {
		f := strings.Fields(line)
		if len(f) < 2 {
			continue
		}
		v, _ := strconv.ParseInt(f[1], 10, 64)
		switch f[0] {
		case "VmRSS:":
			cur = v
		case "VmHWM:":
			peak = v
		}
	}
	return cur, peak
}

func mb(kib int64) float64 { return float64(kib) / 1024 }

func round(d time.Duration) string {
	switch {
	case d < time.Millisecond:
		return d.Round(time.Microsecond).String()
	case d < time.Second:
		return d.Round(10 * time.Microsecond).String()
	}
	return d.Round(time.Millisecond).String()
}

func short(err error) string {
	s := err.Error()
	if i := strings.LastIndex(s, "api error "); i >= 0 {
		s = s[i+len("api error "):]
	}
	if len(s) > 28 {
		s = s[:28]
	}
	return s
}

func cpus() int {
	data, _ := os.ReadFile("/proc/cpuinfo")
	return strings.Count(string(data), "processor\t:")
}
