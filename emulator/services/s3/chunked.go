package s3

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
)

// aws-chunked is the content encoding the SDKs use to stream a payload of
// known length with a checksum sent after it, in a trailer:
//
//	<hex size>[;chunk-signature=<sig>]\r\n<data>\r\n
//	...
//	0[;chunk-signature=<sig>]\r\n
//	<trailer-name>:<value>\r\n      (zero or more)
//	\r\n
//
// The decoder below yields the data and collects the trailers. Chunk
// signatures are not verified here: the gateway authenticates the request's
// seed signature.

// maxChunkLine bounds a chunk header or trailer line.
const maxChunkLine = 4096

// errChunked reports a body that is not valid aws-chunked.
var errChunked = errors.New("aws-chunked: malformed body")

// ChunkedReader decodes an aws-chunked body.
type ChunkedReader struct {
	r        *bufio.Reader
	left     int64 // bytes left in the current chunk
	done     bool
	err      error
	trailers map[string]string
	decoded  int64
}

// NewChunkedReader decodes r, which holds an aws-chunked body.
func NewChunkedReader(r io.Reader) *ChunkedReader {
	return &ChunkedReader{r: bufio.NewReaderSize(r, 64<<10), trailers: map[string]string{}}
}

// Trailers returns the trailing headers, lower-case names; complete once Read
// returned io.EOF.
func (c *ChunkedReader) Trailers() map[string]string { return c.trailers }

// Decoded is the number of payload bytes read so far.
func (c *ChunkedReader) Decoded() int64 { return c.decoded }

func (c *ChunkedReader) readLine() (string, error) {
	var line []byte
	for {
		part, isPrefix, err := c.r.ReadLine()
		if err != nil {
			if err == io.EOF {
				return "", io.ErrUnexpectedEOF
			}
			return "", err
		}
		line = append(line, part...)
		if len(line) > maxChunkLine {
			return "", fmt.Errorf("%w: line longer than %d bytes", errChunked, maxChunkLine)
		}
		if !isPrefix {
			return string(line), nil
		}
	}
}

// Read implements io.Reader over the decoded payload.
func (c *ChunkedReader) Read(p []byte) (int, error) {
	if c.err != nil {
		return 0, c.err
	}
	if c.done {
		return 0, io.EOF
	}
	if c.left == 0 {
		if err := c.nextChunk(); err != nil {
			c.err = err
			return 0, err
		}
		if c.done {
			return 0, io.EOF
		}
	}
	if int64(len(p)) > c.left {
		p = p[:c.left]
	}
	n, err := c.r.Read(p)
	c.left -= int64(n)
	c.decoded += int64(n)
	if err == io.EOF {
		if c.left > 0 {
			c.err = io.ErrUnexpectedEOF
			return n, c.err
		}
		err = nil
	}
	if err != nil {
		c.err = err
		return n, err
	}
	if c.left == 0 {
		// each chunk's data ends with CRLF
		if err := c.expectCRLF(); err != nil {
			c.err = err
			return n, nil
		}
	}
	return n, nil
}

func (c *ChunkedReader) expectCRLF() error {
	var b [2]byte
	if _, err := io.ReadFull(c.r, b[:]); err != nil {
		return io.ErrUnexpectedEOF
	}
	if b != [2]byte{'\r', '\n'} {
		return fmt.Errorf("%w: chunk data not followed by CRLF", errChunked)
	}
	return nil
}

// nextChunk reads a chunk header; at the final chunk it reads the trailers.
func (c *ChunkedReader) nextChunk() error {
	line, err := c.readLine()
	if err != nil {
		return err
	}
	sizeText := line
	if i := strings.IndexByte(line, ';'); i >= 0 {
		sizeText = line[:i]
		if !strings.HasPrefix(line[i+1:], "chunk-signature=") {
			return fmt.Errorf("%w: unknown chunk extension %q", errChunked, line[i+1:])
		}
	}
	size, err := strconv.ParseInt(strings.TrimSpace(sizeText), 16, 64)
	if err != nil || size < 0 {
		return fmt.Errorf("%w: bad chunk size %q", errChunked, sizeText)
	}
	if size > 0 {
		c.left = size
		return nil
	}
	for {
		line, err := c.readLine()
		if err != nil {
			// a body may end right after the last chunk or trailer
			// without the final empty line
			if errors.Is(err, io.ErrUnexpectedEOF) {
				c.done = true
				return nil
			}
			return err
		}
		if line == "" {
			c.done = true
			return nil
		}
		name, value, ok := strings.Cut(line, ":")
		if !ok {
			return fmt.Errorf("%w: bad trailer %q", errChunked, line)
		}
		c.trailers[strings.ToLower(strings.TrimSpace(name))] = strings.TrimSpace(value)
	}
}

// IsAWSChunked reports whether a request carries an aws-chunked body.
func IsAWSChunked(h http.Header) bool {
	if strings.HasPrefix(h.Get("X-Amz-Content-Sha256"), "STREAMING-") {
		return true
	}
	for _, enc := range strings.Split(h.Get("Content-Encoding"), ",") {
		if strings.TrimSpace(enc) == "aws-chunked" {
			return true
		}
	}
	return false
}

// stripAWSChunked removes aws-chunked from a Content-Encoding value; AWS
// does not store it.
func stripAWSChunked(enc string) string {
	var keep []string
	for _, e := range strings.Split(enc, ",") {
		e = strings.TrimSpace(e)
		if e != "" && e != "aws-chunked" {
			keep = append(keep, e)
		}
	}
	return strings.Join(keep, ",")
}

// encodeChunked writes data as an aws-chunked body with optional trailers,
// the way the SDKs do; used by tests.
func encodeChunked(data []byte, chunk int, trailers map[string]string) []byte {
	var b bytes.Buffer
	for len(data) > 0 {
		n := min(chunk, len(data))
		fmt.Fprintf(&b, "%x\r\n", n)
		b.Write(data[:n])
		b.WriteString("\r\n")
		data = data[n:]
	}
	b.WriteString("0\r\n")
	for k, v := range trailers {
		fmt.Fprintf(&b, "%s:%s\r\n", k, v)
	}
	b.WriteString("\r\n")
	return b.Bytes()
}
