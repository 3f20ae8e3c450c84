package s3_test

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/aws/smithy-go/middleware"
	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/parity-harness/parity/harness"
	"github.com/parity-harness/parity/transformers"
)

const (
	refLogging     = "tests/aws/services/s3/test_s3.py::TestS3BucketLogging::"
	refReplication = "tests/aws/services/s3/test_s3.py::TestS3BucketReplication::"
)

// Bucket configurations about reporting and billing: analytics, inventory,
// request payment, server access logging and replication.
var _ = Describe("S3 bucket reporting configurations", func() {
	// moto answers analytics configurations empty.
	It("manages analytics configurations", Label("emulator-recorded"), harness.Reference(refS3+"test_s3_analytics_configurations"), func(ctx SpecContext) {
		snap := harness.Snapshot()
		c := harness.S3()
		snap.Transform(transformers.KeyValue("Bucket", "<bucket>"))
		b := newBucket(ctx, c)
		dest := newBucket(ctx, c)
		cfg := func(id, prefix string) *types.AnalyticsConfiguration {
			return &types.AnalyticsConfiguration{Id: aws.String(id), Filter: &types.AnalyticsFilterMemberPrefix{Value: prefix},
				StorageClassAnalysis: &types.StorageClassAnalysis{DataExport: &types.StorageClassAnalysisDataExport{OutputSchemaVersion: types.StorageClassAnalysisSchemaVersionV1,
					Destination: &types.AnalyticsExportDestination{S3BucketDestination: &types.AnalyticsS3BucketDestination{Format: types.AnalyticsS3ExportFileFormatCsv, Bucket: aws.String("arn:aws:s3:::" + dest), Prefix: aws.String("test")}}}}}
		}
		put := func(id string, c2 *types.AnalyticsConfiguration) (*s3.PutBucketAnalyticsConfigurationOutput, error) {
			return c.PutBucketAnalyticsConfiguration(ctx, &s3.PutBucketAnalyticsConfigurationInput{Bucket: aws.String(b), Id: aws.String(id), AnalyticsConfiguration: c2})
		}
		get := func(id string) (*s3.GetBucketAnalyticsConfigurationOutput, error) {
			return c.GetBucketAnalyticsConfiguration(ctx, &s3.GetBucketAnalyticsConfigurationInput{Bucket: aws.String(b), Id: aws.String(id)})
		}
		list := func() (*s3.ListBucketAnalyticsConfigurationsOutput, error) {
			return c.ListBucketAnalyticsConfigurations(ctx, &s3.ListBucketAnalyticsConfigurationsInput{Bucket: aws.String(b)})
		}
		del := func(id string) (*s3.DeleteBucketAnalyticsConfigurationOutput, error) {
			return c.DeleteBucketAnalyticsConfiguration(ctx, &s3.DeleteBucketAnalyticsConfigurationInput{Bucket: aws.String(b), Id: aws.String(id)})
		}
		mismatch, err := put("config_with_storage_analysis_1_err", cfg("config_with_storage_analysis_1", "test_ls"))
		snap.Match("put_config_with_storage_analysis_err", orErr(mismatch, err))
		snap.Match("put_config_with_storage_analysis_1", orErr(put("config_with_storage_analysis_1", cfg("config_with_storage_analysis_1", "test_ls"))))
		snap.Match("get_config_with_storage_analysis_1", orErr(get("config_with_storage_analysis_1")))
		_, err = put("config_with_storage_analysis_1", cfg("config_with_storage_analysis_1", "test_ls_2"))
		Expect(err).NotTo(HaveOccurred())
		snap.Match("get_config_with_storage_analysis_2", orErr(get("config_with_storage_analysis_1")))
		_, err = put("config_with_storage_analysis_2", cfg("config_with_storage_analysis_2", "test_ls_3"))
		Expect(err).NotTo(HaveOccurred())
		snap.Match("get_config_with_storage_analysis_3", orErr(get("config_with_storage_analysis_2")))
		snap.Match("list_config_with_storage_analysis_1", orErr(list()))
		_, err = del("config_with_storage_analysis_2")
		Expect(err).NotTo(HaveOccurred())
		snap.Match("list_config_with_storage_analysis_2", orErr(list()))
		_, err = del("config_with_storage_analysis_2")
		snap.Match("delete_config_with_storage_analysis_err", err)
		_, err = get("config_with_storage_analysis_2")
		snap.Match("get_config_with_storage_analysis_err", err)
	})

	inventory := func(id, destARN string) *types.InventoryConfiguration {
		return &types.InventoryConfiguration{Id: aws.String(id), IsEnabled: aws.Bool(true), IncludedObjectVersions: types.InventoryIncludedObjectVersionsAll,
			OptionalFields: []types.InventoryOptionalField{types.InventoryOptionalFieldSize, types.InventoryOptionalFieldETag},
			Schedule:       &types.InventorySchedule{Frequency: types.InventoryFrequencyDaily},
			Destination:    &types.InventoryDestination{S3BucketDestination: &types.InventoryS3BucketDestination{Bucket: aws.String(destARN), Format: types.InventoryFormatCsv}}}
	}

	// moto answers NoSuchBucket to a list after an inventory configuration is deleted.
	It("manages inventory configurations", Label("emulator-recorded"), harness.Reference(refS3+"test_s3_inventory_report_crud"), func(ctx SpecContext) {
		snap := harness.Snapshot()
		c := harness.S3()
		b := newBucket(ctx, c)
		dest := newBucket(ctx, c)
		snap.Match("put-inventory-config", orErr(c.PutBucketInventoryConfiguration(ctx, &s3.PutBucketInventoryConfigurationInput{Bucket: aws.String(b), Id: aws.String("test-inventory"),
			InventoryConfiguration: inventory("test-inventory", "arn:aws:s3:::"+dest)})))
		snap.Match("list-inventory-config", orErr(c.ListBucketInventoryConfigurations(ctx, &s3.ListBucketInventoryConfigurationsInput{Bucket: aws.String(b)})))
		snap.Match("get-inventory-config", orErr(c.GetBucketInventoryConfiguration(ctx, &s3.GetBucketInventoryConfigurationInput{Bucket: aws.String(b), Id: aws.String("test-inventory")})))
		snap.Match("del-inventory-config", orErr(c.DeleteBucketInventoryConfiguration(ctx, &s3.DeleteBucketInventoryConfigurationInput{Bucket: aws.String(b), Id: aws.String("test-inventory")})))
		snap.Match("list-inventory-config-after-del", orErr(c.ListBucketInventoryConfigurations(ctx, &s3.ListBucketInventoryConfigurationsInput{Bucket: aws.String(b)})))
		_, err := c.GetBucketInventoryConfiguration(ctx, &s3.GetBucketInventoryConfigurationInput{Bucket: aws.String(b), Id: aws.String("test-inventory")})
		snap.Match("get-nonexistent-inv-config", err)
	})

	It("validates inventory configurations", Label("emulator-recorded"), harness.Reference(refS3+"test_s3_put_inventory_report_exceptions"), func(ctx SpecContext) {
		// moto accepts malformed inventory configurations.
		snap := harness.Snapshot()
		c := harness.S3()
		b := newBucket(ctx, c)
		destARN := "arn:aws:s3:::" + newBucket(ctx, c)
		for _, tc := range []struct {
			key, id string
			edit    func(*types.InventoryConfiguration)
		}{
			{"wrong-id", "wrong-id", func(*types.InventoryConfiguration) {}},
			{"wrong-destination-arn", "test-inventory", func(i *types.InventoryConfiguration) { i.Destination.S3BucketDestination.Bucket = aws.String("test") }},
			{"wrong-destination-format", "test-inventory", func(i *types.InventoryConfiguration) { i.Destination.S3BucketDestination.Format = "WRONG" }},
			{"wrong-object-versions", "test-inventory", func(i *types.InventoryConfiguration) { i.IncludedObjectVersions = "Wrong" }},
			{"wrong-optional-field", "test-inventory", func(i *types.InventoryConfiguration) { i.OptionalFields = []types.InventoryOptionalField{"TestField"} }},
			{"wrong-schedule-frequency", "test-inventory", func(i *types.InventoryConfiguration) { i.Schedule.Frequency = "Hourly" }},
		} {
			cfg := inventory("test-inventory", destARN)
			tc.edit(cfg)
			_, err := c.PutBucketInventoryConfiguration(ctx, &s3.PutBucketInventoryConfigurationInput{Bucket: aws.String(b), Id: aws.String(tc.id), InventoryConfiguration: cfg})
			snap.Match(tc.key, err)
		}
	})

	It("sets the request payer", harness.Reference(refS3+"test_s3_request_payer"), func(ctx SpecContext) {
		snap := harness.Snapshot()
		c := harness.S3()
		b := newBucket(ctx, c)
		snap.Divergence("moto", "$.Payer", "AWS answers the payer set (reference test_s3_request_payer: Requester); moto's answer has none")
		snap.Match("put-bucket-request-payment", orErr(c.PutBucketRequestPayment(ctx, &s3.PutBucketRequestPaymentInput{Bucket: aws.String(b),
			RequestPaymentConfiguration: &types.RequestPaymentConfiguration{Payer: types.PayerRequester}})))
		snap.Match("get-bucket-request-payment", orErr(c.GetBucketRequestPayment(ctx, &s3.GetBucketRequestPaymentInput{Bucket: aws.String(b)})))
	})

	It("validates the request payer", Label("emulator-recorded"), harness.Reference(refS3+"test_s3_request_payer_exceptions"), func(ctx SpecContext) {
		// moto accepts any payer.
		snap := harness.Snapshot()
		c := harness.S3()
		b := newBucket(ctx, c)
		_, err := c.PutBucketRequestPayment(ctx, &s3.PutBucketRequestPaymentInput{Bucket: aws.String(b), RequestPaymentConfiguration: &types.RequestPaymentConfiguration{Payer: "Random"}})
		snap.Match("wrong-payer-type", err)
		_, err = c.PutBucketRequestPayment(ctx, &s3.PutBucketRequestPaymentInput{Bucket: aws.String(harness.UniqueName("fake-bucket")), RequestPaymentConfiguration: &types.RequestPaymentConfiguration{Payer: types.PayerRequester}})
		snap.Match("wrong-bucket-name", err)
	})

	It("enables server access logging", harness.Reference(refLogging+"test_put_bucket_logging"), func(ctx SpecContext) {
		snap := harness.Snapshot()
		c := harness.S3()
		snap.Transform(transformers.KeyValue("ID", "owner-id"))
		snap.Divergence("moto", "$..DisplayName", "AWS no longer returns owner display names (reference ACL recordings carry only ID); moto does")
		b := newBucket(ctx, c)
		target := newBucket(ctx, c)
		snap.Match("get-bucket-logging-default", orErr(c.GetBucketLogging(ctx, &s3.GetBucketLoggingInput{Bucket: aws.String(b)})))
		snap.Match("get-bucket-default-acl", orErr(c.GetBucketAcl(ctx, &s3.GetBucketAclInput{Bucket: aws.String(target)})))
		snap.Divergence("moto", "$.Error", "AWS enables logging to a bucket of the same owner without a log-delivery grant (reference test_put_bucket_logging); moto asks for the grant")
		snap.Divergence("moto", "$.ResponseMetadata.HTTPStatusCode", "AWS answers 200 to PutBucketLogging with a target of the same owner; moto 400")
		snap.Divergence("moto", "$.LoggingEnabled", "AWS answers the logging configuration set (reference test_put_bucket_logging); moto refused to set it")
		snap.Match("put-bucket-logging", orErr(c.PutBucketLogging(ctx, &s3.PutBucketLoggingInput{Bucket: aws.String(b),
			BucketLoggingStatus: &types.BucketLoggingStatus{LoggingEnabled: &types.LoggingEnabled{TargetBucket: aws.String(target), TargetPrefix: aws.String("log")}}})))
		snap.Match("get-bucket-logging", orErr(c.GetBucketLogging(ctx, &s3.GetBucketLoggingInput{Bucket: aws.String(b)})))
		snap.Match("put-bucket-logging-delete", orErr(c.PutBucketLogging(ctx, &s3.PutBucketLoggingInput{Bucket: aws.String(b), BucketLoggingStatus: &types.BucketLoggingStatus{}})))
	})

	It("refuses a logging target in another region or missing", harness.Reference(refLogging+"test_put_bucket_logging_wrong_target"), func(ctx SpecContext) {
		snap := harness.Snapshot()
		c := harness.S3()
		b := newBucket(ctx, c)
		other, _ := bucketIn(ctx, "eu-west-1")
		out, err := c.PutBucketLogging(ctx, &s3.PutBucketLoggingInput{Bucket: aws.String(b),
			BucketLoggingStatus: &types.BucketLoggingStatus{LoggingEnabled: &types.LoggingEnabled{TargetBucket: aws.String(other), TargetPrefix: aws.String("log")}}})
		snap.Divergence("moto", "$.Error", "AWS refuses a logging target in another region: CrossLocationLoggingProhibitted (reference test_put_bucket_logging_wrong_target); moto accepts it")
		snap.Divergence("moto", "$.ResponseMetadata.HTTPStatusCode", "AWS answers 403 to a logging target in another region; moto 200")
		snap.Match("put-bucket-logging-different-regions", orErr(out, err))
		_, err = c.PutBucketLogging(ctx, &s3.PutBucketLoggingInput{Bucket: aws.String(b),
			BucketLoggingStatus: &types.BucketLoggingStatus{LoggingEnabled: &types.LoggingEnabled{TargetBucket: aws.String(harness.UniqueName("target-bucket")), TargetPrefix: aws.String("log")}}})
		snap.Match("put-bucket-logging-non-existent-bucket", err)
	})

	It("refuses logging across locations", Label("emulator-recorded"), harness.Reference(refLogging+"test_put_bucket_logging_cross_locations"), func(ctx SpecContext) {
		// moto accepts logging targets in any region.
		snap := harness.Snapshot()
		src, srcClient := bucketIn(ctx, "eu-west-1")
		target, _ := bucketIn(ctx, "us-west-2")
		logTo := func(c *s3.Client, bucket string) error {
			_, err := c.PutBucketLogging(ctx, &s3.PutBucketLoggingInput{Bucket: aws.String(bucket),
				BucketLoggingStatus: &types.BucketLoggingStatus{LoggingEnabled: &types.LoggingEnabled{TargetBucket: aws.String(target), TargetPrefix: aws.String("log")}}})
			return err
		}
		snap.Match("put-bucket-logging-different-regions", logTo(srcClient, src))
		c := harness.S3()
		snap.Match("put-bucket-logging-cross-us-east-1", logTo(c, newBucket(ctx, c)))
	})

	rule := func(destARN string) types.ReplicationRule {
		return types.ReplicationRule{ID: aws.String("id"), Status: types.ReplicationRuleStatusEnabled, Priority: aws.Int32(1),
			DeleteMarkerReplication: &types.DeleteMarkerReplication{Status: types.DeleteMarkerReplicationStatusDisabled},
			Destination:             &types.Destination{Bucket: aws.String(destARN)}, Filter: &types.ReplicationRuleFilter{Prefix: aws.String("Tax")}}
	}
	const role = "arn:aws:iam::000000000000:role/s3-replication-role"
	versioned := func(ctx SpecContext, c *s3.Client, b string) {
		_, err := c.PutBucketVersioning(ctx, &s3.PutBucketVersioningInput{Bucket: aws.String(b), VersioningConfiguration: enabled})
		Expect(err).NotTo(HaveOccurred())
	}

	It("manages replication configurations", harness.Reference(refReplication+"test_replication_config"), func(ctx SpecContext) {
		snap := harness.Snapshot()
		c := harness.S3()
		snap.Transform(transformers.KeyValue("Role", "role"), transformers.PathValue("$..Destination.Bucket", "dest-bucket"))
		b := newBucket(ctx, c)
		dest := newBucket(ctx, c)
		versioned(ctx, c, dest)
		destARN := "arn:aws:s3:::" + dest
		_, err := c.GetBucketReplication(ctx, &s3.GetBucketReplicationInput{Bucket: aws.String(b)})
		snap.Match("expected_error_no_replication_set", err)
		putRules := func(rules ...types.ReplicationRule) (*s3.PutBucketReplicationOutput, error) {
			return c.PutBucketReplication(ctx, &s3.PutBucketReplicationInput{Bucket: aws.String(b), ReplicationConfiguration: &types.ReplicationConfiguration{Role: aws.String(role), Rules: rules}}, noInputValidation)
		}
		_, err = putRules(rule(destARN))
		snap.Divergence("moto", "$.Error.BucketName", "AWS names no bucket in the versioning error of PutBucketReplication (reference test_replication_config); moto does")
		snap.Match("expected_error_versioning_not_enabled", err)
		versioned(ctx, c, b)
		empty, err := putRules()
		snap.Divergence("moto", "$.Error", "AWS refuses a replication configuration without rules as MalformedXML (reference test_replication_config); moto differs")
		snap.Divergence("moto", "$.ResponseMetadata.HTTPStatusCode", "AWS answers 400 to a replication configuration without rules")
		snap.Match("put-empty-bucket-replication-rules", orErr(empty, err))
		snap.Divergence("moto", "$..Filter.Prefix", "AWS answers the rule's filter prefix (reference test_replication_config: Tax); moto answers it empty")
		snap.Match("put-bucket-replication", orErr(putRules(rule(destARN))))
		snap.Match("get-bucket-replication", orErr(c.GetBucketReplication(ctx, &s3.GetBucketReplicationInput{Bucket: aws.String(b)})))
		snap.Match("delete-bucket-replication", orErr(c.DeleteBucketReplication(ctx, &s3.DeleteBucketReplicationInput{Bucket: aws.String(b)})))
		snap.Match("delete-bucket-replication-idempotent", orErr(c.DeleteBucketReplication(ctx, &s3.DeleteBucketReplicationInput{Bucket: aws.String(b)})))
	})

	It("replicates everything with an empty filter", Label("emulator-recorded"), harness.Reference(refReplication+"test_replication_config_without_filter"), func(ctx SpecContext) {
		// moto does not check the destination bucket of a replication rule.
		snap := harness.Snapshot()
		c := harness.S3()
		snap.Transform(transformers.KeyValue("Role", "role"), transformers.PathValue("$..Destination.Bucket", "dest-bucket"))
		b := newBucket(ctx, c)
		versioned(ctx, c, b)
		destName := harness.UniqueName("bkt")
		cfg := &types.ReplicationConfiguration{Role: aws.String(role), Rules: []types.ReplicationRule{{ID: aws.String("rtc"), Priority: aws.Int32(0),
			Filter: &types.ReplicationRuleFilter{}, Status: types.ReplicationRuleStatusDisabled,
			DeleteMarkerReplication: &types.DeleteMarkerReplication{Status: types.DeleteMarkerReplicationStatusDisabled},
			Destination: &types.Destination{Bucket: aws.String("arn:aws:s3:::" + destName), StorageClass: types.StorageClassStandard,
				ReplicationTime: &types.ReplicationTime{Status: types.ReplicationTimeStatusEnabled, Time: &types.ReplicationTimeValue{Minutes: aws.Int32(15)}},
				Metrics:         &types.Metrics{Status: types.MetricsStatusEnabled, EventThreshold: &types.ReplicationTimeValue{Minutes: aws.Int32(15)}}}}}}
		put := func() (*s3.PutBucketReplicationOutput, error) {
			return c.PutBucketReplication(ctx, &s3.PutBucketReplicationInput{Bucket: aws.String(b), ReplicationConfiguration: cfg})
		}
		_, err := put()
		snap.Match("expected_error_dest_does_not_exist", err)
		_, err = c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String(destName)})
		Expect(err).NotTo(HaveOccurred())
		harness.Cleanup(func(ctx2 context.Context) { emptyAndDelete(ctx2, c, destName) })
		_, err = put()
		snap.Match("expected_error_dest_versioning_disabled", err)
		versioned(ctx, c, destName)
		snap.Match("put-bucket-replication", orErr(put()))
		snap.Match("get-bucket-replication", orErr(c.GetBucketReplication(ctx, &s3.GetBucketReplicationInput{Bucket: aws.String(b)})))
	})
})

// noInputValidation drops the SDK's client-side check of required members,
// so a request the service itself must refuse reaches it.
func noInputValidation(o *s3.Options) {
	o.APIOptions = append(o.APIOptions, func(stack *middleware.Stack) error {
		_, err := stack.Initialize.Remove("OperationInputValidation")
		return err
	})
}
