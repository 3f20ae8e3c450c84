// Package dynamodbstreams emulates Amazon DynamoDB Streams: it reads the
// change streams the dynamodb package records for its tables, in-process,
// through dynamodb.StreamReader.
package dynamodbstreams

import (
	"encoding/base64"
	"strconv"
	"strings"
	"time"

	"github.com/parity-harness/parity/emulator/awserr"
	"github.com/parity-harness/parity/emulator/service"
	"github.com/parity-harness/parity/emulator/services/dynamodb"
)

// iteratorLifetime is how long a shard iterator stays valid.
const iteratorLifetime = 15 * time.Minute

// Service is the DynamoDB Streams service.
type Service struct {
	streams dynamodb.StreamReader
	now     func() time.Time
}

// New returns the service reading the streams of a DynamoDB service.
func New(streams dynamodb.StreamReader) *Service {
	return &Service{streams: streams, now: time.Now}
}

// Model names the API model.
func (s *Service) Model() string { return "streams.dynamodb" }

// Handlers lists the implemented operations.
func (s *Service) Handlers() map[string]service.Handler {
	return map[string]service.Handler{
		"ListStreams":      s.listStreams,
		"DescribeStream":   s.describeStream,
		"GetShardIterator": s.getShardIterator,
		"GetRecords":       s.getRecords,
	}
}

func str(m map[string]any, k string) string {
	v, _ := m[k].(string)
	return v
}

func integer(m map[string]any, k string) (int64, bool) {
	switch v := m[k].(type) {
	case int64:
		return v, true
	case int:
		return int64(v), true
	case float64:
		return int64(v), true
	case interface{ Int64() (int64, error) }:
		n, err := v.Int64()
		return n, err == nil
	}
	return 0, false
}

func validation(msg string) *awserr.Error { return awserr.New("ValidationException", 400, msg) }

func notFound(msg string) *awserr.Error { return awserr.New("ResourceNotFoundException", 400, msg) }

// find resolves a stream ARN in the account and region it names.
func (s *Service) find(ctx *service.Context, arn string) (*dynamodb.Stream, error) {
	a, ok := service.ParseARN(arn)
	if !ok || a.Service != "dynamodb" || !strings.Contains(a.Resource, "/stream/") {
		return nil, validation("Invalid StreamArn")
	}
	st, ok := s.streams.FindStream(a.Account, a.Region, arn)
	if !ok {
		return nil, notFound("Requested resource not found: Stream: " + arn + " not found")
	}
	return st, nil
}

func (s *Service) listStreams(ctx *service.Context, in service.Params) (any, error) {
	limit, ok := integer(in, "Limit")
	if !ok {
		limit = 100
	}
	if limit < 1 || limit > 100 {
		return nil, validation("1 validation error detected: Value '" + strconv.FormatInt(limit, 10) + "' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 100")
	}
	all := s.streams.ListStreams(ctx.Account, ctx.Region, str(in, "TableName"))
	start := str(in, "ExclusiveStartStreamArn")
	out := []any{}
	var last string
	skipping := start != ""
	more := false
	for _, st := range all {
		info := st.Info()
		if skipping {
			if info.ARN == start {
				skipping = false
			}
			continue
		}
		if int64(len(out)) == limit {
			more = true
			break
		}
		out = append(out, map[string]any{"StreamArn": info.ARN, "TableName": info.TableName, "StreamLabel": info.Label})
		last = info.ARN
	}
	res := map[string]any{"Streams": out}
	if more {
		res["LastEvaluatedStreamArn"] = last
	}
	return res, nil
}

func (s *Service) describeStream(ctx *service.Context, in service.Params) (any, error) {
	st, err := s.find(ctx, str(in, "StreamArn"))
	if err != nil {
		return nil, err
	}
	info := st.Info()
	shards := []any{}
	if start := str(in, "ExclusiveStartShardId"); start != info.ShardID {
		rng := map[string]any{"StartingSequenceNumber": info.StartingSequenceNumber}
		if info.EndingSequenceNumber != "" {
			rng["EndingSequenceNumber"] = info.EndingSequenceNumber
		}
		shards = append(shards, map[string]any{"ShardId": info.ShardID, "SequenceNumberRange": rng})
	}
	return map[string]any{"StreamDescription": map[string]any{
		"StreamArn":               info.ARN,
		"StreamLabel":             info.Label,
		"StreamStatus":            info.Status,
		"StreamViewType":          info.ViewType,
		"CreationRequestDateTime": info.Created,
		"TableName":               info.TableName,
		"KeySchema":               info.KeySchema,
		"Shards":                  shards,
	}}, nil
}

// iterator is the decoded content of a shard iterator.
type iterator struct {
	arn, shard string
	seq        uint64
	issued     time.Time
}

func (it iterator) encode() string {
	raw := it.arn + "|" + it.shard + "|" + strconv.FormatUint(it.seq, 10) + "|" + strconv.FormatInt(it.issued.UnixNano(), 10)
	return it.arn + "|1|" + base64.RawURLEncoding.EncodeToString([]byte(raw))
}

func decodeIterator(s string) (iterator, bool) {
	i := strings.LastIndexByte(s, '|')
	if i < 0 {
		return iterator{}, false
	}
	b, err := base64.RawURLEncoding.DecodeString(s[i+1:])
	if err != nil {
		return iterator{}, false
	}
	parts := strings.Split(string(b), "|")
	if len(parts) != 4 {
		return iterator{}, false
	}
	seq, err1 := strconv.ParseUint(parts[2], 10, 64)
	ns, err2 := strconv.ParseInt(parts[3], 10, 64)
	if err1 != nil || err2 != nil {
		return iterator{}, false
	}
	return iterator{arn: parts[0], shard: parts[1], seq: seq, issued: time.Unix(0, ns)}, true
}

func (s *Service) getShardIterator(ctx *service.Context, in service.Params) (any, error) {
	st, err := s.find(ctx, str(in, "StreamArn"))
	if err != nil {
		return nil, err
	}
	info := st.Info()
	if str(in, "ShardId") != info.ShardID {
		return nil, notFound("Requested resource not found: Shard does not exist")
	}
	it := iterator{arn: info.ARN, shard: info.ShardID, issued: s.now()}
	typ := str(in, "ShardIteratorType")
	seqStr := str(in, "SequenceNumber")
	switch typ {
	case "TRIM_HORIZON":
		it.seq = 0
	case "LATEST":
		it.seq = st.LatestSeq()
	case "AT_SEQUENCE_NUMBER", "AFTER_SEQUENCE_NUMBER":
		if seqStr == "" {
			return nil, validation("A SequenceNumber must be provided when the ShardIteratorType is " + typ)
		}
		n, ok := dynamodb.ParseSequenceNumber(seqStr)
		if !ok {
			return nil, validation("1 validation error detected: Value '" + seqStr + "' at 'sequenceNumber' failed to satisfy constraint: Member must satisfy regular expression pattern: \\d{21,40}")
		}
		if !st.HasSeq(n) {
			return nil, validation("Invalid SequenceNumber: " + seqStr + " for shard " + info.ShardID)
		}
		it.seq = n
		if typ == "AFTER_SEQUENCE_NUMBER" {
			it.seq = n + 1
		}
	default:
		return nil, validation("1 validation error detected: Value '" + typ + "' at 'shardIteratorType' failed to satisfy constraint: Member must satisfy enum value set: [AFTER_SEQUENCE_NUMBER, LATEST, AT_SEQUENCE_NUMBER, TRIM_HORIZON]")
	}
	if typ != "LATEST" && typ != "TRIM_HORIZON" && seqStr == "" {
		return nil, validation("A SequenceNumber must be provided")
	}
	return map[string]any{"ShardIterator": it.encode()}, nil
}

func (s *Service) getRecords(ctx *service.Context, in service.Params) (any, error) {
	raw := str(in, "ShardIterator")
	it, ok := decodeIterator(raw)
	if !ok {
		return nil, validation("Invalid ShardIterator")
	}
	if s.now().Sub(it.issued) > iteratorLifetime {
		return nil, awserr.New("ExpiredIteratorException", 400, "Iterator expired")
	}
	st, err := s.find(ctx, it.arn)
	if err != nil {
		return nil, err
	}
	limit, ok := integer(in, "Limit")
	if !ok {
		limit = 1000
	}
	if limit < 1 || limit > 1000 {
		return nil, validation("1 validation error detected: Value '" + strconv.FormatInt(limit, 10) + "' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 1000")
	}
	recs, next := st.Read(it.seq, int(limit))
	out := make([]any, len(recs))
	for i, r := range recs {
		out[i] = r.Wire()
	}
	res := map[string]any{"Records": out}
	if !st.Closed(next) {
		res["NextShardIterator"] = iterator{arn: it.arn, shard: it.shard, seq: next, issued: s.now()}.encode()
	}
	return res, nil
}

var _ service.Service = (*Service)(nil)
