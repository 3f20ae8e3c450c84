package iam

import (
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/parity-harness/parity/emulator/service"
)

// maxPolicyVersions is the number of versions a managed policy may keep.
const maxPolicyVersions = 5

var versionPattern = regexp.MustCompile(`^v[1-9][0-9]*(\.[A-Za-z0-9-]*)?$`)

// awsManagedPolicy reports whether arn names a policy AWS manages
// (arn:aws:iam::aws:policy/...). Their documents are not part of the
// emulator; they can be attached and are listed by ARN and name.
func awsManagedPolicy(arn string) bool {
	parts := strings.SplitN(arn, ":", 6)
	return len(parts) == 6 && parts[4] == "aws" && strings.HasPrefix(parts[5], "policy/")
}

func policyNameOf(arn string) string {
	return arn[strings.LastIndex(arn, "/")+1:]
}

func (a *account) policy(arn string) (*managedPolicy, error) {
	if err := checkPolicyARN(arn); err != nil {
		return nil, err
	}
	p, ok := a.policies[arn]
	if !ok {
		return nil, noSuchEntity("Policy %s was not found.", arn)
	}
	return p, nil
}

// attachable resolves a policy ARN for an attach or boundary call.
func (a *account) attachable(arn string) error {
	if err := checkPolicyARN(arn); err != nil {
		return err
	}
	if _, ok := a.policies[arn]; ok || awsManagedPolicy(arn) {
		return nil
	}
	return noSuchEntity("Policy %s does not exist or is not attachable.", arn)
}

func (a *account) checkBoundary(arn string) error {
	if err := checkPolicyARN(arn); err != nil {
		return invalidInput("ARN %s is not valid.", arn)
	}
	if _, ok := a.policies[arn]; ok || awsManagedPolicy(arn) {
		return nil
	}
	return noSuchEntity("Scope ARN: %s does not exist or is not attachable.", arn)
}

func (a *account) useBoundary(arn string, delta int) {
	if p, ok := a.policies[arn]; ok {
		p.BoundaryUses += delta
	}
}

func (p *managedPolicy) out(withDescription bool) map[string]any {
	m := map[string]any{
		"PolicyName": p.Name, "PolicyId": p.ID, "Arn": p.ARN, "Path": p.Path,
		"DefaultVersionId": p.Default, "AttachmentCount": int64(p.Attachments),
		"PermissionsBoundaryUsageCount": int64(p.BoundaryUses), "IsAttachable": true,
		"CreateDate": p.Created, "UpdateDate": p.Updated,
	}
	if withDescription && p.Description != "" {
		m["Description"] = p.Description
	}
	if len(p.Tags) > 0 {
		m["Tags"] = tagsOut(p.Tags)
	}
	return m
}

func (p *managedPolicy) version(id string) *policyVersion {
	for _, v := range p.Versions {
		if v.ID == id {
			return v
		}
	}
	return nil
}

func (v *policyVersion) out(p *managedPolicy, withDoc bool) map[string]any {
	m := map[string]any{"VersionId": v.ID, "IsDefaultVersion": v.ID == p.Default, "CreateDate": v.Created}
	if withDoc {
		m["Document"] = encodePolicy(v.Document)
	}
	return m
}

func checkManagedDocument(doc string) error {
	if err := validatePolicy(doc, identityPolicy); err != nil {
		return err
	}
	if policySize(doc) > maxManagedPolicySize {
		return limitExceeded("Cannot exceed quota for PolicySize: %d", maxManagedPolicySize)
	}
	return nil
}

func (s *Service) createPolicy(ctx *service.Context, a *account, in service.Params) (map[string]any, error) {
	name := str(in, "PolicyName")
	if err := checkName("policyName", name, 128); err != nil {
		return nil, err
	}
	path, err := checkPath(str(in, "Path"))
	if err != nil {
		return nil, err
	}
	doc := str(in, "PolicyDocument")
	if err := checkManagedDocument(doc); err != nil {
		return nil, err
	}
	tags := tagList(in, "Tags")
	if err := checkTags(tags); err != nil {
		return nil, err
	}
	arn := a.arn("policy" + path + name)
	for _, p := range a.policies {
		if p.Name == name {
			return nil, alreadyExists("A policy called %s already exists. Duplicate names are not allowed.", name)
		}
	}
	t := now()
	p := &managedPolicy{
		Name: name, ID: service.RandomID("ANPA", 17), Path: path, ARN: arn, Description: str(in, "Description"),
		Created: t, Updated: t, Default: "v1", NextVersion: 2, Tags: tags,
		Versions: []*policyVersion{{ID: "v1", Document: doc, Created: t}},
	}
	a.policies[arn] = p
	return map[string]any{"Policy": p.out(false)}, nil
}

func (s *Service) getPolicy(ctx *service.Context, a *account, in service.Params) (map[string]any, error) {
	p, err := a.policy(str(in, "PolicyArn"))
	if err != nil {
		return nil, err
	}
	return map[string]any{"Policy": p.out(true)}, nil
}

func (s *Service) deletePolicy(ctx *service.Context, a *account, in service.Params) (map[string]any, error) {
	p, err := a.policy(str(in, "PolicyArn"))
	if err != nil {
		return nil, err
	}
	if p.Attachments > 0 || p.BoundaryUses > 0 {
		return nil, deleteConflict("Cannot delete a policy attached to entities.")
	}
	if len(p.Versions) > 1 {
		return nil, deleteConflict("This policy has more than one version. Before you delete a policy, you must delete the policy's versions. The default version is deleted with the policy.")
	}
	delete(a.policies, p.ARN)
	return nil, nil
}

func (s *Service) listPolicies(ctx *service.Context, a *account, in service.Params) (map[string]any, error) {
	scope := str(in, "Scope")
	prefix := str(in, "PathPrefix")
	if prefix == "" {
		prefix = "/"
	}
	onlyAttached := boolean(in, "OnlyAttached")
	var list []*managedPolicy
	if scope != "AWS" {
		for _, p := range a.policies {
			if strings.HasPrefix(p.Path, prefix) && (!onlyAttached || p.Attachments > 0) {
				list = append(list, p)
			}
		}
	}
	sort.Slice(list, func(i, j int) bool { return list[i].Name < list[j].Name })
	return pageOut(in, list, "Policies", func(p *managedPolicy) any {
		m := p.out(false)
		delete(m, "Tags")
		return m
	})
}

func (s *Service) checkVersionID(id string) error {
	if !versionPattern.MatchString(id) {
		return validationError("1 validation error detected: Value '%s' at 'versionId' failed to satisfy constraint: Member must satisfy regular expression pattern: v[1-9][0-9]*(\\.[A-Za-z0-9-]*)?", id)
	}
	return nil
}

func (s *Service) createPolicyVersion(ctx *service.Context, a *account, in service.Params) (map[string]any, error) {
	p, err := a.policy(str(in, "PolicyArn"))
	if err != nil {
		return nil, err
	}
	doc := str(in, "PolicyDocument")
	if err := checkManagedDocument(doc); err != nil {
		return nil, err
	}
	if len(p.Versions) >= maxPolicyVersions {
		return nil, limitExceeded("A managed policy can have up to %d versions. Before you create a new version, you must delete an existing version.", maxPolicyVersions)
	}
	v := &policyVersion{ID: "v" + strconv.Itoa(p.NextVersion), Document: doc, Created: now()}
	p.NextVersion++
	p.Versions = append(p.Versions, v)
	if boolean(in, "SetAsDefault") {
		p.Default = v.ID
	}
	p.Updated = v.Created
	return map[string]any{"PolicyVersion": v.out(p, false)}, nil
}

func (s *Service) getPolicyVersion(ctx *service.Context, a *account, in service.Params) (map[string]any, error) {
	p, err := a.policy(str(in, "PolicyArn"))
	if err != nil {
		return nil, err
	}
	id := str(in, "VersionId")
	if err := s.checkVersionID(id); err != nil {
		return nil, err
	}
	v := p.version(id)
	if v == nil {
		return nil, noSuchEntity("Policy %s version %s does not exist or is not attachable.", p.ARN, id)
	}
	return map[string]any{"PolicyVersion": v.out(p, true)}, nil
}

func (s *Service) listPolicyVersions(ctx *service.Context, a *account, in service.Params) (map[string]any, error) {
	p, err := a.policy(str(in, "PolicyArn"))
	if err != nil {
		return nil, err
	}
	versions := append([]*policyVersion(nil), p.Versions...)
	sort.SliceStable(versions, func(i, j int) bool {
		return versions[i].Created.After(versions[j].Created) || (versions[i].Created.Equal(versions[j].Created) && len(versions[i].ID) > len(versions[j].ID)) || (versions[i].Created.Equal(versions[j].Created) && len(versions[i].ID) == len(versions[j].ID) && versions[i].ID > versions[j].ID)
	})
	return pageOut(in, versions, "Versions", func(v *policyVersion) any { return v.out(p, false) })
}

func (s *Service) deletePolicyVersion(ctx *service.Context, a *account, in service.Params) (map[string]any, error) {
	p, err := a.policy(str(in, "PolicyArn"))
	if err != nil {
		return nil, err
	}
	id := str(in, "VersionId")
	if err := s.checkVersionID(id); err != nil {
		return nil, err
	}
	if p.version(id) == nil {
		return nil, noSuchEntity("Policy %s version %s does not exist or is not attachable.", p.ARN, id)
	}
	if id == p.Default {
		return nil, deleteConflict("Cannot delete the default version of a policy.")
	}
	kept := p.Versions[:0]
	for _, v := range p.Versions {
		if v.ID != id {
			kept = append(kept, v)
		}
	}
	p.Versions = kept
	return nil, nil
}

func (s *Service) setDefaultPolicyVersion(ctx *service.Context, a *account, in service.Params) (map[string]any, error) {
	p, err := a.policy(str(in, "PolicyArn"))
	if err != nil {
		return nil, err
	}
	id := str(in, "VersionId")
	if err := s.checkVersionID(id); err != nil {
		return nil, err
	}
	if p.version(id) == nil {
		return nil, noSuchEntity("Policy %s version %s does not exist or is not attachable.", p.ARN, id)
	}
	p.Default = id
	p.Updated = now()
	return nil, nil
}

func (s *Service) listEntitiesForPolicy(ctx *service.Context, a *account, in service.Params) (map[string]any, error) {
	arn := str(in, "PolicyArn")
	if err := a.attachable(arn); err != nil {
		if _, ok := a.policies[arn]; !ok && checkPolicyARN(arn) == nil {
			return nil, noSuchEntity("Policy %s was not found.", arn)
		}
		return nil, err
	}
	filter := str(in, "EntityFilter")
	usage := str(in, "PolicyUsageFilter")
	out := map[string]any{"PolicyGroups": []any{}, "PolicyUsers": []any{}, "PolicyRoles": []any{}, "IsTruncated": false}
	want := func(kind string) bool { return filter == "" || filter == kind }
	if want("Group") && usage != "PermissionsBoundary" {
		var list []any
		for _, n := range sortedKeys(a.groups) {
			if contains(a.groups[n].Attached, arn) {
				list = append(list, map[string]any{"GroupName": n, "GroupId": a.groups[n].ID})
			}
		}
		if list != nil {
			out["PolicyGroups"] = list
		}
	}
	if want("User") {
		var list []any
		for _, n := range sortedKeys(a.users) {
			u := a.users[n]
			if (usage != "PermissionsBoundary" && contains(u.Attached, arn)) || (usage != "PermissionsPolicy" && u.Boundary == arn) {
				list = append(list, map[string]any{"UserName": n, "UserId": u.ID})
			}
		}
		if list != nil {
			out["PolicyUsers"] = list
		}
	}
	if want("Role") {
		var list []any
		for _, n := range sortedKeys(a.roles) {
			r := a.roles[n]
			if (usage != "PermissionsBoundary" && contains(r.Attached, arn)) || (usage != "PermissionsPolicy" && r.Boundary == arn) {
				list = append(list, map[string]any{"RoleName": n, "RoleId": r.ID})
			}
		}
		if list != nil {
			out["PolicyRoles"] = list
		}
	}
	return out, nil
}

func sortedKeys[T any](m map[string]T) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func contains(list []string, s string) bool {
	for _, e := range list {
		if e == s {
			return true
		}
	}
	return false
}

func without(list []string, s string) []string {
	out := list[:0:0]
	for _, e := range list {
		if e != s {
			out = append(out, e)
		}
	}
	return out
}
