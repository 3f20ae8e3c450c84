package kms_test

import (
	"github.com/aws/aws-sdk-go-v2/service/kms"
	"github.com/aws/aws-sdk-go-v2/service/kms/types"
	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/parity-harness/parity/harness"
)

var _ = Describe("KMS key tags", func() {
	It("tags at creation and untags", harness.Reference(ref+"test_create_key_with_tag_and_untag"), func(ctx SpecContext) {
		snap := harness.Snapshot()
		c := harness.KMS()
		key := createKey(ctx, c, &kms.CreateKeyInput{Tags: []types.Tag{tag("tag1", "value1"), tag("tag2", "value2")}})
		snap.Match("list-resource-tags", tagsOf(ctx, c, key.KeyId))
		_, err := c.UntagResource(ctx, &kms.UntagResourceInput{KeyId: key.KeyId, TagKeys: []string{"tag1", "tag2"}})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("list-resource-tags-after-all-untagged", tagsOf(ctx, c, key.KeyId))
	})

	It("untags some tags", harness.Reference(ref+"test_untag_key_partially"), func(ctx SpecContext) {
		snap := harness.Snapshot()
		c := harness.KMS()
		key := createKey(ctx, c, &kms.CreateKeyInput{Tags: []types.Tag{tag("tag1", "value1"), tag("tag2", "value2"), tag("tag3", "value3")}})
		snap.Match("list-resource-tags", tagsOf(ctx, c, key.KeyId))
		_, err := c.UntagResource(ctx, &kms.UntagResourceInput{KeyId: key.KeyId, TagKeys: []string{"tag2"}})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("list-resource-tags-after-partially-untagged", tagsOf(ctx, c, key.KeyId))
	})

	It("updates and adds tags", harness.Reference(ref+"test_update_and_add_tags_on_tagged_key"), func(ctx SpecContext) {
		snap := harness.Snapshot()
		c := harness.KMS()
		key := createKey(ctx, c, &kms.CreateKeyInput{Tags: []types.Tag{tag("tag1", "value1"), tag("tag2", "value2"), tag("tag3", "value3")}})
		snap.Match("list-resource-tags", tagsOf(ctx, c, key.KeyId))
		_, err := c.TagResource(ctx, &kms.TagResourceInput{KeyId: key.KeyId, Tags: []types.Tag{tag("tag2", "updated_value2"), tag("tag4", "value4"), tag("tag5", "value5")}})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("list-resource-tags-after-tags-updated", tagsOf(ctx, c, key.KeyId))
	})
})
