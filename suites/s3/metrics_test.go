package s3_test

import (
	"context"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/parity-harness/parity/harness"
	"github.com/parity-harness/parity/transformers"
)

// Metrics configurations: moto 5.2.1 stores none (it answers every get with an
// empty configuration and every list with none), so these specs are recorded
// against the emulator and held to AWS by their reference recordings.
var _ = Describe("S3 metrics configurations", Label("emulator-recorded"), func() {
	metricsIDs := transformers.Key("Id", "id")

	putMetrics := func(ctx context.Context, c *s3.Client, b, id, prefix string) (*s3.PutBucketMetricsConfigurationOutput, error) {
		return c.PutBucketMetricsConfiguration(ctx, &s3.PutBucketMetricsConfigurationInput{Bucket: aws.String(b), Id: aws.String(id),
			MetricsConfiguration: &types.MetricsConfiguration{Id: aws.String(id), Filter: &types.MetricsFilterMemberPrefix{Value: prefix}}})
	}
	getMetrics := func(ctx context.Context, c *s3.Client, b, id string) (*s3.GetBucketMetricsConfigurationOutput, error) {
		return c.GetBucketMetricsConfiguration(ctx, &s3.GetBucketMetricsConfigurationInput{Bucket: aws.String(b), Id: aws.String(id)})
	}

	It("answers NoSuchConfiguration for a missing metrics configuration", harness.Reference(refAPI+"TestS3MetricsConfiguration::test_get_bucket_metrics_configuration_not_exist"), func(ctx SpecContext) {
		snap := harness.Snapshot()
		c := harness.S3()
		b := newBucket(ctx, c)
		snap.Match("get_bucket_metrics_configuration", orErr(getMetrics(ctx, c, b, "does-not-exist")))
	})

	It("stores a metrics configuration", harness.Reference(refAPI+"TestS3MetricsConfiguration::test_put_bucket_metrics_configuration"), func(ctx SpecContext) {
		snap := harness.Snapshot().Transform(metricsIDs)
		c := harness.S3()
		b := newBucket(ctx, c)
		snap.Match("put_bucket_metrics_configuration", orErr(putMetrics(ctx, c, b, "metrics-config-1", "logs/")))
		snap.Match("get_bucket_metrics_configuration", orErr(getMetrics(ctx, c, b, "metrics-config-1")))
	})

	It("overwrites a metrics configuration", harness.Reference(refAPI+"TestS3MetricsConfiguration::test_overwrite_bucket_metrics_configuration"), func(ctx SpecContext) {
		snap := harness.Snapshot().Transform(metricsIDs)
		c := harness.S3()
		b := newBucket(ctx, c)
		_, err := putMetrics(ctx, c, b, "metrics-config-1", "logs/prefix")
		Expect(err).NotTo(HaveOccurred())
		snap.Match("overwrite_bucket_metrics_configuration", orErr(putMetrics(ctx, c, b, "metrics-config-1", "logs/new-prefix")))
		snap.Match("get_bucket_metrics_configuration", orErr(getMetrics(ctx, c, b, "metrics-config-1")))
	})

	It("lists metrics configurations", harness.Reference(refAPI+"TestS3MetricsConfiguration::test_list_bucket_metrics_configurations"), func(ctx SpecContext) {
		snap := harness.Snapshot().Transform(metricsIDs)
		c := harness.S3()
		b := newBucket(ctx, c)
		for _, id := range []string{"metrics-config-1", "metrics-config-2"} {
			_, err := putMetrics(ctx, c, b, id, "logs/prefix")
			Expect(err).NotTo(HaveOccurred())
		}
		snap.Match("list_bucket_metrics_configurations", orErr(c.ListBucketMetricsConfigurations(ctx, &s3.ListBucketMetricsConfigurationsInput{Bucket: aws.String(b)})))
	})

	It("lists metrics configurations a hundred at a time", harness.Reference(refAPI+"TestS3MetricsConfiguration::test_list_bucket_metrics_configurations_paginated"), func(ctx SpecContext) {
		snap := harness.Snapshot().Transform(metricsIDs)
		c := harness.S3()
		b := newBucket(ctx, c)
		for i := range 102 {
			_, err := putMetrics(ctx, c, b, fmt.Sprintf("metrics-config-%03d", i), "logs/prefix")
			Expect(err).NotTo(HaveOccurred())
		}
		first, err := c.ListBucketMetricsConfigurations(ctx, &s3.ListBucketMetricsConfigurationsInput{Bucket: aws.String(b)})
		Expect(err).NotTo(HaveOccurred())
		Expect(first.MetricsConfigurationList).To(HaveLen(100))
		Expect(first.IsTruncated).To(Equal(aws.Bool(true)))
		snap.Match("list_bucket_metrics_configurations_page_2", orErr(c.ListBucketMetricsConfigurations(ctx, &s3.ListBucketMetricsConfigurationsInput{
			Bucket: aws.String(b), ContinuationToken: first.NextContinuationToken})))
	})
})
