package s3

import (
	"encoding/json"
	"strings"

	"github.com/parity-harness/parity/emulator/service"
)

// Destination permissions: before S3 accepts a notification destination it
// checks that the destination's resource policy lets the S3 service
// principal deliver to it from the bucket. A statement applies when its
// principal covers s3.amazonaws.com, its action and resource cover the
// delivery, and every condition holds for the keys S3 supplies
// (aws:SourceArn, the bucket's ARN, and aws:SourceAccount, the bucket
// owner's account). A condition on any other key does not hold, so a topic's
// default policy (limited by AWS:SourceOwner) does not admit S3.

// s3ServicePrincipal is the service principal S3 delivers notifications as.
const s3ServicePrincipal = "s3.amazonaws.com"

// deliverySource is what S3 supplies to a destination policy's conditions.
type deliverySource struct {
	bucketARN, account string
}

// policyAllowsS3Delivery reports whether the resource policy lets S3 perform
// action (sns:Publish, sqs:SendMessage) on resource for the bucket src: an
// applicable Allow and no applicable Deny.
func policyAllowsS3Delivery(policy, action, resource string, src deliverySource) bool {
	var doc struct {
		Statement json.RawMessage
	}
	if json.Unmarshal([]byte(policy), &doc) != nil {
		return false
	}
	var statements []map[string]any
	if json.Unmarshal(doc.Statement, &statements) != nil {
		var one map[string]any
		if json.Unmarshal(doc.Statement, &one) != nil {
			return false
		}
		statements = []map[string]any{one}
	}
	allowed := false
	for _, st := range statements {
		if st["NotAction"] != nil || st["NotResource"] != nil || st["NotPrincipal"] != nil {
			continue
		}
		if !principalCoversService(st["Principal"], s3ServicePrincipal) || !anyPatternMatches(st["Action"], action, true) ||
			!anyPatternMatches(st["Resource"], resource, false) || !conditionsHold(st["Condition"], src) {
			continue
		}
		switch st["Effect"] {
		case "Deny":
			return false
		case "Allow":
			allowed = true
		}
	}
	return allowed
}

// principalCoversService reports whether a statement's principal includes
// the service principal: everyone, or the service named.
func principalCoversService(p any, svc string) bool {
	if principalIsEveryone(p) {
		return true
	}
	m, _ := p.(map[string]any)
	for _, s := range stringsOf(m["Service"]) {
		if s == svc {
			return true
		}
	}
	return false
}

// conditionsHold evaluates a statement's Condition block against what S3
// supplies; an operator or key S3 has no value for makes it fail.
func conditionsHold(cond any, src deliverySource) bool {
	if cond == nil {
		return true
	}
	ops, ok := cond.(map[string]any)
	if !ok {
		return false
	}
	for op, keys := range ops {
		km, ok := keys.(map[string]any)
		if !ok {
			return false
		}
		for key, want := range km {
			var got string
			switch strings.ToLower(key) {
			case "aws:sourcearn":
				got = src.bucketARN
			case "aws:sourceaccount":
				got = src.account
			default:
				return false
			}
			if !conditionMatches(strings.TrimSuffix(op, "IfExists"), got, stringsOf(want)) {
				return false
			}
		}
	}
	return true
}

// conditionMatches applies one condition operator: true when got matches
// any of the values.
func conditionMatches(op, got string, values []string) bool {
	for _, v := range values {
		var ok bool
		switch op {
		case "StringEquals", "ArnEquals":
			ok = got == v
		case "StringEqualsIgnoreCase":
			ok = strings.EqualFold(got, v)
		case "StringLike", "ArnLike":
			ok = globMatch(v, got)
		default:
			return false
		}
		if ok {
			return true
		}
	}
	return false
}

// topicRefusal is why S3 cannot use the topic arn as a destination of b ("" when it can):
// the topic does not exist, or its policy does not let S3 publish.
func (s *Service) topicRefusal(ctx *service.Context, b *Bucket, arn string) string {
	p, _ := service.ParseARN(arn)
	out, err := ctx.Emulator.Invoke(ctx, p.Account, p.Region, "sns", "GetTopicAttributes", service.Params{"TopicArn": arn})
	if err != nil {
		return "The destination topic does not exist"
	}
	attrs, _ := out["Attributes"].(map[string]any)
	policy, _ := attrs["Policy"].(string)
	if !policyAllowsS3Delivery(policy, "sns:Publish", arn, deliverySource{bucketARN: bucketARN(b.Region, b.Name), account: b.Account}) {
		return "Permissions on the destination topic do not allow S3 to publish notifications from this bucket"
	}
	return ""
}
