package sns

import (
	"encoding/json"
	"math"
	"time"
)

// Delivery policies of HTTP(S) subscriptions: how often SNS retries a post
// and with which Content-Type. A subscription's own DeliveryPolicy is
// reported in AWS's normalised form (every section present, null when
// unset); its EffectiveDeliveryPolicy fills the unset sections from the
// topic's "http" section and AWS's defaults.

// retryPolicy is a healthyRetryPolicy (or sicklyRetryPolicy).
type retryPolicy struct {
	MinDelayTarget     int    `json:"minDelayTarget"`
	MaxDelayTarget     int    `json:"maxDelayTarget"`
	NumRetries         int    `json:"numRetries"`
	NumMaxDelayRetries int    `json:"numMaxDelayRetries"`
	NumNoDelayRetries  int    `json:"numNoDelayRetries"`
	NumMinDelayRetries int    `json:"numMinDelayRetries"`
	BackoffFunction    string `json:"backoffFunction"`
}

// requestPolicy is the requestPolicy of a delivery policy.
type requestPolicy struct {
	HeaderContentType string `json:"headerContentType"`
}

// throttlePolicy is the throttlePolicy of a delivery policy.
type throttlePolicy struct {
	MaxReceivesPerSecond int `json:"maxReceivesPerSecond"`
}

// subscriptionPolicy is an HTTP subscription's delivery policy.
type subscriptionPolicy struct {
	Guaranteed         bool            `json:"guaranteed"`
	HealthyRetryPolicy *retryPolicy    `json:"healthyRetryPolicy"`
	RequestPolicy      *requestPolicy  `json:"requestPolicy"`
	SicklyRetryPolicy  *retryPolicy    `json:"sicklyRetryPolicy"`
	ThrottlePolicy     *throttlePolicy `json:"throttlePolicy"`
}

// topicHTTPPolicy is the "http" section of a topic's delivery policy.
type topicHTTPPolicy struct {
	DefaultHealthyRetryPolicy    *retryPolicy    `json:"defaultHealthyRetryPolicy"`
	DefaultSicklyRetryPolicy     *retryPolicy    `json:"defaultSicklyRetryPolicy,omitempty"`
	DefaultThrottlePolicy        *throttlePolicy `json:"defaultThrottlePolicy,omitempty"`
	DefaultRequestPolicy         *requestPolicy  `json:"defaultRequestPolicy"`
	DisableSubscriptionOverrides bool            `json:"disableSubscriptionOverrides"`
}

// defaultRetryPolicy is AWS's retry policy for HTTP endpoints: three
// retries, 20 seconds apart.
var defaultRetryPolicy = retryPolicy{MinDelayTarget: 20, MaxDelayTarget: 20, NumRetries: 3, BackoffFunction: "linear"}

// defaultHTTPContentType is the Content-Type of every post unless a delivery
// policy's requestPolicy names another for notifications.
const defaultHTTPContentType = "text/plain; charset=UTF-8"

// parseSubscriptionPolicy reads a subscription's DeliveryPolicy; what does
// not parse counts as unset (SetSubscriptionAttributes rejects it before).
func parseSubscriptionPolicy(raw string) subscriptionPolicy {
	var p subscriptionPolicy
	if raw != "" {
		_ = json.Unmarshal([]byte(raw), &p)
	}
	for _, rp := range []*retryPolicy{p.HealthyRetryPolicy, p.SicklyRetryPolicy} {
		if rp != nil && rp.BackoffFunction == "" {
			rp.BackoffFunction = "linear"
		}
	}
	return p
}

// parseTopicHTTPPolicy reads the http section of a topic's DeliveryPolicy,
// AWS's defaults where it says nothing.
func parseTopicHTTPPolicy(raw string) topicHTTPPolicy {
	var doc struct {
		HTTP *topicHTTPPolicy `json:"http"`
	}
	if raw != "" {
		_ = json.Unmarshal([]byte(raw), &doc)
	}
	p := topicHTTPPolicy{}
	if doc.HTTP != nil {
		p = *doc.HTTP
	}
	if p.DefaultHealthyRetryPolicy == nil {
		def := defaultRetryPolicy
		p.DefaultHealthyRetryPolicy = &def
	}
	if p.DefaultRequestPolicy == nil || p.DefaultRequestPolicy.HeaderContentType == "" {
		p.DefaultRequestPolicy = &requestPolicy{HeaderContentType: defaultHTTPContentType}
	}
	return p
}

// effectiveTopicPolicy is a topic's EffectiveDeliveryPolicy: its http
// section with AWS's defaults where it says nothing.
func effectiveTopicPolicy(raw string) string {
	b, _ := json.Marshal(map[string]topicHTTPPolicy{"http": parseTopicHTTPPolicy(raw)})
	return string(b)
}

// effectivePolicy is the policy SNS applies to an HTTP subscription: its
// own sections, the topic's defaults for the others (and for all of them
// when the topic disables subscription overrides).
func effectivePolicy(subPolicy, topicPolicy string) subscriptionPolicy {
	t := parseTopicHTTPPolicy(topicPolicy)
	p := parseSubscriptionPolicy(subPolicy)
	if t.DisableSubscriptionOverrides {
		p = subscriptionPolicy{Guaranteed: p.Guaranteed}
	}
	if p.HealthyRetryPolicy == nil {
		p.HealthyRetryPolicy = t.DefaultHealthyRetryPolicy
	}
	if p.RequestPolicy == nil || p.RequestPolicy.HeaderContentType == "" {
		p.RequestPolicy = t.DefaultRequestPolicy
	}
	if p.SicklyRetryPolicy == nil {
		p.SicklyRetryPolicy = t.DefaultSicklyRetryPolicy
	}
	if p.ThrottlePolicy == nil {
		p.ThrottlePolicy = t.DefaultThrottlePolicy
	}
	return p
}

// String is the policy as the subscription attributes report it.
func (p subscriptionPolicy) String() string {
	b, _ := json.Marshal(p)
	return string(b)
}

// delay returns the wait before retry number attempt+1 (attempt 0 is the
// first try) and whether that retry is allowed: first the immediate
// retries, then those at the minimum delay, then the backoff phase rising
// from the minimum to the maximum delay, then those at the maximum.
func (rp retryPolicy) delay(attempt int) (time.Duration, bool) {
	if attempt >= rp.NumRetries {
		return 0, false
	}
	sec := func(s float64) time.Duration { return time.Duration(s * float64(time.Second)) }
	minD, maxD := float64(rp.MinDelayTarget), float64(max(rp.MaxDelayTarget, rp.MinDelayTarget))
	switch backoff := rp.NumRetries - rp.NumNoDelayRetries - rp.NumMinDelayRetries - rp.NumMaxDelayRetries; {
	case attempt < rp.NumNoDelayRetries:
		return 0, true
	case attempt < rp.NumNoDelayRetries+rp.NumMinDelayRetries:
		return sec(minD), true
	case attempt < rp.NumNoDelayRetries+rp.NumMinDelayRetries+backoff:
		i := attempt - rp.NumNoDelayRetries - rp.NumMinDelayRetries + 1
		f := float64(i) / float64(backoff)
		switch rp.BackoffFunction {
		case "exponential":
			if minD <= 0 {
				return sec(maxD * f), true
			}
			return sec(minD * math.Pow(maxD/minD, f)), true
		case "geometric":
			return sec(minD + (maxD-minD)*f*f*f), true
		case "arithmetic":
			return sec(minD + (maxD-minD)*f*f), true
		default: // linear
			return sec(minD + (maxD-minD)*f), true
		}
	default:
		return sec(maxD), true
	}
}
