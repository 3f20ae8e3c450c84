package sns

import (
	"encoding/hex"
	"encoding/json"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/parity-harness/parity/emulator/service"
)

// subscription is one topic subscription.
type subscription struct {
	arn, topicArn, protocol, endpoint, owner, principal string
	attrs                                               map[string]string
	pending                                             bool
	token                                               string
	policy                                              *FilterPolicy
}

var protocols = map[string]bool{
	"http": true, "https": true, "email": true, "email-json": true, "sms": true, "sqs": true,
	"application": true, "lambda": true, "firehose": true,
}

// subscriptionAttributes are the attributes Subscribe and
// SetSubscriptionAttributes accept.
var subscriptionAttributes = map[string]bool{
	"DeliveryPolicy": true, "FilterPolicy": true, "FilterPolicyScope": true, "RawMessageDelivery": true,
	"RedrivePolicy": true, "SubscriptionRoleArn": true, "ReplayPolicy": true,
}

// An SMS endpoint is an E.164 number whose digits separators may part, one
// at a time and not at either end ("+1-555-123-4567", "+1.555.123.4567").
var (
	smsEndpoint        = regexp.MustCompile(`^\+?[1-9][0-9]{1,14}$`)
	phoneSeparator     = regexp.MustCompile(`[./-]`)
	misplacedSeparator = regexp.MustCompile(`^[./-]|[./-]$|[./-]{2}`)
)

// validSMSEndpoint reports whether a phone number can be subscribed.
func validSMSEndpoint(n string) bool {
	return !misplacedSeparator.MatchString(n) && smsEndpoint.MatchString(phoneSeparator.ReplaceAllString(n, ""))
}

func itoa(n int) string { return strconv.Itoa(n) }

type subscribeInput struct {
	TopicArn              string            `json:"TopicArn"`
	Protocol              string            `json:"Protocol"`
	Endpoint              string            `json:"Endpoint"`
	Attributes            map[string]string `json:"Attributes"`
	ReturnSubscriptionArn bool              `json:"ReturnSubscriptionArn"`
}

type subscriptionARNOutput struct {
	SubscriptionArn string `json:"SubscriptionArn"`
}

func validateEndpoint(protocol, endpoint string, t *topic) error {
	switch protocol {
	case "sqs":
		a, ok := service.ParseARN(endpoint)
		if !ok || a.Service != "sqs" || a.Resource == "" {
			return errInvalidParameter("Invalid parameter: SQS endpoint ARN")
		}
		if strings.HasSuffix(a.Resource, ".fifo") && !t.fifo {
			return errInvalidParameter("Invalid parameter: Invalid parameter: Endpoint Reason: FIFO SQS Queues can not be subscribed to standard SNS topics")
		}
	case "sms":
		if !validSMSEndpoint(endpoint) {
			return errInvalidParameter("Invalid SMS endpoint: %s", endpoint)
		}
	case "http", "https":
		if !strings.HasPrefix(strings.ToLower(endpoint), protocol+"://") {
			return errInvalidParameter("Invalid parameter: Endpoint must match the specified protocol")
		}
	case "email", "email-json":
		if !strings.Contains(endpoint, "@") {
			return errInvalidParameter("Invalid parameter: Email address")
		}
	case "lambda":
		if a, ok := service.ParseARN(endpoint); !ok || a.Service != "lambda" {
			return errInvalidParameter("Invalid parameter: Lambda endpoint ARN")
		}
	case "firehose":
		if a, ok := service.ParseARN(endpoint); !ok || a.Service != "firehose" {
			return errInvalidParameter("Invalid parameter: Firehose endpoint ARN")
		}
	case "application":
		if a, ok := service.ParseARN(endpoint); !ok || a.Service != "sns" {
			return errInvalidParameter("Invalid parameter: Application endpoint arn invalid:%s", endpoint)
		}
	}
	return nil
}

// validateSubscriptionAttribute checks one attribute; reason is the message
// without the "Invalid parameter: " prefix the caller adds.
func (s *Service) validateSubscriptionAttribute(name, value string, t *topic, scope string) (string, *FilterPolicy, string) {
	switch name {
	case "RawMessageDelivery":
		v, ok := lowerBool(value)
		if !ok {
			return "", nil, "RawMessageDelivery: Invalid value [" + value + "]. Must be true or false."
		}
		return v, nil, ""
	case "FilterPolicyScope":
		if value != scopeAttributes && value != scopeBody {
			return "", nil, "FilterPolicyScope: Invalid value [" + value + "]. Please use either MessageBody or MessageAttributes"
		}
	case "FilterPolicy":
		if value == "" {
			return "", nil, ""
		}
		p, err := ParseFilterPolicy(value, scope)
		if err != nil {
			if strings.HasPrefix(err.Error(), "Filter policy scope") {
				return "", nil, err.Error()
			}
			return "", nil, "FilterPolicy: " + err.Error()
		}
		return value, p, ""
	case "RedrivePolicy":
		if value == "" {
			return "", nil, ""
		}
		var rp map[string]any
		if err := json.Unmarshal([]byte(value), &rp); err != nil {
			return "", nil, "RedrivePolicy: " + jsonSyntaxError(value).Error()
		}
		target, _ := rp["deadLetterTargetArn"].(string)
		a, ok := service.ParseARN(target)
		if !ok || a.Service != "sqs" {
			return "", nil, "RedrivePolicy: deadLetterTargetArn is an invalid arn"
		}
		if t != nil && t.fifo && !strings.HasSuffix(a.Resource, ".fifo") {
			return "", nil, "RedrivePolicy: must use a FIFO queue as DLQ for a FIFO Subscription to a FIFO Topic."
		}
	case "DeliveryPolicy", "ReplayPolicy":
		if value != "" && !json.Valid([]byte(value)) {
			return "", nil, name + ": failed to parse JSON."
		}
	}
	return value, nil, ""
}

func newConfirmationToken() string { return service.RandomHex(64) }

func (s *Service) subscribe(ctx *service.Context, in *subscribeInput) (*subscriptionARNOutput, error) {
	t, err := s.lookupTopic(ctx, "TopicArn", in.TopicArn)
	if err != nil {
		return nil, err
	}
	protocol := strings.ToLower(in.Protocol)
	if !protocols[protocol] {
		return nil, errInvalidParameter("Invalid parameter: Amazon SNS does not support this protocol string: %s", in.Protocol)
	}
	if err := validateEndpoint(protocol, in.Endpoint, t); err != nil {
		return nil, err
	}
	attrs := map[string]string{}
	scope := in.Attributes["FilterPolicyScope"]
	if scope == "" {
		scope = scopeAttributes
	}
	var policy *FilterPolicy
	for k, v := range in.Attributes {
		if !subscriptionAttributes[k] {
			return nil, errInvalidParameter("Invalid parameter: Attributes Reason: Unknown attribute name: %s", k)
		}
		norm, p, reason := s.validateSubscriptionAttribute(k, v, t, scope)
		if reason != "" {
			return nil, errInvalidParameter("Invalid parameter: Attributes Reason: %s", reason)
		}
		if p != nil {
			policy = p
		}
		if norm != "" {
			attrs[k] = norm
		}
	}
	if protocol == "firehose" && attrs["SubscriptionRoleArn"] == "" {
		return nil, errInvalidParameter("Invalid parameter: Attributes Reason: Delivery protocol [firehose] requires a SubscriptionRoleArn")
	}
	r := s.regionOf(t.arn)
	r.mu.Lock()
	defer r.mu.Unlock()
	t.mu.Lock()
	defer t.mu.Unlock()
	for _, arn := range t.subs {
		sub := r.subs[arn]
		if sub == nil || sub.protocol != protocol || sub.endpoint != in.Endpoint {
			continue
		}
		for k, v := range attrs {
			if sub.attr(k) != v {
				return nil, errInvalidParameter("Invalid parameter: Attributes Reason: Subscription already exists with different attributes")
			}
		}
		if sub.pending && !in.ReturnSubscriptionArn {
			return &subscriptionARNOutput{SubscriptionArn: "pending confirmation"}, nil
		}
		return &subscriptionARNOutput{SubscriptionArn: sub.arn}, nil
	}
	sub := &subscription{
		arn: t.arn + ":" + service.UUID(), topicArn: t.arn, protocol: protocol, endpoint: in.Endpoint,
		owner: account(ctx), principal: callerPrincipal(ctx), attrs: attrs, policy: policy,
	}
	switch protocol {
	case "http", "https", "email", "email-json":
		sub.pending = true
		sub.token = newConfirmationToken()
		r.tokens[sub.token] = sub.arn
	}
	r.subs[sub.arn] = sub
	t.subs = append(t.subs, sub.arn)
	if protocol == "http" || protocol == "https" {
		s.postConfirmation(ctx, sub, "SubscriptionConfirmation", sub.token, t.attrs["SignatureVersion"])
	}
	if sub.pending && !in.ReturnSubscriptionArn {
		return &subscriptionARNOutput{SubscriptionArn: "pending confirmation"}, nil
	}
	return &subscriptionARNOutput{SubscriptionArn: sub.arn}, nil
}

// attr returns a subscription attribute with its default.
func (sub *subscription) attr(name string) string {
	if v, ok := sub.attrs[name]; ok {
		return v
	}
	switch name {
	case "RawMessageDelivery":
		return "false"
	case "FilterPolicyScope":
		return scopeAttributes
	}
	return ""
}

// checkSubscriptionARN validates a subscription ARN parameter.
func checkSubscriptionARN(arn string) error {
	if err := checkARN("SubscriptionArn", arn); err != nil {
		return err
	}
	if len(strings.Split(arn, ":")) < 7 {
		return errInvalidParameter("Invalid parameter: SubscriptionId")
	}
	return nil
}

type subscriptionInput struct {
	SubscriptionArn string `json:"SubscriptionArn"`
}

func (s *Service) lookupSubscription(arn string) (*region, *subscription, error) {
	if err := checkSubscriptionARN(arn); err != nil {
		return nil, nil, err
	}
	r := s.regionOf(arn)
	if r == nil {
		return nil, nil, errSubscriptionNotFound()
	}
	r.mu.RLock()
	sub := r.subs[arn]
	r.mu.RUnlock()
	if sub == nil {
		return nil, nil, errSubscriptionNotFound()
	}
	return r, sub, nil
}

func (s *Service) unsubscribe(ctx *service.Context, in *subscriptionInput) (*struct{}, error) {
	if err := checkSubscriptionARN(in.SubscriptionArn); err != nil {
		return nil, err
	}
	r := s.regionOf(in.SubscriptionArn)
	if r == nil {
		return nil, nil
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	sub := r.subs[in.SubscriptionArn]
	if sub == nil {
		return nil, nil
	}
	delete(r.subs, sub.arn)
	delete(r.tokens, sub.token)
	if (sub.protocol == "http" || sub.protocol == "https") && !sub.pending {
		restore := newConfirmationToken()
		r.tokens[restore] = sub.arn
		r.unsubscribed[sub.arn] = sub
		sigVersion := ""
		if t := r.topics[sub.topicArn]; t != nil {
			t.mu.Lock()
			sigVersion = t.attrs["SignatureVersion"]
			t.mu.Unlock()
		}
		s.postConfirmation(ctx, sub, "UnsubscribeConfirmation", restore, sigVersion)
	}
	if t := r.topics[sub.topicArn]; t != nil {
		t.mu.Lock()
		for i, a := range t.subs {
			if a == sub.arn {
				t.subs = append(t.subs[:i:i], t.subs[i+1:]...)
				break
			}
		}
		t.deletedSubs++
		t.mu.Unlock()
	}
	return nil, nil
}

type confirmSubscriptionInput struct {
	TopicArn                  string `json:"TopicArn"`
	Token                     string `json:"Token"`
	AuthenticateOnUnsubscribe string `json:"AuthenticateOnUnsubscribe"`
}

func (s *Service) confirmSubscription(ctx *service.Context, in *confirmSubscriptionInput) (*subscriptionARNOutput, error) {
	if err := checkARN("TopicArn", in.TopicArn); err != nil {
		return nil, err
	}
	if _, err := hex.DecodeString(in.Token); err != nil || in.Token == "" {
		return nil, errInvalidParameter("Invalid token")
	}
	// A token belongs to the subscription it was sent for: an unknown token
	// is a bad Token, a known one given with another topic a bad Topic. It
	// is looked up where the topic ARN points, then in the caller's region.
	var r *region
	var arn string
	for _, c := range []*region{s.regionOf(in.TopicArn), s.regions.Get(account(ctx), regionName(ctx))} {
		if c == nil {
			continue
		}
		c.mu.RLock()
		a, ok := c.tokens[in.Token]
		c.mu.RUnlock()
		if ok {
			r, arn = c, a
			break
		}
	}
	if r == nil {
		return nil, errInvalidParameter("Invalid parameter: Token")
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	sub := r.subs[arn]
	if sub == nil {
		sub = r.unsubscribed[arn]
	}
	if sub == nil {
		return nil, errInvalidParameter("Invalid parameter: Token")
	}
	if sub.topicArn != in.TopicArn {
		return nil, errInvalidParameter("Invalid parameter: Topic")
	}
	t := r.topics[sub.topicArn]
	if t == nil {
		return nil, errInvalidParameter("Invalid parameter: Token")
	}
	if r.unsubscribed[arn] == sub {
		// The token of an UnsubscribeConfirmation restores the subscription.
		delete(r.unsubscribed, arn)
		r.subs[arn] = sub
		t.mu.Lock()
		t.subs = append(t.subs, arn)
		t.mu.Unlock()
	}
	sub.pending = false
	return &subscriptionARNOutput{SubscriptionArn: sub.arn}, nil
}

// attributes are the subscription's attributes; topicPolicy is its
// topic's DeliveryPolicy.
func (sub *subscription) attributes(topicPolicy string) map[string]string {
	out := map[string]string{
		"ConfirmationWasAuthenticated": strconv.FormatBool(!sub.pending),
		"Endpoint":                     sub.endpoint,
		"Owner":                        sub.owner,
		"PendingConfirmation":          strconv.FormatBool(sub.pending),
		"Protocol":                     sub.protocol,
		"RawMessageDelivery":           sub.attr("RawMessageDelivery"),
		"SubscriptionArn":              sub.arn,
		"SubscriptionPrincipal":        sub.principal,
		"TopicArn":                     sub.topicArn,
	}
	for k, v := range sub.attrs {
		if k == "FilterPolicyScope" {
			continue
		}
		out[k] = v
	}
	if _, ok := sub.attrs["FilterPolicy"]; ok {
		out["FilterPolicyScope"] = sub.attr("FilterPolicyScope")
	}
	if sub.protocol == "http" || sub.protocol == "https" {
		if dp := sub.attrs["DeliveryPolicy"]; dp != "" {
			out["DeliveryPolicy"] = parseSubscriptionPolicy(dp).String()
		}
		out["EffectiveDeliveryPolicy"] = effectivePolicy(sub.attrs["DeliveryPolicy"], topicPolicy).String()
	}
	return out
}

func (s *Service) getSubscriptionAttributes(ctx *service.Context, in *subscriptionInput) (*attributesOutput, error) {
	r, sub, err := s.lookupSubscription(in.SubscriptionArn)
	if err != nil {
		return nil, err
	}
	r.mu.RLock()
	defer r.mu.RUnlock()
	topicPolicy := ""
	if t := r.topics[sub.topicArn]; t != nil {
		t.mu.Lock()
		topicPolicy = t.attrs["DeliveryPolicy"]
		t.mu.Unlock()
	}
	return &attributesOutput{Attributes: sub.attributes(topicPolicy)}, nil
}

type setSubscriptionAttributesInput struct {
	SubscriptionArn string  `json:"SubscriptionArn"`
	AttributeName   string  `json:"AttributeName"`
	AttributeValue  *string `json:"AttributeValue"`
}

func (s *Service) setSubscriptionAttributes(ctx *service.Context, in *setSubscriptionAttributesInput) (*struct{}, error) {
	if !subscriptionAttributes[in.AttributeName] {
		if err := checkSubscriptionARN(in.SubscriptionArn); err != nil {
			return nil, err
		}
		return nil, errInvalidParameter("Invalid parameter: AttributeName")
	}
	r, sub, err := s.lookupSubscription(in.SubscriptionArn)
	if err != nil {
		return nil, err
	}
	value := ""
	if in.AttributeValue != nil {
		value = *in.AttributeValue
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	t := r.topics[sub.topicArn]
	scope := sub.attr("FilterPolicyScope")
	if in.AttributeName == "FilterPolicyScope" {
		scope = value
	}
	norm, p, reason := s.validateSubscriptionAttribute(in.AttributeName, value, t, scope)
	if reason != "" {
		return nil, errInvalidParameter("Invalid parameter: %s", reason)
	}
	switch in.AttributeName {
	case "FilterPolicyScope":
		if raw := sub.attrs["FilterPolicy"]; raw != "" {
			np, perr := ParseFilterPolicy(raw, scope)
			if perr != nil {
				return nil, errInvalidParameter("Invalid parameter: %s", perr.Error())
			}
			sub.policy = np
		}
	case "FilterPolicy":
		sub.policy = p
	}
	if norm == "" && in.AttributeName != "RawMessageDelivery" {
		delete(sub.attrs, in.AttributeName)
		return nil, nil
	}
	sub.attrs[in.AttributeName] = norm
	return nil, nil
}

type listSubscriptionsInput struct {
	TopicArn  string `json:"TopicArn"`
	NextToken string `json:"NextToken"`
}

type subscriptionEntry struct {
	SubscriptionArn string `json:"SubscriptionArn"`
	Owner           string `json:"Owner"`
	Protocol        string `json:"Protocol"`
	Endpoint        string `json:"Endpoint"`
	TopicArn        string `json:"TopicArn"`
}

type listSubscriptionsOutput struct {
	Subscriptions []subscriptionEntry `json:"Subscriptions"`
	NextToken     string              `json:"NextToken,omitempty"`
}

func (sub *subscription) entry() subscriptionEntry {
	arn := sub.arn
	if sub.pending {
		arn = "PendingConfirmation"
	}
	return subscriptionEntry{SubscriptionArn: arn, Owner: sub.owner, Protocol: sub.protocol, Endpoint: sub.endpoint, TopicArn: sub.topicArn}
}

func (s *Service) listSubscriptions(ctx *service.Context, in *listSubscriptionsInput) (*listSubscriptionsOutput, error) {
	r := s.region(ctx)
	r.mu.RLock()
	keys := make([]string, 0, len(r.subs))
	for arn := range r.subs {
		keys = append(keys, arn)
	}
	r.mu.RUnlock()
	sort.Strings(keys)
	return s.subscriptionPage(r, keys, in.NextToken)
}

// subscriptionPage returns the page of keys (in their order) that token
// starts, 100 subscriptions at most.
func (s *Service) subscriptionPage(r *region, keys []string, token string) (*listSubscriptionsOutput, error) {
	offset := 0
	if token != "" {
		n, err := service.ParsePageToken(token, "InvalidParameter")
		if err != nil {
			return nil, errInvalidParameter("Invalid parameter: NextToken")
		}
		offset = n
	}
	arns, next := service.Page(keys, offset, 100)
	out := &listSubscriptionsOutput{Subscriptions: []subscriptionEntry{}, NextToken: next}
	r.mu.RLock()
	defer r.mu.RUnlock()
	for _, a := range arns {
		if sub := r.subs[a]; sub != nil {
			out.Subscriptions = append(out.Subscriptions, sub.entry())
		}
	}
	return out, nil
}

func (s *Service) listSubscriptionsByTopic(ctx *service.Context, in *listSubscriptionsInput) (*listSubscriptionsOutput, error) {
	t, err := s.lookupTopic(ctx, "TopicArn", in.TopicArn)
	if err != nil {
		return nil, err
	}
	t.mu.Lock()
	keys := append([]string(nil), t.subs...) // in subscription order
	t.mu.Unlock()
	return s.subscriptionPage(s.regionOf(t.arn), keys, in.NextToken)
}
