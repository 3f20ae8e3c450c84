package sqs

import (
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/parity-harness/parity/emulator/awserr"
	"github.com/parity-harness/parity/emulator/service"
)

// sendEntry is one message to send: SendMessage's input or one entry of
// SendMessageBatch.
type sendEntry struct {
	Id                      string                    `json:"Id"`
	MessageBody             *string                   `json:"MessageBody"`
	DelaySeconds            *int                      `json:"DelaySeconds"`
	MessageAttributes       map[string]AttributeValue `json:"MessageAttributes"`
	MessageSystemAttributes map[string]AttributeValue `json:"MessageSystemAttributes"`
	MessageDeduplicationId  *string                   `json:"MessageDeduplicationId"`
	MessageGroupId          *string                   `json:"MessageGroupId"`
}

type sendMessageInput struct {
	QueueUrl string `json:"QueueUrl"`
	sendEntry
}

type sendResult struct {
	Id                           string `json:"Id,omitempty"`
	MD5OfMessageBody             string `json:"MD5OfMessageBody"`
	MD5OfMessageAttributes       string `json:"MD5OfMessageAttributes,omitempty"`
	MD5OfMessageSystemAttributes string `json:"MD5OfMessageSystemAttributes,omitempty"`
	MessageId                    string `json:"MessageId"`
	SequenceNumber               string `json:"SequenceNumber,omitempty"`
}

func (s *Service) sendMessage(ctx *service.Context, in *sendMessageInput) (*sendResult, error) {
	q, err := s.lookup(ctx, in.QueueUrl)
	if err != nil {
		return nil, err
	}
	m, perr := s.prepare(ctx, q, &in.sendEntry, false)
	if perr != nil {
		return nil, perr
	}
	if perr := checkSize(q, m); perr != nil {
		return nil, perr
	}
	res := q.enqueue(m, time.Now())
	return res, nil
}

// prepare validates an entry and builds its message. batch selects the error
// codes AWS uses for missing FIFO parameters inside a batch.
func (s *Service) prepare(ctx *service.Context, q *queue, e *sendEntry, batch bool) (*message, *awserr.Error) {
	if e.MessageBody == nil || *e.MessageBody == "" {
		return nil, errMissingParameter("MessageBody")
	}
	body := *e.MessageBody
	if !validMessageText(body) {
		return nil, errInvalidMessageContents()
	}
	if e.DelaySeconds != nil {
		d := *e.DelaySeconds
		if q.fifo && d != 0 {
			return nil, errParamValue(d, "DelaySeconds", "The request include parameter that is not valid for this queue type.")
		}
		if d < 0 || d > maxDelaySeconds {
			return nil, errParamValue(d, "DelaySeconds", "DelaySeconds must be >= 0 and <= 900.")
		}
	}
	if err := validateMessageAttributes(e.MessageAttributes); err != nil {
		return nil, err
	}
	trace, err := traceHeader(ctx, e.MessageSystemAttributes)
	if err != nil {
		return nil, err
	}
	m := &message{
		id:       service.UUID(),
		body:     body,
		md5Body:  md5Hex(body),
		attrs:    e.MessageAttributes,
		md5Attrs: md5OfAttributes(e.MessageAttributes),
		traceHdr: trace,
		senderID: senderID(ctx),
	}
	if trace != nil && len(e.MessageSystemAttributes) > 0 {
		m.md5System = md5OfAttributes(map[string]AttributeValue{"AWSTraceHeader": *trace})
	}
	m.delay = -1
	if e.DelaySeconds != nil && !q.fifo {
		m.delay = time.Duration(*e.DelaySeconds) * time.Second
	}
	if e.MessageGroupId != nil {
		if !validFifoID(*e.MessageGroupId) {
			return nil, errParamValue(*e.MessageGroupId, "MessageGroupId", "MessageGroupId can only include alphanumeric and punctuation characters. 1 to 128 in length.")
		}
		m.group = *e.MessageGroupId
	}
	if !q.fifo {
		if e.MessageDeduplicationId != nil {
			return nil, errParamValue(*e.MessageDeduplicationId, "MessageDeduplicationId", "The request includes a parameter that is not valid for this queue type.")
		}
		return m, nil
	}
	if err := requireFifoIDs(q, e, batch); err != nil {
		return nil, err
	}
	if e.MessageDeduplicationId != nil {
		if !validFifoID(*e.MessageDeduplicationId) {
			return nil, errParamValue(*e.MessageDeduplicationId, "MessageDeduplicationId", "MessageDeduplicationId can only include alphanumeric and punctuation characters. 1 to 128 in length.")
		}
		m.dedupID = *e.MessageDeduplicationId
	} else {
		sum := sha256.Sum256([]byte(body))
		m.dedupID = hex.EncodeToString(sum[:])
	}
	return m, nil
}

// requireFifoIDs checks that a message for a FIFO queue has a group id and a
// deduplication id (or the queue deduplicates by content). In a batch AWS
// reports both as InvalidParameterValue for the whole request.
func requireFifoIDs(q *queue, e *sendEntry, batch bool) *awserr.Error {
	if !q.fifo {
		return nil
	}
	if e.MessageGroupId == nil {
		if batch {
			return errInvalidParameterValue("The request must contain the parameter MessageGroupId.")
		}
		return errMissingParameter("MessageGroupId")
	}
	if e.MessageDeduplicationId == nil {
		q.mu.Lock()
		cbd := q.attrs[attrContentBasedDeduplication] == "true"
		q.mu.Unlock()
		if !cbd {
			return errInvalidParameterValue("The queue should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly")
		}
	}
	return nil
}

// messageSize is what counts against MaximumMessageSize: the body and every
// attribute's name, type and value.
func messageSize(m *message) int {
	n := len(m.body)
	for name, v := range m.attrs {
		n += len(name) + len(v.DataType)
		if v.StringValue != nil {
			n += len(*v.StringValue)
		}
		n += len(v.BinaryValue)
	}
	return n
}

func checkSize(q *queue, m *message) *awserr.Error {
	q.mu.Lock()
	limit := q.intAttr(attrMaximumMessageSize)
	q.mu.Unlock()
	if messageSize(m) > limit {
		return errInvalidParameterValue("One or more parameters are invalid. Reason: Message must be shorter than %d bytes.", limit)
	}
	return nil
}

// enqueue stores a prepared message (FIFO deduplication applied) and wakes
// waiting receivers.
func (q *queue) enqueue(m *message, now time.Time) *sendResult {
	q.mu.Lock()
	defer q.mu.Unlock()
	res := &sendResult{MD5OfMessageBody: m.md5Body, MD5OfMessageAttributes: m.md5Attrs, MD5OfMessageSystemAttributes: m.md5System}
	if q.fifo {
		key := m.dedupID
		if q.attrs[attrDeduplicationScope] == "messageGroup" {
			key = m.group + "\x00" + key
		}
		if d, ok := q.dedup[key]; ok && now.Sub(d.at) < dedupWindow {
			res.MessageId, res.SequenceNumber = d.messageID, d.sequence
			return res
		}
		m.sequence = q.nextSequence()
		q.dedup[key] = dedupEntry{messageID: m.id, sequence: m.sequence, at: now}
		if len(q.dedup) > 1024 {
			for k, d := range q.dedup {
				if now.Sub(d.at) >= dedupWindow {
					delete(q.dedup, k)
				}
			}
		}
	}
	delay := m.delay
	if delay < 0 {
		delay = time.Duration(q.intAttr(attrDelaySeconds)) * time.Second
	}
	m.sentAt = now
	m.visibleAt = now.Add(delay)
	m.delayed = delay > 0
	q.msgs.add(m)
	q.byID[m.id] = m
	q.notify()
	res.MessageId, res.SequenceNumber = m.id, m.sequence
	return res
}

// validMessageText reports whether s holds only the characters SQS accepts:
// #x9 | #xA | #xD | #x20 to #xD7FF | #xE000 to #xFFFD | #x10000 to #x10FFFF.
func validMessageText(s string) bool {
	if !utf8.ValidString(s) {
		return false
	}
	for _, r := range s {
		switch {
		case r == 0x9 || r == 0xA || r == 0xD:
		case r >= 0x20 && r <= 0xD7FF:
		case r >= 0xE000 && r <= 0xFFFD:
		case r >= 0x10000 && r <= 0x10FFFF:
		default:
			return false
		}
	}
	return true
}

// validFifoID checks a MessageGroupId or MessageDeduplicationId:
// alphanumeric and punctuation characters, 1 to 128 long.
func validFifoID(s string) bool {
	if len(s) < 1 || len(s) > 128 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < 0x21 || s[i] > 0x7e {
			return false
		}
	}
	return true
}

// validateMessageAttributes applies SQS's rules to user message attributes.
func validateMessageAttributes(attrs map[string]AttributeValue) *awserr.Error {
	if len(attrs) > maxMessageAttributes {
		return errInvalidParameterValue("Number of message attributes [%d] exceeds the allowed maximum [%d].", len(attrs), maxMessageAttributes)
	}
	for name, v := range attrs {
		if err := validateAttributeName(name); err != nil {
			return err
		}
		if v.DataType == "" {
			return errInvalidParameterValue("The message attribute '%s' must contain non-empty message attribute type.", name)
		}
		base, _, _ := strings.Cut(v.DataType, ".")
		switch base {
		case "String", "Number":
			if v.StringValue == nil || *v.StringValue == "" {
				return errInvalidParameterValue("Message (user) attribute '%s' must contain a non-empty value of type '%s'.", name, base)
			}
			if !validMessageText(*v.StringValue) {
				return errInvalidParameterValue("Message (user) attribute '%s' contains invalid characters.", name)
			}
			if base == "Number" {
				if _, err := strconv.ParseFloat(*v.StringValue, 64); err != nil {
					return errInvalidParameterValue("Can't cast the value of message (user) attribute '%s' to a number.", name)
				}
			}
		case "Binary":
			if len(v.BinaryValue) == 0 {
				return errInvalidParameterValue("Message (user) attribute '%s' must contain a non-empty value of type 'Binary'.", name)
			}
		default:
			return errInvalidParameterValue("The type of message (user) attribute '%s' is invalid. You must use only the following supported type prefixes: Binary, Number, String.", name)
		}
		if len(v.DataType) > 256 {
			return errInvalidParameterValue("Message (user) attribute '%s' type must be shorter than 256 bytes.", name)
		}
	}
	return nil
}

func validateAttributeName(name string) *awserr.Error {
	switch {
	case name == "":
		return errInvalidParameterValue("The request must contain non-empty message attribute name.")
	case len(name) > 256:
		return errInvalidParameterValue("Message (user) attribute name must be shorter than 256 bytes.")
	case strings.HasPrefix(strings.ToLower(name), "aws.") || strings.HasPrefix(strings.ToLower(name), "amazon."):
		return errInvalidParameterValue("Message (user) attribute name '%s' is reserved for use by Amazon.", name)
	case strings.HasPrefix(name, ".") || strings.HasSuffix(name, ".") || strings.Contains(name, ".."):
		return errInvalidParameterValue("Message (user) attribute name '%s' is invalid. Names can't start or end with a period, or contain successive periods.", name)
	}
	for _, c := range name {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.') {
			return errInvalidParameterValue("Message (user) attribute name '%s' is invalid. Can only include alphanumeric characters, hyphens, underscores, or dots.", name)
		}
	}
	return nil
}

// traceHeader returns the AWSTraceHeader system attribute: from
// MessageSystemAttributes, else from the request's X-Amzn-Trace-Id header.
func traceHeader(ctx *service.Context, sys map[string]AttributeValue) (*AttributeValue, *awserr.Error) {
	for name, v := range sys {
		if name != "AWSTraceHeader" {
			return nil, errInvalidParameterValue("Message system attribute name '%s' is invalid.", name)
		}
		if v.DataType != "String" || v.StringValue == nil || *v.StringValue == "" {
			return nil, errInvalidParameterValue("Message system attribute '%s' must contain a non-empty value of type 'String'.", name)
		}
		v := v
		return &v, nil
	}
	if ctx.Request != nil {
		if h := ctx.Request.Header.Get("X-Amzn-Trace-Id"); h != "" {
			return &AttributeValue{DataType: "String", StringValue: &h}, nil
		}
	}
	return nil, nil
}

// senderID is the SenderId attribute: the caller's unique id, or the account.
func senderID(ctx *service.Context) string {
	if ctx.Emulator != nil && ctx.AccessKey != "" {
		if id, ok := ctx.Emulator.Credentials().Lookup(ctx.AccessKey); ok && id.UserID != "" {
			return id.UserID
		}
	}
	return callerAccount(ctx)
}
