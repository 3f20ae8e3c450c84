// Package iam_test is the IAM parity suite: roles, users, groups, managed and
// inline policies, service-linked roles and credentials, reproducing the AWS
// reference recordings of the IAM provider tests plus specs of its own.
package iam_test

import (
	"context"
	"net/url"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/sts"
	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/parity-harness/parity/harness"
	"github.com/parity-harness/parity/transformers"
)

func TestIAM(t *testing.T) { harness.RunSuite(t, "iam") }

// Every spec: what moto's answers add to or drop from AWS's shapes.
var _ = BeforeEach(func() {
	snap := harness.Snapshot()
	snap.Divergence("moto", "$..Tags", "moto returns an empty Tags list; AWS omits Tags when there are none (reference create-role-response)")
	snap.Divergence("moto", "$..PermissionsBoundaryUsageCount", "moto omits it from GetPolicy; AWS returns it (reference create_policy_response)")
})

const refFile = "tests/aws/services/iam/test_iam.py::"

// policyMembers are the members IAM returns URL-encoded.
var policyMembers = map[string]bool{"AssumeRolePolicyDocument": true, "PolicyDocument": true, "Document": true}

// decodedPolicies URL-decodes and parses policy documents as the Python SDK
// does before it hands them to a caller, so they compare as JSON objects.
func decodedPolicies() transformers.Transformer {
	var walk func(v any) any
	walk = func(v any) any {
		switch x := v.(type) {
		case map[string]any:
			for k, e := range x {
				if s, ok := e.(string); ok && policyMembers[k] && strings.HasPrefix(s, "%7B") {
					if dec, err := url.QueryUnescape(strings.ReplaceAll(s, "+", "%2B")); err == nil {
						if doc, err := transformers.Decode([]byte(dec)); err == nil {
							x[k] = doc
							continue
						}
					}
				}
				x[k] = walk(e)
			}
		case []any:
			for i, e := range x {
				x[i] = walk(e)
			}
		}
		return v
	}
	return transformers.Func(func(doc any, _ *transformers.Context) any { return walk(doc) })
}

const ec2Trust = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}`
const lambdaTrust = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]}`
const s3Policy = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:PutObject"],"Resource":["arn:aws:s3:::bucket"]}]}`

// accountOf returns the caller's account id on the target.
func accountOf(ctx context.Context) string {
	out, err := harness.STS().GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
	Expect(err).NotTo(HaveOccurred())
	return *out.Account
}

// result is what a call returned: its error, or its output when it
// succeeded (where moto accepts what AWS refuses).
func result[T any](out T, err error) any {
	if err != nil {
		return err
	}
	return out
}

// motoAcceptsInvalid declares that moto answers requests AWS refuses with a
// success, so the recorded key holds an output where AWS has an error.
func motoAcceptsInvalid(snap *harness.Session, outputMembers ...string) {
	snap.Divergence("moto", "$.Error", "moto does not validate this request; AWS refuses it (AWS reference recordings of test_iam.py, IAM API reference)")
	snap.Divergence("moto", "$.ResponseMetadata.HTTPStatusCode", "moto answers 200 where AWS answers 4xx")
	for _, m := range outputMembers {
		snap.Divergence("moto", "$."+m, "moto returns an output where AWS returns an error")
	}
}

// motoCreateRole declares what moto's CreateRole adds to AWS's answer.
func motoCreateRole(snap *harness.Session) {
	snap.Divergence("moto", "$.Role.MaxSessionDuration", "moto returns it from CreateRole; AWS only from GetRole/ListRoles (reference create-role-response)")
	snap.Divergence("moto", "$.Role.RoleLastUsed", "moto returns it from CreateRole; AWS only from GetRole (reference create-role-response)")
}
