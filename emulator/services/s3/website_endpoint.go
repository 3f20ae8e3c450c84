package s3

import (
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// ServeWebsite answers a request to a bucket's website endpoint
// (<bucket>.s3-website-<region>.amazonaws.com): anonymous GET and HEAD of
// public objects, the index document for the root and for "folders", the
// error document, redirects (every request, routing rules, objects with a
// website redirect location), and HTML error pages.
func (s *Service) ServeWebsite(w http.ResponseWriter, r *http.Request, bucket, requestID string) {
	q := &websiteRequest{s: s, w: w, r: r, requestID: requestID}
	if werr := q.serve(bucket); werr != nil {
		werr.write(w, r, requestID)
	}
}

// websiteRequest is one request to the website endpoint.
type websiteRequest struct {
	s         *Service
	w         http.ResponseWriter
	r         *http.Request
	requestID string
	bucket    *Bucket
}

// serve answers the request, or returns the error page to answer.
func (q *websiteRequest) serve(bucket string) *websiteError {
	if q.r.Method != http.MethodGet && q.r.Method != http.MethodHead {
		return &websiteError{Status: 405, Code: "MethodNotAllowed", Message: "The specified method is not allowed against this resource.",
			Details: [][2]string{{"Method", q.r.Method}, {"ResourceType", "OBJECT"}}}
	}
	b, err := q.s.backend.Bucket(bucket)
	if err != nil {
		return &websiteError{Status: 404, Code: "NoSuchBucket", Message: "The specified bucket does not exist", Details: [][2]string{{"BucketName", bucket}}}
	}
	q.bucket = b
	stored, _ := b.Configs["website"].(map[string]any)
	cfg := websiteConfigOf(stored)
	if cfg == nil {
		return &websiteError{Status: 404, Code: "NoSuchWebsiteConfiguration", Message: "The specified bucket does not have a website configuration",
			Details: [][2]string{{"BucketName", bucket}}}
	}
	if all := cfg.RedirectAll; all != nil {
		q.redirect(all.url(q.scheme(), q.r.Host, q.r.URL.Path), http.StatusMovedPermanently)
		return nil
	}
	key := websiteKey(q.r.URL.Path)
	if rule := cfg.matchRule(key, 0); rule != nil {
		q.redirect(rule.location(key, q.scheme(), q.r.Host))
		return nil
	}
	folder := key == "" || strings.HasSuffix(key, "/")
	if folder {
		key += cfg.IndexSuffix
	}
	o, werr := q.lookup(key)
	if werr == nil {
		return q.serveObject(o, http.StatusOK)
	}
	if werr.Status == http.StatusNotFound && !folder {
		// "dir" names the folder "dir/" when its index document exists
		if _, e := q.lookup(key + "/" + cfg.IndexSuffix); e == nil {
			q.redirect((&url.URL{Path: "/" + key + "/"}).EscapedPath(), http.StatusFound)
			return nil
		}
	}
	if rule := cfg.matchRule(key, werr.Status); rule != nil {
		q.redirect(rule.location(key, q.scheme(), q.r.Host))
		return nil
	}
	if cfg.ErrorKey != "" && (werr.Status == http.StatusNotFound || werr.Status == http.StatusForbidden) {
		doc, derr := q.lookup(cfg.ErrorKey)
		if derr == nil {
			return q.serveObject(doc, werr.Status)
		}
		werr.ErrorDocument = derr
	}
	return werr
}

// lookup finds the latest version of key as an anonymous reader may see
// it: a missing key is NoSuchKey to readers allowed to list the bucket and
// AccessDenied to others, a private object AccessDenied.
func (q *websiteRequest) lookup(key string) (*Object, *websiteError) {
	b := q.bucket
	arn := bucketARN(b.Region, b.Name)
	o, err := q.s.backend.Object(b.Name, key, "")
	if err != nil || o.DeleteMarker {
		if !anonymousCan(b, "s3:ListBucket", arn, b.ACL, "READ") {
			return nil, websiteAccessDenied()
		}
		return nil, websiteNoSuchKey(key)
	}
	if !anonymousCan(b, "s3:GetObject", arn+"/"+key, o.ACL, "READ") {
		return nil, websiteAccessDenied()
	}
	if o.SSECustomerAlgorithm != "" {
		return nil, &websiteError{Status: 400, Code: "InvalidRequest", Message: "The object was stored using a form of Server Side Encryption. The correct parameters must be provided to retrieve the object."}
	}
	if archived(o.StorageClass) {
		return nil, &websiteError{Status: 403, Code: "InvalidObjectState", Message: "The operation is not valid for the object's storage class",
			Details: [][2]string{{"StorageClass", o.StorageClass}}}
	}
	return o, nil
}

// serveObject answers an object's content with status (200, or the status
// of the error an error document stands for); an object with a website
// redirect location redirects there instead.
func (q *websiteRequest) serveObject(o *Object, status int) *websiteError {
	if o.WebsiteRedirectLocation != "" {
		q.redirect(o.WebsiteRedirectLocation, http.StatusMovedPermanently)
		return nil
	}
	h := q.w.Header()
	q.ids()
	h.Set("ETag", o.ETag)
	h.Set("Last-Modified", o.LastModified.Format(http.TimeFormat))
	start, length := int64(0), o.Size
	if status == http.StatusOK {
		if answered, werr := q.preconditions(o); answered || werr != nil {
			return werr
		}
		h.Set("Accept-Ranges", "bytes")
		if rh := q.r.Header.Get("Range"); rh != "" {
			br, outcome := ParseRange(rh, o.Size)
			switch outcome {
			case rangeUnsatisfiable:
				return &websiteError{Status: 416, Code: "InvalidRange", Message: "The requested range is not satisfiable",
					Details: [][2]string{{"RangeRequested", rh}, {"ActualObjectSize", itoa64(o.Size)}}}
			case rangeOK:
				start, length, status = br.Start, br.Length(), http.StatusPartialContent
				h.Set("Content-Range", "bytes "+itoa64(br.Start)+"-"+itoa64(br.End)+"/"+itoa64(o.Size))
			}
		}
	}
	contentType := o.ContentType
	if contentType == "" {
		contentType = "binary/octet-stream"
	}
	h.Set("Content-Type", contentType)
	for name, v := range map[string]string{"Content-Encoding": o.ContentEncoding, "Content-Disposition": o.ContentDisposition,
		"Content-Language": o.ContentLanguage, "Cache-Control": o.CacheControl, "Expires": o.Expires} {
		if v != "" {
			h.Set(name, v)
		}
	}
	for k, v := range o.Metadata {
		h.Set("x-amz-meta-"+k, v)
	}
	h.Set("Content-Length", itoa64(length))
	if q.r.Method == http.MethodHead {
		q.w.WriteHeader(status)
		return nil
	}
	body, err := o.Body.Open(start, length)
	if err != nil {
		return &websiteError{Status: 500, Code: "InternalError", Message: "We encountered an internal error. Please try again."}
	}
	defer body.Close()
	q.w.WriteHeader(status)
	_, _ = io.Copy(q.w, body)
	return nil
}

// preconditions applies If-Match, If-None-Match, If-Modified-Since and
// If-Unmodified-Since: a 412 page, or answered true when it wrote 304.
func (q *websiteRequest) preconditions(o *Object) (answered bool, werr *websiteError) {
	pre := Preconditions{IfMatch: q.r.Header.Get("If-Match"), IfNoneMatch: q.r.Header.Get("If-None-Match"),
		IfModifiedSince: httpDate(q.r.Header.Get("If-Modified-Since")), IfUnmodifiedSince: httpDate(q.r.Header.Get("If-Unmodified-Since"))}
	outcome, hdr := pre.Evaluate(o.ETag, o.LastModified, q.s.now())
	switch outcome {
	case conditionNotModified:
		q.w.WriteHeader(http.StatusNotModified)
		return true, nil
	case conditionFailed:
		return false, &websiteError{Status: 412, Code: "PreconditionFailed", Message: "At least one of the pre-conditions you specified did not hold",
			Details: [][2]string{{"Condition", hdr}}}
	}
	return false, nil
}

func httpDate(v string) *time.Time {
	if v == "" {
		return nil
	}
	t, err := http.ParseTime(v)
	if err != nil {
		return nil
	}
	return &t
}

// redirect answers a redirect with an empty body.
func (q *websiteRequest) redirect(location string, status int) {
	q.ids()
	q.w.Header().Set("Location", location)
	q.w.Header().Set("Content-Length", "0")
	q.w.WriteHeader(status)
}

func (q *websiteRequest) ids() {
	q.w.Header().Set("x-amz-request-id", q.requestID)
	q.w.Header().Set("x-amz-id-2", websiteHostID(q.requestID))
}

// scheme is the protocol the request came with.
func (q *websiteRequest) scheme() string {
	if p := q.r.Header.Get("X-Forwarded-Proto"); p == "http" || p == "https" {
		return p
	}
	if q.r.TLS != nil {
		return "https"
	}
	return "http"
}
