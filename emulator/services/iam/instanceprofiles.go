package iam

import (
	"strings"

	"github.com/parity-harness/parity/emulator/service"
)

func (a *account) instanceProfile(name string) (*instanceProfile, error) {
	ip, ok := a.instanceProfiles[name]
	if !ok {
		return nil, noSuchEntity("Instance Profile %s cannot be found.", name)
	}
	return ip, nil
}

func (a *account) profileOut(ip *instanceProfile, withTags bool) map[string]any {
	roles := make([]any, 0, len(ip.Roles))
	for _, n := range ip.Roles {
		if r, ok := a.roles[n]; ok {
			roles = append(roles, r.out(roleListed))
		}
	}
	m := map[string]any{"Path": ip.Path, "InstanceProfileName": ip.Name, "InstanceProfileId": ip.ID,
		"Arn": ip.ARN, "CreateDate": ip.Created, "Roles": roles}
	if withTags && len(ip.Tags) > 0 {
		m["Tags"] = tagsOut(ip.Tags)
	}
	return m
}

func (s *Service) createInstanceProfile(ctx *service.Context, a *account, in service.Params) (map[string]any, error) {
	name := str(in, "InstanceProfileName")
	if err := checkName("instanceProfileName", name, 128); err != nil {
		return nil, err
	}
	path, err := checkPath(str(in, "Path"))
	if err != nil {
		return nil, err
	}
	tags := tagList(in, "Tags")
	if err := checkTags(tags); err != nil {
		return nil, err
	}
	if _, ok := a.instanceProfiles[name]; ok {
		return nil, alreadyExists("Instance Profile %s already exists.", name)
	}
	ip := &instanceProfile{Name: name, ID: service.RandomID("AIPA", 17), Path: path,
		ARN: a.arn("instance-profile" + path + name), Created: now(), Tags: tags}
	a.instanceProfiles[name] = ip
	return map[string]any{"InstanceProfile": a.profileOut(ip, true)}, nil
}

func (s *Service) getInstanceProfile(ctx *service.Context, a *account, in service.Params) (map[string]any, error) {
	ip, err := a.instanceProfile(str(in, "InstanceProfileName"))
	if err != nil {
		return nil, err
	}
	return map[string]any{"InstanceProfile": a.profileOut(ip, true)}, nil
}

func (s *Service) deleteInstanceProfile(ctx *service.Context, a *account, in service.Params) (map[string]any, error) {
	ip, err := a.instanceProfile(str(in, "InstanceProfileName"))
	if err != nil {
		return nil, err
	}
	if len(ip.Roles) > 0 {
		return nil, deleteConflict("Cannot delete entity, must remove roles from instance profile first.")
	}
	delete(a.instanceProfiles, ip.Name)
	return nil, nil
}

func (s *Service) listProfiles(in service.Params, a *account, keep func(*instanceProfile) bool) (map[string]any, error) {
	var list []*instanceProfile
	for _, n := range sortedKeys(a.instanceProfiles) {
		if keep(a.instanceProfiles[n]) {
			list = append(list, a.instanceProfiles[n])
		}
	}
	return pageOut(in, list, "InstanceProfiles", func(ip *instanceProfile) any { return a.profileOut(ip, false) })
}

func (s *Service) listInstanceProfiles(ctx *service.Context, a *account, in service.Params) (map[string]any, error) {
	prefix := str(in, "PathPrefix")
	return s.listProfiles(in, a, func(ip *instanceProfile) bool { return strings.HasPrefix(ip.Path, prefix) })
}

func (s *Service) listInstanceProfilesForRole(ctx *service.Context, a *account, in service.Params) (map[string]any, error) {
	r, err := a.role(str(in, "RoleName"))
	if err != nil {
		return nil, err
	}
	return s.listProfiles(in, a, func(ip *instanceProfile) bool { return contains(ip.Roles, r.Name) })
}

func (s *Service) addRoleToInstanceProfile(ctx *service.Context, a *account, in service.Params) (map[string]any, error) {
	ip, err := a.instanceProfile(str(in, "InstanceProfileName"))
	if err != nil {
		return nil, err
	}
	r, err := a.role(str(in, "RoleName"))
	if err != nil {
		return nil, err
	}
	if contains(ip.Roles, r.Name) {
		return nil, alreadyExists("Role %s is already associated with instance profile %s.", r.Name, ip.Name)
	}
	if len(ip.Roles) >= 1 {
		return nil, limitExceeded("Cannot exceed quota for InstanceSessionsPerInstanceProfile: 1")
	}
	ip.Roles = append(ip.Roles, r.Name)
	return nil, nil
}

func (s *Service) removeRoleFromInstanceProfile(ctx *service.Context, a *account, in service.Params) (map[string]any, error) {
	ip, err := a.instanceProfile(str(in, "InstanceProfileName"))
	if err != nil {
		return nil, err
	}
	name := str(in, "RoleName")
	if !contains(ip.Roles, name) {
		return nil, noSuchEntity("The role with name %s cannot be found.", name)
	}
	ip.Roles = without(ip.Roles, name)
	return nil, nil
}
