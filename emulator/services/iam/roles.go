package iam

import (
	"sort"
	"strings"

	"github.com/parity-harness/parity/emulator/service"
)

func (a *account) role(name string) (*role, error) {
	r, ok := a.roles[name]
	if !ok {
		return nil, noSuchEntity("The role with name %s cannot be found.", name)
	}
	return r, nil
}

// roleView is what a role looks like in each response: CreateRole omits the
// session limit and last use, ListRoles also omits tags and the boundary.
type roleView int

const (
	roleCreated roleView = iota
	roleGot
	roleListed
)

func (r *role) out(view roleView) map[string]any {
	m := map[string]any{
		"Path": r.Path, "RoleName": r.Name, "RoleId": r.ID, "Arn": r.ARN,
		"CreateDate": r.Created, "AssumeRolePolicyDocument": encodePolicy(r.TrustPolicy),
	}
	if r.Description != "" {
		m["Description"] = r.Description
	}
	if view != roleCreated {
		m["MaxSessionDuration"] = r.MaxSession
	}
	if view != roleListed {
		if r.Boundary != "" {
			m["PermissionsBoundary"] = map[string]any{"PermissionsBoundaryType": "PermissionsBoundaryPolicy", "PermissionsBoundaryArn": r.Boundary}
		}
		if len(r.Tags) > 0 {
			m["Tags"] = tagsOut(r.Tags)
		}
	}
	if view == roleGot {
		used := map[string]any{}
		if !r.LastUsed.IsZero() {
			used["LastUsedDate"] = r.LastUsed
			used["Region"] = r.LastUsedRegion
		}
		m["RoleLastUsed"] = used
	}
	return m
}

func checkMaxSession(in service.Params) (int64, error) {
	d, ok := num(in, "MaxSessionDuration")
	if !ok {
		return 3600, nil
	}
	if d < 3600 {
		return 0, validationError("1 validation error detected: Value '%d' at 'maxSessionDuration' failed to satisfy constraint: Member must have value greater than or equal to 3600", d)
	}
	if d > 43200 {
		return 0, validationError("1 validation error detected: Value '%d' at 'maxSessionDuration' failed to satisfy constraint: Member must have value less than or equal to 43200", d)
	}
	return d, nil
}

func (s *Service) createRole(ctx *service.Context, a *account, in service.Params) (map[string]any, error) {
	name := str(in, "RoleName")
	if err := checkName("roleName", name, 64); err != nil {
		return nil, err
	}
	path, err := checkPath(str(in, "Path"))
	if err != nil {
		return nil, err
	}
	doc := str(in, "AssumeRolePolicyDocument")
	if !has(in, "AssumeRolePolicyDocument") {
		return nil, validationError("1 validation error detected: Value null at 'assumeRolePolicyDocument' failed to satisfy constraint: Member must not be null")
	}
	if err := validatePolicy(doc, trustPolicy); err != nil {
		return nil, err
	}
	maxSession, err := checkMaxSession(in)
	if err != nil {
		return nil, err
	}
	if d := str(in, "Description"); len(d) > 1000 {
		return nil, validationError("1 validation error detected: Value '%s' at 'description' failed to satisfy constraint: Member must have length less than or equal to 1000", d)
	}
	tags := tagList(in, "Tags")
	if err := checkTags(tags); err != nil {
		return nil, err
	}
	boundary := str(in, "PermissionsBoundary")
	if boundary != "" {
		if err := a.checkBoundary(boundary); err != nil {
			return nil, err
		}
	}
	if _, exists := a.roles[name]; exists {
		return nil, alreadyExists("Role with name %s already exists.", name)
	}
	r := &role{
		Name: name, ID: service.RandomID("AROA", 17), Path: path, ARN: a.arn("role" + path + name),
		Created: now(), TrustPolicy: doc, Description: str(in, "Description"), MaxSession: maxSession,
		Tags: tags, Inline: map[string]string{},
	}
	if boundary != "" {
		r.Boundary = boundary
		a.useBoundary(boundary, 1)
	}
	a.roles[name] = r
	return map[string]any{"Role": r.out(roleCreated)}, nil
}

func (s *Service) getRole(ctx *service.Context, a *account, in service.Params) (map[string]any, error) {
	r, err := a.role(str(in, "RoleName"))
	if err != nil {
		return nil, err
	}
	return map[string]any{"Role": r.out(roleGot)}, nil
}

func sortedRoles(a *account, prefix string) []*role {
	out := make([]*role, 0, len(a.roles))
	for _, r := range a.roles {
		if strings.HasPrefix(r.Path, prefix) {
			out = append(out, r)
		}
	}
	sort.Slice(out, func(i, j int) bool { return strings.ToLower(out[i].Name) < strings.ToLower(out[j].Name) })
	return out
}

func (s *Service) listRoles(ctx *service.Context, a *account, in service.Params) (map[string]any, error) {
	prefix := str(in, "PathPrefix")
	if prefix == "" {
		prefix = "/"
	}
	return pageOut(in, sortedRoles(a, prefix), "Roles", func(r *role) any { return r.out(roleListed) })
}

func (s *Service) deleteRole(ctx *service.Context, a *account, in service.Params) (map[string]any, error) {
	r, err := a.role(str(in, "RoleName"))
	if err != nil {
		return nil, err
	}
	if r.ServiceLinked {
		return nil, awsUnmodifiable("Cannot perform the operation on the protected role '%s' - this role is only modifiable by AWS", r.Name)
	}
	if len(r.Inline) > 0 {
		return nil, deleteConflict("Cannot delete entity, must delete policies first.")
	}
	if len(r.Attached) > 0 {
		return nil, deleteConflict("Cannot delete entity, must detach all policies first.")
	}
	for _, ip := range a.instanceProfiles {
		for _, rn := range ip.Roles {
			if rn == r.Name {
				return nil, deleteConflict("Cannot delete entity, must remove roles from instance profile first.")
			}
		}
	}
	a.removeRole(r)
	return nil, nil
}

func (a *account) removeRole(r *role) {
	if r.Boundary != "" {
		a.useBoundary(r.Boundary, -1)
	}
	for _, arn := range r.Attached {
		if p, ok := a.policies[arn]; ok {
			p.Attachments--
		}
	}
	delete(a.roles, r.Name)
}

func (s *Service) updateRole(ctx *service.Context, a *account, in service.Params) (map[string]any, error) {
	r, err := a.role(str(in, "RoleName"))
	if err != nil {
		return nil, err
	}
	if has(in, "MaxSessionDuration") {
		d, err := checkMaxSession(in)
		if err != nil {
			return nil, err
		}
		r.MaxSession = d
	}
	if has(in, "Description") {
		r.Description = str(in, "Description")
	}
	return nil, nil
}

func (s *Service) updateRoleDescription(ctx *service.Context, a *account, in service.Params) (map[string]any, error) {
	r, err := a.role(str(in, "RoleName"))
	if err != nil {
		return nil, err
	}
	r.Description = str(in, "Description")
	return map[string]any{"Role": r.out(roleGot)}, nil
}

func (s *Service) updateAssumeRolePolicy(ctx *service.Context, a *account, in service.Params) (map[string]any, error) {
	r, err := a.role(str(in, "RoleName"))
	if err != nil {
		return nil, err
	}
	doc := str(in, "PolicyDocument")
	if err := validatePolicy(doc, trustPolicy); err != nil {
		return nil, err
	}
	r.TrustPolicy = doc
	return nil, nil
}

func (s *Service) putRolePermissionsBoundary(ctx *service.Context, a *account, in service.Params) (map[string]any, error) {
	r, err := a.role(str(in, "RoleName"))
	if err != nil {
		return nil, err
	}
	b := str(in, "PermissionsBoundary")
	if err := a.checkBoundary(b); err != nil {
		return nil, err
	}
	if r.Boundary != "" {
		a.useBoundary(r.Boundary, -1)
	}
	r.Boundary = b
	a.useBoundary(b, 1)
	return nil, nil
}

func (s *Service) deleteRolePermissionsBoundary(ctx *service.Context, a *account, in service.Params) (map[string]any, error) {
	r, err := a.role(str(in, "RoleName"))
	if err != nil {
		return nil, err
	}
	if r.Boundary != "" {
		a.useBoundary(r.Boundary, -1)
	}
	r.Boundary = ""
	return nil, nil
}

func pagedTags(in service.Params, tags []tag) (map[string]any, error) {
	items, out, err := page(in, tags)
	if err != nil {
		return nil, err
	}
	out["Tags"] = tagsOut(items)
	return out, nil
}
