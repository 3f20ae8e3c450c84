package iam

import (
	"regexp"

	"github.com/parity-harness/parity/emulator/service"
)

var aliasPattern = regexp.MustCompile(`^[a-z0-9]([a-z0-9]|-[a-z0-9])*$`)

func (s *Service) createAccountAlias(ctx *service.Context, a *account, in service.Params) (map[string]any, error) {
	alias := str(in, "AccountAlias")
	if len(alias) < 3 || len(alias) > 63 || !aliasPattern.MatchString(alias) {
		return nil, validationError("1 validation error detected: Value '%s' at 'accountAlias' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[a-z0-9]([a-z0-9]|-(?!-)){1,61}[a-z0-9]$", alias)
	}
	if len(a.aliases) > 0 && a.aliases[0] != alias {
		return nil, limitExceeded("Cannot exceed quota for AccountAliasesPerAccount: 1")
	}
	a.aliases = []string{alias}
	return nil, nil
}

func (s *Service) deleteAccountAlias(ctx *service.Context, a *account, in service.Params) (map[string]any, error) {
	alias := str(in, "AccountAlias")
	if len(a.aliases) == 0 || a.aliases[0] != alias {
		return nil, noSuchEntity("The account alias %s cannot be found.", alias)
	}
	a.aliases = nil
	return nil, nil
}

func (s *Service) listAccountAliases(ctx *service.Context, a *account, in service.Params) (map[string]any, error) {
	return map[string]any{"AccountAliases": anyStrings(a.aliases), "IsTruncated": false}, nil
}

// passwordPolicyMembers are the settings of UpdateAccountPasswordPolicy with
// IAM's defaults.
var passwordPolicyMembers = map[string]any{
	"MinimumPasswordLength": int64(6), "RequireSymbols": false, "RequireNumbers": false,
	"RequireUppercaseCharacters": false, "RequireLowercaseCharacters": false,
	"AllowUsersToChangePassword": false, "HardExpiry": false,
}

func (s *Service) updateAccountPasswordPolicy(ctx *service.Context, a *account, in service.Params) (map[string]any, error) {
	p := map[string]any{}
	for k, def := range passwordPolicyMembers {
		switch def.(type) {
		case int64:
			if n, ok := num(in, k); ok {
				if n < 6 || n > 128 {
					return nil, validationError("1 validation error detected: Value '%d' at 'minimumPasswordLength' failed to satisfy constraint: Member must have value between 6 and 128", n)
				}
				p[k] = n
			} else {
				p[k] = def
			}
		default:
			p[k] = boolean(in, k)
		}
	}
	for _, k := range []string{"MaxPasswordAge", "PasswordReusePrevention"} {
		if n, ok := num(in, k); ok {
			p[k] = n
		}
	}
	_, expires := p["MaxPasswordAge"]
	p["ExpirePasswords"] = expires
	a.passwordPolicy = p
	return nil, nil
}

func (s *Service) getAccountPasswordPolicy(ctx *service.Context, a *account, in service.Params) (map[string]any, error) {
	if a.passwordPolicy == nil {
		return nil, noSuchEntity("The Password Policy with domain name %s cannot be found.", a.id)
	}
	return map[string]any{"PasswordPolicy": a.passwordPolicy}, nil
}

func (s *Service) deleteAccountPasswordPolicy(ctx *service.Context, a *account, in service.Params) (map[string]any, error) {
	if a.passwordPolicy == nil {
		return nil, noSuchEntity("The account policy with name PasswordPolicy cannot be found.")
	}
	a.passwordPolicy = nil
	return nil, nil
}

func (s *Service) getAccountSummary(ctx *service.Context, a *account, in service.Params) (map[string]any, error) {
	versions, attached := 0, 0
	for _, p := range a.policies {
		versions += len(p.Versions)
		if p.Attachments > 0 {
			attached++
		}
	}
	m := map[string]any{
		"Users": int64(len(a.users)), "UsersQuota": int64(5000),
		"Groups": int64(len(a.groups)), "GroupsQuota": int64(300),
		"Roles": int64(len(a.roles)), "RolesQuota": int64(1000),
		"Policies": int64(len(a.policies)), "PoliciesQuota": int64(1500),
		"PolicyVersionsInUse": int64(versions), "PolicyVersionsInUseQuota": int64(10000),
		"InstanceProfiles": int64(len(a.instanceProfiles)), "InstanceProfilesQuota": int64(1000),
		"Providers":              int64(len(a.oidcProviders) + len(a.samlProviders)),
		"AccessKeysPerUserQuota": int64(maxAccessKeys), "AttachedPoliciesPerRoleQuota": int64(10),
		"AttachedPoliciesPerUserQuota": int64(10), "AttachedPoliciesPerGroupQuota": int64(10),
		"GroupsPerUserQuota": int64(10), "PolicySizeQuota": int64(maxManagedPolicySize),
		"AccountMFAEnabled": int64(0), "MFADevices": int64(0), "MFADevicesInUse": int64(0),
		"ServerCertificates": int64(len(a.serverCerts)), "ServerCertificatesQuota": int64(20),
		"VersionsPerPolicyQuota": int64(maxPolicyVersions), "GlobalEndpointTokenVersion": int64(1),
		"AccountAccessKeysPresent": int64(0), "AccountSigningCertificatesPresent": int64(0),
	}
	_ = attached
	return map[string]any{"SummaryMap": m}, nil
}

func inlineList(m map[string]string) []any {
	out := []any{}
	for _, n := range sortedKeys(m) {
		out = append(out, map[string]any{"PolicyName": n, "PolicyDocument": encodePolicy(m[n])})
	}
	return out
}

func attachedList(arns []string) []any {
	out := []any{}
	for _, arn := range arns {
		out = append(out, map[string]any{"PolicyName": policyNameOf(arn), "PolicyArn": arn})
	}
	return out
}

func (s *Service) getAccountAuthorizationDetails(ctx *service.Context, a *account, in service.Params) (map[string]any, error) {
	filter := map[string]bool{}
	for _, f := range strs(in, "Filter") {
		filter[f] = true
	}
	want := func(k string) bool { return len(filter) == 0 || filter[k] }
	out := map[string]any{"IsTruncated": false, "UserDetailList": []any{}, "GroupDetailList": []any{}, "RoleDetailList": []any{}, "Policies": []any{}}
	if want("User") {
		list := []any{}
		for _, n := range sortedKeys(a.users) {
			u := a.users[n]
			m := u.out(true)
			m["UserPolicyList"] = inlineList(u.Inline)
			m["AttachedManagedPolicies"] = attachedList(u.Attached)
			var groups []string
			for _, g := range sortedKeys(a.groups) {
				if contains(a.groups[g].Members, n) {
					groups = append(groups, g)
				}
			}
			m["GroupList"] = anyStrings(groups)
			list = append(list, m)
		}
		out["UserDetailList"] = list
	}
	if want("Group") {
		list := []any{}
		for _, n := range sortedKeys(a.groups) {
			g := a.groups[n]
			m := g.out()
			m["GroupPolicyList"] = inlineList(g.Inline)
			m["AttachedManagedPolicies"] = attachedList(g.Attached)
			list = append(list, m)
		}
		out["GroupDetailList"] = list
	}
	if want("Role") {
		list := []any{}
		for _, n := range sortedKeys(a.roles) {
			r := a.roles[n]
			m := r.out(roleGot)
			delete(m, "MaxSessionDuration")
			delete(m, "Description")
			m["RolePolicyList"] = inlineList(r.Inline)
			m["AttachedManagedPolicies"] = attachedList(r.Attached)
			var profiles []any
			for _, pn := range sortedKeys(a.instanceProfiles) {
				if contains(a.instanceProfiles[pn].Roles, n) {
					profiles = append(profiles, a.profileOut(a.instanceProfiles[pn], false))
				}
			}
			m["InstanceProfileList"] = append([]any{}, profiles...)
			list = append(list, m)
		}
		out["RoleDetailList"] = list
	}
	if want("LocalManagedPolicy") {
		list := []any{}
		for _, arn := range sortedKeys(a.policies) {
			p := a.policies[arn]
			m := p.out(true)
			delete(m, "Tags")
			versions := []any{}
			for _, v := range p.Versions {
				versions = append(versions, v.out(p, true))
			}
			m["PolicyVersionList"] = versions
			list = append(list, m)
		}
		out["Policies"] = list
	}
	return out, nil
}
