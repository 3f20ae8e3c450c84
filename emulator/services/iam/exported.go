package iam

// ValidateSessionPolicy checks a session policy (STS AssumeRole Policy) with
// the rules of identity policies.
func ValidateSessionPolicy(doc string) error { return validatePolicy(doc, identityPolicy) }
