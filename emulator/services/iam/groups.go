package iam

import (
	"strings"

	"github.com/parity-harness/parity/emulator/service"
)

func (a *account) group(name string) (*group, error) {
	g, ok := a.groups[name]
	if !ok {
		return nil, noSuchEntity("The group with name %s cannot be found.", name)
	}
	return g, nil
}

func (g *group) out() map[string]any {
	return map[string]any{"Path": g.Path, "GroupName": g.Name, "GroupId": g.ID, "Arn": g.ARN, "CreateDate": g.Created}
}

func (s *Service) createGroup(ctx *service.Context, a *account, in service.Params) (map[string]any, error) {
	name := str(in, "GroupName")
	if err := checkName("groupName", name, 128); err != nil {
		return nil, err
	}
	path, err := checkPath(str(in, "Path"))
	if err != nil {
		return nil, err
	}
	if _, ok := a.groups[name]; ok {
		return nil, alreadyExists("Group with name %s already exists.", name)
	}
	g := &group{Name: name, ID: service.RandomID("AGPA", 17), Path: path, ARN: a.arn("group" + path + name), Created: now(), Inline: map[string]string{}}
	a.groups[name] = g
	return map[string]any{"Group": g.out()}, nil
}

func (s *Service) getGroup(ctx *service.Context, a *account, in service.Params) (map[string]any, error) {
	g, err := a.group(str(in, "GroupName"))
	if err != nil {
		return nil, err
	}
	var members []*user
	for _, n := range g.Members {
		if u, ok := a.users[n]; ok {
			members = append(members, u)
		}
	}
	out, err := pageOut(in, members, "Users", func(u *user) any { return u.out(false) })
	if err != nil {
		return nil, err
	}
	out["Group"] = g.out()
	return out, nil
}

func (s *Service) listGroups(ctx *service.Context, a *account, in service.Params) (map[string]any, error) {
	prefix := str(in, "PathPrefix")
	if prefix == "" {
		prefix = "/"
	}
	var groups []*group
	for _, n := range sortedKeys(a.groups) {
		if strings.HasPrefix(a.groups[n].Path, prefix) {
			groups = append(groups, a.groups[n])
		}
	}
	return pageOut(in, groups, "Groups", func(g *group) any { return g.out() })
}

func (s *Service) updateGroup(ctx *service.Context, a *account, in service.Params) (map[string]any, error) {
	g, err := a.group(str(in, "GroupName"))
	if err != nil {
		return nil, err
	}
	if has(in, "NewPath") {
		if g.Path, err = checkPath(str(in, "NewPath")); err != nil {
			return nil, err
		}
	}
	if n := str(in, "NewGroupName"); n != "" && n != g.Name {
		if err := checkName("newGroupName", n, 128); err != nil {
			return nil, err
		}
		if _, ok := a.groups[n]; ok {
			return nil, alreadyExists("Group with name %s already exists.", n)
		}
		delete(a.groups, g.Name)
		g.Name = n
		a.groups[n] = g
	}
	g.ARN = a.arn("group" + g.Path + g.Name)
	return nil, nil
}

func (s *Service) deleteGroup(ctx *service.Context, a *account, in service.Params) (map[string]any, error) {
	g, err := a.group(str(in, "GroupName"))
	if err != nil {
		return nil, err
	}
	switch {
	case len(g.Members) > 0:
		return nil, deleteConflict("Cannot delete entity, must remove users from group first.")
	case len(g.Inline) > 0:
		return nil, deleteConflict("Cannot delete entity, must delete policies first.")
	case len(g.Attached) > 0:
		return nil, deleteConflict("Cannot delete entity, must detach all policies first.")
	}
	delete(a.groups, g.Name)
	return nil, nil
}

func (s *Service) addUserToGroup(ctx *service.Context, a *account, in service.Params) (map[string]any, error) {
	g, err := a.group(str(in, "GroupName"))
	if err != nil {
		return nil, err
	}
	u, err := a.user(str(in, "UserName"))
	if err != nil {
		return nil, err
	}
	if !contains(g.Members, u.Name) {
		g.Members = append(g.Members, u.Name)
	}
	return nil, nil
}

func (s *Service) removeUserFromGroup(ctx *service.Context, a *account, in service.Params) (map[string]any, error) {
	g, err := a.group(str(in, "GroupName"))
	if err != nil {
		return nil, err
	}
	u, err := a.user(str(in, "UserName"))
	if err != nil {
		return nil, err
	}
	if !contains(g.Members, u.Name) {
		return nil, noSuchEntity("User %s is not in group %s.", u.Name, g.Name)
	}
	g.Members = without(g.Members, u.Name)
	return nil, nil
}
