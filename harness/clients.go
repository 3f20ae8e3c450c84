package harness

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"os"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/ratelimit"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodbstreams"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/kms"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/sns"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
	sqsschemas "github.com/aws/aws-sdk-go-v2/service/sqs/schemas"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	"github.com/aws/smithy-go/logging"
	"github.com/aws/smithy-go/transport/http/protocol/awsquery"
)

// MaxAttempts bounds the attempts of one SDK call: recording wants the
// first answer, with a retry only for transport failures and 5xx.
const MaxAttempts = 3

// Config builds the aws.Config of every client for target t: region,
// credentials (static test/test for the emulator and URL targets unless
// credentials are in the environment), the SDK's buildable HTTP client (it
// honours AWS_CA_BUNDLE), a recording-friendly retryer and the call
// recording middleware. For the aws target it fails when no credentials
// resolve.
func Config(ctx context.Context, t *Target) (aws.Config, error) {
	opts := []func(*config.LoadOptions) error{
		config.WithRegion(t.Region),
		config.WithHTTPClient(awshttp.NewBuildableClient()),
		config.WithRetryer(newRetryer),
		config.WithLogger(logging.Nop{}), // no SDK warnings in suite output
	}
	if t.Kind != KindAWS && os.Getenv("AWS_ACCESS_KEY_ID") == "" {
		opts = append(opts, config.WithCredentialsProvider(credentials.NewStaticCredentialsProvider("test", "test", "")))
	}
	cfg, err := config.LoadDefaultConfig(ctx, opts...)
	if err != nil {
		return aws.Config{}, fmt.Errorf("target %s: loading the AWS configuration: %w", t.Name, err)
	}
	if t.Kind == KindAWS {
		cctx, cancel := context.WithTimeout(ctx, 15*time.Second)
		defer cancel()
		if _, err := cfg.Credentials.Retrieve(cctx); err != nil {
			return aws.Config{}, errors.New("target aws: no AWS credentials resolve (set AWS_PROFILE or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, or pick another --target)")
		}
		cfg.BaseEndpoint = nil
	} else {
		cfg.BaseEndpoint = aws.String(t.Endpoint)
	}
	cfg.APIOptions = append(cfg.APIOptions, addCallRecording)
	return cfg, nil
}

// newRetryer retries transport failures and 5xx answers at most twice,
// never a 4xx (throttling included: a throttled recording should fail
// loudly), without client-side rate limiting.
func newRetryer() aws.Retryer {
	return retry.NewStandard(func(o *retry.StandardOptions) {
		o.MaxAttempts = MaxAttempts
		o.MaxBackoff = 2 * time.Second
		o.RateLimiter = ratelimit.None
		o.Retryables = append([]retry.IsErrorRetryable{retry.IsErrorRetryableFunc(no4xxRetry)}, o.Retryables...)
	})
}

func no4xxRetry(err error) aws.Ternary {
	if s := httpStatus(err); s >= 400 && s < 500 {
		return aws.FalseTernary
	}
	return aws.UnknownTernary
}

// AWSConfig returns the aws.Config for the current target, for clients of
// services without a helper here. Pass cfg.BaseEndpoint to the client's
// options too, so that service-specific AWS_ENDPOINT_URL_<SERVICE>
// variables cannot redirect it.
func AWSConfig() aws.Config {
	cfg, err := current().config()
	if err != nil {
		failNow(err.Error())
	}
	return cfg
}

// SQS returns an SQS client for the current target.
func SQS() *sqs.Client {
	cfg := AWSConfig()
	return sqs.NewFromConfig(cfg, func(o *sqs.Options) { o.BaseEndpoint = cfg.BaseEndpoint })
}

// SQSQuery returns an SQS client for the current target that speaks SQS's
// query protocol (form-encoded Action requests, XML responses) instead of
// JSON: the SDK's awsQuery protocol driven by the SQS Smithy schemas, whose
// xmlName and xmlFlattened traits give the query wire names
// (Attribute.N.Name, MessageAttribute.N.Value.StringValue,
// SendMessageBatchRequestEntry.N.Id, ...) and whose awsQueryError traits map
// the query error codes back to the typed errors. Requests are signed after
// serialisation, as for every SDK protocol. Error responses are normalised
// as boto3 parses query errors (Type, Code, Message, Detail).
func SQSQuery() *sqs.Client { return newSQSQuery(AWSConfig()) }

func newSQSQuery(cfg aws.Config, optFns ...func(*sqs.Options)) *sqs.Client {
	return sqs.NewFromConfig(cfg, append([]func(*sqs.Options){func(o *sqs.Options) {
		o.BaseEndpoint = cfg.BaseEndpoint
		o.Protocol = awsquery.New(sqsschemas.AmazonSQS)
		o.APIOptions = append(o.APIOptions, withWireProtocol("query"))
	}}, optFns...)...)
}

// SNS returns an SNS client for the current target.
func SNS() *sns.Client {
	cfg := AWSConfig()
	return sns.NewFromConfig(cfg, func(o *sns.Options) { o.BaseEndpoint = cfg.BaseEndpoint })
}

// S3 returns an S3 client for the current target; it uses path-style
// addressing for every target but AWS.
func S3() *s3.Client {
	pathStyle := current().target().Kind != KindAWS
	cfg := AWSConfig()
	return s3.NewFromConfig(cfg, func(o *s3.Options) {
		o.BaseEndpoint = cfg.BaseEndpoint
		o.UsePathStyle = pathStyle
	})
}

// DynamoDB returns a DynamoDB client for the current target.
func DynamoDB() *dynamodb.Client {
	cfg := AWSConfig()
	return dynamodb.NewFromConfig(cfg, func(o *dynamodb.Options) { o.BaseEndpoint = cfg.BaseEndpoint })
}

// DynamoDBStreams returns a DynamoDB Streams client for the current target.
func DynamoDBStreams() *dynamodbstreams.Client {
	cfg := AWSConfig()
	return dynamodbstreams.NewFromConfig(cfg, func(o *dynamodbstreams.Options) { o.BaseEndpoint = cfg.BaseEndpoint })
}

// STS returns an STS client for the current target.
func STS() *sts.Client {
	cfg := AWSConfig()
	return sts.NewFromConfig(cfg, func(o *sts.Options) { o.BaseEndpoint = cfg.BaseEndpoint })
}

// IAM returns an IAM client for the current target.
func IAM() *iam.Client {
	cfg := AWSConfig()
	return iam.NewFromConfig(cfg, func(o *iam.Options) { o.BaseEndpoint = cfg.BaseEndpoint })
}

// KMS returns a KMS client for the current target.
func KMS() *kms.Client {
	cfg := AWSConfig()
	return kms.NewFromConfig(cfg, func(o *kms.Options) { o.BaseEndpoint = cfg.BaseEndpoint })
}

// HTTPClient is an HTTP client for raw requests to the target (e.g.
// presigned URLs); it honours AWS_CA_BUNDLE like the SDK clients.
func HTTPClient() *http.Client {
	return &http.Client{Transport: awshttp.NewBuildableClient().GetTransport(), Timeout: 60 * time.Second}
}
