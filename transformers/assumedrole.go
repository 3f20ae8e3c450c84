package transformers

import "strings"

// AssumedRoleID scrubs the id of an assumed role, <role id>:<session name>,
// as AWS's recordings write it: the role id becomes a role-id reference (the
// same placeholder as the role's RoleId) and the session name is left to
// the other references (a generated name is one). An id without a session
// part becomes an assumed-role-id reference.
func AssumedRoleID() Transformer {
	return Func(func(doc any, ctx *Context) any {
		return visit(doc, nil, func(member string, _ Location, v any) any {
			s, ok := v.(string)
			if member != "AssumedRoleId" || !ok || strings.HasPrefix(s, "<") {
				return v // not an assumed role id, or one whose role id is a reference already
			}
			roleID, session, found := strings.Cut(s, ":")
			if !found || roleID == "" {
				return referenceScalar(ctx, "assumed-role-id", v)
			}
			return ctx.Reference("role-id", roleID) + ":" + session
		})
	})
}
