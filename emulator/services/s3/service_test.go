package s3

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/parity-harness/parity/emulator/awserr"
	"github.com/parity-harness/parity/emulator/model"
	"github.com/parity-harness/parity/emulator/service"
)

// harness calls handlers directly, as the gateway would after decoding.
type harness struct {
	t   *testing.T
	svc *Service
	h   map[string]service.Handler
	m   *model.Service
}

func newHarness(t *testing.T) *harness {
	t.Helper()
	m, err := model.Load("s3")
	if err != nil {
		t.Fatal(err)
	}
	svc := NewWithBackend(NewMemoryBackend(t.TempDir()))
	return &harness{t: t, svc: svc, h: svc.Handlers(), m: m}
}

func (h *harness) ctx(op string, hdr map[string]string) *service.Context {
	r := httptest.NewRequest(http.MethodGet, "http://localhost/", nil)
	for k, v := range hdr {
		r.Header.Set(k, v)
	}
	return &service.Context{Context: context.Background(), Request: r, Account: service.DefaultAccount, Region: "us-east-1",
		Endpoint: "http://localhost", Operation: h.m.Operations[op], ResponseHeaders: http.Header{}}
}

func (h *harness) call(op string, in service.Params, hdr map[string]string) (map[string]any, *service.Context, error) {
	h.t.Helper()
	ctx := h.ctx(op, hdr)
	out, err := h.h[op](ctx, in)
	if err != nil {
		return nil, ctx, err
	}
	m, _ := out.(map[string]any)
	return m, ctx, nil
}

func (h *harness) must(op string, in service.Params) map[string]any {
	h.t.Helper()
	out, _, err := h.call(op, in, nil)
	if err != nil {
		h.t.Fatalf("%s: %v", op, err)
	}
	return out
}

func code(err error) string {
	if ae, ok := awserr.As(err); ok {
		return ae.Code
	}
	if err != nil {
		return err.Error()
	}
	return ""
}

func body(t *testing.T, out map[string]any) string {
	t.Helper()
	rc, ok := out["Body"].(io.ReadCloser)
	if !ok {
		t.Fatalf("no body in %v", out)
	}
	defer rc.Close()
	b, err := io.ReadAll(rc)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestBucketLifecycle(t *testing.T) {
	h := newHarness(t)
	h.must("CreateBucket", service.Params{"Bucket": "bkt1"})
	if _, _, err := h.call("CreateBucket", service.Params{"Bucket": "B_bad"}, nil); code(err) != "InvalidBucketName" {
		t.Fatalf("bad name: %v", err)
	}
	if _, _, err := h.call("CreateBucket", service.Params{"Bucket": "bkt2", "CreateBucketConfiguration": map[string]any{"LocationConstraint": "us-east-1"}}, nil); code(err) != "InvalidLocationConstraint" {
		t.Fatalf("explicit us-east-1: %v", err)
	}
	h.must("CreateBucket", service.Params{"Bucket": "bkt2", "CreateBucketConfiguration": map[string]any{"LocationConstraint": "EU"}})
	if loc := h.must("GetBucketLocation", service.Params{"Bucket": "bkt2"}); loc["LocationConstraint"] != "EU" {
		t.Fatalf("location %v", loc)
	}
	h.must("PutObject", service.Params{"Bucket": "bkt1", "Key": "k", "Body": io.NopCloser(strings.NewReader("x"))})
	if _, _, err := h.call("DeleteBucket", service.Params{"Bucket": "bkt1"}, nil); code(err) != "BucketNotEmpty" {
		t.Fatalf("delete non-empty: %v", err)
	}
	if _, _, err := h.call("GetBucketPolicy", service.Params{"Bucket": "bkt1"}, nil); code(err) != "NoSuchBucketPolicy" {
		t.Fatalf("missing policy: %v", err)
	}
	if _, _, err := h.call("GetBucketCors", service.Params{"Bucket": "bkt1"}, nil); code(err) != "NoSuchCORSConfiguration" {
		t.Fatalf("missing cors: %v", err)
	}
	enc := h.must("GetBucketEncryption", service.Params{"Bucket": "bkt1"})
	if !strings.Contains(strings.ToLower(toString(enc)), "aes256") {
		t.Fatalf("default encryption %v", enc)
	}
	list := h.must("ListBuckets", service.Params{})
	if n := len(list["Buckets"].([]any)); n != 2 {
		t.Fatalf("ListBuckets %d buckets", n)
	}
}

func toString(v any) string { return strings.TrimSpace(strings.ReplaceAll(fmtAny(v), "\n", "")) }

func fmtAny(v any) string {
	var b bytes.Buffer
	switch x := v.(type) {
	case map[string]any:
		for k, y := range x {
			b.WriteString(k + ":" + fmtAny(y) + " ")
		}
	case []any:
		for _, y := range x {
			b.WriteString(fmtAny(y) + " ")
		}
	case string:
		b.WriteString(x)
	}
	return b.String()
}

func TestPolicyValidation(t *testing.T) {
	for policy, want := range map[string]string{
		"":       "MalformedPolicy",
		"random": "MalformedPolicy",
		"{}":     "MalformedPolicy",
		`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}]}`: "",
	} {
		if got := code(validatePolicy(policy)); got != want {
			t.Errorf("validatePolicy(%q) = %q, want %q", policy, got, want)
		}
	}
}

func FuzzValidatePolicy(f *testing.F) {
	f.Add(`{"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:*"}]}`)
	f.Add(`{"Statement":{"Effect":"Deny"}}`)
	f.Add(`[]`)
	f.Fuzz(func(t *testing.T, policy string) {
		if err := validatePolicy(policy); err != nil {
			if _, ok := awserr.As(err); !ok {
				t.Fatalf("non-AWS error %v", err)
			}
		}
		_ = policyIsPublic(policy)
	})
}

func TestObjectReadsAndConditions(t *testing.T) {
	h := newHarness(t)
	h.must("CreateBucket", service.Params{"Bucket": "bkt"})
	put := h.must("PutObject", service.Params{"Bucket": "bkt", "Key": "k", "Body": io.NopCloser(strings.NewReader("0123456789")),
		"Metadata": map[string]any{"Foo": "bar"}, "ContentType": "text/plain"})
	if put["ETag"] != `"781e5e245d69b566979b86e28d23f2c7"` {
		t.Fatalf("ETag %v", put["ETag"])
	}
	get := h.must("GetObject", service.Params{"Bucket": "bkt", "Key": "k"})
	if body(t, get) != "0123456789" || get["ContentType"] != "text/plain" || get["Metadata"].(map[string]any)["foo"] != "bar" {
		t.Fatalf("GetObject %v", get)
	}
	out, ctx, err := h.call("GetObject", service.Params{"Bucket": "bkt", "Key": "k", "Range": "bytes=-2"}, nil)
	if err != nil || body(t, out) != "89" || out["ContentRange"] != "bytes 8-9/10" || ctx.Status != 206 {
		t.Fatalf("range: %v %v", out, err)
	}
	if _, _, err := h.call("GetObject", service.Params{"Bucket": "bkt", "Key": "k", "Range": "bytes=100-200"}, nil); code(err) != "InvalidRange" {
		t.Fatalf("416: %v", err)
	}
	if _, _, err := h.call("GetObject", service.Params{"Bucket": "bkt", "Key": "k", "IfNoneMatch": put["ETag"]}, nil); code(err) != "NotModified" {
		t.Fatalf("304: %v", err)
	}
	if _, _, err := h.call("GetObject", service.Params{"Bucket": "bkt", "Key": "k", "IfMatch": `"nope"`}, nil); code(err) != "PreconditionFailed" {
		t.Fatalf("412: %v", err)
	}
	if _, _, err := h.call("PutObject", service.Params{"Bucket": "bkt", "Key": "k", "Body": io.NopCloser(strings.NewReader("x"))}, map[string]string{"If-None-Match": "*"}); code(err) != "PreconditionFailed" {
		t.Fatalf("conditional write: %v", err)
	}
	if _, _, err := h.call("GetObject", service.Params{"Bucket": "bkt", "Key": "missing"}, nil); code(err) != "NoSuchKey" {
		t.Fatalf("missing key: %v", err)
	}
	if _, _, err := h.call("PutObject", service.Params{"Bucket": "bkt", "Key": "k", "ContentMD5": "__invalid__", "Body": io.NopCloser(strings.NewReader("x"))}, nil); code(err) != "InvalidDigest" {
		t.Fatalf("InvalidDigest: %v", err)
	}
	if _, _, err := h.call("PutObject", service.Params{"Bucket": "bkt", "Key": "k", "ContentMD5": md5Base64([]byte("other")), "Body": io.NopCloser(strings.NewReader("x"))}, nil); code(err) != "BadDigest" {
		t.Fatalf("BadDigest: %v", err)
	}
	if _, _, err := h.call("PutObject", service.Params{"Bucket": "bkt", "Key": "k", "ChecksumSHA256": SHA256.Sum([]byte("y")), "Body": io.NopCloser(strings.NewReader("x"))}, nil); code(err) != "BadDigest" {
		t.Fatalf("checksum mismatch: %v", err)
	}
}

func TestAWSChunkedPut(t *testing.T) {
	h := newHarness(t)
	h.must("CreateBucket", service.Params{"Bucket": "bkt"})
	data := bytes.Repeat([]byte("abc"), 3000)
	hdr := map[string]string{"X-Amz-Content-Sha256": "STREAMING-UNSIGNED-PAYLOAD-TRAILER", "Content-Encoding": "aws-chunked",
		"X-Amz-Trailer": "x-amz-checksum-crc32", "X-Amz-Decoded-Content-Length": itoa(len(data))}
	enc := encodeChunked(data, 1000, map[string]string{"x-amz-checksum-crc32": CRC32.Sum(data)})
	out, _, err := h.call("PutObject", service.Params{"Bucket": "bkt", "Key": "k", "ContentEncoding": "aws-chunked", "Body": io.NopCloser(bytes.NewReader(enc))}, hdr)
	if err != nil || out["ChecksumCRC32"] != CRC32.Sum(data) {
		t.Fatalf("chunked put: %v %v", out, err)
	}
	get := h.must("GetObject", service.Params{"Bucket": "bkt", "Key": "k"})
	if body(t, get) != string(data) || get["ContentEncoding"] != nil {
		t.Fatalf("chunked body not decoded: %v", get["ContentEncoding"])
	}
	bad := encodeChunked(data, 1000, map[string]string{"x-amz-checksum-crc32": CRC32.Sum([]byte("other"))})
	if _, _, err := h.call("PutObject", service.Params{"Bucket": "bkt", "Key": "k", "Body": io.NopCloser(bytes.NewReader(bad))}, hdr); code(err) != "BadDigest" {
		t.Fatalf("trailer mismatch: %v", err)
	}
}

func TestVersioningAndDeleteMarkers(t *testing.T) {
	h := newHarness(t)
	h.must("CreateBucket", service.Params{"Bucket": "bkt"})
	h.must("PutBucketVersioning", service.Params{"Bucket": "bkt", "VersioningConfiguration": map[string]any{"Status": "Enabled"}})
	v1 := h.must("PutObject", service.Params{"Bucket": "bkt", "Key": "k", "Body": io.NopCloser(strings.NewReader("one"))})["VersionId"].(string)
	del := h.must("DeleteObject", service.Params{"Bucket": "bkt", "Key": "k"})
	if del["DeleteMarker"] != true {
		t.Fatalf("delete %v", del)
	}
	if _, _, err := h.call("GetObject", service.Params{"Bucket": "bkt", "Key": "k"}, nil); code(err) != "NoSuchKey" {
		t.Fatalf("latest is marker: %v", err)
	}
	if _, _, err := h.call("GetObject", service.Params{"Bucket": "bkt", "Key": "k", "VersionId": del["VersionId"]}, nil); code(err) != "MethodNotAllowed" {
		t.Fatalf("GET marker version: %v", err)
	}
	if got := body(t, h.must("GetObject", service.Params{"Bucket": "bkt", "Key": "k", "VersionId": v1})); got != "one" {
		t.Fatalf("old version %q", got)
	}
	vs := h.must("ListObjectVersions", service.Params{"Bucket": "bkt"})
	if len(vs["Versions"].([]any)) != 1 || len(vs["DeleteMarkers"].([]any)) != 1 {
		t.Fatalf("versions %v", vs)
	}
	if _, _, err := h.call("GetObject", service.Params{"Bucket": "bkt", "Key": "k", "VersionId": "bad"}, nil); code(err) != "InvalidArgument" {
		t.Fatalf("bad version: %v", err)
	}
}

func TestListingDelimiterAndPagination(t *testing.T) {
	h := newHarness(t)
	h.must("CreateBucket", service.Params{"Bucket": "bkt"})
	for _, k := range []string{"a/1", "a/2", "b/1", "c", "d", "e/x/y"} {
		h.must("PutObject", service.Params{"Bucket": "bkt", "Key": k, "Body": io.NopCloser(strings.NewReader(k))})
	}
	out := h.must("ListObjectsV2", service.Params{"Bucket": "bkt", "Delimiter": "/"})
	if len(out["CommonPrefixes"].([]any)) != 3 || len(out["Contents"].([]any)) != 2 {
		t.Fatalf("delimiter listing %v", out)
	}
	var keys []string
	token := ""
	for page := 0; page < 10; page++ {
		in := service.Params{"Bucket": "bkt", "Delimiter": "/", "MaxKeys": int64(2)}
		if token != "" {
			in["ContinuationToken"] = token
		}
		out := h.must("ListObjectsV2", in)
		for _, c := range append(asList(out["Contents"]), asList(out["CommonPrefixes"])...) {
			m := c.(map[string]any)
			if k, ok := m["Key"].(string); ok {
				keys = append(keys, k)
			} else {
				keys = append(keys, m["Prefix"].(string))
			}
		}
		if out["IsTruncated"] != true {
			break
		}
		token = out["NextContinuationToken"].(string)
	}
	if strings.Join(keys, ",") != "a/,b/,c,d,e/" {
		t.Fatalf("paged %v", keys)
	}
	v1 := h.must("ListObjects", service.Params{"Bucket": "bkt", "Marker": "b/1", "MaxKeys": int64(1), "Delimiter": "/"})
	if v1["NextMarker"] != "c" {
		t.Fatalf("v1 NextMarker %v", v1)
	}
	if _, _, err := h.call("ListObjectsV2", service.Params{"Bucket": "bkt", "EncodingType": "foo"}, nil); code(err) != "InvalidArgument" {
		t.Fatalf("encoding type: %v", err)
	}
	if _, _, err := h.call("ListObjectsV2", service.Params{"Bucket": "bkt", "ContinuationToken": "garbage"}, nil); code(err) != "InvalidArgument" {
		t.Fatalf("bad token: %v", err)
	}
}

func asList(v any) []any { l, _ := v.([]any); return l }

func TestMultipartUpload(t *testing.T) {
	h := newHarness(t)
	h.svc.backend.Blobs().Threshold = 1024 // force parts to disk
	h.must("CreateBucket", service.Params{"Bucket": "bkt"})
	up := h.must("CreateMultipartUpload", service.Params{"Bucket": "bkt", "Key": "big", "ChecksumAlgorithm": "CRC32"})
	id := up["UploadId"].(string)
	p1 := bytes.Repeat([]byte("1"), MinPartSize)
	p2 := []byte("tail")
	e1 := h.must("UploadPart", service.Params{"Bucket": "bkt", "Key": "big", "UploadId": id, "PartNumber": int64(1), "Body": io.NopCloser(bytes.NewReader(p1))})
	e2 := h.must("UploadPart", service.Params{"Bucket": "bkt", "Key": "big", "UploadId": id, "PartNumber": int64(2), "Body": io.NopCloser(bytes.NewReader(p2))})
	parts := func(ps ...map[string]any) service.Params {
		var l []any
		for i, p := range ps {
			l = append(l, map[string]any{"PartNumber": int64(i + 1), "ETag": p["ETag"], "ChecksumCRC32": p["ChecksumCRC32"]})
		}
		return service.Params{"Bucket": "bkt", "Key": "big", "UploadId": id, "MultipartUpload": map[string]any{"Parts": l}}
	}
	bad := parts(e1, e2)
	bad["MultipartUpload"].(map[string]any)["Parts"] = []any{bad["MultipartUpload"].(map[string]any)["Parts"].([]any)[1], bad["MultipartUpload"].(map[string]any)["Parts"].([]any)[0]}
	if _, _, err := h.call("CompleteMultipartUpload", bad, nil); code(err) != "InvalidPart" && code(err) != "InvalidPartOrder" {
		t.Fatalf("unordered: %v", err)
	}
	lp := h.must("ListParts", service.Params{"Bucket": "bkt", "Key": "big", "UploadId": id})
	if len(lp["Parts"].([]any)) != 2 {
		t.Fatalf("ListParts %v", lp)
	}
	done := h.must("CompleteMultipartUpload", parts(e1, e2))
	if !strings.HasSuffix(done["ETag"].(string), `-2"`) {
		t.Fatalf("multipart ETag %v", done["ETag"])
	}
	get := h.must("GetObject", service.Params{"Bucket": "bkt", "Key": "big"})
	if got := body(t, get); got != string(p1)+string(p2) {
		t.Fatalf("joined body of %d bytes", len(got))
	}
	part2 := h.must("GetObject", service.Params{"Bucket": "bkt", "Key": "big", "PartNumber": int64(2)})
	if body(t, part2) != "tail" || part2["PartsCount"] != int64(2) {
		t.Fatalf("part 2 %v", part2)
	}
	if _, _, err := h.call("ListParts", service.Params{"Bucket": "bkt", "Key": "big", "UploadId": id}, nil); code(err) != "NoSuchUpload" {
		t.Fatalf("completed upload still listed: %v", err)
	}
	// EntityTooSmall
	up2 := h.must("CreateMultipartUpload", service.Params{"Bucket": "bkt", "Key": "small"})["UploadId"].(string)
	s1 := h.must("UploadPart", service.Params{"Bucket": "bkt", "Key": "small", "UploadId": up2, "PartNumber": int64(1), "Body": io.NopCloser(strings.NewReader("a"))})
	s2 := h.must("UploadPart", service.Params{"Bucket": "bkt", "Key": "small", "UploadId": up2, "PartNumber": int64(2), "Body": io.NopCloser(strings.NewReader("b"))})
	_, _, err := h.call("CompleteMultipartUpload", service.Params{"Bucket": "bkt", "Key": "small", "UploadId": up2, "MultipartUpload": map[string]any{"Parts": []any{
		map[string]any{"PartNumber": int64(1), "ETag": s1["ETag"]}, map[string]any{"PartNumber": int64(2), "ETag": s2["ETag"]}}}}, nil)
	if code(err) != "EntityTooSmall" {
		t.Fatalf("too small: %v", err)
	}
	h.must("AbortMultipartUpload", service.Params{"Bucket": "bkt", "Key": "small", "UploadId": up2})
	if lu := h.must("ListMultipartUploads", service.Params{"Bucket": "bkt"}); lu["Uploads"] != nil {
		t.Fatalf("uploads left %v", lu)
	}
}

func TestCopyObject(t *testing.T) {
	h := newHarness(t)
	h.must("CreateBucket", service.Params{"Bucket": "bkt"})
	put := h.must("PutObject", service.Params{"Bucket": "bkt", "Key": "src key", "Body": io.NopCloser(strings.NewReader("data")), "Metadata": map[string]any{"a": "1"}})
	if _, _, err := h.call("CopyObject", service.Params{"Bucket": "bkt", "Key": "src key", "CopySource": "bkt/src%20key"}, nil); code(err) != "InvalidRequest" {
		t.Fatalf("in-place without change: %v", err)
	}
	out := h.must("CopyObject", service.Params{"Bucket": "bkt", "Key": "dst", "CopySource": "/bkt/src%20key", "MetadataDirective": "REPLACE", "Metadata": map[string]any{"b": "2"}})
	if out["CopyObjectResult"].(map[string]any)["ETag"] != put["ETag"] {
		t.Fatalf("copy ETag %v", out)
	}
	head := h.must("HeadObject", service.Params{"Bucket": "bkt", "Key": "dst"})
	if md := head["Metadata"].(map[string]any); md["b"] != "2" || md["a"] != nil {
		t.Fatalf("replaced metadata %v", md)
	}
	if _, _, err := h.call("CopyObject", service.Params{"Bucket": "bkt", "Key": "x", "CopySource": "bkt/src%20key", "CopySourceIfMatch": `"nope"`}, nil); code(err) != "PreconditionFailed" {
		t.Fatalf("copy condition: %v", err)
	}
	if _, _, err := h.call("CopyObject", service.Params{"Bucket": "bkt", "Key": "x", "CopySource": "nobucketkey"}, nil); code(err) != "InvalidArgument" {
		t.Fatalf("bad source: %v", err)
	}
}

func TestBlobSpillKeepsBodiesOnDisk(t *testing.T) {
	dir := t.TempDir()
	store := &BlobStore{Dir: dir, Threshold: 16}
	small, err := store.Store(strings.NewReader("tiny"))
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := small.(*memBlob); !ok {
		t.Fatalf("small body not in memory: %T", small)
	}
	big, err := store.Store(strings.NewReader(strings.Repeat("x", 100)))
	if err != nil {
		t.Fatal(err)
	}
	fb, ok := big.(*fileBlob)
	if !ok {
		t.Fatalf("large body not spooled: %T", big)
	}
	rc, _ := big.Open(90, 10)
	b, _ := io.ReadAll(rc)
	rc.Close()
	if string(b) != strings.Repeat("x", 10) {
		t.Fatalf("range read %q", b)
	}
	big.Release()
	if _, err := openFile(fb.f.Name()); err == nil {
		t.Fatal("spool file kept after the last release")
	}
}
