package snapshots

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"sort"
)

// Prune removes from the snapshot file at path every spec for which drop
// reports true, under the same lock as Write (a concurrent Write is never
// lost): it re-reads the file, deletes those specs and writes the rest
// atomically; a file left without specs is removed. It returns the removed
// spec ids, sorted. A missing file is nothing to prune.
func Prune(path string, drop func(id string, spec *Spec) bool) (removed []string, err error) {
	dir := filepath.Dir(path)
	if _, err := os.Stat(path); os.IsNotExist(err) {
		return nil, nil
	}
	unlock, err := lockFile(filepath.Join(dir, "."+filepath.Base(path)+".lock"))
	if err != nil {
		return nil, fmt.Errorf("prune %s: %w", path, err)
	}
	defer unlock()

	old, err := os.ReadFile(path)
	if os.IsNotExist(err) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("prune %s: %w", path, err)
	}
	file, err := Parse(old)
	if err != nil {
		return nil, fmt.Errorf("prune %s: %w", path, err)
	}
	for id, spec := range file {
		if drop(id, spec) {
			removed = append(removed, id)
			delete(file, id)
		}
	}
	if len(removed) == 0 {
		return nil, nil
	}
	sort.Strings(removed)
	if len(file) == 0 {
		if err := os.Remove(path); err != nil {
			return nil, fmt.Errorf("prune %s: %w", path, err)
		}
		return removed, nil
	}
	data, err := file.Marshal()
	if err != nil {
		return nil, fmt.Errorf("prune %s: %w", path, err)
	}
	if !bytes.Equal(data, old) {
		if err := replaceFile(path, data); err != nil {
			return nil, fmt.Errorf("prune %s: %w", path, err)
		}
	}
	return removed, nil
}
