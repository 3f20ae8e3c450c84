package sns

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/parity-harness/parity/emulator/awserr"
	"github.com/parity-harness/parity/emulator/service"
)

func testContext(region string) *service.Context {
	return &service.Context{Context: context.Background(), Account: "000000000000", Region: region}
}

// errorCode is the AWS error code of err, "" for nil.
func errorCode(t *testing.T, err error) string {
	t.Helper()
	if err == nil {
		return ""
	}
	var ae *awserr.Error
	if !errors.As(err, &ae) {
		t.Fatalf("not an AWS error: %v", err)
	}
	return ae.Code
}

func TestTopicOfAnotherRegionIsAnInvalidParameter(t *testing.T) {
	s := New()
	east := testContext("us-east-1")
	out, err := s.createTopic(east, &createTopicInput{Name: "t1"})
	if err != nil {
		t.Fatal(err)
	}
	west := testContext("us-west-2")
	calls := map[string]func(*service.Context) error{
		"GetTopicAttributes": func(c *service.Context) error {
			_, err := s.getTopicAttributes(c, &topicInput{TopicArn: out.TopicArn})
			return err
		},
		"SetTopicAttributes": func(c *service.Context) error {
			v := "x"
			_, err := s.setTopicAttributes(c, &setTopicAttributesInput{TopicArn: out.TopicArn, AttributeName: "DisplayName", AttributeValue: &v})
			return err
		},
		"Subscribe": func(c *service.Context) error {
			_, err := s.subscribe(c, &subscribeInput{TopicArn: out.TopicArn, Protocol: "sms", Endpoint: "+15551234567"})
			return err
		},
		"ListSubscriptionsByTopic": func(c *service.Context) error {
			_, err := s.listSubscriptionsByTopic(c, &listSubscriptionsInput{TopicArn: out.TopicArn})
			return err
		},
	}
	for name, call := range calls {
		t.Run(name, func(t *testing.T) {
			if code := errorCode(t, call(west)); code != "InvalidParameter" {
				t.Errorf("from another region: code %q, want InvalidParameter", code)
			}
			if code := errorCode(t, call(east)); code != "" {
				t.Errorf("from the topic's region: code %q, want success", code)
			}
		})
	}
	if code := errorCode(t, func() error { _, err := s.deleteTopic(west, &topicInput{TopicArn: out.TopicArn}); return err }()); code != "InvalidParameter" {
		t.Errorf("DeleteTopic from another region: code %q, want InvalidParameter", code)
	}
	if _, err := s.getTopicAttributes(east, &topicInput{TopicArn: out.TopicArn}); err != nil {
		t.Errorf("the topic is gone after a refused delete: %v", err)
	}
}

func TestSubscriptionsOfATopicListInSubscriptionOrder(t *testing.T) {
	s := New()
	c := testContext("us-east-1")
	topic, err := s.createTopic(c, &createTopicInput{Name: "t1"})
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for i := 0; i < 150; i++ {
		n := fmt.Sprintf("+1555000%04d", i)
		if _, err := s.subscribe(c, &subscribeInput{TopicArn: topic.TopicArn, Protocol: "sms", Endpoint: n}); err != nil {
			t.Fatal(err)
		}
		want = append(want, n)
	}
	var got []string
	token := ""
	for pages := 0; ; pages++ {
		out, err := s.listSubscriptionsByTopic(c, &listSubscriptionsInput{TopicArn: topic.TopicArn, NextToken: token})
		if err != nil {
			t.Fatal(err)
		}
		if len(out.Subscriptions) > 100 {
			t.Fatalf("page of %d subscriptions", len(out.Subscriptions))
		}
		for _, e := range out.Subscriptions {
			got = append(got, e.Endpoint)
		}
		if token = out.NextToken; token == "" {
			break
		}
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("endpoints listed %v, want %v", got, want)
	}
	if _, err := s.listSubscriptionsByTopic(c, &listSubscriptionsInput{TopicArn: topic.TopicArn, NextToken: "garbage"}); errorCode(t, err) != "InvalidParameter" {
		t.Errorf("bad token: %v, want InvalidParameter", err)
	}
}

func TestCreatePlatformEndpoint(t *testing.T) {
	s := New()
	c := testContext("us-east-1")
	app, err := s.createPlatformApplication(c, &createPlatformApplicationInput{Name: "app", Platform: "ADM",
		Attributes: map[string]string{"PlatformPrincipal": "p", "PlatformCredential": "c"}})
	if err != nil {
		t.Fatal(err)
	}
	str := func(v string) *string { return &v }
	for _, tc := range []struct {
		name    string
		in      createPlatformEndpointInput
		code    string
		custom  string // CustomUserData of the endpoint after the call
		another bool   // a second call with the same input gives the same endpoint
	}{
		{name: "parameter only", in: createPlatformEndpointInput{Token: "t1", CustomUserData: str("foo")}, custom: "foo", another: true},
		{name: "attribute only", in: createPlatformEndpointInput{Token: "t2", Attributes: map[string]string{"CustomUserData": "bar"}}, custom: "bar", another: true},
		{name: "parameter wins", in: createPlatformEndpointInput{Token: "t3", CustomUserData: str("foo"), Attributes: map[string]string{"CustomUserData": "bar"}}, custom: "foo", another: true},
		{name: "unknown attribute", in: createPlatformEndpointInput{Token: "t4", Attributes: map[string]string{"PlatformCredential": "x"}}, code: "InvalidParameter"},
		{name: "no token", in: createPlatformEndpointInput{}, code: "InvalidParameter"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := tc.in
			in.PlatformApplicationArn = app.PlatformApplicationArn
			out, err := s.createPlatformEndpoint(c, &in)
			if code := errorCode(t, err); code != tc.code {
				t.Fatalf("code %q, want %q (%v)", code, tc.code, err)
			}
			if tc.code != "" {
				return
			}
			attrs, err := s.getEndpointAttributes(c, &endpointInput{EndpointArn: out.EndpointArn})
			if err != nil {
				t.Fatal(err)
			}
			if got := attrs.Attributes["CustomUserData"]; got != tc.custom {
				t.Errorf("CustomUserData %q, want %q", got, tc.custom)
			}
			if tc.another {
				again, err := s.createPlatformEndpoint(c, &in)
				if err != nil || again.EndpointArn != out.EndpointArn {
					t.Errorf("again: %v, %v; want %s", again, err, out.EndpointArn)
				}
			}
		})
	}
	// the same token with other attributes is refused
	_, err = s.createPlatformEndpoint(c, &createPlatformEndpointInput{PlatformApplicationArn: app.PlatformApplicationArn, Token: "t1", CustomUserData: str("other")})
	if errorCode(t, err) != "InvalidParameter" {
		t.Errorf("same token, other data: %v, want InvalidParameter", err)
	}
}

func TestValidSMSEndpoint(t *testing.T) {
	for n, want := range map[string]bool{
		"+15551234567": true, "15551234567": true, "+1-555-123-4567": true, "+1.555.123.4567": true, "+1/555/123/4567": true,
		"+123123123": true, "+15--551234567": false, "+15551234567.": false, "/+15551234567": false, "NAA+15551234567": false,
		"invalid-number": false, "": false, "+": false, "+0123456": false, "+1234567890123456": false, "+1 555 123 4567": false,
	} {
		if got := validSMSEndpoint(n); got != want {
			t.Errorf("validSMSEndpoint(%q) = %v, want %v", n, got, want)
		}
	}
}
