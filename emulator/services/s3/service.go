// Package s3 emulates Amazon S3: buckets and their configurations, objects
// with versions, multipart uploads, flexible checksums and aws-chunked
// uploads, conditional requests, and event notifications to SQS and SNS.
//
// Storage sits behind Backend; MemoryBackend keeps metadata in memory and
// spools bodies above SpillThreshold to temporary files, so bodies of any
// size stream through without being buffered.
package s3

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"strconv"
	"time"

	"github.com/parity-harness/parity/emulator/service"
)

// Service is the S3 service.
type Service struct {
	backend  Backend
	now      func() time.Time
	spoolDir string // removed by Close when the service created it
}

// New returns an S3 service over an in-memory backend spooling large
// bodies to a temporary directory of its own, removed by Close.
func New() *Service {
	dir, err := os.MkdirTemp("", "parity-s3-")
	if err != nil {
		dir = ""
	}
	s := NewWithBackend(NewMemoryBackend(dir))
	s.spoolDir = dir
	return s
}

// Close removes the spooled bodies of a service made by New.
func (s *Service) Close() error {
	if s.spoolDir == "" {
		return nil
	}
	return os.RemoveAll(s.spoolDir)
}

// NewWithBackend returns an S3 service over backend.
func NewWithBackend(b Backend) *Service {
	return &Service{backend: b, now: func() time.Time { return time.Now().UTC() }}
}

// Model is the API model name.
func (s *Service) Model() string { return "s3" }

// Backend returns the storage of the service.
func (s *Service) Backend() Backend { return s.backend }

// Handlers maps every implemented operation to its handler.
func (s *Service) Handlers() map[string]service.Handler {
	h := map[string]service.Handler{}
	s.bucketHandlers(h)
	s.bucketConfigHandlers(h)
	s.objectHandlers(h)
	s.listHandlers(h)
	s.multipartHandlers(h)
	s.objectConfigHandlers(h)
	for name, fn := range h {
		h[name] = withS3Conventions(fn)
	}
	return h
}

// canonicalID is the canonical user id of an account: 64 hex characters,
// stable per account.
func canonicalID(account string) string {
	sum := sha256.Sum256([]byte("parity-s3-owner:" + account))
	return hex.EncodeToString(sum[:])
}

func ownerOf(account string) Owner { return Owner{ID: canonicalID(account)} }

const versionAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._"

// newVersionID returns a version id shaped like AWS's: 32 URL-safe characters.
func newVersionID() string {
	b := make([]byte, 32)
	_, _ = rand.Read(b)
	for i := range b {
		b[i] = versionAlphabet[int(b[i])%len(versionAlphabet)]
	}
	return string(b)
}

// validVersionID reports whether v could be a version id.
func validVersionID(v string) bool {
	if v == "null" {
		return true
	}
	if len(v) != 32 {
		return false
	}
	for i := 0; i < len(v); i++ {
		c := v[i]
		if !(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '.' || c == '_') {
			return false
		}
	}
	return true
}

func itoa(n int) string { return strconv.Itoa(n) }
