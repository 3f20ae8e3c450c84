package snapshots

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

const referenceDir = "/work/shared/aws-reference"

func TestCanonical(t *testing.T) {
	doc := map[string]any{
		"b": []any{json.Number("1.50"), json.Number("1e3"), true, nil, "<&>"},
		"a": map[string]any{},
		"c": []any{},
		"d": map[string]any{"z": "ü", "y": json.Number("-0")},
	}
	got, err := Canonical(doc)
	if err != nil {
		t.Fatal(err)
	}
	want := `{
  "a": {},
  "b": [
    1.50,
    1e3,
    true,
    null,
    "<&>"
  ],
  "c": [],
  "d": {
    "y": -0,
    "z": "ü"
  }
}
`
	if string(got) != want {
		t.Errorf("Canonical =\n%s\nwant\n%s", got, want)
	}
	if _, err := Canonical(map[string]any{"n": json.Number("1x")}); err == nil {
		t.Error("an invalid json.Number must not be written")
	}
	// structs go through encoding/json
	got, _ = Canonical(struct {
		B int `json:"b"`
		A string
	}{B: 2, A: "x"})
	if string(got) != "{\n  \"A\": \"x\",\n  \"b\": 2\n}\n" {
		t.Errorf("Canonical(struct) = %q", got)
	}
}

func TestParseAndMarshal(t *testing.T) {
	in := `{"spec-b":{"recorded-date":"21-11-2026, 08:30:00","recorded-content":{"k":{"N":12.0}},
	        "provenance":{"target":"moto","endpoint":"localhost","region":"us-east-1","sdk":"github.com/aws/aws-sdk-go-v2@v1.47.6","recorded-at":"2026-11-21T08:30:00Z"}},
	        "spec-a":{"recorded-date":"01-01-2025, 00:00:00","last-validated-date":"2025-01-01T00:00:00+00:00","recorded-content":{}}}`
	f, err := Parse([]byte(in))
	if err != nil {
		t.Fatal(err)
	}
	if got := f.SpecIDs(); !reflect.DeepEqual(got, []string{"spec-a", "spec-b"}) {
		t.Errorf("SpecIDs = %v", got)
	}
	if f["spec-a"].TargetKind() != TargetAWS || f["spec-b"].TargetKind() != TargetMoto {
		t.Errorf("TargetKind = %s, %s", f["spec-a"].TargetKind(), f["spec-b"].TargetKind())
	}
	out, err := f.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	want := `{
  "spec-a": {
    "last-validated-date": "2025-01-01T00:00:00+00:00",
    "recorded-content": {},
    "recorded-date": "01-01-2025, 00:00:00"
  },
  "spec-b": {
    "provenance": {
      "endpoint": "localhost",
      "recorded-at": "2026-11-21T08:30:00Z",
      "region": "us-east-1",
      "sdk": "github.com/aws/aws-sdk-go-v2@v1.47.6",
      "target": "moto"
    },
    "recorded-content": {
      "k": {
        "N": 12.0
      }
    },
    "recorded-date": "21-11-2026, 08:30:00"
  }
}
`
	if string(out) != want {
		t.Errorf("Marshal =\n%s", out)
	}
	again, err := Parse(out)
	if err != nil || !reflect.DeepEqual(again, f) {
		t.Errorf("Parse(Marshal(f)) differs from f: %v", err)
	}
}

func TestParseErrors(t *testing.T) {
	for _, in := range []string{
		`[]`, `{"s": 1}`, `{"s": {"recorded-content": []}}`, `{"s": {"unknown": 1}}`, `{} {}`, `{"s": {"provenance": "x"}}`, `{`,
	} {
		if _, err := Parse([]byte(in)); err == nil {
			t.Errorf("Parse(%s) succeeded", in)
		}
	}
	if f, err := Parse([]byte(" \n")); err != nil || len(f) != 0 {
		t.Errorf("an empty file is an empty File, got %v, %v", f, err)
	}
}

func TestNewSpec(t *testing.T) {
	now := time.Date(2026, 11, 21, 9, 30, 0, 0, time.FixedZone("x", 3600))
	s := NewSpec(map[string]any{"k": "v"}, Provenance{Target: TargetMoto}, now)
	if s.RecordedDate != "21-11-2026, 08:30:00" || s.Provenance.RecordedAt != "2026-11-21T08:30:00Z" {
		t.Errorf("NewSpec dates = %q, %q", s.RecordedDate, s.Provenance.RecordedAt)
	}
}

// TestParseReferenceRecordings reads every AWS reference recording: the
// format is the same, and Marshal/Parse round-trips each file.
func TestParseReferenceRecordings(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(referenceDir, "*", "*.json"))
	if len(files) == 0 {
		t.Skip("no reference recordings on this machine")
	}
	specs := 0
	for _, path := range files {
		f, err := ReadFile(path)
		if err != nil {
			t.Errorf("%v", err)
			continue
		}
		specs += len(f)
		out, err := f.Marshal()
		if err != nil {
			t.Errorf("%s: %v", path, err)
			continue
		}
		again, err := Parse(out)
		if err != nil || !reflect.DeepEqual(again, f) {
			t.Errorf("%s: round trip differs (%v)", path, err)
		}
	}
	if specs < 100 {
		t.Errorf("read %d specs from %d files, expected hundreds", specs, len(files))
	}
}

func TestReadFileMissing(t *testing.T) {
	f, err := ReadFile(filepath.Join(t.TempDir(), "none.json"))
	if err != nil || len(f) != 0 {
		t.Errorf("ReadFile of a missing file = %v, %v", f, err)
	}
	bad := filepath.Join(t.TempDir(), "bad.json")
	os.WriteFile(bad, []byte("{"), 0o644)
	if _, err := ReadFile(bad); err == nil || !strings.Contains(err.Error(), bad) {
		t.Errorf("ReadFile error %v does not name the file", err)
	}
}

func FuzzParse(f *testing.F) {
	f.Add([]byte(`{"s":{"recorded-date":"d","recorded-content":{"k":[1,"<uuid:1>",{"a":null}]},"provenance":{"target":"moto"}}}`))
	f.Add([]byte(`{}`))
	f.Add([]byte(`{"s":{"recorded-content":{"n":1e400}}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		file, err := Parse(data)
		if err != nil {
			return
		}
		out, err := file.Marshal()
		if err != nil {
			t.Fatalf("a parsed file does not marshal: %v", err)
		}
		again, err := Parse(out)
		if err != nil {
			t.Fatalf("a marshalled file does not parse: %v\n%s", err, out)
		}
		out2, err := again.Marshal()
		if err != nil || string(out2) != string(out) {
			t.Fatalf("Marshal is not stable:\n%s\n%s", out, out2)
		}
	})
}
