package s3

import (
	"crypto/sha256"
	"encoding/base64"
	"html"
	"net/http"
	"strconv"
	"strings"
)

// websiteError is an error the website endpoint answers as an HTML page,
// with S3's error headers.
type websiteError struct {
	Status  int
	Code    string
	Message string
	// Details are the error's extra members in order ("Key", "BucketName", …).
	Details [][2]string
	// ErrorDocument is the failure to read the bucket's custom error
	// document, shown under the error itself.
	ErrorDocument *websiteError
}

func websiteNoSuchKey(key string) *websiteError {
	return &websiteError{Status: 404, Code: "NoSuchKey", Message: "The specified key does not exist.", Details: [][2]string{{"Key", key}}}
}

func websiteAccessDenied() *websiteError {
	return &websiteError{Status: 403, Code: "AccessDenied", Message: "Access Denied"}
}

// websiteHostID is the opaque x-amz-id-2 of a request.
func websiteHostID(requestID string) string {
	sum := sha256.Sum256([]byte("website:" + requestID))
	return base64.StdEncoding.EncodeToString(sum[:])
}

// write answers the error page (headers only for HEAD).
func (e *websiteError) write(w http.ResponseWriter, r *http.Request, requestID string) {
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("x-amz-error-code", e.Code)
	h.Set("x-amz-error-message", e.Message)
	for _, d := range e.Details {
		h.Set("x-amz-error-detail-"+d[0], d[1])
	}
	h.Set("x-amz-request-id", requestID)
	h.Set("x-amz-id-2", websiteHostID(requestID))
	page := e.page(requestID)
	h.Set("Content-Length", strconv.Itoa(len(page)))
	w.WriteHeader(e.Status)
	if r.Method != http.MethodHead {
		_, _ = w.Write([]byte(page))
	}
}

// page renders the HTML S3 website endpoints answer errors with.
func (e *websiteError) page(requestID string) string {
	title := strconv.Itoa(e.Status) + " " + http.StatusText(e.Status)
	var b strings.Builder
	b.WriteString("<html>\n<head><title>" + title + "</title></head>\n<body>\n<h1>" + title + "</h1>\n<ul>\n")
	item := func(name, value string) { b.WriteString("<li>" + name + ": " + html.EscapeString(value) + "</li>\n") }
	item("Code", e.Code)
	item("Message", e.Message)
	for _, d := range e.Details {
		item(d[0], d[1])
	}
	item("RequestId", requestID)
	item("HostId", websiteHostID(requestID))
	b.WriteString("</ul>\n")
	if doc := e.ErrorDocument; doc != nil {
		b.WriteString("<h3>An Error Occurred While Attempting to Retrieve a Custom Error Document</h3>\n<ul>\n")
		item("Code", doc.Code)
		item("Message", doc.Message)
		for _, d := range doc.Details {
			item(d[0], d[1])
		}
		b.WriteString("</ul>\n")
	}
	b.WriteString("<hr/>\n</body>\n</html>\n")
	return b.String()
}
