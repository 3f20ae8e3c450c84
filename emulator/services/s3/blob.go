package s3

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"sync"
	"sync/atomic"
)

// Blob is an immutable object body. Blobs are shared (a copied object and
// its source, a completed upload and its parts) and counted: Retain adds a
// holder, Release drops one and frees storage with the last.
type Blob interface {
	Size() int64
	// Open returns a reader of length bytes from offset.
	Open(offset, length int64) (io.ReadCloser, error)
	Retain() Blob
	Release()
}

// SpillThreshold is the body size above which blobs live in temporary files
// instead of memory.
const SpillThreshold = 1 << 20

// BlobStore turns request bodies into blobs: bodies up to SpillThreshold stay
// in memory, larger ones are streamed into a file under Dir.
type BlobStore struct {
	Dir       string // "" is os.TempDir()
	Threshold int64  // 0 is SpillThreshold

	heads sync.Pool // *[]byte of Threshold+1 bytes
}

// Store reads r to its end into a new blob, writing every byte also to each
// of ws (hashes). A body that spills to a file is copied to the file and to
// the hashes in parallel (fanOutCopy).
func (s *BlobStore) Store(r io.Reader, ws ...io.Writer) (Blob, error) {
	threshold := s.Threshold
	if threshold == 0 {
		threshold = SpillThreshold
	}
	// The head is read into a pooled buffer one byte larger than the
	// threshold: a body that fills it spills to a file, a shorter one is
	// copied into a blob of its exact size.
	head := s.headBuffer(threshold + 1)
	defer s.heads.Put(head)
	n, err := io.ReadFull(r, *head)
	if err != nil && err != io.ErrUnexpectedEOF && err != io.EOF {
		return nil, err
	}
	for _, w := range ws {
		if _, err := w.Write((*head)[:n]); err != nil {
			return nil, err
		}
	}
	if int64(n) <= threshold {
		return newMemBlob((*head)[:n]), nil
	}
	f, err := os.CreateTemp(s.Dir, "parity-s3-*.blob")
	if err != nil {
		return nil, fmt.Errorf("s3 blob store: create spool file: %w", err)
	}
	size := int64(n)
	_, err = f.Write((*head)[:n])
	if err == nil {
		var rest int64
		rest, err = fanOutCopy(r, append([]io.Writer{f}, ws...)...)
		size += rest
	}
	if err != nil {
		f.Close()
		os.Remove(f.Name())
		return nil, err
	}
	fb := &fileBlob{f: f, size: size}
	fb.refs.Store(1)
	return fb, nil
}

// headBuffer returns a pooled buffer of n bytes.
func (s *BlobStore) headBuffer(n int64) *[]byte {
	if b, ok := s.heads.Get().(*[]byte); ok && int64(len(*b)) == n {
		return b
	}
	b := make([]byte, n)
	return &b
}

// memBlob is a body held in memory.
type memBlob struct{ data []byte }

func newMemBlob(b []byte) *memBlob { return &memBlob{data: bytes.Clone(b)} }

func (m *memBlob) Size() int64 { return int64(len(m.data)) }
func (m *memBlob) Open(off, n int64) (io.ReadCloser, error) {
	if off < 0 || off+n > int64(len(m.data)) || n < 0 {
		return nil, errors.New("s3 blob: range outside body")
	}
	return io.NopCloser(bytes.NewReader(m.data[off : off+n])), nil
}
func (m *memBlob) Retain() Blob { return m }
func (m *memBlob) Release()     {}

// fileBlob is a body spooled to a temporary file, removed with its last
// holder. Readers opened before the removal keep working (the file stays
// readable while open).
type fileBlob struct {
	f    *os.File
	size int64
	refs atomic.Int64
}

func (b *fileBlob) Size() int64 { return b.size }
func (b *fileBlob) Open(off, n int64) (io.ReadCloser, error) {
	if off < 0 || n < 0 || off+n > b.size {
		return nil, errors.New("s3 blob: range outside body")
	}
	f, err := os.Open(b.f.Name())
	if err != nil {
		return nil, fmt.Errorf("s3 blob: reopen spool file: %w", err)
	}
	return struct {
		io.Reader
		io.Closer
	}{io.NewSectionReader(f, off, n), f}, nil
}
func (b *fileBlob) Retain() Blob { b.refs.Add(1); return b }
func (b *fileBlob) Release() {
	if b.refs.Add(-1) == 0 {
		b.f.Close()
		os.Remove(b.f.Name())
	}
}

// joinedBlob is the body of a completed multipart upload: its parts read in
// sequence, without copying them.
type joinedBlob struct {
	parts []Blob
	size  int64
	refs  atomic.Int64
}

// joinBlobs returns a blob over parts, retaining each.
func joinBlobs(parts []Blob) Blob {
	if len(parts) == 1 {
		return parts[0].Retain()
	}
	j := &joinedBlob{}
	for _, p := range parts {
		j.parts = append(j.parts, p.Retain())
		j.size += p.Size()
	}
	j.refs.Store(1)
	return j
}

func (j *joinedBlob) Size() int64 { return j.size }
func (j *joinedBlob) Open(off, n int64) (io.ReadCloser, error) {
	if off < 0 || n < 0 || off+n > j.size {
		return nil, errors.New("s3 blob: range outside body")
	}
	return &joinedReader{parts: j.parts, off: off, left: n}, nil
}
func (j *joinedBlob) Retain() Blob { j.refs.Add(1); return j }
func (j *joinedBlob) Release() {
	if j.refs.Add(-1) == 0 {
		for _, p := range j.parts {
			p.Release()
		}
	}
}

// joinedReader opens the parts of a joined blob one at a time.
type joinedReader struct {
	parts []Blob
	off   int64 // offset in the remaining parts
	left  int64
	cur   io.ReadCloser
}

func (r *joinedReader) Read(p []byte) (int, error) {
	for {
		if r.left == 0 {
			return 0, io.EOF
		}
		if r.cur == nil {
			for len(r.parts) > 0 && r.off >= r.parts[0].Size() {
				r.off -= r.parts[0].Size()
				r.parts = r.parts[1:]
			}
			if len(r.parts) == 0 {
				return 0, io.ErrUnexpectedEOF
			}
			n := min(r.parts[0].Size()-r.off, r.left)
			rc, err := r.parts[0].Open(r.off, n)
			if err != nil {
				return 0, err
			}
			r.cur, r.off, r.parts = rc, 0, r.parts[1:]
		}
		if int64(len(p)) > r.left {
			p = p[:r.left]
		}
		n, err := r.cur.Read(p)
		r.left -= int64(n)
		if err == io.EOF {
			r.cur.Close()
			r.cur = nil
			err = nil
		}
		if n > 0 || err != nil {
			return n, err
		}
	}
}

func (r *joinedReader) Close() error {
	if r.cur != nil {
		return r.cur.Close()
	}
	return nil
}
