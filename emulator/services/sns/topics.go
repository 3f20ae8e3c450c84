package sns

import (
	"encoding/json"
	"strings"
	"sync"
	"time"

	"github.com/parity-harness/parity/emulator/service"
)

// topic is one SNS topic.
type topic struct {
	arn, name, owner string
	fifo             bool

	mu             sync.Mutex
	attrs          map[string]string
	tags           map[string]string
	dataProtection string
	subs           []string // subscription ARNs in creation order
	deletedSubs    int
	dedup          map[string]published
	sequence       uint64
	created        time.Time
}

// published remembers a FIFO publish within the deduplication window.
type published struct {
	messageID, sequence string
	at                  time.Time
}

func defaultTopicPolicy(arn, owner string) string {
	p := map[string]any{
		"Version": "2008-10-17",
		"Id":      "__default_policy_ID",
		"Statement": []any{map[string]any{
			"Sid":       "__default_statement_ID",
			"Effect":    "Allow",
			"Principal": map[string]any{"AWS": "*"},
			"Action": []string{"SNS:GetTopicAttributes", "SNS:SetTopicAttributes", "SNS:AddPermission", "SNS:RemovePermission",
				"SNS:DeleteTopic", "SNS:Subscribe", "SNS:ListSubscriptionsByTopic", "SNS:Publish"},
			"Resource":  arn,
			"Condition": map[string]any{"StringEquals": map[string]any{"AWS:SourceOwner": owner}},
		}},
	}
	b, _ := json.Marshal(p)
	return string(b)
}

// topicAttributes are the attributes CreateTopic and SetTopicAttributes
// accept (FifoTopic only on creation, ContentBasedDeduplication only on FIFO
// topics).
var topicAttributes = map[string]bool{
	"DeliveryPolicy": true, "DisplayName": true, "Policy": true, "KmsMasterKeyId": true,
	"SignatureVersion": true, "TracingConfig": true, "ArchivePolicy": true, "FifoThroughputScope": true,
	"ContentBasedDeduplication": true, "DataProtectionPolicy": true,
	"ApplicationSuccessFeedbackRoleArn": true, "ApplicationSuccessFeedbackSampleRate": true, "ApplicationFailureFeedbackRoleArn": true,
	"HTTPSuccessFeedbackRoleArn": true, "HTTPSuccessFeedbackSampleRate": true, "HTTPFailureFeedbackRoleArn": true,
	"LambdaSuccessFeedbackRoleArn": true, "LambdaSuccessFeedbackSampleRate": true, "LambdaFailureFeedbackRoleArn": true,
	"SQSSuccessFeedbackRoleArn": true, "SQSSuccessFeedbackSampleRate": true, "SQSFailureFeedbackRoleArn": true,
	"FirehoseSuccessFeedbackRoleArn": true, "FirehoseSuccessFeedbackSampleRate": true, "FirehoseFailureFeedbackRoleArn": true,
}

func validTopicName(name string, fifo bool) bool {
	base := name
	if fifo {
		if !strings.HasSuffix(name, ".fifo") {
			return false
		}
		base = strings.TrimSuffix(name, ".fifo")
	}
	if base == "" || len(name) > 256 {
		return false
	}
	for _, c := range base {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
			return false
		}
	}
	return true
}

type tag struct {
	Key   string `json:"Key"`
	Value string `json:"Value"`
}

type createTopicInput struct {
	Name                 string            `json:"Name"`
	Attributes           map[string]string `json:"Attributes"`
	Tags                 []tag             `json:"Tags"`
	DataProtectionPolicy string            `json:"DataProtectionPolicy"`
}

type topicARNOutput struct {
	TopicArn string `json:"TopicArn"`
}

func validateTopicAttribute(name, value string, fifo bool) (string, error) {
	if !topicAttributes[name] || name == "ContentBasedDeduplication" && !fifo {
		return "", errInvalidParameter("Invalid parameter: AttributeName")
	}
	switch name {
	case "ContentBasedDeduplication":
		v, ok := lowerBool(value)
		if !ok {
			return "", errInvalidParameter("Invalid parameter: ContentBasedDeduplication Reason: Invalid value [%s]. Must be true or false.", value)
		}
		return v, nil
	case "Policy", "DeliveryPolicy", "DataProtectionPolicy", "ArchivePolicy":
		if value != "" && !json.Valid([]byte(value)) {
			return "", errInvalidParameter("Invalid parameter: %s Reason: failed to parse JSON.", name)
		}
	case "SignatureVersion":
		if value != "1" && value != "2" {
			return "", errInvalidParameter("Invalid parameter: SignatureVersion Reason: must be 1 or 2")
		}
	case "TracingConfig":
		if value != "Active" && value != "PassThrough" {
			return "", errInvalidParameter("Invalid parameter: TracingConfig Reason: must be Active or PassThrough")
		}
	}
	return value, nil
}

func (s *Service) createTopic(ctx *service.Context, in *createTopicInput) (*topicARNOutput, error) {
	fifo := false
	if v, ok := in.Attributes["FifoTopic"]; ok {
		b, valid := lowerBool(v)
		if !valid {
			return nil, errInvalidParameter("Invalid parameter: FifoTopic Reason: Invalid value [%s]. Must be true or false.", v)
		}
		fifo = b == "true"
	}
	if !validTopicName(in.Name, fifo) {
		if in.Name != "" && fifo == false && strings.HasSuffix(in.Name, ".fifo") && validTopicName(in.Name, true) {
			return nil, errInvalidParameter("Invalid parameter: Topic Name")
		}
		return nil, errInvalidParameter("Invalid parameter: Topic Name")
	}
	attrs := map[string]string{}
	for k, v := range in.Attributes {
		if k == "FifoTopic" {
			continue
		}
		norm, err := validateTopicAttribute(k, v, fifo)
		if err != nil {
			return nil, errInvalidParameter("Invalid parameter: Attributes Reason: %s", strings.TrimPrefix(err.Error(), "InvalidParameter: Invalid parameter: "))
		}
		attrs[k] = norm
	}
	if err := checkTags(in.Tags); err != nil {
		return nil, err
	}
	if in.DataProtectionPolicy != "" && !json.Valid([]byte(in.DataProtectionPolicy)) {
		return nil, errInvalidParameter("Invalid parameter: DataProtectionPolicy Reason: failed to parse JSON.")
	}
	acct, reg := account(ctx), regionName(ctx)
	arn := service.ARN("sns", reg, acct, in.Name)
	r := s.region(ctx)
	r.mu.Lock()
	defer r.mu.Unlock()
	if t, ok := r.topics[arn]; ok {
		t.mu.Lock()
		defer t.mu.Unlock()
		if t.fifo != fifo {
			return nil, errInvalidParameter("Invalid parameter: Attributes Reason: Topic already exists with different attributes")
		}
		for k, v := range attrs {
			if t.attr(k) != v {
				return nil, errInvalidParameter("Invalid parameter: Attributes Reason: Topic already exists with different attributes")
			}
		}
		for _, tg := range in.Tags {
			if cur, ok := t.tags[tg.Key]; !ok || cur != tg.Value {
				return nil, errInvalidParameter("Invalid parameter: Tags Reason: Topic already exists with different tags")
			}
		}
		return &topicARNOutput{TopicArn: arn}, nil
	}
	t := &topic{arn: arn, name: in.Name, owner: acct, fifo: fifo, attrs: attrs, tags: map[string]string{},
		dataProtection: in.DataProtectionPolicy, dedup: map[string]published{}, created: time.Now()}
	if fifo {
		if _, ok := t.attrs["ContentBasedDeduplication"]; !ok {
			t.attrs["ContentBasedDeduplication"] = "false"
		}
	}
	for _, tg := range in.Tags {
		t.tags[tg.Key] = tg.Value
	}
	r.topics[arn] = t
	return &topicARNOutput{TopicArn: arn}, nil
}

// attr returns an attribute with its default; the caller holds mu.
func (t *topic) attr(name string) string {
	if v, ok := t.attrs[name]; ok {
		return v
	}
	switch name {
	case "DisplayName":
		return ""
	case "Policy":
		return defaultTopicPolicy(t.arn, t.owner)
	}
	return ""
}

// lookupTopic validates a topic ARN parameter and finds the topic.
func (s *Service) lookupTopic(ctx *service.Context, param, arn string) (*topic, error) {
	if err := checkARN(param, arn); err != nil {
		return nil, err
	}
	if err := checkTopicRegion(ctx, param, arn); err != nil {
		return nil, err
	}
	r := s.regionOf(arn)
	if r == nil {
		return nil, errInvalidParameter("Invalid parameter: %s", param)
	}
	r.mu.RLock()
	t := r.topics[arn]
	r.mu.RUnlock()
	if t == nil {
		return nil, errTopicNotFound()
	}
	return t, nil
}

// checkTopicRegion refuses a topic ARN of another region than the
// request's: SNS answers such calls as an invalid parameter, whether or not
// the topic exists there.
func checkTopicRegion(ctx *service.Context, param, arn string) error {
	if a, ok := service.ParseARN(arn); ok && a.Service == "sns" && a.Region != regionName(ctx) {
		return errInvalidParameter("Invalid parameter: %s", param)
	}
	return nil
}

type topicInput struct {
	TopicArn string `json:"TopicArn"`
}

func (s *Service) deleteTopic(ctx *service.Context, in *topicInput) (*struct{}, error) {
	if err := checkARN("TopicArn", in.TopicArn); err != nil {
		return nil, err
	}
	if err := checkTopicRegion(ctx, "TopicArn", in.TopicArn); err != nil {
		return nil, err
	}
	r := s.regionOf(in.TopicArn)
	if r == nil {
		return nil, errInvalidParameter("Invalid parameter: TopicArn")
	}
	r.mu.Lock()
	delete(r.topics, in.TopicArn)
	r.mu.Unlock()
	return nil, nil
}

type attributesOutput struct {
	Attributes map[string]string `json:"Attributes"`
}

func (s *Service) getTopicAttributes(ctx *service.Context, in *topicInput) (*attributesOutput, error) {
	t, err := s.lookupTopic(ctx, "TopicArn", in.TopicArn)
	if err != nil {
		return nil, err
	}
	r := s.regionOf(t.arn)
	r.mu.RLock()
	t.mu.Lock()
	confirmed, pending := 0, 0
	for _, arn := range t.subs {
		if sub := r.subs[arn]; sub != nil {
			if sub.pending {
				pending++
			} else {
				confirmed++
			}
		}
	}
	out := map[string]string{
		"DisplayName": t.attr("DisplayName"), "Owner": t.owner, "Policy": t.attr("Policy"), "TopicArn": t.arn,
		"SubscriptionsConfirmed": itoa(confirmed), "SubscriptionsPending": itoa(pending), "SubscriptionsDeleted": itoa(t.deletedSubs),
		"EffectiveDeliveryPolicy": effectiveTopicPolicy(t.attrs["DeliveryPolicy"]),
	}
	for k, v := range t.attrs {
		out[k] = v
	}
	if t.fifo {
		out["FifoTopic"] = "true"
	}
	t.mu.Unlock()
	r.mu.RUnlock()
	return &attributesOutput{Attributes: out}, nil
}

type setTopicAttributesInput struct {
	TopicArn       string  `json:"TopicArn"`
	AttributeName  string  `json:"AttributeName"`
	AttributeValue *string `json:"AttributeValue"`
}

func (s *Service) setTopicAttributes(ctx *service.Context, in *setTopicAttributesInput) (*struct{}, error) {
	t, err := s.lookupTopic(ctx, "TopicArn", in.TopicArn)
	if err != nil {
		return nil, err
	}
	value := ""
	if in.AttributeValue != nil {
		value = *in.AttributeValue
	}
	norm, verr := validateTopicAttribute(in.AttributeName, value, t.fifo)
	if verr != nil {
		return nil, verr
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	if in.AttributeName == "DataProtectionPolicy" {
		t.dataProtection = norm
		return nil, nil
	}
	if norm == "" && (in.AttributeName == "Policy" || in.AttributeName == "DeliveryPolicy") {
		delete(t.attrs, in.AttributeName)
		return nil, nil
	}
	t.attrs[in.AttributeName] = norm
	return nil, nil
}

type listTopicsInput struct {
	NextToken string `json:"NextToken"`
}

type topicEntry struct {
	TopicArn string `json:"TopicArn"`
}

type listTopicsOutput struct {
	Topics    []topicEntry `json:"Topics"`
	NextToken string       `json:"NextToken,omitempty"`
}

func (s *Service) listTopics(ctx *service.Context, in *listTopicsInput) (*listTopicsOutput, error) {
	r := s.region(ctx)
	r.mu.RLock()
	keys := make([]string, 0, len(r.topics))
	for arn := range r.topics {
		keys = append(keys, arn)
	}
	r.mu.RUnlock()
	arns, next, err := page(keys, in.NextToken, 100)
	if err != nil {
		return nil, err
	}
	out := &listTopicsOutput{Topics: []topicEntry{}, NextToken: next}
	for _, a := range arns {
		out.Topics = append(out.Topics, topicEntry{TopicArn: a})
	}
	return out, nil
}

type addPermissionInput struct {
	TopicArn     string   `json:"TopicArn"`
	Label        string   `json:"Label"`
	AWSAccountId []string `json:"AWSAccountId"`
	ActionName   []string `json:"ActionName"`
}

type topicPolicy struct {
	Version   string           `json:"Version"`
	Id        string           `json:"Id"`
	Statement []map[string]any `json:"Statement"`
}

func (s *Service) addPermission(ctx *service.Context, in *addPermissionInput) (*struct{}, error) {
	t, err := s.lookupTopic(ctx, "TopicArn", in.TopicArn)
	if err != nil {
		return nil, err
	}
	if in.Label == "" || len(in.AWSAccountId) == 0 || len(in.ActionName) == 0 {
		return nil, errInvalidParameter("Invalid parameter: Label, AWSAccountId and ActionName are required")
	}
	principals := make([]any, 0, len(in.AWSAccountId))
	for _, a := range in.AWSAccountId {
		principals = append(principals, "arn:"+service.Partition(regionName(ctx))+":iam::"+a+":root")
	}
	actions := make([]any, 0, len(in.ActionName))
	for _, a := range in.ActionName {
		actions = append(actions, "SNS:"+a)
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	var p topicPolicy
	if err := json.Unmarshal([]byte(t.attr("Policy")), &p); err != nil {
		p = topicPolicy{Version: "2008-10-17", Id: "__default_policy_ID"}
	}
	for _, st := range p.Statement {
		if st["Sid"] == in.Label {
			return nil, errInvalidParameter("Invalid parameter: Statement already exists")
		}
	}
	p.Statement = append(p.Statement, map[string]any{
		"Sid": in.Label, "Effect": "Allow", "Principal": map[string]any{"AWS": single(principals)},
		"Action": single(actions), "Resource": t.arn,
	})
	b, _ := json.Marshal(p)
	t.attrs["Policy"] = string(b)
	return nil, nil
}

func single(v []any) any {
	if len(v) == 1 {
		return v[0]
	}
	return v
}

type removePermissionInput struct {
	TopicArn string `json:"TopicArn"`
	Label    string `json:"Label"`
}

func (s *Service) removePermission(ctx *service.Context, in *removePermissionInput) (*struct{}, error) {
	t, err := s.lookupTopic(ctx, "TopicArn", in.TopicArn)
	if err != nil {
		return nil, err
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	var p topicPolicy
	if err := json.Unmarshal([]byte(t.attr("Policy")), &p); err != nil {
		return nil, nil
	}
	kept := p.Statement[:0]
	for _, st := range p.Statement {
		if st["Sid"] != in.Label {
			kept = append(kept, st)
		}
	}
	p.Statement = kept
	b, _ := json.Marshal(p)
	t.attrs["Policy"] = string(b)
	return nil, nil
}

func checkTags(tags []tag) error {
	seen := map[string]bool{}
	for _, t := range tags {
		if seen[t.Key] {
			return errInvalidParameter("Invalid parameter: Duplicated keys are not allowed.")
		}
		seen[t.Key] = true
		if t.Key == "" || len(t.Key) > 128 || len(t.Value) > 256 {
			return errInvalidParameter("Invalid parameter: Tags Reason: Tag keys must be 1 to 128 characters and values at most 256 characters")
		}
	}
	if len(tags) > 50 {
		return errTagLimit()
	}
	return nil
}

type tagResourceInput struct {
	ResourceArn string `json:"ResourceArn"`
	Tags        []tag  `json:"Tags"`
}

// taggedTopic finds the topic a tagging call names.
func (s *Service) taggedTopic(arn string) (*topic, error) {
	if err := checkARN("ResourceArn", arn); err != nil {
		return nil, err
	}
	r := s.regionOf(arn)
	if r == nil {
		return nil, errResourceNotFound()
	}
	r.mu.RLock()
	t := r.topics[arn]
	r.mu.RUnlock()
	if t == nil {
		return nil, errResourceNotFound()
	}
	return t, nil
}

func (s *Service) tagResource(ctx *service.Context, in *tagResourceInput) (*struct{}, error) {
	t, err := s.taggedTopic(in.ResourceArn)
	if err != nil {
		return nil, err
	}
	if err := checkTags(in.Tags); err != nil {
		return nil, err
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	n := len(t.tags)
	for _, tg := range in.Tags {
		if _, ok := t.tags[tg.Key]; !ok {
			n++
		}
	}
	if n > 50 {
		return nil, errTagLimit()
	}
	for _, tg := range in.Tags {
		t.tags[tg.Key] = tg.Value
	}
	return nil, nil
}

type untagResourceInput struct {
	ResourceArn string   `json:"ResourceArn"`
	TagKeys     []string `json:"TagKeys"`
}

func (s *Service) untagResource(ctx *service.Context, in *untagResourceInput) (*struct{}, error) {
	t, err := s.taggedTopic(in.ResourceArn)
	if err != nil {
		return nil, err
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	for _, k := range in.TagKeys {
		delete(t.tags, k)
	}
	return nil, nil
}

type resourceInput struct {
	ResourceArn string `json:"ResourceArn"`
}

type listTagsOutput struct {
	Tags []tag `json:"Tags"`
}

func (s *Service) listTagsForResource(ctx *service.Context, in *resourceInput) (*listTagsOutput, error) {
	t, err := s.taggedTopic(in.ResourceArn)
	if err != nil {
		return nil, err
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	out := &listTagsOutput{Tags: []tag{}}
	for _, k := range service.Tags(t.tags).SortedKeys() {
		out.Tags = append(out.Tags, tag{Key: k, Value: t.tags[k]})
	}
	return out, nil
}

type dataProtectionOutput struct {
	DataProtectionPolicy string `json:"DataProtectionPolicy,omitempty"`
}

func (s *Service) getDataProtectionPolicy(ctx *service.Context, in *resourceInput) (*dataProtectionOutput, error) {
	t, err := s.lookupTopic(ctx, "ResourceArn", in.ResourceArn)
	if err != nil {
		return nil, err
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	return &dataProtectionOutput{DataProtectionPolicy: t.dataProtection}, nil
}

type putDataProtectionInput struct {
	ResourceArn          string `json:"ResourceArn"`
	DataProtectionPolicy string `json:"DataProtectionPolicy"`
}

func (s *Service) putDataProtectionPolicy(ctx *service.Context, in *putDataProtectionInput) (*struct{}, error) {
	t, err := s.lookupTopic(ctx, "ResourceArn", in.ResourceArn)
	if err != nil {
		return nil, err
	}
	var doc map[string]any
	if json.Unmarshal([]byte(in.DataProtectionPolicy), &doc) != nil {
		return nil, errInvalidParameter("Invalid parameter: DataProtectionPolicy Reason: failed to parse JSON.")
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	t.dataProtection = in.DataProtectionPolicy
	return nil, nil
}
