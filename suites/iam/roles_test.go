package iam_test

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"
	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/parity-harness/parity/harness"
	"github.com/parity-harness/parity/transformers"
)

// createRole creates a role and deletes it after the spec.
func createRole(ctx context.Context, in *iam.CreateRoleInput) (*iam.CreateRoleOutput, error) {
	c := harness.IAM()
	motoCreateRole(harness.Snapshot())
	out, err := c.CreateRole(ctx, in)
	if err == nil {
		name := in.RoleName
		harness.Cleanup(func(ctx context.Context) { c.DeleteRole(ctx, &iam.DeleteRoleInput{RoleName: name}) })
	}
	return out, err
}

var _ = Describe("IAM roles", func() {
	It("rejects a trust policy that is not JSON", harness.Reference(refFile+"TestIAMExtensions::test_create_role_with_malformed_assume_role_policy_document"), func(ctx SpecContext) {
		snap := harness.Snapshot()
		motoAcceptsInvalid(snap, "Role")
		snap.Match("invalid-json", result(createRole(ctx, &iam.CreateRoleInput{RoleName: aws.String(harness.UniqueName("role")), AssumeRolePolicyDocument: aws.String(`{"Version": "2012-10-17", "Statement": [`)})))
	})

	It("creates, reads and deletes a role with a path", harness.Reference(refFile+"TestIAMExtensions::test_role_with_path_lifecycle"), func(ctx SpecContext) {
		snap := harness.Snapshot().Transform(decodedPolicies(), transformers.Key("Path", "path"))
		motoAcceptsInvalid(snap)
		c := harness.IAM()
		motoCreateRole(snap)
		name := harness.UniqueName("role")
		out, err := c.CreateRole(ctx, &iam.CreateRoleInput{RoleName: aws.String(name), Path: aws.String("/test/path/"), AssumeRolePolicyDocument: aws.String(lambdaTrust)})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("create-role-response", out)
		got, err := c.GetRole(ctx, &iam.GetRoleInput{RoleName: aws.String(name)})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("get-role-response", got)
		del, err := c.DeleteRole(ctx, &iam.DeleteRoleInput{RoleName: aws.String(name)})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("delete-role-response", del)
		snap.Match("get-deleted-role", result(c.GetRole(ctx, &iam.GetRoleInput{RoleName: aws.String(name)})))
	})

	It("lists roles with a permissions boundary without the boundary", harness.Reference(refFile+"TestIAMIntegrations::test_list_roles_with_permission_boundary"), func(ctx SpecContext) {
		snap := harness.Snapshot().Transform(decodedPolicies())
		c := harness.IAM()
		prefix := harness.UniqueName("prefix")
		name := harness.UniqueName("role")
		pol, err := c.CreatePolicy(ctx, &iam.CreatePolicyInput{PolicyName: aws.String(harness.UniqueName("boundary")), PolicyDocument: aws.String(s3Policy)})
		Expect(err).NotTo(HaveOccurred())
		harness.Cleanup(func(ctx context.Context) { c.DeletePolicy(ctx, &iam.DeletePolicyInput{PolicyArn: pol.Policy.Arn}) })
		out, err := createRole(ctx, &iam.CreateRoleInput{RoleName: aws.String(name), Path: aws.String("/" + prefix + "/"), AssumeRolePolicyDocument: aws.String(ec2Trust)})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("created_role", out)
		_, err = c.PutRolePermissionsBoundary(ctx, &iam.PutRolePermissionsBoundaryInput{RoleName: aws.String(name), PermissionsBoundary: pol.Policy.Arn})
		Expect(err).NotTo(HaveOccurred())
		harness.Cleanup(func(ctx context.Context) {
			c.DeleteRolePermissionsBoundary(ctx, &iam.DeleteRolePermissionsBoundaryInput{RoleName: aws.String(name)})
		})
		list, err := c.ListRoles(ctx, &iam.ListRolesInput{PathPrefix: aws.String("/" + prefix + "/")})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("list_roles_result", list)
		got, err := c.GetRole(ctx, &iam.GetRoleInput{RoleName: aws.String(name)})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("get-role-with-boundary", got)
	})

	It("keeps the tags of a role", harness.Reference("tests/aws/services/iam/test_iam.py::TestRoles::test_role_with_tags"), func(ctx SpecContext) {
		snap := harness.Snapshot().Transform(decodedPolicies())
		c := harness.IAM()
		name := harness.UniqueName("role")
		out, err := createRole(ctx, &iam.CreateRoleInput{RoleName: aws.String(name), Path: aws.String("/role-with-tags/"),
			AssumeRolePolicyDocument: aws.String(ec2Trust), Tags: []types.Tag{{Key: aws.String("test"), Value: aws.String("value")}}})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("create-role-response", out)
		got, err := c.GetRole(ctx, &iam.GetRoleInput{RoleName: aws.String(name)})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("get-role-response", got)
		list, err := c.ListRoles(ctx, &iam.ListRolesInput{PathPrefix: aws.String("/role-with-tags/")})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("list-role-response", list)
		_, err = c.TagRole(ctx, &iam.TagRoleInput{RoleName: aws.String(name), Tags: []types.Tag{{Key: aws.String("second"), Value: aws.String("2")}}})
		Expect(err).NotTo(HaveOccurred())
		_, err = c.UntagRole(ctx, &iam.UntagRoleInput{RoleName: aws.String(name), TagKeys: []string{"test"}})
		Expect(err).NotTo(HaveOccurred())
		tags, err := c.ListRoleTags(ctx, &iam.ListRoleTagsInput{RoleName: aws.String(name)})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("list-role-tags", tags)
	})

	It("updates a role's description, session limit and trust policy", func(ctx SpecContext) {
		snap := harness.Snapshot().Transform(decodedPolicies())
		motoAcceptsInvalid(snap)
		c := harness.IAM()
		name := harness.UniqueName("role")
		_, err := createRole(ctx, &iam.CreateRoleInput{RoleName: aws.String(name), AssumeRolePolicyDocument: aws.String(ec2Trust), Description: aws.String("first")})
		Expect(err).NotTo(HaveOccurred())
		_, err = c.UpdateRole(ctx, &iam.UpdateRoleInput{RoleName: aws.String(name), MaxSessionDuration: aws.Int32(7200), Description: aws.String("second")})
		Expect(err).NotTo(HaveOccurred())
		_, err = c.UpdateAssumeRolePolicy(ctx, &iam.UpdateAssumeRolePolicyInput{RoleName: aws.String(name), PolicyDocument: aws.String(lambdaTrust)})
		Expect(err).NotTo(HaveOccurred())
		desc, err := c.UpdateRoleDescription(ctx, &iam.UpdateRoleDescriptionInput{RoleName: aws.String(name), Description: aws.String("third")})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("update-role-description", desc)
		got, err := c.GetRole(ctx, &iam.GetRoleInput{RoleName: aws.String(name)})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("get-role", got)
		snap.Match("session-too-short", result(c.UpdateRole(ctx, &iam.UpdateRoleInput{RoleName: aws.String(name), MaxSessionDuration: aws.Int32(60)})))
		snap.Match("duplicate-role", result(c.CreateRole(ctx, &iam.CreateRoleInput{RoleName: aws.String(name), AssumeRolePolicyDocument: aws.String(ec2Trust)})))
		snap.Match("missing-role", result(c.GetRole(ctx, &iam.GetRoleInput{RoleName: aws.String("no-such-role-parity")})))
	})
})
