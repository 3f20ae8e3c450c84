package snapshots

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"syscall"
)

// Write stores spec under specID in the snapshot file at path, creating the
// file and its directory when needed. It is safe for concurrent use by
// goroutines and processes (ginkgo -p): it holds an exclusive flock on a
// sibling lock file (.<name>.lock) while it re-reads the file, merges the one
// spec (every other spec is kept as read), writes a temporary file, fsyncs it
// and renames it over path.
//
// The spec replaces the recorded one entirely (keys it no longer has are
// dropped), except when its recorded content and its provenance apart from
// RecordedAt equal the recorded ones: then the recorded spec, dates
// included, is kept. The file is not touched when its bytes would not change.
// changed reports whether the spec was (re)written.
func Write(path, specID string, spec *Spec) (changed bool, err error) {
	if spec == nil {
		return false, fmt.Errorf("write %s: spec %q: nil spec", path, specID)
	}
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return false, fmt.Errorf("write %s: %w", path, err)
	}
	unlock, err := lockFile(filepath.Join(dir, "."+filepath.Base(path)+".lock"))
	if err != nil {
		return false, fmt.Errorf("write %s: %w", path, err)
	}
	defer unlock()

	old, err := os.ReadFile(path)
	if err != nil && !os.IsNotExist(err) {
		return false, fmt.Errorf("write %s: %w", path, err)
	}
	file, err := Parse(old)
	if err != nil {
		return false, fmt.Errorf("write %s: %w", path, err)
	}
	if prev := file[specID]; prev != nil && sameRecording(prev, spec) {
		return false, nil
	}
	file[specID] = spec
	data, err := file.Marshal()
	if err != nil {
		return false, fmt.Errorf("write %s: spec %q: %w", path, specID, err)
	}
	if bytes.Equal(data, old) {
		return true, nil
	}
	if err := replaceFile(path, data); err != nil {
		return false, fmt.Errorf("write %s: %w", path, err)
	}
	return true, nil
}

// sameRecording reports whether b records the same content as a, ignoring
// the dates.
func sameRecording(a, b *Spec) bool {
	ca, err1 := Canonical(nonNil(a.RecordedContent))
	cb, err2 := Canonical(nonNil(b.RecordedContent))
	if err1 != nil || err2 != nil || !bytes.Equal(ca, cb) {
		return false
	}
	pa, pb := a.Provenance, b.Provenance
	if pa == nil || pb == nil {
		return pa == pb
	}
	x, y := *pa, *pb
	x.RecordedAt, y.RecordedAt = "", ""
	return x == y
}

// lockFile takes an exclusive flock on path (created if needed) and returns
// the function that releases it.
func lockFile(path string) (func(), error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, err
	}
	for {
		err = syscall.Flock(int(f.Fd()), syscall.LOCK_EX)
		if err != syscall.EINTR {
			break
		}
	}
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("lock %s: %w", path, err)
	}
	return func() {
		_ = syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
		f.Close()
	}, nil
}

// replaceFile writes data to a temporary file next to path, fsyncs it and
// renames it over path, then fsyncs the directory.
func replaceFile(path string, data []byte) error {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // no-op after a successful rename
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Chmod(0o644); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return err
	}
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync()
		d.Close()
	}
	return nil
}
