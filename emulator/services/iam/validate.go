package iam

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/parity-harness/parity/emulator/awserr"
)

func noSuchEntity(format string, args ...any) *awserr.Error {
	return awserr.Newf("NoSuchEntity", 404, format, args...)
}

func alreadyExists(format string, args ...any) *awserr.Error {
	return awserr.Newf("EntityAlreadyExists", 409, format, args...)
}

func deleteConflict(msg string) *awserr.Error {
	return awserr.New("DeleteConflict", 409, msg)
}

func limitExceeded(format string, args ...any) *awserr.Error {
	return awserr.Newf("LimitExceeded", 409, format, args...)
}

func invalidInput(format string, args ...any) *awserr.Error {
	return awserr.Newf("InvalidInput", 400, format, args...)
}

func validationError(format string, args ...any) *awserr.Error {
	return awserr.Newf("ValidationError", 400, format, args...)
}

var (
	namePattern = regexp.MustCompile(`^[\w+=,.@-]+$`)
	pathPattern = regexp.MustCompile(`^((/[A-Za-z0-9\.,\+@=_-]+)*)/$`)
)

// checkName validates an entity name member (roleName, userName, ...) with
// the model's pattern and length, in AWS's validation message form.
func checkName(member, value string, max int) error {
	switch {
	case value == "":
		return validationError("1 validation error detected: Value at '%s' failed to satisfy constraint: Member must not be null", member)
	case len(value) > max:
		return validationError("1 validation error detected: Value '%s' at '%s' failed to satisfy constraint: Member must have length less than or equal to %d", value, member, max)
	case !namePattern.MatchString(value):
		return validationError("1 validation error detected: Value '%s' at '%s' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]+", value, member)
	}
	return nil
}

// checkPath validates and defaults an entity path.
func checkPath(path string) (string, error) {
	if path == "" {
		return "/", nil
	}
	if len(path) > 512 {
		return "", validationError("1 validation error detected: Value '%s' at 'path' failed to satisfy constraint: Member must have length less than or equal to 512", path)
	}
	if !pathPattern.MatchString(path) {
		return "", validationError("The specified value for path is invalid. It must begin and end with / and contain only alphanumeric characters and/or / characters.")
	}
	return path, nil
}

// checkTags validates a tag list: at most 50, keys 1..128, values ≤256,
// no duplicate keys (case-insensitive).
func checkTags(tags []tag) error {
	if len(tags) > 50 {
		return limitExceeded("1 validation error detected: Value at 'tags' failed to satisfy constraint: Member must have length less than or equal to 50.")
	}
	seen := map[string]bool{}
	for _, t := range tags {
		if t.Key == "" || len(t.Key) > 128 {
			return validationError("1 validation error detected: Value '%s' at 'tags.1.member.key' failed to satisfy constraint: Member must have length between 1 and 128", t.Key)
		}
		if len(t.Value) > 256 {
			return validationError("1 validation error detected: Value '%s' at 'tags.1.member.value' failed to satisfy constraint: Member must have length less than or equal to 256", t.Value)
		}
		k := strings.ToLower(t.Key)
		if seen[k] {
			return invalidInput("Duplicate tag keys found. Please note that Tag keys are case insensitive.")
		}
		seen[k] = true
	}
	return nil
}

// mergeTags adds or replaces tags (keys compared case-insensitively, as IAM
// does), keeping insertion order.
func mergeTags(cur, add []tag) ([]tag, error) {
	if err := checkTags(add); err != nil {
		return cur, err
	}
	out := append([]tag(nil), cur...)
	for _, t := range add {
		replaced := false
		for i := range out {
			if strings.EqualFold(out[i].Key, t.Key) {
				out[i] = t
				replaced = true
				break
			}
		}
		if !replaced {
			out = append(out, t)
		}
	}
	if len(out) > 50 {
		return cur, limitExceeded("The number of tags has reached the maximum limit.")
	}
	return out, nil
}

func removeTags(cur []tag, keys []string) []tag {
	out := cur[:0:0]
	for _, t := range cur {
		drop := false
		for _, k := range keys {
			if strings.EqualFold(k, t.Key) {
				drop = true
			}
		}
		if !drop {
			out = append(out, t)
		}
	}
	return out
}

func tagsOut(tags []tag) []any {
	out := make([]any, 0, len(tags))
	for _, t := range tags {
		out = append(out, map[string]any{"Key": t.Key, "Value": t.Value})
	}
	return out
}

// checkPolicyARN parses a managed policy ARN as attach and get calls do.
func checkPolicyARN(arn string) error {
	parts := strings.SplitN(arn, ":", 6)
	if len(parts) != 6 || parts[0] != "arn" || parts[1] == "" || parts[2] != "iam" || parts[5] == "" {
		return validationError("Invalid ARN:  Could not be parsed!")
	}
	return nil
}

func describeName(kind, name string) string {
	return fmt.Sprintf("The %s with name %s cannot be found.", kind, name)
}

func awsUnmodifiable(format string, args ...any) *awserr.Error {
	return awserr.Newf("UnmodifiableEntity", 400, format, args...)
}

func awsAccessDenied(format string, args ...any) *awserr.Error {
	return awserr.Newf("AccessDenied", 403, format, args...)
}

func awsPasswordViolation(format string, args ...any) *awserr.Error {
	return awserr.Newf("PasswordPolicyViolation", 400, format, args...)
}
