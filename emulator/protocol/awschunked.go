package protocol

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"net/http"
	"strconv"
	"strings"
)

// S3 clients may send a streaming payload in the aws-chunked encoding
// (Content-Encoding: aws-chunked, x-amz-content-sha256: STREAMING-…):
// "<hex size>[;chunk-signature=<sig>]\r\n<data>\r\n" repeated, a zero-size
// chunk, then optional trailing headers (checksums) and a blank line. The
// codec hands services the decoded bytes.

// isAWSChunked reports whether a request body is aws-chunked.
func isAWSChunked(r *http.Request) bool {
	if strings.HasPrefix(r.Header.Get("X-Amz-Content-Sha256"), "STREAMING-") {
		return true
	}
	for _, enc := range strings.Split(r.Header.Get("Content-Encoding"), ",") {
		if strings.TrimSpace(enc) == "aws-chunked" {
			return true
		}
	}
	return false
}

// errBadChunk reports a malformed aws-chunked body.
var errBadChunk = errors.New("malformed aws-chunked body")

// awsChunkedReader decodes an aws-chunked body. Chunk signatures are not
// verified here; trailers are read and dropped.
type awsChunkedReader struct {
	src       *bufio.Reader
	closer    io.Closer
	remaining int64 // bytes left in the current chunk
	done      bool
	err       error
}

func newAWSChunkedReader(body io.ReadCloser) *awsChunkedReader {
	return &awsChunkedReader{src: bufio.NewReader(body), closer: body}
}

func (c *awsChunkedReader) Read(p []byte) (int, error) {
	if c.err != nil {
		return 0, c.err
	}
	if c.done {
		return 0, io.EOF
	}
	if c.remaining == 0 {
		if err := c.nextChunk(); err != nil {
			c.err = err
			return 0, err
		}
		if c.done {
			return 0, io.EOF
		}
	}
	if int64(len(p)) > c.remaining {
		p = p[:c.remaining]
	}
	n, err := c.src.Read(p)
	c.remaining -= int64(n)
	if err == io.EOF && c.remaining > 0 {
		err = io.ErrUnexpectedEOF
	}
	if err != nil && err != io.EOF {
		c.err = err
		return n, err
	}
	if c.remaining == 0 {
		if err := c.expectCRLF(); err != nil {
			c.err = err
			return n, err
		}
	}
	return n, nil
}

const maxChunkHeader = 4096

func (c *awsChunkedReader) readLine() (string, error) {
	var line []byte
	for {
		part, isPrefix, err := c.src.ReadLine()
		if err != nil {
			if err == io.EOF {
				return "", io.ErrUnexpectedEOF
			}
			return "", err
		}
		line = append(line, part...)
		if len(line) > maxChunkHeader {
			return "", errBadChunk
		}
		if !isPrefix {
			return string(line), nil
		}
	}
}

func (c *awsChunkedReader) nextChunk() error {
	header, err := c.readLine()
	if err != nil {
		return err
	}
	sizeText, _, _ := strings.Cut(header, ";")
	size, err := strconv.ParseInt(strings.TrimSpace(sizeText), 16, 64)
	if err != nil || size < 0 {
		return errBadChunk
	}
	if size > 0 {
		c.remaining = size
		return nil
	}
	// The last chunk: trailers until a blank line or the end of the body.
	c.done = true
	for {
		line, err := c.readLine()
		if err == io.ErrUnexpectedEOF || (err == nil && line == "") {
			return nil
		}
		if err != nil {
			return err
		}
	}
}

func (c *awsChunkedReader) expectCRLF() error {
	var crlf [2]byte
	if _, err := io.ReadFull(c.src, crlf[:]); err != nil {
		return io.ErrUnexpectedEOF
	}
	if !bytes.Equal(crlf[:], []byte("\r\n")) {
		return errBadChunk
	}
	return nil
}

func (c *awsChunkedReader) Close() error { return c.closer.Close() }
