package iam_test

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"regexp"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/parity-harness/parity/harness"
	"github.com/parity-harness/parity/transformers"
)

// encodedRegion scrubs the region inside URL-encoded ARNs as the reference
// recordings do ("arn%3Aaws%3Aapigateway%3A<region>%3A…"), before the
// default ARN transformer would take the encoded ARN for a resource name.
func encodedRegion() transformers.Transformer {
	return transformers.Regex(regexp.QuoteMeta("%3A"+harness.Region()+"%3A"), "%3A<region>%3A")
}

// uniquePath returns an IAM path of the running spec's own, "/p<hex>/". It is
// not a UniqueName (those become <resource:N> before a spec's transformers
// run): bound as a whole by Key("Path", "path"), an ARN then reads
// "role<path:1><name>" as in the reference recordings.
func uniquePath() string {
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	return "/p" + hex.EncodeToString(b) + "/"
}

// encodedResource holds a URL-encoded ARN inside a policy: IAM must return it
// exactly as sent, encoded once more on the wire.
func encodedPolicy() string {
	region := harness.Region()
	return `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["apigatway:PUT"],"Resource":["arn:aws:apigateway:` + region +
		`::/tags/arn%3Aaws%3Aapigateway%3A` + region + `%3A%3A%2Frestapis%2Faaeeieije"]}]}`
}

var _ = Describe("IAM policy encoding", func() {
	It("returns a role's inline policy and trust policy exactly", harness.Reference(refFile+"TestIAMPolicyEncoding::test_put_role_policy_encoding"), func(ctx SpecContext) {
		snap := harness.Snapshot().Transform(decodedPolicies(), encodedRegion(), transformers.Key("Path", "path"))
		motoAcceptsInvalid(snap)
		c := harness.IAM()
		name := harness.UniqueName("role")
		path := uniquePath()
		trust := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"aws:SourceArn":"arn%3Aaws%3Aapigateway%3A` +
			harness.Region() + `%3A%3A%2Frestapis%2Faaeeieije"}}}]}`
		out, err := createRole(ctx, &iam.CreateRoleInput{RoleName: aws.String(name), Path: aws.String(path), AssumeRolePolicyDocument: aws.String(trust)})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("create-role-response", out)
		policy := harness.UniqueName("policy")
		_, err = c.PutRolePolicy(ctx, &iam.PutRolePolicyInput{RoleName: aws.String(name), PolicyName: aws.String(policy), PolicyDocument: aws.String(encodedPolicy())})
		Expect(err).NotTo(HaveOccurred())
		harness.Cleanup(func(ctx context.Context) {
			c.DeleteRolePolicy(ctx, &iam.DeleteRolePolicyInput{RoleName: aws.String(name), PolicyName: aws.String(policy)})
		})
		got, err := c.GetRolePolicy(ctx, &iam.GetRolePolicyInput{RoleName: aws.String(name), PolicyName: aws.String(policy)})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("get-policy-response", got)
		role, err := c.GetRole(ctx, &iam.GetRoleInput{RoleName: aws.String(name)})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("get-role-response", role)
		list, err := c.ListRoles(ctx, &iam.ListRolesInput{PathPrefix: aws.String(path)})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("list-roles-response", list)
		names, err := c.ListRolePolicies(ctx, &iam.ListRolePoliciesInput{RoleName: aws.String(name)})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("list-role-policies", names)
		snap.Match("missing-role-policy", result(c.GetRolePolicy(ctx, &iam.GetRolePolicyInput{RoleName: aws.String(name), PolicyName: aws.String("missing")})))
	})

	It("returns a user's inline policy exactly", harness.Reference(refFile+"TestIAMPolicyEncoding::test_put_user_policy_encoding"), func(ctx SpecContext) {
		snap := harness.Snapshot().Transform(decodedPolicies(), encodedRegion())
		c := harness.IAM()
		name := createUser(ctx)
		policy := harness.UniqueName("policy")
		_, err := c.PutUserPolicy(ctx, &iam.PutUserPolicyInput{UserName: aws.String(name), PolicyName: aws.String(policy), PolicyDocument: aws.String(encodedPolicy())})
		Expect(err).NotTo(HaveOccurred())
		harness.Cleanup(func(ctx context.Context) {
			c.DeleteUserPolicy(ctx, &iam.DeleteUserPolicyInput{UserName: aws.String(name), PolicyName: aws.String(policy)})
		})
		got, err := c.GetUserPolicy(ctx, &iam.GetUserPolicyInput{UserName: aws.String(name), PolicyName: aws.String(policy)})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("get-policy-response", got)
		names, err := c.ListUserPolicies(ctx, &iam.ListUserPoliciesInput{UserName: aws.String(name)})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("list-user-policies", names)
	})

	It("returns a group's inline policy exactly", harness.Reference(refFile+"TestIAMPolicyEncoding::test_put_group_policy_encoding"), func(ctx SpecContext) {
		snap := harness.Snapshot().Transform(decodedPolicies(), encodedRegion())
		c := harness.IAM()
		name := createGroup(ctx)
		policy := harness.UniqueName("policy")
		_, err := c.PutGroupPolicy(ctx, &iam.PutGroupPolicyInput{GroupName: aws.String(name), PolicyName: aws.String(policy), PolicyDocument: aws.String(encodedPolicy())})
		Expect(err).NotTo(HaveOccurred())
		harness.Cleanup(func(ctx context.Context) {
			c.DeleteGroupPolicy(ctx, &iam.DeleteGroupPolicyInput{GroupName: aws.String(name), PolicyName: aws.String(policy)})
		})
		got, err := c.GetGroupPolicy(ctx, &iam.GetGroupPolicyInput{GroupName: aws.String(name), PolicyName: aws.String(policy)})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("get-policy-response", got)
		names, err := c.ListGroupPolicies(ctx, &iam.ListGroupPoliciesInput{GroupName: aws.String(name)})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("list-group-policies", names)
	})
})

func createUser(ctx context.Context) string {
	c := harness.IAM()
	name := harness.UniqueName("user")
	_, err := c.CreateUser(ctx, &iam.CreateUserInput{UserName: aws.String(name)})
	Expect(err).NotTo(HaveOccurred())
	harness.Cleanup(func(ctx context.Context) { c.DeleteUser(ctx, &iam.DeleteUserInput{UserName: aws.String(name)}) })
	return name
}

func createGroup(ctx context.Context) string {
	c := harness.IAM()
	name := harness.UniqueName("group")
	_, err := c.CreateGroup(ctx, &iam.CreateGroupInput{GroupName: aws.String(name)})
	Expect(err).NotTo(HaveOccurred())
	harness.Cleanup(func(ctx context.Context) { c.DeleteGroup(ctx, &iam.DeleteGroupInput{GroupName: aws.String(name)}) })
	return name
}

var _ = strings.TrimSpace
