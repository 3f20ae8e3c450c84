package iam

import "github.com/parity-harness/parity/emulator/service"

// Handlers maps the implemented IAM operations to their handlers.
func (s *Service) Handlers() map[string]service.Handler {
	h := map[string]service.Handler{
		"CreateRole": s.op(s.createRole), "GetRole": s.op(s.getRole), "ListRoles": s.op(s.listRoles),
		"DeleteRole": s.op(s.deleteRole), "UpdateRole": s.op(s.updateRole),
		"UpdateRoleDescription": s.op(s.updateRoleDescription), "UpdateAssumeRolePolicy": s.op(s.updateAssumeRolePolicy),
		"PutRolePermissionsBoundary": s.op(s.putRolePermissionsBoundary), "DeleteRolePermissionsBoundary": s.op(s.deleteRolePermissionsBoundary),

		"CreateUser": s.op(s.createUser), "GetUser": s.op(s.getUser), "ListUsers": s.op(s.listUsers),
		"UpdateUser": s.op(s.updateUser), "DeleteUser": s.op(s.deleteUser),
		"PutUserPermissionsBoundary": s.op(s.putUserPermissionsBoundary), "DeleteUserPermissionsBoundary": s.op(s.deleteUserPermissionsBoundary),
		"ListGroupsForUser": s.op(s.listGroupsForUser),

		"CreateGroup": s.op(s.createGroup), "GetGroup": s.op(s.getGroup), "ListGroups": s.op(s.listGroups),
		"UpdateGroup": s.op(s.updateGroup), "DeleteGroup": s.op(s.deleteGroup),
		"AddUserToGroup": s.op(s.addUserToGroup), "RemoveUserFromGroup": s.op(s.removeUserFromGroup),

		"CreatePolicy": s.op(s.createPolicy), "GetPolicy": s.op(s.getPolicy), "DeletePolicy": s.op(s.deletePolicy),
		"ListPolicies": s.op(s.listPolicies), "CreatePolicyVersion": s.op(s.createPolicyVersion),
		"GetPolicyVersion": s.op(s.getPolicyVersion), "ListPolicyVersions": s.op(s.listPolicyVersions),
		"DeletePolicyVersion": s.op(s.deletePolicyVersion), "SetDefaultPolicyVersion": s.op(s.setDefaultPolicyVersion),
		"ListEntitiesForPolicy": s.op(s.listEntitiesForPolicy),

		"CreateInstanceProfile": s.op(s.createInstanceProfile), "GetInstanceProfile": s.op(s.getInstanceProfile),
		"DeleteInstanceProfile": s.op(s.deleteInstanceProfile), "ListInstanceProfiles": s.op(s.listInstanceProfiles),
		"ListInstanceProfilesForRole": s.op(s.listInstanceProfilesForRole),
		"AddRoleToInstanceProfile":    s.op(s.addRoleToInstanceProfile), "RemoveRoleFromInstanceProfile": s.op(s.removeRoleFromInstanceProfile),

		"CreateAccessKey": s.op(s.createAccessKey), "ListAccessKeys": s.op(s.listAccessKeys),
		"UpdateAccessKey": s.op(s.updateAccessKey), "DeleteAccessKey": s.op(s.deleteAccessKey),
		"GetAccessKeyLastUsed": s.op(s.getAccessKeyLastUsed),
		"CreateLoginProfile":   s.op(s.createLoginProfile), "GetLoginProfile": s.op(s.getLoginProfile),
		"UpdateLoginProfile": s.op(s.updateLoginProfile), "DeleteLoginProfile": s.op(s.deleteLoginProfile),
		"CreateServiceSpecificCredential": s.op(s.createServiceSpecificCredential),
		"ListServiceSpecificCredentials":  s.op(s.listServiceSpecificCredentials),
		"UpdateServiceSpecificCredential": s.op(s.updateServiceSpecificCredential),
		"ResetServiceSpecificCredential":  s.op(s.resetServiceSpecificCredential),
		"DeleteServiceSpecificCredential": s.op(s.deleteServiceSpecificCredential),

		"CreateServiceLinkedRole": s.op(s.createServiceLinkedRole), "DeleteServiceLinkedRole": s.op(s.deleteServiceLinkedRole),
		"GetServiceLinkedRoleDeletionStatus": s.op(s.getServiceLinkedRoleDeletionStatus),

		"CreateOpenIDConnectProvider": s.op(s.createOpenIDConnectProvider), "GetOpenIDConnectProvider": s.op(s.getOpenIDConnectProvider),
		"ListOpenIDConnectProviders": s.op(s.listOpenIDConnectProviders), "DeleteOpenIDConnectProvider": s.op(s.deleteOpenIDConnectProvider),
		"AddClientIDToOpenIDConnectProvider":      s.op(s.addClientIDToOpenIDConnectProvider),
		"RemoveClientIDFromOpenIDConnectProvider": s.op(s.removeClientIDFromOpenIDConnectProvider),
		"UpdateOpenIDConnectProviderThumbprint":   s.op(s.updateOpenIDConnectProviderThumbprint),
		"CreateSAMLProvider":                      s.op(s.createSAMLProvider), "GetSAMLProvider": s.op(s.getSAMLProvider),
		"UpdateSAMLProvider": s.op(s.updateSAMLProvider), "DeleteSAMLProvider": s.op(s.deleteSAMLProvider),
		"ListSAMLProviders": s.op(s.listSAMLProviders),

		"CreateAccountAlias": s.op(s.createAccountAlias), "DeleteAccountAlias": s.op(s.deleteAccountAlias),
		"ListAccountAliases":          s.op(s.listAccountAliases),
		"UpdateAccountPasswordPolicy": s.op(s.updateAccountPasswordPolicy), "GetAccountPasswordPolicy": s.op(s.getAccountPasswordPolicy),
		"DeleteAccountPasswordPolicy":    s.op(s.deleteAccountPasswordPolicy),
		"GetAccountSummary":              s.op(s.getAccountSummary),
		"GetAccountAuthorizationDetails": s.op(s.getAccountAuthorizationDetails),
	}
	for _, kind := range []string{"Role", "User", "Group"} {
		k := map[string]string{"Role": "role", "User": "user", "Group": "group"}[kind]
		h["Attach"+kind+"Policy"] = s.attachPolicy(k)
		h["Detach"+kind+"Policy"] = s.detachPolicy(k)
		h["ListAttached"+kind+"Policies"] = s.listAttachedPolicies(k)
		h["Put"+kind+"Policy"] = s.putInlinePolicy(k)
		h["Get"+kind+"Policy"] = s.getInlinePolicy(k)
		h["Delete"+kind+"Policy"] = s.deleteInlinePolicy(k)
		h["List"+kind+"Policies"] = s.listInlinePolicies(k)
	}
	s.taggable(h, "Role", func(a *account, in service.Params) (*[]tag, error) {
		r, err := a.role(str(in, "RoleName"))
		if err != nil {
			return nil, err
		}
		return &r.Tags, nil
	})
	s.taggable(h, "User", func(a *account, in service.Params) (*[]tag, error) {
		u, err := a.user(str(in, "UserName"))
		if err != nil {
			return nil, err
		}
		return &u.Tags, nil
	})
	s.taggable(h, "Policy", func(a *account, in service.Params) (*[]tag, error) {
		p, err := a.policy(str(in, "PolicyArn"))
		if err != nil {
			return nil, err
		}
		return &p.Tags, nil
	})
	s.taggable(h, "InstanceProfile", func(a *account, in service.Params) (*[]tag, error) {
		ip, err := a.instanceProfile(str(in, "InstanceProfileName"))
		if err != nil {
			return nil, err
		}
		return &ip.Tags, nil
	})
	s.taggable(h, "OpenIDConnectProvider", func(a *account, in service.Params) (*[]tag, error) {
		p, err := a.oidc(str(in, "OpenIDConnectProviderArn"))
		if err != nil {
			return nil, err
		}
		return &p.Tags, nil
	})
	return h
}

// taggable registers Tag<kind>, Untag<kind> and List<kind>Tags for a kind of
// resource whose tag list find locates.
func (s *Service) taggable(h map[string]service.Handler, kind string, find func(a *account, in service.Params) (*[]tag, error)) {
	h["Tag"+kind] = s.op(func(_ *service.Context, a *account, in service.Params) (map[string]any, error) {
		tags, err := find(a, in)
		if err != nil {
			return nil, err
		}
		*tags, err = mergeTags(*tags, tagList(in, "Tags"))
		return nil, err
	})
	h["Untag"+kind] = s.op(func(_ *service.Context, a *account, in service.Params) (map[string]any, error) {
		tags, err := find(a, in)
		if err != nil {
			return nil, err
		}
		*tags = removeTags(*tags, strs(in, "TagKeys"))
		return nil, nil
	})
	h["List"+kind+"Tags"] = s.op(func(_ *service.Context, a *account, in service.Params) (map[string]any, error) {
		tags, err := find(a, in)
		if err != nil {
			return nil, err
		}
		return pagedTags(in, *tags)
	})
}
