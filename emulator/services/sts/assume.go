package sts

import (
	"encoding/json"
	"fmt"
	"math"
	"regexp"
	"strings"
	"time"

	"github.com/parity-harness/parity/emulator/awserr"
	"github.com/parity-harness/parity/emulator/service"
	"github.com/parity-harness/parity/emulator/services/iam"
)

var sessionNamePattern = regexp.MustCompile(`^[\w+=,.@-]*$`)

// maxPackedSize is the budget of the packed session policy and tags that
// PackedPolicySize reports as a percentage.
const maxPackedSize = 2048

func checkSessionName(member, name string, minLen, maxLen int) error {
	if !sessionNamePattern.MatchString(name) {
		return validation("1 validation error detected: Value '%s' at '%s' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*", name, member)
	}
	if len(name) < minLen {
		return validation("1 validation error detected: Value '%s' at '%s' failed to satisfy constraint: Member must have length greater than or equal to %d", name, member, minLen)
	}
	if len(name) > maxLen {
		return validation("1 validation error detected: Value '%s' at '%s' failed to satisfy constraint: Member must have length less than or equal to %d", name, member, maxLen)
	}
	return nil
}

// roleRef is a parsed role ARN.
type roleRef struct {
	arn, account, name string
}

// parseRoleARN validates a RoleArn the way STS does: an ARN with a
// partition, a service and a resource.
func parseRoleARN(arn string) (roleRef, error) {
	parts := strings.SplitN(arn, ":", 6)
	if len(parts) != 6 || parts[0] != "arn" || parts[1] == "" || parts[2] == "" || parts[5] == "" {
		return roleRef{}, validation("%s is invalid", arn)
	}
	if len(arn) < 20 {
		return roleRef{}, validation("1 validation error detected: Value '%s' at 'roleArn' failed to satisfy constraint: Member must have length greater than or equal to 20", arn)
	}
	res := parts[5]
	return roleRef{arn: arn, account: parts[4], name: res[strings.LastIndex(res, "/")+1:]}, nil
}

func checkDuration(in service.Params, min, max, def int64) (int64, error) {
	d, ok := num(in, "DurationSeconds")
	if !ok {
		return def, nil
	}
	if d < min {
		return 0, validation("1 validation error detected: Value '%d' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to %d", d, min)
	}
	if d > max {
		return 0, validation("1 validation error detected: Value '%d' at 'durationSeconds' failed to satisfy constraint: Member must have value less than or equal to %d", d, max)
	}
	return d, nil
}

// checkSessionPolicies validates the inline session policy and policy ARNs
// and returns the packed size percentage (-1 when nothing is packed).
func checkSessionPolicies(in service.Params, sessionTags []tag) (int64, error) {
	policy := str(in, "Policy")
	if _, set := in["Policy"]; set {
		if len(policy) < 1 {
			return 0, validation("1 validation error detected: Value '' at 'policy' failed to satisfy constraint: Member must have length greater than or equal to 1")
		}
		if len(policy) > maxPackedSize {
			return 0, validation("1 validation error detected: Value '%s' at 'policy' failed to satisfy constraint: Member must have length less than or equal to %d", policy, maxPackedSize)
		}
		if err := iam.ValidateSessionPolicy(policy); err != nil {
			return 0, err
		}
	}
	arns := list(in, "PolicyArns")
	if len(arns) > 10 {
		return 0, validation("1 validation error detected: Value at 'policyArns' failed to satisfy constraint: Member must have length less than or equal to 10")
	}
	for _, v := range arns {
		m, _ := v.(map[string]any)
		arn, _ := m["arn"].(string)
		if len(arn) < 20 || !strings.HasPrefix(arn, "arn:") {
			return 0, validation("1 validation error detected: Value '%s' at 'policyArns.1.member.arn' failed to satisfy constraint: Member must have length greater than or equal to 20", arn)
		}
	}
	if policy == "" && len(arns) == 0 && len(sessionTags) == 0 {
		return -1, nil
	}
	size := compactSize(policy)
	for _, v := range arns {
		m, _ := v.(map[string]any)
		arn, _ := m["arn"].(string)
		size += len(arn)
	}
	for _, t := range sessionTags {
		size += len(t.Key) + len(t.Value)
	}
	pct := int64(math.Ceil(float64(size) * 100 / maxPackedSize))
	if pct > 100 {
		return 0, awserr.Newf("PackedPolicyTooLarge", 400, "Packed size of consumed session policies and session tags exceeds the limit (%d%% of the allowed size).", pct)
	}
	return pct, nil
}

func compactSize(policy string) int {
	if policy == "" {
		return 0
	}
	var v any
	if json.Unmarshal([]byte(policy), &v) != nil {
		return len(policy)
	}
	b, _ := json.Marshal(v)
	return len(b)
}

// checkTags validates session tags and transitive tag keys, including the
// keys a chained session inherits.
func checkTags(sessionTags []tag, transitiveKeys []string, caller *session) error {
	if len(sessionTags) > 50 {
		return validation("1 validation error detected: Value at 'tags' failed to satisfy constraint: Member must have length less than or equal to 50")
	}
	seen := map[string]bool{}
	for _, t := range sessionTags {
		if t.Key == "" || len(t.Key) > 128 {
			return validation("1 validation error detected: Value '%s' at 'tags.1.member.key' failed to satisfy constraint: Member must have length less than or equal to 128", t.Key)
		}
		if len(t.Value) > 256 {
			return validation("1 validation error detected: Value '%s' at 'tags.1.member.value' failed to satisfy constraint: Member must have length less than or equal to 256", t.Value)
		}
		k := lower(t.Key)
		if seen[k] {
			return invalidParameter("Duplicate tag keys found. Please note that Tag keys are case insensitive.")
		}
		seen[k] = true
	}
	for _, k := range transitiveKeys {
		if !seen[lower(k)] {
			return invalidParameter("The specified transitive tag key must be included in the requested tags.")
		}
	}
	if caller != nil {
		for _, t := range sessionTags {
			if _, inherited := caller.transitive[lower(t.Key)]; inherited {
				return invalidParameter("One of the specified transitive tag keys can't be set because it conflicts with a transitive tag key from the calling session.")
			}
		}
	}
	return nil
}

func lower(s string) string { return strings.ToLower(s) }

// lookupRole reads the role from IAM in the role's account.
func lookupRole(ctx *service.Context, ref roleRef) (roleID string, maxSession int64, ok bool) {
	if ctx.Emulator == nil {
		return "", 0, false
	}
	out, err := ctx.Emulator.Invoke(ctx, ref.account, ctx.Region, "iam", "GetRole", service.Params{"RoleName": ref.name})
	if err != nil {
		return "", 0, false
	}
	r, _ := out["Role"].(map[string]any)
	if arn, _ := r["Arn"].(string); arn != ref.arn {
		return "", 0, false
	}
	roleID, _ = r["RoleId"].(string)
	maxSession, ok = num(r, "MaxSessionDuration")
	if !ok {
		maxSession = 3600
	}
	return roleID, maxSession, true
}

// assumed is what every AssumeRole* call shares once the request is valid.
func (s *Service) assumed(ctx *service.Context, ref roleRef, sessionName string, in service.Params, caller *session, chained bool, transitive []tag) (map[string]any, error) {
	roleID, maxSession, ok := lookupRole(ctx, ref)
	if !ok {
		return nil, awserr.Newf("AccessDenied", 403, "User: %s is not authorized to perform: sts:AssumeRole on resource: %s", callerARN(ctx), ref.arn)
	}
	d, err := checkDuration(in, 900, 43200, 3600)
	if err != nil {
		return nil, err
	}
	if d > maxSession {
		return nil, validation("The requested DurationSeconds exceeds the MaxSessionDuration set for this role.")
	}
	if chained && d > 3600 {
		return nil, validation("The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.")
	}
	partition := strings.SplitN(ref.arn, ":", 3)[1]
	arn := fmt.Sprintf("arn:%s:sts::%s:assumed-role/%s/%s", partition, ref.account, ref.name, sessionName)
	userID := roleID + ":" + sessionName
	if caller != nil {
		transitive = append(append([]tag(nil), caller.transitiveRaw...), transitive...)
	}
	creds := s.issue(ctx, ref.account, arn, userID, time.Duration(d)*time.Second, transitive)
	out := map[string]any{
		"Credentials":     creds.out(),
		"AssumedRoleUser": map[string]any{"AssumedRoleId": userID, "Arn": arn},
	}
	if src := str(in, "SourceIdentity"); src != "" {
		out["SourceIdentity"] = src
	}
	return out, nil
}

func (s *Service) assumeRole(ctx *service.Context, in service.Params) (any, error) {
	sessionName := str(in, "RoleSessionName")
	if err := checkSessionName("roleSessionName", sessionName, 2, 64); err != nil {
		return nil, err
	}
	ref, err := parseRoleARN(str(in, "RoleArn"))
	if err != nil {
		return nil, err
	}
	caller := s.callerSession(ctx)
	sessionTags := tags(in)
	transitiveKeys := strs(in, "TransitiveTagKeys")
	if err := checkTags(sessionTags, transitiveKeys, caller); err != nil {
		return nil, err
	}
	packed, err := checkSessionPolicies(in, sessionTags)
	if err != nil {
		return nil, err
	}
	if ext, set := in["ExternalId"]; set {
		if e, _ := ext.(string); len(e) < 2 || len(e) > 1224 {
			return nil, validation("1 validation error detected: Value '%s' at 'externalId' failed to satisfy constraint: Member must have length greater than or equal to 2", e)
		}
	}
	var transitive []tag
	for _, k := range transitiveKeys {
		for _, t := range sessionTags {
			if lower(t.Key) == lower(k) {
				transitive = append(transitive, t)
			}
		}
	}
	out, err := s.assumed(ctx, ref, sessionName, in, caller, isAssumedRole(callerARN(ctx)), transitive)
	if err != nil {
		return nil, err
	}
	if packed >= 0 {
		out["PackedPolicySize"] = packed
	}
	return out, nil
}
