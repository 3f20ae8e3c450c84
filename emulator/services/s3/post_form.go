package s3

import (
	"errors"
	"io"
	"mime"
	"mime/multipart"
	"strings"

	"github.com/parity-harness/parity/emulator/awserr"
)

// The form of a browser-based upload (POST Object): multipart/form-data
// whose fields come first and whose "file" field comes last. S3 reads the
// fields before the file into memory, at most maxPostPreData bytes of them,
// and streams the file; fields after the file are ignored, so they are
// never read.

// maxPostPreData is the most bytes of form fields S3 reads before the file.
const maxPostPreData = 20 * 1024

// postField is one form field before the file.
type postField struct {
	Name  string // as sent
	Value string
}

// postForm is a parsed upload form.
type postForm struct {
	Fields []postField
	// File streams the file's content; nil when the form has no file field.
	File io.Reader
	// FileName is the file name the client gave; HasFileName is false when
	// the file was sent as a plain field (no filename parameter).
	FileName    string
	HasFileName bool
}

// Get returns the first field named name, compared without case, as S3
// compares form field names.
func (f *postForm) Get(name string) (string, bool) {
	for _, fd := range f.Fields {
		if strings.EqualFold(fd.Name, name) {
			return fd.Value, true
		}
	}
	return "", false
}

// Value is Get without the presence flag.
func (f *postForm) Value(name string) string {
	v, _ := f.Get(name)
	return v
}

// errNotMultipartForm answers a POST to a bucket of another content type.
func errNotMultipartForm() error {
	return awserr.New("PreconditionFailed", 412, "At least one of the pre-conditions you specified did not hold").
		With("Condition", "Bucket POST must be of the enclosure-type multipart/form-data")
}

// errMalformedPOST answers a body that is not multipart/form-data.
func errMalformedPOST() error {
	return awserr.New("MalformedPOSTRequest", 400, "The body of your POST request is not well-formed multipart/form-data.")
}

// errPreDataTooLarge answers fields before the file above maxPostPreData.
func errPreDataTooLarge() error {
	return awserr.New("MaxPostPreDataLengthExceededError", 400, "Your POST request fields preceding the upload file were too large.").
		With("MaxPostPreDataLength", itoa(maxPostPreData))
}

// postFormBoundary checks the Content-Type of an upload and returns its
// multipart boundary.
func postFormBoundary(contentType string) (string, error) {
	media, params, err := mime.ParseMediaType(contentType)
	if err != nil || !strings.EqualFold(media, "multipart/form-data") {
		return "", errNotMultipartForm()
	}
	boundary := params["boundary"]
	if boundary == "" {
		return "", errMalformedPOST()
	}
	return boundary, nil
}

// readPostForm reads the fields of an upload form up to its file, which it
// leaves unread in the returned form. A body without any part is malformed.
func readPostForm(body io.Reader, boundary string) (*postForm, error) {
	mr := multipart.NewReader(body, boundary)
	form := &postForm{}
	budget := maxPostPreData
	for parts := 0; ; parts++ {
		part, err := mr.NextRawPart()
		if errors.Is(err, io.EOF) && parts > 0 {
			return form, nil
		}
		if err != nil {
			return nil, errMalformedPOST()
		}
		disposition, params, err := mime.ParseMediaType(part.Header.Get("Content-Disposition"))
		if err != nil || !strings.EqualFold(disposition, "form-data") || params["name"] == "" {
			return nil, errMalformedPOST()
		}
		name := params["name"]
		if strings.EqualFold(name, "file") {
			form.File = part
			form.FileName, form.HasFileName = params["filename"]
			return form, nil
		}
		value, err := io.ReadAll(io.LimitReader(part, int64(budget)+1))
		if err != nil {
			return nil, errMalformedPOST()
		}
		if len(value)+len(name) > budget {
			return nil, errPreDataTooLarge()
		}
		budget -= len(value) + len(name)
		form.Fields = append(form.Fields, postField{Name: name, Value: string(value)})
	}
}
