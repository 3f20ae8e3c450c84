package sts

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/parity-harness/parity/emulator/awserr"
	"github.com/parity-harness/parity/emulator/service"
	"github.com/parity-harness/parity/emulator/services/iam"
)

func invalidToken(msg string) *awserr.Error {
	return awserr.New("InvalidIdentityToken", 400, msg)
}

// jwtClaims decodes the payload of a JSON Web Token without verifying it:
// the emulator trusts every identity provider.
func jwtClaims(token string) (map[string]any, error) {
	parts := strings.Split(token, ".")
	if len(parts) != 3 {
		return nil, invalidToken("The ID Token provided is not a valid JWT. (You may see this error if you sent an Access Token)")
	}
	payload, err := base64.RawURLEncoding.DecodeString(strings.TrimRight(parts[1], "="))
	if err != nil {
		return nil, invalidToken("The ID Token provided is not a valid JWT. (You may see this error if you sent an Access Token)")
	}
	var claims map[string]any
	if err := json.Unmarshal(payload, &claims); err != nil {
		return nil, invalidToken("The ID Token provided is not a valid JWT. (You may see this error if you sent an Access Token)")
	}
	return claims, nil
}

func claimString(claims map[string]any, name string) string {
	switch v := claims[name].(type) {
	case string:
		return v
	case []any:
		if len(v) > 0 {
			s, _ := v[0].(string)
			return s
		}
	}
	return ""
}

func (s *Service) assumeRoleWithWebIdentity(ctx *service.Context, in service.Params) (any, error) {
	sessionName := str(in, "RoleSessionName")
	if err := checkSessionName("roleSessionName", sessionName, 2, 64); err != nil {
		return nil, err
	}
	ref, err := parseRoleARN(str(in, "RoleArn"))
	if err != nil {
		return nil, err
	}
	token := str(in, "WebIdentityToken")
	if len(token) < 4 {
		return nil, validation("1 validation error detected: Value at 'webIdentityToken' failed to satisfy constraint: Member must have length greater than or equal to 4")
	}
	claims, err := jwtClaims(token)
	if err != nil {
		return nil, err
	}
	packed, err := checkSessionPolicies(in, nil)
	if err != nil {
		return nil, err
	}
	out, err := s.assumed(ctx, ref, sessionName, in, nil, false, nil)
	if err != nil {
		return nil, err
	}
	provider := str(in, "ProviderId")
	if provider == "" {
		provider = strings.TrimPrefix(claimString(claims, "iss"), "https://")
	}
	out["SubjectFromWebIdentityToken"] = claimString(claims, "sub")
	out["Audience"] = claimString(claims, "aud")
	out["Provider"] = provider
	if packed >= 0 {
		out["PackedPolicySize"] = packed
	}
	return out, nil
}

var (
	samlNameID     = regexp.MustCompile(`<(?:\w+:)?NameID([^>]*)>([^<]*)</(?:\w+:)?NameID>`)
	samlFormat     = regexp.MustCompile(`Format="([^"]*)"`)
	samlIssuer     = regexp.MustCompile(`<(?:\w+:)?Issuer[^>]*>([^<]*)</(?:\w+:)?Issuer>`)
	samlSessionTag = regexp.MustCompile(`Name="https://aws.amazon.com/SAML/Attributes/RoleSessionName"[^>]*>\s*<(?:\w+:)?AttributeValue[^>]*>([^<]*)<`)
)

func (s *Service) assumeRoleWithSAML(ctx *service.Context, in service.Params) (any, error) {
	ref, err := parseRoleARN(str(in, "RoleArn"))
	if err != nil {
		return nil, err
	}
	principal := str(in, "PrincipalArn")
	if _, err := parseRoleARN(principal); err != nil {
		return nil, err
	}
	raw, err := base64.StdEncoding.DecodeString(str(in, "SAMLAssertion"))
	if err != nil || !strings.Contains(string(raw), "Assertion") {
		return nil, awserr.New("InvalidIdentityToken", 400, "Invalid base64 SAML authentication response")
	}
	doc := string(raw)
	m := samlNameID.FindStringSubmatch(doc)
	if m == nil {
		return nil, awserr.New("InvalidIdentityToken", 400, "Missing Subject NameID in SAML assertion")
	}
	subjectType := "transient"
	if f := samlFormat.FindStringSubmatch(m[1]); f != nil {
		subjectType = f[1][strings.LastIndex(f[1], ":")+1:]
	}
	sessionName := m[2]
	if t := samlSessionTag.FindStringSubmatch(doc); t != nil {
		sessionName = strings.TrimSpace(t[1])
	}
	if err := checkSessionName("roleSessionName", sessionName, 2, 64); err != nil {
		return nil, err
	}
	if _, err := checkSessionPolicies(in, nil); err != nil {
		return nil, err
	}
	out, err := s.assumed(ctx, ref, sessionName, in, nil, false, nil)
	if err != nil {
		return nil, err
	}
	issuer := ""
	if i := samlIssuer.FindStringSubmatch(doc); i != nil {
		issuer = i[1]
	}
	out["Subject"] = m[2]
	out["SubjectType"] = subjectType
	out["Issuer"] = issuer
	out["Audience"] = "https://signin.aws.amazon.com/saml"
	out["NameQualifier"] = base64.StdEncoding.EncodeToString([]byte(issuer + ref.account + "/" + principal[strings.LastIndex(principal, "/")+1:]))
	return out, nil
}

func (s *Service) getSessionToken(ctx *service.Context, in service.Params) (any, error) {
	d, err := checkDuration(in, 900, 129600, 43200)
	if err != nil {
		return nil, err
	}
	if isAssumedRole(callerARN(ctx)) || s.callerSession(ctx) != nil {
		return nil, awserr.New("AccessDenied", 403, "Cannot call GetSessionToken with session credentials")
	}
	acct := callerAccount(ctx)
	userID := acct
	if ctx.Emulator != nil {
		if id, ok := ctx.Emulator.Credentials().Lookup(ctx.AccessKey); ok && id.UserID != "" {
			userID = id.UserID
		}
	}
	creds := s.issue(ctx, acct, callerARN(ctx), userID, time.Duration(d)*time.Second, nil)
	return map[string]any{"Credentials": creds.out()}, nil
}

func (s *Service) getFederationToken(ctx *service.Context, in service.Params) (any, error) {
	name := str(in, "Name")
	if err := checkSessionName("name", name, 2, 32); err != nil {
		return nil, err
	}
	d, err := checkDuration(in, 900, 129600, 43200)
	if err != nil {
		return nil, err
	}
	sessionTags := tags(in)
	if err := checkTags(sessionTags, nil, nil); err != nil {
		return nil, err
	}
	packed, err := checkSessionPolicies(in, sessionTags)
	if err != nil {
		return nil, err
	}
	if packed < 0 {
		packed = 0
	}
	acct := callerAccount(ctx)
	arn := fmt.Sprintf("arn:aws:sts::%s:federated-user/%s", acct, name)
	userID := acct + ":" + name
	creds := s.issue(ctx, acct, arn, userID, time.Duration(d)*time.Second, nil)
	return map[string]any{
		"Credentials":      creds.out(),
		"FederatedUser":    map[string]any{"FederatedUserId": userID, "Arn": arn},
		"PackedPolicySize": packed,
	}, nil
}

var numericKey = regexp.MustCompile(`^[0-9]{12}$`)

func (s *Service) getAccessKeyInfo(ctx *service.Context, in service.Params) (any, error) {
	key := str(in, "AccessKeyId")
	if len(key) < 16 || len(key) > 128 {
		return nil, validation("1 validation error detected: Value '%s' at 'accessKeyId' failed to satisfy constraint: Member must have length greater than or equal to 16", key)
	}
	if ctx.Emulator != nil {
		if id, ok := ctx.Emulator.Credentials().Lookup(key); ok {
			return map[string]any{"Account": id.Account}, nil
		}
	}
	if acct, ok := iam.AccountOfAccessKey(key); ok {
		return map[string]any{"Account": acct}, nil
	}
	if numericKey.MatchString(key) {
		return map[string]any{"Account": key}, nil
	}
	return map[string]any{"Account": service.DefaultAccount}, nil
}

func (s *Service) decodeAuthorizationMessage(ctx *service.Context, in service.Params) (any, error) {
	msg := str(in, "EncodedMessage")
	raw, err := base64.StdEncoding.DecodeString(msg)
	if err != nil || !json.Valid(raw) {
		return nil, awserr.New("InvalidAuthorizationMessageException", 400, "Message is not valid")
	}
	return map[string]any{"DecodedMessage": string(raw)}, nil
}
