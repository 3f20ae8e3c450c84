package s3

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha1"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	s3sdk "github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/parity-harness/parity/emulator/awserr"
	"github.com/parity-harness/parity/emulator/service"
)

// recordingEmulator answers the SQS calls of notifications and keeps the
// messages sent.
type recordingEmulator struct {
	mu       sync.Mutex
	messages []string
}

func (e *recordingEmulator) Invoke(_ context.Context, _, _, svc, op string, in service.Params) (map[string]any, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if op == "SendMessage" {
		e.messages = append(e.messages, in["MessageBody"].(string))
	}
	return map[string]any{"QueueUrl": "http://localhost/000000000000/q"}, nil
}

func (e *recordingEmulator) Credentials() service.Credentials { return nil }

// uploadTest posts forms to a bucket through ServeFormUpload.
type uploadTest struct {
	*harness
	emu *recordingEmulator
}

func newUploadTest(t *testing.T) *uploadTest {
	h := newHarness(t)
	h.must("CreateBucket", service.Params{"Bucket": "bkt"})
	return &uploadTest{harness: h, emu: &recordingEmulator{}}
}

// presign signs a SigV4 form with the SDK, for secret "test".
func (u *uploadTest) presign(key string, expires time.Duration, conditions ...any) map[string]string {
	u.t.Helper()
	cli := s3sdk.New(s3sdk.Options{Region: "us-east-1", BaseEndpoint: aws.String("http://localhost"), UsePathStyle: true,
		Credentials: credentials.NewStaticCredentialsProvider("AKID", "test", "")})
	req, err := s3sdk.NewPresignClient(cli).PresignPostObject(context.Background(), &s3sdk.PutObjectInput{Bucket: aws.String("bkt"), Key: aws.String(key)},
		func(o *s3sdk.PresignPostOptions) { o.Expires, o.Conditions = expires, conditions })
	if err != nil {
		u.t.Fatal(err)
	}
	return req.Values
}

// post sends fields (in order of the given names, then the rest) and a file
// named fileName.
func (u *uploadTest) post(fields map[string]string, file, fileName string) (*httptest.ResponseRecorder, error) {
	u.t.Helper()
	var list [][2]string
	for k, v := range fields {
		list = append(list, [2]string{k, v})
	}
	var name *string
	if fileName != "" {
		name = &fileName
	}
	boundary, body := multipartBody(u.t, list, &file, name)
	r := httptest.NewRequest(http.MethodPost, "http://localhost/bkt", bytes.NewReader(body))
	r.Header.Set("Content-Type", "multipart/form-data; boundary="+boundary)
	ctx := &service.Context{Context: context.Background(), Request: r, RequestID: "req-1", Service: u.m, Account: service.DefaultAccount, Region: "us-east-1",
		Endpoint: "http://localhost", Emulator: u.emu, ResponseHeaders: http.Header{}}
	w := httptest.NewRecorder()
	resolve := func(key string) (service.Identity, bool) {
		return service.Identity{AccessKeyID: key, SecretAccessKey: "test", Account: service.DefaultAccount}, true
	}
	return w, u.svc.ServeFormUpload(ctx, w, resolve)
}

func (u *uploadTest) object(key string) (map[string]any, error) {
	out, _, err := u.call("GetObject", service.Params{"Bucket": "bkt", "Key": key}, nil)
	return out, err
}

func TestFormUploadStoresTheFile(t *testing.T) {
	u := newUploadTest(t)
	fields := u.presign("uploads/${filename}", time.Minute, []any{"starts-with", "$key", "uploads/"}, map[string]string{"Content-Type": "text/plain"},
		[]any{"starts-with", "$x-amz-meta-owner", ""}, map[string]string{"tagging": "<Tagging><TagSet><Tag><Key>k</Key><Value>v</Value></Tag></TagSet></Tagging>"})
	fields["Content-Type"] = "text/plain"
	fields["x-amz-meta-Owner"] = "me"
	fields["tagging"] = "<Tagging><TagSet><Tag><Key>k</Key><Value>v</Value></Tag></TagSet></Tagging>"
	w, err := u.post(fields, "hello", "a.txt")
	if err != nil {
		t.Fatal(err)
	}
	if w.Code != http.StatusNoContent || w.Header().Get("ETag") != `"5d41402abc4b2a76b9719d911017c592"` || w.Header().Get("Location") != "http://localhost/bkt/uploads/a.txt" {
		t.Fatalf("answer %d %v", w.Code, w.Header())
	}
	out, err := u.object("uploads/a.txt")
	if err != nil {
		t.Fatal(err)
	}
	if body(t, out) != "hello" || out["ContentType"] != "text/plain" || out["Metadata"].(map[string]any)["owner"] != "me" {
		t.Errorf("object = %v", out)
	}
	tags := u.must("GetObjectTagging", service.Params{"Bucket": "bkt", "Key": "uploads/a.txt"})
	if len(tags["TagSet"].([]any)) != 1 {
		t.Errorf("tags = %v", tags)
	}
}

func TestFormUploadAnswers(t *testing.T) {
	for _, c := range []struct {
		name, status, redirect string
		code                   int
		location, body         string
	}{
		{name: "default", code: 204, location: "http://localhost/bkt/k"},
		{name: "200", status: "200", code: 200, location: "http://localhost/bkt/k"},
		{name: "201", status: "201", code: 201, location: "http://localhost/bkt/k", body: "<PostResponse><Location>http://localhost/bkt/k</Location><Bucket>bkt</Bucket><Key>k</Key>"},
		{name: "other status", status: "404", code: 204, location: "http://localhost/bkt/k"},
		{name: "redirect", redirect: "http://example.test/done?x=1", code: 303,
			location: "http://example.test/done?bucket=bkt&etag=%22e80b5017098950fc58aad83c8c14978e%22&key=k&x=1"},
		{name: "redirect wins over status", redirect: "https://example.test/", status: "201", code: 303,
			location: "https://example.test/?bucket=bkt&etag=%22e80b5017098950fc58aad83c8c14978e%22&key=k"},
		{name: "no URL: ignored", redirect: "not a url", status: "201", code: 201, location: "http://localhost/bkt/k"},
	} {
		t.Run(c.name, func(t *testing.T) {
			u := newUploadTest(t)
			var conds []any
			extra := map[string]string{}
			if c.status != "" {
				conds = append(conds, map[string]string{"success_action_status": c.status})
				extra["success_action_status"] = c.status
			}
			if c.redirect != "" {
				conds = append(conds, map[string]string{"success_action_redirect": c.redirect})
				extra["success_action_redirect"] = c.redirect
			}
			fields := u.presign("k", time.Minute, conds...)
			for k, v := range extra {
				fields[k] = v
			}
			w, err := u.post(fields, "abcdef", "f")
			if err != nil {
				t.Fatal(err)
			}
			if w.Code != c.code || w.Header().Get("Location") != c.location || !strings.Contains(w.Body.String(), c.body) {
				t.Errorf("answer %d %q %q", w.Code, w.Header().Get("Location"), w.Body.String())
			}
		})
	}
}

func TestFormUploadRefusals(t *testing.T) {
	for _, c := range []struct {
		name   string
		change func(u *uploadTest, fields map[string]string)
		file   string
		code   string
	}{
		{name: "tampered policy", change: func(_ *uploadTest, f map[string]string) { f["policy"] = f["policy"][:len(f["policy"])-2] }, code: "SignatureDoesNotMatch"},
		{name: "wrong signature", change: func(_ *uploadTest, f map[string]string) { f["X-Amz-Signature"] = strings.Repeat("0", 64) }, code: "SignatureDoesNotMatch"},
		{name: "expired", change: func(u *uploadTest, f map[string]string) {
			for k, v := range u.presign("k", -time.Second) {
				f[k] = v
			}
		}, code: "AccessDenied"},
		{name: "no key", change: func(_ *uploadTest, f map[string]string) { delete(f, "key") }, code: "InvalidArgument"},
		{name: "extra field", change: func(_ *uploadTest, f map[string]string) { f["x-amz-meta-extra"] = "v" }, code: "AccessDenied"},
		{name: "anonymous to a private bucket", change: func(_ *uploadTest, f map[string]string) {
			for _, k := range []string{"X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Date", "X-Amz-Signature", "policy"} {
				delete(f, k)
			}
		}, code: "AccessDenied"},
	} {
		t.Run(c.name, func(t *testing.T) {
			u := newUploadTest(t)
			fields := u.presign("k", time.Minute)
			c.change(u, fields)
			_, err := u.post(fields, "abcdef", "f")
			if code(err) != c.code {
				t.Fatalf("err = %v, want %s", err, c.code)
			}
			if _, err := u.object("k"); code(err) != "NoSuchKey" {
				t.Errorf("a refused upload stored the object: %v", err)
			}
		})
	}
}

func TestFormUploadSizeRangeStoresNothing(t *testing.T) {
	u := newUploadTest(t)
	fields := u.presign("k", time.Minute, []any{"content-length-range", 2, 4})
	for file, want := range map[string]string{"a": "EntityTooSmall", "abcde": "EntityTooLarge", "abc": ""} {
		_, err := u.post(fields, file, "f")
		if code(err) != want {
			t.Errorf("%q: %v, want %s", file, err, want)
		}
	}
	out, err := u.object("k")
	if err != nil || body(t, out) != "abc" {
		t.Errorf("stored %v, %v", out, err)
	}
}

func TestFormUploadSigV2AndPublicBucket(t *testing.T) {
	u := newUploadTest(t)
	doc, _ := json.Marshal(map[string]any{"expiration": time.Now().Add(time.Minute).UTC().Format(time.RFC3339), "conditions": []any{map[string]string{"bucket": "bkt"}, []any{"starts-with", "$key", ""}}})
	policy := base64.StdEncoding.EncodeToString(doc)
	mac := hmac.New(sha1.New, []byte("test"))
	mac.Write([]byte(policy))
	fields := map[string]string{"AWSAccessKeyId": "AKID", "policy": policy, "signature": base64.StdEncoding.EncodeToString(mac.Sum(nil)), "key": "v2"}
	if _, err := u.post(fields, "x", "f"); err != nil {
		t.Fatalf("SigV2 upload: %v", err)
	}
	u.must("DeletePublicAccessBlock", service.Params{"Bucket": "bkt"})
	u.must("PutBucketPolicy", service.Params{"Bucket": "bkt", "Policy": `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:PutObject", "Resource": "arn:aws:s3:::bkt/*"}]}`})
	if _, err := u.post(map[string]string{"key": "anon"}, "x", "f"); err != nil {
		t.Fatalf("anonymous upload to a public-write bucket: %v", err)
	}
}

func TestFormUploadNotifiesPost(t *testing.T) {
	u := newUploadTest(t)
	ctx := u.ctx("PutBucketNotificationConfiguration", nil)
	ctx.Emulator = u.emu
	_, err := u.h["PutBucketNotificationConfiguration"](ctx, service.Params{"Bucket": "bkt", "NotificationConfiguration": map[string]any{
		"QueueConfigurations": []any{map[string]any{"QueueArn": "arn:aws:sqs:us-east-1:000000000000:q", "Events": []any{"s3:ObjectCreated:*"}}}}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := u.post(u.presign("k", time.Minute), "abc", "f"); err != nil {
		t.Fatal(err)
	}
	last := u.emu.messages[len(u.emu.messages)-1]
	if !strings.Contains(last, `"eventName":"ObjectCreated:Post"`) {
		t.Errorf("event = %s", last)
	}
}

func TestIsFormUpload(t *testing.T) {
	for target, want := range map[string]bool{"/bkt": true, "/bkt/": true, "/bkt?delete": false, "/bkt/key": false, "/": false} {
		r := httptest.NewRequest(http.MethodPost, "http://localhost"+target, nil)
		if got := (&Service{}).IsFormUpload(r); got != want {
			t.Errorf("POST %s: %v, want %v", target, got, want)
		}
	}
	if (&Service{}).IsFormUpload(httptest.NewRequest(http.MethodPut, "http://localhost/bkt", nil)) {
		t.Error("a PUT is no form upload")
	}
	wgor := httptest.NewRequest(http.MethodPost, "http://localhost/WriteGetObjectResponse", nil)
	wgor.Header.Set("x-amz-request-route", "route")
	if (&Service{}).IsFormUpload(wgor) {
		t.Error("WriteGetObjectResponse is no form upload")
	}
}

func TestFormTaggingHeader(t *testing.T) {
	for doc, want := range map[string]string{
		"<Tagging><TagSet><Tag><Key>a b</Key><Value>1&amp;2</Value></Tag></TagSet></Tagging>": "a+b=1%262",
		"<Tagging><TagSet></TagSet></Tagging>":                                                "",
		"invalid":                                                                             "MalformedXML",
		"<Other/>":                                                                            "MalformedXML",
		"<Tagging><TagSet><Tag><Key>a</Key></Tag></TagSet></Tagging>": "MalformedXML",
	} {
		got, err := formTaggingHeader(doc)
		if err != nil {
			got = code(err)
		}
		if got != want {
			t.Errorf("formTaggingHeader(%q) = %q, want %q", doc, got, want)
		}
	}
}

func TestFormUploadSpillsLargeFiles(t *testing.T) {
	u := newUploadTest(t)
	large := strings.Repeat("0123456789abcdef", SpillThreshold/16+1024)
	if _, err := u.post(u.presign("large", time.Minute), large, "big.bin"); err != nil {
		t.Fatal(err)
	}
	out, err := u.object("large")
	if err != nil {
		t.Fatal(err)
	}
	if got := body(t, out); got != large {
		t.Fatalf("stored %d bytes, want %d", len(got), len(large))
	}
}

func TestFormUploadContentEncodingIsNoFraming(t *testing.T) {
	u := newUploadTest(t)
	fields := u.presign("k", time.Minute, map[string]string{"Content-Encoding": "gzip, aws-chunked"})
	fields["Content-Encoding"] = "gzip, aws-chunked"
	if _, err := u.post(fields, "not chunked", "f"); err != nil {
		t.Fatal(err)
	}
	out, err := u.object("k")
	if err != nil {
		t.Fatal(err)
	}
	if got := body(t, out); got != "not chunked" || out["ContentEncoding"] != "gzip" {
		t.Errorf("stored %q with encoding %v", got, out["ContentEncoding"])
	}
}

func TestFormUploadTooLargeCountsWithoutStoring(t *testing.T) {
	u := newUploadTest(t)
	large := strings.Repeat("x", 3*SpillThreshold)
	_, err := u.post(u.presign("k", time.Minute, []any{"content-length-range", 0, 1024}), large, "f")
	ae, ok := awserr.As(err)
	if !ok || ae.Code != "EntityTooLarge" || ae.Fields["ProposedSize"] != strconv.Itoa(len(large)) {
		t.Fatalf("err = %v (%v)", err, ae)
	}
	if _, err := u.object("k"); code(err) != "NoSuchKey" {
		t.Errorf("stored: %v", err)
	}
}
