package auth

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/parity-harness/parity/emulator/awserr"
)

const amzDateFormat = "20060102T150405Z"

// CheckExpiry rejects a presigned request past its X-Amz-Expires, as S3 does.
// Expiry is honoured whether or not signatures are verified.
func CheckExpiry(r *http.Request, now time.Time) *awserr.Error {
	q := r.URL.Query()
	if q.Get("X-Amz-Credential") == "" {
		return nil
	}
	date, err := time.Parse(amzDateFormat, q.Get("X-Amz-Date"))
	if err != nil {
		return awserr.New("AuthorizationQueryParametersError", 400, "X-Amz-Date must be in the ISO8601 Long Format \"yyyyMMdd'T'HHmmss'Z'\"")
	}
	secs, err := strconv.Atoi(q.Get("X-Amz-Expires"))
	switch {
	case err != nil:
		return awserr.New("AuthorizationQueryParametersError", 400, "X-Amz-Expires should be a number")
	case secs < 0:
		return awserr.New("AuthorizationQueryParametersError", 400, "X-Amz-Expires must be non-negative")
	case secs > 604800:
		return awserr.New("AuthorizationQueryParametersError", 400, "X-Amz-Expires must be less than a week (in seconds) that is 604800")
	}
	if expires := date.Add(time.Duration(secs) * time.Second); now.After(expires) {
		err := awserr.New("AccessDenied", 403, "Request has expired")
		if scope, ok := parseCredential(q.Get("X-Amz-Credential"), true); ok && scope.Service == "s3" {
			err.With("X-Amz-Expires", q.Get("X-Amz-Expires")).
				With("Expires", expires.UTC().Format(time.RFC3339)).
				With("ServerTime", now.UTC().Format(time.RFC3339))
		}
		return err
	}
	return nil
}

// Verify checks the request's SigV4 signature with the secret of its access
// key. body, when the payload hash must be computed, is the request body
// already read (the caller restores r.Body).
func Verify(r *http.Request, scope Scope, secret string, body []byte) *awserr.Error {
	var signedHeaders, signature, amzDate string
	q := r.URL.Query()
	if scope.Presigned {
		signedHeaders = q.Get("X-Amz-SignedHeaders")
		signature = q.Get("X-Amz-Signature")
		amzDate = q.Get("X-Amz-Date")
	} else {
		h := strings.TrimPrefix(r.Header.Get("Authorization"), "AWS4-HMAC-SHA256")
		for _, part := range strings.Split(h, ",") {
			part = strings.TrimSpace(part)
			if v, ok := strings.CutPrefix(part, "SignedHeaders="); ok {
				signedHeaders = v
			} else if v, ok := strings.CutPrefix(part, "Signature="); ok {
				signature = v
			}
		}
		amzDate = r.Header.Get("X-Amz-Date")
	}
	if signedHeaders == "" || signature == "" || amzDate == "" {
		return awserr.New("IncompleteSignature", 400, "The request signature does not conform to AWS standards.")
	}
	payloadHash := r.Header.Get("X-Amz-Content-Sha256")
	if payloadHash == "" {
		if scope.Presigned {
			payloadHash = "UNSIGNED-PAYLOAD"
		} else {
			sum := sha256.Sum256(body)
			payloadHash = hex.EncodeToString(sum[:])
		}
	}
	if scope.Presigned && scope.Service == "s3" {
		q = withHeaderDuplicates(q, r.Header)
	}
	canonical := strings.Join([]string{
		r.Method,
		canonicalURI(r, scope.Service),
		canonicalQuery(q, scope.Presigned),
		canonicalHeaders(r, signedHeaders),
		signedHeaders,
		payloadHash,
	}, "\n")
	credScope := scope.Date + "/" + scope.Region + "/" + scope.Service + "/aws4_request"
	sum := sha256.Sum256([]byte(canonical))
	toSign := "AWS4-HMAC-SHA256\n" + amzDate + "\n" + credScope + "\n" + hex.EncodeToString(sum[:])
	key := hmacSHA256([]byte("AWS4"+secret), scope.Date)
	key = hmacSHA256(key, scope.Region)
	key = hmacSHA256(key, scope.Service)
	key = hmacSHA256(key, "aws4_request")
	want := hex.EncodeToString(hmacSHA256(key, toSign))
	if !hmac.Equal([]byte(want), []byte(signature)) {
		if scope.Service == "s3" {
			return errSignatureDoesNotMatch().
				With("AWSAccessKeyId", scope.AccessKey).
				With("StringToSign", toSign).
				With("SignatureProvided", signature).
				With("StringToSignBytes", spacedHex(toSign)).
				With("CanonicalRequest", canonical).
				With("CanonicalRequestBytes", spacedHex(canonical))
		}
		return awserr.New("SignatureDoesNotMatch", 403, "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.")
	}
	return nil
}

// ReadBody reads and restores a request body for hashing.
func ReadBody(r *http.Request) ([]byte, error) {
	if r.Body == nil {
		return nil, nil
	}
	b, err := io.ReadAll(r.Body)
	r.Body = io.NopCloser(bytes.NewReader(b))
	return b, err
}

func hmacSHA256(key []byte, data string) []byte {
	m := hmac.New(sha256.New, key)
	m.Write([]byte(data))
	return m.Sum(nil)
}

func canonicalURI(r *http.Request, service string) string {
	path := r.URL.EscapedPath()
	if path == "" {
		path = "/"
	}
	if service == "s3" {
		return path
	}
	// Other services sign the path URI-encoded twice.
	segs := strings.Split(path, "/")
	for i, s := range segs {
		segs[i] = uriEncode(s)
	}
	return strings.Join(segs, "/")
}

func canonicalQuery(q url.Values, presigned bool) string {
	type kv struct{ k, v string }
	var pairs []kv
	for k, vs := range q {
		if presigned && k == "X-Amz-Signature" {
			continue
		}
		for _, v := range vs {
			pairs = append(pairs, kv{uriEncode(k), uriEncode(v)})
		}
	}
	sort.Slice(pairs, func(i, j int) bool {
		if pairs[i].k != pairs[j].k {
			return pairs[i].k < pairs[j].k
		}
		return pairs[i].v < pairs[j].v
	})
	parts := make([]string, len(pairs))
	for i, p := range pairs {
		parts[i] = p.k + "=" + p.v
	}
	return strings.Join(parts, "&")
}

func canonicalHeaders(r *http.Request, signed string) string {
	var b strings.Builder
	for _, name := range strings.Split(signed, ";") {
		var values []string
		if name == "host" {
			values = []string{r.Host}
		} else if name == "content-length" && r.Header.Get("Content-Length") == "" {
			values = []string{strconv.FormatInt(r.ContentLength, 10)}
		} else {
			values = r.Header.Values(http.CanonicalHeaderKey(name))
		}
		for i, v := range values {
			values[i] = strings.Join(strings.Fields(v), " ")
		}
		b.WriteString(name + ":" + strings.Join(values, ",") + "\n")
	}
	return b.String()
}

// uriEncode is SigV4's URI encoding: everything but unreserved characters.
func uriEncode(s string) string {
	const hexDigits = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-' || c == '_' || c == '.' || c == '~' {
			b.WriteByte(c)
		} else {
			b.WriteByte('%')
			b.WriteByte(hexDigits[c>>4])
			b.WriteByte(hexDigits[c&15])
		}
	}
	return b.String()
}

func sha256hex(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}
