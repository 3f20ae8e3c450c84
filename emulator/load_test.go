package emulator_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	ddbtypes "github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/sns"
	"github.com/aws/aws-sdk-go-v2/service/sqs"

	"github.com/parity-harness/parity/emulator"
)

func start(t testing.TB) (*emulator.Emulator, aws.Config) {
	t.Helper()
	emu, err := emulator.Start(context.Background(), emulator.Options{Listen: "127.0.0.1:0"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = emu.Close() })
	cfg := aws.Config{
		Region:       "us-east-1",
		Credentials:  credentials.NewStaticCredentialsProvider("test", "test", ""),
		HTTPClient:   awshttp.NewBuildableClient(),
		BaseEndpoint: aws.String(emu.URL()),
		Retryer:      func() aws.Retryer { return aws.NopRetryer{} },
	}
	return emu, cfg
}

// TestConcurrentLoad drives several services from many goroutines at once;
// run under -race it checks the services' locking, and it checks that no
// message, object or item is lost.
func TestConcurrentLoad(t *testing.T) {
	emu, cfg := start(t)
	ctx := context.Background()
	q := sqs.NewFromConfig(cfg)
	n := sns.NewFromConfig(cfg)
	b := s3.NewFromConfig(cfg, func(o *s3.Options) { o.UsePathStyle = true })
	d := dynamodb.NewFromConfig(cfg)

	queue, err := q.CreateQueue(ctx, &sqs.CreateQueueInput{QueueName: aws.String("load")})
	if err != nil {
		t.Fatal(err)
	}
	topic, err := n.CreateTopic(ctx, &sns.CreateTopicInput{Name: aws.String("load")})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := b.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String("load-bucket")}); err != nil {
		t.Fatal(err)
	}
	if _, err := d.CreateTable(ctx, &dynamodb.CreateTableInput{
		TableName:            aws.String("load"),
		AttributeDefinitions: []ddbtypes.AttributeDefinition{{AttributeName: aws.String("pk"), AttributeType: ddbtypes.ScalarAttributeTypeS}},
		KeySchema:            []ddbtypes.KeySchemaElement{{AttributeName: aws.String("pk"), KeyType: ddbtypes.KeyTypeHash}},
		BillingMode:          ddbtypes.BillingModePayPerRequest,
	}); err != nil {
		t.Fatal(err)
	}

	const workers, rounds = 16, 20
	var wg sync.WaitGroup
	errs := make(chan error, workers*rounds)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i := 0; i < rounds; i++ {
				id := fmt.Sprintf("w%d-%d", w, i)
				if _, err := q.SendMessage(ctx, &sqs.SendMessageInput{QueueUrl: queue.QueueUrl, MessageBody: aws.String(id)}); err != nil {
					errs <- err
				}
				if _, err := n.Publish(ctx, &sns.PublishInput{TopicArn: topic.TopicArn, Message: aws.String(id)}); err != nil {
					errs <- err
				}
				if _, err := b.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("load-bucket"), Key: aws.String(id), Body: strings.NewReader(id)}); err != nil {
					errs <- err
				}
				if _, err := d.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String("load"), Item: map[string]ddbtypes.AttributeValue{"pk": &ddbtypes.AttributeValueMemberS{Value: id}}}); err != nil {
					errs <- err
				}
			}
		}(w)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}

	received := 0
	for {
		out, err := q.ReceiveMessage(ctx, &sqs.ReceiveMessageInput{QueueUrl: queue.QueueUrl, MaxNumberOfMessages: 10})
		if err != nil {
			t.Fatal(err)
		}
		if len(out.Messages) == 0 {
			break
		}
		received += len(out.Messages)
	}
	if received != workers*rounds {
		t.Errorf("received %d messages, sent %d", received, workers*rounds)
	}
	objects, err := b.ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: aws.String("load-bucket")})
	if err != nil {
		t.Fatal(err)
	}
	if int(*objects.KeyCount) != workers*rounds {
		t.Errorf("bucket has %d objects, put %d", *objects.KeyCount, workers*rounds)
	}
	scan, err := d.Scan(ctx, &dynamodb.ScanInput{TableName: aws.String("load"), Select: ddbtypes.SelectCount})
	if err != nil {
		t.Fatal(err)
	}
	if int(scan.Count) != workers*rounds {
		t.Errorf("table has %d items, put %d", scan.Count, workers*rounds)
	}
	if got := len(emu.Calls()); got < 4*workers*rounds {
		t.Errorf("call log has %d entries, want at least %d", got, 4*workers*rounds)
	}
}

// TestMalformedRequestsAreClientErrors sends requests no SDK would send: each
// gets a 4xx AWS error, never a 5xx.
func TestMalformedRequestsAreClientErrors(t *testing.T) {
	emu, _ := start(t)
	cases := []struct {
		name    string
		method  string
		path    string
		headers map[string]string
		body    string
	}{
		{"json not an object", "POST", "/", map[string]string{"X-Amz-Target": "AmazonSQS.SendMessage", "Content-Type": "application/x-amz-json-1.0"}, `[1,2`},
		{"json wrong member type", "POST", "/", map[string]string{"X-Amz-Target": "AmazonSQS.SendMessage", "Content-Type": "application/x-amz-json-1.0"}, `{"QueueUrl": 5, "MessageBody": {}}`},
		{"json unknown operation", "POST", "/", map[string]string{"X-Amz-Target": "DynamoDB_20120810.Explode", "Content-Type": "application/x-amz-json-1.0"}, `{}`},
		{"dynamodb bad attribute value", "POST", "/", map[string]string{"X-Amz-Target": "DynamoDB_20120810.PutItem", "Content-Type": "application/x-amz-json-1.0"}, `{"TableName":"t","Item":{"a":{"Q":"1"}}}`},
		{"query unknown action", "POST", "/", map[string]string{"Content-Type": "application/x-www-form-urlencoded", "Authorization": "AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/sns/aws4_request, SignedHeaders=host, Signature=x"}, "Action=Nope&Version=2010-03-31"},
		{"query bad encoding", "POST", "/", map[string]string{"Content-Type": "application/x-www-form-urlencoded", "Authorization": "AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/sts/aws4_request, SignedHeaders=host, Signature=x"}, "Action=GetCallerIdentity&%zz"},
		{"s3 malformed xml", "PUT", "/some-bucket?tagging", nil, "<Tagging><TagSet>"},
		{"s3 bad range", "GET", "/some-bucket/key", map[string]string{"Range": "bytes=zz"}, ""},
		{"s3 unknown method", "PATCH", "/some-bucket/key", nil, ""},
		{"garbage body", "POST", "/", map[string]string{"X-Amz-Target": "DynamoDB_20120810.Query", "Content-Type": "application/x-amz-json-1.0"}, "\xff\xfe"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			req, _ := http.NewRequest(tc.method, emu.URL()+tc.path, bytes.NewReader([]byte(tc.body)))
			for k, v := range tc.headers {
				req.Header.Set(k, v)
			}
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode < 400 || resp.StatusCode >= 500 {
				t.Fatalf("status %d, want 4xx: %s", resp.StatusCode, body)
			}
		})
	}
}

// FuzzGateway throws arbitrary requests at the whole emulator: whatever the
// bytes, the answer is a response, never a panic, and never a 5xx but for
// 501 (an operation the emulator does not implement).
func FuzzGateway(f *testing.F) {
	emu, _ := start(f)
	h := emu.Handler()
	f.Add("POST", "/", "AmazonSQS.CreateQueue", "application/x-amz-json-1.0", `{"QueueName":"q"}`)
	f.Add("POST", "/", "DynamoDB_20120810.PutItem", "application/x-amz-json-1.0", `{"TableName":"t","Item":{"k":{"S":"v"}}}`)
	f.Add("POST", "/", "", "application/x-www-form-urlencoded", "Action=CreateTopic&Name=t&Version=2010-03-31")
	f.Add("POST", "/", "", "application/x-www-form-urlencoded", "Action=GetCallerIdentity&Version=2011-06-15")
	f.Add("PUT", "/bucket/key?tagging", "", "application/xml", "<Tagging><TagSet><Tag><Key>a</Key><Value>b</Value></Tag></TagSet></Tagging>")
	f.Add("GET", "/bucket?list-type=2&prefix=a&delimiter=/", "", "", "")
	f.Fuzz(func(t *testing.T, method, path, target, contentType, body string) {
		req, err := http.NewRequest(method, "http://127.0.0.1"+path, strings.NewReader(body))
		if err != nil || !validHeader(target) || !validHeader(contentType) {
			return
		}
		if target != "" {
			req.Header.Set("X-Amz-Target", target)
		}
		if contentType != "" {
			req.Header.Set("Content-Type", contentType)
		}
		w := newRecorder()
		h.ServeHTTP(w, req)
		if w.code >= 500 && w.code != 501 {
			t.Fatalf("%s %s target=%q: status %d: %s", method, path, target, w.code, w.body.String())
		}
	})
}

func validHeader(v string) bool {
	for i := 0; i < len(v); i++ {
		if v[i] < 0x20 || v[i] == 0x7f {
			return false
		}
	}
	return true
}

// recorder is a minimal http.ResponseWriter for the fuzz target.
type recorder struct {
	header http.Header
	code   int
	body   bytes.Buffer
}

func newRecorder() *recorder { return &recorder{header: http.Header{}, code: 200} }

func (r *recorder) Header() http.Header  { return r.header }
func (r *recorder) WriteHeader(code int) { r.code = code }
func (r *recorder) Write(b []byte) (int, error) {
	if r.body.Len() < 1<<16 {
		r.body.Write(b)
	}
	return len(b), nil
}
