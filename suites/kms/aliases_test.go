package kms_test

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kms"
	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/parity-harness/parity/harness"
)

var _ = Describe("KMS aliases", func() {
	It("refuses alias names without the alias/ prefix", harness.Reference(ref+"test_create_alias"), func(ctx SpecContext) {
		snap := harness.Snapshot()
		snap.Divergence("moto", "$.Error.Message", "moto answers \"Invalid identifier\"; AWS explains the alias/ prefix (reference create_alias)")
		c := harness.KMS()
		key := symmetricKey(ctx, c)
		snap.Match("create_alias", result(c.CreateAlias(ctx, &kms.CreateAliasInput{AliasName: aws.String(harness.UniqueName("no-prefix")), TargetKeyId: key.KeyId})))
	})

	It("creates, lists, updates and deletes aliases", func(ctx SpecContext) {
		snap := harness.Snapshot()
		snap.Divergence("moto", "$.Aliases[*].CreationDate", "AWS lists when an alias was created and last updated (ListAliases API reference); moto does not")
		snap.Divergence("moto", "$.Aliases[*].LastUpdatedDate", "AWS lists when an alias was created and last updated (ListAliases API reference); moto does not")
		c := harness.KMS()
		first, second := symmetricKey(ctx, c), symmetricKey(ctx, c)
		name := "alias/" + harness.UniqueName("alias")
		snap.Match("create-alias", result(c.CreateAlias(ctx, &kms.CreateAliasInput{AliasName: aws.String(name), TargetKeyId: first.KeyId})))
		harness.Cleanup(func(ctx context.Context) { c.DeleteAlias(ctx, &kms.DeleteAliasInput{AliasName: aws.String(name)}) })
		snap.Match("list-aliases-of-key", result(c.ListAliases(ctx, &kms.ListAliasesInput{KeyId: first.KeyId})))
		described, err := c.DescribeKey(ctx, &kms.DescribeKeyInput{KeyId: aws.String(name)})
		Expect(err).NotTo(HaveOccurred())
		Expect(*described.KeyMetadata.KeyId).To(Equal(*first.KeyId))
		snap.Match("create-existing-alias", result(c.CreateAlias(ctx, &kms.CreateAliasInput{AliasName: aws.String(name), TargetKeyId: second.KeyId})))
		snap.Match("update-alias", result(c.UpdateAlias(ctx, &kms.UpdateAliasInput{AliasName: aws.String(name), TargetKeyId: second.Arn})))
		snap.Match("list-aliases-of-old-key", result(c.ListAliases(ctx, &kms.ListAliasesInput{KeyId: first.KeyId})))
		snap.Match("list-aliases-of-new-key", result(c.ListAliases(ctx, &kms.ListAliasesInput{KeyId: second.KeyId})))
		snap.Match("delete-alias", result(c.DeleteAlias(ctx, &kms.DeleteAliasInput{AliasName: aws.String(name)})))
		snap.Match("delete-deleted-alias", result(c.DeleteAlias(ctx, &kms.DeleteAliasInput{AliasName: aws.String(name)})))
		snap.Match("describe-deleted-alias", result(c.DescribeKey(ctx, &kms.DescribeKeyInput{KeyId: aws.String(name)})))
	})

	It("refuses aliases of aliases and reserved names", func(ctx SpecContext) {
		snap := harness.Snapshot()
		c := harness.KMS()
		key := symmetricKey(ctx, c)
		name := "alias/" + harness.UniqueName("alias")
		_, err := c.CreateAlias(ctx, &kms.CreateAliasInput{AliasName: aws.String(name), TargetKeyId: key.KeyId})
		Expect(err).NotTo(HaveOccurred())
		harness.Cleanup(func(ctx context.Context) { c.DeleteAlias(ctx, &kms.DeleteAliasInput{AliasName: aws.String(name)}) })
		snap.Match("alias-of-alias", result(c.CreateAlias(ctx, &kms.CreateAliasInput{AliasName: aws.String(name + "-2"), TargetKeyId: aws.String(name)})))
		snap.Match("reserved-prefix", result(c.CreateAlias(ctx, &kms.CreateAliasInput{AliasName: aws.String("alias/aws/s3"), TargetKeyId: key.KeyId})))
		snap.Match("invalid-characters", result(c.CreateAlias(ctx, &kms.CreateAliasInput{AliasName: aws.String("alias/not valid!"), TargetKeyId: key.KeyId})))
		snap.Match("alias-of-missing-key", result(c.CreateAlias(ctx, &kms.CreateAliasInput{AliasName: aws.String(name + "-3"), TargetKeyId: aws.String("00000000-1111-4222-8333-444444444444")})))
		snap.Match("update-missing-alias", result(c.UpdateAlias(ctx, &kms.UpdateAliasInput{AliasName: aws.String(name + "-4"), TargetKeyId: key.KeyId})))
	})
})
