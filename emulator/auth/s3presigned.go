package auth

import (
	"net/http"
	"net/url"
	"sort"
	"strings"

	"github.com/parity-harness/parity/emulator/awserr"
)

// What S3 adds to SigV4 query-string authentication (presigned URLs): the
// credential must parse, every x-amz- header sent must be signed, and the
// x-amz- parameters of the query string stand for request headers.

// sigV4QueryParams are the authentication parameters of a SigV4 presigned
// URL; they are not request headers.
var sigV4QueryParams = map[string]bool{
	"x-amz-algorithm": true, "x-amz-credential": true, "x-amz-date": true, "x-amz-expires": true,
	"x-amz-signedheaders": true, "x-amz-signature": true, "x-amz-security-token": true,
}

// sigV4RequiredQueryParams are the parameters every SigV4 presigned URL
// carries.
var sigV4RequiredQueryParams = []string{"X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Signature", "X-Amz-Date", "X-Amz-SignedHeaders", "X-Amz-Expires"}

// CheckS3QueryAuth answers the structural errors of S3 query-string
// authentication: SigV2 parameters missing (see ParseSigV2), SigV4
// parameters missing, an algorithm other than AWS4-HMAC-SHA256 and an
// X-Amz-Credential that is not <AKID>/<date>/<region>/<service>/aws4_request.
func CheckS3QueryAuth(r *http.Request) *awserr.Error {
	if _, _, err := ParseSigV2(r); err != nil {
		return err
	}
	q := r.URL.Query()
	present := 0
	for _, p := range sigV4RequiredQueryParams {
		if q.Has(p) {
			present++
		}
	}
	if present == 0 {
		return nil
	}
	if present < len(sigV4RequiredQueryParams) {
		return awserr.New("AuthorizationQueryParametersError", 400, "Query-string authentication version 4 requires the X-Amz-Algorithm, X-Amz-Credential, X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters.")
	}
	if q.Get("X-Amz-Algorithm") != "AWS4-HMAC-SHA256" {
		return awserr.New("AuthorizationQueryParametersError", 400, `X-Amz-Algorithm only supports "AWS4-HMAC-SHA256"`)
	}
	if _, ok := parseCredential(q.Get("X-Amz-Credential"), true); !ok {
		return awserr.New("AuthorizationQueryParametersError", 400, `Error parsing the X-Amz-Credential parameter; the Credential is mal-formed; expecting "<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request".`)
	}
	return nil
}

// CheckSignedAmzHeaders refuses a SigV4 presigned request carrying x-amz-
// headers its X-Amz-SignedHeaders does not name, as S3 does. A header that
// repeats an x-amz- parameter of the query string is not refused here: it
// changes that parameter (see withHeaderDuplicates) and so the signature.
func CheckSignedAmzHeaders(r *http.Request) *awserr.Error {
	q := r.URL.Query()
	signed := map[string]bool{}
	for _, h := range strings.Split(q.Get("X-Amz-SignedHeaders"), ";") {
		signed[strings.ToLower(strings.TrimSpace(h))] = true
	}
	inQuery := map[string]bool{}
	for k := range q {
		inQuery[strings.ToLower(k)] = true
	}
	var unsigned []string
	for name := range r.Header {
		lower := strings.ToLower(name)
		if !strings.HasPrefix(lower, "x-amz-") || signed[lower] || (inQuery[lower] && !sigV4QueryParams[lower]) {
			continue
		}
		unsigned = append(unsigned, lower)
	}
	if len(unsigned) == 0 {
		return nil
	}
	sort.Strings(unsigned)
	return awserr.New("AccessDenied", 403, "There were headers present in the request which were not signed").
		With("HeadersNotSigned", strings.Join(unsigned, ", "))
}

// withHeaderDuplicates returns q where each x-amz- parameter (not an
// authentication parameter) that the request also sends as a header has the
// header's values before its own, joined by commas: S3 reads both as one
// header.
func withHeaderDuplicates(q url.Values, h http.Header) url.Values {
	var out url.Values
	for k, vs := range q {
		lower := strings.ToLower(k)
		if !strings.HasPrefix(lower, "x-amz-") || sigV4QueryParams[lower] {
			continue
		}
		hv := h.Values(k)
		if len(hv) == 0 {
			continue
		}
		if out == nil {
			out = make(url.Values, len(q))
			for k2, v2 := range q {
				out[k2] = v2
			}
		}
		out[k] = []string{strings.Join(append(append([]string(nil), hv...), vs...), ",")}
	}
	if out == nil {
		return q
	}
	return out
}

// HoistQueryHeaders makes the x-amz- parameters of a presigned URL's query
// string (not its authentication parameters) request headers, as S3 reads
// them: x-amz-meta-*, x-amz-storage-class, x-amz-copy-source, ... A header
// the request sends itself is kept.
func HoistQueryHeaders(r *http.Request) {
	for k, vs := range r.URL.Query() {
		lower := strings.ToLower(k)
		if !strings.HasPrefix(lower, "x-amz-") || sigV4QueryParams[lower] || len(vs) == 0 {
			continue
		}
		if r.Header.Get(k) == "" {
			r.Header.Set(k, vs[0])
		}
	}
}
