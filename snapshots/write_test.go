package snapshots

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"sync"
	"testing"
	"time"
)

func spec(content map[string]any, target string, at time.Time) *Spec {
	return NewSpec(content, Provenance{Target: target, Endpoint: "localhost", Region: "us-east-1", SDK: "sdk@v1"}, at)
}

func TestWriteMerges(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sqs", "queues.snapshot.json")
	t0 := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	for _, id := range []string{"b", "a"} {
		if changed, err := Write(path, id, spec(map[string]any{"k": id}, TargetMoto, t0)); err != nil || !changed {
			t.Fatalf("Write(%s) = %v, %v", id, changed, err)
		}
	}
	f, err := ReadFile(path)
	if err != nil || len(f) != 2 || f["a"].RecordedContent["k"] != "a" || f["b"].RecordedContent["k"] != "b" {
		t.Fatalf("after two writes: %v, %v", f, err)
	}
	// replacing a spec drops its keys that are gone, keeps the other spec
	if _, err := Write(path, "a", spec(map[string]any{"k2": "x"}, TargetMoto, t0)); err != nil {
		t.Fatal(err)
	}
	f, _ = ReadFile(path)
	if _, ok := f["a"].RecordedContent["k"]; ok || f["a"].RecordedContent["k2"] != "x" || f["b"] == nil {
		t.Errorf("after replacing spec a: %+v", f)
	}
	if leftovers, _ := filepath.Glob(filepath.Join(filepath.Dir(path), ".*.tmp-*")); len(leftovers) > 0 {
		t.Errorf("temporary files left: %v", leftovers)
	}
}

func TestWriteUnchangedKeepsDates(t *testing.T) {
	path := filepath.Join(t.TempDir(), "s.snapshot.json")
	t0 := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	content := func() map[string]any { return map[string]any{"k": map[string]any{"n": "1", "l": []any{"x"}}} }
	if _, err := Write(path, "spec", spec(content(), TargetMoto, t0)); err != nil {
		t.Fatal(err)
	}
	first, _ := os.ReadFile(path)
	stat1, _ := os.Stat(path)

	// the same content recorded later: nothing changes, not even the file
	changed, err := Write(path, "spec", spec(content(), TargetMoto, t0.Add(time.Hour)))
	if err != nil || changed {
		t.Fatalf("re-recording the same content: changed=%v err=%v", changed, err)
	}
	second, _ := os.ReadFile(path)
	stat2, _ := os.Stat(path)
	if string(first) != string(second) || !stat1.ModTime().Equal(stat2.ModTime()) {
		t.Errorf("an unchanged re-record rewrote the file:\n%s\n%s", first, second)
	}

	// different content, or another target: new dates
	for _, s := range []*Spec{
		spec(map[string]any{"k": "other"}, TargetMoto, t0.Add(2*time.Hour)),
		spec(map[string]any{"k": "other"}, TargetEmulator, t0.Add(3*time.Hour)),
	} {
		if changed, err := Write(path, "spec", s); err != nil || !changed {
			t.Fatalf("changed content: changed=%v err=%v", changed, err)
		}
		f, _ := ReadFile(path)
		if f["spec"].RecordedDate != s.RecordedDate || f["spec"].Provenance.Target != s.Provenance.Target {
			t.Errorf("changed content kept the old recording: %+v", f["spec"])
		}
	}
}

func TestWriteRejectsCorruptFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "s.snapshot.json")
	os.WriteFile(path, []byte(`{"x": [`), 0o644)
	if _, err := Write(path, "spec", spec(map[string]any{}, TargetMoto, time.Now())); err == nil {
		t.Error("writing into a corrupt file must fail rather than drop its specs")
	}
	data, _ := os.ReadFile(path)
	if string(data) != `{"x": [` {
		t.Error("a failed write changed the file")
	}
}

// writerEnv names the snapshot file a re-executed test binary writes to.
const writerEnv = "PARITY_SNAPSHOT_TEST_WRITER"

// TestWriterProcess is the body of the child processes of
// TestConcurrentWrites; it does nothing in a normal run.
func TestWriterProcess(t *testing.T) {
	path := os.Getenv(writerEnv)
	if path == "" {
		t.Skip("only runs as a child of TestConcurrentWrites")
	}
	writeMany(t, path, "proc"+os.Getenv(writerEnv+"_ID"))
}

const specsPerWriter = 15

func writeMany(t *testing.T, path, writer string) {
	for i := 0; i < specsPerWriter; i++ {
		id := fmt.Sprintf("%s-spec-%02d", writer, i)
		content := map[string]any{"key": map[string]any{"writer": writer, "i": strconv.Itoa(i), "pad": string(make([]byte, 0))}}
		if _, err := Write(path, id, spec(content, TargetMoto, time.Now())); err != nil {
			t.Errorf("%s: %v", id, err)
		}
	}
}

func TestConcurrentWrites(t *testing.T) {
	path := filepath.Join(t.TempDir(), "svc", "concurrent.snapshot.json")
	const goroutines, processes = 4, 3
	var cmds []*exec.Cmd
	for p := 0; p < processes; p++ {
		cmd := exec.Command(os.Args[0], "-test.run=^TestWriterProcess$", "-test.count=1")
		cmd.Env = append(os.Environ(), writerEnv+"="+path, writerEnv+"_ID="+strconv.Itoa(p))
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		cmds = append(cmds, cmd)
	}
	var wg sync.WaitGroup
	for g := 0; g < goroutines; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			writeMany(t, path, "goroutine"+strconv.Itoa(g))
		}()
	}
	wg.Wait()
	for i, cmd := range cmds {
		if err := cmd.Wait(); err != nil {
			t.Errorf("writer process %d: %v", i, err)
		}
	}
	f, err := ReadFile(path)
	if err != nil {
		t.Fatalf("the file is corrupt after concurrent writes: %v", err)
	}
	if want := (goroutines + processes) * specsPerWriter; len(f) != want {
		t.Errorf("%d specs in the file, want %d: entries were lost", len(f), want)
	}
	for id, s := range f {
		k, _ := s.RecordedContent["key"].(map[string]any)
		if k == nil || k["writer"] == nil || id != fmt.Sprintf("%s-spec-%02s", k["writer"], k["i"]) {
			t.Errorf("spec %s has content %v", id, s.RecordedContent)
		}
	}
}
