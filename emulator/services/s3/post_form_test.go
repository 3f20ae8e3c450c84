package s3

import (
	"bytes"
	"io"
	"mime/multipart"
	"net/textproto"
	"strings"
	"testing"
)

// multipartBody builds a form: fields in order, then the file part when
// file is not nil (with a filename parameter when fileName is not nil),
// then trailing fields.
func multipartBody(t testing.TB, fields [][2]string, file *string, fileName *string, trailing ...[2]string) (string, []byte) {
	t.Helper()
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	for _, f := range fields {
		if err := w.WriteField(f[0], f[1]); err != nil {
			t.Fatal(err)
		}
	}
	if file != nil {
		disp := `form-data; name="file"`
		if fileName != nil {
			disp += `; filename="` + *fileName + `"`
		}
		p, err := w.CreatePart(textproto.MIMEHeader{"Content-Disposition": {disp}})
		if err != nil {
			t.Fatal(err)
		}
		p.Write([]byte(*file))
	}
	for _, f := range trailing {
		if err := w.WriteField(f[0], f[1]); err != nil {
			t.Fatal(err)
		}
	}
	w.Close()
	return w.Boundary(), buf.Bytes()
}

func ptr(s string) *string { return &s }

func TestPostFormBoundary(t *testing.T) {
	for _, c := range []struct {
		contentType, boundary, code string
	}{
		{"multipart/form-data; boundary=abc", "abc", ""},
		{"Multipart/Form-Data; boundary=\"a b\"", "a b", ""},
		{"multipart/form-data", "", "MalformedPOSTRequest"},
		{"application/x-www-form-urlencoded", "", "PreconditionFailed"},
		{"", "", "PreconditionFailed"},
		{"multipart/mixed; boundary=abc", "", "PreconditionFailed"},
		{"multipart/form-data; boundary", "", "PreconditionFailed"},
	} {
		b, err := postFormBoundary(c.contentType)
		if code(err) != c.code || b != c.boundary {
			t.Errorf("postFormBoundary(%q) = %q, %v; want %q, %s", c.contentType, b, err, c.boundary, c.code)
		}
	}
}

func TestReadPostForm(t *testing.T) {
	long := strings.Repeat("x", maxPostPreData)
	for _, c := range []struct {
		name        string
		fields      [][2]string
		file        *string
		fileName    *string
		trailing    [][2]string
		code        string
		wantFields  int
		wantFile    string
		hasFile     bool
		hasFileName bool
	}{
		{name: "fields then file", fields: [][2]string{{"key", "k"}, {"Policy", "p"}}, file: ptr("content"), fileName: ptr("a.txt"),
			wantFields: 2, wantFile: "content", hasFile: true, hasFileName: true},
		{name: "file as a plain field", fields: [][2]string{{"key", "k"}}, file: ptr("as field"), wantFields: 1, wantFile: "as field", hasFile: true},
		{name: "no file", fields: [][2]string{{"key", "k"}}, wantFields: 1},
		{name: "fields after the file are not read", fields: [][2]string{{"key", "k"}}, file: ptr("f"), fileName: ptr("f"),
			trailing: [][2]string{{"acl", "public-read"}}, wantFields: 1, wantFile: "f", hasFile: true, hasFileName: true},
		{name: "fields above the pre-data limit", fields: [][2]string{{"key", "k"}, {"x-ignore-big", long}}, file: ptr("f"), code: "MaxPostPreDataLengthExceededError"},
		{name: "empty file name", fields: [][2]string{{"key", "k"}}, file: ptr("f"), fileName: ptr(""), wantFields: 1, wantFile: "f", hasFile: true, hasFileName: true},
	} {
		t.Run(c.name, func(t *testing.T) {
			boundary, body := multipartBody(t, c.fields, c.file, c.fileName, c.trailing...)
			form, err := readPostForm(bytes.NewReader(body), boundary)
			if code(err) != c.code {
				t.Fatalf("err = %v, want %s", err, c.code)
			}
			if err != nil {
				return
			}
			if len(form.Fields) != c.wantFields {
				t.Errorf("fields = %v, want %d", form.Fields, c.wantFields)
			}
			if (form.File != nil) != c.hasFile || form.HasFileName != c.hasFileName {
				t.Fatalf("file = %v, has name %v; want %v, %v", form.File != nil, form.HasFileName, c.hasFile, c.hasFileName)
			}
			if form.File != nil {
				got, err := io.ReadAll(form.File)
				if err != nil || string(got) != c.wantFile {
					t.Errorf("file content = %q, %v; want %q", got, err, c.wantFile)
				}
			}
		})
	}
}

func TestPostFormGetIgnoresCase(t *testing.T) {
	f := &postForm{Fields: []postField{{"X-Amz-Signature", "sig"}, {"key", "first"}, {"KEY", "second"}}}
	if v, ok := f.Get("x-amz-signature"); !ok || v != "sig" {
		t.Errorf("Get = %q, %v", v, ok)
	}
	if v := f.Value("Key"); v != "first" {
		t.Errorf("Value(Key) = %q, want the first field", v)
	}
	if _, ok := f.Get("policy"); ok {
		t.Error("Get(policy) found a missing field")
	}
}

func TestReadPostFormMalformed(t *testing.T) {
	for name, body := range map[string]string{
		"no closing boundary": "--b\r\nContent-Disposition: form-data; name=\"key\"\r\n\r\nk",
		"part without name":   "--b\r\nContent-Disposition: form-data\r\n\r\nk\r\n--b--\r\n",
		"not form-data":       "--b\r\nContent-Disposition: attachment; name=\"key\"\r\n\r\nk\r\n--b--\r\n",
		"garbage":             "garbage",
	} {
		if _, err := readPostForm(strings.NewReader(body), "b"); code(err) != "MalformedPOSTRequest" {
			t.Errorf("%s: err = %v, want MalformedPOSTRequest", name, err)
		}
	}
}

func FuzzReadPostForm(f *testing.F) {
	boundary, body := multipartBody(f, [][2]string{{"key", "k"}, {"policy", "p"}}, ptr("content"), ptr("a.txt"))
	f.Add(boundary, body)
	f.Add("b", []byte("--b\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\nx\r\n--b--\r\n"))
	f.Add("b", []byte("--b--"))
	f.Fuzz(func(t *testing.T, boundary string, body []byte) {
		form, err := readPostForm(bytes.NewReader(body), boundary)
		if err != nil {
			if code(err) == err.Error() {
				t.Fatalf("not an AWS error: %v", err)
			}
			return
		}
		size := 0
		for _, fd := range form.Fields {
			size += len(fd.Name) + len(fd.Value)
			if strings.EqualFold(fd.Name, "file") {
				t.Fatalf("the file was read as a field: %v", fd)
			}
		}
		if size > maxPostPreData {
			t.Fatalf("read %d bytes of fields, above the limit", size)
		}
		if form.File != nil {
			_, _ = io.Copy(io.Discard, form.File)
		}
	})
}
