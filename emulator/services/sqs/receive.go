package sqs

import (
	"strconv"
	"strings"
	"time"

	"github.com/parity-harness/parity/emulator/service"
)

type receiveMessageInput struct {
	QueueUrl                    string   `json:"QueueUrl"`
	AttributeNames              []string `json:"AttributeNames"`
	MessageSystemAttributeNames []string `json:"MessageSystemAttributeNames"`
	MessageAttributeNames       []string `json:"MessageAttributeNames"`
	MaxNumberOfMessages         *int     `json:"MaxNumberOfMessages"`
	VisibilityTimeout           *int     `json:"VisibilityTimeout"`
	WaitTimeSeconds             *int     `json:"WaitTimeSeconds"`
	ReceiveRequestAttemptId     string   `json:"ReceiveRequestAttemptId"`
}

// Message is a received message, with the model's member names.
type Message struct {
	MessageId              string                    `json:"MessageId"`
	ReceiptHandle          string                    `json:"ReceiptHandle"`
	MD5OfBody              string                    `json:"MD5OfBody"`
	Body                   string                    `json:"Body"`
	Attributes             map[string]string         `json:"Attributes,omitempty"`
	MD5OfMessageAttributes string                    `json:"MD5OfMessageAttributes,omitempty"`
	MessageAttributes      map[string]AttributeValue `json:"MessageAttributes,omitempty"`
}

type receiveMessageOutput struct {
	Messages []Message `json:"Messages,omitempty"`
}

// receiveOptions are a receive's validated parameters.
type receiveOptions struct {
	max        int
	visibility time.Duration
	wait       time.Duration
	system     map[string]bool // requested system attributes; "All" for all
	user       []string        // requested message attribute names/patterns
	attemptID  string
}

func (s *Service) receiveMessage(ctx *service.Context, in *receiveMessageInput) (*receiveMessageOutput, error) {
	q, err := s.lookup(ctx, in.QueueUrl)
	if err != nil {
		return nil, err
	}
	opts := receiveOptions{max: 1, user: in.MessageAttributeNames, attemptID: in.ReceiveRequestAttemptId}
	if n := in.MaxNumberOfMessages; n != nil {
		if *n < 1 || *n > maxReceiveMessages {
			return nil, errParamValue(*n, "MaxNumberOfMessages", "Must be between 1 and 10, if provided.")
		}
		opts.max = *n
	}
	if w := in.WaitTimeSeconds; w != nil && (*w < 0 || *w > maxWaitSeconds) {
		return nil, errParamValue(*w, "WaitTimeSeconds", "Must be >= 0 and <= 20, if provided.")
	}
	if v := in.VisibilityTimeout; v != nil && (*v < 0 || *v > maxVisibilitySeconds) {
		return nil, errParamValue(*v, "VisibilityTimeout", "Must be >= 0 and <= 43200, if provided.")
	}
	opts.system = map[string]bool{}
	for _, n := range append(append([]string{}, in.AttributeNames...), in.MessageSystemAttributeNames...) {
		opts.system[n] = true
	}
	q.mu.Lock()
	opts.visibility = time.Duration(q.intAttr(attrVisibilityTimeout)) * time.Second
	opts.wait = time.Duration(q.intAttr(attrReceiveWaitTime)) * time.Second
	dlqARN, maxReceives, hasDLQ := q.redrive()
	q.mu.Unlock()
	if in.VisibilityTimeout != nil {
		opts.visibility = time.Duration(*in.VisibilityTimeout) * time.Second
	}
	if in.WaitTimeSeconds != nil {
		opts.wait = time.Duration(*in.WaitTimeSeconds) * time.Second
	}
	var dlq *queue
	if hasDLQ {
		dlq = s.queueByARN(dlqARN)
	}
	deadline := time.Now().Add(opts.wait)
	for {
		now := time.Now()
		q.mu.Lock()
		if q.deleted {
			q.mu.Unlock()
			return &receiveMessageOutput{}, nil
		}
		out, moved := q.receiveLocked(now, opts, dlq, maxReceives)
		wake := q.wake
		next, hasNext := q.msgs.nextVisible(now)
		q.mu.Unlock()
		if len(moved) > 0 {
			dlq.moveIn(moved, q.arn, now)
			continue
		}
		if len(out) > 0 || !now.Before(deadline) {
			return &receiveMessageOutput{Messages: out}, nil
		}
		until := deadline
		if hasNext && next.Before(until) {
			until = next
		}
		timer := time.NewTimer(until.Sub(now))
		select {
		case <-wake:
		case <-timer.C:
		case <-ctx.Done():
			timer.Stop()
			return &receiveMessageOutput{}, nil
		case <-s.closed:
			timer.Stop()
			return &receiveMessageOutput{}, nil
		}
		timer.Stop()
	}
}

// receiveLocked takes visible messages, making them in flight. Messages past
// their dead-letter queue's maxReceiveCount are removed and returned in
// moved instead. The caller holds mu.
func (q *queue) receiveLocked(now time.Time, opts receiveOptions, dlq *queue, maxReceives int) (out []Message, moved []*message) {
	if q.fifo && opts.attemptID != "" {
		if a, ok := q.attempts[opts.attemptID]; ok && now.Sub(a.at) < receiveAttemptTTL && a.stillHeld(now) {
			for i, m := range a.messages {
				out = append(out, m.view(a.receipts[i], opts, q.fifo))
			}
			return out, nil
		}
	}
	picked, expired := q.msgs.pick(now, now.Add(-q.retention()), opts.max)
	for _, m := range expired {
		delete(q.byID, m.id)
	}
	var taken []*message
	for _, m := range picked {
		if dlq != nil && dlq != q && m.receives >= maxReceives {
			q.drop(m)
			moved = append(moved, m)
			continue
		}
		m.receives++
		if m.firstRecv.IsZero() {
			m.firstRecv = now
		}
		m.delayed = false
		m.receipt = newReceiptHandle(q.arn, m.id)
		q.msgs.setVisibleAt(m, now.Add(opts.visibility))
		out = append(out, m.view(m.receipt, opts, q.fifo))
		taken = append(taken, m)
	}
	if q.fifo && opts.attemptID != "" && len(taken) > 0 {
		a := receiveAttempt{messages: taken, at: now}
		for _, m := range taken {
			a.receipts = append(a.receipts, m.receipt)
		}
		q.attempts[opts.attemptID] = a
	}
	return out, moved
}

// stillHeld reports whether an attempt's messages are still in flight with
// the receipts it handed out.
func (a receiveAttempt) stillHeld(now time.Time) bool {
	for i, m := range a.messages {
		if m.receipt != a.receipts[i] || m.elem == nil || !m.visibleAt.After(now) {
			return false
		}
	}
	return true
}

// moveIn appends messages redriven from the queue source; the caller holds
// no queue lock.
func (q *queue) moveIn(msgs []*message, source string, now time.Time) {
	q.mu.Lock()
	defer q.mu.Unlock()
	for _, m := range msgs {
		m.dlqSource = source
		m.visibleAt = now
		m.delayed = false
		if q.fifo && m.sequence == "" {
			m.sequence = q.nextSequence()
		}
		q.msgs.add(m)
		q.byID[m.id] = m
	}
	q.notify()
}

// view renders a message for a receive; the caller holds the queue's lock.
func (m *message) view(receipt string, opts receiveOptions, fifo bool) Message {
	out := Message{MessageId: m.id, ReceiptHandle: receipt, MD5OfBody: m.md5Body, Body: m.body}
	if len(opts.system) > 0 {
		out.Attributes = m.systemAttributes(opts.system, fifo)
	}
	if len(opts.user) > 0 && len(m.attrs) > 0 {
		sel := map[string]AttributeValue{}
		for name, v := range m.attrs {
			if matchAttributeName(name, opts.user) {
				sel[name] = v
			}
		}
		if len(sel) > 0 {
			out.MessageAttributes = sel
			out.MD5OfMessageAttributes = md5OfAttributes(sel)
		}
	}
	return out
}

func (m *message) systemAttributes(want map[string]bool, fifo bool) map[string]string {
	all := want["All"]
	out := map[string]string{}
	put := func(name, value string) {
		if all || want[name] {
			out[name] = value
		}
	}
	put("SenderId", m.senderID)
	put("SentTimestamp", millis(m.sentAt))
	put("ApproximateReceiveCount", strconv.Itoa(m.receives))
	put("ApproximateFirstReceiveTimestamp", millis(m.firstRecv))
	if m.traceHdr != nil && m.traceHdr.StringValue != nil {
		put("AWSTraceHeader", *m.traceHdr.StringValue)
	}
	if m.dlqSource != "" {
		put("DeadLetterQueueSourceArn", m.dlqSource)
	}
	if m.group != "" {
		put("MessageGroupId", m.group)
	}
	if fifo {
		put("SequenceNumber", m.sequence)
		put("MessageDeduplicationId", m.dedupID)
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// matchAttributeName applies ReceiveMessage's MessageAttributeNames: "All",
// ".*" or "*" for every attribute, "prefix.*" for names starting with
// prefix, or an exact name.
func matchAttributeName(name string, patterns []string) bool {
	for _, p := range patterns {
		switch {
		case p == "All" || p == ".*" || p == "*":
			return true
		case strings.HasSuffix(p, ".*"):
			if strings.HasPrefix(name, strings.TrimSuffix(p, ".*")) {
				return true
			}
		case p == name:
			return true
		}
	}
	return false
}

func millis(t time.Time) string { return strconv.FormatInt(t.UnixMilli(), 10) }
