package s3

import (
	"io"
	"sync"
	"sync/atomic"
)

// A large body is hashed (MD5 for the ETag, one or more checksums) and
// spooled to disk. Done one after the other, a PutObject of 8 MiB costs the
// sum of those passes; fanOutCopy runs each writer in a goroutine of its own
// over shared read-only chunks, so the passes overlap and the request costs
// about as much as its slowest pass where a core is free.

const (
	fanOutChunkSize = 256 << 10 // bytes read from the request per chunk
	fanOutDepth     = 4         // chunks in flight per copy
)

// fanOutChunk is one buffer of the body, shared by every writer; the last
// writer done with it hands it back to the reader.
type fanOutChunk struct {
	buf     []byte
	n       int
	pending atomic.Int32
}

var fanOutChunks = sync.Pool{New: func() any { return &fanOutChunk{buf: make([]byte, fanOutChunkSize)} }}

// fanOutCopy copies r to its end into every writer and returns the number of
// bytes read. It stops at the first error of the reader or of any writer and
// returns that error.
func fanOutCopy(r io.Reader, ws ...io.Writer) (int64, error) {
	free := make(chan *fanOutChunk, fanOutDepth)
	for range fanOutDepth {
		free <- fanOutChunks.Get().(*fanOutChunk)
	}
	var (
		failed   atomic.Bool
		errs     = make([]error, len(ws))
		queues   = make([]chan *fanOutChunk, len(ws))
		finished sync.WaitGroup
	)
	for i, w := range ws {
		q := make(chan *fanOutChunk, fanOutDepth)
		queues[i] = q
		finished.Add(1)
		go func() {
			defer finished.Done()
			for c := range q {
				if errs[i] == nil {
					if _, err := w.Write(c.buf[:c.n]); err != nil {
						errs[i] = err
						failed.Store(true)
					}
				}
				if c.pending.Add(-1) == 0 {
					free <- c
				}
			}
		}()
	}

	var total int64
	var readErr error
	for !failed.Load() {
		c := <-free
		n, err := io.ReadFull(r, c.buf)
		if n > 0 {
			total += int64(n)
			c.n = n
			c.pending.Store(int32(len(ws)))
			for _, q := range queues {
				q <- c
			}
		} else {
			free <- c
		}
		if err == io.EOF || err == io.ErrUnexpectedEOF {
			break
		}
		if err != nil {
			readErr = err
			break
		}
	}
	for _, q := range queues {
		close(q)
	}
	finished.Wait()
	for range fanOutDepth {
		fanOutChunks.Put(<-free)
	}
	if readErr != nil {
		return total, readErr
	}
	for _, err := range errs {
		if err != nil {
			return total, err
		}
	}
	return total, nil
}
