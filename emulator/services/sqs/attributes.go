package sqs

import (
	"encoding/json"
	"strconv"
	"strings"
	"time"

	"github.com/parity-harness/parity/emulator/awserr"
	"github.com/parity-harness/parity/emulator/service"
)

// Queue attribute names.
const (
	attrAll                       = "All"
	attrPolicy                    = "Policy"
	attrVisibilityTimeout         = "VisibilityTimeout"
	attrMaximumMessageSize        = "MaximumMessageSize"
	attrMessageRetentionPeriod    = "MessageRetentionPeriod"
	attrApproxMessages            = "ApproximateNumberOfMessages"
	attrApproxNotVisible          = "ApproximateNumberOfMessagesNotVisible"
	attrApproxDelayed             = "ApproximateNumberOfMessagesDelayed"
	attrCreatedTimestamp          = "CreatedTimestamp"
	attrLastModifiedTimestamp     = "LastModifiedTimestamp"
	attrQueueArn                  = "QueueArn"
	attrDelaySeconds              = "DelaySeconds"
	attrReceiveWaitTime           = "ReceiveMessageWaitTimeSeconds"
	attrRedrivePolicy             = "RedrivePolicy"
	attrRedriveAllowPolicy        = "RedriveAllowPolicy"
	attrFifoQueue                 = "FifoQueue"
	attrContentBasedDeduplication = "ContentBasedDeduplication"
	attrKmsMasterKeyID            = "KmsMasterKeyId"
	attrKmsDataKeyReusePeriod     = "KmsDataKeyReusePeriodSeconds"
	attrDeduplicationScope        = "DeduplicationScope"
	attrFifoThroughputLimit       = "FifoThroughputLimit"
	attrSqsManagedSseEnabled      = "SqsManagedSseEnabled"
)

// intRange is the accepted range of an integer attribute.
type intRange struct{ min, max int }

var intAttributes = map[string]intRange{
	attrVisibilityTimeout:      {0, maxVisibilitySeconds},
	attrMaximumMessageSize:     {1024, maxMessageBytes},
	attrMessageRetentionPeriod: {60, 1209600},
	attrDelaySeconds:           {0, maxDelaySeconds},
	attrReceiveWaitTime:        {0, maxWaitSeconds},
	attrKmsDataKeyReusePeriod:  {60, 86400},
}

// settable lists the attributes CreateQueue and SetQueueAttributes accept
// on every queue; fifoOnly those that need a FIFO queue.
var settable = map[string]bool{
	attrPolicy: true, attrVisibilityTimeout: true, attrMaximumMessageSize: true,
	attrMessageRetentionPeriod: true, attrDelaySeconds: true, attrReceiveWaitTime: true,
	attrRedrivePolicy: true, attrRedriveAllowPolicy: true, attrKmsMasterKeyID: true,
	attrKmsDataKeyReusePeriod: true, attrSqsManagedSseEnabled: true,
}

var fifoOnly = map[string]bool{
	attrFifoQueue: true, attrContentBasedDeduplication: true,
	attrDeduplicationScope: true, attrFifoThroughputLimit: true,
}

// readable are the names GetQueueAttributes accepts.
var readable = map[string]bool{
	attrAll: true, attrPolicy: true, attrVisibilityTimeout: true, attrMaximumMessageSize: true,
	attrMessageRetentionPeriod: true, attrApproxMessages: true, attrApproxNotVisible: true,
	attrApproxDelayed: true, attrCreatedTimestamp: true, attrLastModifiedTimestamp: true,
	attrQueueArn: true, attrDelaySeconds: true, attrReceiveWaitTime: true, attrRedrivePolicy: true,
	attrRedriveAllowPolicy: true, attrFifoQueue: true, attrContentBasedDeduplication: true,
	attrKmsMasterKeyID: true, attrKmsDataKeyReusePeriod: true, attrDeduplicationScope: true,
	attrFifoThroughputLimit: true, attrSqsManagedSseEnabled: true,
}

// defaultAttributes are a new queue's settable attributes.
func defaultAttributes(fifo bool) map[string]string {
	a := map[string]string{
		attrVisibilityTimeout:      "30",
		attrMaximumMessageSize:     strconv.Itoa(maxMessageBytes),
		attrMessageRetentionPeriod: "345600",
		attrDelaySeconds:           "0",
		attrReceiveWaitTime:        "0",
		attrSqsManagedSseEnabled:   "true",
	}
	if fifo {
		a[attrFifoQueue] = "true"
		a[attrContentBasedDeduplication] = "false"
		a[attrDeduplicationScope] = "queue"
		a[attrFifoThroughputLimit] = "perQueue"
	}
	return a
}

// redrivePolicy is the parsed RedrivePolicy attribute.
type redrivePolicy struct {
	DeadLetterTargetArn string `json:"deadLetterTargetArn"`
	MaxReceiveCount     int    `json:"maxReceiveCount"`
}

// redriveAllowPolicy is the parsed RedriveAllowPolicy attribute.
type redriveAllowPolicy struct {
	RedrivePermission string   `json:"redrivePermission"`
	SourceQueueArns   []string `json:"sourceQueueArns,omitempty"`
}

// validateAttributes checks attributes a client sets on a queue (fifo tells
// the queue's type) and returns them normalised. create distinguishes
// CreateQueue from SetQueueAttributes, whose FifoQueue rules differ. exists
// resolves a dead-letter target ARN.
func validateAttributes(in map[string]string, fifo, create bool, exists func(arn string) bool) (map[string]string, error) {
	out := make(map[string]string, len(in))
	for name, value := range in {
		switch {
		case name == attrFifoQueue:
			if !fifo {
				return nil, errUnknownAttribute(name)
			}
			if !create && !strings.EqualFold(value, "true") {
				return nil, errInvalidAttributeValue("Invalid value for the parameter FifoQueue. Reason: Modifying queue type is not supported.")
			}
			out[name] = "true"
			continue
		case name == attrDeduplicationScope || name == attrFifoThroughputLimit:
			if !fifo {
				return nil, errInvalidAttributeName("You can specify the %s only when FifoQueue is set to true.", name)
			}
		case name == attrContentBasedDeduplication:
			if !fifo {
				return nil, errUnknownAttribute(name)
			}
		case !settable[name]:
			return nil, errUnknownAttribute(name)
		}
		norm, err := normaliseAttribute(name, value, exists)
		if err != nil {
			return nil, err
		}
		out[name] = norm
	}
	if out[attrKmsMasterKeyID] != "" && strings.EqualFold(out[attrSqsManagedSseEnabled], "true") {
		return nil, errInvalidAttributeName("You can use one type of server-side encryption (SSE) at one time. You can either enable KMS SSE or SQS SSE.")
	}
	if out[attrFifoThroughputLimit] == "perMessageGroupId" && out[attrDeduplicationScope] == "queue" {
		return nil, errInvalidAttributeValue("The perMessageGroupId value is allowed only when the value for DeduplicationScope is messageGroup.")
	}
	return out, nil
}

func normaliseAttribute(name, value string, exists func(string) bool) (string, error) {
	if r, ok := intAttributes[name]; ok {
		n, err := strconv.Atoi(strings.TrimSpace(value))
		if err != nil || n < r.min || n > r.max {
			return "", errInvalidAttributeFor(name)
		}
		return strconv.Itoa(n), nil
	}
	switch name {
	case attrContentBasedDeduplication, attrSqsManagedSseEnabled:
		b, err := strconv.ParseBool(value)
		if err != nil {
			return "", errInvalidAttributeFor(name)
		}
		return strconv.FormatBool(b), nil
	case attrDeduplicationScope:
		if value != "queue" && value != "messageGroup" {
			return "", errInvalidAttributeFor(name)
		}
	case attrFifoThroughputLimit:
		if value != "perQueue" && value != "perMessageGroupId" {
			return "", errInvalidAttributeFor(name)
		}
	case attrPolicy:
		if value == "" {
			return "", nil
		}
		var v map[string]any
		if json.Unmarshal([]byte(value), &v) != nil {
			return "", errInvalidAttributeFor(name)
		}
	case attrRedrivePolicy:
		return normaliseRedrivePolicy(value, exists)
	case attrRedriveAllowPolicy:
		return normaliseRedriveAllowPolicy(value)
	}
	return value, nil
}

func normaliseRedrivePolicy(value string, exists func(string) bool) (string, error) {
	if value == "" {
		return "", nil
	}
	var raw map[string]any
	if err := json.Unmarshal([]byte(value), &raw); err != nil {
		return "", errParamValue(value, attrRedrivePolicy, "Redrive policy is not a valid JSON map.")
	}
	arn, _ := raw["deadLetterTargetArn"].(string)
	if arn == "" {
		return "", errParamValue(value, attrRedrivePolicy, "Redrive policy does not contain mandatory attribute: deadLetterTargetArn.")
	}
	count, ok := jsonInt(raw["maxReceiveCount"])
	if _, present := raw["maxReceiveCount"]; !present {
		return "", errParamValue(value, attrRedrivePolicy, "Redrive policy does not contain mandatory attribute: maxReceiveCount.")
	}
	if !ok || count < 1 || count > 1000 {
		return "", errParamValue(value, attrRedrivePolicy, "Invalid value for maxReceiveCount: "+jsonText(raw["maxReceiveCount"])+", valid values are from 1 to 1000 both inclusive.")
	}
	if _, ok := service.ParseARN(arn); !ok || !exists(arn) {
		return "", errParamValue(value, attrRedrivePolicy, "Dead letter target does not exist.")
	}
	b, _ := json.Marshal(redrivePolicy{DeadLetterTargetArn: arn, MaxReceiveCount: count})
	return string(b), nil
}

func normaliseRedriveAllowPolicy(value string) (string, error) {
	if value == "" {
		return "", nil
	}
	var p redriveAllowPolicy
	if err := json.Unmarshal([]byte(value), &p); err != nil {
		return "", errParamValue(value, attrRedriveAllowPolicy, "Amazon SQS can't create the redrive allow policy, as it's in an unsupported format.")
	}
	switch p.RedrivePermission {
	case "allowAll", "denyAll":
		if len(p.SourceQueueArns) > 0 {
			return "", errParamValue(value, attrRedriveAllowPolicy, "Only when redrivePermission is byQueue can you specify sourceQueueArns.")
		}
	case "byQueue":
		if len(p.SourceQueueArns) == 0 || len(p.SourceQueueArns) > 10 {
			return "", errParamValue(value, attrRedriveAllowPolicy, "You must specify 1 to 10 sourceQueueArns when redrivePermission is byQueue.")
		}
	default:
		return "", errParamValue(value, attrRedriveAllowPolicy, "Amazon SQS can't create the redrive allow policy, as it's in an unsupported format.")
	}
	b, _ := json.Marshal(p)
	return string(b), nil
}

func jsonInt(v any) (int, bool) {
	switch n := v.(type) {
	case float64:
		if n == float64(int(n)) {
			return int(n), true
		}
	case string:
		i, err := strconv.Atoi(n)
		return i, err == nil
	}
	return 0, false
}

func jsonText(v any) string {
	b, _ := json.Marshal(v)
	return strings.Trim(string(b), `"`)
}

// checkAttributeNames validates the names GetQueueAttributes asks for.
func checkAttributeNames(names []string) error {
	for _, n := range names {
		if !readable[n] {
			return errUnknownAttribute(n)
		}
	}
	return nil
}

// epochSeconds renders a timestamp the way queue attributes carry them.
func epochSeconds(t time.Time) string { return strconv.FormatInt(t.Unix(), 10) }

// asAWSErr narrows an error known to be an *awserr.Error.
func asAWSErr(err error) *awserr.Error {
	if e, ok := awserr.As(err); ok {
		return e
	}
	return awserr.Internal(err.Error())
}
