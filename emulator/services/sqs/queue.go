package sqs

import (
	"container/list"
	"fmt"
	"strconv"
	"sync"
	"time"
)

// message is one message in a queue.
type message struct {
	id        string
	body      string
	md5Body   string
	attrs     map[string]AttributeValue
	md5Attrs  string
	traceHdr  *AttributeValue // the AWSTraceHeader system attribute
	md5System string
	senderID  string
	sentAt    time.Time
	visibleAt time.Time
	delay     time.Duration // per-message delay; negative: the queue's
	delayed   bool          // not yet visible for the first time because of a delay
	receives  int
	firstRecv time.Time
	receipt   string // the current receipt handle
	group     string
	dedupID   string
	sequence  string
	dlqSource string // DeadLetterQueueSourceArn
	elem      *list.Element
	heapIndex int
}

// queue is one SQS queue. Its mutex guards everything below it; the data
// path takes no other lock.
type queue struct {
	name    string
	arn     string
	account string
	region  string
	fifo    bool
	created time.Time

	mu         sync.Mutex
	attrs      map[string]string
	modified   time.Time
	tags       map[string]string
	msgs       store
	byID       map[string]*message
	dedup      map[string]dedupEntry
	lastPurge  time.Time
	wake       chan struct{}
	deleted    bool
	attempts   map[string]receiveAttempt
	sequenceNo uint64
}

// dedupEntry remembers a FIFO message within the deduplication window.
type dedupEntry struct {
	messageID string
	sequence  string
	at        time.Time
}

// receiveAttempt remembers the messages a FIFO ReceiveRequestAttemptId got.
type receiveAttempt struct {
	messages []*message
	receipts []string
	at       time.Time
}

func newQueue(name, arn, account, region string, fifo bool, attrs map[string]string, tags map[string]string, now time.Time) *queue {
	q := &queue{
		name: name, arn: arn, account: account, region: region, fifo: fifo,
		created: now, modified: now, attrs: defaultAttributes(fifo), tags: map[string]string{},
		byID: map[string]*message{}, wake: make(chan struct{}),
	}
	if fifo {
		q.msgs = newFifoStore()
		q.dedup = map[string]dedupEntry{}
		q.attempts = map[string]receiveAttempt{}
	} else {
		q.msgs = newStandardStore()
	}
	q.applyAttributes(attrs)
	for k, v := range tags {
		q.tags[k] = v
	}
	return q
}

// applyAttributes stores validated attributes; the caller holds mu or owns q.
func (q *queue) applyAttributes(attrs map[string]string) {
	for k, v := range attrs {
		switch k {
		case attrPolicy, attrRedrivePolicy, attrRedriveAllowPolicy, attrKmsMasterKeyID:
			if v == "" {
				delete(q.attrs, k)
				if k == attrKmsMasterKeyID {
					delete(q.attrs, attrKmsDataKeyReusePeriod)
				}
				continue
			}
		}
		q.attrs[k] = v
	}
	if attrs[attrKmsMasterKeyID] != "" {
		q.attrs[attrSqsManagedSseEnabled] = "false"
		if _, ok := q.attrs[attrKmsDataKeyReusePeriod]; !ok {
			q.attrs[attrKmsDataKeyReusePeriod] = "300"
		}
	}
	if attrs[attrSqsManagedSseEnabled] == "true" {
		delete(q.attrs, attrKmsMasterKeyID)
		delete(q.attrs, attrKmsDataKeyReusePeriod)
	}
}

func (q *queue) intAttr(name string) int {
	n, _ := strconv.Atoi(q.attrs[name])
	return n
}

func (q *queue) retention() time.Duration {
	return time.Duration(q.intAttr(attrMessageRetentionPeriod)) * time.Second
}

// notify wakes the long polls waiting on q; the caller holds mu.
func (q *queue) notify() {
	close(q.wake)
	q.wake = make(chan struct{})
}

// drop removes a message; the caller holds mu.
func (q *queue) drop(m *message) {
	q.msgs.remove(m)
	delete(q.byID, m.id)
}

// counts returns the approximate numbers of visible, in-flight and delayed
// messages, dropping expired ones; the caller holds mu.
func (q *queue) counts(now time.Time) (visible, notVisible, delayed int) {
	cutoff := now.Add(-q.retention())
	var expired []*message
	q.msgs.each(func(m *message) {
		switch {
		case m.sentAt.Before(cutoff):
			expired = append(expired, m)
		case !m.visibleAt.After(now):
			visible++
		case m.delayed:
			delayed++
		default:
			notVisible++
		}
	})
	for _, m := range expired {
		q.drop(m)
	}
	return visible, notVisible, delayed
}

// attributes renders the queue's attributes; the caller holds mu.
func (q *queue) attributes(now time.Time) map[string]string {
	out := make(map[string]string, len(q.attrs)+6)
	for k, v := range q.attrs {
		out[k] = v
	}
	if out[attrKmsMasterKeyID] == "" {
		delete(out, attrKmsMasterKeyID)
		delete(out, attrKmsDataKeyReusePeriod)
	}
	visible, notVisible, delayed := q.counts(now)
	out[attrApproxMessages] = strconv.Itoa(visible)
	out[attrApproxNotVisible] = strconv.Itoa(notVisible)
	out[attrApproxDelayed] = strconv.Itoa(delayed)
	out[attrCreatedTimestamp] = epochSeconds(q.created)
	out[attrLastModifiedTimestamp] = epochSeconds(q.modified)
	out[attrQueueArn] = q.arn
	return out
}

// redrive returns the queue's dead-letter settings; ok is false without one.
func (q *queue) redrive() (target string, maxReceives int, ok bool) {
	raw := q.attrs[attrRedrivePolicy]
	if raw == "" {
		return "", 0, false
	}
	var p redrivePolicy
	if jsonUnmarshal(raw, &p) != nil {
		return "", 0, false
	}
	return p.DeadLetterTargetArn, p.MaxReceiveCount, true
}

// nextSequence returns the next FIFO sequence number, 20 digits as AWS
// writes them; the caller holds mu.
func (q *queue) nextSequence() string {
	q.sequenceNo++
	return fmt.Sprintf("1%019d", uint64(q.created.UnixMilli())*1_000_000+q.sequenceNo)
}
