// Package calllog records every request the emulator serves: the
// server-side coverage source for any client (SDKs, the AWS CLI, Terraform).
package calllog

import (
	"encoding/json"
	"io"
	"sync"
	"time"
)

// Entry is one served request. Its JSON form is one line of
// `parity serve --call-log FILE`.
type Entry struct {
	Time      time.Time `json:"time"`
	Service   string    `json:"service"`   // model name, e.g. "sqs"; "" when unroutable
	Operation string    `json:"operation"` // "" when unknown
	Protocol  string    `json:"protocol,omitempty"`
	Status    int       `json:"status"`
	ErrorCode string    `json:"errorCode,omitempty"`
	Duration  float64   `json:"durationMs"`
	UserAgent string    `json:"userAgent,omitempty"`
	Account   string    `json:"account,omitempty"`
	Region    string    `json:"region,omitempty"`
	RequestID string    `json:"requestId,omitempty"`
	// Params are the top-level input members the request set.
	Params []string `json:"params,omitempty"`
}

// MaxKept bounds the entries a Log keeps in memory: a long-running
// emulator serving millions of calls keeps the newest ones (and streams all
// of them to its writer), so memory does not grow with uptime.
const MaxKept = 100_000

// Log keeps the newest entries in memory and optionally streams every entry
// as a JSON line.
type Log struct {
	mu      sync.Mutex
	entries []Entry
	dropped int
	w       io.Writer
	enc     *json.Encoder
}

// New returns a log; w may be nil.
func New(w io.Writer) *Log {
	l := &Log{w: w}
	if w != nil {
		l.enc = json.NewEncoder(w)
	}
	return l
}

// Add records one entry.
func (l *Log) Add(e Entry) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if len(l.entries) == MaxKept {
		half := MaxKept / 2
		l.entries = append(l.entries[:0], l.entries[half:]...)
		l.dropped += half
	}
	l.entries = append(l.entries, e)
	if l.enc != nil {
		_ = l.enc.Encode(e)
	}
}

// Entries returns a copy of the entries kept (all of them unless more than
// MaxKept were recorded; see Dropped).
func (l *Log) Entries() []Entry {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]Entry(nil), l.entries...)
}

// Len returns the number of entries recorded, kept or not.
func (l *Log) Len() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.entries) + l.dropped
}

// Dropped returns how many of the oldest entries are no longer kept.
func (l *Log) Dropped() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.dropped
}

// ReadJSONLines parses a call log file written by `parity serve --call-log`.
func ReadJSONLines(r io.Reader) ([]Entry, error) {
	dec := json.NewDecoder(r)
	var out []Entry
	for {
		var e Entry
		if err := dec.Decode(&e); err == io.EOF {
			return out, nil
		} else if err != nil {
			return out, err
		}
		out = append(out, e)
	}
}
