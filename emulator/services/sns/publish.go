package sns

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/parity-harness/parity/emulator/awserr"
	"github.com/parity-harness/parity/emulator/service"
)

const (
	maxMessageBytes = 262144
	dedupWindow     = 5 * time.Minute
)

// MessageAttribute is a message attribute of Publish.
type MessageAttribute struct {
	DataType    string  `json:"DataType"`
	StringValue *string `json:"StringValue,omitempty"`
	BinaryValue []byte  `json:"BinaryValue,omitempty"`
}

func (a MessageAttribute) stringValue() string {
	if a.StringValue == nil {
		return ""
	}
	return *a.StringValue
}

// publishEntry is Publish's input or one entry of PublishBatch.
type publishEntry struct {
	Id                     string                      `json:"Id"`
	Message                *string                     `json:"Message"`
	Subject                *string                     `json:"Subject"`
	MessageStructure       string                      `json:"MessageStructure"`
	MessageAttributes      map[string]MessageAttribute `json:"MessageAttributes"`
	MessageDeduplicationId *string                     `json:"MessageDeduplicationId"`
	MessageGroupId         *string                     `json:"MessageGroupId"`
}

type publishInput struct {
	TopicArn    string `json:"TopicArn"`
	TargetArn   string `json:"TargetArn"`
	PhoneNumber string `json:"PhoneNumber"`
	publishEntry
}

type publishOutput struct {
	MessageId      string `json:"MessageId"`
	SequenceNumber string `json:"SequenceNumber,omitempty"`
}

var phoneNumber = regexp.MustCompile(`^\+?[1-9][0-9]{1,14}$`)

func (s *Service) publish(ctx *service.Context, in *publishInput) (*publishOutput, error) {
	switch {
	case in.PhoneNumber != "":
		if !phoneNumber.MatchString(in.PhoneNumber) {
			return nil, errInvalidParameter("Invalid parameter: PhoneNumber Reason: %s is not valid to publish to", in.PhoneNumber)
		}
		if err := validateEntry(&in.publishEntry, nil, "messageAttributes"); err != nil {
			return nil, err
		}
		return &publishOutput{MessageId: service.UUID()}, nil
	case in.TopicArn == "" && in.TargetArn != "" && strings.Contains(in.TargetArn, ":endpoint/"):
		return s.publishToEndpoint(ctx, in)
	}
	arn, param := in.TopicArn, "TopicArn"
	if arn == "" {
		arn, param = in.TargetArn, "TargetArn"
	}
	if arn == "" {
		return nil, errInvalidParameter("Invalid parameter: TopicArn or TargetArn Reason: no value for required parameter")
	}
	t, err := s.publishTarget(ctx, param, arn)
	if err != nil {
		return nil, err
	}
	if verr := validateEntry(&in.publishEntry, t, "messageAttributes"); verr != nil {
		return nil, verr
	}
	id, seq, fresh := t.register(&in.publishEntry, time.Now())
	if fresh {
		s.deliver(ctx, t, &in.publishEntry, id, seq)
	}
	return &publishOutput{MessageId: id, SequenceNumber: seq}, nil
}

// publishTarget resolves the topic a publish names; a topic in another
// region than the caller's is an invalid parameter, as on AWS.
func (s *Service) publishTarget(ctx *service.Context, param, arn string) (*topic, error) {
	if err := checkARN(param, arn); err != nil {
		return nil, err
	}
	a, ok := service.ParseARN(arn)
	if !ok || a.Service != "sns" || a.Region != regionName(ctx) {
		return nil, errInvalidParameter("Invalid parameter: %s", param)
	}
	return s.lookupTopic(ctx, param, arn)
}

// validateEntry applies SNS's publish rules to one message; t is nil for
// SMS and push targets. attrPath names the attributes in validation errors.
func validateEntry(e *publishEntry, t *topic, attrPath string) error {
	if e.Message == nil || *e.Message == "" {
		return errInvalidParameter("Invalid parameter: Empty message")
	}
	if e.Subject != nil {
		sub := *e.Subject
		if sub == "" || len(sub) > 100 || strings.ContainsAny(sub, "\n\r") {
			return errInvalidParameter("Invalid parameter: Subject")
		}
	}
	if err := validateMessageAttributes(e.MessageAttributes, attrPath); err != nil {
		return err
	}
	if size(e) > maxMessageBytes {
		return errInvalidParameter("Invalid parameter: Message too long")
	}
	if e.MessageStructure != "" {
		if e.MessageStructure != "json" {
			return errInvalidParameter("Invalid parameter: MessageStructure")
		}
		var doc map[string]any
		if json.Unmarshal([]byte(*e.Message), &doc) != nil {
			return errInvalidParameter("Invalid parameter: Message Structure - JSON message body failed to parse")
		}
		if _, ok := doc["default"].(string); !ok {
			return errInvalidParameter("Invalid parameter: Message Structure - No default entry in JSON message body")
		}
	}
	if t == nil {
		return nil
	}
	if !t.fifo {
		if e.MessageDeduplicationId != nil {
			return errInvalidParameter("Invalid parameter: MessageDeduplicationId Reason: The request includes MessageDeduplicationId parameter that is not valid for this topic type")
		}
		return nil
	}
	if e.MessageGroupId == nil || *e.MessageGroupId == "" {
		return errInvalidParameter("Invalid parameter: The MessageGroupId parameter is required for FIFO topics")
	}
	t.mu.Lock()
	cbd := t.attrs["ContentBasedDeduplication"] == "true"
	t.mu.Unlock()
	if e.MessageDeduplicationId == nil && !cbd {
		return errInvalidParameter("Invalid parameter: The topic should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly")
	}
	return nil
}

func size(e *publishEntry) int {
	n := len(*e.Message)
	for k, a := range e.MessageAttributes {
		n += len(k) + len(a.DataType) + len(a.stringValue()) + len(a.BinaryValue)
	}
	return n
}

func validateMessageAttributes(attrs map[string]MessageAttribute, path string) error {
	for name, a := range attrs {
		switch {
		case len(name) >= 256:
			return errParameterValueInvalid("Length of message attribute name must be less than 256 bytes.")
		case strings.HasPrefix(name, "."):
			return errParameterValueInvalid("Invalid message attribute name starting with character '.' was found.")
		case strings.HasSuffix(name, "."):
			return errParameterValueInvalid("Invalid message attribute name ending with character '.' was found.")
		case strings.Contains(name, ".."):
			return errParameterValueInvalid("Message attribute name can not have successive '.' character.")
		}
		for _, c := range name {
			if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.') {
				return errParameterValueInvalid("Invalid non-alphanumeric character '#x%X' was found in the message attribute name. Can only include alphanumeric characters, hyphens, underscores, or dots.", c)
			}
		}
		if a.DataType == "" {
			return errNullMember(path + "." + name + ".member.dataType")
		}
		base := ""
		for _, b := range []string{"String", "Number", "Binary"} {
			// a custom type extends a base type after a dot: "String." names none
			if a.DataType == b || strings.HasPrefix(a.DataType, b+".") && len(a.DataType) > len(b)+1 {
				base = b
			}
		}
		switch base {
		case "":
			return errParameterValueInvalid("The message attribute '%s' has an invalid message attribute type, the set of supported type prefixes is Binary, Number, and String.", name)
		case "Binary":
			if a.BinaryValue == nil && a.StringValue != nil {
				return errParameterValueInvalid("The message attribute '%s' with type 'Binary' must use field 'Binary'.", name)
			}
			if len(a.BinaryValue) == 0 {
				return errParameterValueInvalid("The message attribute '%s' must contain non-empty message attribute value for message attribute type 'Binary'.", name)
			}
		default:
			if a.StringValue == nil && a.BinaryValue != nil {
				return errParameterValueInvalid("The message attribute '%s' with type '%s' must use field 'String'.", name, base)
			}
			if a.stringValue() == "" {
				return errParameterValueInvalid("The message attribute '%s' must contain non-empty message attribute value for message attribute type '%s'.", name, base)
			}
			if base == "Number" {
				var f float64
				if _, err := fmt.Sscanf(a.stringValue(), "%g", &f); err != nil {
					return errParameterValueInvalid("Could not cast message attribute '%s' value to number.", name)
				}
			}
			if a.DataType == "String.Array" && !json.Valid([]byte(a.stringValue())) {
				return errParameterValueInvalid("The message attribute '%s' with type 'String.Array' has an invalid value.", name)
			}
		}
	}
	return nil
}

// register assigns a message id (and a sequence number on FIFO topics),
// applying FIFO deduplication; fresh is false for a duplicate.
func (t *topic) register(e *publishEntry, now time.Time) (id, seq string, fresh bool) {
	if !t.fifo {
		return service.UUID(), "", true
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	key := dedupID(e)
	if d, ok := t.dedup[key]; ok && now.Sub(d.at) < dedupWindow {
		return d.messageID, d.sequence, false
	}
	t.sequence++
	seq = fmt.Sprintf("1%019d", uint64(t.created.UnixMicro())*1_000+t.sequence)
	id = service.UUID()
	t.dedup[key] = published{messageID: id, sequence: seq, at: now}
	if len(t.dedup) > 1024 {
		for k, d := range t.dedup {
			if now.Sub(d.at) >= dedupWindow {
				delete(t.dedup, k)
			}
		}
	}
	return id, seq, true
}

// dedupID is a FIFO message's deduplication id: explicit, or the SHA-256 of
// the message (content-based deduplication).
func dedupID(e *publishEntry) string {
	if e.MessageDeduplicationId != nil {
		return *e.MessageDeduplicationId
	}
	sum := sha256.Sum256([]byte(*e.Message))
	return hex.EncodeToString(sum[:])
}

type publishBatchInput struct {
	TopicArn                   string         `json:"TopicArn"`
	PublishBatchRequestEntries []publishEntry `json:"PublishBatchRequestEntries"`
}

type batchResult struct {
	Id             string `json:"Id"`
	MessageId      string `json:"MessageId"`
	SequenceNumber string `json:"SequenceNumber,omitempty"`
}

type batchFailure struct {
	Id          string `json:"Id"`
	Code        string `json:"Code"`
	Message     string `json:"Message,omitempty"`
	SenderFault bool   `json:"SenderFault"`
}

type publishBatchOutput struct {
	Successful []batchResult  `json:"Successful"`
	Failed     []batchFailure `json:"Failed"`
}

var batchID = regexp.MustCompile(`^[A-Za-z0-9_-]{1,80}$`)

func (s *Service) publishBatch(ctx *service.Context, in *publishBatchInput) (*publishBatchOutput, error) {
	t, err := s.publishTarget(ctx, "TopicArn", in.TopicArn)
	if err != nil {
		return nil, err
	}
	entries := in.PublishBatchRequestEntries
	switch {
	case len(entries) == 0:
		return nil, awserr.New("EmptyBatchRequest", 400, "The batch request doesn't contain any entries.")
	case len(entries) > 10:
		return nil, awserr.New("TooManyEntriesInBatchRequest", 400, "The batch request contains more entries than permissible.")
	}
	seen := map[string]bool{}
	total := 0
	for i := range entries {
		e := &entries[i]
		if !batchID.MatchString(e.Id) {
			return nil, awserr.New("InvalidBatchEntryId", 400, "The Id of a batch entry in a batch request doesn't abide by the specification.")
		}
		if seen[e.Id] {
			return nil, awserr.New("BatchEntryIdsNotDistinct", 400, "Two or more batch entries in the request have the same Id.")
		}
		seen[e.Id] = true
		if e.Message != nil {
			total += size(e)
		}
	}
	if total > maxMessageBytes {
		return nil, awserr.New("BatchRequestTooLong", 400, "The length of all the messages put together is more than the limit.")
	}
	for i := range entries {
		path := fmt.Sprintf("publishBatchRequestEntries.%d.member.messageAttributes", i+1)
		if verr := validateEntry(&entries[i], t, path); verr != nil {
			return nil, verr
		}
	}
	out := &publishBatchOutput{Successful: []batchResult{}, Failed: []batchFailure{}}
	now := time.Now()
	for i := range entries {
		e := &entries[i]
		id, seq, fresh := t.register(e, now)
		if fresh {
			s.deliver(ctx, t, e, id, seq)
		}
		out.Successful = append(out.Successful, batchResult{Id: e.Id, MessageId: id, SequenceNumber: seq})
	}
	return out, nil
}

// deliver sends a published message to every matching subscription. A
// delivery failure never fails the publish: it goes to the subscription's
// dead-letter queue when one is set, and is logged otherwise.
func (s *Service) deliver(ctx *service.Context, t *topic, e *publishEntry, id, seq string) {
	r := s.regionOf(t.arn)
	r.mu.RLock()
	t.mu.Lock()
	subs := make([]*subscription, 0, len(t.subs))
	for _, arn := range t.subs {
		if sub := r.subs[arn]; sub != nil && !sub.pending {
			subs = append(subs, sub)
		}
	}
	sigVersion := t.attrs["SignatureVersion"]
	t.mu.Unlock()
	r.mu.RUnlock()
	if len(subs) == 0 || ctx.Emulator == nil {
		return
	}
	now := time.Now().UTC()
	dctx := context.WithoutCancel(ctx)
	for _, sub := range subs {
		if sub.protocol != "sqs" && sub.protocol != "http" && sub.protocol != "https" {
			continue // other protocols keep state only
		}
		msg := messageFor(e, sub.protocol)
		if !sub.accepts(e, msg) {
			continue
		}
		if sub.protocol != "sqs" {
			s.notifyHTTP(ctx, t, sub, e, msg, id, seq, sigVersion, now)
			continue
		}
		params := s.sqsParams(ctx, t, sub, e, msg, id, seq, sigVersion, now)
		if err := s.sendToQueue(dctx, ctx, sub.endpoint, params); err != nil {
			s.deadLetter(dctx, ctx, sub, params, err)
		}
	}
}

// accepts applies the subscription's filter policy.
func (sub *subscription) accepts(e *publishEntry, msg string) bool {
	if sub.policy == nil {
		return true
	}
	if sub.attr("FilterPolicyScope") == scopeBody {
		return sub.policy.MatchBody(msg)
	}
	return sub.policy.MatchAttributes(e.MessageAttributes)
}

// messageFor picks the message a protocol receives under MessageStructure
// json.
func messageFor(e *publishEntry, protocol string) string {
	if e.MessageStructure != "json" {
		return *e.Message
	}
	var doc map[string]any
	_ = json.Unmarshal([]byte(*e.Message), &doc)
	if m, ok := doc[protocol].(string); ok {
		return m
	}
	m, _ := doc["default"].(string)
	return m
}

// notification is the envelope SNS delivers, fields in AWS's order.
type notification struct {
	Type             string                       `json:"Type"`
	MessageId        string                       `json:"MessageId"`
	SequenceNumber   string                       `json:"SequenceNumber,omitempty"`
	TopicArn         string                       `json:"TopicArn"`
	Subject          string                       `json:"Subject,omitempty"`
	Message          string                       `json:"Message"`
	Timestamp        string                       `json:"Timestamp"`
	SignatureVersion string                       `json:"SignatureVersion,omitempty"`
	Signature        string                       `json:"Signature,omitempty"`
	SigningCertURL   string                       `json:"SigningCertURL,omitempty"`
	UnsubscribeURL   string                       `json:"UnsubscribeURL"`
	Attributes       map[string]envelopeAttribute `json:"MessageAttributes,omitempty"`
}

type envelopeAttribute struct {
	Type  string `json:"Type"`
	Value string `json:"Value"`
}

// canonicalNotification is the string SNS signs for a Notification.
func canonicalNotification(n *notification) string {
	var b strings.Builder
	b.WriteString("Message\n" + n.Message + "\n")
	b.WriteString("MessageId\n" + n.MessageId + "\n")
	if n.Subject != "" {
		b.WriteString("Subject\n" + n.Subject + "\n")
	}
	b.WriteString("Timestamp\n" + n.Timestamp + "\n")
	b.WriteString("TopicArn\n" + n.TopicArn + "\n")
	b.WriteString("Type\n" + n.Type + "\n")
	return b.String()
}

func (s *Service) envelope(ctx *service.Context, t *topic, sub *subscription, e *publishEntry, msg, id, seq, sigVersion string, now time.Time) string {
	a, _ := service.ParseARN(t.arn)
	n := &notification{
		Type: "Notification", MessageId: id, SequenceNumber: seq, TopicArn: t.arn, Message: msg,
		Timestamp:      now.Format("2006-01-02T15:04:05.000Z"),
		UnsubscribeURL: endpointURL(ctx, a.Region) + "/?Action=Unsubscribe&SubscriptionArn=" + sub.arn,
	}
	if e.Subject != nil {
		n.Subject = *e.Subject
	}
	if !t.fifo {
		if sigVersion == "" {
			sigVersion = "1"
		}
		n.SignatureVersion = sigVersion
		n.Signature = s.signer.sign(canonicalNotification(n), sigVersion)
		n.SigningCertURL = s.signer.certURL(a.Region)
	}
	if len(e.MessageAttributes) > 0 {
		n.Attributes = map[string]envelopeAttribute{}
		for k, v := range e.MessageAttributes {
			val := v.stringValue()
			if v.BinaryValue != nil {
				val = base64.StdEncoding.EncodeToString(v.BinaryValue)
			}
			n.Attributes[k] = envelopeAttribute{Type: v.DataType, Value: val}
		}
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(n)
	return strings.TrimSuffix(buf.String(), "\n")
}

func endpointURL(ctx *service.Context, region string) string {
	if ctx.Endpoint != "" {
		return strings.TrimRight(ctx.Endpoint, "/")
	}
	return "https://sns." + region + ".amazonaws.com"
}

// sqsParams builds the SendMessage input delivering a message to an SQS
// subscription.
func (s *Service) sqsParams(ctx *service.Context, t *topic, sub *subscription, e *publishEntry, msg, id, seq, sigVersion string, now time.Time) service.Params {
	params := service.Params{}
	if sub.attr("RawMessageDelivery") == "true" {
		params["MessageBody"] = msg
		if len(e.MessageAttributes) > 0 {
			attrs := map[string]any{}
			for k, v := range e.MessageAttributes {
				a := map[string]any{"DataType": v.DataType}
				if v.StringValue != nil {
					a["StringValue"] = *v.StringValue
				}
				if v.BinaryValue != nil {
					a["BinaryValue"] = v.BinaryValue
				}
				attrs[k] = a
			}
			params["MessageAttributes"] = attrs
		}
	} else {
		params["MessageBody"] = s.envelope(ctx, t, sub, e, msg, id, seq, sigVersion, now)
	}
	q, _ := service.ParseARN(sub.endpoint)
	fifoQueue := strings.HasSuffix(q.Resource, ".fifo")
	if e.MessageGroupId != nil && (fifoQueue || !t.fifo) {
		params["MessageGroupId"] = *e.MessageGroupId
	}
	if fifoQueue && t.fifo {
		params["MessageDeduplicationId"] = dedupID(e)
	}
	return params
}

// sendToQueue calls SQS SendMessage on the queue an ARN names.
func (s *Service) sendToQueue(dctx context.Context, ctx *service.Context, queueARN string, params service.Params) error {
	q, ok := service.ParseARN(queueARN)
	if !ok {
		return fmt.Errorf("sns: invalid queue ARN %q", queueARN)
	}
	p := service.Params{}
	for k, v := range params {
		p[k] = v
	}
	p["QueueUrl"] = "https://sqs." + q.Region + ".amazonaws.com/" + q.Account + "/" + q.Resource
	_, err := ctx.Emulator.Invoke(dctx, q.Account, q.Region, "sqs", "SendMessage", p)
	return err
}

// deadLetter sends an undeliverable message to the subscription's
// dead-letter queue, if any.
func (s *Service) deadLetter(dctx context.Context, ctx *service.Context, sub *subscription, params service.Params, cause error) {
	raw := sub.attrs["RedrivePolicy"]
	var rp struct {
		DeadLetterTargetArn string `json:"deadLetterTargetArn"`
	}
	if raw == "" || json.Unmarshal([]byte(raw), &rp) != nil {
		s.log.Warn("sns delivery failed", "subscription", sub.arn, "error", cause)
		return
	}
	if err := s.sendToQueue(dctx, ctx, rp.DeadLetterTargetArn, params); err != nil {
		s.log.Warn("sns dead-letter delivery failed", "subscription", sub.arn, "error", err)
	}
}
