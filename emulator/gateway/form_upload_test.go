package gateway

import (
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"

	"github.com/parity-harness/parity/emulator/awserr"
	"github.com/parity-harness/parity/emulator/service"
)

// formUploads is an S3 model whose POSTs are form uploads: an "ok" body
// answers 204 as the caller the form's access key names, anything else an
// error.
type formUploads struct{ modelOnly }

func (formUploads) IsFormUpload(r *http.Request) bool { return r.Method == http.MethodPost }

func (formUploads) ServeFormUpload(ctx *service.Context, w http.ResponseWriter, resolve func(string) (service.Identity, bool)) error {
	if ctx.Request.Header.Get("Content-Type") != "ok" {
		return awserr.New("AccessDenied", 403, "Access Denied")
	}
	id, _ := resolve("123456789012")
	ctx.Account = id.Account
	w.WriteHeader(http.StatusNoContent)
	return nil
}

func TestFormUploadsBypassHeaderAuthentication(t *testing.T) {
	g, err := New(Config{Services: []service.Service{formUploads{"s3"}}, VerifySignatures: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = g.Close() })
	for _, c := range []struct {
		contentType string
		status      int
		code        string
		account     string
	}{
		{"ok", http.StatusNoContent, "", "123456789012"},
		{"bad", http.StatusForbidden, "AccessDenied", service.DefaultAccount},
	} {
		r := httptest.NewRequest(http.MethodPost, "http://localhost/bkt", strings.NewReader("x"))
		r.Header.Set("Content-Type", c.contentType)
		w := httptest.NewRecorder()
		g.ServeHTTP(w, r)
		if w.Code != c.status {
			t.Fatalf("%s: status %d: %s", c.contentType, w.Code, w.Body)
		}
		if c.code != "" && !strings.Contains(w.Body.String(), "<Code>"+c.code+"</Code>") {
			t.Errorf("%s: body %s", c.contentType, w.Body)
		}
		entries := g.CallLog().Entries()
		last := entries[len(entries)-1]
		if last.Operation != "PostObject" || last.ErrorCode != c.code || last.Account != c.account || last.Status != c.status {
			t.Errorf("%s: call log %+v", c.contentType, last)
		}
	}
}

// verifyingUploads answers whether the gateway asks it to verify the
// signature of the access key named by the X-Key header.
type verifyingUploads struct{ modelOnly }

func (verifyingUploads) IsFormUpload(r *http.Request) bool { return r.Method == http.MethodPost }

func (verifyingUploads) ServeFormUpload(ctx *service.Context, w http.ResponseWriter, resolve func(string) (service.Identity, bool)) error {
	_, verify := resolve(ctx.Request.Header.Get("X-Key"))
	w.Header().Set("X-Verify", strconv.FormatBool(verify))
	w.WriteHeader(http.StatusNoContent)
	return nil
}

func TestFormUploadSignaturesAreVerifiedLikePresignedURLs(t *testing.T) {
	for _, c := range []struct {
		key       string
		verifyAll bool
		want      string
	}{
		{"test", false, "true"},         // the default key's secret is known
		{"AKIAUNKNOWN", false, "false"}, // an unknown key's is not
		{"AKIAUNKNOWN", true, "true"},   // --verify-signatures checks every key
	} {
		g, err := New(Config{Services: []service.Service{verifyingUploads{"s3"}}, VerifySignatures: c.verifyAll})
		if err != nil {
			t.Fatal(err)
		}
		r := httptest.NewRequest(http.MethodPost, "http://localhost/bkt", strings.NewReader("x"))
		r.Header.Set("X-Key", c.key)
		w := httptest.NewRecorder()
		g.ServeHTTP(w, r)
		if got := w.Header().Get("X-Verify"); got != c.want {
			t.Errorf("key %s, verify all %v: verify = %q, want %s", c.key, c.verifyAll, got, c.want)
		}
		_ = g.Close()
	}
}
