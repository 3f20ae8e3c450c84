package kms

import (
	"regexp"
	"strings"

	"github.com/parity-harness/parity/emulator/awserr"
	"github.com/parity-harness/parity/emulator/service"
)

// keyIDPattern matches a bare key id: a UUID, or mrk- and 32 hex digits for
// multi-Region keys.
var keyIDPattern = regexp.MustCompile(`^(?i:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32})$`)

// awsManagedAliases are the predefined aliases of AWS managed keys: the key
// behind one is created the first time it is used, as AWS services do.
var awsManagedAliases = map[string]string{
	"alias/aws/s3":             "Default key that protects my S3 objects when no other key is defined",
	"alias/aws/sqs":            "Default key that protects my SQS messages when no other key is defined",
	"alias/aws/sns":            "Default key that protects my SNS data when no other key is defined",
	"alias/aws/dynamodb":       "Default key that protects my DynamoDB data when no other key is defined",
	"alias/aws/ebs":            "Default key that protects my EBS volumes when no other key is defined",
	"alias/aws/lambda":         "Default key that protects my Lambda functions when no other key is defined",
	"alias/aws/secretsmanager": "Default key that protects my Secrets Manager data when no other key is defined",
	"alias/aws/ssm":            "Default key that protects my SSM parameters when no other key is defined",
	"alias/aws/kinesis":        "Default key that protects my Kinesis data when no other key is defined",
	"alias/aws/rds":            "Default key that protects my RDS database volumes when no other key is defined",
}

// lookup finds the key an identifier names: key id, key ARN, alias name or
// alias ARN. AWS managed aliases get their key on first use. The caller
// holds r.mu for writing when create is true, else at least for reading.
func (s *Service) lookup(r *region, sc scope, ident string, create bool) (*key, error) {
	if arn, ok := service.ParseARN(ident); ok && strings.HasPrefix(ident, "arn:") {
		if arn.Service != "kms" {
			return nil, errNotFound("Invalid arn " + arn.Region)
		}
		if arn.Region != sc.region {
			return nil, errNotFound("Invalid arn " + arn.Region)
		}
		switch {
		case strings.HasPrefix(arn.Resource, "key/"):
			k := r.keys[strings.TrimPrefix(arn.Resource, "key/")]
			if k == nil || arn.Account != sc.account {
				return nil, errKeyNotFound(ident)
			}
			return k, nil
		case strings.HasPrefix(arn.Resource, "alias/"):
			if arn.Account != sc.account {
				return nil, errAliasNotFound(ident)
			}
			return s.lookupAlias(r, sc, arn.Resource, create)
		}
		return nil, errNotFound("Invalid arn " + arn.Region)
	}
	if strings.HasPrefix(ident, "alias/") {
		return s.lookupAlias(r, sc, ident, create)
	}
	if !keyIDPattern.MatchString(ident) {
		return nil, errNotFound("Invalid keyId '" + ident + "'")
	}
	k := r.keys[ident]
	if k == nil {
		return nil, errKeyNotFound(sc.arn("key/" + ident))
	}
	return k, nil
}

func (s *Service) lookupAlias(r *region, sc scope, name string, create bool) (*key, error) {
	if a := r.aliases[name]; a != nil {
		if k := r.keys[a.target]; k != nil {
			return k, nil
		}
	}
	if desc, ok := awsManagedAliases[name]; ok && create {
		k := newKey(sc, s.now(), "SYMMETRIC_DEFAULT", "ENCRYPT_DECRYPT", managerAWS, false)
		k.description = desc
		r.keys[k.id] = k
		r.order = append(r.order, k.id)
		now := s.now()
		r.aliases[name] = &alias{name: name, target: k.id, created: now, updated: now}
		return k, nil
	}
	return nil, errAliasNotFound(sc.arn(name))
}

// withKey runs fn on the key ident names under the region's write lock.
func (s *Service) withKey(ctx *service.Context, ident string, fn func(r *region, sc scope, k *key) error) error {
	r, sc := s.regionOf(ctx)
	r.mu.Lock()
	defer r.mu.Unlock()
	k, err := s.lookup(r, sc, ident, true)
	if err != nil {
		return err
	}
	return fn(r, sc, k)
}

// usable checks that a key may be used for a cryptographic operation op
// needing the given key usage.
func usable(k *key, usage, op string) *awserr.Error {
	switch k.state {
	case stateDisabled:
		return errDisabled(k.arn)
	case statePendingDeletion:
		return errPendingDeletion(k.arn)
	case statePendingImport:
		return errInvalidState(k.arn + " is pending import.")
	}
	if k.usage != usage {
		return errInvalidKeyUsage(k.arn, k.usage, op)
	}
	return nil
}
