package s3

import (
	"encoding/json"
	"fmt"
	"net/url"
	"strings"
	"sync/atomic"
	"time"

	"github.com/parity-harness/parity/emulator/awserr"
	"github.com/parity-harness/parity/emulator/service"
)

// Event notifications: a bucket's NotificationConfiguration routes object
// events to SQS queues and SNS topics with S3's event message (eventVersion
// 2.1). Configuring destinations sends each an s3:TestEvent.

// destination kinds of a notification configuration.
var destinationKinds = []struct{ list, arnMember, argName, service string }{
	{"QueueConfigurations", "QueueArn", "Queue", "sqs"},
	{"TopicConfigurations", "TopicArn", "Topic", "sns"},
	{"LambdaFunctionConfigurations", "LambdaFunctionArn", "CloudFunction", "lambda"},
}

var notificationEvents = map[string]bool{
	"s3:ReducedRedundancyLostObject": true, "s3:ObjectCreated:*": true, "s3:ObjectCreated:Put": true, "s3:ObjectCreated:Post": true,
	"s3:ObjectCreated:Copy": true, "s3:ObjectCreated:CompleteMultipartUpload": true, "s3:ObjectRemoved:*": true,
	"s3:ObjectRemoved:Delete": true, "s3:ObjectRemoved:DeleteMarkerCreated": true, "s3:ObjectRestore:*": true,
	"s3:ObjectRestore:Post": true, "s3:ObjectRestore:Completed": true, "s3:ObjectRestore:Delete": true,
	"s3:Replication:*": true, "s3:LifecycleExpiration:*": true, "s3:LifecycleExpiration:Delete": true,
	"s3:LifecycleExpiration:DeleteMarkerCreated": true, "s3:LifecycleTransition": true, "s3:IntelligentTiering": true,
	"s3:ObjectTagging:*": true, "s3:ObjectTagging:Put": true, "s3:ObjectTagging:Delete": true, "s3:ObjectAcl:Put": true,
}

// validateNotification checks events, filter rules and ARNs, normalising
// filter rule names to "Prefix"/"Suffix" as S3 stores them.
func validateNotification(_ *Service, _ *Bucket, cfg map[string]any) error {
	for _, kind := range destinationKinds {
		for _, c := range list(cfg, kind.list) {
			m, _ := c.(map[string]any)
			arn := str(m, kind.arnMember)
			if p, ok := service.ParseARN(arn); !ok || p.Service != kind.service {
				return errInvalidArgument("The ARN could not be parsed", kind.argName, arn)
			}
			if len(list(m, "Events")) == 0 {
				return errMalformedXML()
			}
			for _, e := range list(m, "Events") {
				es, _ := e.(string)
				if !notificationEvents[es] {
					return errInvalidArgument("The event is not supported for notifications", "Event", es)
				}
			}
			for _, r := range filterRules(m) {
				rm, _ := r.(map[string]any)
				if !has(rm, "Name") || !has(rm, "Value") {
					return errMalformedXML() // the schema requires both
				}
				switch strings.ToLower(str(rm, "Name")) {
				case "prefix":
					rm["Name"] = "Prefix"
				case "suffix":
					rm["Name"] = "Suffix"
				default:
					return errInvalidArgument("filter rule name must be either prefix or suffix", "FilterRule.Name", str(rm, "Name"))
				}
			}
			if _, ok := m["Id"]; !ok {
				m["Id"] = newNotificationID()
			}
		}
	}
	return nil
}

// isFilterRuleName reports whether v names a filter rule in any case.
func isFilterRuleName(v any) bool {
	s, _ := v.(string)
	return strings.EqualFold(s, "prefix") || strings.EqualFold(s, "suffix")
}

func filterRules(c map[string]any) []any {
	return list(object(object(c, "Filter"), "Key"), "FilterRules")
}

func newNotificationID() string {
	return strings.ReplaceAll(service.UUID(), "-", "")[:8] + "-" + service.UUID()[9:]
}

// testNotificationTargets checks that every destination exists and sends it
// the test event.
func (s *Service) testNotificationTargets(ctx *service.Context, b *Bucket, cfg map[string]any, skip bool) error {
	if ctx == nil || ctx.Emulator == nil || skip {
		return nil
	}
	type failure struct{ arn, reason string }
	var failures []failure
	for _, kind := range destinationKinds {
		for _, c := range list(cfg, kind.list) {
			m, _ := c.(map[string]any)
			arn := str(m, kind.arnMember)
			if kind.service == "sns" {
				if reason := s.topicRefusal(ctx, b, arn); reason != "" {
					failures = append(failures, failure{arn, reason})
					continue
				}
			}
			body, _ := json.Marshal(map[string]any{"Service": "Amazon S3", "Event": "s3:TestEvent", "Time": s.now().Format("2006-01-02T15:04:05.000Z"),
				"Bucket": b.Name, "RequestId": ctx.RequestID, "HostId": hostID()})
			if err := s.deliver(ctx, kind.service, arn, string(body)); err != nil {
				reason := "The destination queue does not exist"
				if kind.service == "sns" {
					reason = "The destination topic does not exist"
				}
				if kind.service == "lambda" {
					reason = "The destination Lambda does not exist"
				}
				failures = append(failures, failure{arn, reason})
			}
		}
	}
	if len(failures) == 0 {
		return nil
	}
	e := awserr.New("InvalidArgument", 400, "Unable to validate the following destination configurations")
	for i, f := range failures {
		e.With(fmt.Sprintf("ArgumentName%d", i+1), f.arn).With(fmt.Sprintf("ArgumentValue%d", i+1), f.reason)
	}
	return e
}

// deliver sends a message to a queue or topic ARN through the emulator.
func (s *Service) deliver(ctx *service.Context, kind, arn, body string) error {
	p, ok := service.ParseARN(arn)
	if !ok {
		return fmt.Errorf("s3 notification: bad ARN %q", arn)
	}
	switch kind {
	case "sqs":
		out, err := ctx.Emulator.Invoke(ctx, p.Account, p.Region, "sqs", "GetQueueUrl", service.Params{"QueueName": p.Resource, "QueueOwnerAWSAccountId": p.Account})
		if err != nil {
			return err
		}
		queueURL, _ := out["QueueUrl"].(string)
		send := service.Params{"QueueUrl": queueURL, "MessageBody": body}
		if ctx.Request != nil {
			// S3 passes the request's X-Ray trace header on to the queue.
			if trace := ctx.Request.Header.Get("X-Amzn-Trace-Id"); trace != "" {
				send["MessageSystemAttributes"] = map[string]any{"AWSTraceHeader": map[string]any{"DataType": "String", "StringValue": trace}}
			}
		}
		_, err = ctx.Emulator.Invoke(ctx, p.Account, p.Region, "sqs", "SendMessage", send)
		return err
	case "sns":
		_, err := ctx.Emulator.Invoke(ctx, p.Account, p.Region, "sns", "Publish", service.Params{"TopicArn": arn, "Message": body, "Subject": "Amazon S3 Notification"})
		return err
	}
	return fmt.Errorf("s3 notification: %s destinations are not served by the emulator", kind)
}

func hostID() string { return service.RandomHex(24) }

var sequence atomic.Uint64

// emptyETag is the MD5 of no content.
const emptyETag = "d41d8cd98f00b204e9800998ecf8427e"

// eventMatches reports whether a configured event pattern covers event
// ("ObjectCreated:Put").
func eventMatches(pattern, event string) bool {
	pattern = strings.TrimPrefix(pattern, "s3:")
	if strings.HasSuffix(pattern, ":*") {
		return strings.HasPrefix(event, strings.TrimSuffix(pattern, "*"))
	}
	return pattern == event
}

// notify sends event for o to every matching destination of b. Delivery
// failures do not fail the request, as on AWS.
func (s *Service) notify(ctx *service.Context, b *Bucket, event string, o *Object) {
	if ctx == nil || ctx.Emulator == nil || o == nil {
		return
	}
	cfg, _ := b.Configs["notification"].(map[string]any)
	if cfg == nil {
		return
	}
	for _, kind := range destinationKinds[:2] {
		for _, c := range list(cfg, kind.list) {
			m, _ := c.(map[string]any)
			if !configMatches(m, event, o.Key) {
				continue
			}
			body, _ := json.Marshal(map[string]any{"Records": []any{s.eventRecord(ctx, b, event, str(m, "Id"), o)}})
			_ = s.deliver(ctx, kind.service, str(m, kind.arnMember), string(body))
		}
	}
}

func configMatches(c map[string]any, event, key string) bool {
	matched := false
	for _, e := range list(c, "Events") {
		if es, _ := e.(string); eventMatches(es, event) {
			matched = true
		}
	}
	if !matched {
		return false
	}
	for _, r := range filterRules(c) {
		rm, _ := r.(map[string]any)
		v := str(rm, "Value")
		switch str(rm, "Name") {
		case "Prefix":
			if !strings.HasPrefix(key, v) {
				return false
			}
		case "Suffix":
			if !strings.HasSuffix(key, v) {
				return false
			}
		}
	}
	return true
}

// principalID is the principal id S3 reports for an account.
func principalID(account string) string { return "A" + strings.ToUpper(canonicalID(account)[:13]) }

func (s *Service) eventRecord(ctx *service.Context, b *Bucket, event, configID string, o *Object) map[string]any {
	// Keys are URL-encoded with their slashes kept.
	obj := map[string]any{"key": strings.ReplaceAll(url.QueryEscape(o.Key), "%2F", "/")}
	eventVersion := "2.1"
	switch {
	case strings.HasPrefix(event, "ObjectTagging"):
		// Tagging events are of event version 2.3: key, ETag and version,
		// no size and no sequencer.
		eventVersion = "2.3"
		obj["eTag"] = strings.Trim(o.ETag, `"`)
	case event == "ObjectRemoved:DeleteMarkerCreated":
		obj["eTag"] = emptyETag // a delete marker has the ETag of no content
	case strings.HasPrefix(event, "ObjectCreated"):
		obj["size"] = o.Size
		obj["eTag"] = strings.Trim(o.ETag, `"`)
	}
	if eventVersion == "2.1" {
		obj["sequencer"] = fmt.Sprintf("%016X", uint64(time.Now().UnixNano())+sequence.Add(1))
	}
	if b.Versioning != "" && o.VersionID != "" && o.VersionID != "null" {
		obj["versionId"] = o.VersionID
	}
	sourceIP := "127.0.0.1"
	if ctx.Request != nil {
		if host, _, ok := strings.Cut(ctx.Request.RemoteAddr, ":"); ok {
			sourceIP = host
		}
	}
	principal := ctx.AccessKey
	if principal == "" {
		principal = ctx.Account
	}
	return map[string]any{
		"eventVersion": eventVersion, "eventSource": "aws:s3", "awsRegion": b.Region,
		"eventTime": s.now().Format("2006-01-02T15:04:05.000Z"), "eventName": event,
		"userIdentity":      map[string]any{"principalId": "AWS:" + principal},
		"requestParameters": map[string]any{"sourceIPAddress": sourceIP},
		"responseElements":  map[string]any{"x-amz-request-id": ctx.RequestID, "x-amz-id-2": hostID()},
		"s3": map[string]any{
			"s3SchemaVersion": "1.0", "configurationId": configID,
			"bucket": map[string]any{"name": b.Name, "ownerIdentity": map[string]any{"principalId": principalID(b.Account)}, "arn": bucketARN(b.Region, b.Name)},
			"object": obj,
		},
	}
}
