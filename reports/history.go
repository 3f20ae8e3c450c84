package reports

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"sort"
	"time"
)

// HistorySchemaVersion is the version of history.json.
const HistorySchemaVersion = 1

// MaxHistory bounds the entries kept in history.json (oldest dropped).
const MaxHistory = 400

// History is the content of history.json: one entry per report, the trend
// the dashboard draws.
type History struct {
	SchemaVersion int            `json:"schemaVersion"`
	Entries       []HistoryEntry `json:"entries"`
}

// HistoryEntry is the headline of one report.
type HistoryEntry struct {
	// ID identifies the report's runs (their latest finish time); a report
	// regenerated from the same runs replaces its entry instead of adding one.
	ID     string     `json:"id"`
	Time   time.Time  `json:"time"`
	Totals Totals     `json:"totals"`
	Specs  SpecCounts `json:"specs"`
}

// ReadHistory reads a history.json; a missing file is an empty history.
func ReadHistory(file string) (*History, error) {
	data, err := os.ReadFile(file)
	if errors.Is(err, os.ErrNotExist) {
		return &History{SchemaVersion: HistorySchemaVersion, Entries: []HistoryEntry{}}, nil
	}
	if err != nil {
		return nil, err
	}
	var h History
	if err := json.Unmarshal(data, &h); err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	if h.SchemaVersion > HistorySchemaVersion {
		return nil, fmt.Errorf("%s: history schema version %d is newer than this report generator (%d)", file, h.SchemaVersion, HistorySchemaVersion)
	}
	h.SchemaVersion = HistorySchemaVersion
	return &h, nil
}

// Add appends the headline of cov (replacing an entry with the same ID),
// keeps entries in time order and drops the oldest beyond MaxHistory.
func (h *History) Add(cov *Coverage) {
	e := HistoryEntry{ID: "unknown", Totals: cov.Totals, Specs: cov.Specs}
	if cov.GeneratedAt != nil {
		e.Time = *cov.GeneratedAt
		e.ID = e.Time.Format(time.RFC3339Nano)
	}
	kept := h.Entries[:0]
	for _, old := range h.Entries {
		if old.ID != e.ID {
			kept = append(kept, old)
		}
	}
	h.Entries = append(kept, e)
	sort.SliceStable(h.Entries, func(i, j int) bool { return h.Entries[i].Time.Before(h.Entries[j].Time) })
	if len(h.Entries) > MaxHistory {
		h.Entries = h.Entries[len(h.Entries)-MaxHistory:]
	}
}
