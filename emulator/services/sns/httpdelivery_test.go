package sns

import (
	"crypto"
	"crypto/rsa"
	"crypto/sha1"
	"encoding/base64"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// post is one request an endpoint received.
type post struct {
	header http.Header
	body   string
}

// endpoint starts an HTTP endpoint that answers status and hands every
// request to the returned channel.
func endpoint(t *testing.T, status int) (string, <-chan post, *atomic.Int32) {
	got := make(chan post, 16)
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		hits.Add(1)
		got <- post{r.Header.Clone(), string(b)}
		w.WriteHeader(status)
	}))
	t.Cleanup(srv.Close)
	return srv.URL + "/sns-endpoint", got, &hits
}

func next(t *testing.T, got <-chan post) post {
	t.Helper()
	select {
	case p := <-got:
		return p
	case <-time.After(5 * time.Second):
		t.Fatal("the endpoint received nothing")
		return post{}
	}
}

func closeSNS(t *testing.T, e *env) {
	t.Cleanup(func() { _ = e.emu.services["sns"].(*Service).Close() })
}

func TestHTTPSubscriptionLifecycle(t *testing.T) {
	e := newEnv(t)
	closeSNS(t, e)
	url, got, _ := endpoint(t, http.StatusOK)
	topic := e.must("sns", "CreateTopic", map[string]any{"Name": "t"})["TopicArn"].(string)
	if arn := e.must("sns", "Subscribe", map[string]any{"TopicArn": topic, "Protocol": "http", "Endpoint": url})["SubscriptionArn"]; arn != "pending confirmation" {
		t.Fatalf("Subscribe answered %v, want pending confirmation", arn)
	}

	conf := next(t, got)
	var c confirmation
	if err := json.Unmarshal([]byte(conf.body), &c); err != nil {
		t.Fatalf("confirmation body %q: %v", conf.body, err)
	}
	wantHeaders := map[string]string{
		"X-Amz-Sns-Message-Type": "SubscriptionConfirmation", "X-Amz-Sns-Topic-Arn": topic, "X-Amz-Sns-Message-Id": c.MessageId,
		"User-Agent": httpUserAgent, "Content-Type": defaultHTTPContentType,
	}
	for k, v := range wantHeaders {
		if conf.header.Get(k) != v {
			t.Errorf("confirmation header %s = %q, want %q", k, conf.header.Get(k), v)
		}
	}
	if c.Type != "SubscriptionConfirmation" || c.TopicArn != topic || !strings.Contains(c.SubscribeURL, "Action=ConfirmSubscription&TopicArn="+topic+"&Token="+c.Token) {
		t.Fatalf("confirmation = %+v", c)
	}
	signer := e.emu.services["sns"].(*Service).signer
	sig, _ := base64.StdEncoding.DecodeString(c.Signature)
	sum := sha1.Sum([]byte(canonicalConfirmation(&c)))
	if err := rsa.VerifyPKCS1v15(&signer.key.PublicKey, crypto.SHA1, sum[:], sig); err != nil {
		t.Fatalf("confirmation signature does not verify: %v", err)
	}

	sub := e.must("sns", "ConfirmSubscription", map[string]any{"TopicArn": topic, "Token": c.Token})["SubscriptionArn"].(string)
	e.must("sns", "Publish", map[string]any{"TopicArn": topic, "Message": "hello", "Subject": "s"})
	n := next(t, got)
	var env notification
	if err := json.Unmarshal([]byte(n.body), &env); err != nil || env.Type != "Notification" || env.Message != "hello" || env.Subject != "s" {
		t.Fatalf("notification body %q (%v)", n.body, err)
	}
	if n.header.Get("X-Amz-Sns-Subscription-Arn") != sub || n.header.Get("X-Amz-Sns-Message-Id") != env.MessageId || n.header.Get("X-Amz-Sns-Rawdelivery") != "" {
		t.Fatalf("notification headers %v", n.header)
	}

	e.must("sns", "SetSubscriptionAttributes", map[string]any{"SubscriptionArn": sub, "AttributeName": "RawMessageDelivery", "AttributeValue": "true"})
	e.must("sns", "SetSubscriptionAttributes", map[string]any{"SubscriptionArn": sub, "AttributeName": "DeliveryPolicy", "AttributeValue": `{"requestPolicy":{"headerContentType":"text/csv"}}`})
	e.must("sns", "Publish", map[string]any{"TopicArn": topic, "Message": "a,b"})
	raw := next(t, got)
	if raw.body != "a,b" || raw.header.Get("X-Amz-Sns-Rawdelivery") != "true" || raw.header.Get("Content-Type") != "text/csv" {
		t.Fatalf("raw delivery: body %q headers %v", raw.body, raw.header)
	}

	e.must("sns", "Unsubscribe", map[string]any{"SubscriptionArn": sub})
	unsub := next(t, got)
	var u confirmation
	_ = json.Unmarshal([]byte(unsub.body), &u)
	if u.Type != "UnsubscribeConfirmation" || unsub.header.Get("X-Amz-Sns-Subscription-Arn") != sub || u.Token == "" || u.Token == c.Token {
		t.Fatalf("unsubscribe confirmation %q headers %v", unsub.body, unsub.header)
	}
	if restored := e.must("sns", "ConfirmSubscription", map[string]any{"TopicArn": topic, "Token": u.Token})["SubscriptionArn"]; restored != sub {
		t.Fatalf("the unsubscribe token restored %v, want %s", restored, sub)
	}
	e.must("sns", "Publish", map[string]any{"TopicArn": topic, "Message": "back"})
	if again := next(t, got); again.body != "back" {
		t.Fatalf("after restoring, the endpoint got %q", again.body)
	}
}

func TestHTTPDeliveryFailureGoesToDeadLetterQueue(t *testing.T) {
	e := newEnv(t)
	closeSNS(t, e)
	url, got, hits := endpoint(t, http.StatusInternalServerError)
	topic := e.must("sns", "CreateTopic", map[string]any{"Name": "t"})["TopicArn"].(string)
	dlq := e.must("sqs", "CreateQueue", map[string]any{"QueueName": "dlq"})["QueueUrl"].(string)
	e.must("sns", "Subscribe", map[string]any{"TopicArn": topic, "Protocol": "http", "Endpoint": url})
	var c confirmation
	// The confirmation is retried like any post: the first attempt is enough.
	_ = json.Unmarshal([]byte(next(t, got).body), &c)
	sub := e.must("sns", "ConfirmSubscription", map[string]any{"TopicArn": topic, "Token": c.Token})["SubscriptionArn"].(string)
	e.must("sns", "SetSubscriptionAttributes", map[string]any{"SubscriptionArn": sub, "AttributeName": "RedrivePolicy", "AttributeValue": `{"deadLetterTargetArn":"arn:aws:sqs:us-east-1:000000000000:dlq"}`})
	e.must("sns", "SetSubscriptionAttributes", map[string]any{"SubscriptionArn": sub, "AttributeName": "DeliveryPolicy", "AttributeValue": `{"healthyRetryPolicy":{"numRetries":2,"numNoDelayRetries":2,"minDelayTarget":1,"maxDelayTarget":1}}`})
	before := hits.Load()
	e.must("sns", "Publish", map[string]any{"TopicArn": topic, "Message": "lost?"})

	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) {
		if msgs := e.receive(dlq); len(msgs) == 1 {
			var env notification
			if err := json.Unmarshal([]byte(msgs[0]["Body"].(string)), &env); err != nil || env.Message != "lost?" {
				t.Fatalf("dead-letter body %v (%v)", msgs[0]["Body"], err)
			}
			if n := hits.Load() - before; n != 3 {
				t.Fatalf("the endpoint saw %d attempts, want 1 + 2 retries", n)
			}
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatal("the failed message never reached the dead-letter queue")
}

func TestRetryPolicyDelays(t *testing.T) {
	rp := retryPolicy{NumRetries: 6, NumNoDelayRetries: 1, NumMinDelayRetries: 1, NumMaxDelayRetries: 1, MinDelayTarget: 2, MaxDelayTarget: 8, BackoffFunction: "linear"}
	tests := []struct {
		attempt int
		want    time.Duration
		more    bool
	}{
		{0, 0, true},
		{1, 2 * time.Second, true},
		{2, 4 * time.Second, true},
		{3, 6 * time.Second, true},
		{4, 8 * time.Second, true},
		{5, 8 * time.Second, true},
		{6, 0, false},
	}
	for _, tt := range tests {
		d, more := rp.delay(tt.attempt)
		if d != tt.want || more != tt.more {
			t.Errorf("delay(%d) = %v, %v; want %v, %v", tt.attempt, d, more, tt.want, tt.more)
		}
	}
}

func TestEffectivePolicy(t *testing.T) {
	tests := []struct {
		name, sub, topic string
		wantType         string
		wantRetries      int
	}{
		{"default", "", "", defaultHTTPContentType, 3},
		{"topic http section", "", `{"http":{"defaultHealthyRetryPolicy":{"numRetries":0},"defaultRequestPolicy":{"headerContentType":"application/json"}}}`, "application/json", 0},
		{"subscription wins", `{"healthyRetryPolicy":{"numRetries":5},"requestPolicy":{"headerContentType":"text/csv"}}`, `{"http":{"defaultRequestPolicy":{"headerContentType":"application/json"}}}`, "text/csv", 5},
		{"malformed is ignored", `{`, `[]`, defaultHTTPContentType, 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := effectivePolicy(tt.sub, tt.topic)
			if p.RequestPolicy.HeaderContentType != tt.wantType || p.HealthyRetryPolicy.NumRetries != tt.wantRetries {
				t.Fatalf("got %q with %d retries, want %q with %d", p.RequestPolicy.HeaderContentType, p.HealthyRetryPolicy.NumRetries, tt.wantType, tt.wantRetries)
			}
		})
	}
}

func TestSubscriptionPolicyNormalisedForm(t *testing.T) {
	tests := []struct{ raw, want string }{
		{`{"requestPolicy":{"headerContentType":"text/csv"}}`, `{"guaranteed":false,"healthyRetryPolicy":null,"requestPolicy":{"headerContentType":"text/csv"},"sicklyRetryPolicy":null,"throttlePolicy":null}`},
		{`{"healthyRetryPolicy":{"numRetries":1},"throttlePolicy":{"maxReceivesPerSecond":1000}}`, `{"guaranteed":false,"healthyRetryPolicy":{"minDelayTarget":0,"maxDelayTarget":0,"numRetries":1,"numMaxDelayRetries":0,"numNoDelayRetries":0,"numMinDelayRetries":0,"backoffFunction":"linear"},"requestPolicy":null,"sicklyRetryPolicy":null,"throttlePolicy":{"maxReceivesPerSecond":1000}}`},
	}
	for _, tt := range tests {
		if got := parseSubscriptionPolicy(tt.raw).String(); got != tt.want {
			t.Errorf("%s\n got %s\nwant %s", tt.raw, got, tt.want)
		}
	}
	overridden := effectivePolicy(`{"requestPolicy":{"headerContentType":"text/csv"}}`, `{"http":{"disableSubscriptionOverrides":true}}`)
	if overridden.RequestPolicy.HeaderContentType != defaultHTTPContentType {
		t.Errorf("a topic that disables overrides keeps the subscription's content type %q", overridden.RequestPolicy.HeaderContentType)
	}
}
