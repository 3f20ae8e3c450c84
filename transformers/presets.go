package transformers

import (
	"net/url"
	"strings"
)

// Preset returns the transformers for responses of service (a model name:
// "sqs", "sns", "s3", "dynamodb", "streams.dynamodb", "sts", "iam"); nil for
// other services. MD5 digests and S3 ETags are content hashes and are kept,
// except the MD5 of SQS bodies in the sns and s3 presets: those bodies are
// notifications full of run-dependent values. The sns and s3 presets include
// the sqs one, since their suites read notifications from queues.
func Preset(service string) []Transformer {
	switch service {
	case "sqs":
		return sqsPreset()
	case "sns":
		return append([]Transformer{
			KeyValue("Signature", "<signature>"),
			Regex(`https://sns\.[a-z0-9-<>]+\.amazonaws\.com(\.cn)?/SimpleNotificationService-[0-9a-f]+\.pem`, "<cert-domain>/SimpleNotificationService-<signing-cert-file:1>"),
			Key("Token", "token"),
			KeyValue("MD5OfBody", "<md5-hash>"),
		}, sqsPreset()...)
	case "s3":
		return append([]Transformer{
			Key("VersionId", "version-id"),
			Key("UploadId", "upload-id"),
			Key("HostId", "host-id"),
			Key("x-amz-id-2", "host-id"),
			Path("$..Owner.ID", "owner-id"),
			Key("NextContinuationToken", "next-continuation-token"),
			Key("ContinuationToken", "continuation-token"),
			KeyValue("MD5OfBody", "<md5-hash>"),
		}, sqsPreset()...)
	case "dynamodb", "streams.dynamodb", "dynamodbstreams":
		return []Transformer{
			Key("LatestStreamLabel", "latest-stream-label"),
			Key("StreamLabel", "stream-label"),
			Key("SequenceNumber", "sequence-number"),
			Key("StartingSequenceNumber", "sequence-number"),
			Key("EndingSequenceNumber", "sequence-number"),
			Key("ShardId", "shard-id"),
			Key("ParentShardId", "shard-id"),
			Key("ShardIterator", "shard-iterator"),
			Key("NextShardIterator", "shard-iterator"),
		}
	case "sts", "iam":
		return []Transformer{
			Key("AccessKeyId", "access-key-id"),
			Key("SecretAccessKey", "secret-access-key"),
			Key("SessionToken", "session-token"),
			Key("RoleId", "role-id"),
			Key("UserId", "user-id"),
			Key("GroupId", "group-id"),
			Key("PolicyId", "policy-id"),
			Key("InstanceProfileId", "instance-profile-id"),
			AssumedRoleID(),
			Key("ServiceSpecificCredentialId", "service-specific-credential-id"),
			Key("ServicePassword", "service-password"),
		}
	}
	return nil
}

// sqsPreset is Preset("sqs").
func sqsPreset() []Transformer {
	return []Transformer{
		Key("ReceiptHandle", "receipt-handle"),
		QueueURLNames(),
		Key("SequenceNumber", "sequence-number"),
		Key("SenderId", "sender-id"),
		Key("TaskHandle", "task-handle"),
	}
}

// QueueURLNames makes the queue name at the end of every QueueUrl and
// QueueUrls member a <resource:N> reference: the same placeholder the queue's
// ARN gives it, so a URL from CreateQueue and an ARN from GetQueueAttributes
// agree.
func QueueURLNames() Transformer {
	return Func(func(doc any, ctx *Context) any {
		register := func(v any) {
			s, ok := v.(string)
			if !ok {
				return
			}
			u, err := url.Parse(s)
			if err != nil {
				return
			}
			parts := strings.Split(strings.Trim(u.Path, "/"), "/")
			if name := parts[len(parts)-1]; name != "" && !IsPlaceholder(name) {
				ctx.Reference("resource", name)
			}
		}
		return visit(doc, nil, func(name string, _ Location, v any) any {
			switch name {
			case "QueueUrl":
				register(v)
			case "QueueUrls":
				if list, ok := v.([]any); ok {
					for _, x := range list {
						register(x)
					}
				}
			}
			return v
		})
	})
}
