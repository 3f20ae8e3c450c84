package s3_test

import (
	"context"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/parity-harness/parity/harness"
	"github.com/parity-harness/parity/transformers"
)

const refLifecycle = "tests/aws/services/s3/test_s3.py::TestS3BucketLifecycle::"

// lifecycleDivergences declares where moto's lifecycle answers differ from AWS's.
func lifecycleDivergences(snap *harness.Session) {
	motoObjectDivergences(snap)
	snap.Divergence("moto", "$..Filter.ObjectSizeGreaterThan", "moto drops object size filters from the stored rules (reference test_bucket_lifecycle_object_size_rules)")
	snap.Divergence("moto", "$..Filter.ObjectSizeLessThan", "moto drops object size filters from the stored rules (reference test_bucket_lifecycle_object_size_rules)")
	snap.Divergence("moto", "$.Expiration", "AWS announces the expiry of objects a lifecycle rule matches in x-amz-expiration (reference lifecycle recordings); moto does not")
	snap.Divergence("moto", "$.TransitionDefaultMinimumObjectSize", "AWS reports the default transition size all_storage_classes_128K (reference lifecycle recordings); moto omits it")
}

func putLifecycle(ctx context.Context, c *s3.Client, bucket string, rules ...types.LifecycleRule) (*s3.PutBucketLifecycleConfigurationOutput, error) {
	return c.PutBucketLifecycleConfiguration(ctx, &s3.PutBucketLifecycleConfigurationInput{Bucket: aws.String(bucket),
		LifecycleConfiguration: &types.BucketLifecycleConfiguration{Rules: rules}})
}

func getLifecycle(ctx context.Context, c *s3.Client, bucket string) (*s3.GetBucketLifecycleConfigurationOutput, error) {
	return c.GetBucketLifecycleConfiguration(ctx, &s3.GetBucketLifecycleConfigurationInput{Bucket: aws.String(bucket)})
}

func putTagged(ctx context.Context, c *s3.Client, bucket, key, body, tagging string) (*s3.PutObjectOutput, error) {
	in := &s3.PutObjectInput{Bucket: aws.String(bucket), Key: aws.String(key), Body: stringsReader(body)}
	if tagging != "" {
		in.Tagging = aws.String(tagging)
	}
	return c.PutObject(ctx, in, noDefaultContentType)
}

var _ = Describe("S3 bucket lifecycle", func() {
	expiration := transformers.KeyValue("Expiration", "<expiration>")

	It("stores an expiration date rule", harness.Reference(refLifecycle+"test_bucket_lifecycle_configuration_date"), func(ctx SpecContext) {
		snap := harness.Snapshot()
		c := harness.S3()
		lifecycleDivergences(snap)
		b := newBucket(ctx, c)
		_, err := putLifecycle(ctx, c, b, types.LifecycleRule{ID: aws.String("rule_number_one"), Status: types.ExpirationStatusEnabled,
			Filter: &types.LifecycleRuleFilter{}, Expiration: &types.LifecycleExpiration{Date: aws.Time(time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC))}})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("get-bucket-lifecycle-conf", orErr(getLifecycle(ctx, c, b)))
	})

	It("announces the expiration of matching objects", harness.Reference(refLifecycle+"test_bucket_lifecycle_configuration_object_expiry"), func(ctx SpecContext) {
		snap := harness.Snapshot().Transform(expiration)
		c := harness.S3()
		lifecycleDivergences(snap)
		b := newBucket(ctx, c)
		_, err := putLifecycle(ctx, c, b, types.LifecycleRule{ID: aws.String("rule_number_one"), Status: types.ExpirationStatusEnabled,
			Filter: &types.LifecycleRuleFilter{Prefix: aws.String("")}, Expiration: &types.LifecycleExpiration{Days: aws.Int32(7)}})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("get-bucket-lifecycle-conf", orErr(getLifecycle(ctx, c, b)))
		put(ctx, c, b, "test-object-expiry", "test")
		snap.Match("get-object-expiry", getBody(c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String(b), Key: aws.String("test-object-expiry")})))
		snap.Match("head-object-expiry", orErr(c.HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String(b), Key: aws.String("test-object-expiry")})))
	})

	It("announces expiration only for the current version", harness.Reference(refLifecycle+"test_bucket_lifecycle_configuration_object_expiry_versioned"), func(ctx SpecContext) {
		snap := harness.Snapshot().Transform(expiration)
		c := harness.S3()
		lifecycleDivergences(snap)
		b := newBucket(ctx, c)
		_, err := c.PutBucketVersioning(ctx, &s3.PutBucketVersioningInput{Bucket: aws.String(b), VersioningConfiguration: enabled})
		Expect(err).NotTo(HaveOccurred())
		_, err = putLifecycle(ctx, c, b, types.LifecycleRule{ID: aws.String("rule2"), Status: types.ExpirationStatusEnabled,
			Filter: &types.LifecycleRuleFilter{}, Expiration: &types.LifecycleExpiration{Days: aws.Int32(1)},
			NoncurrentVersionExpiration: &types.NoncurrentVersionExpiration{NoncurrentDays: aws.Int32(1)}})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("get-bucket-lifecycle-conf", orErr(getLifecycle(ctx, c, b)))
		key := "test-object-expiry"
		v1 := put(ctx, c, b, key, "test")
		head := func(version *string) any {
			return orErr(c.HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String(b), Key: aws.String(key), VersionId: version}))
		}
		snap.Match("head-object-expiry", head(nil))
		v2 := put(ctx, c, b, key, "test")
		snap.Match("head-object-expiry-noncurrent", head(v1.VersionId))
		snap.Match("head-object-expiry-current-with-version-id", head(v2.VersionId))
		snap.Match("head-object-expiry-current-without-version-id", head(nil))
	})

	It("applies the rule with the earliest expiry among matching prefixes", harness.Reference(refLifecycle+"test_bucket_lifecycle_multiple_rules"), func(ctx SpecContext) {
		snap := harness.Snapshot().Transform(expiration)
		c := harness.S3()
		lifecycleDivergences(snap)
		b := newBucket(ctx, c)
		rule := func(id, prefix string, days int32) types.LifecycleRule {
			return types.LifecycleRule{ID: aws.String(id), Status: types.ExpirationStatusEnabled,
				Filter: &types.LifecycleRuleFilter{Prefix: aws.String(prefix)}, Expiration: &types.LifecycleExpiration{Days: aws.Int32(days)}}
		}
		_, err := putLifecycle(ctx, c, b, rule("rule_one", "testobject", 1), rule("rule_two", "test", 5), rule("rule_three", "t", 10))
		Expect(err).NotTo(HaveOccurred())
		snap.Match("get-bucket-lifecycle-conf", orErr(getLifecycle(ctx, c, b)))
		snap.Match("put-object-match-both-rules", orErr(putTagged(ctx, c, b, "testobject-expiry", "test", "")))
		snap.Match("put-object-match-rule-2", orErr(putTagged(ctx, c, b, "test-object-expiry", "test", "")))
		snap.Match("put-object-no-match", orErr(putTagged(ctx, c, b, "no-expiry", "test", "")))
	})

	It("matches rules on object size", harness.Reference(refLifecycle+"test_bucket_lifecycle_object_size_rules"), func(ctx SpecContext) {
		snap := harness.Snapshot().Transform(expiration)
		c := harness.S3()
		lifecycleDivergences(snap)
		b := newBucket(ctx, c)
		_, err := putLifecycle(ctx, c, b,
			types.LifecycleRule{ID: aws.String("rule_one"), Status: types.ExpirationStatusEnabled,
				Filter: &types.LifecycleRuleFilter{ObjectSizeGreaterThan: aws.Int64(20)}, Expiration: &types.LifecycleExpiration{Days: aws.Int32(1)}},
			types.LifecycleRule{ID: aws.String("rule_two"), Status: types.ExpirationStatusEnabled,
				Filter: &types.LifecycleRuleFilter{ObjectSizeLessThan: aws.Int64(10)}, Expiration: &types.LifecycleExpiration{Days: aws.Int32(2)}})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("get-bucket-lifecycle-conf", orErr(getLifecycle(ctx, c, b)))
		snap.Match("put-object-match-rule-1", orErr(putTagged(ctx, c, b, "big", "aaaaaaaaaaaaaaaaaaaaaa", "")))
		snap.Match("put-object-match-rule-2", orErr(putTagged(ctx, c, b, "small", "aaaaa", "")))
		snap.Match("put-object-no-match", orErr(putTagged(ctx, c, b, "medium", "aaaaaaaaaaaaaaa", "")))
	})

	It("matches rules on object tags", harness.Reference(refLifecycle+"test_bucket_lifecycle_tag_rules"), func(ctx SpecContext) {
		snap := harness.Snapshot().Transform(expiration)
		c := harness.S3()
		lifecycleDivergences(snap)
		b := newBucket(ctx, c)
		tag := func(k, v string) types.Tag { return types.Tag{Key: aws.String(k), Value: aws.String(v)} }
		_, err := putLifecycle(ctx, c, b,
			types.LifecycleRule{ID: aws.String("rule_one"), Status: types.ExpirationStatusEnabled,
				Filter: &types.LifecycleRuleFilter{Tag: &types.Tag{Key: aws.String("testlifecycle"), Value: aws.String("positive")}}, Expiration: &types.LifecycleExpiration{Days: aws.Int32(1)}},
			types.LifecycleRule{ID: aws.String("rule_two"), Status: types.ExpirationStatusEnabled,
				Filter:     &types.LifecycleRuleFilter{And: &types.LifecycleRuleAndOperator{Tags: []types.Tag{tag("testlifecycle", "positive"), tag("testlifecycletwo", "positive-two")}}},
				Expiration: &types.LifecycleExpiration{Days: aws.Int32(2)}})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("get-bucket-lifecycle-conf", orErr(getLifecycle(ctx, c, b)))
		for _, o := range []struct{ name, key, tagging string }{
			{"no-tags", "test-no-tags", ""},
			{"match-rule-1", "test-match-rule-1", "testlifecycle=positive"},
			{"match-both-rules", "test-match-both", "testlifecycle=positive&testlifecycletwo=positive-two"},
			{"no-match", "test-no-match", "testlifecycle=negative"},
		} {
			snap.Match("put-object-"+o.name, orErr(putTagged(ctx, c, b, o.key, "test", o.tagging)))
			snap.Match("get-object-"+o.name, getBody(c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String(b), Key: aws.String(o.key)})))
		}
	})

	It("deletes the lifecycle configuration", harness.Reference(refLifecycle+"test_delete_bucket_lifecycle_configuration"), func(ctx SpecContext) {
		snap := harness.Snapshot()
		c := harness.S3()
		lifecycleDivergences(snap)
		b := newBucket(ctx, c)
		snap.Divergence("moto", "$.Error.BucketName", "AWS names the bucket in NoSuchLifecycleConfiguration (reference test_delete_bucket_lifecycle_configuration); moto does not")
		snap.Match("get-bucket-lifecycle-exc-1", orErr(getLifecycle(ctx, c, b)))
		_, err := putLifecycle(ctx, c, b, types.LifecycleRule{ID: aws.String("wholebucket"), Status: types.ExpirationStatusEnabled,
			Filter: &types.LifecycleRuleFilter{Prefix: aws.String("")}, Expiration: &types.LifecycleExpiration{Days: aws.Int32(7)}})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("get-bucket-lifecycle-conf", orErr(getLifecycle(ctx, c, b)))
		snap.Match("delete-bucket-lifecycle-no-bucket", orErr(c.DeleteBucketLifecycle(ctx, &s3.DeleteBucketLifecycleInput{Bucket: aws.String(b)})))
		snap.Match("get-bucket-lifecycle-exc-2", orErr(getLifecycle(ctx, c, b)))
	})

	It("forgets the lifecycle configuration of a deleted bucket", harness.Reference(refLifecycle+"test_delete_lifecycle_configuration_on_bucket_deletion"), func(ctx SpecContext) {
		snap := harness.Snapshot()
		c := harness.S3()
		lifecycleDivergences(snap)
		b := newBucket(ctx, c)
		snap.Divergence("moto", "$.Error.BucketName", "AWS names the bucket in NoSuchLifecycleConfiguration (reference test_delete_lifecycle_configuration_on_bucket_deletion); moto does not")
		_, err := putLifecycle(ctx, c, b, types.LifecycleRule{ID: aws.String("wholebucket"), Status: types.ExpirationStatusEnabled,
			Filter: &types.LifecycleRuleFilter{Prefix: aws.String("")}, Expiration: &types.LifecycleExpiration{Days: aws.Int32(7)}})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("get-bucket-lifecycle-conf", orErr(getLifecycle(ctx, c, b)))
		_, err = c.DeleteBucket(ctx, &s3.DeleteBucketInput{Bucket: aws.String(b)})
		Expect(err).NotTo(HaveOccurred())
		_, err = c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String(b)})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("get-bucket-lifecycle-exc", orErr(getLifecycle(ctx, c, b)))
	})

	It("announces no expiration for an expired-delete-marker rule", harness.Reference(refLifecycle+"test_lifecycle_expired_object_delete_marker"), func(ctx SpecContext) {
		snap := harness.Snapshot().Transform(expiration)
		c := harness.S3()
		lifecycleDivergences(snap)
		b := newBucket(ctx, c)
		_, err := putLifecycle(ctx, c, b, types.LifecycleRule{ID: aws.String("rule-marker"), Status: types.ExpirationStatusEnabled,
			Filter: &types.LifecycleRuleFilter{}, Expiration: &types.LifecycleExpiration{ExpiredObjectDeleteMarker: aws.Bool(true)}})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("get-bucket-lifecycle-conf", orErr(getLifecycle(ctx, c, b)))
		snap.Match("put-object", orErr(putTagged(ctx, c, b, "test-expired-marker", "test", "")))
		snap.Match("head-object", orErr(c.HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String(b), Key: aws.String("test-expired-marker")})))
	})

	It("validates lifecycle rules", harness.Reference(refLifecycle+"test_put_bucket_lifecycle_conf_exc"), func(ctx SpecContext) {
		snap := harness.Snapshot()
		c := harness.S3()
		b := newBucket(ctx, c)
		days := &types.LifecycleExpiration{Days: aws.Int32(7)}
		lifecycleDivergences(snap)
		snap.Divergence("moto", "$.Error", "moto accepts a filter with both And and ObjectSizeGreaterThan, and a non-midnight expiration date; AWS rejects them (MalformedXML; InvalidArgument 'Date' must be at midnight GMT — reference test_put_bucket_lifecycle_conf_exc)")
		snap.Divergence("moto", "$.ResponseMetadata", "moto answers 200 where AWS answers 400 (see $.Error)")
		try := func(key string, rule types.LifecycleRule) {
			snap.Match(key, orErr(putLifecycle(ctx, c, b, rule)))
		}
		try("missing-id", types.LifecycleRule{Status: types.ExpirationStatusEnabled, Expiration: days})
		try("missing-filter", types.LifecycleRule{ID: aws.String("rule"), Status: types.ExpirationStatusEnabled, Expiration: days})
		try("wrong-filter-and-plus-prefix", types.LifecycleRule{ID: aws.String("rule"), Status: types.ExpirationStatusEnabled, Expiration: days,
			Filter: &types.LifecycleRuleFilter{Prefix: aws.String("test"), And: &types.LifecycleRuleAndOperator{Prefix: aws.String("test"),
				Tags: []types.Tag{{Key: aws.String("k"), Value: aws.String("v")}}}}})
		try("wrong-filter-and-and-object-size", types.LifecycleRule{ID: aws.String("rule"), Status: types.ExpirationStatusEnabled, Expiration: days,
			Filter: &types.LifecycleRuleFilter{ObjectSizeGreaterThan: aws.Int64(10), And: &types.LifecycleRuleAndOperator{Prefix: aws.String("test"), ObjectSizeLessThan: aws.Int64(20)}}})
		try("duplicate-tag-keys", types.LifecycleRule{ID: aws.String("rule"), Status: types.ExpirationStatusEnabled, Expiration: days,
			Filter: &types.LifecycleRuleFilter{And: &types.LifecycleRuleAndOperator{Tags: []types.Tag{
				{Key: aws.String("testlifecycle"), Value: aws.String("positive")}, {Key: aws.String("testlifecycle"), Value: aws.String("positive-two")}}}}})
		try("expired-delete-marker-and-days", types.LifecycleRule{ID: aws.String("rule"), Status: types.ExpirationStatusEnabled, Filter: &types.LifecycleRuleFilter{},
			Expiration: &types.LifecycleExpiration{Days: aws.Int32(7), ExpiredObjectDeleteMarker: aws.Bool(true)}})
		try("missing-noncurrent-version-expiration-data", types.LifecycleRule{ID: aws.String("rule"), Status: types.ExpirationStatusEnabled, Filter: &types.LifecycleRuleFilter{},
			NoncurrentVersionExpiration: &types.NoncurrentVersionExpiration{}})
		snap.Transform(transformers.Path("$.Error.ArgumentValue", "datetime"))
		try("wrong-data-no-midnight", types.LifecycleRule{ID: aws.String("rule"), Status: types.ExpirationStatusEnabled, Filter: &types.LifecycleRuleFilter{},
			Expiration: &types.LifecycleExpiration{Date: aws.Time(time.Date(2030, 1, 1, 10, 0, 0, 0, time.UTC))}})
	})
})
