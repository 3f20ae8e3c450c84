package sts_test

import (
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	"github.com/aws/aws-sdk-go-v2/service/sts/types"
	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/parity-harness/parity/harness"
)

var _ = Describe("STS role assumption", func() {
	It("assumes a role", harness.Reference(refFile+"TestSTSIntegrations::test_assume_role"), func(ctx SpecContext) {
		snap := harness.Snapshot().Transform(decodedPolicies())
		snap.Divergence("moto", "$.PackedPolicySize", "moto reports 6 without session policies or tags; AWS omits it (reference assume-role)")
		role := createRole(ctx, false)
		snap.Match("create-role", role)
		session := harness.UniqueName("session")
		snap.Match("role-session-name", map[string]any{"RoleSessionName": session})
		out, err := harness.STS().AssumeRole(ctx, &sts.AssumeRoleInput{RoleArn: role.Role.Arn, RoleSessionName: aws.String(session)})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("assume-role", out)
		who, err := stsWith(out.Credentials).GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("caller-identity-of-session", who)
		Expect(*who.Arn).To(HaveSuffix("assumed-role/" + *role.Role.RoleName + "/" + session))
	})

	It("validates session tags", harness.Reference(refFile+"TestSTSAssumeRoleTagging::test_assume_role_tag_validation"), func(ctx SpecContext) {
		snap := harness.Snapshot().Transform(decodedPolicies())
		motoAcceptsInvalid(snap, "Credentials", "AssumedRoleUser", "PackedPolicySize")
		role := createRole(ctx, true)
		snap.Match("role-1", role)
		c := harness.STS()
		snap.Match("duplicate-tag-keys-different-casing", result(c.AssumeRole(ctx, &sts.AssumeRoleInput{RoleArn: role.Role.Arn, RoleSessionName: aws.String("session"),
			Tags: []types.Tag{tag("Key1", "a"), tag("key1", "b")}})))
		snap.Match("invalid-transitive-tag-keys", result(c.AssumeRole(ctx, &sts.AssumeRoleInput{RoleArn: role.Role.Arn, RoleSessionName: aws.String("session"),
			Tags: []types.Tag{tag("Key1", "a")}, TransitiveTagKeys: []string{"Key2"}})))
		ok, err := c.AssumeRole(ctx, &sts.AssumeRoleInput{RoleArn: role.Role.Arn, RoleSessionName: aws.String("session"),
			Tags: []types.Tag{tag("Key1", "a")}, TransitiveTagKeys: []string{"Key1"}})
		Expect(err).NotTo(HaveOccurred())
		Expect(ok.PackedPolicySize).NotTo(BeNil())
	})

	It("keeps transitive tags through role chaining", harness.Reference(refFile+"TestSTSAssumeRoleTagging::test_iam_role_chaining_override_transitive_tags"), func(ctx SpecContext) {
		snap := harness.Snapshot().Transform(decodedPolicies())
		motoAcceptsInvalid(snap, "Credentials", "AssumedRoleUser", "PackedPolicySize")
		role1 := createRole(ctx, true)
		snap.Match("role-1", role1)
		role2 := createRole(ctx, true)
		snap.Match("role-2", role2)
		first, err := harness.STS().AssumeRole(ctx, &sts.AssumeRoleInput{RoleArn: role1.Role.Arn, RoleSessionName: aws.String("session1"),
			Tags: []types.Tag{tag("SessionTag", "a")}, TransitiveTagKeys: []string{"SessionTag"}})
		Expect(err).NotTo(HaveOccurred())
		chained := stsWith(first.Credentials)
		snap.Match("override-transitive-tag-error", result(chained.AssumeRole(ctx, &sts.AssumeRoleInput{RoleArn: role2.Role.Arn, RoleSessionName: aws.String("session2"),
			Tags: []types.Tag{tag("SessionTag", "b")}})))
		snap.Match("override-transitive-tag-case-ignore-error", result(chained.AssumeRole(ctx, &sts.AssumeRoleInput{RoleArn: role2.Role.Arn, RoleSessionName: aws.String("session2"),
			Tags: []types.Tag{tag("sessiontag", "b")}})))
	})

	It("rejects invalid role ARNs and session names", harness.Reference(refFile+"TestSTSIntegrations::test_sts_invalid_parameters"), func(ctx SpecContext) {
		snap := harness.Snapshot()
		motoAcceptsInvalid(snap, "Credentials", "AssumedRoleUser", "PackedPolicySize")
		c := harness.STS()
		role := createRole(ctx, false)
		snap.Match("invalid-session-name", result(c.AssumeRole(ctx, &sts.AssumeRoleInput{RoleArn: role.Role.Arn, RoleSessionName: aws.String("Session1:2")})))
		for _, kv := range [][2]string{
			{"malformed-arn", "nothing-valid-in-here"},
			{"no-partition", "arn::b:::something/test-role"},
			{"no-service", "arn:a::::something/test-role"},
			{"no-resource", "arn:a:a::aaaaaaaaaa:"},
			{"not-enough-colons", "arn:a:::something/test-role"},
		} {
			snap.Match(kv[0], result(c.AssumeRole(ctx, &sts.AssumeRoleInput{RoleArn: aws.String(kv[1]), RoleSessionName: aws.String("Session1")})))
		}
	})

	It("limits the session duration", func(ctx SpecContext) {
		snap := harness.Snapshot()
		motoAcceptsInvalid(snap, "Credentials", "AssumedRoleUser", "PackedPolicySize")
		c := harness.STS()
		role := createRole(ctx, false)
		snap.Match("duration-too-short", result(c.AssumeRole(ctx, &sts.AssumeRoleInput{RoleArn: role.Role.Arn, RoleSessionName: aws.String("s1"), DurationSeconds: aws.Int32(899)})))
		snap.Match("duration-above-role-maximum", result(c.AssumeRole(ctx, &sts.AssumeRoleInput{RoleArn: role.Role.Arn, RoleSessionName: aws.String("s1"), DurationSeconds: aws.Int32(7200)})))
		snap.Match("malformed-session-policy", result(c.AssumeRole(ctx, &sts.AssumeRoleInput{RoleArn: role.Role.Arn, RoleSessionName: aws.String("s1"), Policy: aws.String("{not json")})))
		out, err := c.AssumeRole(ctx, &sts.AssumeRoleInput{RoleArn: role.Role.Arn, RoleSessionName: aws.String("s1"), DurationSeconds: aws.Int32(900),
			Policy: aws.String(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}`)})
		Expect(err).NotTo(HaveOccurred())
		Expect(out.PackedPolicySize).NotTo(BeNil())
	})
})

var _ = Describe("STS tokens and identity", func() {
	It("issues a federation token", harness.Reference(refFile+"TestSTSIntegrations::test_get_federation_token"), func(ctx SpecContext) {
		snap := harness.Snapshot()
		snap.Divergence("moto", "$.PackedPolicySize", "moto reports 6 without any policy; AWS reports 0 (reference get-federation-token)")
		name := harness.UniqueName("fed")
		out, err := harness.STS().GetFederationToken(ctx, &sts.GetFederationTokenInput{Name: aws.String(name[:min(len(name), 32)])})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("get-federation-token", out)
	})

	It("reports the caller and the account of access keys", func(ctx SpecContext) {
		snap := harness.Snapshot()
		motoAcceptsInvalid(snap, "Credentials")
		snap.Divergence("moto", "$.Arn", "moto answers a fixed IAM user for any key; AWS the root ARN for root credentials")
		snap.Divergence("moto", "$.UserId", "moto answers a fixed IAM user id; AWS the account id for root credentials")
		c := harness.STS()
		who, err := c.GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("caller-identity", who)
		tok, err := c.GetSessionToken(ctx, &sts.GetSessionTokenInput{DurationSeconds: aws.Int32(900)})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("session-token", tok)
		info, err := c.GetAccessKeyInfo(ctx, &sts.GetAccessKeyInfoInput{AccessKeyId: tok.Credentials.AccessKeyId})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("session-key-account", info)
		snap.Match("session-token-too-short", result(c.GetSessionToken(ctx, &sts.GetSessionTokenInput{DurationSeconds: aws.Int32(600)})))
	})
})
