package sqs

import (
	"time"

	"github.com/parity-harness/parity/emulator/awserr"
	"github.com/parity-harness/parity/emulator/service"
)

type deleteMessageInput struct {
	QueueUrl      string `json:"QueueUrl"`
	ReceiptHandle string `json:"ReceiptHandle"`
}

func (s *Service) deleteMessage(ctx *service.Context, in *deleteMessageInput) (*struct{}, error) {
	q, err := s.lookup(ctx, in.QueueUrl)
	if err != nil {
		return nil, err
	}
	if derr := q.deleteByReceipt(in.ReceiptHandle, time.Now()); derr != nil {
		return nil, derr
	}
	return nil, nil
}

// deleteByReceipt deletes the message a receipt handle names. On a standard
// queue a stale handle still deletes; a FIFO queue requires the current
// handle of a message still in flight.
func (q *queue) deleteByReceipt(handle string, now time.Time) *awserr.Error {
	if handle == "" {
		return errMissingParameter("ReceiptHandle")
	}
	arn, id, ok := parseReceiptHandle(handle)
	if !ok || arn != q.arn {
		return errReceiptHandleIsInvalid(handle)
	}
	q.mu.Lock()
	defer q.mu.Unlock()
	m, ok := q.byID[id]
	if !ok {
		return nil
	}
	if q.fifo && (m.receipt != handle || !m.visibleAt.After(now)) {
		return errParamValue(handle, "ReceiptHandle", "The receipt handle has expired.")
	}
	q.drop(m)
	return nil
}

type changeVisibilityInput struct {
	QueueUrl          string `json:"QueueUrl"`
	ReceiptHandle     string `json:"ReceiptHandle"`
	VisibilityTimeout *int   `json:"VisibilityTimeout"`
}

func (s *Service) changeMessageVisibility(ctx *service.Context, in *changeVisibilityInput) (*struct{}, error) {
	q, err := s.lookup(ctx, in.QueueUrl)
	if err != nil {
		return nil, err
	}
	if verr := q.changeVisibility(in.ReceiptHandle, in.VisibilityTimeout, time.Now()); verr != nil {
		return nil, verr
	}
	return nil, nil
}

// changeVisibility makes the message a receipt handle names visible again
// after timeout seconds from now.
func (q *queue) changeVisibility(handle string, timeout *int, now time.Time) *awserr.Error {
	if handle == "" {
		return errMissingParameter("ReceiptHandle")
	}
	if timeout == nil {
		return errMissingParameter("VisibilityTimeout")
	}
	if *timeout < 0 || *timeout > maxVisibilitySeconds {
		return errParamValue(*timeout, "VisibilityTimeout", "Must be between 0 and 43200, if provided.")
	}
	arn, id, ok := parseReceiptHandle(handle)
	if !ok || arn != q.arn {
		return errReceiptHandleIsInvalid(handle)
	}
	q.mu.Lock()
	defer q.mu.Unlock()
	m, ok := q.byID[id]
	if !ok || m.receives == 0 || (q.fifo && (m.receipt != handle || !m.visibleAt.After(now))) {
		return errParamValue(handle, "ReceiptHandle", "Message does not exist or is not available for visibility timeout change.")
	}
	q.msgs.setVisibleAt(m, now.Add(time.Duration(*timeout)*time.Second))
	if *timeout == 0 {
		q.notify()
	}
	return nil
}
