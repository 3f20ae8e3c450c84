package sqs

import (
	"time"

	"github.com/parity-harness/parity/emulator/awserr"
	"github.com/parity-harness/parity/emulator/service"
)

// batchError is one failed entry of a batch.
type batchError struct {
	Id          string `json:"Id"`
	SenderFault bool   `json:"SenderFault"`
	Code        string `json:"Code"`
	Message     string `json:"Message,omitempty"`
}

func failed(id string, err *awserr.Error) batchError {
	return batchError{Id: id, SenderFault: err.HTTPStatus() < 500, Code: entryCode(err), Message: err.Message}
}

// checkBatchIDs applies the rules every batch operation shares: at least one
// and at most ten entries, valid and distinct ids.
func checkBatchIDs(ids []string, entryShape string) *awserr.Error {
	if len(ids) == 0 {
		return errEmptyBatch(entryShape)
	}
	if len(ids) > maxBatchEntries {
		return errTooManyEntries(len(ids))
	}
	seen := make(map[string]bool, len(ids))
	for _, id := range ids {
		if !validBatchID(id) {
			return errInvalidBatchEntryID()
		}
	}
	for _, id := range ids {
		if seen[id] {
			return errBatchIdsNotDistinct(id)
		}
		seen[id] = true
	}
	return nil
}

func validBatchID(id string) bool {
	if len(id) < 1 || len(id) > 80 {
		return false
	}
	for _, c := range id {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
			return false
		}
	}
	return true
}

type sendMessageBatchInput struct {
	QueueUrl string      `json:"QueueUrl"`
	Entries  []sendEntry `json:"Entries"`
}

type sendMessageBatchOutput struct {
	Successful []sendResult `json:"Successful,omitempty"`
	Failed     []batchError `json:"Failed,omitempty"`
}

func (s *Service) sendMessageBatch(ctx *service.Context, in *sendMessageBatchInput) (*sendMessageBatchOutput, error) {
	q, err := s.lookup(ctx, in.QueueUrl)
	if err != nil {
		return nil, err
	}
	ids := make([]string, len(in.Entries))
	for i, e := range in.Entries {
		ids[i] = e.Id
	}
	if berr := checkBatchIDs(ids, "SendMessageBatchRequestEntry"); berr != nil {
		return nil, berr
	}
	total := 0
	msgs := make([]*message, len(in.Entries))
	errs := make([]*awserr.Error, len(in.Entries))
	for i := range in.Entries {
		// Missing FIFO parameters fail the whole request, as on AWS.
		if perr := requireFifoIDs(q, &in.Entries[i], true); perr != nil {
			return nil, perr
		}
		m, perr := s.prepare(ctx, q, &in.Entries[i], true)
		if perr != nil {
			errs[i] = perr
			continue
		}
		msgs[i] = m
		total += messageSize(m)
	}
	if total > maxBatchBytes {
		return nil, errBatchRequestTooLong(total)
	}
	out := &sendMessageBatchOutput{}
	now := time.Now()
	for i, e := range in.Entries {
		if errs[i] == nil {
			errs[i] = checkSize(q, msgs[i])
		}
		if errs[i] != nil {
			out.Failed = append(out.Failed, failed(e.Id, errs[i]))
			continue
		}
		res := q.enqueue(msgs[i], now)
		res.Id = e.Id
		out.Successful = append(out.Successful, *res)
	}
	return out, nil
}

type deleteBatchEntry struct {
	Id            string `json:"Id"`
	ReceiptHandle string `json:"ReceiptHandle"`
}

type deleteMessageBatchInput struct {
	QueueUrl string             `json:"QueueUrl"`
	Entries  []deleteBatchEntry `json:"Entries"`
}

type batchIDResult struct {
	Id string `json:"Id"`
}

type batchOutput struct {
	Successful []batchIDResult `json:"Successful,omitempty"`
	Failed     []batchError    `json:"Failed,omitempty"`
}

func (s *Service) deleteMessageBatch(ctx *service.Context, in *deleteMessageBatchInput) (*batchOutput, error) {
	q, err := s.lookup(ctx, in.QueueUrl)
	if err != nil {
		return nil, err
	}
	now := time.Now()
	return runBatch(in.Entries, "DeleteMessageBatchRequestEntry", func(e deleteBatchEntry) string { return e.Id }, func(e deleteBatchEntry) *awserr.Error {
		return q.deleteByReceipt(e.ReceiptHandle, now)
	})
}

// runBatch checks a batch's entry ids, then applies do to every entry,
// reporting each as successful or failed.
func runBatch[E any](entries []E, entryShape string, id func(E) string, do func(E) *awserr.Error) (*batchOutput, error) {
	ids := make([]string, len(entries))
	for i, e := range entries {
		ids[i] = id(e)
	}
	if berr := checkBatchIDs(ids, entryShape); berr != nil {
		return nil, berr
	}
	out := &batchOutput{}
	for _, e := range entries {
		if err := do(e); err != nil {
			out.Failed = append(out.Failed, failed(id(e), err))
			continue
		}
		out.Successful = append(out.Successful, batchIDResult{Id: id(e)})
	}
	return out, nil
}

type visibilityBatchEntry struct {
	Id                string `json:"Id"`
	ReceiptHandle     string `json:"ReceiptHandle"`
	VisibilityTimeout *int   `json:"VisibilityTimeout"`
}

type changeVisibilityBatchInput struct {
	QueueUrl string                 `json:"QueueUrl"`
	Entries  []visibilityBatchEntry `json:"Entries"`
}

func (s *Service) changeMessageVisibilityBatch(ctx *service.Context, in *changeVisibilityBatchInput) (*batchOutput, error) {
	q, err := s.lookup(ctx, in.QueueUrl)
	if err != nil {
		return nil, err
	}
	now := time.Now()
	return runBatch(in.Entries, "ChangeMessageVisibilityBatchRequestEntry", func(e visibilityBatchEntry) string { return e.Id }, func(e visibilityBatchEntry) *awserr.Error {
		timeout := e.VisibilityTimeout
		if timeout == nil {
			zero := 0
			timeout = &zero
		}
		return q.changeVisibility(e.ReceiptHandle, timeout, now)
	})
}
