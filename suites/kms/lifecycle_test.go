package kms_test

import (
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kms"
	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/parity-harness/parity/harness"
)

var _ = Describe("KMS key life cycle", func() {
	It("disables, enables, schedules and cancels deletion", func(ctx SpecContext) {
		snap := harness.Snapshot()
		motoKeyMetadata(snap)
		c := harness.KMS()
		key := symmetricKey(ctx, c)
		describe := func() any { return result(c.DescribeKey(ctx, &kms.DescribeKeyInput{KeyId: key.KeyId})) }
		snap.Match("disable-key", result(c.DisableKey(ctx, &kms.DisableKeyInput{KeyId: key.KeyId})))
		snap.Match("describe-disabled", describe())
		snap.Match("enable-key", result(c.EnableKey(ctx, &kms.EnableKeyInput{KeyId: key.KeyId})))
		snap.Match("describe-enabled", describe())
		_, err := c.ScheduleKeyDeletion(ctx, &kms.ScheduleKeyDeletionInput{KeyId: key.KeyId, PendingWindowInDays: aws.Int32(7)})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("describe-pending-deletion", describe())
		_, err = c.CancelKeyDeletion(ctx, &kms.CancelKeyDeletionInput{KeyId: key.KeyId})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("describe-after-cancel", describe())
		snap.Match("enable-after-cancel", result(c.EnableKey(ctx, &kms.EnableKeyInput{KeyId: key.KeyId})))
		out, err := c.DescribeKey(ctx, &kms.DescribeKeyInput{KeyId: key.KeyId})
		Expect(err).NotTo(HaveOccurred())
		Expect(out.KeyMetadata.Enabled).To(BeTrue())
	})

	It("answers deletion scheduling and cancelling with the key ARN", func(ctx SpecContext) {
		snap := harness.Snapshot()
		snap.Divergence("moto", "$.KeyId", "AWS answers ScheduleKeyDeletion and CancelKeyDeletion with the key ARN (API reference); moto with the key id")
		snap.Divergence("moto", "$.KeyState", "AWS answers ScheduleKeyDeletion with the key state and window (API reference); moto omits them")
		snap.Divergence("moto", "$.PendingWindowInDays", "AWS answers ScheduleKeyDeletion with the key state and window (API reference); moto omits them")
		c := harness.KMS()
		key := symmetricKey(ctx, c)
		snap.Match("schedule-deletion", result(c.ScheduleKeyDeletion(ctx, &kms.ScheduleKeyDeletionInput{KeyId: key.KeyId, PendingWindowInDays: aws.Int32(7)})))
		snap.Match("cancel-deletion", result(c.CancelKeyDeletion(ctx, &kms.CancelKeyDeletionInput{KeyId: key.KeyId})))
	})
})
