// Package sts emulates AWS Security Token Service: caller identity, role
// assumption (plain, web identity, SAML), session and federation tokens.
// Issued credentials are registered with the emulator so later calls signed
// with them resolve to the right account and caller ARN.
package sts

import (
	"strings"
	"sync"
	"time"

	"github.com/parity-harness/parity/emulator/awserr"
	"github.com/parity-harness/parity/emulator/service"
)

// Service is the STS emulation.
type Service struct {
	mu sync.Mutex
	// sessions are the issued temporary credentials by access key id, for
	// role chaining (transitive tags, the one-hour limit).
	sessions map[string]*session
}

// session is what STS remembers of temporary credentials it issued.
type session struct {
	account       string
	arn           string
	transitive    map[string]string // lower-case key → value
	transitiveRaw []tag
	expires       time.Time
}

type tag struct{ Key, Value string }

// New returns an STS service.
func New() *Service { return &Service{sessions: map[string]*session{}} }

// Model is the STS API model name.
func (s *Service) Model() string { return "sts" }

// Handlers maps the implemented operations.
func (s *Service) Handlers() map[string]service.Handler {
	return map[string]service.Handler{
		"GetCallerIdentity":          s.getCallerIdentity,
		"AssumeRole":                 s.assumeRole,
		"AssumeRoleWithWebIdentity":  s.assumeRoleWithWebIdentity,
		"AssumeRoleWithSAML":         s.assumeRoleWithSAML,
		"GetSessionToken":            s.getSessionToken,
		"GetFederationToken":         s.getFederationToken,
		"GetAccessKeyInfo":           s.getAccessKeyInfo,
		"DecodeAuthorizationMessage": s.decodeAuthorizationMessage,
	}
}

func validation(format string, args ...any) *awserr.Error {
	return awserr.Newf("ValidationError", 400, format, args...)
}

func invalidParameter(msg string) *awserr.Error {
	return awserr.New("InvalidParameterValue", 400, msg)
}

func callerAccount(ctx *service.Context) string {
	if ctx.Account != "" {
		return ctx.Account
	}
	return service.DefaultAccount
}

func callerARN(ctx *service.Context) string {
	if ctx.Caller != "" {
		return ctx.Caller
	}
	return "arn:aws:iam::" + callerAccount(ctx) + ":root"
}

func isAssumedRole(arn string) bool { return strings.Contains(arn, ":assumed-role/") }

func (s *Service) getCallerIdentity(ctx *service.Context, in service.Params) (any, error) {
	acct := callerAccount(ctx)
	arn := callerARN(ctx)
	userID := acct
	if ctx.Emulator != nil && ctx.AccessKey != "" {
		if id, ok := ctx.Emulator.Credentials().Lookup(ctx.AccessKey); ok && id.UserID != "" {
			userID = id.UserID
		}
	}
	if userID == acct && !strings.HasSuffix(arn, ":root") && ctx.AccessKey != "" {
		userID = ctx.AccessKey
	}
	return map[string]any{"UserId": userID, "Account": acct, "Arn": arn}, nil
}
