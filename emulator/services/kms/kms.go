// Package kms emulates AWS Key Management Service: customer and AWS managed
// keys with their life cycle (enable, disable, scheduled deletion), aliases,
// tags, symmetric encryption with real AES-GCM key material (Encrypt,
// Decrypt and data keys) and MACs of HMAC keys. Ciphertext blobs name the
// key that made them, so Decrypt finds it without a key id, as in AWS.
//
// Other services reach keys through the emulator's Invoke (DescribeKey,
// GenerateDataKey, Decrypt), never through this package's state: S3 resolves
// the keys of SSE-KMS requests that way, and DescribeKey of an AWS managed
// alias (alias/aws/s3) creates that key on first use, as AWS does.
package kms

import (
	"sync"
	"time"

	"github.com/parity-harness/parity/emulator/service"
	"github.com/parity-harness/parity/emulator/state"
)

// Service is the KMS emulation.
type Service struct {
	regions *state.Partitioned[region]
	now     func() time.Time
}

// region holds the keys and aliases of one account and region.
type region struct {
	mu      sync.RWMutex
	keys    map[string]*key   // key id → key
	order   []string          // key ids in creation order, for ListKeys
	aliases map[string]*alias // alias name ("alias/x") → alias
}

// New returns a KMS service without keys.
func New() *Service {
	return &Service{
		regions: state.NewPartitioned(func(state.Key) *region {
			return &region{keys: map[string]*key{}, aliases: map[string]*alias{}}
		}),
		now: time.Now,
	}
}

// Model implements service.Service.
func (s *Service) Model() string { return "kms" }

// Handlers implements service.Service.
func (s *Service) Handlers() map[string]service.Handler {
	return map[string]service.Handler{
		"CreateKey":                       service.Typed(s.createKey),
		"DescribeKey":                     service.Typed(s.describeKey),
		"ListKeys":                        service.Typed(s.listKeys),
		"EnableKey":                       service.Typed(s.enableKey),
		"DisableKey":                      service.Typed(s.disableKey),
		"ScheduleKeyDeletion":             service.Typed(s.scheduleKeyDeletion),
		"CancelKeyDeletion":               service.Typed(s.cancelKeyDeletion),
		"CreateAlias":                     service.Typed(s.createAlias),
		"UpdateAlias":                     service.Typed(s.updateAlias),
		"DeleteAlias":                     service.Typed(s.deleteAlias),
		"ListAliases":                     service.Typed(s.listAliases),
		"TagResource":                     service.Typed(s.tagResource),
		"UntagResource":                   service.Typed(s.untagResource),
		"ListResourceTags":                service.Typed(s.listResourceTags),
		"Encrypt":                         service.Typed(s.encrypt),
		"Decrypt":                         service.Typed(s.decrypt),
		"GenerateDataKey":                 service.Typed(s.generateDataKey),
		"GenerateDataKeyWithoutPlaintext": service.Typed(s.generateDataKeyWithoutPlaintext),
		"GenerateRandom":                  service.Typed(s.generateRandom),
		"GenerateMac":                     service.Typed(s.generateMac),
		"VerifyMac":                       service.Typed(s.verifyMac),
	}
}

// regionOf returns the state of the caller's account and region.
func (s *Service) regionOf(ctx *service.Context) (*region, scope) {
	sc := scopeOf(ctx)
	return s.regions.Get(sc.account, sc.region), sc
}

// scope is the account and region a call is for.
type scope struct{ account, region string }

func scopeOf(ctx *service.Context) scope {
	sc := scope{account: ctx.Account, region: ctx.Region}
	if sc.account == "" {
		sc.account = service.DefaultAccount
	}
	if sc.region == "" {
		sc.region = service.DefaultRegion
	}
	return sc
}

// arn builds a KMS ARN of the scope: resource is "key/<id>" or "alias/<name>".
func (sc scope) arn(resource string) string {
	return service.ARN("kms", sc.region, sc.account, resource)
}
