package sns_test

import (
	"encoding/json"
	"encoding/xml"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sns"
	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/parity-harness/parity/harness"
	"github.com/parity-harness/parity/transformers"
)

// HTTP subscriptions: what SNS posts to an endpoint (confirmation,
// notifications, unsubscribe confirmation) and the unsigned GETs of the
// SubscribeURL and UnsubscribeURL it sends. moto confirms HTTP
// subscriptions at once and posts no confirmation, so these specs are
// recorded on the emulator and held to AWS by their references.
var _ = Describe("SNS HTTP subscriptions", func() {
	It("answers pending confirmation unless asked for the ARN", harness.Reference(ref+"TestSNSSubscriptionHttp::test_http_subscription_response"), func(ctx SpecContext) {
		snap := httpSnapshot()
		endpoint := harness.HTTPEndpoint("/sns-endpoint", http.StatusOK)
		topic := createTopic(ctx, nil)
		snap.Match("topic-arn", map[string]any{"TopicArn": topic})
		c := harness.SNS()
		sub, err := c.Subscribe(ctx, &sns.SubscribeInput{TopicArn: aws.String(topic), Protocol: aws.String("http"), Endpoint: aws.String(endpoint.URL)})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("subscription", sub)
		withARN, err := c.Subscribe(ctx, &sns.SubscribeInput{TopicArn: aws.String(topic), Protocol: aws.String("http"), Endpoint: aws.String(endpoint.URL), ReturnSubscriptionArn: true})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("subscription-with-arn", withARN)
	})

	It("confirms, notifies and unsubscribes an HTTP endpoint", harness.Reference(ref+"TestSNSSubscriptionHttp::test_subscribe_external_http_endpoint[False]"), func(ctx SpecContext) {
		snap := httpSnapshot()
		endpoint := harness.HTTPEndpoint("/sns-endpoint", http.StatusOK)
		snap.Transform(transformers.Reference("host", strings.TrimPrefix(strings.TrimSuffix(endpoint.URL, "/sns-endpoint"), "http://")))
		topic := createTopic(ctx, nil)
		c := harness.SNS()
		_, err := c.Subscribe(ctx, &sns.SubscribeInput{TopicArn: aws.String(topic), Protocol: aws.String("http"), Endpoint: aws.String(endpoint.URL)})
		Expect(err).NotTo(HaveOccurred())

		confirmation := endpoint.Next(10 * time.Second)
		snap.Match("http-confirm-sub-headers", confirmation.Headers())
		body := jsonBody(confirmation)
		snap.Match("subscription-confirmation", body)
		snap.Match("confirm-subscribe", getXML(body["SubscribeURL"].(string)))

		_, err = c.Publish(ctx, &sns.PublishInput{TopicArn: aws.String(topic), Message: aws.String("test_external_http_endpoint")})
		Expect(err).NotTo(HaveOccurred())
		notification := endpoint.Next(10 * time.Second)
		snap.Match("http-message-headers", notification.Headers())
		message := jsonBody(notification)
		snap.Match("http-message", message)

		snap.Match("unsubscribe-response", getXML(message["UnsubscribeURL"].(string)))
		unsubscribe := jsonBody(endpoint.Next(10 * time.Second))
		snap.Match("unsubscribe-request", unsubscribe)

		subscribeURL, err := url.Parse(unsubscribe["SubscribeURL"].(string))
		Expect(err).NotTo(HaveOccurred())
		token := unsubscribe["Token"].(string)
		confirmWith := func(topicARN, token string) any {
			u := *subscribeURL
			u.RawQuery = url.Values{"Action": {"ConfirmSubscription"}, "TopicArn": {topicARN}, "Token": {token}}.Encode()
			return getXML(u.String())
		}
		snap.Match("broken-token-confirm", confirmWith(topic, flipLastHexDigit(token)))
		snap.Match("broken-topic-arn-confirm", confirmWith(topic+"-broken", token))
		snap.Match("different-region-arn-confirm", confirmWith(strings.Replace(topic, ":"+harness.Region()+":", ":"+otherRegion()+":", 1), token))
		snap.Match("nonexistent-token-confirm", confirmWith(topic, token))
	})

	for _, raw := range []bool{false, true} {
		name := "delivers with the content type of the delivery policy"
		if raw {
			name += ", raw"
		}
		It(name, harness.Reference(ref+"TestSNSSubscriptionHttp::test_subscribe_external_http_endpoint_content_type["+pyBool(raw)+"]"), func(ctx SpecContext) {
			snap := httpSnapshot()
			endpoint := harness.HTTPEndpoint("/sns-endpoint", http.StatusOK)
			snap.Transform(transformers.Reference("host", strings.TrimPrefix(strings.TrimSuffix(endpoint.URL, "/sns-endpoint"), "http://")))
			c := harness.SNS()
			topic := createTopic(ctx, nil)
			if !raw {
				_, err := c.SetTopicAttributes(ctx, &sns.SetTopicAttributesInput{TopicArn: aws.String(topic), AttributeName: aws.String("DeliveryPolicy"),
					AttributeValue: aws.String(`{"http":{"defaultRequestPolicy":{"headerContentType":"application/json"},"disableSubscriptionOverrides":false}}`)})
				Expect(err).NotTo(HaveOccurred())
			}
			attrs, err := c.GetTopicAttributes(ctx, &sns.GetTopicAttributesInput{TopicArn: aws.String(topic)})
			Expect(err).NotTo(HaveOccurred())
			snap.Match("topic-attrs", attrs)

			in := &sns.SubscribeInput{TopicArn: aws.String(topic), Protocol: aws.String("http"), Endpoint: aws.String(endpoint.URL), ReturnSubscriptionArn: true}
			if raw {
				in.Attributes = map[string]string{"RawMessageDelivery": "true"}
			}
			sub, err := c.Subscribe(ctx, in)
			Expect(err).NotTo(HaveOccurred())
			confirmation := endpoint.Next(10 * time.Second)
			snap.Match("http-confirm-sub-headers", confirmation.Headers())
			body := jsonBody(confirmation)
			snap.Match("subscription-confirmation", body)

			policy := `{"healthyRetryPolicy":{"minDelayTarget":1,"maxDelayTarget":1,"numRetries":0,"numNoDelayRetries":0,"numMinDelayRetries":0,"numMaxDelayRetries":0,"backoffFunction":"linear"},"throttlePolicy":{"maxReceivesPerSecond":1000}}`
			if raw {
				policy = `{"requestPolicy":{"headerContentType":"text/csv"}}`
			}
			_, err = c.SetSubscriptionAttributes(ctx, &sns.SetSubscriptionAttributesInput{SubscriptionArn: sub.SubscriptionArn, AttributeName: aws.String("DeliveryPolicy"), AttributeValue: aws.String(policy)})
			Expect(err).NotTo(HaveOccurred())
			subAttrs, err := c.GetSubscriptionAttributes(ctx, &sns.GetSubscriptionAttributesInput{SubscriptionArn: sub.SubscriptionArn})
			Expect(err).NotTo(HaveOccurred())
			snap.Match("sub-attrs", subAttrs)

			_, err = c.ConfirmSubscription(ctx, &sns.ConfirmSubscriptionInput{TopicArn: aws.String(topic), Token: aws.String(body["Token"].(string))})
			Expect(err).NotTo(HaveOccurred())
			_, err = c.Publish(ctx, &sns.PublishInput{TopicArn: aws.String(topic), Message: aws.String("test_external_http_endpoint")})
			Expect(err).NotTo(HaveOccurred())
			notification := endpoint.Next(10 * time.Second)
			if raw {
				snap.Match("http-message-headers-raw", notification.Headers())
				return
			}
			snap.Match("http-message-headers", notification.Headers())
			snap.Match("http-message", jsonBody(notification))
		})
	}
})

// httpSnapshot is the SNS snapshot session with the scrubbing the HTTP
// recordings use: per-connection headers, signatures, times, tokens and
// the SNS domains of the URLs a message carries.
func httpSnapshot() *harness.Session {
	return snapshot().Transform(
		transformers.KeyValue("Connection", "connection"),
		transformers.KeyValue("Content-Length", "content--length"),
		transformers.KeyValue("Signature", "<signature>"),
		transformers.KeyValue("Timestamp", "date"),
		transformers.Key("Token", "token"),
		transformers.RegexReference("signing-cert-file", `[0-9a-f]{32}\.pem`),
		transformers.Regex(`^https?://[^/]+/SimpleNotificationService-`, "<cert-domain>/SimpleNotificationService-"),
		transformers.Regex(`^https?://[^/]+/\?Action=ConfirmSubscription`, "<subscribe-domain>/?Action=ConfirmSubscription"),
		transformers.Regex(`^https?://[^/]+/\?Action=Unsubscribe`, "<unsubscribe-domain>/?Action=Unsubscribe"),
	)
}

// jsonBody decodes the JSON body an endpoint received.
func jsonBody(r harness.Received) map[string]any {
	var doc map[string]any
	Expect(json.Unmarshal([]byte(r.Body), &doc)).To(Succeed(), "body %q", r.Body)
	return doc
}

// getXML makes the unsigned GET a user's browser makes on a SubscribeURL or
// UnsubscribeURL and returns the XML answer as a document of nested
// elements (attributes left out), the way the recordings parse it; the
// request metadata of an answer becomes its HTTP status, as in the
// recordings.
func getXML(u string) any {
	resp, err := harness.HTTPClient().Get(u)
	Expect(err).NotTo(HaveOccurred())
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	Expect(err).NotTo(HaveOccurred())
	doc, err := xmlDocument(data)
	Expect(err).NotTo(HaveOccurred(), "answer %q", data)
	for _, v := range doc {
		if m, ok := v.(map[string]any); ok {
			if _, ok := m["ResponseMetadata"]; ok {
				m["ResponseMetadata"] = map[string]any{"HTTPHeaders": map[string]any{}, "HTTPStatusCode": resp.StatusCode}
			}
		}
	}
	return doc
}

// xmlDocument turns XML into nested maps: an element with children is a
// map of their names (repeated names become a list), a leaf its text.
func xmlDocument(data []byte) (map[string]any, error) {
	dec := xml.NewDecoder(strings.NewReader(string(data)))
	type frame struct {
		name     string
		children map[string]any
		text     strings.Builder
	}
	root := &frame{children: map[string]any{}}
	stack := []*frame{root}
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return root.children, nil
		}
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			stack = append(stack, &frame{name: t.Name.Local, children: map[string]any{}})
		case xml.CharData:
			stack[len(stack)-1].text.Write(t)
		case xml.EndElement:
			f := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			var v any = f.children
			if len(f.children) == 0 {
				v = f.text.String()
			}
			parent := stack[len(stack)-1].children
			switch prev := parent[f.name].(type) {
			case nil:
				parent[f.name] = v
			case []any:
				parent[f.name] = append(prev, v)
			default:
				parent[f.name] = []any{prev, v}
			}
		}
	}
}

// flipLastHexDigit returns a token of the same form that is not the token.
func flipLastHexDigit(token string) string {
	last := token[len(token)-1]
	repl := byte('0')
	if last == '0' {
		repl = '1'
	}
	return token[:len(token)-1] + string(repl)
}

// otherRegion is a region other than the run's.
func otherRegion() string {
	if harness.Region() == "us-west-2" {
		return "us-east-1"
	}
	return "us-west-2"
}

// pyBool spells a bool as the references' test parameters do.
func pyBool(b bool) string {
	if b {
		return "True"
	}
	return "False"
}
