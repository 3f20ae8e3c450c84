// Package iam emulates AWS Identity and Access Management: users, groups,
// roles, managed and inline policies with versions, instance profiles, access
// keys, login profiles, service-linked roles, identity providers, tags and the
// account-level settings. IAM is global: state is kept per account only.
// Policies are validated and stored exactly as sent; they are not enforced.
package iam

import (
	"sync"
	"time"

	"github.com/parity-harness/parity/emulator/service"
	"github.com/parity-harness/parity/emulator/state"
)

// Service is the IAM emulation.
type Service struct {
	accounts *state.Partitioned[account]
}

// New returns an IAM service with empty state.
func New() *Service {
	return &Service{accounts: state.NewPartitioned(func(k state.Key) *account { return newAccount(k.Account) })}
}

// Model is the IAM API model name.
func (s *Service) Model() string { return "iam" }

// account is the IAM state of one AWS account.
type account struct {
	mu               sync.Mutex
	id               string
	users            map[string]*user
	groups           map[string]*group
	roles            map[string]*role
	policies         map[string]*managedPolicy // by ARN
	instanceProfiles map[string]*instanceProfile
	oidcProviders    map[string]*oidcProvider // by ARN
	samlProviders    map[string]*samlProvider // by ARN
	aliases          []string
	passwordPolicy   map[string]any
	serverCerts      map[string]*serverCertificate
	// slrDeletions are service-linked role deletion tasks by id.
	slrDeletions map[string]string
}

func newAccount(id string) *account {
	return &account{
		id:               id,
		users:            map[string]*user{},
		groups:           map[string]*group{},
		roles:            map[string]*role{},
		policies:         map[string]*managedPolicy{},
		instanceProfiles: map[string]*instanceProfile{},
		oidcProviders:    map[string]*oidcProvider{},
		samlProviders:    map[string]*samlProvider{},
		serverCerts:      map[string]*serverCertificate{},
		slrDeletions:     map[string]string{},
	}
}

// state returns the caller's account, locked; the caller unlocks it.
func (s *Service) state(ctx *service.Context) *account {
	acct := ctx.Account
	if acct == "" {
		acct = service.DefaultAccount
	}
	a := s.accounts.Get(acct, "")
	a.mu.Lock()
	return a
}

// op wraps a handler body that works on the caller's locked account.
func (s *Service) op(fn func(ctx *service.Context, a *account, in service.Params) (map[string]any, error)) service.Handler {
	return func(ctx *service.Context, in service.Params) (any, error) {
		a := s.state(ctx)
		defer a.mu.Unlock()
		out, err := fn(ctx, a, in)
		if err != nil {
			return nil, err
		}
		if out == nil {
			out = map[string]any{}
		}
		return out, nil
	}
}

// arn builds an IAM ARN of the account.
func (a *account) arn(resource string) string {
	return "arn:aws:iam::" + a.id + ":" + resource
}

func now() time.Time { return time.Now().UTC().Truncate(time.Second) }

// tag is one resource tag; IAM keeps tags in the order they were added.
type tag struct{ Key, Value string }

type user struct {
	Name, ID, Path, ARN string
	Created             time.Time
	Tags                []tag
	Boundary            string
	Inline              map[string]string
	Attached            []string
	AccessKeys          []*accessKey
	Login               *loginProfile
	SSHKeys             []*sshKey
	SigningCerts        []*signingCert
	ServiceCreds        []*serviceCredential
	MFADevices          []string
}

type group struct {
	Name, ID, Path, ARN string
	Created             time.Time
	Inline              map[string]string
	Attached            []string
	Members             []string
}

type role struct {
	Name, ID, Path, ARN string
	Created             time.Time
	TrustPolicy         string
	Description         string
	MaxSession          int64
	Tags                []tag
	Boundary            string
	Inline              map[string]string
	Attached            []string
	LastUsed            time.Time
	LastUsedRegion      string
	ServiceLinked       bool
}

type managedPolicy struct {
	Name, ID, Path, ARN string
	Description         string
	Created, Updated    time.Time
	Versions            []*policyVersion
	Default             string
	NextVersion         int
	Tags                []tag
	Attachments         int
	BoundaryUses        int
}

type policyVersion struct {
	ID       string
	Document string
	Created  time.Time
}

type instanceProfile struct {
	Name, ID, Path, ARN string
	Created             time.Time
	Roles               []string
	Tags                []tag
}

type accessKey struct {
	ID, Secret, Status string
	Created            time.Time
	LastUsed           time.Time
}

type loginProfile struct {
	Created       time.Time
	ResetRequired bool
}

type oidcProvider struct {
	ARN, URL    string
	ClientIDs   []string
	Thumbprints []string
	Created     time.Time
	Tags        []tag
}

type samlProvider struct {
	ARN, Name, Metadata string
	Created             time.Time
	ValidUntil          time.Time
	Tags                []tag
}

type serverCertificate struct {
	Name, ID, Path, ARN string
	Body, Chain         string
	Uploaded            time.Time
	Expiration          time.Time
	Tags                []tag
}

type sshKey struct {
	ID, Body, Status, Fingerprint string
	Uploaded                      time.Time
}

type signingCert struct {
	ID, Body, Status string
	Uploaded         time.Time
}

type serviceCredential struct {
	ID, ServiceName, UserName, Password, Status string
	Created                                     time.Time
	account                                     string
}
