package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"syscall"

	"github.com/parity-harness/parity/emulator"
)

func init() {
	register("serve", "run the bundled AWS emulator", runServe)
}

func runServe(args []string) error {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	listen := fs.String("listen", envOr("PARITY_LISTEN", emulator.DefaultListen), "address to listen on")
	stateDir := fs.String("state-dir", "", "directory that keeps state across restarts (default: in memory only)")
	verify := fs.Bool("verify-signatures", false, "reject requests whose SigV4 signature is wrong")
	callLog := fs.String("call-log", "", "append every call as a JSON line to this file")
	quiet := fs.Bool("quiet", false, "log errors only")
	if err := fs.Parse(args); err != nil {
		return &exitError{code: 2, err: err}
	}
	level := slog.LevelInfo
	if *quiet {
		level = slog.LevelError
	}
	logger := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: level}))

	var logWriter io.Writer
	if *callLog != "" {
		f, err := os.OpenFile(*callLog, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
		if err != nil {
			return fmt.Errorf("--call-log %s: %w", *callLog, err)
		}
		defer f.Close()
		logWriter = f
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	emu, err := emulator.Start(ctx, emulator.Options{
		Listen:           *listen,
		StateDir:         *stateDir,
		VerifySignatures: *verify,
		CallLog:          logWriter,
		Logger:           logger,
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(os.Stdout, "parity emulator %s listening on %s\n", emulator.Version, emu.URL())
	<-ctx.Done()
	logger.Info("shutting down")
	if err := emu.Close(); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	return nil
}

func envOr(name, def string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return def
}
