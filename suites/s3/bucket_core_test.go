package s3_test

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	awsmiddleware "github.com/aws/aws-sdk-go-v2/aws/middleware"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	smithyhttp "github.com/aws/smithy-go/transport/http"
	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/parity-harness/parity/harness"
)

// s3In returns an S3 client of the current target whose requests are signed
// for region (a regional endpoint, as boto3 clients of that region use).
func s3In(region string) *s3.Client {
	cfg := harness.AWSConfig()
	return s3.NewFromConfig(cfg, func(o *s3.Options) {
		o.BaseEndpoint = cfg.BaseEndpoint
		o.UsePathStyle = harness.TargetKind() != "aws"
		o.Region = region
	})
}

// bucketIn creates a bucket from a client of region (with that region as
// location constraint outside us-east-1) and deletes it after the spec.
func bucketIn(ctx context.Context, region string) (string, *s3.Client) {
	c := s3In(region)
	name := harness.UniqueName("bkt")
	in := &s3.CreateBucketInput{Bucket: aws.String(name)}
	if region != "us-east-1" {
		in.CreateBucketConfiguration = &types.CreateBucketConfiguration{LocationConstraint: types.BucketLocationConstraint(region)}
	}
	_, err := c.CreateBucket(ctx, in)
	Expect(err).NotTo(HaveOccurred())
	harness.Cleanup(func(ctx context.Context) { emptyAndDelete(ctx, c, name) })
	return name, c
}

// bucketLocation renders GetBucketLocation's answer as boto3 does: an empty
// LocationConstraint element (a us-east-1 bucket) is None, which the Go SDK
// cannot tell from an absent one.
func bucketLocation(out *s3.GetBucketLocationOutput, err error) any {
	Expect(err).NotTo(HaveOccurred())
	status := 0
	if raw, ok := awsmiddleware.GetRawResponse(out.ResultMetadata).(*smithyhttp.Response); ok {
		status = raw.StatusCode
	}
	var constraint any
	if out.LocationConstraint != "" {
		constraint = string(out.LocationConstraint)
	}
	return map[string]any{"LocationConstraint": constraint, "ResponseMetadata": map[string]any{"HTTPHeaders": map[string]any{}, "HTTPStatusCode": status}}
}

// bucketLocationError renders a GetBucketLocation error as boto3 does: its
// GetBucketLocation parser adds LocationConstraint None to every answer.
func bucketLocationError(err error) any {
	Expect(err).To(HaveOccurred())
	doc, nerr := harness.Normalize(err)
	Expect(nerr).NotTo(HaveOccurred())
	doc["LocationConstraint"] = nil
	return doc
}

// callerAccount is the account id of the target's credentials.
func callerAccount(ctx context.Context) string {
	out, err := harness.STS().GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
	Expect(err).NotTo(HaveOccurred())
	return aws.ToString(out.Account)
}

// publicReadPolicy grants everyone s3:GetObject on the bucket's objects.
func publicReadPolicy(bucket string) string {
	return `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::` + bucket + `/*"}]}`
}

// allowPublicPolicies lifts the public access block AWS puts on new buckets,
// so that a public policy can be stored (moto has no such block).
func allowPublicPolicies(ctx context.Context, c *s3.Client, bucket string) {
	if harness.TargetKind() == "moto" {
		return
	}
	_, err := c.DeletePublicAccessBlock(ctx, &s3.DeletePublicAccessBlockInput{Bucket: aws.String(bucket)})
	Expect(err).NotTo(HaveOccurred())
}

var _ = Describe("S3 bucket creation and policies", func() {
	It("rejects the location constraint us-east-1 from us-east-1", harness.Reference(refS3+"test_create_bucket_with_invalid_location_constraint[us-east-1-us-east-1]"), func(ctx SpecContext) {
		snap := harness.Snapshot()
		_, err := s3In("us-east-1").CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String(harness.UniqueName("bkt")),
			CreateBucketConfiguration: &types.CreateBucketConfiguration{LocationConstraint: "us-east-1"}})
		snap.Divergence("moto", "$.Error.LocationConstraint", "AWS names the rejected constraint (reference test_create_bucket_with_invalid_location_constraint); moto does not")
		snap.Match("us-east-1-location-constraint-us-east-1-error", err)
	})

	It("creates a bucket in us-east-1 without a constraint", harness.Reference(refS3+"test_create_bucket_aws_global"), func(ctx SpecContext) {
		snap := harness.Snapshot()
		c := s3In("us-east-1")
		name := harness.UniqueName("bkt")
		out, err := c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String(name)})
		Expect(err).NotTo(HaveOccurred())
		harness.Cleanup(func(ctx context.Context) { emptyAndDelete(ctx, c, name) })
		snap.Divergence("moto", "$.BucketArn", "AWS answers the bucket ARN (x-amz-bucket-arn, reference create-bucket-global); moto omits it")
		snap.Match("create-bucket-global", out)
		snap.Match("get-location-1", bucketLocation(c.GetBucketLocation(ctx, &s3.GetBucketLocationInput{Bucket: aws.String(name)})))
		head, err := c.HeadBucket(ctx, &s3.HeadBucketInput{Bucket: aws.String(name)})
		Expect(err).NotTo(HaveOccurred())
		snap.Divergence("moto", "$.AccessPointAlias", "AWS answers x-amz-access-point-alias: false (reference head-bucket-global); moto omits it")
		snap.Divergence("moto", "$.BucketArn", "AWS answers the bucket ARN (reference head-bucket-global); moto omits it")
		snap.Match("head-bucket-global", head)
		list, err := c.ListBuckets(ctx, &s3.ListBucketsInput{Prefix: aws.String(name)})
		Expect(err).NotTo(HaveOccurred())
		snap.Divergence("moto", "$.Buckets[0].BucketArn", "AWS lists each bucket's ARN (reference list-buckets); moto omits it")
		snap.Divergence("moto", "$.Buckets[0].BucketRegion", "AWS lists each bucket's region (reference list-buckets); moto omits it")
		snap.Divergence("moto", "$.Prefix", "AWS echoes the Prefix filter (reference list-buckets); moto omits it")
		snap.Divergence("moto", "$.Owner.DisplayName", "AWS no longer returns owner display names (reference list-buckets); moto does")
		snap.Match("list-buckets", list)
	})

	It("creates a bucket with the EU location constraint", harness.Reference(refS3+"test_create_bucket_with_eu_location_constraint"), func(ctx SpecContext) {
		snap := harness.Snapshot()
		c := s3In("us-east-1")
		name := harness.UniqueName("bkt")
		_, err := c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String(name), CreateBucketConfiguration: &types.CreateBucketConfiguration{LocationConstraint: types.BucketLocationConstraintEu}})
		Expect(err).NotTo(HaveOccurred())
		harness.Cleanup(func(ctx context.Context) { emptyAndDelete(ctx, s3In("eu-west-1"), name) })
		loc, err := c.GetBucketLocation(ctx, &s3.GetBucketLocationInput{Bucket: aws.String(name)})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("get-bucket-location", loc)
		list, err := c.ListBuckets(ctx, &s3.ListBucketsInput{Prefix: aws.String(name)})
		Expect(err).NotTo(HaveOccurred())
		snap.Divergence("moto", "$.Buckets[0].BucketArn", "AWS lists each bucket's ARN (reference list-bucket-response); moto omits it")
		snap.Divergence("moto", "$.Buckets[0].BucketRegion", "AWS lists each bucket's region (reference list-bucket-response); moto omits it")
		snap.Divergence("moto", "$.Prefix", "AWS echoes the Prefix filter (reference list-bucket-response); moto omits it")
		snap.Divergence("moto", "$.Owner.DisplayName", "AWS no longer returns owner display names; moto does")
		snap.Match("list-bucket-response", list)
	})

	It("answers BucketAlreadyOwnedByYou to its owner outside us-east-1", harness.Reference(refS3+"test_create_bucket_with_existing_name"), func(ctx SpecContext) {
		snap := harness.Snapshot()
		c := s3In("us-east-1")
		name := harness.UniqueName("bkt")
		_, err := c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String(name), CreateBucketConfiguration: &types.CreateBucketConfiguration{LocationConstraint: "us-west-1"}})
		Expect(err).NotTo(HaveOccurred())
		harness.Cleanup(func(ctx context.Context) { emptyAndDelete(ctx, s3In("us-west-1"), name) })
		for _, constraint := range []string{"us-east-2", "us-west-1"} {
			_, err := c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String(name), CreateBucketConfiguration: &types.CreateBucketConfiguration{LocationConstraint: types.BucketLocationConstraint(constraint)}})
			snap.Match("create-bucket-"+constraint, err)
		}
	})

	It("checks location constraints against the endpoint's region", harness.Reference(refS3+"test_different_location_constraint"), func(ctx SpecContext) {
		snap := harness.Snapshot()
		east1, east2, west1 := s3In("us-east-1"), s3In("us-east-2"), s3In("us-west-1")
		b1, _ := bucketIn(ctx, "us-east-1")
		snap.Match("get-bucket-location-bucket-us-east-1", bucketLocation(east1.GetBucketLocation(ctx, &s3.GetBucketLocationInput{Bucket: aws.String(b1)})))

		_, err := east2.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String(harness.UniqueName("bkt"))})
		snap.Match("create-bucket-constraint-us-east-2-with-None", err)
		b2, _ := bucketIn(ctx, "us-east-2")
		snap.Match("get-bucket-location-bucket-us-east-2", bucketLocation(east2.GetBucketLocation(ctx, &s3.GetBucketLocationInput{Bucket: aws.String(b2)})))

		_, err = east1.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String(harness.UniqueName("bkt")),
			CreateBucketConfiguration: &types.CreateBucketConfiguration{LocationConstraint: "us-east-1"}})
		snap.Divergence("moto", "$.Error.LocationConstraint", "AWS names the rejected constraint (reference create-bucket-constraint-us-east-1); moto does not")
		snap.Match("create-bucket-constraint-us-east-1", err)
		b3 := harness.UniqueName("bkt")
		out, err := east1.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String(b3)})
		Expect(err).NotTo(HaveOccurred())
		harness.Cleanup(func(ctx context.Context) { emptyAndDelete(ctx, east1, b3) })
		snap.Divergence("moto", "$.BucketArn", "AWS answers the bucket ARN (reference create-bucket-constraint-us-east-1-with-None); moto omits it")
		snap.Match("create-bucket-constraint-us-east-1-with-None", out)

		_, err = east1.GetBucketLocation(ctx, &s3.GetBucketLocationInput{Bucket: aws.String(harness.UniqueName("nobkt"))})
		snap.Match("get-bucket-location-non-existent-bucket", bucketLocationError(err))

		for _, t := range []struct {
			key        string
			client     *s3.Client
			constraint string
		}{
			{"create-bucket-us-west-1-constraint-to-us-east-1", west1, "us-east-1"},
			{"create-bucket-us-west-1-constraint-to-us-east-2", west1, "us-east-2"},
			{"create-bucket-us-east-2-constraint-to-us-west-1", east2, "us-west-1"},
			{"create-bucket-us-east-2-no-constraint-exc", east2, ""},
		} {
			in := &s3.CreateBucketInput{Bucket: aws.String(harness.UniqueName("bkt"))}
			if t.constraint != "" {
				in.CreateBucketConfiguration = &types.CreateBucketConfiguration{LocationConstraint: types.BucketLocationConstraint(t.constraint)}
			}
			_, err := t.client.CreateBucket(ctx, in)
			snap.Match(t.key, err)
		}
	})

	It("configures a bucket from a client of another region", harness.Reference(refS3+"test_bucket_operation_between_regions"), func(ctx SpecContext) {
		snap := harness.Snapshot()
		b, c1 := bucketIn(ctx, "us-west-2")
		c2 := s3In("us-east-2")
		out, err := c1.PutBucketCors(ctx, &s3.PutBucketCorsInput{Bucket: aws.String(b), CORSConfiguration: &types.CORSConfiguration{
			CORSRules: []types.CORSRule{{AllowedMethods: []string{"GET"}, AllowedOrigins: []string{"*"}}}}})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("put-cors-config-region-1", out)
		web, err := c1.PutBucketWebsite(ctx, &s3.PutBucketWebsiteInput{Bucket: aws.String(b), WebsiteConfiguration: &types.WebsiteConfiguration{
			IndexDocument: &types.IndexDocument{Suffix: aws.String("index.html")}}})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("put-website-config-region-1", web)
		cors, err := c2.GetBucketCors(ctx, &s3.GetBucketCorsInput{Bucket: aws.String(b)})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("get-cors-config-region-2", cors)
		gw, err := c2.GetBucketWebsite(ctx, &s3.GetBucketWebsiteInput{Bucket: aws.String(b)})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("get-website-config-region-2", gw)
	})

	It("answers NoSuchBucket to GetBucketNotificationConfiguration", harness.Reference(refS3+"test_get_bucket_notification_configuration_no_such_bucket"), func(ctx SpecContext) {
		snap := harness.Snapshot()
		_, err := harness.S3().GetBucketNotificationConfiguration(ctx, &s3.GetBucketNotificationConfigurationInput{Bucket: aws.String(harness.UniqueName("nobkt"))})
		snap.Match("expected_error", err)
	})

	It("stores a bucket policy", harness.Reference(refS3+"test_put_bucket_policy"), func(ctx SpecContext) {
		snap := harness.Snapshot()
		c := harness.S3()
		b := newBucket(ctx, c)
		allowPublicPolicies(ctx, c, b)
		out, err := c.PutBucketPolicy(ctx, &s3.PutBucketPolicyInput{Bucket: aws.String(b), Policy: aws.String(publicReadPolicy(b))})
		Expect(err).NotTo(HaveOccurred())
		snap.Divergence("moto", "$.ResponseMetadata.HTTPStatusCode", "AWS answers PutBucketPolicy 204 No Content (reference put-bucket-policy); moto 200")
		snap.Match("put-bucket-policy", out)
		got, err := c.GetBucketPolicy(ctx, &s3.GetBucketPolicyInput{Bucket: aws.String(b)})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("get-bucket-policy", got)
	})

})

// moto 5.2.1 accepts any location constraint and ignores
// x-amz-expected-bucket-owner: these specs are recorded against the emulator
// and held to the AWS reference recordings they declare.
var _ = Describe("S3 bucket checks moto lacks", Label("emulator-recorded"), func() {
	It("rejects the aws-global location constraint", harness.Reference(refS3+"test_bucket_constraint_aws_global[us-east-1]"), func(ctx SpecContext) {
		snap := harness.Snapshot()
		_, err := s3In("us-east-1").CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String(harness.UniqueName("bkt")),
			CreateBucketConfiguration: &types.CreateBucketConfiguration{LocationConstraint: "aws-global"}})
		snap.Divergence("moto", "$.Error.LocationConstraint", "AWS names the rejected constraint (reference test_bucket_constraint_aws_global); moto does not")
		snap.Match("aws-global-constraint", err)
	})

	for _, constraint := range []string{"foo"} {
		It("rejects the location constraint "+constraint+" from us-east-1", harness.Reference(refS3+"test_create_bucket_with_invalid_location_constraint[us-east-1-"+constraint+"]"), func(ctx SpecContext) {
			snap := harness.Snapshot()
			_, err := s3In("us-east-1").CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String(harness.UniqueName("bkt")),
				CreateBucketConfiguration: &types.CreateBucketConfiguration{LocationConstraint: types.BucketLocationConstraint(constraint)}})
			snap.Divergence("moto", "$.Error.LocationConstraint", "AWS names the rejected constraint (reference test_create_bucket_with_invalid_location_constraint); moto does not")
			snap.Match("us-east-1-location-constraint-"+constraint+"-error", err)
		})
	}

	It("returns a bucket policy to its expected owner only", harness.Reference(refS3+"test_get_bucket_policy"), func(ctx SpecContext) {
		snap := harness.Snapshot()
		c := harness.S3()
		b := newBucket(ctx, c)
		account := callerAccount(ctx)
		_, err := c.GetBucketPolicy(ctx, &s3.GetBucketPolicyInput{Bucket: aws.String(b)})
		snap.Match("get-bucket-policy-no-such-bucket-policy", err)
		allowPublicPolicies(ctx, c, b)
		_, err = c.PutBucketPolicy(ctx, &s3.PutBucketPolicyInput{Bucket: aws.String(b), Policy: aws.String(publicReadPolicy(b))})
		Expect(err).NotTo(HaveOccurred())
		got, err := c.GetBucketPolicy(ctx, &s3.GetBucketPolicyInput{Bucket: aws.String(b)})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("get-bucket-policy", got)
		got, err = c.GetBucketPolicy(ctx, &s3.GetBucketPolicyInput{Bucket: aws.String(b), ExpectedBucketOwner: aws.String(account)})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("get-bucket-policy-with-expected-bucket-owner", got)
		_, err = c.GetBucketPolicy(ctx, &s3.GetBucketPolicyInput{Bucket: aws.String(b), ExpectedBucketOwner: aws.String(otherAccount(account))})
		snap.Match("get-bucket-policy-with-expected-bucket-owner-error", err)
	})

	It("stores a bucket policy for its expected owner only", harness.Reference(refS3+"test_put_bucket_policy_expected_bucket_owner"), func(ctx SpecContext) {
		snap := harness.Snapshot()
		c := harness.S3()
		b := newBucket(ctx, c)
		account := callerAccount(ctx)
		allowPublicPolicies(ctx, c, b)
		out, err := c.PutBucketPolicy(ctx, &s3.PutBucketPolicyInput{Bucket: aws.String(b), Policy: aws.String(publicReadPolicy(b)), ExpectedBucketOwner: aws.String(account)})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("put-bucket-policy-with-expected-bucket-owner", out)
		_, err = c.PutBucketPolicy(ctx, &s3.PutBucketPolicyInput{Bucket: aws.String(b), Policy: aws.String(publicReadPolicy(b)), ExpectedBucketOwner: aws.String(otherAccount(account))})
		snap.Match("put-bucket-policy-with-expected-bucket-owner-error", err)
	})

	It("deletes a bucket policy for its expected owner only", harness.Reference(refS3+"test_delete_bucket_policy_expected_bucket_owner"), func(ctx SpecContext) {
		snap := harness.Snapshot()
		c := harness.S3()
		b := newBucket(ctx, c)
		account := callerAccount(ctx)
		allowPublicPolicies(ctx, c, b)
		_, err := c.PutBucketPolicy(ctx, &s3.PutBucketPolicyInput{Bucket: aws.String(b), Policy: aws.String(publicReadPolicy(b))})
		Expect(err).NotTo(HaveOccurred())
		_, err = c.DeleteBucketPolicy(ctx, &s3.DeleteBucketPolicyInput{Bucket: aws.String(b), ExpectedBucketOwner: aws.String(otherAccount(account))})
		snap.Match("delete-bucket-policy-with-expected-bucket-owner-error", err)
		_, err = c.DeleteBucketPolicy(ctx, &s3.DeleteBucketPolicyInput{Bucket: aws.String(b), ExpectedBucketOwner: aws.String("invalid")})
		snap.Match("delete-bucket-policy-invalid-bucket-owner", err)
		out, err := c.DeleteBucketPolicy(ctx, &s3.DeleteBucketPolicyInput{Bucket: aws.String(b), ExpectedBucketOwner: aws.String(account)})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("delete-bucket-policy-with-expected-bucket-owner", out)
	})

	for _, id := range []string{"0000000000020", "0000", "aa000000000$"} {
		It("rejects the expected bucket owner "+id+" of GetBucketPolicy", harness.Reference(refS3+"test_get_bucket_policy_invalid_account_id["+id+"]"), func(ctx SpecContext) {
			snap := harness.Snapshot()
			c := harness.S3()
			b := newBucket(ctx, c)
			_, err := c.GetBucketPolicy(ctx, &s3.GetBucketPolicyInput{Bucket: aws.String(b), ExpectedBucketOwner: aws.String(id)})
			snap.Match("get-bucket-policy-invalid-bucket-owner", err)
		})
	}

	for _, id := range []string{"0000000000020", "aa000000000$", "abcd"} {
		It("rejects the expected bucket owner "+id+" of PutBucketPolicy", harness.Reference(refS3+"test_put_bucket_policy_invalid_account_id["+id+"]"), func(ctx SpecContext) {
			snap := harness.Snapshot()
			c := harness.S3()
			b := newBucket(ctx, c)
			_, err := c.PutBucketPolicy(ctx, &s3.PutBucketPolicyInput{Bucket: aws.String(b), Policy: aws.String(publicReadPolicy(b)), ExpectedBucketOwner: aws.String(id)})
			snap.Match("put-bucket-policy-invalid-bucket-owner", err)
		})
	}
})

// otherAccount is a well-formed account id that is not account.
func otherAccount(account string) string {
	if account == "000000000000" {
		return "111111111112"
	}
	return "000000000000"
}
