package auth

import (
	"crypto/hmac"
	"crypto/sha1"
	"encoding/base64"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/parity-harness/parity/emulator/awserr"
)

// S3's Signature Version 2 ("s3" in the SDKs): an HMAC-SHA1 over a string
// naming the verb, Content-MD5, Content-Type, the date (or, in a presigned
// URL, the Expires epoch), the x-amz- headers and the resource with its
// sub-resources. It comes in the Authorization header ("AWS AKID:signature")
// or in the query string (AWSAccessKeyId, Signature, Expires).

// SigV2 is the SigV2 authentication a request carries.
type SigV2 struct {
	AccessKey string
	Signature string // base64, as provided
	// Expires is the presigned URL's Expires parameter (epoch seconds), ""
	// for header authentication.
	Expires   string
	Presigned bool
}

// sigV2QueryParams are the query parameters of SigV2 query authentication.
var sigV2QueryParams = []string{"AWSAccessKeyId", "Signature", "Expires"}

// errQueryAuthIncomplete is S3's answer to query authentication missing one
// of its three parameters.
func errQueryAuthIncomplete() *awserr.Error {
	return awserr.New("AccessDenied", 403, "Query-string authentication requires the Signature, Expires and AWSAccessKeyId parameters")
}

// ParseSigV2 reads the SigV2 authentication of r: ok is false when r carries
// none. A query string with some but not all of AWSAccessKeyId, Signature
// and Expires is an error, as is an Authorization header "AWS" without the
// "AKID:signature" form.
func ParseSigV2(r *http.Request) (SigV2, bool, *awserr.Error) {
	if h := r.Header.Get("Authorization"); h != "" {
		rest, ok := strings.CutPrefix(h, "AWS ")
		if !ok {
			return SigV2{}, false, nil
		}
		key, sig, found := strings.Cut(rest, ":")
		if !found || key == "" || sig == "" {
			return SigV2{}, false, awserr.New("InvalidArgument", 400, "AWS authorization header is invalid.  Expected AwsAccessKeyId:signature").
				With("ArgumentName", "Authorization").With("ArgumentValue", h)
		}
		return SigV2{AccessKey: key, Signature: sig}, true, nil
	}
	q := r.URL.Query()
	present := 0
	for _, p := range sigV2QueryParams {
		if q.Has(p) {
			present++
		}
	}
	if present == 0 || q.Has("X-Amz-Credential") {
		return SigV2{}, false, nil
	}
	v := SigV2{AccessKey: q.Get("AWSAccessKeyId"), Signature: q.Get("Signature"), Expires: q.Get("Expires"), Presigned: true}
	if present < len(sigV2QueryParams) || v.AccessKey == "" || v.Signature == "" || v.Expires == "" {
		return SigV2{}, false, errQueryAuthIncomplete()
	}
	return v, true, nil
}

// CheckExpiryV2 rejects a SigV2 presigned URL whose Expires has passed.
func CheckExpiryV2(v SigV2, now time.Time) *awserr.Error {
	if !v.Presigned {
		return nil
	}
	secs, err := strconv.ParseInt(v.Expires, 10, 64)
	if err != nil {
		return awserr.New("AccessDenied", 403, "Invalid date (should be seconds since epoch): "+v.Expires)
	}
	expires := time.Unix(secs, 0).UTC()
	if now.After(expires) {
		return awserr.New("AccessDenied", 403, "Request has expired").
			With("Expires", expires.Format(time.RFC3339)).
			With("ServerTime", now.UTC().Format(time.RFC3339))
	}
	return nil
}

// VerifyV2 checks r's SigV2 signature with secret. r's path must be path
// style (/bucket/key), as the canonical resource names the bucket whatever
// the addressing.
func VerifyV2(r *http.Request, v SigV2, secret string) *awserr.Error {
	toSign := StringToSignV2(r, v)
	m := hmac.New(sha1.New, []byte(secret))
	m.Write([]byte(toSign))
	want := base64.StdEncoding.EncodeToString(m.Sum(nil))
	if hmac.Equal([]byte(want), []byte(v.Signature)) {
		return nil
	}
	return errSignatureDoesNotMatch().
		With("AWSAccessKeyId", v.AccessKey).
		With("StringToSign", toSign).
		With("SignatureProvided", v.Signature).
		With("StringToSignBytes", spacedHex(toSign))
}

// errSignatureDoesNotMatch is S3's SignatureDoesNotMatch.
func errSignatureDoesNotMatch() *awserr.Error {
	return awserr.New("SignatureDoesNotMatch", 403, "The request signature we calculated does not match the signature you provided. Check your key and signing method.")
}

// StringToSignV2 is the SigV2 string to sign of r.
func StringToSignV2(r *http.Request, v SigV2) string {
	date := v.Expires
	if !v.Presigned {
		date = r.Header.Get("Date")
		if r.Header.Get("X-Amz-Date") != "" {
			date = ""
		}
	}
	var b strings.Builder
	b.WriteString(r.Method + "\n")
	b.WriteString(r.Header.Get("Content-MD5") + "\n")
	b.WriteString(r.Header.Get("Content-Type") + "\n")
	b.WriteString(date + "\n")
	amz := r.Header
	if v.Presigned {
		amz = withQueryAmzHeaders(r.Header, r.URL.Query())
	}
	b.WriteString(canonicalAmzHeadersV2(amz))
	b.WriteString(canonicalResourceV2(r.URL))
	return b.String()
}

// withQueryAmzHeaders returns h with the x-amz- parameters of query q
// added as header values after the header's own: S3 reads a presigned
// URL's x-amz- parameters as headers (see HoistQueryHeaders).
func withQueryAmzHeaders(h http.Header, q url.Values) http.Header {
	var out http.Header
	for k, vs := range q {
		lower := strings.ToLower(k)
		if !strings.HasPrefix(lower, "x-amz-") || sigV4QueryParams[lower] {
			continue
		}
		if out == nil {
			out = h.Clone()
			if out == nil {
				out = http.Header{}
			}
		}
		for _, v := range vs {
			out.Add(k, v)
		}
	}
	if out == nil {
		return h
	}
	return out
}

// canonicalAmzHeadersV2 lists the x-amz- headers: lower-case names in
// order, values trimmed and joined by commas, each line "name:value\n".
func canonicalAmzHeadersV2(h http.Header) string {
	values := map[string][]string{}
	for name, vs := range h {
		lower := strings.ToLower(name)
		if !strings.HasPrefix(lower, "x-amz-") {
			continue
		}
		for _, v := range vs {
			values[lower] = append(values[lower], strings.TrimSpace(v))
		}
	}
	names := make([]string, 0, len(values))
	for n := range values {
		names = append(names, n)
	}
	sort.Strings(names)
	var b strings.Builder
	for _, n := range names {
		b.WriteString(n + ":" + strings.Join(values[n], ",") + "\n")
	}
	return b.String()
}

// subResourcesV2 are the query parameters the canonical resource includes,
// as the SDKs sign them: sub-resources and response header overrides.
var subResourcesV2 = map[string]bool{
	"accelerate": true, "acl": true, "analytics": true, "cors": true, "defaultObjectAcl": true,
	"delete": true, "inventory": true, "lifecycle": true, "location": true, "logging": true,
	"metrics": true, "notification": true, "object-lock": true, "partNumber": true, "policy": true,
	"replication": true, "requestPayment": true, "restore": true, "select": true, "select-type": true,
	"storageClass": true, "tagging": true, "torrent": true, "uploadId": true, "uploads": true,
	"versionId": true, "versioning": true, "versions": true, "website": true,
	"response-cache-control": true, "response-content-disposition": true, "response-content-encoding": true,
	"response-content-language": true, "response-content-type": true, "response-expires": true,
}

// canonicalResourceV2 is the path as sent (URI-encoded) followed by the
// sub-resources in name order, with their decoded values.
func canonicalResourceV2(u *url.URL) string {
	path := u.EscapedPath()
	if path == "" {
		path = "/"
	}
	q := u.Query()
	var names []string
	for name := range q {
		if subResourcesV2[name] {
			names = append(names, name)
		}
	}
	if len(names) == 0 {
		return path
	}
	sort.Strings(names)
	parts := make([]string, 0, len(names))
	for _, n := range names {
		v := q.Get(n)
		if v == "" {
			parts = append(parts, n)
		} else {
			parts = append(parts, n+"="+v)
		}
	}
	return path + "?" + strings.Join(parts, "&")
}

// spacedHex writes s's bytes as S3 does in StringToSignBytes and
// CanonicalRequestBytes: two lower-case hex digits each, space separated.
func spacedHex(s string) string {
	const digits = "0123456789abcdef"
	b := make([]byte, 0, len(s)*3)
	for i := 0; i < len(s); i++ {
		if i > 0 {
			b = append(b, ' ')
		}
		b = append(b, digits[s[i]>>4], digits[s[i]&15])
	}
	return string(b)
}
