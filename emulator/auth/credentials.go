// Package auth resolves who a request comes from (access key → account and
// caller ARN) and verifies AWS Signature Version 4 and S3's Signature
// Version 2: always for presigned URLs whose key's secret is known, and for
// every request when asked to.
package auth

import (
	"strings"
	"sync"

	"github.com/parity-harness/parity/emulator/service"
)

// Registry is the in-memory service.Credentials of an emulator: access keys
// issued by STS and IAM, resolved on every request.
type Registry struct {
	mu   sync.RWMutex
	keys map[string]service.Identity
}

// NewRegistry returns an empty registry.
func NewRegistry() *Registry { return &Registry{keys: map[string]service.Identity{}} }

// Register adds or replaces an access key.
func (r *Registry) Register(id service.Identity) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.keys[id.AccessKeyID] = id
}

// Lookup finds an access key.
func (r *Registry) Lookup(accessKeyID string) (service.Identity, bool) {
	r.mu.RLock()
	defer r.mu.RUnlock()
	id, ok := r.keys[accessKeyID]
	return id, ok
}

// Remove deletes an access key.
func (r *Registry) Remove(accessKeyID string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	delete(r.keys, accessKeyID)
}

// Resolve returns the identity of an access key: a registered key as
// registered; otherwise the key names its account when it is 12 digits, and
// belongs to the default account (000000000000, as for "test") when not. The
// secret of an unregistered key is taken to be "test".
func (r *Registry) Resolve(accessKeyID string) service.Identity {
	if id, ok := r.Lookup(accessKeyID); ok {
		return id
	}
	account := service.DefaultAccount
	if isAccountID(accessKeyID) {
		account = accessKeyID
	}
	return service.Identity{
		AccessKeyID:     accessKeyID,
		SecretAccessKey: "test",
		Account:         account,
		ARN:             "arn:aws:iam::" + account + ":root",
		UserID:          account,
	}
}

func isAccountID(s string) bool {
	if len(s) != 12 {
		return false
	}
	return strings.Trim(s, "0123456789") == ""
}

// DefaultAccessKey is the access key of the emulator's default credentials
// (secret "test").
const DefaultAccessKey = "test"

// KnowsSecret reports whether the secret of accessKeyID is known for sure:
// a registered key (issued by STS or IAM) or the default key. Presigned
// URLs made with such keys are verified even when signatures are not.
func (r *Registry) KnowsSecret(accessKeyID string) bool {
	if accessKeyID == DefaultAccessKey {
		return true
	}
	_, ok := r.Lookup(accessKeyID)
	return ok
}
