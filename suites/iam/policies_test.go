package iam_test

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/parity-harness/parity/harness"
)

func createPolicy(ctx context.Context, doc string) *iam.CreatePolicyOutput {
	c := harness.IAM()
	out, err := c.CreatePolicy(ctx, &iam.CreatePolicyInput{PolicyName: aws.String(harness.UniqueName("policy")), PolicyDocument: aws.String(doc)})
	Expect(err).NotTo(HaveOccurred())
	harness.Cleanup(func(ctx context.Context) { c.DeletePolicy(ctx, &iam.DeletePolicyInput{PolicyArn: out.Policy.Arn}) })
	return out
}

// attachScenario is the reference scenario of attaching managed policies to
// a principal: a name instead of an ARN, a malformed ARN, an ARN of no
// policy, then the policy itself.
func attachScenario(ctx context.Context, attach func(arn string) (any, error)) {
	snap := harness.Snapshot()
	motoAcceptsInvalid(snap)
	pol := createPolicy(ctx, s3Policy)
	snap.Match("create_policy_response", pol)
	_, err := attach(*pol.Policy.PolicyName)
	snap.Match("existing_policy_name_provided", err)
	snap.Match("non_existent_malformed_policy_arn", result(attach("longpolicynamebutnoarn")))
	snap.Match("valid_arn_not_existent", result(attach(*pol.Policy.Arn+"123")))
	out, err := attach(*pol.Policy.Arn)
	Expect(err).NotTo(HaveOccurred())
	snap.Match("valid_policy_arn", out)
}

var _ = Describe("IAM managed policies", func() {
	It("attaches policies to a role", harness.Reference(refFile+"TestIAMIntegrations::test_role_attach_policy"), func(ctx SpecContext) {
		c := harness.IAM()
		name := harness.UniqueName("role")
		_, err := createRole(ctx, &iam.CreateRoleInput{RoleName: aws.String(name), AssumeRolePolicyDocument: aws.String(ec2Trust)})
		Expect(err).NotTo(HaveOccurred())
		attachScenario(ctx, func(arn string) (any, error) {
			out, err := c.AttachRolePolicy(ctx, &iam.AttachRolePolicyInput{RoleName: aws.String(name), PolicyArn: aws.String(arn)})
			if err == nil {
				harness.Cleanup(func(ctx context.Context) {
					c.DetachRolePolicy(ctx, &iam.DetachRolePolicyInput{RoleName: aws.String(name), PolicyArn: aws.String(arn)})
				})
			}
			return out, err
		})
	})

	It("attaches policies to a user", harness.Reference(refFile+"TestIAMIntegrations::test_user_attach_policy"), func(ctx SpecContext) {
		c := harness.IAM()
		name := createUser(ctx)
		attachScenario(ctx, func(arn string) (any, error) {
			out, err := c.AttachUserPolicy(ctx, &iam.AttachUserPolicyInput{UserName: aws.String(name), PolicyArn: aws.String(arn)})
			if err == nil {
				harness.Cleanup(func(ctx context.Context) {
					c.DetachUserPolicy(ctx, &iam.DetachUserPolicyInput{UserName: aws.String(name), PolicyArn: aws.String(arn)})
				})
			}
			return out, err
		})
	})

	It("keeps at most five versions and guards the default one", func(ctx SpecContext) {
		snap := harness.Snapshot().Transform(decodedPolicies())
		motoAcceptsInvalid(snap)
		snap.Divergence("moto", "$.PolicyVersion.Document", "moto returns the document from CreatePolicyVersion; AWS does not")
		c := harness.IAM()
		pol := createPolicy(ctx, s3Policy)
		arn := pol.Policy.Arn
		harness.Cleanup(func(ctx context.Context) {
			for _, v := range []string{"v2", "v3", "v4", "v5"} {
				c.DeletePolicyVersion(ctx, &iam.DeletePolicyVersionInput{PolicyArn: arn, VersionId: aws.String(v)})
			}
		})
		for i := 0; i < 4; i++ {
			v, err := c.CreatePolicyVersion(ctx, &iam.CreatePolicyVersionInput{PolicyArn: arn, PolicyDocument: aws.String(s3Policy), SetAsDefault: i == 1})
			Expect(err).NotTo(HaveOccurred())
			snap.Match("create-version-"+string(rune('2'+i)), v)
		}
		snap.Match("sixth-version", result(c.CreatePolicyVersion(ctx, &iam.CreatePolicyVersionInput{PolicyArn: arn, PolicyDocument: aws.String(s3Policy)})))
		snap.Match("delete-default-version", result(c.DeletePolicyVersion(ctx, &iam.DeletePolicyVersionInput{PolicyArn: arn, VersionId: aws.String("v3")})))
		del, err := c.DeletePolicyVersion(ctx, &iam.DeletePolicyVersionInput{PolicyArn: arn, VersionId: aws.String("v1")})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("delete-version", del)
		set, err := c.SetDefaultPolicyVersion(ctx, &iam.SetDefaultPolicyVersionInput{PolicyArn: arn, VersionId: aws.String("v2")})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("set-default", set)
		got, err := c.GetPolicyVersion(ctx, &iam.GetPolicyVersionInput{PolicyArn: arn, VersionId: aws.String("v2")})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("get-version", got)
		snap.Match("get-deleted-version", result(c.GetPolicyVersion(ctx, &iam.GetPolicyVersionInput{PolicyArn: arn, VersionId: aws.String("v1")})))
		pget, err := c.GetPolicy(ctx, &iam.GetPolicyInput{PolicyArn: arn})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("get-policy", pget)
		snap.Match("delete-with-versions", result(c.DeletePolicy(ctx, &iam.DeletePolicyInput{PolicyArn: arn})))
	})

	It("validates policy documents", func(ctx SpecContext) {
		snap := harness.Snapshot()
		motoAcceptsInvalid(snap, "Policy")
		c := harness.IAM()
		docs := map[string]string{
			"invalid-json":    `{"Version":`,
			"missing-version": `{"Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}`,
			"no-action":       `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Resource":"*"}]}`,
			"no-resource":     `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*"}]}`,
			"with-principal":  `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:*","Resource":"*"}]}`,
		}
		for _, key := range []string{"invalid-json", "missing-version", "no-action", "no-resource", "with-principal"} {
			snap.Match(key, result(c.CreatePolicy(ctx, &iam.CreatePolicyInput{PolicyName: aws.String(harness.UniqueName("bad")), PolicyDocument: aws.String(docs[key])})))
		}
		snap.Match("missing-policy", result(c.GetPolicy(ctx, &iam.GetPolicyInput{PolicyArn: aws.String("arn:aws:iam::" + accountOf(ctx) + ":policy/parity-missing")})))
	})

	It("lists the entities a policy is attached to", func(ctx SpecContext) {
		snap := harness.Snapshot()
		motoAcceptsInvalid(snap)
		c := harness.IAM()
		pol := createPolicy(ctx, s3Policy)
		arn := pol.Policy.Arn
		user, group := createUser(ctx), createGroup(ctx)
		role := harness.UniqueName("role")
		_, err := createRole(ctx, &iam.CreateRoleInput{RoleName: aws.String(role), AssumeRolePolicyDocument: aws.String(ec2Trust)})
		Expect(err).NotTo(HaveOccurred())
		_, err = c.AttachUserPolicy(ctx, &iam.AttachUserPolicyInput{UserName: aws.String(user), PolicyArn: arn})
		Expect(err).NotTo(HaveOccurred())
		harness.Cleanup(func(ctx context.Context) {
			c.DetachUserPolicy(ctx, &iam.DetachUserPolicyInput{UserName: aws.String(user), PolicyArn: arn})
		})
		_, err = c.AttachGroupPolicy(ctx, &iam.AttachGroupPolicyInput{GroupName: aws.String(group), PolicyArn: arn})
		Expect(err).NotTo(HaveOccurred())
		harness.Cleanup(func(ctx context.Context) {
			c.DetachGroupPolicy(ctx, &iam.DetachGroupPolicyInput{GroupName: aws.String(group), PolicyArn: arn})
		})
		_, err = c.AttachRolePolicy(ctx, &iam.AttachRolePolicyInput{RoleName: aws.String(role), PolicyArn: arn})
		Expect(err).NotTo(HaveOccurred())
		harness.Cleanup(func(ctx context.Context) {
			c.DetachRolePolicy(ctx, &iam.DetachRolePolicyInput{RoleName: aws.String(role), PolicyArn: arn})
		})
		ents, err := c.ListEntitiesForPolicy(ctx, &iam.ListEntitiesForPolicyInput{PolicyArn: arn})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("entities", ents)
		au, err := c.ListAttachedUserPolicies(ctx, &iam.ListAttachedUserPoliciesInput{UserName: aws.String(user)})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("attached-user", au)
		ag, err := c.ListAttachedGroupPolicies(ctx, &iam.ListAttachedGroupPoliciesInput{GroupName: aws.String(group)})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("attached-group", ag)
		ar, err := c.ListAttachedRolePolicies(ctx, &iam.ListAttachedRolePoliciesInput{RoleName: aws.String(role)})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("attached-role", ar)
		got, err := c.GetPolicy(ctx, &iam.GetPolicyInput{PolicyArn: arn})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("get-policy", got)
		snap.Match("delete-attached-role", result(c.DeleteRole(ctx, &iam.DeleteRoleInput{RoleName: aws.String(role)})))
		snap.Match("delete-attached-policy", result(c.DeletePolicy(ctx, &iam.DeletePolicyInput{PolicyArn: arn})))
	})
})
