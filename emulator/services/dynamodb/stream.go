package dynamodb

import (
	"fmt"
	"strconv"
	"sync"
	"time"

	"github.com/parity-harness/parity/emulator/service"
)

// Stream is the change stream of a table: one shard of ordered records.
// A stream outlives the table (disabled) so consumers can drain it.
type Stream struct {
	mu        sync.RWMutex
	ARN       string
	Label     string
	TableName string
	ViewType  string
	KeySchema []keyElem
	Created   time.Time
	ShardID   string
	StartSeq  uint64
	EndSeq    uint64 // set when the stream is disabled
	Enabled   bool
	records   []StreamRecord
}

// StreamRecord is one change of an item.
type StreamRecord struct {
	EventID   string
	EventName string // INSERT, MODIFY, REMOVE
	Seq       uint64
	Time      time.Time
	Region    string
	Keys      Item
	NewImage  Item
	OldImage  Item
	SizeBytes int
	ViewType  string
	// UserIdentity is set for deletions made by the service itself (TTL).
	UserIdentity map[string]any
}

// StreamInfo describes a stream for DescribeStream and ListStreams.
type StreamInfo struct {
	ARN, Label, TableName, ViewType string
	Status                          string // ENABLED or DISABLED
	Created                         time.Time
	KeySchema                       []any
	ShardID                         string
	StartingSequenceNumber          string
	EndingSequenceNumber            string // empty while the shard is open
}

// StreamReader is the in-process API the DynamoDB Streams service reads
// table streams through.
type StreamReader interface {
	// ListStreams returns the streams of a region, of one table when table is
	// not empty, oldest first.
	ListStreams(account, region, table string) []*Stream
	// FindStream returns a stream by ARN.
	FindStream(account, region, arn string) (*Stream, bool)
}

// FormatSequenceNumber renders a sequence number as the 21-digit decimal
// string DynamoDB Streams uses.
func FormatSequenceNumber(n uint64) string { return "1" + fmt.Sprintf("%020d", n) }

// ParseSequenceNumber reads a sequence number written by
// FormatSequenceNumber.
func ParseSequenceNumber(s string) (uint64, bool) {
	if len(s) != 21 || s[0] != '1' {
		return 0, false
	}
	n, err := strconv.ParseUint(s[1:], 10, 64)
	return n, err == nil
}

// Info returns the stream's description.
func (s *Stream) Info() StreamInfo {
	s.mu.RLock()
	defer s.mu.RUnlock()
	info := StreamInfo{
		ARN: s.ARN, Label: s.Label, TableName: s.TableName, ViewType: s.ViewType,
		Status: "DISABLED", Created: s.Created, KeySchema: keySchemaWire(s.KeySchema),
		ShardID: s.ShardID, StartingSequenceNumber: FormatSequenceNumber(s.StartSeq),
	}
	if s.Enabled {
		info.Status = "ENABLED"
	} else {
		info.EndingSequenceNumber = FormatSequenceNumber(s.EndSeq)
	}
	return info
}

// Read returns up to limit records with a sequence number at or after from,
// and the sequence number to continue from.
func (s *Stream) Read(from uint64, limit int) ([]StreamRecord, uint64) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	i := searchSeq(s.records, from)
	end := i + limit
	if end > len(s.records) {
		end = len(s.records)
	}
	out := append([]StreamRecord(nil), s.records[i:end]...)
	next := from
	if end > i {
		next = s.records[end-1].Seq + 1
	}
	return out, next
}

// Closed reports whether the shard is closed and no record is left at or
// after from.
func (s *Stream) Closed(from uint64) bool {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return !s.Enabled && searchSeq(s.records, from) == len(s.records)
}

// LatestSeq returns the position after the newest record (LATEST).
func (s *Stream) LatestSeq() uint64 {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if len(s.records) == 0 {
		return s.StartSeq
	}
	return s.records[len(s.records)-1].Seq + 1
}

// HasSeq reports whether a record with sequence number n is in the shard.
func (s *Stream) HasSeq(n uint64) bool {
	s.mu.RLock()
	defer s.mu.RUnlock()
	i := searchSeq(s.records, n)
	return i < len(s.records) && s.records[i].Seq == n
}

func searchSeq(recs []StreamRecord, from uint64) int {
	lo, hi := 0, len(recs)
	for lo < hi {
		m := (lo + hi) / 2
		if recs[m].Seq < from {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}

// Wire renders a record as GetRecords returns it.
func (r StreamRecord) Wire() map[string]any {
	ddb := map[string]any{
		"ApproximateCreationDateTime": r.Time,
		"Keys":                        r.Keys.Wire(),
		"SequenceNumber":              FormatSequenceNumber(r.Seq),
		"SizeBytes":                   int64(r.SizeBytes),
		"StreamViewType":              r.ViewType,
	}
	if r.NewImage != nil {
		ddb["NewImage"] = r.NewImage.Wire()
	}
	if r.OldImage != nil {
		ddb["OldImage"] = r.OldImage.Wire()
	}
	m := map[string]any{
		"eventID":      r.EventID,
		"eventName":    r.EventName,
		"eventVersion": "1.1",
		"eventSource":  "aws:dynamodb",
		"awsRegion":    r.Region,
		"dynamodb":     ddb,
	}
	if r.UserIdentity != nil {
		m["userIdentity"] = r.UserIdentity
	}
	return m
}

// newStream creates the stream of a table when streaming is enabled.
func (s *Service) newStream(t *Table, view string, now time.Time) *Stream {
	label := now.UTC().Format("2006-01-02T15:04:05.000")
	if t.stream != nil && t.stream.Label == label {
		label = now.Add(time.Millisecond).UTC().Format("2006-01-02T15:04:05.000")
	}
	return &Stream{
		ARN:       t.ARN + "/stream/" + label,
		Label:     label,
		TableName: t.Name,
		ViewType:  view,
		KeySchema: t.KeySchema,
		Created:   now,
		ShardID:   fmt.Sprintf("shardId-%020d-%s", now.UnixMilli(), service.RandomHex(4)),
		StartSeq:  s.seq.Add(1),
		Enabled:   true,
	}
}

// emit appends the record of one item change to the table's stream. The
// caller holds t.mu for writing.
func (s *Service) emit(t *Table, old, nu Item, identity map[string]any) {
	st := t.stream
	if st == nil || !t.StreamEnabled || (old == nil && nu == nil) {
		return
	}
	rec := StreamRecord{
		EventID:      service.RandomHex(16),
		Time:         s.now().Truncate(time.Second),
		Region:       t.Region,
		ViewType:     st.ViewType,
		UserIdentity: identity,
	}
	switch {
	case old == nil:
		rec.EventName = "INSERT"
		rec.Keys = t.keyOf(nu)
	case nu == nil:
		rec.EventName = "REMOVE"
		rec.Keys = t.keyOf(old)
	default:
		rec.EventName = "MODIFY"
		rec.Keys = t.keyOf(nu)
	}
	rec.SizeBytes = rec.Keys.Size()
	if (st.ViewType == "NEW_IMAGE" || st.ViewType == "NEW_AND_OLD_IMAGES") && nu != nil {
		rec.NewImage = nu
		rec.SizeBytes += nu.Size()
	}
	if (st.ViewType == "OLD_IMAGE" || st.ViewType == "NEW_AND_OLD_IMAGES") && old != nil {
		rec.OldImage = old
		rec.SizeBytes += old.Size()
	}
	st.mu.Lock()
	rec.Seq = s.seq.Add(1)
	st.records = append(st.records, rec)
	st.mu.Unlock()
}

// disableStream closes the table's current stream.
func (s *Service) disableStream(t *Table) {
	if t.stream == nil {
		return
	}
	st := t.stream
	st.mu.Lock()
	if st.Enabled {
		st.Enabled = false
		st.EndSeq = s.seq.Add(1)
	}
	st.mu.Unlock()
}

type streamReader struct{ s *Service }

// Streams returns the in-process reader of table streams.
func (s *Service) Streams() StreamReader { return streamReader{s} }

func (r streamReader) ListStreams(account, region, table string) []*Stream {
	rs := r.s.region(account, region)
	rs.mu.RLock()
	defer rs.mu.RUnlock()
	var out []*Stream
	for _, st := range rs.streamOrder {
		if table == "" || st.TableName == table {
			out = append(out, st)
		}
	}
	return out
}

func (r streamReader) FindStream(account, region, arn string) (*Stream, bool) {
	rs := r.s.region(account, region)
	rs.mu.RLock()
	defer rs.mu.RUnlock()
	st, ok := rs.streams[arn]
	return st, ok
}
