package snapshots

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"sort"
	"time"
)

// Target kinds of a Provenance.
const (
	TargetAWS      = "aws"
	TargetMoto     = "moto"
	TargetEmulator = "emulator"
	TargetOther    = "other"
)

// File is the content of a snapshot file: spec id → spec.
type File map[string]*Spec

// Spec is the recording of one spec.
type Spec struct {
	// RecordedDate is when the content was last recorded, "02-01-2006, 15:04:05" (UTC).
	RecordedDate string `json:"recorded-date"`
	// LastValidatedDate appears in the AWS reference recordings; kept when read.
	LastValidatedDate string `json:"last-validated-date,omitempty"`
	// RecordedContent maps a snapshot key to its transformed document.
	RecordedContent map[string]any `json:"recorded-content"`
	// Provenance says where the content was recorded; nil in the AWS
	// reference recordings, which all come from AWS.
	Provenance *Provenance `json:"provenance,omitempty"`
}

// Provenance describes the target a spec was recorded on.
type Provenance struct {
	Target     string `json:"target"`      // TargetAWS, TargetMoto, TargetEmulator or TargetOther
	Endpoint   string `json:"endpoint"`    // host class: "amazonaws.com", "localhost", or the host
	Region     string `json:"region"`      // e.g. "us-east-1"
	SDK        string `json:"sdk"`         // e.g. "github.com/aws/aws-sdk-go-v2@v1.47.6"
	RecordedAt string `json:"recorded-at"` // RFC 3339, UTC
}

// TargetKind returns the provenance target of s: TargetAWS when s has no
// provenance (the reference recordings).
func (s *Spec) TargetKind() string {
	if s == nil || s.Provenance == nil || s.Provenance.Target == "" {
		return TargetAWS
	}
	return s.Provenance.Target
}

// RecordedDateLayout is the layout of Spec.RecordedDate.
const RecordedDateLayout = "02-01-2006, 15:04:05"

// NewSpec returns a spec recorded now with content and provenance p (whose
// RecordedAt is set to now).
func NewSpec(content map[string]any, p Provenance, now time.Time) *Spec {
	now = now.UTC()
	p.RecordedAt = now.Format(time.RFC3339)
	return &Spec{RecordedDate: now.Format(RecordedDateLayout), RecordedContent: content, Provenance: &p}
}

// Parse decodes a snapshot file. Numbers are kept as json.Number.
func Parse(data []byte) (File, error) {
	if len(bytes.TrimSpace(data)) == 0 {
		return File{}, nil
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var raw map[string]json.RawMessage
	if err := dec.Decode(&raw); err != nil {
		return nil, fmt.Errorf("snapshot file: %w", err)
	}
	if dec.More() {
		return nil, errors.New("snapshot file: trailing data after the top-level object")
	}
	f := make(File, len(raw))
	for id, msg := range raw {
		d := json.NewDecoder(bytes.NewReader(msg))
		d.UseNumber()
		d.DisallowUnknownFields()
		var s Spec
		if err := d.Decode(&s); err != nil {
			return nil, fmt.Errorf("snapshot file: spec %q: %w", id, err)
		}
		if s.RecordedContent == nil {
			s.RecordedContent = map[string]any{}
		}
		f[id] = &s
	}
	return f, nil
}

// ReadFile reads and parses the snapshot file at path; a file that does not
// exist is an empty File.
func ReadFile(path string) (File, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return File{}, nil
	}
	if err != nil {
		return nil, err
	}
	f, err := Parse(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return f, nil
}

// Marshal encodes f canonically (see the package documentation).
func (f File) Marshal() ([]byte, error) {
	tree := make(map[string]any, len(f))
	for id, s := range f {
		if s == nil {
			continue
		}
		spec := map[string]any{
			"recorded-date":    s.RecordedDate,
			"recorded-content": nonNil(s.RecordedContent),
		}
		if s.LastValidatedDate != "" {
			spec["last-validated-date"] = s.LastValidatedDate
		}
		if p := s.Provenance; p != nil {
			spec["provenance"] = map[string]any{
				"target": p.Target, "endpoint": p.Endpoint, "region": p.Region,
				"sdk": p.SDK, "recorded-at": p.RecordedAt,
			}
		}
		tree[id] = spec
	}
	return Canonical(tree)
}

func nonNil(m map[string]any) map[string]any {
	if m == nil {
		return map[string]any{}
	}
	return m
}

// SpecIDs returns the spec ids of f, sorted.
func (f File) SpecIDs() []string {
	ids := make([]string, 0, len(f))
	for id := range f {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids
}
