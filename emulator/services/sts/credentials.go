package sts

import (
	"crypto/rand"
	"encoding/base64"
	"time"

	"github.com/parity-harness/parity/emulator/service"
	"github.com/parity-harness/parity/emulator/services/iam"
)

// issued is a set of temporary credentials.
type issued struct {
	key, secret, token string
	expires            time.Time
}

func (c issued) out() map[string]any {
	return map[string]any{"AccessKeyId": c.key, "SecretAccessKey": c.secret, "SessionToken": c.token, "Expiration": c.expires}
}

// issue creates temporary credentials for account and registers them with
// the emulator under the caller identity arn/userID.
func (s *Service) issue(ctx *service.Context, account, arn, userID string, d time.Duration, transitive []tag) issued {
	raw := make([]byte, 264)
	_, _ = rand.Read(raw)
	c := issued{
		key:     iam.AccessKeyID("ASIA", account),
		secret:  iam.Secret(),
		token:   "FwoGZXIvYXdzE" + base64.StdEncoding.EncodeToString(raw),
		expires: time.Now().UTC().Add(d).Truncate(time.Second),
	}
	if ctx.Emulator != nil {
		ctx.Emulator.Credentials().Register(service.Identity{
			AccessKeyID: c.key, SecretAccessKey: c.secret, SessionToken: c.token,
			Account: account, ARN: arn, UserID: userID, Expires: c.expires,
		})
	}
	sess := &session{account: account, arn: arn, transitive: map[string]string{}, transitiveRaw: transitive, expires: c.expires}
	for _, t := range transitive {
		sess.transitive[lower(t.Key)] = t.Value
	}
	s.mu.Lock()
	s.sessions[c.key] = sess
	s.mu.Unlock()
	return c
}

// callerSession returns the session of the calling credentials, if STS
// issued them.
func (s *Service) callerSession(ctx *service.Context) *session {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.sessions[ctx.AccessKey]
}
