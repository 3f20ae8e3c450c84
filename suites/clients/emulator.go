package clients

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/parity-harness/parity/emulator"
)

// startEmulator starts an emulator on a free loopback port whose call log
// goes to <out>/server/<name>.jsonl.
func startEmulator(ctx context.Context, out, name string) (*emulator.Emulator, string, func(), error) {
	dir := filepath.Join(out, "server")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, "", nil, err
	}
	path := filepath.Join(dir, name+".jsonl")
	f, err := os.Create(path)
	if err != nil {
		return nil, "", nil, err
	}
	emu, err := emulator.Start(ctx, emulator.Options{Listen: "127.0.0.1:0", CallLog: f})
	if err != nil {
		f.Close()
		return nil, "", nil, fmt.Errorf("starting the emulator for %s: %w", name, err)
	}
	stop := func() {
		_ = emu.Close()
		_ = f.Close()
	}
	return emu, path, stop, nil
}
