package s3

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/xml"
	"errors"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/parity-harness/parity/emulator/awserr"
	"github.com/parity-harness/parity/emulator/protocol"
	"github.com/parity-harness/parity/emulator/service"
)

// POST Object: a browser-based upload, an HTML form posted to a bucket
// (https://docs.aws.amazon.com/AmazonS3/latest/API/RESTObjectPOST.html).
// The form's fields say what PutObject's headers say (Content-Type,
// x-amz-meta-*, acl, tagging as XML, …), its signature covers a policy
// whose conditions every field must meet, and its file, the last field, is
// the object's content. The upload is stored through PutObject, so it
// behaves as one (versions, encryption, checksums), and notifies
// s3:ObjectCreated:Post.

// IsFormUpload reports whether r is a POST Object: a POST to a bucket that
// is no DeleteObjects (?delete) and no WriteGetObjectResponse (routed by
// its x-amz-request-route header).
func (s *Service) IsFormUpload(r *http.Request) bool {
	if r.Method != http.MethodPost || r.URL.Query().Has("delete") || r.Header.Get("x-amz-request-route") != "" {
		return false
	}
	bucket := strings.Trim(r.URL.Path, "/")
	return bucket != "" && !strings.Contains(bucket, "/")
}

// formUploadKey marks the context of a PutObject made by a form upload.
type formUploadKey struct{}

// createdEvent is the event a PutObject notifies: ObjectCreated:Post for a
// form upload, ObjectCreated:Put otherwise.
func createdEvent(ctx *service.Context) string {
	if ctx != nil && ctx.Context != nil && ctx.Value(formUploadKey{}) != nil {
		return "ObjectCreated:Post"
	}
	return "ObjectCreated:Put"
}

// ServeFormUpload stores the file of an upload form and answers as the
// form's success_action_redirect or success_action_status asks.
func (s *Service) ServeFormUpload(ctx *service.Context, w http.ResponseWriter, resolve func(accessKey string) (id service.Identity, verify bool)) error {
	setHeader(ctx, "Server", "AmazonS3")
	boundary, err := postFormBoundary(ctx.Request.Header.Get("Content-Type"))
	if err != nil {
		return err
	}
	bucketName := strings.Trim(ctx.Request.URL.Path, "/")
	b, err := s.bucket(service.Params{"Bucket": bucketName})
	if err != nil {
		return err
	}
	if ctx.Request.Body == nil {
		return errMalformedPOST()
	}
	form, err := readPostForm(ctx.Request.Body, boundary)
	if err != nil {
		return err
	}
	key, ok := form.Get("key")
	if !ok || key == "" {
		return errMissingPostField("key")
	}
	ranges, err := s.authorizeFormUpload(ctx, form, b, key, resolve)
	if err != nil {
		return err
	}
	if form.File == nil {
		return errInvalidArgument("POST requires exactly one file upload per request.", "file", "0")
	}
	if form.HasFileName {
		key = strings.ReplaceAll(key, "${filename}", form.FileName)
	}
	out, err := s.putFormObject(ctx, form, b, key, ranges)
	if err != nil {
		return err
	}
	return writeFormUploadResponse(ctx, w, form, b, key, out)
}

// authorizeFormUpload checks the form's signature and policy, or that an
// anonymous caller may write to the bucket, and returns the file size
// ranges of the policy.
func (s *Service) authorizeFormUpload(ctx *service.Context, form *postForm, b *Bucket, key string, resolve func(string) (service.Identity, bool)) ([]sizeRange, error) {
	creds, err := postFormCredentials(form)
	if err != nil {
		return nil, err
	}
	encoded, hasPolicy := form.Get("policy")
	if creds == nil {
		arn := bucketARN(b.Region, b.Name)
		if !anonymousCan(b, "s3:PutObject", arn+"/"+key, b.ACL, "WRITE") {
			return nil, awserr.New("AccessDenied", 403, "Access Denied")
		}
		if !hasPolicy {
			return nil, nil
		}
	} else {
		id, verify := resolve(creds.AccessKey)
		ctx.Account, ctx.AccessKey, ctx.Caller = id.Account, id.AccessKeyID, id.ARN
		if creds.Region != "" {
			ctx.Region = creds.Region
		}
		if verify {
			if err := creds.verify(encoded, id.SecretAccessKey); err != nil {
				return nil, err
			}
		}
		if !id.Expires.IsZero() && s.now().After(id.Expires) {
			return nil, awserr.New("ExpiredToken", 400, "The provided token has expired.")
		}
	}
	policy, err := parsePostPolicy(encoded)
	if err != nil {
		return nil, err
	}
	if !s.now().Before(policy.Expiration) {
		return nil, awserr.New("AccessDenied", 403, "Invalid according to Policy: Policy expired.")
	}
	lookup := func(name string) (string, bool) { return form.Get(name) }
	ranges, err := policy.checkPostConditions(lookup, b.Name)
	if err != nil {
		return nil, err
	}
	if err := policy.checkExtraFields(form.Fields); err != nil {
		return nil, err
	}
	return ranges, nil
}

// formHeaders are the form fields that are PutObject headers, besides
// x-amz-meta-* and the x-amz-* object settings.
var formHeaders = []string{"Cache-Control", "Content-Type", "Content-Disposition", "Content-Encoding", "Expires"}

// formNotHeaders are x-amz-* fields that belong to the form's signature or
// describe a request body's framing, which a form's file does not have.
var formNotHeaders = map[string]bool{"x-amz-algorithm": true, "x-amz-credential": true, "x-amz-date": true,
	"x-amz-signature": true, "x-amz-security-token": true, "x-amz-content-sha256": true, "x-amz-decoded-content-length": true}

// putFormObject stores the form's file as a PutObject of the headers the
// form's fields give, holding its size to the policy's ranges.
func (s *Service) putFormObject(ctx *service.Context, form *postForm, b *Bucket, key string, ranges []sizeRange) (map[string]any, error) {
	file := &countingReader{r: form.File, max: maxSize(ranges)}
	target := (&url.URL{Path: "/" + b.Name + "/" + key}).EscapedPath()
	req, err := http.NewRequestWithContext(ctx, http.MethodPut, target, io.NopCloser(file))
	if err != nil {
		return nil, errMalformedPOST()
	}
	req.Host = ctx.Request.Host
	for _, h := range formHeaders {
		if v, ok := form.Get(h); ok {
			req.Header.Set(h, v)
		}
	}
	if enc := req.Header.Get("Content-Encoding"); enc != "" && stripAWSChunked(enc) != enc {
		req.Header.Set("Content-Encoding", stripAWSChunked(enc)) // a form's file has no aws-chunked framing
	}
	for _, f := range form.Fields {
		name := strings.ToLower(f.Name)
		if strings.HasPrefix(name, "x-amz-") && !formNotHeaders[name] && req.Header.Get(name) == "" {
			req.Header.Set(name, f.Value)
		}
	}
	if acl, ok := form.Get("acl"); ok {
		req.Header.Set("x-amz-acl", acl)
	}
	if tagging, ok := form.Get("tagging"); ok {
		header, err := formTaggingHeader(tagging)
		if err != nil {
			return nil, err
		}
		req.Header.Set("x-amz-tagging", header)
	}
	op := ctx.Service.Operations["PutObject"]
	codec := protocol.ForRequest(ctx.Service, req)
	in, err := codec.DecodeInput(req, ctx.Service, op)
	if err != nil {
		var ve *protocol.ValidationError
		if !errors.As(err, &ve) {
			return nil, errMalformedPOST()
		}
		if mapped := s.MapValidation(op, ve); mapped != nil {
			return nil, mapped
		}
		if len(ve.Violations) > 0 {
			return nil, protocol.DefaultValidationError(codec.Name(), ve)
		}
	}
	file.check = func(size int64) error { return checkSize(ranges, size) }
	put := *ctx
	put.Context = context.WithValue(ctx.Context, formUploadKey{}, true)
	put.Request = req
	put.Operation = op
	out, err := s.putObject(&put, in)
	if file.failed != nil {
		return nil, file.failed
	}
	if err != nil {
		return nil, err
	}
	m, _ := out.(map[string]any)
	return m, nil
}

// countingReader counts the bytes of the file and, at its end, checks its
// size; a failed check ends the read with an error, so nothing is stored.
// Past max bytes the rest of the file is only counted, not stored.
type countingReader struct {
	r      io.Reader
	n      int64
	max    int64 // -1: no limit
	check  func(int64) error
	failed error
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	if c.max >= 0 && c.n > c.max && err == nil {
		rest, drainErr := io.Copy(io.Discard, c.r)
		c.n += rest
		if err = drainErr; err == nil {
			err = io.EOF
		}
	}
	if errors.Is(err, io.EOF) && c.check != nil {
		if c.failed = c.check(c.n); c.failed != nil {
			return n, c.failed
		}
	}
	return n, err
}

// maxSize is the smallest maximum of ranges, -1 without any.
func maxSize(ranges []sizeRange) int64 {
	limit := int64(-1)
	for _, r := range ranges {
		if limit < 0 || r.Max < limit {
			limit = max(r.Max, 0)
		}
	}
	return limit
}

// formTagging is the tagging field of a form: a Tagging XML document.
type formTagging struct {
	XMLName xml.Name `xml:"Tagging"`
	TagSet  struct {
		Tags []struct {
			Key   *string `xml:"Key"`
			Value *string `xml:"Value"`
		} `xml:"Tag"`
	} `xml:"TagSet"`
}

// formTaggingHeader turns the XML of a tagging field into x-amz-tagging.
func formTaggingHeader(doc string) (string, error) {
	var t formTagging
	if err := xml.Unmarshal([]byte(doc), &t); err != nil {
		return "", errMalformedXML()
	}
	q := make([]string, 0, len(t.TagSet.Tags))
	for _, tag := range t.TagSet.Tags {
		if tag.Key == nil || tag.Value == nil {
			return "", errMalformedXML()
		}
		q = append(q, url.QueryEscape(*tag.Key)+"="+url.QueryEscape(*tag.Value))
	}
	return strings.Join(q, "&"), nil
}

// postResponse is the body of a 201 answer.
type postResponse struct {
	XMLName  xml.Name `xml:"PostResponse"`
	Location string   `xml:"Location"`
	Bucket   string   `xml:"Bucket"`
	Key      string   `xml:"Key"`
	ETag     string   `xml:"ETag"`
}

// putOutputHeaders are the PutObject output members a form upload answers
// as headers.
var putOutputHeaders = map[string]string{"VersionId": "x-amz-version-id", "ServerSideEncryption": "x-amz-server-side-encryption",
	"SSEKMSKeyId": "x-amz-server-side-encryption-aws-kms-key-id", "SSECustomerAlgorithm": "x-amz-server-side-encryption-customer-algorithm",
	"SSECustomerKeyMD5": "x-amz-server-side-encryption-customer-key-MD5", "ChecksumType": "x-amz-checksum-type", "Expiration": "x-amz-expiration",
	"ChecksumCRC32": "x-amz-checksum-crc32", "ChecksumCRC32C": "x-amz-checksum-crc32c", "ChecksumCRC64NVME": "x-amz-checksum-crc64nvme",
	"ChecksumSHA1": "x-amz-checksum-sha1", "ChecksumSHA256": "x-amz-checksum-sha256"}

// writeFormUploadResponse answers a stored upload: a 303 to
// success_action_redirect (when it is a URL), else the
// success_action_status asked for (200, 201 with a PostResponse), else 204.
func writeFormUploadResponse(ctx *service.Context, w http.ResponseWriter, form *postForm, b *Bucket, key string, out map[string]any) error {
	etag, _ := out["ETag"].(string)
	location := strings.TrimSuffix(ctx.Endpoint, "/") + (&url.URL{Path: "/" + b.Name + "/" + key}).EscapedPath()
	h := w.Header()
	for k, vs := range ctx.ResponseHeaders {
		h[k] = vs
	}
	for member, name := range putOutputHeaders {
		if v, ok := out[member].(string); ok && v != "" {
			h.Set(name, v)
		}
	}
	if v, ok := out["BucketKeyEnabled"].(bool); ok && v {
		h.Set("x-amz-server-side-encryption-bucket-key-enabled", "true")
	}
	h.Set("ETag", etag)
	h.Set("x-amz-request-id", ctx.RequestID)
	sum := sha256.Sum256([]byte(ctx.RequestID))
	h.Set("x-amz-id-2", base64.StdEncoding.EncodeToString(sum[:]))
	redirect := form.Value("success_action_redirect")
	if redirect == "" {
		redirect = form.Value("redirect")
	}
	if target, ok := redirectTarget(redirect, b.Name, key, etag); ok {
		h.Set("Location", target)
		h.Set("Content-Length", "0")
		w.WriteHeader(http.StatusSeeOther)
		return nil
	}
	h.Set("Location", location)
	switch form.Value("success_action_status") {
	case "200":
		h.Set("Content-Length", "0")
		w.WriteHeader(http.StatusOK)
	case "201":
		body, err := xml.Marshal(postResponse{Location: location, Bucket: b.Name, Key: key, ETag: etag})
		if err != nil {
			return awserr.Internal(err.Error())
		}
		body = append([]byte(xml.Header), body...)
		h.Set("Content-Type", "application/xml")
		h.Set("Content-Length", strconv.Itoa(len(body)))
		w.WriteHeader(http.StatusCreated)
		_, _ = w.Write(body)
	default:
		w.WriteHeader(http.StatusNoContent)
	}
	return nil
}

// redirectTarget adds bucket, key and etag to the query of a redirect URL;
// ok is false when base is no absolute http(s) URL, which S3 ignores.
func redirectTarget(base, bucket, key, etag string) (string, bool) {
	if base == "" {
		return "", false
	}
	u, err := url.Parse(base)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return "", false
	}
	q := u.Query()
	q.Set("bucket", bucket)
	q.Set("key", key)
	q.Set("etag", etag)
	u.RawQuery = q.Encode()
	return u.String(), true
}
