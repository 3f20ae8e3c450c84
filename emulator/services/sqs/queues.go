package sqs

import (
	"encoding/base64"
	"strings"
	"time"

	"github.com/parity-harness/parity/emulator/service"
)

type createQueueInput struct {
	QueueName  string            `json:"QueueName"`
	Attributes map[string]string `json:"Attributes"`
	Tags       map[string]string `json:"tags"`
}

type queueURLOutput struct {
	QueueUrl string `json:"QueueUrl"`
}

func validQueueName(name string, fifo bool) bool {
	base := name
	if fifo {
		if !strings.HasSuffix(name, ".fifo") {
			return false
		}
		base = strings.TrimSuffix(name, ".fifo")
	}
	if len(name) < 1 || len(name) > maxQueueNameLength || base == "" {
		return false
	}
	for _, c := range base {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
			return false
		}
	}
	return true
}

func (s *Service) createQueue(ctx *service.Context, in *createQueueInput) (*queueURLOutput, error) {
	if in.QueueName == "" {
		return nil, errMissingParameter("QueueName")
	}
	fifo := strings.EqualFold(in.Attributes[attrFifoQueue], "true")
	if !validQueueName(in.QueueName, fifo) {
		if fifo {
			return nil, errInvalidParameterValue("The name of a FIFO queue can only include alphanumeric characters, hyphens, or underscores, must end with .fifo suffix and be 1 to 80 in length.")
		}
		return nil, errInvalidParameterValue("Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length")
	}
	attrs, err := validateAttributes(in.Attributes, fifo, true, func(arn string) bool { return s.queueByARN(arn) != nil })
	if err != nil {
		return nil, err
	}
	if len(in.Tags) > maxTagsPerQueue {
		return nil, errInvalidParameterValue("Too many tags added for queue %s.", in.QueueName)
	}
	account, regionName := callerAccount(ctx), callerRegion(ctx)
	r := s.regions.Get(account, regionName)
	now := time.Now()
	r.mu.Lock()
	defer r.mu.Unlock()
	if q, ok := r.queues[in.QueueName]; ok {
		q.mu.Lock()
		defer q.mu.Unlock()
		for k, v := range attrs {
			if q.attrs[k] != v && !(v == "" && q.attrs[k] == "") {
				return nil, errQueueNameExists(k)
			}
		}
		return &queueURLOutput{QueueUrl: queueURL(ctx, account, in.QueueName)}, nil
	}
	if at, ok := r.deleted[in.QueueName]; ok && now.Sub(at) < recreateDelay {
		return nil, errQueueDeletedRecently()
	}
	arn := service.ARN("sqs", regionName, account, in.QueueName)
	r.queues[in.QueueName] = newQueue(in.QueueName, arn, account, regionName, fifo, attrs, in.Tags, now)
	return &queueURLOutput{QueueUrl: queueURL(ctx, account, in.QueueName)}, nil
}

type queueInput struct {
	QueueUrl string `json:"QueueUrl"`
}

func (s *Service) deleteQueue(ctx *service.Context, in *queueInput) (*struct{}, error) {
	q, err := s.lookup(ctx, in.QueueUrl)
	if err != nil {
		return nil, err
	}
	r := s.regions.Get(q.account, q.region)
	r.mu.Lock()
	if r.queues[q.name] == q {
		delete(r.queues, q.name)
		r.deleted[q.name] = time.Now()
	}
	r.mu.Unlock()
	q.mu.Lock()
	q.deleted = true
	q.notify()
	q.mu.Unlock()
	return nil, nil
}

type getQueueURLInput struct {
	QueueName              string `json:"QueueName"`
	QueueOwnerAWSAccountId string `json:"QueueOwnerAWSAccountId"`
}

func (s *Service) getQueueURL(ctx *service.Context, in *getQueueURLInput) (*queueURLOutput, error) {
	if in.QueueName == "" {
		return nil, errMissingParameter("QueueName")
	}
	account := callerAccount(ctx)
	if in.QueueOwnerAWSAccountId != "" {
		account = in.QueueOwnerAWSAccountId
	}
	if s.queue(account, callerRegion(ctx), in.QueueName) == nil {
		return nil, errQueueDoesNotExist()
	}
	return &queueURLOutput{QueueUrl: queueURL(ctx, account, in.QueueName)}, nil
}

type listQueuesInput struct {
	QueueNamePrefix string `json:"QueueNamePrefix"`
	NextToken       string `json:"NextToken"`
	MaxResults      *int   `json:"MaxResults"`
}

type listQueuesOutput struct {
	QueueUrls []string `json:"QueueUrls,omitempty"`
	NextToken string   `json:"NextToken,omitempty"`
}

// pageQueues applies ListQueues-style pagination: the token is the base64 of
// the last URL returned, and the next page starts after that queue.
func pageQueues(ctx *service.Context, queues []*queue, token string, max *int) ([]string, string, error) {
	limit := maxListResults
	if max != nil {
		if *max < 1 || *max > maxListResults {
			return nil, "", errParamValue(*max, "MaxResults", "MaxResults must be an integer between 1 and 1000.")
		}
		limit = *max
	}
	after := ""
	if token != "" {
		raw, err := base64.StdEncoding.DecodeString(token)
		if err != nil {
			return nil, "", errInvalidParameterValue("Invalid NextToken value.")
		}
		_, name, ok := parseQueueURL(ctx, string(raw))
		if !ok {
			return nil, "", errInvalidParameterValue("Invalid NextToken value.")
		}
		after = name
	}
	var urls []string
	next := ""
	for _, q := range queues {
		if after != "" && q.name <= after {
			continue
		}
		if len(urls) == limit {
			if max != nil {
				next = base64.StdEncoding.EncodeToString([]byte(urls[len(urls)-1]))
			}
			break
		}
		urls = append(urls, queueURL(ctx, q.account, q.name))
	}
	return urls, next, nil
}

func (s *Service) listQueues(ctx *service.Context, in *listQueuesInput) (*listQueuesOutput, error) {
	all := s.regions.Get(callerAccount(ctx), callerRegion(ctx)).sortedQueues()
	matching := all[:0:0]
	for _, q := range all {
		if strings.HasPrefix(q.name, in.QueueNamePrefix) {
			matching = append(matching, q)
		}
	}
	urls, next, err := pageQueues(ctx, matching, in.NextToken, in.MaxResults)
	if err != nil {
		return nil, err
	}
	return &listQueuesOutput{QueueUrls: urls, NextToken: next}, nil
}

type getQueueAttributesInput struct {
	QueueUrl       string   `json:"QueueUrl"`
	AttributeNames []string `json:"AttributeNames"`
}

type attributesOutput struct {
	Attributes map[string]string `json:"Attributes,omitempty"`
}

func (s *Service) getQueueAttributes(ctx *service.Context, in *getQueueAttributesInput) (*attributesOutput, error) {
	q, err := s.lookup(ctx, in.QueueUrl)
	if err != nil {
		return nil, err
	}
	if err := checkAttributeNames(in.AttributeNames); err != nil {
		return nil, err
	}
	if len(in.AttributeNames) == 0 {
		return &attributesOutput{}, nil
	}
	q.mu.Lock()
	all := q.attributes(time.Now())
	q.mu.Unlock()
	out := map[string]string{}
	for _, n := range in.AttributeNames {
		if n == attrAll {
			return &attributesOutput{Attributes: all}, nil
		}
		if v, ok := all[n]; ok {
			out[n] = v
		}
	}
	return &attributesOutput{Attributes: out}, nil
}

type setQueueAttributesInput struct {
	QueueUrl   string            `json:"QueueUrl"`
	Attributes map[string]string `json:"Attributes"`
}

func (s *Service) setQueueAttributes(ctx *service.Context, in *setQueueAttributesInput) (*struct{}, error) {
	q, err := s.lookup(ctx, in.QueueUrl)
	if err != nil {
		return nil, err
	}
	attrs, err := validateAttributes(in.Attributes, q.fifo, false, func(arn string) bool { return s.queueByARN(arn) != nil })
	if err != nil {
		return nil, err
	}
	q.mu.Lock()
	defer q.mu.Unlock()
	merged := map[string]string{attrDeduplicationScope: q.attrs[attrDeduplicationScope], attrFifoThroughputLimit: q.attrs[attrFifoThroughputLimit]}
	for k, v := range attrs {
		merged[k] = v
	}
	if q.fifo && merged[attrFifoThroughputLimit] == "perMessageGroupId" && merged[attrDeduplicationScope] == "queue" {
		return nil, errInvalidAttributeValue("The perMessageGroupId value is allowed only when the value for DeduplicationScope is messageGroup.")
	}
	q.applyAttributes(attrs)
	q.modified = time.Now()
	q.notify() // a shorter delay or visibility may make messages available sooner
	return nil, nil
}

func (s *Service) purgeQueue(ctx *service.Context, in *queueInput) (*struct{}, error) {
	q, err := s.lookup(ctx, in.QueueUrl)
	if err != nil {
		return nil, err
	}
	now := time.Now()
	q.mu.Lock()
	defer q.mu.Unlock()
	if !q.lastPurge.IsZero() && now.Sub(q.lastPurge) < purgeInterval {
		return nil, errPurgeInProgress(q.name)
	}
	q.lastPurge = now
	var all []*message
	q.msgs.each(func(m *message) { all = append(all, m) })
	for _, m := range all {
		q.drop(m)
	}
	return nil, nil
}

type listDeadLetterSourceQueuesInput struct {
	QueueUrl   string `json:"QueueUrl"`
	NextToken  string `json:"NextToken"`
	MaxResults *int   `json:"MaxResults"`
}

type listDeadLetterSourceQueuesOutput struct {
	QueueUrls []string `json:"queueUrls"`
	NextToken string   `json:"NextToken,omitempty"`
}

func (s *Service) listDeadLetterSourceQueues(ctx *service.Context, in *listDeadLetterSourceQueuesInput) (*listDeadLetterSourceQueuesOutput, error) {
	dlq, err := s.lookup(ctx, in.QueueUrl)
	if err != nil {
		return nil, err
	}
	var sources []*queue
	for _, q := range s.regions.Get(dlq.account, dlq.region).sortedQueues() {
		q.mu.Lock()
		target, _, ok := q.redrive()
		q.mu.Unlock()
		if ok && target == dlq.arn {
			sources = append(sources, q)
		}
	}
	urls, next, err := pageQueues(ctx, sources, in.NextToken, in.MaxResults)
	if err != nil {
		return nil, err
	}
	if urls == nil {
		urls = []string{}
	}
	return &listDeadLetterSourceQueuesOutput{QueueUrls: urls, NextToken: next}, nil
}

type tagQueueInput struct {
	QueueUrl string            `json:"QueueUrl"`
	Tags     map[string]string `json:"Tags"`
}

func (s *Service) tagQueue(ctx *service.Context, in *tagQueueInput) (*struct{}, error) {
	q, err := s.lookup(ctx, in.QueueUrl)
	if err != nil {
		return nil, err
	}
	if len(in.Tags) == 0 {
		return nil, errMissingParameter("Tags")
	}
	q.mu.Lock()
	defer q.mu.Unlock()
	n := len(q.tags)
	for k := range in.Tags {
		if _, ok := q.tags[k]; !ok {
			n++
		}
	}
	if n > maxTagsPerQueue {
		return nil, errInvalidParameterValue("Too many tags added for queue %s.", q.name)
	}
	for k, v := range in.Tags {
		q.tags[k] = v
	}
	return nil, nil
}

type untagQueueInput struct {
	QueueUrl string   `json:"QueueUrl"`
	TagKeys  []string `json:"TagKeys"`
}

func (s *Service) untagQueue(ctx *service.Context, in *untagQueueInput) (*struct{}, error) {
	q, err := s.lookup(ctx, in.QueueUrl)
	if err != nil {
		return nil, err
	}
	if len(in.TagKeys) == 0 {
		return nil, errMissingParameter("TagKeys")
	}
	q.mu.Lock()
	defer q.mu.Unlock()
	for _, k := range in.TagKeys {
		delete(q.tags, k)
	}
	return nil, nil
}

type listQueueTagsOutput struct {
	Tags map[string]string `json:"Tags,omitempty"`
}

func (s *Service) listQueueTags(ctx *service.Context, in *queueInput) (*listQueueTagsOutput, error) {
	q, err := s.lookup(ctx, in.QueueUrl)
	if err != nil {
		return nil, err
	}
	q.mu.Lock()
	defer q.mu.Unlock()
	tags := make(map[string]string, len(q.tags))
	for k, v := range q.tags {
		tags[k] = v
	}
	return &listQueueTagsOutput{Tags: tags}, nil
}
