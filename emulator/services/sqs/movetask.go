package sqs

import (
	"encoding/base64"
	"encoding/json"
	"sync"
	"time"

	"github.com/parity-harness/parity/emulator/service"
)

// Message move task states.
const (
	taskRunning   = "RUNNING"
	taskCompleted = "COMPLETED"
	taskCancelled = "CANCELLED"
	taskFailed    = "FAILED"
)

// moveTask moves the messages of a dead-letter queue to a destination (or
// back to each message's source queue) in the background.
type moveTask struct {
	id, handle  string
	source      string
	destination string
	rate        *int
	started     time.Time
	toMove      int64
	cancel      chan struct{}

	mu      sync.Mutex
	status  string
	moved   int64
	failure string
}

type taskHandle struct {
	TaskID    string `json:"taskId"`
	SourceArn string `json:"sourceArn"`
}

type startMoveInput struct {
	SourceArn                    string `json:"SourceArn"`
	DestinationArn               string `json:"DestinationArn"`
	MaxNumberOfMessagesPerSecond *int   `json:"MaxNumberOfMessagesPerSecond"`
}

type startMoveOutput struct {
	TaskHandle string `json:"TaskHandle"`
}

func (s *Service) isDeadLetterQueue(dlq *queue) bool {
	for _, q := range s.regions.Get(dlq.account, dlq.region).sortedQueues() {
		q.mu.Lock()
		target, _, ok := q.redrive()
		q.mu.Unlock()
		if ok && target == dlq.arn {
			return true
		}
	}
	return false
}

func (s *Service) startMessageMoveTask(ctx *service.Context, in *startMoveInput) (*startMoveOutput, error) {
	src := s.queueByARN(in.SourceArn)
	if src == nil {
		return nil, errResourceNotFound("The resource that you specified for the SourceArn parameter doesn't exist.")
	}
	if !s.isDeadLetterQueue(src) {
		return nil, errInvalidParameterValue("Source queue must be configured as a Dead Letter Queue.")
	}
	if in.DestinationArn != "" && s.queueByARN(in.DestinationArn) == nil {
		return nil, errResourceNotFound("The resource that you specified for the DestinationArn parameter doesn't exist.")
	}
	if r := in.MaxNumberOfMessagesPerSecond; r != nil && (*r < 1 || *r > 500) {
		return nil, errParamValue(*r, "MaxNumberOfMessagesPerSecond", "Must be between 1 and 500.")
	}
	reg := s.regions.Get(src.account, src.region)
	reg.mu.Lock()
	for _, t := range reg.moves[src.arn] {
		t.mu.Lock()
		running := t.status == taskRunning
		t.mu.Unlock()
		if running {
			reg.mu.Unlock()
			return nil, errInvalidParameterValue("There is already a task running. Only one active task is allowed for a source queue arn at a given time.")
		}
	}
	now := time.Now()
	src.mu.Lock()
	visible, _, _ := src.counts(now)
	src.mu.Unlock()
	t := &moveTask{
		id: service.UUID(), source: src.arn, destination: in.DestinationArn, rate: in.MaxNumberOfMessagesPerSecond,
		started: now, toMove: int64(visible), cancel: make(chan struct{}), status: taskRunning,
	}
	b, _ := json.Marshal(taskHandle{TaskID: t.id, SourceArn: src.arn})
	t.handle = base64.StdEncoding.EncodeToString(b)
	reg.moves[src.arn] = append([]*moveTask{t}, reg.moves[src.arn]...)
	reg.mu.Unlock()
	s.tasks.Add(1)
	go s.runMove(t, src)
	return &startMoveOutput{TaskHandle: t.handle}, nil
}

// runMove moves messages until the source has no visible message left, the
// task is cancelled or the service closes.
func (s *Service) runMove(t *moveTask, src *queue) {
	defer s.tasks.Done()
	var tick <-chan time.Time
	if t.rate != nil {
		ticker := time.NewTicker(time.Second / time.Duration(*t.rate))
		defer ticker.Stop()
		tick = ticker.C
	}
	for {
		if tick != nil {
			select {
			case <-tick:
			case <-t.cancel:
				t.finish(taskCancelled, "")
				return
			case <-s.closed:
				t.finish(taskCancelled, "")
				return
			}
		} else {
			select {
			case <-t.cancel:
				t.finish(taskCancelled, "")
				return
			case <-s.closed:
				t.finish(taskCancelled, "")
				return
			default:
			}
		}
		now := time.Now()
		src.mu.Lock()
		picked, expired := src.msgs.pick(now, now.Add(-src.retention()), 1)
		for _, m := range expired {
			delete(src.byID, m.id)
		}
		if len(picked) == 0 {
			src.mu.Unlock()
			t.finish(taskCompleted, "")
			return
		}
		m := picked[0]
		dest := t.destination
		if dest == "" {
			dest = m.dlqSource
		}
		target := s.queueByARN(dest)
		if target == nil {
			src.mu.Unlock()
			t.finish(taskFailed, "AWS.SimpleQueueService.NonExistentQueue")
			return
		}
		src.drop(m)
		src.mu.Unlock()
		m.receives, m.firstRecv, m.dlqSource, m.receipt = 0, time.Time{}, "", ""
		target.mu.Lock()
		m.visibleAt, m.delayed = now, false
		if target.fifo && m.sequence == "" {
			m.sequence = target.nextSequence()
		}
		target.msgs.add(m)
		target.byID[m.id] = m
		target.notify()
		target.mu.Unlock()
		t.mu.Lock()
		t.moved++
		t.mu.Unlock()
	}
}

func (t *moveTask) finish(status, reason string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.status == taskRunning {
		t.status, t.failure = status, reason
	}
}

type cancelMoveInput struct {
	TaskHandle string `json:"TaskHandle"`
}

type cancelMoveOutput struct {
	ApproximateNumberOfMessagesMoved int64 `json:"ApproximateNumberOfMessagesMoved"`
}

func (s *Service) cancelMessageMoveTask(ctx *service.Context, in *cancelMoveInput) (*cancelMoveOutput, error) {
	raw, err := base64.StdEncoding.DecodeString(in.TaskHandle)
	var h taskHandle
	if err != nil || json.Unmarshal(raw, &h) != nil || h.TaskID == "" || h.SourceArn == "" {
		return nil, errInvalidParameterValue("Value for parameter TaskHandle is invalid.")
	}
	src := s.queueByARN(h.SourceArn)
	if src == nil {
		return nil, errResourceNotFound("The resource that you specified for the SourceArn parameter doesn't exist.")
	}
	reg := s.regions.Get(src.account, src.region)
	reg.mu.RLock()
	var task *moveTask
	for _, t := range reg.moves[src.arn] {
		if t.id == h.TaskID {
			task = t
		}
	}
	reg.mu.RUnlock()
	if task == nil {
		return nil, errResourceNotFound("Task does not exist.")
	}
	task.mu.Lock()
	defer task.mu.Unlock()
	if task.status != taskRunning {
		return nil, errInvalidParameterValue("Only active tasks can be cancelled.")
	}
	task.status = taskCancelled
	close(task.cancel)
	return &cancelMoveOutput{ApproximateNumberOfMessagesMoved: task.moved}, nil
}

type listMovesInput struct {
	SourceArn  string `json:"SourceArn"`
	MaxResults *int   `json:"MaxResults"`
}

type moveTaskEntry struct {
	TaskHandle                        string `json:"TaskHandle,omitempty"`
	Status                            string `json:"Status"`
	SourceArn                         string `json:"SourceArn"`
	DestinationArn                    string `json:"DestinationArn,omitempty"`
	MaxNumberOfMessagesPerSecond      *int   `json:"MaxNumberOfMessagesPerSecond,omitempty"`
	ApproximateNumberOfMessagesMoved  int64  `json:"ApproximateNumberOfMessagesMoved"`
	ApproximateNumberOfMessagesToMove int64  `json:"ApproximateNumberOfMessagesToMove"`
	FailureReason                     string `json:"FailureReason,omitempty"`
	StartedTimestamp                  int64  `json:"StartedTimestamp"`
}

type listMovesOutput struct {
	Results []moveTaskEntry `json:"Results,omitempty"`
}

func (s *Service) listMessageMoveTasks(ctx *service.Context, in *listMovesInput) (*listMovesOutput, error) {
	src := s.queueByARN(in.SourceArn)
	if src == nil {
		return nil, errResourceNotFound("The resource that you specified for the SourceArn parameter doesn't exist.")
	}
	limit := 1
	if in.MaxResults != nil {
		if *in.MaxResults < 1 || *in.MaxResults > 10 {
			return nil, errParamValue(*in.MaxResults, "MaxResults", "Must be between 1 and 10, if provided.")
		}
		limit = *in.MaxResults
	}
	reg := s.regions.Get(src.account, src.region)
	reg.mu.RLock()
	tasks := append([]*moveTask(nil), reg.moves[src.arn]...)
	reg.mu.RUnlock()
	out := &listMovesOutput{}
	for _, t := range tasks {
		if len(out.Results) == limit {
			break
		}
		t.mu.Lock()
		e := moveTaskEntry{
			Status: t.status, SourceArn: t.source, DestinationArn: t.destination,
			MaxNumberOfMessagesPerSecond: t.rate, ApproximateNumberOfMessagesMoved: t.moved,
			ApproximateNumberOfMessagesToMove: t.toMove, FailureReason: t.failure,
			StartedTimestamp: t.started.UnixMilli(),
		}
		if t.status == taskRunning {
			e.TaskHandle = t.handle
		}
		t.mu.Unlock()
		out.Results = append(out.Results, e)
	}
	return out, nil
}
