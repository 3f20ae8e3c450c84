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

// Log keeps entries in memory and optionally streams them as JSON lines.
type Log struct {
	mu      sync.Mutex
	entries []Entry
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
	l.entries = append(l.entries, e)
	if l.enc != nil {
		_ = l.enc.Encode(e)
	}
}

// Entries returns a copy of everything recorded so far.
func (l *Log) Entries() []Entry {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]Entry(nil), l.entries...)
}

// Len returns the number of entries.
func (l *Log) Len() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.entries)
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
