package s3

import (
	"bytes"
	"crypto/md5"
	"errors"
	"io"
	"testing"
	"testing/iotest"
)

// failAfter accepts limit bytes, then fails.
type failAfter struct {
	limit int
	err   error
}

func (f *failAfter) Write(p []byte) (int, error) {
	if len(p) > f.limit {
		return 0, f.err
	}
	f.limit -= len(p)
	return len(p), nil
}

func TestFanOutCopy(t *testing.T) {
	body := func(n int) []byte {
		b := make([]byte, n)
		for i := range b {
			b[i] = byte(i * 7)
		}
		return b
	}
	for _, size := range []int{0, 1, fanOutChunkSize - 1, fanOutChunkSize, fanOutChunkSize*fanOutDepth*3 + 17} {
		src := body(size)
		var a, b bytes.Buffer
		h := md5.New()
		n, err := fanOutCopy(bytes.NewReader(src), &a, &b, h)
		if err != nil || n != int64(size) {
			t.Fatalf("size %d: copied %d, err %v", size, n, err)
		}
		want := md5.Sum(src)
		if !bytes.Equal(a.Bytes(), src) || !bytes.Equal(b.Bytes(), src) || !bytes.Equal(h.Sum(nil), want[:]) {
			t.Fatalf("size %d: a writer saw other bytes than the body", size)
		}
	}

	writeErr := errors.New("disk full")
	tests := []struct {
		name string
		r    io.Reader
		w    io.Writer
		want error
	}{
		{"a writer fails", bytes.NewReader(body(fanOutChunkSize * 40)), &failAfter{limit: fanOutChunkSize, err: writeErr}, writeErr},
		{"the reader fails", iotest.TimeoutReader(bytes.NewReader(body(fanOutChunkSize * 2))), io.Discard, iotest.ErrTimeout},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var other bytes.Buffer
			n, err := fanOutCopy(tt.r, &other, tt.w)
			if !errors.Is(err, tt.want) {
				t.Fatalf("err = %v, want %v", err, tt.want)
			}
			if n >= fanOutChunkSize*40 {
				t.Fatalf("read %d bytes: the copy went on after the failure", n)
			}
		})
	}
}
