// Package sts_test is the STS parity suite: caller identity, role assumption
// with session tags and their validation, federation and session tokens,
// reproducing the AWS reference recordings of the STS provider tests.
package sts_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	"github.com/aws/aws-sdk-go-v2/service/sts/types"
	. "github.com/onsi/gomega"

	"github.com/parity-harness/parity/harness"
	"github.com/parity-harness/parity/transformers"
)

func TestSTS(t *testing.T) { harness.RunSuite(t, "sts") }

const refFile = "tests/aws/services/sts/test_sts.py::"

// trustAccount is a trust policy allowing the caller's account to assume the
// role (and tag the session when tagSession).
func trustAccount(account string, tagSession bool) string {
	action := `"sts:AssumeRole"`
	if tagSession {
		action = `["sts:AssumeRole","sts:TagSession"]`
	}
	return fmt.Sprintf(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"%s"},"Action":%s}]}`, account, action)
}

func account(ctx context.Context) string {
	out, err := harness.STS().GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
	Expect(err).NotTo(HaveOccurred())
	return *out.Account
}

// createRole creates a role the caller's account may assume.
func createRole(ctx context.Context, tagSession bool) *iam.CreateRoleOutput {
	motoCreateRole(harness.Snapshot())
	c := harness.IAM()
	out, err := c.CreateRole(ctx, &iam.CreateRoleInput{RoleName: aws.String(harness.UniqueName("role")), AssumeRolePolicyDocument: aws.String(trustAccount(account(ctx), tagSession))})
	Expect(err).NotTo(HaveOccurred())
	harness.Cleanup(func(ctx context.Context) { c.DeleteRole(ctx, &iam.DeleteRoleInput{RoleName: out.Role.RoleName}) })
	return out
}

// stsWith returns an STS client signing with temporary credentials.
func stsWith(c *types.Credentials) *sts.Client {
	cfg := harness.AWSConfig()
	cfg.Credentials = credentials.NewStaticCredentialsProvider(*c.AccessKeyId, *c.SecretAccessKey, *c.SessionToken)
	return sts.NewFromConfig(cfg, func(o *sts.Options) { o.BaseEndpoint = cfg.BaseEndpoint })
}

func tag(k, v string) types.Tag { return types.Tag{Key: aws.String(k), Value: aws.String(v)} }

// decodedPolicies URL-decodes and parses the trust policies IAM returns, as
// the Python SDK does.
func decodedPolicies() transformers.Transformer {
	return transformers.Func(func(doc any, _ *transformers.Context) any {
		decodePolicyMembers(doc)
		return doc
	})
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
// success: the recorded key then holds an output where AWS has an error.
func motoAcceptsInvalid(snap *harness.Session, outputMembers ...string) {
	snap.Divergence("moto", "$.Error", "moto does not validate this request; AWS refuses it (AWS reference recordings of test_sts.py)")
	snap.Divergence("moto", "$.ResponseMetadata.HTTPStatusCode", "moto answers 200 where AWS answers 4xx")
	for _, m := range outputMembers {
		snap.Divergence("moto", "$."+m, "moto returns an output where AWS returns an error")
	}
}

// motoCreateRole declares what moto's CreateRole adds to AWS's answer.
func motoCreateRole(snap *harness.Session) {
	snap.Divergence("moto", "$.Role.MaxSessionDuration", "moto returns it from CreateRole; AWS only from GetRole/ListRoles (reference create-role)")
	snap.Divergence("moto", "$.Role.RoleLastUsed", "moto returns it from CreateRole; AWS only from GetRole (reference create-role)")
}
