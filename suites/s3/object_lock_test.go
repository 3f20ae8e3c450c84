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
)

// bodyNotInReference explains skipped content hashes: the reference test's
// object bodies are not part of its recording.
const bodyNotInReference = "the reference recording does not carry the object body, so its ETag and checksum cannot be reproduced"

const (
	refLegalHold = "tests/aws/services/s3/test_s3.py::TestS3ObjectLockLegalHold::"
	refRetention = "tests/aws/services/s3/test_s3.py::TestS3ObjectLockRetention::"
)

// newLockedBucket creates a bucket with Object Lock enabled; its cleanup lifts
// legal holds and bypasses governance retention to empty it.
func newLockedBucket(ctx context.Context, c *s3.Client) string {
	name := harness.UniqueName("bkt")
	if _, err := c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String(name), ObjectLockEnabledForBucket: aws.Bool(true)}); err != nil {
		panic(err)
	}
	harness.Cleanup(func(ctx context.Context) {
		vs, err := c.ListObjectVersions(ctx, &s3.ListObjectVersionsInput{Bucket: aws.String(name)})
		if err == nil {
			for _, v := range vs.Versions {
				c.PutObjectLegalHold(ctx, &s3.PutObjectLegalHoldInput{Bucket: aws.String(name), Key: v.Key, VersionId: v.VersionId,
					LegalHold: &types.ObjectLockLegalHold{Status: types.ObjectLockLegalHoldStatusOff}})
				c.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: aws.String(name), Key: v.Key, VersionId: v.VersionId, BypassGovernanceRetention: aws.Bool(true)})
			}
			for _, m := range vs.DeleteMarkers {
				c.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: aws.String(name), Key: m.Key, VersionId: m.VersionId})
			}
		}
		c.DeleteBucket(ctx, &s3.DeleteBucketInput{Bucket: aws.String(name)})
	})
	return name
}

// lockDivergences declares where moto's object lock answers differ from AWS's.
func lockDivergences(snap *harness.Session) {
	motoObjectDivergences(snap)
	snap.Divergence("moto", "$.Error.Message", "AWS explains lock refusals: \"Access Denied because object protected by object lock.\", \"Bucket is missing Object Lock Configuration\" (reference TestS3ObjectLockRetention recordings); moto's messages differ")
}

// motoErrsOtherwise declares that moto answers otherwise (success, or
// another error) where AWS answers the error the reference recorded.
func motoErrsOtherwise(snap *harness.Session, reason string) {
	snap.Divergence("moto", "$.Error", reason)
	snap.Divergence("moto", "$.ResponseMetadata.HTTPStatusCode", reason)
}

func legalHold(status types.ObjectLockLegalHoldStatus) *types.ObjectLockLegalHold {
	return &types.ObjectLockLegalHold{Status: status}
}

func retainFor(d time.Duration) *time.Time {
	t := time.Now().Add(d).UTC().Truncate(time.Second)
	return &t
}

var _ = Describe("S3 object lock", func() {
	It("sets and lifts a legal hold", harness.Reference(refLegalHold+"test_put_get_object_legal_hold"), func(ctx SpecContext) {
		snap := harness.Snapshot()
		c := harness.S3()
		lockDivergences(snap)
		b := newLockedBucket(ctx, c)
		key := "locked-object"
		snap.Divergence("moto", "$.Error", "AWS answers NoSuchObjectLockConfiguration for an object never held (reference test_put_get_object_legal_hold get-legal-hold-unset); moto answers an empty LegalHold")
		snap.Divergence("moto", "$.LegalHold", "moto answers an empty LegalHold where AWS answers 404 NoSuchObjectLockConfiguration")
		snap.Divergence("moto", "$.ResponseMetadata.HTTPStatusCode", "moto answers 200 where AWS answers 404 NoSuchObjectLockConfiguration")
		snap.Match("put-obj", orErr(putTagged(ctx, c, b, key, "test", "")))
		snap.Match("get-legal-hold-unset", orErr(c.GetObjectLegalHold(ctx, &s3.GetObjectLegalHoldInput{Bucket: aws.String(b), Key: aws.String(key)})))
		snap.Match("put-object-legal-hold", orErr(c.PutObjectLegalHold(ctx, &s3.PutObjectLegalHoldInput{Bucket: aws.String(b), Key: aws.String(key), LegalHold: legalHold(types.ObjectLockLegalHoldStatusOn)})))
		snap.Match("get-legal-hold-set", orErr(c.GetObjectLegalHold(ctx, &s3.GetObjectLegalHoldInput{Bucket: aws.String(b), Key: aws.String(key)})))
		snap.Match("head-object-with-legal-hold", orErr(c.HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String(b), Key: aws.String(key)})))
		snap.Match("put-object-legal-hold-off", orErr(c.PutObjectLegalHold(ctx, &s3.PutObjectLegalHoldInput{Bucket: aws.String(b), Key: aws.String(key), LegalHold: legalHold(types.ObjectLockLegalHoldStatusOff)})))
	})

	It("holds versions one by one", harness.Reference(refLegalHold+"test_s3_legal_hold_lock_versioned"), func(ctx SpecContext) {
		snap := harness.Snapshot()
		c := harness.S3()
		lockDivergences(snap)
		b := newLockedBucket(ctx, c)
		key := "locked-object"
		hold := func(version *string, status types.ObjectLockLegalHoldStatus) any {
			return orErr(c.PutObjectLegalHold(ctx, &s3.PutObjectLegalHoldInput{Bucket: aws.String(b), Key: aws.String(key), VersionId: version, LegalHold: legalHold(status)}))
		}
		head := func(version *string) any {
			return orErr(c.HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String(b), Key: aws.String(key), VersionId: version}))
		}
		v1, err := putTagged(ctx, c, b, key, "test", "")
		Expect(err).NotTo(HaveOccurred())
		snap.Match("put-object", v1)
		snap.Match("put-object-legal-hold-ver1", hold(v1.VersionId, types.ObjectLockLegalHoldStatusOn))
		snap.Match("head-object-ver1", head(v1.VersionId))
		v2, err := putTagged(ctx, c, b, key, "test", "")
		Expect(err).NotTo(HaveOccurred())
		snap.Match("put-object-2", v2)
		snap.Match("put-object-legal-hold-ver2", hold(v2.VersionId, types.ObjectLockLegalHoldStatusOn))
		snap.Match("head-object-ver2", head(v2.VersionId))
		_, err = c.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: aws.String(b), Key: aws.String(key), VersionId: v1.VersionId})
		Expect(err).To(HaveOccurred())
		snap.Match("remove-object-legal-hold-ver1", hold(v1.VersionId, types.ObjectLockLegalHoldStatusOff))
		snap.Match("head-object-ver1-no-lock", head(v1.VersionId))
		snap.Match("delete-object-ver1", orErr(c.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: aws.String(b), Key: aws.String(key), VersionId: v1.VersionId})))
	})

	It("applies the bucket's default retention", harness.Reference(refRetention+"test_bucket_config_default_retention"), func(ctx SpecContext) {
		snap := harness.Snapshot()
		c := harness.S3()
		lockDivergences(snap)
		b := newLockedBucket(ctx, c)
		snap.Match("put-lock-config", orErr(c.PutObjectLockConfiguration(ctx, &s3.PutObjectLockConfigurationInput{Bucket: aws.String(b),
			ObjectLockConfiguration: &types.ObjectLockConfiguration{ObjectLockEnabled: types.ObjectLockEnabledEnabled,
				Rule: &types.ObjectLockRule{DefaultRetention: &types.DefaultRetention{Mode: types.ObjectLockRetentionModeGovernance, Days: aws.Int32(1)}}}})))
		snap.Match("put-object-default", orErr(c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(b), Key: aws.String("default-lock"), Body: stringsReader("test-default-lock"),
			ContentMD5: aws.String(contentMD5("test-default-lock"))}, noDefaultContentType)))
		snap.Match("head-object-default", orErr(c.HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String(b), Key: aws.String("default-lock")})))
		snap.Divergence("moto", "$", "moto stores an object with a lock mode and no retain-until date; AWS answers InvalidArgument (reference test_bucket_config_default_retention put-object-with-lock-no-date)")
		snap.Match("put-object-with-lock-no-date", orErr(c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(b), Key: aws.String("with-lock"), Body: stringsReader("test-put-object-lock"),
			ObjectLockMode: types.ObjectLockModeGovernance, ChecksumAlgorithm: types.ChecksumAlgorithmCrc32}, noDefaultContentType)))
		snap.Match("put-object-with-lock", orErr(c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(b), Key: aws.String("with-lock"), Body: stringsReader("test-put-object-lock"),
			ObjectLockMode: types.ObjectLockModeGovernance, ObjectLockRetainUntilDate: retainFor(time.Hour), ChecksumAlgorithm: types.ChecksumAlgorithmCrc32}, noDefaultContentType)))
		snap.Match("head-object-with-lock", orErr(c.HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String(b), Key: aws.String("with-lock")})))
	})

	It("does not copy the source's retention", harness.Reference(refRetention+"test_s3_copy_object_retention_lock"), func(ctx SpecContext) {
		snap := harness.Snapshot()
		c := harness.S3()
		lockDivergences(snap)
		snap.SkipVerify("$..ETag", bodyNotInReference)
		snap.SkipVerify("$..ChecksumCRC32", bodyNotInReference)
		b := newLockedBucket(ctx, c)
		snap.Match("put-source-object", orErr(c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(b), Key: aws.String("source-key"), Body: stringsReader("test-copy-object"),
			ObjectLockMode: types.ObjectLockModeGovernance, ObjectLockRetainUntilDate: retainFor(time.Hour), ChecksumAlgorithm: types.ChecksumAlgorithmCrc32}, noDefaultContentType)))
		snap.Match("head-source-object", orErr(c.HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String(b), Key: aws.String("source-key")})))
		snap.Match("copy-lock", orErr(c.CopyObject(ctx, &s3.CopyObjectInput{Bucket: aws.String(b), Key: aws.String("dest-key"), CopySource: aws.String(b + "/source-key")})))
		snap.Match("head-dest-key", orErr(c.HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String(b), Key: aws.String("dest-key")})))
	})

	It("validates lock mode and retain-until date headers", harness.Reference(refRetention+"test_s3_object_lock_mode_validation"), func(ctx SpecContext) {
		snap := harness.Snapshot()
		c := harness.S3()
		b := newLockedBucket(ctx, c)
		snap.Divergence("moto", "$", "moto accepts lock headers AWS rejects: a mode without date, a date without mode, an unknown mode (reference test_s3_object_lock_mode_validation)")
		putLocked := func(mode types.ObjectLockMode, until *time.Time) any {
			return orErr(c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(b), Key: aws.String("locked"), Body: stringsReader("test"),
				ObjectLockMode: mode, ObjectLockRetainUntilDate: until, ChecksumAlgorithm: types.ChecksumAlgorithmCrc32}, noDefaultContentType))
		}
		snap.Match("put-obj-locked-error-no-mode", putLocked("", retainFor(time.Hour)))
		snap.Match("put-obj-locked-error-no-retain-date", putLocked(types.ObjectLockModeGovernance, nil))
		snap.Match("put-obj-locked-bad-value", putLocked("BAD-VALUE", retainFor(time.Hour)))
		snap.Match("create-mpu-locked-bad-value", orErr(c.CreateMultipartUpload(ctx, &s3.CreateMultipartUploadInput{Bucket: aws.String(b), Key: aws.String("locked"),
			ObjectLockMode: "BAD-VALUE", ObjectLockRetainUntilDate: retainFor(time.Hour)})))
	})

	It("protects objects under governance retention", harness.Reference(refRetention+"test_s3_object_retention"), func(ctx SpecContext) {
		snap := harness.Snapshot()
		c := harness.S3()
		lockDivergences(snap)
		b := newLockedBucket(ctx, c)
		key := "test-retention-locked"
		motoErrsOtherwise(snap, "moto lets a governance retention be shortened without the bypass header; AWS answers AccessDenied (reference test_s3_object_retention update-retention-locked-object)")
		snap.Divergence("moto", "$.Retention", "moto answers GetObjectRetention of a version without the retention put on it (reference test_s3_object_retention get-object-retention-on-key-1)")
		v1, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(b), Key: aws.String(key), Body: stringsReader("test"),
			ObjectLockMode: types.ObjectLockModeGovernance, ObjectLockRetainUntilDate: retainFor(time.Hour), ChecksumAlgorithm: types.ChecksumAlgorithmCrc32}, noDefaultContentType)
		Expect(err).NotTo(HaveOccurred())
		snap.Match("put-obj-locked-1", v1)
		snap.Match("head-object-locked", orErr(c.HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String(b), Key: aws.String(key), VersionId: v1.VersionId})))
		del := func(bypass *bool) any {
			return orErr(c.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: aws.String(b), Key: aws.String(key), VersionId: v1.VersionId, BypassGovernanceRetention: bypass}))
		}
		snap.Match("delete-obj-locked", del(nil))
		snap.Match("delete-obj-locked-bypass", del(aws.Bool(true)))

		v2, err := putTagged(ctx, c, b, key, "test", "")
		Expect(err).NotTo(HaveOccurred())
		snap.Match("put-obj-locked-2", v2)
		retention := func(mode types.ObjectLockRetentionMode, until *time.Time, bypass *bool) any {
			r := &types.ObjectLockRetention{Mode: mode, RetainUntilDate: until}
			return orErr(c.PutObjectRetention(ctx, &s3.PutObjectRetentionInput{Bucket: aws.String(b), Key: aws.String(key), VersionId: v2.VersionId,
				Retention: r, BypassGovernanceRetention: bypass}))
		}
		snap.Match("put-object-retention-on-key-1", retention(types.ObjectLockRetentionModeGovernance, retainFor(2*time.Hour), nil))
		snap.Match("get-object-retention-on-key-1", orErr(c.GetObjectRetention(ctx, &s3.GetObjectRetentionInput{Bucket: aws.String(b), Key: aws.String(key), VersionId: v2.VersionId})))
		snap.Match("update-retention-locked-object", retention(types.ObjectLockRetentionModeGovernance, retainFor(time.Hour), nil))
		snap.Match("update-retention-object", retention(types.ObjectLockRetentionModeGovernance, retainFor(time.Hour), aws.Bool(true)))
		snap.Match("put-object-empty-retention", orErr(c.PutObjectRetention(ctx, &s3.PutObjectRetentionInput{Bucket: aws.String(b), Key: aws.String(key), VersionId: v2.VersionId,
			Retention: &types.ObjectLockRetention{}, BypassGovernanceRetention: aws.Bool(true)})))
	})

	It("protects objects under compliance retention until it ends", harness.Reference(refRetention+"test_s3_object_retention_compliance_mode"), func(ctx SpecContext) {
		snap := harness.Snapshot()
		c := harness.S3()
		lockDivergences(snap)
		b := newLockedBucket(ctx, c)
		key := "test-retention-compliance"
		motoErrsOtherwise(snap, "moto lets a compliance retention be shortened or weakened to governance; AWS refuses with AccessDenied (reference test_s3_object_retention_compliance_mode)")
		v1, err := putTagged(ctx, c, b, key, "test", "")
		Expect(err).NotTo(HaveOccurred())
		snap.Match("put-obj-locked-1", v1)
		until := retainFor(6 * time.Second)
		retention := func(mode types.ObjectLockRetentionMode, until *time.Time) any {
			return orErr(c.PutObjectRetention(ctx, &s3.PutObjectRetentionInput{Bucket: aws.String(b), Key: aws.String(key), VersionId: v1.VersionId,
				Retention: &types.ObjectLockRetention{Mode: mode, RetainUntilDate: until}, BypassGovernanceRetention: aws.Bool(true)}))
		}
		snap.Match("add-compliance-retention", retention(types.ObjectLockRetentionModeCompliance, until))
		del := func(bypass *bool) any {
			return orErr(c.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: aws.String(b), Key: aws.String(key), VersionId: v1.VersionId, BypassGovernanceRetention: bypass}))
		}
		snap.Match("delete-locked-1", del(nil))
		snap.Match("delete-locked-2", del(aws.Bool(true)))
		shorter := until.Add(-2 * time.Second)
		snap.Match("update-retention-shortened", retention(types.ObjectLockRetentionModeCompliance, &shorter))
		snap.Match("update-retention-less-restrictive", retention(types.ObjectLockRetentionModeGovernance, until))
		snap.Match("put-delete-marker", orErr(c.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: aws.String(b), Key: aws.String(key)})))
		time.Sleep(time.Until(until.Add(time.Second)))
		snap.Match("delete-obj-after-lock-expiration", del(nil))
	})

	It("validates object retention requests", harness.Reference(refRetention+"test_s3_object_retention_exc"), func(ctx SpecContext) {
		snap := harness.Snapshot()
		c := harness.S3()
		lockDivergences(snap)
		regular := newBucket(ctx, c)
		b := newLockedBucket(ctx, c)
		key := "test-retention"
		motoErrsOtherwise(snap, "moto answers GetObjectRetention on a bucket without object lock, and accepts retention AWS refuses (reference test_s3_object_retention_exc)")
		snap.Divergence("moto", "$.Retention", "moto answers an empty retention where AWS answers an error (reference test_s3_object_retention_exc)")
		putRetention := func(bucket, key string, r *types.ObjectLockRetention, bypass *bool) any {
			return orErr(c.PutObjectRetention(ctx, &s3.PutObjectRetentionInput{Bucket: aws.String(bucket), Key: aws.String(key), Retention: r, BypassGovernanceRetention: bypass}))
		}
		governance := func(until *time.Time) *types.ObjectLockRetention {
			return &types.ObjectLockRetention{Mode: types.ObjectLockRetentionModeGovernance, RetainUntilDate: until}
		}
		put(ctx, c, regular, key, "test")
		snap.Match("put-object-retention-regular-bucket", putRetention(regular, key, governance(retainFor(time.Hour)), nil))
		snap.Match("get-object-retention-regular-bucket", orErr(c.GetObjectRetention(ctx, &s3.GetObjectRetentionInput{Bucket: aws.String(regular), Key: aws.String(key)})))
		snap.Match("put-object-retention-no-key", putRetention(b, "non-existing-key", governance(retainFor(time.Hour)), nil))
		snap.Match("put-object-retention-no-bucket", putRetention(harness.UniqueName("nobkt"), key, governance(retainFor(time.Hour)), nil))
		_, err := putTagged(ctx, c, b, key, "test", "")
		Expect(err).NotTo(HaveOccurred())
		snap.Match("get-object-retention-never-set", orErr(c.GetObjectRetention(ctx, &s3.GetObjectRetentionInput{Bucket: aws.String(b), Key: aws.String(key)})))
		snap.Match("put-object-missing-retention-fields", putRetention(b, key, &types.ObjectLockRetention{Mode: types.ObjectLockRetentionModeGovernance}, nil))
		past := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
		snap.Match("update-retention-past-date", putRetention(b, key, governance(&past), nil))
		_, err = c.PutObjectRetention(ctx, &s3.PutObjectRetentionInput{Bucket: aws.String(b), Key: aws.String(key), Retention: governance(retainFor(2 * time.Hour))})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("update-retention-no-bypass", putRetention(b, key, governance(retainFor(time.Hour)), nil))
		snap.Match("update-retention-bad-value", putRetention(b, key, &types.ObjectLockRetention{Mode: "BAD-VALUE", RetainUntilDate: retainFor(2 * time.Hour)}, aws.Bool(true)))
	})
})

var _ = Describe("S3 object lock configuration", func() {
	It("refuses the bypass header on buckets without object lock", harness.Reference(refAPI+"TestS3ObjectLock::test_delete_object_with_no_locking"), func(ctx SpecContext) {
		snap := harness.Snapshot()
		c := harness.S3()
		b := newBucket(ctx, c)
		snap.Divergence("moto", "$", "moto ignores the bypass header on a bucket without object lock; AWS answers InvalidArgument (reference test_delete_object_with_no_locking)")
		put(ctx, c, b, "test-no-lock", "test")
		snap.Match("delete-object-bypass-no-lock", orErr(c.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: aws.String(b), Key: aws.String("test-no-lock"), BypassGovernanceRetention: aws.Bool(true)})))
		snap.Match("delete-object-bypass-no-lock-false", orErr(c.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: aws.String(b), Key: aws.String("test-no-lock"), BypassGovernanceRetention: aws.Bool(false)})))
		snap.Match("delete-objects-bypass-no-lock", orErr(c.DeleteObjects(ctx, &s3.DeleteObjectsInput{Bucket: aws.String(b), BypassGovernanceRetention: aws.Bool(true),
			Delete: &types.Delete{Objects: []types.ObjectIdentifier{{Key: aws.String("test-no-lock")}}}})))
	})

	It("keeps versioning enabled on a locked bucket", harness.Reference(refAPI+"TestS3ObjectLock::test_disable_versioning_on_locked_bucket"), func(ctx SpecContext) {
		snap := harness.Snapshot()
		c := harness.S3()
		b := newLockedBucket(ctx, c)
		snap.Divergence("moto", "$", "moto suspends versioning on a locked bucket; AWS answers 409 InvalidBucketState (reference test_disable_versioning_on_locked_bucket)")
		versioning := func(status types.BucketVersioningStatus) any {
			return orErr(c.PutBucketVersioning(ctx, &s3.PutBucketVersioningInput{Bucket: aws.String(b), VersioningConfiguration: &types.VersioningConfiguration{Status: status}}))
		}
		snap.Match("disable-versioning-on-locked-bucket", versioning(types.BucketVersioningStatusSuspended))
		snap.Match("enable-versioning-again-on-locked-bucket", versioning(types.BucketVersioningStatusEnabled))
	})

	It("answers errors for a missing lock configuration", harness.Reference(refAPI+"TestS3ObjectLock::test_get_object_lock_configuration_exc"), func(ctx SpecContext) {
		snap := harness.Snapshot()
		c := harness.S3()
		b := newBucket(ctx, c)
		snap.Divergence("moto", "$.Error.BucketName", "AWS names the bucket in ObjectLockConfigurationNotFoundError (reference test_get_object_lock_configuration_exc); moto does not")
		snap.Match("get-lock-config-no-enabled", orErr(c.GetObjectLockConfiguration(ctx, &s3.GetObjectLockConfigurationInput{Bucket: aws.String(b)})))
		snap.Match("get-lock-config-bucket-not-exists", orErr(c.GetObjectLockConfiguration(ctx, &s3.GetObjectLockConfigurationInput{Bucket: aws.String(harness.UniqueName("nobkt"))})))
	})

	It("stores a default retention rule", harness.Reference(refAPI+"TestS3ObjectLock::test_get_put_object_lock_configuration"), func(ctx SpecContext) {
		snap := harness.Snapshot()
		c := harness.S3()
		b := newLockedBucket(ctx, c)
		get := func() any {
			return orErr(c.GetObjectLockConfiguration(ctx, &s3.GetObjectLockConfigurationInput{Bucket: aws.String(b)}))
		}
		putCfg := func(cfg *types.ObjectLockConfiguration) any {
			return orErr(c.PutObjectLockConfiguration(ctx, &s3.PutObjectLockConfigurationInput{Bucket: aws.String(b), ObjectLockConfiguration: cfg}))
		}
		snap.Divergence("moto", "$..DefaultRetention.Years", "moto reports Years 0 beside Days; AWS reports only the period set (reference test_get_put_object_lock_configuration)")
		snap.Match("get-lock-config-start", get())
		snap.Match("put-lock-config", putCfg(&types.ObjectLockConfiguration{ObjectLockEnabled: types.ObjectLockEnabledEnabled,
			Rule: &types.ObjectLockRule{DefaultRetention: &types.DefaultRetention{Mode: types.ObjectLockRetentionModeGovernance, Days: aws.Int32(1)}}}))
		snap.Match("get-lock-config", get())
		snap.Match("put-lock-config-enabled", putCfg(&types.ObjectLockConfiguration{ObjectLockEnabled: types.ObjectLockEnabledEnabled}))
		snap.Match("get-lock-config-only-enabled", get())
	})

	It("validates lock configurations", harness.Reference(refAPI+"TestS3ObjectLock::test_put_object_lock_configuration_exc"), func(ctx SpecContext) {
		snap := harness.Snapshot()
		c := harness.S3()
		b := newLockedBucket(ctx, c)
		putCfg := func(cfg *types.ObjectLockConfiguration) any {
			return orErr(c.PutObjectLockConfiguration(ctx, &s3.PutObjectLockConfigurationInput{Bucket: aws.String(b), ObjectLockConfiguration: cfg}))
		}
		snap.Divergence("moto", "$", "moto accepts lock configurations AWS rejects as MalformedXML (reference test_put_object_lock_configuration_exc)")
		enabled := types.ObjectLockEnabledEnabled
		retention := func(r *types.DefaultRetention) *types.ObjectLockConfiguration {
			return &types.ObjectLockConfiguration{ObjectLockEnabled: enabled, Rule: &types.ObjectLockRule{DefaultRetention: r}}
		}
		snap.Match("put-lock-config-empty", putCfg(&types.ObjectLockConfiguration{}))
		snap.Match("put-lock-config-no-enabled", putCfg(&types.ObjectLockConfiguration{Rule: &types.ObjectLockRule{DefaultRetention: &types.DefaultRetention{Mode: types.ObjectLockRetentionModeGovernance, Days: aws.Int32(1)}}}))
		snap.Match("put-lock-config-empty-rule", putCfg(&types.ObjectLockConfiguration{ObjectLockEnabled: enabled, Rule: &types.ObjectLockRule{}}))
		snap.Match("put-lock-config-empty-retention", putCfg(retention(&types.DefaultRetention{})))
		snap.Match("put-lock-config-no-days", putCfg(retention(&types.DefaultRetention{Mode: types.ObjectLockRetentionModeGovernance})))
		snap.Match("put-lock-config-both-days-years", putCfg(retention(&types.DefaultRetention{Mode: types.ObjectLockRetentionModeGovernance, Days: aws.Int32(1), Years: aws.Int32(1)})))
		snap.Match("put-lock-config-bad-mode", putCfg(retention(&types.DefaultRetention{Mode: "BAD-MODE", Days: aws.Int32(1)})))
	})
})
