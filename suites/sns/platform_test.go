package sns_test

import (
	"context"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sns"
	"github.com/aws/aws-sdk-go-v2/service/sns/types"
	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/parity-harness/parity/harness"
)

// platformCredentials are the credentials of an ADM platform application;
// nothing is sent, so any value is accepted.
var platformCredentials = map[string]string{"PlatformPrincipal": "123", "PlatformCredential": "123"}

func createPlatformApplication(ctx context.Context) string {
	c := harness.SNS()
	out, err := c.CreatePlatformApplication(ctx, &sns.CreatePlatformApplicationInput{Name: aws.String(harness.UniqueName("app")), Platform: aws.String("ADM"), Attributes: platformCredentials})
	Expect(err).NotTo(HaveOccurred())
	harness.Cleanup(func(ctx context.Context) {
		_, _ = c.DeletePlatformApplication(ctx, &sns.DeletePlatformApplicationInput{PlatformApplicationArn: out.PlatformApplicationArn})
	})
	return aws.ToString(out.PlatformApplicationArn)
}

func createEndpoint(ctx context.Context, app string, in *sns.CreatePlatformEndpointInput) string {
	c := harness.SNS()
	in.PlatformApplicationArn = aws.String(app)
	out, err := c.CreatePlatformEndpoint(ctx, in)
	Expect(err).NotTo(HaveOccurred())
	harness.Cleanup(func(ctx context.Context) {
		_, _ = c.DeleteEndpoint(ctx, &sns.DeleteEndpointInput{EndpointArn: out.EndpointArn})
	})
	return aws.ToString(out.EndpointArn)
}

// missingApp is the ARN of a platform application that does not exist.
func missingApp(ctx context.Context) string {
	return strings.Replace(createPlatformApplication(ctx), "/ADM/", "/ADM/missing-", 1)
}

// platformSnapshot is the snapshot session of the mobile-push specs.
func platformSnapshot() *harness.Session {
	return snapshot().
		Divergence("moto", "$..Attributes.PlatformCredential", "moto returns an application's credentials; AWS never does (reference test_list_platform_applications)").
		Divergence("moto", "$..Attributes.PlatformPrincipal", "moto returns an application's credentials; AWS never does (reference test_list_platform_applications)").
		Divergence("moto", "$.PlatformApplications[*].Attributes.Enabled", "moto does not report an application's Enabled attribute; AWS does (reference test_list_platform_applications)").
		Divergence("moto", "$.Attributes.Enabled", "moto does not report an application's Enabled attribute; AWS does (reference test_set_platform_application_attributes)")
}

const malformedARNReason = "moto answers NotFound for a malformed application ARN; AWS validates the ARN first (reference)"

var _ = Describe("SNS platform applications", func() {
	It("creates a platform application", harness.Reference(ref+"TestSNSPlatformApplicationCrud::test_create_platform_application"), func(ctx SpecContext) {
		snap := platformSnapshot()
		c := harness.SNS()
		out, err := c.CreatePlatformApplication(ctx, &sns.CreatePlatformApplicationInput{Name: aws.String(harness.UniqueName("app")), Platform: aws.String("ADM"), Attributes: platformCredentials})
		Expect(err).NotTo(HaveOccurred())
		harness.Cleanup(func(ctx context.Context) {
			_, _ = c.DeletePlatformApplication(ctx, &sns.DeletePlatformApplicationInput{PlatformApplicationArn: out.PlatformApplicationArn})
		})
		snap.Match("create-platform-application", out)
	})

	for _, tc := range []struct{ id, key string }{{"no-args", ""}, {"missing-credential", "PlatformPrincipal"}} {
		It("rejects invalid application attributes: "+tc.id, harness.Reference(ref+"TestSNSPlatformApplicationCrud::test_create_platform_application_invalid_attributes["+tc.id+"]"), func(ctx SpecContext) {
			snap := platformSnapshot()
			attrs := map[string]string{}
			if tc.key != "" {
				attrs[tc.key] = "123"
			}
			_, err := harness.SNS().CreatePlatformApplication(ctx, &sns.CreatePlatformApplicationInput{Name: aws.String(harness.UniqueName("app")), Platform: aws.String("ADM"), Attributes: attrs})
			snap.Match("platform-application-no-attributes", err)
		})
	}

	for _, tc := range []struct{ id, name string }{{"invalid-char", "platform-test-#"}, {"too-long", strings.Repeat("a", 257)}} {
		It("rejects an invalid application name: "+tc.id, harness.Reference(ref+"TestSNSPlatformApplicationCrud::test_create_platform_application_invalid_name["+tc.id+"]"), func(ctx SpecContext) {
			snap := platformSnapshot()
			_, err := harness.SNS().CreatePlatformApplication(ctx, &sns.CreatePlatformApplicationInput{Name: aws.String(tc.name), Platform: aws.String("ADM"), Attributes: platformCredentials})
			snap.Match("invalid-application-name", err)
		})
	}

	It("rejects an unknown platform", harness.Reference(ref+"TestSNSPlatformApplicationCrud::test_create_platform_application_invalid_platform"), func(ctx SpecContext) {
		snap := platformSnapshot()
		_, err := harness.SNS().CreatePlatformApplication(ctx, &sns.CreatePlatformApplicationInput{Name: aws.String(harness.UniqueName("app")), Platform: aws.String("AAA"), Attributes: platformCredentials})
		snap.Match("invalid-platform", err)
	})

	It("rejects a malformed application ARN on read", harness.Reference(ref+"TestSNSPlatformApplicationCrud::test_get_platform_application_attributes_invalid_arn"), func(ctx SpecContext) {
		snap := platformSnapshot().Divergence("moto", "$.Error.Code", malformedARNReason).Divergence("moto", "$.ResponseMetadata.HTTPStatusCode", malformedARNReason)
		_, err := harness.SNS().GetPlatformApplicationAttributes(ctx, &sns.GetPlatformApplicationAttributesInput{PlatformApplicationArn: aws.String("invalid-arn")})
		snap.Match("invalid-application-arn", err)
	})

	It("reports a missing application on read", harness.Reference(ref+"TestSNSPlatformApplicationCrud::test_get_platform_application_attributes_non_existing_app"), func(ctx SpecContext) {
		snap := platformSnapshot()
		_, err := harness.SNS().GetPlatformApplicationAttributes(ctx, &sns.GetPlatformApplicationAttributesInput{PlatformApplicationArn: aws.String(missingApp(ctx))})
		snap.Match("non_existing-application-arn", err)
	})

	It("lists platform applications without their credentials", harness.Reference(ref+"TestSNSPlatformApplicationCrud::test_list_platform_applications"), func(ctx SpecContext) {
		snap := platformSnapshot()
		app := createPlatformApplication(ctx)
		out, err := harness.SNS().ListPlatformApplications(ctx, &sns.ListPlatformApplicationsInput{})
		Expect(err).NotTo(HaveOccurred())
		// other specs' applications live in the same region: keep this one
		var mine []types.PlatformApplication
		for _, a := range out.PlatformApplications {
			if aws.ToString(a.PlatformApplicationArn) == app {
				mine = append(mine, a)
			}
		}
		out.PlatformApplications, out.NextToken = mine, nil
		snap.Match("list-platform-applications", out)
	})

	It("sets application attributes", harness.Reference(ref+"TestSNSPlatformApplicationCrud::test_set_platform_application_attributes"), func(ctx SpecContext) {
		snap := platformSnapshot()
		c := harness.SNS()
		app := createPlatformApplication(ctx)
		_, err := c.SetPlatformApplicationAttributes(ctx, &sns.SetPlatformApplicationAttributesInput{PlatformApplicationArn: aws.String(app),
			Attributes: map[string]string{"PlatformPrincipal": "456", "PlatformCredential": "456", "SuccessFeedbackSampleRate": "50"}})
		Expect(err).NotTo(HaveOccurred())
		out, err := c.GetPlatformApplicationAttributes(ctx, &sns.GetPlatformApplicationAttributesInput{PlatformApplicationArn: aws.String(app)})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("set-get-application-attributes", out)
	})

	It("rejects a malformed application ARN on update", harness.Reference(ref+"TestSNSPlatformApplicationCrud::test_set_platform_application_attributes_invalid_arn"), func(ctx SpecContext) {
		snap := platformSnapshot().Divergence("moto", "$.Error.Code", malformedARNReason).Divergence("moto", "$.ResponseMetadata.HTTPStatusCode", malformedARNReason)
		_, err := harness.SNS().SetPlatformApplicationAttributes(ctx, &sns.SetPlatformApplicationAttributesInput{PlatformApplicationArn: aws.String("invalid-arn"),
			Attributes: map[string]string{"SuccessFeedbackSampleRate": "50"}})
		snap.Match("invalid-application-arn", err)
	})

	for _, tc := range []struct {
		id    string
		attrs map[string]string
	}{
		{"", map[string]string{}},
		{"[no-args]", map[string]string{}},
		{"[dummy-args]", map[string]string{"Dummy": "test"}},
		{"[missing-credential]", map[string]string{"PlatformPrincipal": "123"}},
		{"[missing-principal]", map[string]string{"PlatformCredential": "123"}},
	} {
		It("reports a missing application on update "+tc.id, harness.Reference(ref+"TestSNSPlatformApplicationCrud::test_set_platform_application_attributes_non_existing_app"+tc.id), func(ctx SpecContext) {
			snap := platformSnapshot()
			if len(tc.attrs) == 0 {
				reason := "moto looks the application up before it checks that attributes are given; AWS answers ValidationError first (reference)"
				snap.Divergence("moto", "$.Error.Code", reason).Divergence("moto", "$.ResponseMetadata.HTTPStatusCode", reason)
			}
			_, err := harness.SNS().SetPlatformApplicationAttributes(ctx, &sns.SetPlatformApplicationAttributesInput{PlatformApplicationArn: aws.String(missingApp(ctx)), Attributes: tc.attrs})
			snap.Match("non_existing-application-arn", err)
		})
	}
})

var _ = Describe("SNS platform endpoints", func() {
	It("creates a platform endpoint", harness.Reference(ref+"TestSNSPlatformEndpointCrud::test_create_platform_endpoint"), func(ctx SpecContext) {
		snap := platformSnapshot()
		app := createPlatformApplication(ctx)
		c := harness.SNS()
		out, err := c.CreatePlatformEndpoint(ctx, &sns.CreatePlatformEndpointInput{PlatformApplicationArn: aws.String(app), Token: aws.String("token_1")})
		Expect(err).NotTo(HaveOccurred())
		harness.Cleanup(func(ctx context.Context) {
			_, _ = c.DeleteEndpoint(ctx, &sns.DeleteEndpointInput{EndpointArn: out.EndpointArn})
		})
		snap.Match("create-platform-endpoint", out)
	})

	It("keeps custom user data given as an attribute", harness.Reference(ref+"TestSNSPlatformEndpointCrud::test_create_platform_endpoint_custom_data"), func(ctx SpecContext) {
		snap := platformSnapshot()
		app := createPlatformApplication(ctx)
		ep := createEndpoint(ctx, app, &sns.CreatePlatformEndpointInput{Token: aws.String("token_1"), Attributes: map[string]string{"CustomUserData": "bar"}})
		out, err := harness.SNS().GetEndpointAttributes(ctx, &sns.GetEndpointAttributesInput{EndpointArn: aws.String(ep)})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("create-endpoint-double-custom-data", out)
	})

	It("prefers the CustomUserData parameter to the attribute", harness.Reference(ref+"TestSNSPlatformEndpointCrud::test_create_platform_endpoint_double_custom_data"), func(ctx SpecContext) {
		snap := platformSnapshot().Divergence("moto", "$.Attributes.CustomUserData", "moto drops the CustomUserData parameter and keeps the attribute; AWS keeps the parameter (reference)")
		app := createPlatformApplication(ctx)
		ep := createEndpoint(ctx, app, &sns.CreatePlatformEndpointInput{Token: aws.String("token_1"), CustomUserData: aws.String("foo"), Attributes: map[string]string{"CustomUserData": "bar"}})
		out, err := harness.SNS().GetEndpointAttributes(ctx, &sns.GetEndpointAttributesInput{EndpointArn: aws.String(ep)})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("create-endpoint-double-custom-data", out)
	})

	It("reports a missing application on endpoint creation", harness.Reference(ref+"TestSNSPlatformEndpointCrud::test_create_platform_endpoint_non_existent_app"), func(ctx SpecContext) {
		snap := platformSnapshot()
		_, err := harness.SNS().CreatePlatformEndpoint(ctx, &sns.CreatePlatformEndpointInput{PlatformApplicationArn: aws.String(missingApp(ctx)), Token: aws.String("token_1")})
		snap.Match("create-platform-endpoint", err)
	})

	invalidEndpointAttributes := map[string]map[string]string{
		"Data_Too_Long":           {"CustomUserData": strings.Repeat("a", 2049)},
		"Invalid_Name_Credential": {"PlatformCredential": "123"},
		"Invalid_Name_Generic":    {"InvalidKey": "123"},
		"Invalid_Name_Principal":  {"PlatformPrincipal": "123"},
	}
	for _, id := range []string{"Data_Too_Long", "Invalid_Name_Credential", "Invalid_Name_Generic", "Invalid_Name_Principal"} {
		attrs := invalidEndpointAttributes[id]
		It("rejects invalid endpoint attributes on creation: "+id, harness.Reference(ref+"TestSNSPlatformEndpointCrud::test_create_platform_endpoint_with_invalid_attributes["+id+"]"), func(ctx SpecContext) {
			snap := platformSnapshot()
			app := createPlatformApplication(ctx)
			_, err := harness.SNS().CreatePlatformEndpoint(ctx, &sns.CreatePlatformEndpointInput{PlatformApplicationArn: aws.String(app), Token: aws.String("token_1"), Attributes: attrs})
			snap.Match("create-platform-endpoint-invalid-attr", err)
		})
	}

	It("deletes a platform endpoint", harness.Reference(ref+"TestSNSPlatformEndpointCrud::test_delete_platform_endpoint"), func(ctx SpecContext) {
		snap := platformSnapshot()
		c := harness.SNS()
		app := createPlatformApplication(ctx)
		ep := createEndpoint(ctx, app, &sns.CreatePlatformEndpointInput{Token: aws.String("token_1")})
		list := func() *sns.ListEndpointsByPlatformApplicationOutput {
			out, err := c.ListEndpointsByPlatformApplication(ctx, &sns.ListEndpointsByPlatformApplicationInput{PlatformApplicationArn: aws.String(app)})
			Expect(err).NotTo(HaveOccurred())
			return out
		}
		snap.Match("list-endpoints-by-app-pre-delete", list())
		out, err := c.DeleteEndpoint(ctx, &sns.DeleteEndpointInput{EndpointArn: aws.String(ep)})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("delete-endpoint", out)
		snap.Match("list-endpoints-by-app-post-delete", list())
	})

	It("keeps the subscriptions of a deleted endpoint", harness.Reference(ref+"TestSNSPlatformEndpointCrud::test_delete_platform_endpoint_with_subscription"), func(ctx SpecContext) {
		snap := platformSnapshot().SkipVerify("$.NextToken", "whether ListSubscriptions pages depends on every subscription of the account")
		c := harness.SNS()
		app := createPlatformApplication(ctx)
		ep := createEndpoint(ctx, app, &sns.CreatePlatformEndpointInput{Token: aws.String("token_1")})
		topic := createTopic(ctx, nil)
		_, err := c.Subscribe(ctx, &sns.SubscribeInput{TopicArn: aws.String(topic), Protocol: aws.String("application"), Endpoint: aws.String(ep)})
		Expect(err).NotTo(HaveOccurred())
		list := func() *sns.ListSubscriptionsOutput {
			var mine []types.Subscription
			var token *string
			for {
				out, err := c.ListSubscriptions(ctx, &sns.ListSubscriptionsInput{NextToken: token})
				Expect(err).NotTo(HaveOccurred())
				for _, s := range out.Subscriptions {
					if aws.ToString(s.TopicArn) == topic {
						mine = append(mine, s)
					}
				}
				if out.NextToken == nil {
					out.Subscriptions = mine
					return out
				}
				token = out.NextToken
			}
		}
		snap.Match("list-subscriptions-pre-delete", list())
		out, err := c.DeleteEndpoint(ctx, &sns.DeleteEndpointInput{EndpointArn: aws.String(ep)})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("delete-endpoint", out)
		snap.Match("list-subscriptions-post-delete", list())
	})

	It("reports a missing endpoint on read", harness.Reference(ref+"TestSNSPlatformEndpointCrud::test_get_platform_endpoint_attributes_non_existent_endpoint"), func(ctx SpecContext) {
		snap := platformSnapshot()
		app := createPlatformApplication(ctx)
		ep := createEndpoint(ctx, app, &sns.CreatePlatformEndpointInput{Token: aws.String("token_1")})
		_, err := harness.SNS().GetEndpointAttributes(ctx, &sns.GetEndpointAttributesInput{EndpointArn: aws.String(ep + "a")})
		snap.Match("set-platform-endpoint-attributes-non-existent-app", err)
	})

	It("lists the endpoints of an application", harness.Reference(ref+"TestSNSPlatformEndpointCrud::test_list_platform_endpoints"), func(ctx SpecContext) {
		snap := platformSnapshot()
		app := createPlatformApplication(ctx)
		createEndpoint(ctx, app, &sns.CreatePlatformEndpointInput{Token: aws.String("token_1")})
		out, err := harness.SNS().ListEndpointsByPlatformApplication(ctx, &sns.ListEndpointsByPlatformApplicationInput{PlatformApplicationArn: aws.String(app)})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("list-endpoints-by-app", out)
	})

	invalidSetAttributes := map[string]map[string]string{
		"Data_Too_Long":          {"CustomUserData": strings.Repeat("a", 2049)},
		"Empty":                  {},
		"Invalid_Name_Generic":   {"InvalidKey": "123"},
		"Invalid_Name_Principal": {"PlatformPrincipal": "123"},
	}
	for _, id := range []string{"Data_Too_Long", "Empty", "Invalid_Name_Generic", "Invalid_Name_Principal"} {
		attrs := invalidSetAttributes[id]
		It("rejects invalid endpoint attributes on update: "+id, harness.Reference(ref+"TestSNSPlatformEndpointCrud::test_set_platform_endpoint_attributes_invalid_attributes["+id+"]"), func(ctx SpecContext) {
			snap := platformSnapshot()
			app := createPlatformApplication(ctx)
			ep := createEndpoint(ctx, app, &sns.CreatePlatformEndpointInput{Token: aws.String("token_1")})
			_, err := harness.SNS().SetEndpointAttributes(ctx, &sns.SetEndpointAttributesInput{EndpointArn: aws.String(ep), Attributes: attrs})
			snap.Match("set-platform-endpoint-invalid-attributes", err)
		})
	}

	It("updates, disables and deletes an endpoint", func(ctx SpecContext) {
		snap := platformSnapshot().Divergence("moto", "$.Attributes.CustomUserData", "moto drops the CustomUserData parameter of CreatePlatformEndpoint; AWS keeps it (reference test_create_platform_endpoint_double_custom_data)")
		c := harness.SNS()
		app := createPlatformApplication(ctx)
		ep := createEndpoint(ctx, app, &sns.CreatePlatformEndpointInput{Token: aws.String("token_1"), CustomUserData: aws.String("data")})
		get := func() *sns.GetEndpointAttributesOutput {
			out, err := c.GetEndpointAttributes(ctx, &sns.GetEndpointAttributesInput{EndpointArn: aws.String(ep)})
			Expect(err).NotTo(HaveOccurred())
			return out
		}
		snap.Match("get-endpoint-attributes", get())
		_, err := c.SetEndpointAttributes(ctx, &sns.SetEndpointAttributesInput{EndpointArn: aws.String(ep), Attributes: map[string]string{"Enabled": "false", "CustomUserData": "other"}})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("get-endpoint-attributes-after-set", get())
		_, err = c.Publish(ctx, &sns.PublishInput{TargetArn: aws.String(ep), Message: aws.String("hello")})
		snap.Match("publish-to-disabled-endpoint", err)
		_, err = c.DeletePlatformApplication(ctx, &sns.DeletePlatformApplicationInput{PlatformApplicationArn: aws.String(app)})
		Expect(err).NotTo(HaveOccurred())
		_, err = c.GetPlatformApplicationAttributes(ctx, &sns.GetPlatformApplicationAttributesInput{PlatformApplicationArn: aws.String(app)})
		snap.Match("get-deleted-application", err)
	})

	It("reports a missing endpoint on update", harness.Reference(ref+"TestSNSPlatformEndpointCrud::test_set_platform_endpoint_attributes_non_existent_endpoint"), func(ctx SpecContext) {
		snap := platformSnapshot()
		app := createPlatformApplication(ctx)
		ep := createEndpoint(ctx, app, &sns.CreatePlatformEndpointInput{Token: aws.String("token_1")})
		_, err := harness.SNS().SetEndpointAttributes(ctx, &sns.SetEndpointAttributesInput{EndpointArn: aws.String(ep + "a"), Attributes: map[string]string{"Enabled": "true"}})
		snap.Match("set-platform-endpoint-attributes-non-existent-app", err)
	})
})
