package iam

import (
	"regexp"

	"github.com/parity-harness/parity/emulator/service"
)

// maxAccessKeys is the number of access keys a user may have.
const maxAccessKeys = 2

func registry(ctx *service.Context) service.Credentials {
	if ctx.Emulator == nil {
		return nil
	}
	return ctx.Emulator.Credentials()
}

func (s *Service) createAccessKey(ctx *service.Context, a *account, in service.Params) (map[string]any, error) {
	u, err := a.callerUser(ctx, in)
	if err != nil {
		return nil, err
	}
	if len(u.AccessKeys) >= maxAccessKeys {
		return nil, limitExceeded("Cannot exceed quota for AccessKeysPerUser: %d", maxAccessKeys)
	}
	k := &accessKey{ID: AccessKeyID("AKIA", a.id), Secret: secret(), Status: "Active", Created: now()}
	u.AccessKeys = append(u.AccessKeys, k)
	if reg := registry(ctx); reg != nil {
		reg.Register(service.Identity{AccessKeyID: k.ID, SecretAccessKey: k.Secret, Account: a.id, ARN: u.ARN, UserID: u.ID})
	}
	return map[string]any{"AccessKey": map[string]any{"UserName": u.Name, "AccessKeyId": k.ID, "Status": k.Status,
		"SecretAccessKey": k.Secret, "CreateDate": k.Created}}, nil
}

func (u *user) key(id string) (*accessKey, error) {
	for _, k := range u.AccessKeys {
		if k.ID == id {
			return k, nil
		}
	}
	return nil, noSuchEntity("The Access Key with id %s cannot be found.", id)
}

func (s *Service) listAccessKeys(ctx *service.Context, a *account, in service.Params) (map[string]any, error) {
	u, err := a.callerUser(ctx, in)
	if err != nil {
		return nil, err
	}
	return pageOut(in, u.AccessKeys, "AccessKeyMetadata", func(k *accessKey) any {
		return map[string]any{"UserName": u.Name, "AccessKeyId": k.ID, "Status": k.Status, "CreateDate": k.Created}
	})
}

func checkStatus(in service.Params) (string, error) {
	st := str(in, "Status")
	if st != "Active" && st != "Inactive" {
		return "", validationError("1 validation error detected: Value at 'status' failed to satisfy constraint: Member must satisfy enum value set")
	}
	return st, nil
}

func (s *Service) updateAccessKey(ctx *service.Context, a *account, in service.Params) (map[string]any, error) {
	st, err := checkStatus(in)
	if err != nil {
		return nil, err
	}
	u, err := a.callerUser(ctx, in)
	if err != nil {
		return nil, err
	}
	k, err := u.key(str(in, "AccessKeyId"))
	if err != nil {
		return nil, err
	}
	k.Status = st
	return nil, nil
}

func (s *Service) deleteAccessKey(ctx *service.Context, a *account, in service.Params) (map[string]any, error) {
	u, err := a.callerUser(ctx, in)
	if err != nil {
		return nil, err
	}
	k, err := u.key(str(in, "AccessKeyId"))
	if err != nil {
		return nil, err
	}
	kept := u.AccessKeys[:0]
	for _, e := range u.AccessKeys {
		if e != k {
			kept = append(kept, e)
		}
	}
	u.AccessKeys = kept
	if reg := registry(ctx); reg != nil {
		reg.Remove(k.ID)
	}
	return nil, nil
}

func (s *Service) getAccessKeyLastUsed(ctx *service.Context, a *account, in service.Params) (map[string]any, error) {
	id := str(in, "AccessKeyId")
	for _, u := range a.users {
		for _, k := range u.AccessKeys {
			if k.ID == id {
				used := map[string]any{"Region": "N/A", "ServiceName": "N/A"}
				if !k.LastUsed.IsZero() {
					used["LastUsedDate"] = k.LastUsed
				}
				return map[string]any{"UserName": u.Name, "AccessKeyLastUsed": used}, nil
			}
		}
	}
	return nil, awsAccessDenied("The specified access key %s does not exist in this account.", id)
}

// Login profiles.

func (a *account) checkPassword(pw string) error {
	min := int64(8)
	if a.passwordPolicy != nil {
		if n, ok := a.passwordPolicy["MinimumPasswordLength"].(int64); ok {
			min = n
		}
	}
	if int64(len(pw)) < min {
		return awsPasswordViolation("Password should have a minimum length of %d", min)
	}
	return nil
}

func (s *Service) createLoginProfile(ctx *service.Context, a *account, in service.Params) (map[string]any, error) {
	u, err := a.callerUser(ctx, in)
	if err != nil {
		return nil, err
	}
	if u.Login != nil {
		return nil, alreadyExists("Login Profile for user %s already exists.", u.Name)
	}
	if err := a.checkPassword(str(in, "Password")); err != nil {
		return nil, err
	}
	u.Login = &loginProfile{Created: now(), ResetRequired: boolean(in, "PasswordResetRequired")}
	return map[string]any{"LoginProfile": u.loginOut()}, nil
}

func (u *user) loginOut() map[string]any {
	return map[string]any{"UserName": u.Name, "CreateDate": u.Login.Created, "PasswordResetRequired": u.Login.ResetRequired}
}

func (a *account) login(ctx *service.Context, in service.Params) (*user, error) {
	u, err := a.callerUser(ctx, in)
	if err != nil {
		return nil, err
	}
	if u.Login == nil {
		return nil, noSuchEntity("Login Profile for User %s cannot be found.", u.Name)
	}
	return u, nil
}

func (s *Service) getLoginProfile(ctx *service.Context, a *account, in service.Params) (map[string]any, error) {
	u, err := a.login(ctx, in)
	if err != nil {
		return nil, err
	}
	return map[string]any{"LoginProfile": u.loginOut()}, nil
}

func (s *Service) updateLoginProfile(ctx *service.Context, a *account, in service.Params) (map[string]any, error) {
	u, err := a.login(ctx, in)
	if err != nil {
		return nil, err
	}
	if has(in, "Password") {
		if err := a.checkPassword(str(in, "Password")); err != nil {
			return nil, err
		}
	}
	if has(in, "PasswordResetRequired") {
		u.Login.ResetRequired = boolean(in, "PasswordResetRequired")
	}
	return nil, nil
}

func (s *Service) deleteLoginProfile(ctx *service.Context, a *account, in service.Params) (map[string]any, error) {
	u, err := a.login(ctx, in)
	if err != nil {
		return nil, err
	}
	u.Login = nil
	return nil, nil
}

// Service-specific credentials (CodeCommit, Keyspaces).

var serviceCredentialServices = map[string]bool{"codecommit.amazonaws.com": true, "cassandra.amazonaws.com": true, "bedrock.amazonaws.com": true}

var credentialIDPattern = regexp.MustCompile(`^[\w]+$`)

func checkCredentialService(name string) error {
	if !serviceCredentialServices[name] {
		return noSuchEntity("No such service %s is supported for Service Specific Credentials", name)
	}
	return nil
}

func (c *serviceCredential) out(withPassword bool) map[string]any {
	m := map[string]any{"CreateDate": c.Created, "ServiceName": c.ServiceName, "ServiceUserName": c.UserName + "-at-" + c.accountID(),
		"ServiceSpecificCredentialId": c.ID, "Status": c.Status, "UserName": c.UserName}
	if withPassword {
		m["ServicePassword"] = c.Password
	}
	return m
}

// accountID is filled from the service user name at creation.
func (c *serviceCredential) accountID() string { return c.account }

func (s *Service) createServiceSpecificCredential(ctx *service.Context, a *account, in service.Params) (map[string]any, error) {
	u, err := a.user(str(in, "UserName"))
	if err != nil {
		return nil, err
	}
	svc := str(in, "ServiceName")
	if err := checkCredentialService(svc); err != nil {
		return nil, err
	}
	c := &serviceCredential{ID: service.RandomID("ACCA", 17), ServiceName: svc, UserName: u.Name, Password: secret() + "=", Status: "Active", Created: now(), account: a.id}
	u.ServiceCreds = append(u.ServiceCreds, c)
	return map[string]any{"ServiceSpecificCredential": c.out(true)}, nil
}

func (a *account) serviceCredential(in service.Params) (*user, *serviceCredential, error) {
	id := str(in, "ServiceSpecificCredentialId")
	if !credentialIDPattern.MatchString(id) {
		return nil, nil, validationError("1 validation error detected: Value at 'serviceSpecificCredentialId' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w]+")
	}
	u, err := a.user(str(in, "UserName"))
	if err != nil {
		return nil, nil, err
	}
	for _, c := range u.ServiceCreds {
		if c.ID == id {
			return u, c, nil
		}
	}
	return nil, nil, noSuchEntity("No such credential %s exists", id)
}

func (s *Service) listServiceSpecificCredentials(ctx *service.Context, a *account, in service.Params) (map[string]any, error) {
	svc := str(in, "ServiceName")
	if svc != "" {
		if err := checkCredentialService(svc); err != nil {
			return nil, err
		}
	}
	u, err := a.callerUser(ctx, in)
	if err != nil {
		return nil, err
	}
	list := []any{}
	for _, c := range u.ServiceCreds {
		if svc == "" || c.ServiceName == svc {
			list = append(list, c.out(false))
		}
	}
	return map[string]any{"ServiceSpecificCredentials": list}, nil
}

func (s *Service) updateServiceSpecificCredential(ctx *service.Context, a *account, in service.Params) (map[string]any, error) {
	st, err := checkStatus(in)
	if err != nil {
		return nil, err
	}
	_, c, err := a.serviceCredential(in)
	if err != nil {
		return nil, err
	}
	c.Status = st
	return nil, nil
}

func (s *Service) resetServiceSpecificCredential(ctx *service.Context, a *account, in service.Params) (map[string]any, error) {
	_, c, err := a.serviceCredential(in)
	if err != nil {
		return nil, err
	}
	c.Password = secret() + "="
	return map[string]any{"ServiceSpecificCredential": c.out(true)}, nil
}

func (s *Service) deleteServiceSpecificCredential(ctx *service.Context, a *account, in service.Params) (map[string]any, error) {
	u, c, err := a.serviceCredential(in)
	if err != nil {
		return nil, err
	}
	kept := u.ServiceCreds[:0]
	for _, e := range u.ServiceCreds {
		if e != c {
			kept = append(kept, e)
		}
	}
	u.ServiceCreds = kept
	return nil, nil
}
