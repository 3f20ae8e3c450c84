// Command bench is the emulator's load generator: aws-sdk-go-v2 clients in a
// closed loop, at concurrency 1 and 16, against three servers in one run —
// the emulator (the `parity serve` binary, started here), moto (started
// here when moto_server is installed) and a ceiling server in this process
// that answers the same operations with canned valid responses, doing no
// work: the most the client and the HTTP stack allow on this machine.
//
// It prints ops/s, p50/p99 latency, the ratio to moto and the fraction of the
// ceiling per workload, then cold start (process start → first successful
// call) and RSS idle and after the run. Run it with `make bench`.
package main
