package reports

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parity-harness/parity/harness/runlog"
)

func TestReadDir(t *testing.T) {
	in, err := ReadDir(filepath.Join("testdata", "run-full"))
	if err != nil {
		t.Fatal(err)
	}
	if len(in.Runs) != 1 || len(in.Results) != 8 || len(in.Calls) != 25 || len(in.Server) != 25 {
		t.Errorf("read %d runs, %d results, %d calls, %d server entries", len(in.Runs), len(in.Results), len(in.Calls), len(in.Server))
	}
	// A directory with only a server call log (a Terraform session) is a run.
	tf, err := ReadDir(filepath.Join("testdata", "terraform"))
	if err != nil || len(tf.Server) != 5 || len(tf.Runs) != 0 {
		t.Errorf("terraform dir: %v, %+v", err, tf)
	}
}

func TestReadDirErrors(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		want  string // substring of the error; "" for success
	}{
		{"empty directory", map[string]string{}, "not a parity run directory"},
		{"broken run.json", map[string]string{"run.json": "{"}, "run.json"},
		{"future run schema", map[string]string{"run.json": `{"schemaVersion": 99}`}, "newer"},
		{"corrupt line mid-file", map[string]string{"results/a.jsonl": "{\"suite\":\"x\"}\nnot json\n{\"suite\":\"y\"}\n"}, "a.jsonl:2"},
		{"truncated last line is a killed writer", map[string]string{"results/a.jsonl": "{\"suite\":\"x\",\"spec\":\"s\",\"state\":\"passed\"}\n{\"suite\":\"y\",\"sp"}, ""},
		{"blank lines", map[string]string{"calls/a.jsonl": "\n{\"service\":\"sqs\"}\n\n"}, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			for name, content := range tc.files {
				p := filepath.Join(dir, name)
				os.MkdirAll(filepath.Dir(p), 0o755)
				if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			_, err := ReadDir(dir)
			if tc.want == "" && err != nil {
				t.Fatalf("unexpected error %v", err)
			}
			if tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)) {
				t.Fatalf("err = %v, want one mentioning %q", err, tc.want)
			}
		})
	}
}

func FuzzReadLines(f *testing.F) {
	f.Add([]byte("{\"suite\":\"sqs\",\"spec\":\"a\",\"state\":\"passed\"}\n"))
	f.Add([]byte("\n\n{\"keys\":[{\"key\":\"k\"}]}\n{"))
	f.Add([]byte("null\n[]\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		dir := t.TempDir()
		os.MkdirAll(filepath.Join(dir, "results"), 0o755)
		if err := os.WriteFile(filepath.Join(dir, "results", "x.jsonl"), data, 0o644); err != nil {
			t.Fatal(err)
		}
		var out []runlog.SpecResult
		n, err := readLines(filepath.Join(dir, "results"), &out)
		if err == nil && n != 1 {
			t.Fatalf("read %d files, want 1", n)
		}
		// Whatever was read must build without panicking.
		Build(&Inputs{Results: out}, Denominator{})
	})
}
