package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"net/http"
	"os"
	"sort"
	"strings"
	"time"

	"github.com/parity-harness/parity/emulator/gateway"
)

func init() {
	register("status", "show a running emulator's health, version and services", runStatus)
}

func runStatus(args []string) error {
	fs := flag.NewFlagSet("status", flag.ContinueOnError)
	endpoint := fs.String("endpoint", envOr("AWS_ENDPOINT_URL", "http://127.0.0.1:4566"), "emulator URL")
	asJSON := fs.Bool("json", false, "print the health document as JSON")
	if err := fs.Parse(args); err != nil {
		return &exitError{code: 2, err: err}
	}
	url := strings.TrimRight(*endpoint, "/") + "/_parity/health"
	client := &http.Client{Timeout: 5 * time.Second}
	resp, err := client.Get(url)
	if err != nil {
		return fmt.Errorf("no emulator at %s (%v): start one with `parity serve` or pass --endpoint", *endpoint, err)
	}
	defer resp.Body.Close()
	var h gateway.Health
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("%s answered %s: is this a parity emulator?", url, resp.Status)
	}
	if err := json.NewDecoder(resp.Body).Decode(&h); err != nil {
		return fmt.Errorf("%s: unreadable health document (%v): is this a parity emulator?", url, err)
	}
	if *asJSON {
		enc := json.NewEncoder(os.Stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(h)
	}
	fmt.Printf("status:   %s\nversion:  %s\nuptime:   %s\ncalls:    %d\nservices:\n", h.Status, h.Version,
		(time.Duration(h.UptimeSeconds) * time.Second).String(), h.Calls)
	names := make([]string, 0, len(h.Services))
	for n := range h.Services {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Printf("  %-18s %s (%d operations)\n", n, h.Services[n], h.Operations[n])
	}
	return nil
}
