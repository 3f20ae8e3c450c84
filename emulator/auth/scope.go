package auth

import (
	"net/http"
	"strings"
)

// Scope is what a request's SigV4 credential scope says.
type Scope struct {
	AccessKey string
	Date      string // yyyymmdd
	Region    string
	Service   string // signing name
	Presigned bool   // credentials in the query string
	SigV2     bool   // S3's Signature Version 2 (see ParseSigV2)
}

// ParseScope reads the credential scope of the Authorization header or of a
// presigned URL's X-Amz-Credential. ok is false when the request carries
// neither.
func ParseScope(r *http.Request) (Scope, bool) {
	if h := r.Header.Get("Authorization"); strings.HasPrefix(h, "AWS4-HMAC-SHA256") {
		for _, part := range strings.Split(strings.TrimPrefix(h, "AWS4-HMAC-SHA256"), ",") {
			part = strings.TrimSpace(part)
			if v, ok := strings.CutPrefix(part, "Credential="); ok {
				return parseCredential(v, false)
			}
		}
		return Scope{}, false
	} else if strings.HasPrefix(h, "AWS ") {
		// Signature version 2 (old S3 clients): only the access key is known.
		key, _, _ := strings.Cut(strings.TrimPrefix(h, "AWS "), ":")
		return Scope{AccessKey: key, SigV2: true}, true
	}
	q := r.URL.Query()
	if c := q.Get("X-Amz-Credential"); c != "" {
		return parseCredential(c, true)
	}
	if k := q.Get("AWSAccessKeyId"); k != "" && q.Has("Signature") {
		return Scope{AccessKey: k, Presigned: true, SigV2: true}, true
	}
	return Scope{}, false
}

func parseCredential(c string, presigned bool) (Scope, bool) {
	parts := strings.Split(c, "/")
	if len(parts) != 5 || parts[4] != "aws4_request" {
		return Scope{}, false
	}
	return Scope{AccessKey: parts[0], Date: parts[1], Region: parts[2], Service: parts[3], Presigned: presigned}, true
}
