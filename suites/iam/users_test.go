package iam_test

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"
	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/parity-harness/parity/harness"
)

var _ = Describe("IAM users and groups", func() {
	It("manages users, tags and group membership", func(ctx SpecContext) {
		snap := harness.Snapshot()
		motoAcceptsInvalid(snap)
		c := harness.IAM()
		name := harness.UniqueName("user")
		out, err := c.CreateUser(ctx, &iam.CreateUserInput{UserName: aws.String(name), Path: aws.String("/parity/"), Tags: []types.Tag{{Key: aws.String("team"), Value: aws.String("a")}}})
		Expect(err).NotTo(HaveOccurred())
		harness.Cleanup(func(ctx context.Context) { c.DeleteUser(ctx, &iam.DeleteUserInput{UserName: aws.String(name)}) })
		snap.Match("create-user", out)
		got, err := c.GetUser(ctx, &iam.GetUserInput{UserName: aws.String(name)})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("get-user", got)
		snap.Match("duplicate-user", result(c.CreateUser(ctx, &iam.CreateUserInput{UserName: aws.String(name)})))
		_, err = c.TagUser(ctx, &iam.TagUserInput{UserName: aws.String(name), Tags: []types.Tag{{Key: aws.String("env"), Value: aws.String("test")}}})
		Expect(err).NotTo(HaveOccurred())
		_, err = c.UntagUser(ctx, &iam.UntagUserInput{UserName: aws.String(name), TagKeys: []string{"team"}})
		Expect(err).NotTo(HaveOccurred())
		tags, err := c.ListUserTags(ctx, &iam.ListUserTagsInput{UserName: aws.String(name)})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("user-tags", tags)
		list, err := c.ListUsers(ctx, &iam.ListUsersInput{PathPrefix: aws.String("/parity/")})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("list-users", list)

		group := createGroup(ctx)
		_, err = c.AddUserToGroup(ctx, &iam.AddUserToGroupInput{GroupName: aws.String(group), UserName: aws.String(name)})
		Expect(err).NotTo(HaveOccurred())
		harness.Cleanup(func(ctx context.Context) {
			c.RemoveUserFromGroup(ctx, &iam.RemoveUserFromGroupInput{GroupName: aws.String(group), UserName: aws.String(name)})
		})
		g, err := c.GetGroup(ctx, &iam.GetGroupInput{GroupName: aws.String(group)})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("get-group", g)
		groups, err := c.ListGroupsForUser(ctx, &iam.ListGroupsForUserInput{UserName: aws.String(name)})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("groups-for-user", groups)
		snap.Match("delete-nonempty-group", result(c.DeleteGroup(ctx, &iam.DeleteGroupInput{GroupName: aws.String(group)})))
		snap.Match("missing-user", result(c.GetUser(ctx, &iam.GetUserInput{UserName: aws.String("parity-no-such-user")})))
		snap.Match("missing-group", result(c.GetGroup(ctx, &iam.GetGroupInput{GroupName: aws.String("parity-no-such-group")})))
	})

	It("pages through users with Marker and MaxItems", func(ctx SpecContext) {
		snap := harness.Snapshot()
		c := harness.IAM()
		prefix := "/" + harness.UniqueName("page") + "/"
		for i := 0; i < 3; i++ {
			name := harness.UniqueName("user")
			_, err := c.CreateUser(ctx, &iam.CreateUserInput{UserName: aws.String(name), Path: aws.String(prefix)})
			Expect(err).NotTo(HaveOccurred())
			harness.Cleanup(func(ctx context.Context) { c.DeleteUser(ctx, &iam.DeleteUserInput{UserName: aws.String(name)}) })
		}
		first, err := c.ListUsers(ctx, &iam.ListUsersInput{PathPrefix: aws.String(prefix), MaxItems: aws.Int32(2)})
		Expect(err).NotTo(HaveOccurred())
		Expect(first.IsTruncated).To(BeTrue())
		Expect(first.Users).To(HaveLen(2))
		second, err := c.ListUsers(ctx, &iam.ListUsersInput{PathPrefix: aws.String(prefix), MaxItems: aws.Int32(2), Marker: first.Marker})
		Expect(err).NotTo(HaveOccurred())
		Expect(second.IsTruncated).To(BeFalse())
		snap.Match("second-page", second)
	})
})

var _ = Describe("IAM instance profiles", func() {
	It("adds a role to an instance profile", func(ctx SpecContext) {
		snap := harness.Snapshot().Transform(decodedPolicies())
		snap.Divergence("moto", "$..Roles[*].RoleLastUsed", "moto adds RoleLastUsed to the roles of an instance profile")
		motoAcceptsInvalid(snap)
		c := harness.IAM()
		role := harness.UniqueName("role")
		_, err := createRole(ctx, &iam.CreateRoleInput{RoleName: aws.String(role), AssumeRolePolicyDocument: aws.String(ec2Trust)})
		Expect(err).NotTo(HaveOccurred())
		name := harness.UniqueName("profile")
		ip, err := c.CreateInstanceProfile(ctx, &iam.CreateInstanceProfileInput{InstanceProfileName: aws.String(name)})
		Expect(err).NotTo(HaveOccurred())
		harness.Cleanup(func(ctx context.Context) {
			c.DeleteInstanceProfile(ctx, &iam.DeleteInstanceProfileInput{InstanceProfileName: aws.String(name)})
		})
		snap.Match("create-instance-profile", ip)
		_, err = c.AddRoleToInstanceProfile(ctx, &iam.AddRoleToInstanceProfileInput{InstanceProfileName: aws.String(name), RoleName: aws.String(role)})
		Expect(err).NotTo(HaveOccurred())
		harness.Cleanup(func(ctx context.Context) {
			c.RemoveRoleFromInstanceProfile(ctx, &iam.RemoveRoleFromInstanceProfileInput{InstanceProfileName: aws.String(name), RoleName: aws.String(role)})
		})
		got, err := c.GetInstanceProfile(ctx, &iam.GetInstanceProfileInput{InstanceProfileName: aws.String(name)})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("get-instance-profile", got)
		forRole, err := c.ListInstanceProfilesForRole(ctx, &iam.ListInstanceProfilesForRoleInput{RoleName: aws.String(role)})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("profiles-for-role", forRole)
		snap.Match("delete-profile-with-role", result(c.DeleteInstanceProfile(ctx, &iam.DeleteInstanceProfileInput{InstanceProfileName: aws.String(name)})))
		snap.Match("missing-profile", result(c.GetInstanceProfile(ctx, &iam.GetInstanceProfileInput{InstanceProfileName: aws.String("parity-no-such-profile")})))
	})
})

var _ = Describe("IAM identity providers and account settings", func() {
	It("manages an OpenID Connect provider", func(ctx SpecContext) {
		snap := harness.Snapshot()
		c := harness.IAM()
		url := "https://" + harness.UniqueName("oidc") + ".example.com"
		out, err := c.CreateOpenIDConnectProvider(ctx, &iam.CreateOpenIDConnectProviderInput{Url: aws.String(url), ClientIDList: []string{"client-a"},
			ThumbprintList: []string{"9e99a48a9960b14926bb7f3b02e22da2b0ab7280"}})
		Expect(err).NotTo(HaveOccurred())
		harness.Cleanup(func(ctx context.Context) {
			c.DeleteOpenIDConnectProvider(ctx, &iam.DeleteOpenIDConnectProviderInput{OpenIDConnectProviderArn: out.OpenIDConnectProviderArn})
		})
		snap.Match("create-oidc", out)
		got, err := c.GetOpenIDConnectProvider(ctx, &iam.GetOpenIDConnectProviderInput{OpenIDConnectProviderArn: out.OpenIDConnectProviderArn})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("get-oidc", got)
	})

	It("manages an account alias and the password policy", func(ctx SpecContext) {
		snap := harness.Snapshot()
		snap.Divergence("moto", "$.PasswordPolicy.MaxPasswordAge", "moto returns 0 when no maximum age is set; AWS omits it")
		snap.Divergence("moto", "$.PasswordPolicy.HardExpiry", "moto omits HardExpiry")
		c := harness.IAM()
		alias := harness.UniqueName("alias")
		_, err := c.CreateAccountAlias(ctx, &iam.CreateAccountAliasInput{AccountAlias: aws.String(alias)})
		Expect(err).NotTo(HaveOccurred())
		harness.Cleanup(func(ctx context.Context) {
			c.DeleteAccountAlias(ctx, &iam.DeleteAccountAliasInput{AccountAlias: aws.String(alias)})
		})
		aliases, err := c.ListAccountAliases(ctx, &iam.ListAccountAliasesInput{})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("list-aliases", aliases)
		_, err = c.UpdateAccountPasswordPolicy(ctx, &iam.UpdateAccountPasswordPolicyInput{MinimumPasswordLength: aws.Int32(12), RequireSymbols: true})
		Expect(err).NotTo(HaveOccurred())
		harness.Cleanup(func(ctx context.Context) { c.DeleteAccountPasswordPolicy(ctx, &iam.DeleteAccountPasswordPolicyInput{}) })
		pp, err := c.GetAccountPasswordPolicy(ctx, &iam.GetAccountPasswordPolicyInput{})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("password-policy", pp)
	})

	It("reports authorization details", func(ctx SpecContext) {
		c := harness.IAM()
		role := harness.UniqueName("role")
		_, err := createRole(ctx, &iam.CreateRoleInput{RoleName: aws.String(role), AssumeRolePolicyDocument: aws.String(ec2Trust)})
		Expect(err).NotTo(HaveOccurred())
		out, err := c.GetAccountAuthorizationDetails(ctx, &iam.GetAccountAuthorizationDetailsInput{Filter: []types.EntityType{types.EntityTypeRole}})
		Expect(err).NotTo(HaveOccurred())
		var names []string
		for _, r := range out.RoleDetailList {
			names = append(names, *r.RoleName)
		}
		Expect(names).To(ContainElement(role))
		Expect(out.UserDetailList).To(BeEmpty())
	})
})
