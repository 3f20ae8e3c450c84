package iam

import (
	"sort"
	"strings"

	"github.com/parity-harness/parity/emulator/service"
)

// principal is the part users, groups and roles share: attached managed
// policies and inline policies.
type principal struct {
	kind     string // "role", "user", "group"
	name     string
	attached *[]string
	inline   map[string]string
	// inlineQuota is the aggregate size of inline policies IAM allows.
	inlineQuota int
}

// memberName is the input member naming the principal of a kind.
var memberName = map[string]string{"role": "RoleName", "user": "UserName", "group": "GroupName"}

func (a *account) principal(kind, name string) (*principal, error) {
	switch kind {
	case "role":
		r, err := a.role(name)
		if err != nil {
			return nil, err
		}
		return &principal{kind, r.Name, &r.Attached, r.Inline, 10240}, nil
	case "user":
		u, err := a.user(name)
		if err != nil {
			return nil, err
		}
		return &principal{kind, u.Name, &u.Attached, u.Inline, 2048}, nil
	default:
		g, err := a.group(name)
		if err != nil {
			return nil, err
		}
		return &principal{kind, g.Name, &g.Attached, g.Inline, 5120}, nil
	}
}

func (s *Service) attachPolicy(kind string) service.Handler {
	return s.op(func(ctx *service.Context, a *account, in service.Params) (map[string]any, error) {
		arn := str(in, "PolicyArn")
		if err := checkPolicyARN(arn); err != nil {
			return nil, err
		}
		p, err := a.principal(kind, str(in, memberName[kind]))
		if err != nil {
			return nil, err
		}
		if err := a.attachable(arn); err != nil {
			return nil, err
		}
		if kind == "role" {
			if r := a.roles[p.name]; r.ServiceLinked {
				return nil, awsUnmodifiable("Cannot perform the operation on the protected role '%s' - this role is only modifiable by AWS", r.Name)
			}
		}
		if contains(*p.attached, arn) {
			return nil, nil
		}
		if len(*p.attached) >= 10 {
			return nil, limitExceeded("Cannot exceed quota for PoliciesPerRole: 10")
		}
		*p.attached = append(*p.attached, arn)
		if mp, ok := a.policies[arn]; ok {
			mp.Attachments++
		}
		return nil, nil
	})
}

func (s *Service) detachPolicy(kind string) service.Handler {
	return s.op(func(ctx *service.Context, a *account, in service.Params) (map[string]any, error) {
		arn := str(in, "PolicyArn")
		if err := checkPolicyARN(arn); err != nil {
			return nil, err
		}
		p, err := a.principal(kind, str(in, memberName[kind]))
		if err != nil {
			return nil, err
		}
		if !contains(*p.attached, arn) {
			return nil, noSuchEntity("Policy %s was not found.", arn)
		}
		*p.attached = without(*p.attached, arn)
		if mp, ok := a.policies[arn]; ok {
			mp.Attachments--
		}
		return nil, nil
	})
}

func (s *Service) listAttachedPolicies(kind string) service.Handler {
	return s.op(func(ctx *service.Context, a *account, in service.Params) (map[string]any, error) {
		p, err := a.principal(kind, str(in, memberName[kind]))
		if err != nil {
			return nil, err
		}
		prefix := str(in, "PathPrefix")
		var arns []string
		for _, arn := range *p.attached {
			path := "/"
			if mp, ok := a.policies[arn]; ok {
				path = mp.Path
			} else if i := strings.Index(arn, ":policy/"); i >= 0 {
				path = arn[i+len(":policy") : strings.LastIndex(arn, "/")+1]
			}
			if strings.HasPrefix(path, prefix) {
				arns = append(arns, arn)
			}
		}
		return pageOut(in, arns, "AttachedPolicies", func(arn string) any { return map[string]any{"PolicyName": policyNameOf(arn), "PolicyArn": arn} })
	})
}

func (s *Service) putInlinePolicy(kind string) service.Handler {
	return s.op(func(ctx *service.Context, a *account, in service.Params) (map[string]any, error) {
		name := str(in, "PolicyName")
		if err := checkName("policyName", name, 128); err != nil {
			return nil, err
		}
		p, err := a.principal(kind, str(in, memberName[kind]))
		if err != nil {
			return nil, err
		}
		if kind == "role" {
			if r := a.roles[p.name]; r.ServiceLinked {
				return nil, awsUnmodifiable("Cannot perform the operation on the protected role '%s' - this role is only modifiable by AWS", r.Name)
			}
		}
		doc := str(in, "PolicyDocument")
		if err := validatePolicy(doc, identityPolicy); err != nil {
			return nil, err
		}
		total := policySize(doc)
		for n, d := range p.inline {
			if n != name {
				total += policySize(d)
			}
		}
		if total > p.inlineQuota {
			return nil, limitExceeded("Maximum policy size of %d bytes exceeded for %s %s", p.inlineQuota, p.kind, p.name)
		}
		p.inline[name] = doc
		return nil, nil
	})
}

func (s *Service) getInlinePolicy(kind string) service.Handler {
	return s.op(func(ctx *service.Context, a *account, in service.Params) (map[string]any, error) {
		p, err := a.principal(kind, str(in, memberName[kind]))
		if err != nil {
			return nil, err
		}
		name := str(in, "PolicyName")
		doc, ok := p.inline[name]
		if !ok {
			return nil, noSuchEntity("The %s policy with name %s cannot be found.", kind, name)
		}
		return map[string]any{memberName[kind]: p.name, "PolicyName": name, "PolicyDocument": encodePolicy(doc)}, nil
	})
}

func (s *Service) deleteInlinePolicy(kind string) service.Handler {
	return s.op(func(ctx *service.Context, a *account, in service.Params) (map[string]any, error) {
		p, err := a.principal(kind, str(in, memberName[kind]))
		if err != nil {
			return nil, err
		}
		name := str(in, "PolicyName")
		if _, ok := p.inline[name]; !ok {
			return nil, noSuchEntity("The %s policy with name %s cannot be found.", kind, name)
		}
		delete(p.inline, name)
		return nil, nil
	})
}

func (s *Service) listInlinePolicies(kind string) service.Handler {
	return s.op(func(ctx *service.Context, a *account, in service.Params) (map[string]any, error) {
		p, err := a.principal(kind, str(in, memberName[kind]))
		if err != nil {
			return nil, err
		}
		names := sortedKeys(p.inline)
		sort.Strings(names)
		return pageOut(in, names, "PolicyNames", func(n string) any { return n })
	})
}
