package sns

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/parity-harness/parity/emulator/service"
)

// HTTP and HTTPS subscriptions receive what AWS POSTs to them: a signed
// SubscriptionConfirmation when they are created, Notifications once
// confirmed (the JSON envelope, or the bare message with raw delivery), and
// an UnsubscribeConfirmation when they are deleted. Posts run in the
// background, retried as the delivery policy says; a message that is never
// accepted goes to the subscription's dead-letter queue.

// httpUserAgent is the User-Agent SNS sends to endpoints.
const httpUserAgent = "Amazon Simple Notification Service Agent"

// httpPoster sends posts in the background and waits for them on close.
type httpPoster struct {
	client   *http.Client
	ctx      context.Context
	cancel   context.CancelFunc
	inflight sync.WaitGroup
}

func newHTTPPoster() *httpPoster {
	ctx, cancel := context.WithCancel(context.Background())
	return &httpPoster{client: &http.Client{Timeout: 15 * time.Second}, ctx: ctx, cancel: cancel}
}

// close stops pending retries and waits for posts in flight.
func (p *httpPoster) close() {
	p.cancel()
	p.inflight.Wait()
}

// httpPost is one message to an endpoint.
type httpPost struct {
	url         string
	contentType string
	headers     map[string]string
	body        string
	retry       retryPolicy
	failed      func(error) // called once when every attempt failed
}

// send posts in the background: attempts follow p.retry; a 2xx answer is a
// delivery, a 429 or 5xx answer or a network error is retried, and any other
// answer fails the delivery at once.
func (p *httpPoster) send(post httpPost) {
	p.inflight.Add(1)
	go func() {
		defer p.inflight.Done()
		var err error
		for attempt := 0; ; attempt++ {
			var retry bool
			if retry, err = p.attempt(post); err == nil {
				return
			}
			delay, more := post.retry.delay(attempt)
			if !retry || !more {
				break
			}
			select {
			case <-time.After(delay):
			case <-p.ctx.Done():
				return
			}
		}
		if post.failed != nil {
			post.failed(err)
		}
	}()
}

// attempt makes one POST; retry says whether a failure may be retried.
func (p *httpPoster) attempt(post httpPost) (retry bool, err error) {
	req, err := http.NewRequestWithContext(p.ctx, http.MethodPost, post.url, strings.NewReader(post.body))
	if err != nil {
		return false, fmt.Errorf("sns http delivery: endpoint %q: %w", post.url, err)
	}
	req.Header.Set("Content-Type", post.contentType)
	req.Header.Set("User-Agent", httpUserAgent)
	req.Header.Set("Accept-Encoding", "gzip,deflate")
	req.Header.Set("Connection", "Keep-Alive")
	for k, v := range post.headers {
		req.Header.Set(k, v)
	}
	resp, err := p.client.Do(req)
	if err != nil {
		return true, fmt.Errorf("sns http delivery to %s: %w", post.url, err)
	}
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	resp.Body.Close()
	switch {
	case resp.StatusCode >= 200 && resp.StatusCode < 300:
		return false, nil
	case resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode >= 500:
		return true, fmt.Errorf("sns http delivery to %s: status %d", post.url, resp.StatusCode)
	default:
		return false, fmt.Errorf("sns http delivery to %s: status %d", post.url, resp.StatusCode)
	}
}

// confirmation is the body of a SubscriptionConfirmation or
// UnsubscribeConfirmation, fields in AWS's order.
type confirmation struct {
	Type             string `json:"Type"`
	MessageId        string `json:"MessageId"`
	Token            string `json:"Token"`
	TopicArn         string `json:"TopicArn"`
	Message          string `json:"Message"`
	SubscribeURL     string `json:"SubscribeURL"`
	Timestamp        string `json:"Timestamp"`
	SignatureVersion string `json:"SignatureVersion"`
	Signature        string `json:"Signature"`
	SigningCertURL   string `json:"SigningCertURL"`
}

// canonicalConfirmation is the string SNS signs for a confirmation.
func canonicalConfirmation(c *confirmation) string {
	return "Message\n" + c.Message + "\nMessageId\n" + c.MessageId + "\nSubscribeURL\n" + c.SubscribeURL +
		"\nTimestamp\n" + c.Timestamp + "\nToken\n" + c.Token + "\nTopicArn\n" + c.TopicArn + "\nType\n" + c.Type + "\n"
}

// postConfirmation sends a SubscriptionConfirmation (the subscription was
// created, token confirms it) or an UnsubscribeConfirmation (it was
// deleted, token restores it) to an HTTP subscription's endpoint.
func (s *Service) postConfirmation(ctx *service.Context, sub *subscription, kind, token, sigVersion string) {
	a, _ := service.ParseARN(sub.topicArn)
	c := &confirmation{
		Type: kind, MessageId: service.UUID(), Token: token, TopicArn: sub.topicArn,
		SubscribeURL: endpointURL(ctx, a.Region) + "/?Action=ConfirmSubscription&TopicArn=" + sub.topicArn + "&Token=" + token,
		Timestamp:    time.Now().UTC().Format("2006-01-02T15:04:05.000Z"),
	}
	headers := map[string]string{"x-amz-sns-message-type": kind, "x-amz-sns-message-id": c.MessageId, "x-amz-sns-topic-arn": sub.topicArn}
	if kind == "SubscriptionConfirmation" {
		c.Message = "You have chosen to subscribe to the topic " + sub.topicArn + ".\nTo confirm the subscription, visit the SubscribeURL included in this message."
	} else {
		c.Message = "You have chosen to deactivate subscription " + sub.arn + ".\nTo cancel this operation and restore the subscription, visit the SubscribeURL included in this message."
		headers["x-amz-sns-subscription-arn"] = sub.arn
	}
	if sigVersion == "" {
		sigVersion = "1"
	}
	c.SignatureVersion = sigVersion
	c.Signature = s.signer.sign(canonicalConfirmation(c), sigVersion)
	c.SigningCertURL = s.signer.certURL(a.Region)
	body, _ := json.Marshal(c)
	s.http.send(httpPost{
		url: sub.endpoint, contentType: defaultHTTPContentType, headers: headers, body: string(body),
		retry:  defaultRetryPolicy,
		failed: func(err error) { s.log.Warn("sns confirmation not delivered", "subscription", sub.arn, "error", err) },
	})
}

// notifyHTTP posts a published message to a confirmed HTTP subscription.
// When every attempt fails, the envelope goes to the subscription's
// dead-letter queue.
func (s *Service) notifyHTTP(ctx *service.Context, t *topic, sub *subscription, e *publishEntry, msg, id, seq, sigVersion string, now time.Time) {
	t.mu.Lock()
	topicPolicy := t.attrs["DeliveryPolicy"]
	t.mu.Unlock()
	policy := effectivePolicy(sub.attrs["DeliveryPolicy"], topicPolicy)
	headers := map[string]string{
		"x-amz-sns-message-type":     "Notification",
		"x-amz-sns-message-id":       id,
		"x-amz-sns-topic-arn":        t.arn,
		"x-amz-sns-subscription-arn": sub.arn,
	}
	body := msg
	if sub.attr("RawMessageDelivery") == "true" {
		headers["x-amz-sns-rawdelivery"] = "true"
	} else {
		body = s.envelope(ctx, t, sub, e, msg, id, seq, sigVersion, now)
	}
	dlq := s.sqsParams(ctx, t, sub, e, msg, id, seq, sigVersion, now)
	dctx := context.WithoutCancel(ctx)
	s.http.send(httpPost{
		url: sub.endpoint, contentType: policy.RequestPolicy.HeaderContentType, headers: headers, body: body, retry: *policy.HealthyRetryPolicy,
		failed: func(err error) { s.deadLetter(dctx, ctx, sub, dlq, err) },
	})
}
