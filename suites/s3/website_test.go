package s3_test

import (
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
	. "github.com/onsi/ginkgo/v2"

	"github.com/parity-harness/parity/harness"
)

const refWebsite = "tests/aws/services/s3/test_s3.py::TestS3StaticWebsiteHosting::"

var _ = Describe("S3 website configuration", func() {
	It("stores, returns and deletes a website configuration", harness.Reference(refWebsite+"test_crud_website_configuration"), func(ctx SpecContext) {
		snap := harness.Snapshot()
		c := harness.S3()
		b := newBucket(ctx, c)
		snap.Divergence("moto", "$.Error.BucketName", "AWS names the bucket in NoSuchWebsiteConfiguration (reference test_crud_website_configuration); moto does not")
		get := func() any { return orErr(c.GetBucketWebsite(ctx, &s3.GetBucketWebsiteInput{Bucket: aws.String(b)})) }
		snap.Match("get-no-such-website-config", get())
		snap.Match("del-no-such-website-config", orErr(c.DeleteBucketWebsite(ctx, &s3.DeleteBucketWebsiteInput{Bucket: aws.String(b)})))
		snap.Match("put-website-config", orErr(c.PutBucketWebsite(ctx, &s3.PutBucketWebsiteInput{Bucket: aws.String(b),
			WebsiteConfiguration: &types.WebsiteConfiguration{IndexDocument: &types.IndexDocument{Suffix: aws.String("index.html")}}})))
		snap.Match("get-website-config", get())
	})

	It("validates website configurations", harness.Reference(refWebsite+"test_validate_website_configuration"), func(ctx SpecContext) {
		snap := harness.Snapshot()
		c := harness.S3()
		b := newBucket(ctx, c)
		motoErrsOtherwise(snap, "moto accepts website configurations AWS rejects (reference test_validate_website_configuration)")
		index := func(suffix string) *types.IndexDocument { return &types.IndexDocument{Suffix: aws.String(suffix)} }
		for i, cfg := range []*types.WebsiteConfiguration{
			{IndexDocument: index("/index.html")},
			{IndexDocument: index("")},
			{RedirectAllRequestsTo: &types.RedirectAllRequestsTo{HostName: aws.String("test")}, IndexDocument: index("/index.html")},
			{ErrorDocument: &types.ErrorDocument{Key: aws.String("/index.html")}},
			{RedirectAllRequestsTo: &types.RedirectAllRequestsTo{HostName: aws.String("test"), Protocol: "protocol"}},
			{IndexDocument: index("index.html"), RoutingRules: []types.RoutingRule{{Condition: &types.Condition{KeyPrefixEquals: aws.String("prefix")},
				Redirect: &types.Redirect{ReplaceKeyPrefixWith: aws.String("test"), ReplaceKeyWith: aws.String("test")}}}},
			{IndexDocument: index("index.html"), RoutingRules: []types.RoutingRule{{Condition: &types.Condition{}, Redirect: &types.Redirect{ReplaceKeyPrefixWith: aws.String("test")}}}},
			{IndexDocument: index("index.html"), RoutingRules: []types.RoutingRule{}},
		} {
			snap.Match("invalid-website-conf-"+string(rune('0'+i)), orErr(c.PutBucketWebsite(ctx, &s3.PutBucketWebsiteInput{Bucket: aws.String(b), WebsiteConfiguration: cfg})))
		}
	})
})
