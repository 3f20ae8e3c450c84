package harness

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/smithy-go/middleware"
)

// A presign client sends nothing, so the call recorder records nothing for
// it; a call that reaches the server is recorded with its status.
func TestCallRecorderSkipsPresigns(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {}))
	defer srv.Close()
	path := filepath.Join(t.TempDir(), "calls.jsonl")
	w, err := openJSONL(path)
	if err != nil {
		t.Fatal(err)
	}
	r := current()
	r.mu.Lock()
	saved := r.calls
	r.calls = w
	r.mu.Unlock()
	defer func() {
		r.mu.Lock()
		r.calls = saved
		r.mu.Unlock()
		_ = w.close()
	}()

	c := s3.New(s3.Options{
		Region:       "us-east-1",
		Credentials:  credentials.NewStaticCredentialsProvider("test", "test", ""),
		BaseEndpoint: aws.String(srv.URL),
		UsePathStyle: true,
		APIOptions:   []func(*middleware.Stack) error{addCallRecording},
	})
	ctx := context.Background()
	in := &s3.GetObjectInput{Bucket: aws.String("b"), Key: aws.String("k")}
	if _, err := s3.NewPresignClient(c).PresignGetObject(ctx, in); err != nil {
		t.Fatal(err)
	}
	if _, err := s3.NewPresignClient(c).PresignPostObject(ctx, &s3.PutObjectInput{Bucket: aws.String("b"), Key: aws.String("k")}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.HeadBucket(ctx, &s3.HeadBucketInput{Bucket: aws.String("b")}); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(data)), "\n")
	if len(lines) != 1 || !strings.Contains(lines[0], `"operation":"HeadBucket"`) || !strings.Contains(lines[0], `"status":200`) {
		t.Fatalf("recorded calls:\n%s", data)
	}
}
