// Package sqs emulates Amazon Simple Queue Service: standard and FIFO
// queues, visibility timeouts, delays, long polling, dead-letter queues,
// message move tasks, permissions and tags, with AWS's validation rules,
// error codes (JSON and legacy query) and message digests.
package sqs

import (
	"encoding/json"
	"net/url"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/parity-harness/parity/emulator/service"
	"github.com/parity-harness/parity/emulator/state"
)

// Service is the SQS emulator.
type Service struct {
	regions *state.Partitioned[region]
	closed  chan struct{}
	once    sync.Once
	tasks   sync.WaitGroup
}

// region holds the queues of one account and region.
type region struct {
	mu      sync.RWMutex
	queues  map[string]*queue
	deleted map[string]time.Time // name -> deletion time, for QueueDeletedRecently
	moves   map[string][]*moveTask
}

// New returns an empty SQS service.
func New() *Service {
	return &Service{
		regions: state.NewPartitioned(func(state.Key) *region {
			return &region{queues: map[string]*queue{}, deleted: map[string]time.Time{}, moves: map[string][]*moveTask{}}
		}),
		closed: make(chan struct{}),
	}
}

// Model implements service.Service.
func (s *Service) Model() string { return "sqs" }

// Close ends long polls and move tasks.
func (s *Service) Close() error {
	s.once.Do(func() { close(s.closed) })
	s.tasks.Wait()
	return nil
}

// Handlers implements service.Service.
func (s *Service) Handlers() map[string]service.Handler {
	return map[string]service.Handler{
		"CreateQueue":                  service.Typed(s.createQueue),
		"DeleteQueue":                  service.Typed(s.deleteQueue),
		"GetQueueUrl":                  service.Typed(s.getQueueURL),
		"ListQueues":                   service.Typed(s.listQueues),
		"GetQueueAttributes":           service.Typed(s.getQueueAttributes),
		"SetQueueAttributes":           service.Typed(s.setQueueAttributes),
		"PurgeQueue":                   service.Typed(s.purgeQueue),
		"ListDeadLetterSourceQueues":   service.Typed(s.listDeadLetterSourceQueues),
		"TagQueue":                     service.Typed(s.tagQueue),
		"UntagQueue":                   service.Typed(s.untagQueue),
		"ListQueueTags":                service.Typed(s.listQueueTags),
		"AddPermission":                service.Typed(s.addPermission),
		"RemovePermission":             service.Typed(s.removePermission),
		"SendMessage":                  service.Typed(s.sendMessage),
		"SendMessageBatch":             service.Typed(s.sendMessageBatch),
		"ReceiveMessage":               service.Typed(s.receiveMessage),
		"DeleteMessage":                service.Typed(s.deleteMessage),
		"DeleteMessageBatch":           service.Typed(s.deleteMessageBatch),
		"ChangeMessageVisibility":      service.Typed(s.changeMessageVisibility),
		"ChangeMessageVisibilityBatch": service.Typed(s.changeMessageVisibilityBatch),
		"StartMessageMoveTask":         service.Typed(s.startMessageMoveTask),
		"CancelMessageMoveTask":        service.Typed(s.cancelMessageMoveTask),
		"ListMessageMoveTasks":         service.Typed(s.listMessageMoveTasks),
	}
}

// queueURL forms a queue's URL for the endpoint the client called.
func queueURL(ctx *service.Context, account, name string) string {
	return endpoint(ctx) + "/" + account + "/" + name
}

func endpoint(ctx *service.Context) string {
	if ctx.Endpoint != "" {
		return strings.TrimRight(ctx.Endpoint, "/")
	}
	r := ctx.Region
	if r == "" {
		r = service.DefaultRegion
	}
	return "https://sqs." + r + ".amazonaws.com"
}

func callerRegion(ctx *service.Context) string {
	if ctx.Region == "" {
		return service.DefaultRegion
	}
	return ctx.Region
}

func callerAccount(ctx *service.Context) string {
	if ctx.Account == "" {
		return service.DefaultAccount
	}
	return ctx.Account
}

// parseQueueURL extracts the account and queue name of a queue URL (any
// host: the path /<account>/<name> identifies the queue). A bare name is
// accepted as a queue of the caller's account.
func parseQueueURL(ctx *service.Context, raw string) (account, name string, ok bool) {
	path := raw
	if strings.Contains(raw, "://") {
		u, err := url.Parse(raw)
		if err != nil {
			return "", "", false
		}
		path = u.Path
	}
	parts := strings.Split(strings.Trim(path, "/"), "/")
	switch {
	case len(parts) >= 2 && parts[len(parts)-1] != "":
		return parts[len(parts)-2], parts[len(parts)-1], true
	case len(parts) == 1 && parts[0] != "" && !strings.Contains(raw, "://"):
		return callerAccount(ctx), parts[0], true
	}
	return "", "", false
}

// lookup finds the queue a QueueUrl names.
func (s *Service) lookup(ctx *service.Context, rawURL string) (*queue, error) {
	if rawURL == "" {
		return nil, errMissingParameter("QueueUrl")
	}
	account, name, ok := parseQueueURL(ctx, rawURL)
	if !ok {
		return nil, errQueueDoesNotExist()
	}
	q := s.queue(account, callerRegion(ctx), name)
	if q == nil {
		return nil, errQueueDoesNotExist()
	}
	return q, nil
}

func (s *Service) queue(account, regionName, name string) *queue {
	r := s.regions.Get(account, regionName)
	r.mu.RLock()
	q := r.queues[name]
	r.mu.RUnlock()
	return q
}

// queueByARN finds a queue by its ARN.
func (s *Service) queueByARN(arn string) *queue {
	a, ok := service.ParseARN(arn)
	if !ok || a.Service != "sqs" {
		return nil
	}
	return s.queue(a.Account, a.Region, a.Resource)
}

// sortedQueues returns a region's queues ordered by name.
func (r *region) sortedQueues() []*queue {
	r.mu.RLock()
	out := make([]*queue, 0, len(r.queues))
	for _, q := range r.queues {
		out = append(out, q)
	}
	r.mu.RUnlock()
	sort.Slice(out, func(i, j int) bool { return out[i].name < out[j].name })
	return out
}

func jsonUnmarshal(s string, v any) error { return json.Unmarshal([]byte(s), v) }
