package clients

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"
)

// BenchRow is the Terraform timing of one stack on the emulator and on moto.
type BenchRow struct {
	Stack    string
	Floor    time.Duration
	Emulator TerraformRun
	Moto     TerraformRun
}

// Bench runs every stack against a fresh emulator and against moto at
// motoURL, all in parallel, and returns apply+destroy times.
func Bench(ctx context.Context, root, out, motoURL string) ([]BenchRow, error) {
	stacks, err := DiscoverStacks(filepath.Join(root, "suites", "terraform"))
	if err != nil {
		return nil, err
	}
	rows := make([]BenchRow, len(stacks))
	var wg sync.WaitGroup
	for i, st := range stacks {
		rows[i] = BenchRow{Stack: st.Name, Floor: st.Floor}
		wg.Add(2)
		go func() {
			defer wg.Done()
			emu, _, stop, err := startEmulator(ctx, out, "bench-terraform-"+st.Name)
			if err != nil {
				rows[i].Emulator = TerraformRun{Phase: "setup", Err: err}
				return
			}
			defer stop()
			rows[i].Emulator = benchStack(ctx, out, st, emu.URL(), "emulator")
		}()
		go func() {
			defer wg.Done()
			rows[i].Moto = benchStack(ctx, out, st, motoURL, "moto")
		}()
	}
	wg.Wait()
	return rows, nil
}

func benchStack(ctx context.Context, out string, st Stack, endpoint, target string) TerraformRun {
	logPath := filepath.Join(out, "logs", "bench-"+target+"-"+st.Name+".log")
	_ = os.MkdirAll(filepath.Dir(logPath), 0o755)
	log, err := os.Create(logPath)
	if err != nil {
		return TerraformRun{Phase: "setup", Err: err}
	}
	defer log.Close()
	cctx, cancel := context.WithTimeout(ctx, 10*time.Minute)
	defer cancel()
	return RunStack(cctx, st, endpoint, filepath.Join(out, "work", "bench-"+target+"-"+st.Name), "bench-"+target+"-"+st.Name, log)
}

// BenchMarkdown renders the rows side by side, with the time above the
// provider's own wait floor.
func BenchMarkdown(rows []BenchRow) string {
	var b strings.Builder
	b.WriteString("| stack | provider wait floor | emulator apply+destroy | above floor | moto apply+destroy | above floor |\n|---|---|---|---|---|---|\n")
	for _, r := range rows {
		fmt.Fprintf(&b, "| %s | %.0f s | %s | %s | %s | %s |\n", r.Stack, r.Floor.Seconds(),
			timing(r.Emulator, 0), timing(r.Emulator, r.Floor), timing(r.Moto, 0), timing(r.Moto, r.Floor))
	}
	return b.String()
}

func timing(run TerraformRun, floor time.Duration) string {
	if run.Err != nil {
		return "failed (" + run.Phase + ")"
	}
	d := run.ApplyDestroy - floor
	if floor > 0 && d < 0 {
		d = 0
	}
	return fmt.Sprintf("%.1f s", d.Seconds())
}
