package iam

import (
	"sort"
	"strings"

	"github.com/parity-harness/parity/emulator/service"
)

func (a *account) user(name string) (*user, error) {
	u, ok := a.users[name]
	if !ok {
		return nil, noSuchEntity("The user with name %s cannot be found.", name)
	}
	return u, nil
}

func (u *user) out(full bool) map[string]any {
	m := map[string]any{"Path": u.Path, "UserName": u.Name, "UserId": u.ID, "Arn": u.ARN, "CreateDate": u.Created}
	if full {
		if u.Boundary != "" {
			m["PermissionsBoundary"] = map[string]any{"PermissionsBoundaryType": "PermissionsBoundaryPolicy", "PermissionsBoundaryArn": u.Boundary}
		}
		if len(u.Tags) > 0 {
			m["Tags"] = tagsOut(u.Tags)
		}
	}
	return m
}

// callerUser resolves the UserName of calls that default to the caller.
func (a *account) callerUser(ctx *service.Context, in service.Params) (*user, error) {
	name := str(in, "UserName")
	if name == "" {
		if i := strings.Index(ctx.Caller, ":user/"); i >= 0 {
			name = ctx.Caller[strings.LastIndex(ctx.Caller, "/")+1:]
		} else {
			return nil, validationError("Must specify userName when calling with non-User credentials")
		}
	}
	return a.user(name)
}

func (s *Service) createUser(ctx *service.Context, a *account, in service.Params) (map[string]any, error) {
	name := str(in, "UserName")
	if err := checkName("userName", name, 64); err != nil {
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
	boundary := str(in, "PermissionsBoundary")
	if boundary != "" {
		if err := a.checkBoundary(boundary); err != nil {
			return nil, err
		}
	}
	if _, ok := a.users[name]; ok {
		return nil, alreadyExists("User with name %s already exists.", name)
	}
	u := &user{Name: name, ID: service.RandomID("AIDA", 17), Path: path, ARN: a.arn("user" + path + name),
		Created: now(), Tags: tags, Inline: map[string]string{}, Boundary: boundary}
	a.useBoundary(boundary, 1)
	a.users[name] = u
	return map[string]any{"User": u.out(true)}, nil
}

func (s *Service) getUser(ctx *service.Context, a *account, in service.Params) (map[string]any, error) {
	if str(in, "UserName") == "" && !strings.Contains(ctx.Caller, ":user/") {
		// The root user of the account.
		return map[string]any{"User": map[string]any{"Path": "/", "UserName": "root", "UserId": a.id,
			"Arn": a.arn("root"), "CreateDate": now()}}, nil
	}
	u, err := a.callerUser(ctx, in)
	if err != nil {
		return nil, err
	}
	return map[string]any{"User": u.out(true)}, nil
}

func (s *Service) listUsers(ctx *service.Context, a *account, in service.Params) (map[string]any, error) {
	prefix := str(in, "PathPrefix")
	if prefix == "" {
		prefix = "/"
	}
	var users []*user
	for _, u := range a.users {
		if strings.HasPrefix(u.Path, prefix) {
			users = append(users, u)
		}
	}
	sort.Slice(users, func(i, j int) bool { return strings.ToLower(users[i].Name) < strings.ToLower(users[j].Name) })
	return pageOut(in, users, "Users", func(u *user) any { return u.out(false) })
}

func (s *Service) updateUser(ctx *service.Context, a *account, in service.Params) (map[string]any, error) {
	u, err := a.user(str(in, "UserName"))
	if err != nil {
		return nil, err
	}
	newName := str(in, "NewUserName")
	newPath := u.Path
	if has(in, "NewPath") {
		if newPath, err = checkPath(str(in, "NewPath")); err != nil {
			return nil, err
		}
	}
	if newName != "" && newName != u.Name {
		if err := checkName("newUserName", newName, 64); err != nil {
			return nil, err
		}
		if _, ok := a.users[newName]; ok {
			return nil, alreadyExists("User with name %s already exists.", newName)
		}
		for _, g := range a.groups {
			for i, m := range g.Members {
				if m == u.Name {
					g.Members[i] = newName
				}
			}
		}
		delete(a.users, u.Name)
		u.Name = newName
		a.users[newName] = u
	}
	u.Path = newPath
	u.ARN = a.arn("user" + u.Path + u.Name)
	return nil, nil
}

func (s *Service) deleteUser(ctx *service.Context, a *account, in service.Params) (map[string]any, error) {
	u, err := a.user(str(in, "UserName"))
	if err != nil {
		return nil, err
	}
	switch {
	case u.Login != nil:
		return nil, deleteConflict("Cannot delete entity, must delete login profile first.")
	case len(u.AccessKeys) > 0:
		return nil, deleteConflict("Cannot delete entity, must delete access keys first.")
	case len(u.Inline) > 0:
		return nil, deleteConflict("Cannot delete entity, must delete policies first.")
	case len(u.Attached) > 0:
		return nil, deleteConflict("Cannot delete entity, must detach all policies first.")
	case len(u.SigningCerts) > 0:
		return nil, deleteConflict("Cannot delete entity, must delete signing certificates first.")
	case len(u.SSHKeys) > 0:
		return nil, deleteConflict("Cannot delete entity, must delete SSH public keys first.")
	case len(u.ServiceCreds) > 0:
		return nil, deleteConflict("Cannot delete entity, must delete service specific credentials first.")
	}
	for _, g := range a.groups {
		if contains(g.Members, u.Name) {
			return nil, deleteConflict("Cannot delete entity, must remove user from all groups first.")
		}
	}
	a.useBoundary(u.Boundary, -1)
	delete(a.users, u.Name)
	return nil, nil
}

func (s *Service) putUserPermissionsBoundary(ctx *service.Context, a *account, in service.Params) (map[string]any, error) {
	u, err := a.user(str(in, "UserName"))
	if err != nil {
		return nil, err
	}
	b := str(in, "PermissionsBoundary")
	if err := a.checkBoundary(b); err != nil {
		return nil, err
	}
	a.useBoundary(u.Boundary, -1)
	u.Boundary = b
	a.useBoundary(b, 1)
	return nil, nil
}

func (s *Service) deleteUserPermissionsBoundary(ctx *service.Context, a *account, in service.Params) (map[string]any, error) {
	u, err := a.user(str(in, "UserName"))
	if err != nil {
		return nil, err
	}
	a.useBoundary(u.Boundary, -1)
	u.Boundary = ""
	return nil, nil
}

func (s *Service) listGroupsForUser(ctx *service.Context, a *account, in service.Params) (map[string]any, error) {
	u, err := a.user(str(in, "UserName"))
	if err != nil {
		return nil, err
	}
	var groups []*group
	for _, n := range sortedKeys(a.groups) {
		if contains(a.groups[n].Members, u.Name) {
			groups = append(groups, a.groups[n])
		}
	}
	return pageOut(in, groups, "Groups", func(g *group) any { return g.out() })
}
