package s3

import (
	"bytes"
	"crypto/md5"
	"encoding/base64"
	"encoding/hex"
	"hash"
	"io"
	"strings"

	"github.com/parity-harness/parity/emulator/awserr"
	"github.com/parity-harness/parity/emulator/service"
)

// setStatus asks for a status other than the operation's modeled one (206
// for ranges, 204 for S3's empty answers).
func setStatus(ctx *service.Context, code int) { ctx.Status = code }

// checksumRequest is the checksum a write asks for.
type checksumRequest struct {
	alg      ChecksumAlgorithm
	expected string // base64 value given in a header; "" = compute only
	trailer  bool   // the value comes in the aws-chunked trailer
	explicit bool   // the client chose the algorithm (else the default CRC64NVME)
}

// requestedChecksum reads x-amz-checksum-*, x-amz-trailer and
// x-amz-sdk-checksum-algorithm.
func requestedChecksum(ctx *service.Context, in service.Params) (checksumRequest, error) {
	var found []checksumRequest
	for _, a := range Algorithms {
		v := strOr(ctx, in, a.Member(), a.Header())
		if v == "" {
			continue
		}
		if !a.ValidEncoded(v) {
			return checksumRequest{}, errInvalidRequest("Value for " + a.Header() + " header is invalid.")
		}
		found = append(found, checksumRequest{alg: a, expected: v, explicit: true})
	}
	if len(found) > 1 {
		return checksumRequest{}, errInvalidRequest("Expecting a single x-amz-checksum- header. Multiple checksum Types are not allowed.")
	}
	if len(found) == 1 {
		return found[0], nil
	}
	if t := strings.ToLower(header(ctx, "x-amz-trailer")); strings.HasPrefix(t, "x-amz-checksum-") {
		if a, ok := ParseAlgorithm(strings.TrimPrefix(t, "x-amz-checksum-")); ok {
			return checksumRequest{alg: a, trailer: true, explicit: true}, nil
		}
		return checksumRequest{}, errInvalidRequest("The value specified in the x-amz-trailer header is not supported")
	}
	if v := strOr(ctx, in, "ChecksumAlgorithm", "x-amz-sdk-checksum-algorithm"); v != "" {
		a, ok := ParseAlgorithm(v)
		if !ok {
			return checksumRequest{}, errInvalidRequest("Checksum algorithm provided is unsupported. Please try again with any of the valid types: [CRC32, CRC32C, CRC64NVME, SHA1, SHA256]")
		}
		return checksumRequest{alg: a, explicit: true}, nil
	}
	return checksumRequest{alg: CRC64NVME}, nil
}

// badDigest is the error of a checksum that does not match the body.
func badDigest(a ChecksumAlgorithm) error {
	name := string(a)
	if a == CRC32 || a == CRC32C {
		name = strings.ToLower(name)
	}
	return awserr.New("BadDigest", 400, "The "+name+" you specified did not match the calculated checksum.")
}

// parseContentMD5 validates a Content-MD5 header: base64 of 16 bytes.
func parseContentMD5(v string) ([]byte, error) {
	b, err := base64.StdEncoding.DecodeString(v)
	if err != nil || len(b) != md5.Size {
		return nil, awserr.New("InvalidDigest", 400, "The Content-MD5 you specified was invalid.").With("Content-MD5", v)
	}
	return b, nil
}

// storedBody is a body written to the blob store with its digests.
type storedBody struct {
	blob     Blob
	md5      []byte
	checksum string // base64, of the requested (or default) algorithm
	alg      ChecksumAlgorithm
	explicit bool                         // the client named the algorithm
	sums     map[ChecksumAlgorithm]string // alg and every extra algorithm
}

// requestBody returns the payload stream of a write, decoding aws-chunked.
func requestBody(ctx *service.Context, in service.Params) (io.Reader, *ChunkedReader) {
	var r io.Reader
	switch v := in["Body"].(type) {
	case io.Reader:
		r = v
	case []byte:
		r = bytes.NewReader(v)
	case string:
		r = strings.NewReader(v)
	default:
		r = bytes.NewReader(nil)
	}
	if ctx != nil && ctx.Request != nil && IsAWSChunked(ctx.Request.Header) {
		cr := NewChunkedReader(r)
		return cr, cr
	}
	return r, nil
}

// storeBody streams the request body into a blob, checking Content-MD5,
// the flexible checksum and aws-chunked framing. md5Hex selects how
// BadDigest reports the expected digest (hex for objects, base64 for parts);
// defaultAlg is computed when the request names no algorithm (""
// = CRC64NVME); extra algorithms are computed as well.
func (s *Service) storeBody(ctx *service.Context, in service.Params, md5Hex bool, defaultAlg ChecksumAlgorithm, extra ...ChecksumAlgorithm) (*storedBody, error) {
	var wantMD5 []byte
	md5Text := str(in, "ContentMD5")
	if md5Text != "" {
		var err error
		if wantMD5, err = parseContentMD5(md5Text); err != nil {
			return nil, err
		}
	}
	req, err := requestedChecksum(ctx, in)
	if err != nil {
		return nil, err
	}
	if !req.explicit && defaultAlg != "" {
		req.alg = defaultAlg
	}
	r, chunked := requestBody(ctx, in)
	md5h := md5.New()
	hashes := map[ChecksumAlgorithm]hash.Hash{req.alg: req.alg.New()}
	writers := []io.Writer{md5h, hashes[req.alg]}
	for _, a := range extra {
		if hashes[a] == nil {
			hashes[a] = a.New()
			writers = append(writers, hashes[a])
		}
	}
	sum := hashes[req.alg]
	blob, err := s.backend.Blobs().Store(r, writers...)
	if err != nil {
		return nil, awserr.Newf("IncompleteBody", 400, "You did not provide the number of bytes specified by the Content-Length HTTP header: %v", err)
	}
	if chunked != nil {
		if want := header(ctx, "x-amz-decoded-content-length"); want != "" && want != itoa(int(blob.Size())) {
			blob.Release()
			return nil, awserr.New("IncompleteBody", 400, "You did not provide the number of bytes specified by the Content-Length HTTP header")
		}
		if req.trailer {
			req.expected = chunked.Trailers()[req.alg.Header()]
			if !req.alg.ValidEncoded(req.expected) {
				blob.Release()
				return nil, errInvalidRequest("Value for " + req.alg.Header() + " trailing header is invalid.")
			}
		}
	}
	body := &storedBody{blob: blob, md5: md5h.Sum(nil), checksum: encodeSum(sum), alg: req.alg, explicit: req.explicit, sums: map[ChecksumAlgorithm]string{}}
	for a, h := range hashes {
		body.sums[a] = encodeSum(h)
	}
	if wantMD5 != nil && !bytes.Equal(wantMD5, body.md5) {
		blob.Release()
		expected := md5Text
		if md5Hex {
			expected = hex.EncodeToString(wantMD5)
		}
		return nil, awserr.New("BadDigest", 400, "The Content-MD5 you specified did not match what we received.").
			With("ExpectedDigest", expected).With("CalculatedDigest", base64.StdEncoding.EncodeToString(body.md5))
	}
	if req.expected != "" && req.expected != body.checksum {
		blob.Release()
		return nil, badDigest(req.alg)
	}
	return body, nil
}
