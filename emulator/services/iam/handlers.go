package iam

import "github.com/parity-harness/parity/emulator/service"

// Handlers maps the implemented IAM operations to their handlers.
func (s *Service) Handlers() map[string]service.Handler {
	h := map[string]service.Handler{
		"CreateRole": s.op(s.createRole), "GetRole": s.op(s.getRole), "ListRoles": s.op(s.listRoles),
		"DeleteRole": s.op(s.deleteRole), "UpdateRole": s.op(s.updateRole),
		"UpdateRoleDescription": s.op(s.updateRoleDescription), "UpdateAssumeRolePolicy": s.op(s.updateAssumeRolePolicy),
		"PutRolePermissionsBoundary": s.op(s.putRolePermissionsBoundary), "DeleteRolePermissionsBoundary": s.op(s.deleteRolePermissionsBoundary),
		"TagRole": s.op(s.tagRole), "UntagRole": s.op(s.untagRole), "ListRoleTags": s.op(s.listRoleTags),

		"CreateUser": s.op(s.createUser), "GetUser": s.op(s.getUser), "ListUsers": s.op(s.listUsers),
		"UpdateUser": s.op(s.updateUser), "DeleteUser": s.op(s.deleteUser),
		"TagUser": s.op(s.tagUser), "UntagUser": s.op(s.untagUser), "ListUserTags": s.op(s.listUserTags),
		"PutUserPermissionsBoundary": s.op(s.putUserPermissionsBoundary), "DeleteUserPermissionsBoundary": s.op(s.deleteUserPermissionsBoundary),
		"ListGroupsForUser": s.op(s.listGroupsForUser),

		"CreateGroup": s.op(s.createGroup), "GetGroup": s.op(s.getGroup), "ListGroups": s.op(s.listGroups),
		"UpdateGroup": s.op(s.updateGroup), "DeleteGroup": s.op(s.deleteGroup),
		"AddUserToGroup": s.op(s.addUserToGroup), "RemoveUserFromGroup": s.op(s.removeUserFromGroup),

		"CreatePolicy": s.op(s.createPolicy), "GetPolicy": s.op(s.getPolicy), "DeletePolicy": s.op(s.deletePolicy),
		"ListPolicies": s.op(s.listPolicies), "CreatePolicyVersion": s.op(s.createPolicyVersion),
		"GetPolicyVersion": s.op(s.getPolicyVersion), "ListPolicyVersions": s.op(s.listPolicyVersions),
		"DeletePolicyVersion": s.op(s.deletePolicyVersion), "SetDefaultPolicyVersion": s.op(s.setDefaultPolicyVersion),
		"TagPolicy": s.op(s.tagPolicy), "UntagPolicy": s.op(s.untagPolicy), "ListPolicyTags": s.op(s.listPolicyTags),
		"ListEntitiesForPolicy": s.op(s.listEntitiesForPolicy),

		"CreateInstanceProfile": s.op(s.createInstanceProfile), "GetInstanceProfile": s.op(s.getInstanceProfile),
		"DeleteInstanceProfile": s.op(s.deleteInstanceProfile), "ListInstanceProfiles": s.op(s.listInstanceProfiles),
		"ListInstanceProfilesForRole": s.op(s.listInstanceProfilesForRole),
		"AddRoleToInstanceProfile":    s.op(s.addRoleToInstanceProfile), "RemoveRoleFromInstanceProfile": s.op(s.removeRoleFromInstanceProfile),
		"TagInstanceProfile": s.op(s.tagInstanceProfile), "UntagInstanceProfile": s.op(s.untagInstanceProfile),
		"ListInstanceProfileTags": s.op(s.listInstanceProfileTags),

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
		"TagOpenIDConnectProvider":                s.op(s.tagOpenIDConnectProvider),
		"UntagOpenIDConnectProvider":              s.op(s.untagOpenIDConnectProvider),
		"ListOpenIDConnectProviderTags":           s.op(s.listOpenIDConnectProviderTags),
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
	return h
}
