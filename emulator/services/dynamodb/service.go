// Package dynamodb emulates Amazon DynamoDB: tables and secondary indexes,
// items with the full expression language, queries and scans, batches,
// transactions, PartiQL, TTL and table streams (read by package
// dynamodbstreams through StreamReader).
package dynamodb

import (
	"sync"
	"sync/atomic"
	"time"

	"github.com/parity-harness/parity/emulator/service"
	"github.com/parity-harness/parity/emulator/state"
)

// Service is the DynamoDB service.
type Service struct {
	regions *state.Partitioned[regionState]
	seq     atomic.Uint64
	now     func() time.Time

	ttlInterval time.Duration
	stopOnce    sync.Once
	stop        chan struct{}
	done        chan struct{}
}

// regionState is the DynamoDB state of one account and region.
type regionState struct {
	mu          sync.RWMutex
	account     string
	region      string
	tables      map[string]*Table
	streams     map[string]*Stream
	streamOrder []*Stream
	tokens      map[string]*idempotentCall
	backups     map[string]*backup
}

// Option configures the service.
type Option func(*Service)

// WithTTLInterval sets how often expired items are swept (default 1s).
func WithTTLInterval(d time.Duration) Option { return func(s *Service) { s.ttlInterval = d } }

// WithClock replaces the clock (tests).
func WithClock(now func() time.Time) Option { return func(s *Service) { s.now = now } }

// New returns a DynamoDB service with its TTL sweeper running.
func New(opts ...Option) *Service {
	s := &Service{
		now:         time.Now,
		ttlInterval: time.Second,
		stop:        make(chan struct{}),
		done:        make(chan struct{}),
	}
	for _, o := range opts {
		o(s)
	}
	s.regions = state.NewPartitioned(func(k state.Key) *regionState {
		return &regionState{
			account: k.Account, region: k.Region,
			tables:  map[string]*Table{},
			streams: map[string]*Stream{},
			tokens:  map[string]*idempotentCall{},
			backups: map[string]*backup{},
		}
	})
	go s.sweepLoop()
	return s
}

// Model names the API model.
func (s *Service) Model() string { return "dynamodb" }

// Close stops the TTL sweeper.
func (s *Service) Close() error {
	s.stopOnce.Do(func() {
		close(s.stop)
		<-s.done
	})
	return nil
}

func (s *Service) region(account, region string) *regionState {
	return s.regions.Get(account, region)
}

// Handlers lists the implemented operations.
func (s *Service) Handlers() map[string]service.Handler {
	return map[string]service.Handler{
		"CreateTable":                 s.createTable,
		"DescribeTable":               s.describeTable,
		"UpdateTable":                 s.updateTable,
		"DeleteTable":                 s.deleteTable,
		"ListTables":                  s.listTables,
		"DescribeLimits":              s.describeLimits,
		"DescribeEndpoints":           s.describeEndpoints,
		"UpdateTimeToLive":            s.updateTimeToLive,
		"DescribeTimeToLive":          s.describeTimeToLive,
		"UpdateContinuousBackups":     s.updateContinuousBackups,
		"DescribeContinuousBackups":   s.describeContinuousBackups,
		"DescribeContributorInsights": s.describeContributorInsights,
		"UpdateContributorInsights":   s.updateContributorInsights,
		"TagResource":                 s.tagResource,
		"UntagResource":               s.untagResource,
		"ListTagsOfResource":          s.listTagsOfResource,
		"PutResourcePolicy":           s.putResourcePolicy,
		"GetResourcePolicy":           s.getResourcePolicy,
		"DeleteResourcePolicy":        s.deleteResourcePolicy,
		"PutItem":                     s.putItem,
		"GetItem":                     s.getItem,
		"UpdateItem":                  s.updateItem,
		"DeleteItem":                  s.deleteItem,
		"Query":                       s.query,
		"Scan":                        s.scan,
		"BatchGetItem":                s.batchGetItem,
		"BatchWriteItem":              s.batchWriteItem,
		"TransactGetItems":            s.transactGetItems,
		"TransactWriteItems":          s.transactWriteItems,
		"ExecuteStatement":            s.executeStatement,
		"BatchExecuteStatement":       s.batchExecuteStatement,
		"ExecuteTransaction":          s.executeTransaction,
		"CreateBackup":                s.createBackup,
		"DescribeBackup":              s.describeBackup,
		"DeleteBackup":                s.deleteBackup,
		"ListBackups":                 s.listBackups,
		"RestoreTableFromBackup":      s.restoreTableFromBackup,
		"RestoreTableToPointInTime":   s.restoreTableToPointInTime,
	}
}

var _ service.Service = (*Service)(nil)
var _ service.Closer = (*Service)(nil)
