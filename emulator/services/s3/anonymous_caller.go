package s3

import "net/http"

// anonymousRequest reports whether r carries no credentials at all: no
// Authorization header and no presigned-URL signature (SigV4 or SigV2).
// S3 serves such requests as the anonymous principal.
func anonymousRequest(r *http.Request) bool {
	if r == nil || r.Header.Get("Authorization") != "" {
		return false
	}
	q := r.URL.Query()
	for _, name := range []string{"X-Amz-Credential", "X-Amz-Signature", "AWSAccessKeyId", "Signature"} {
		if q.Has(name) {
			return false
		}
	}
	return true
}
