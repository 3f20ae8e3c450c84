package sns_test

import (
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sns"
	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/parity-harness/parity/harness"
)

// unmodifiedSMSRegion is a region whose SMS settings no spec changes;
// smsSettingsRegion the one whose settings a spec changes.
const (
	unmodifiedSMSRegion = "eu-west-3"
	smsSettingsRegion   = "eu-central-1"
)

var _ = Describe("SNS SMS", func() {
	It("reads the default SMS attributes", harness.Reference(ref+"TestSNSSMS::test_get_sms_attributes_from_unmodified_region"), func(ctx SpecContext) {
		snap := snapshot().Divergence("moto", "$.attributes", "moto starts a region with no SMS attributes; AWS reports MonthlySpendLimit 1 (reference)")
		out, err := snsIn(unmodifiedSMSRegion).GetSMSAttributes(ctx, &sns.GetSMSAttributesInput{})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("get-sms-attributes_unmodified_region", out)
	})

	It("rejects opting in a malformed number", harness.Reference(ref+"TestSNSSMS::test_opt_in_invalid_number"), func(ctx SpecContext) {
		snap := snapshot()
		_, err := harness.SNS().OptInPhoneNumber(ctx, &sns.OptInPhoneNumberInput{PhoneNumber: aws.String("+15551234567a")})
		snap.Match("opt-in-non-existing-number", err)
	})

	It("opts in a number that never opted out", harness.Reference(ref+"TestSNSSMS::test_opt_in_non_existing_phone_number"), func(ctx SpecContext) {
		snap := snapshot()
		out, err := harness.SNS().OptInPhoneNumber(ctx, &sns.OptInPhoneNumberInput{PhoneNumber: aws.String("+18005550100")})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("opt-in-non-existing-number", out)
	})

	It("rejects malformed phone numbers", harness.Reference(ref+"TestSNSSMS::test_publish_wrong_phone_format"), func(ctx SpecContext) {
		snap := snapshot()
		c := harness.SNS()
		_, err := c.Publish(ctx, &sns.PublishInput{PhoneNumber: aws.String("NAA+15551234567"), Message: aws.String("msg")})
		snap.Match("wrong-format", err)
		_, err = c.Publish(ctx, &sns.PublishInput{PhoneNumber: aws.String("+1a234"), Message: aws.String("msg")})
		snap.Match("invalid-number", err)
		topic := createTopic(ctx, nil)
		_, err = c.Subscribe(ctx, &sns.SubscribeInput{TopicArn: aws.String(topic), Protocol: aws.String("sms"), Endpoint: aws.String("NAA+15551234567")})
		snap.Match("wrong-endpoint", err)
	})

	for _, tc := range []struct {
		id, name, value string
	}{
		{"InvalidAttributeName", "InvalidAttribute", "value"},
		{"InvalidSMSType", "DefaultSMSType", "Invalid"},
		{"NoLetterID", "DefaultSenderID", "1234567890"},
		{"TooLongID", "DefaultSenderID", strings.Repeat("a", 12)},
	} {
		It("rejects invalid SMS attributes: "+tc.id, harness.Reference(ref+"TestSNSSMS::test_set_invalid_sms_attributes["+tc.id+"]"), func(ctx SpecContext) {
			snap := snapshot()
			_, err := harness.SNS().SetSMSAttributes(ctx, &sns.SetSMSAttributesInput{Attributes: map[string]string{tc.name: tc.value}})
			snap.Match("invalid-attribute", err)
		})
	}

	It("subscribes a phone number", harness.Reference(ref+"TestSNSSMS::test_subscribe_sms_endpoint"), func(ctx SpecContext) {
		snap := snapshot()
		c := harness.SNS()
		topic := createTopic(ctx, nil)
		sub, err := c.Subscribe(ctx, &sns.SubscribeInput{TopicArn: aws.String(topic), Protocol: aws.String("sms"), Endpoint: aws.String("+123123123"), ReturnSubscriptionArn: true})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("subscribe-sms-endpoint", sub)
		attrs, err := c.GetSubscriptionAttributes(ctx, &sns.GetSubscriptionAttributesInput{SubscriptionArn: sub.SubscriptionArn})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("subscribe-sms-attrs", attrs)
	})

	It("subscribes phone numbers written with separators", func(ctx SpecContext) {
		snap := snapshot()
		c := harness.SNS()
		topic := createTopic(ctx, nil)
		for _, n := range []string{"+1-555-123-4567", "+1.555.123.4568", "1/555/123/4569"} {
			out, err := c.Subscribe(ctx, &sns.SubscribeInput{TopicArn: aws.String(topic), Protocol: aws.String("sms"), Endpoint: aws.String(n), ReturnSubscriptionArn: true})
			Expect(err).NotTo(HaveOccurred())
			attrs, err := c.GetSubscriptionAttributes(ctx, &sns.GetSubscriptionAttributesInput{SubscriptionArn: out.SubscriptionArn})
			Expect(err).NotTo(HaveOccurred())
			snap.Match("endpoint-"+n, attrs.Attributes["Endpoint"])
		}
	})

	It("sets and reads SMS attributes", func(ctx SpecContext) {
		snap := snapshot().Divergence("moto", "$.attributes.MonthlySpendLimit", "moto starts a region with no SMS attributes; AWS reports MonthlySpendLimit 1 (reference test_get_sms_attributes_from_unmodified_region)")
		c := snsIn(smsSettingsRegion)
		_, err := c.SetSMSAttributes(ctx, &sns.SetSMSAttributesInput{Attributes: map[string]string{"DefaultSMSType": "Transactional", "DefaultSenderID": "hello"}})
		Expect(err).NotTo(HaveOccurred())
		all, err := c.GetSMSAttributes(ctx, &sns.GetSMSAttributesInput{})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("get-sms-attributes", all)
		some, err := c.GetSMSAttributes(ctx, &sns.GetSMSAttributesInput{Attributes: []string{"DefaultSMSType"}})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("get-sms-attributes-filtered", some)
	})

	It("checks whether a number opted out", func(ctx SpecContext) {
		snap := snapshot()
		c := harness.SNS()
		out, err := c.CheckIfPhoneNumberIsOptedOut(ctx, &sns.CheckIfPhoneNumberIsOptedOutInput{PhoneNumber: aws.String("+15551234567")})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("check-opted-out", out)
		_, err = c.CheckIfPhoneNumberIsOptedOut(ctx, &sns.CheckIfPhoneNumberIsOptedOutInput{PhoneNumber: aws.String("+1555a")})
		snap.Match("check-opted-out-invalid", err)
	})

	It("lists no opted-out numbers", harness.Reference(ref+"TestSNSSubscriptionCrudV2::test_list_opted_out"), func(ctx SpecContext) {
		snap := snapshot().Divergence("moto", "$.phoneNumbers", "moto starts with a fixed list of opted-out numbers; no number opts out without a reply to an SMS (reference)")
		out, err := harness.SNS().ListPhoneNumbersOptedOut(ctx, &sns.ListPhoneNumbersOptedOutInput{})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("list-opted-out", out)
	})
})
