package e2e

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/aws/smithy-go"

	"github.com/parity-harness/parity/emulator"
)

func startEmulator(t *testing.T) string {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	e, err := emulator.Start(ctx, emulator.Options{Listen: "127.0.0.1:0"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { e.Close() })
	return e.URL()
}

func apiCode(err error) string {
	var ae smithy.APIError
	if errors.As(err, &ae) {
		return ae.ErrorCode()
	}
	return ""
}

func TestSDKRoundTrip(t *testing.T) {
	ctx := context.Background()
	c := newClient(startEmulator(t))
	bucket := "e2e-bucket"
	_, err := c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String(bucket)})
	mustNoErr(t, "CreateBucket", err)

	// the SDK sends aws-chunked with a trailing CRC32 by default
	put, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(bucket), Key: aws.String("dir/hello.txt"),
		Body: strings.NewReader("hello world"), Metadata: map[string]string{"Color": "blue"}})
	mustNoErr(t, "PutObject", err)
	if aws.ToString(put.ETag) != `"5eb63bbbe01eeed093cb22bb8f5acdc3"` {
		t.Fatalf("ETag %s", aws.ToString(put.ETag))
	}
	get, err := c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String(bucket), Key: aws.String("dir/hello.txt")})
	mustNoErr(t, "GetObject", err)
	b, _ := io.ReadAll(get.Body)
	get.Body.Close()
	if string(b) != "hello world" || get.Metadata["color"] != "blue" {
		t.Fatalf("GetObject %q %v", b, get.Metadata)
	}
	rng, err := c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String(bucket), Key: aws.String("dir/hello.txt"), Range: aws.String("bytes=0-4")})
	mustNoErr(t, "GetObject range", err)
	b, _ = io.ReadAll(rng.Body)
	rng.Body.Close()
	if string(b) != "hello" || aws.ToString(rng.ContentRange) != "bytes 0-4/11" {
		t.Fatalf("range %q %s", b, aws.ToString(rng.ContentRange))
	}
	_, err = c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String(bucket), Key: aws.String("missing")})
	var nsk *types.NoSuchKey
	if !errors.As(err, &nsk) {
		t.Fatalf("missing key: %v", err)
	}
	list, err := c.ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: aws.String(bucket), Delimiter: aws.String("/")})
	mustNoErr(t, "ListObjectsV2", err)
	if len(list.CommonPrefixes) != 1 || aws.ToString(list.CommonPrefixes[0].Prefix) != "dir/" {
		t.Fatalf("list %+v", list)
	}
	_, err = c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(bucket), Key: aws.String("dir/hello.txt"), Body: strings.NewReader("x"), IfNoneMatch: aws.String("*")})
	if apiCode(err) != "PreconditionFailed" {
		t.Fatalf("conditional write: %v", err)
	}

	// presigned GET
	ps := s3.NewPresignClient(c)
	req, err := ps.PresignGetObject(ctx, &s3.GetObjectInput{Bucket: aws.String(bucket), Key: aws.String("dir/hello.txt")}, s3.WithPresignExpires(time.Minute))
	mustNoErr(t, "presign", err)
	resp, err := http.Get(req.URL)
	mustNoErr(t, "presigned GET", err)
	b, _ = io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || string(b) != "hello world" {
		t.Fatalf("presigned GET %d %q", resp.StatusCode, b)
	}

	// multipart
	up, err := c.CreateMultipartUpload(ctx, &s3.CreateMultipartUploadInput{Bucket: aws.String(bucket), Key: aws.String("mp")})
	mustNoErr(t, "CreateMultipartUpload", err)
	part1 := bytes.Repeat([]byte("a"), 5<<20)
	p1, err := c.UploadPart(ctx, &s3.UploadPartInput{Bucket: aws.String(bucket), Key: aws.String("mp"), UploadId: up.UploadId, PartNumber: aws.Int32(1), Body: bytes.NewReader(part1)})
	mustNoErr(t, "UploadPart 1", err)
	p2, err := c.UploadPart(ctx, &s3.UploadPartInput{Bucket: aws.String(bucket), Key: aws.String("mp"), UploadId: up.UploadId, PartNumber: aws.Int32(2), Body: strings.NewReader("end")})
	mustNoErr(t, "UploadPart 2", err)
	done, err := c.CompleteMultipartUpload(ctx, &s3.CompleteMultipartUploadInput{Bucket: aws.String(bucket), Key: aws.String("mp"), UploadId: up.UploadId,
		MultipartUpload: &types.CompletedMultipartUpload{Parts: []types.CompletedPart{{PartNumber: aws.Int32(1), ETag: p1.ETag}, {PartNumber: aws.Int32(2), ETag: p2.ETag}}}})
	mustNoErr(t, "CompleteMultipartUpload", err)
	if !strings.HasSuffix(aws.ToString(done.ETag), `-2"`) {
		t.Fatalf("multipart ETag %s", aws.ToString(done.ETag))
	}
	head, err := c.HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String(bucket), Key: aws.String("mp")})
	mustNoErr(t, "HeadObject", err)
	if aws.ToInt64(head.ContentLength) != int64(len(part1)+3) {
		t.Fatalf("size %d", aws.ToInt64(head.ContentLength))
	}

	_, err = c.DeleteBucket(ctx, &s3.DeleteBucketInput{Bucket: aws.String(bucket)})
	if apiCode(err) != "BucketNotEmpty" {
		t.Fatalf("delete non-empty bucket: %v", err)
	}
}
