package gateway

import (
	"net"
	"net/http"
	"strings"
)

// WebsiteServer is implemented by a service that serves the website
// endpoint of its buckets (S3: <bucket>.s3-website-<region>.amazonaws.com
// and <bucket>.s3-website.<region>.amazonaws.com). Website requests are
// plain anonymous HTTP, not API operations: the service answers them itself.
type WebsiteServer interface {
	ServeWebsite(w http.ResponseWriter, r *http.Request, bucket, requestID string)
}

// websiteOperation names website requests in the call log.
const websiteOperation = "WebsiteEndpoint"

// serveWebsite hands a request addressed to a bucket's website endpoint to
// the S3 service; it reports whether it did.
func (g *Gateway) serveWebsite(c *call) bool {
	host := hostOnly(c.r.Host)
	bucket := websiteBucket(host)
	if bucket == "" {
		return false
	}
	e := g.bySigning["s3"]
	if e == nil {
		return false
	}
	ws, ok := e.svc.(WebsiteServer)
	if !ok {
		return false
	}
	region := regionFromHost(strings.Replace(host, ".s3-website-", ".s3-website.", 1))
	c.rt = route{svc: e, region: region, bucket: bucket, website: true}
	ws.ServeWebsite(c.w, c.r, bucket, c.id)
	return true
}

// websiteBucket returns the bucket of a website endpoint host:
// <bucket>.s3-website-<region>.<domain> or <bucket>.s3-website.<region>.<domain>.
// Bucket names may hold dots, so the last ".s3-website" marks the end.
func websiteBucket(host string) string {
	if net.ParseIP(host) != nil {
		return ""
	}
	i := strings.LastIndex(host, ".s3-website")
	if i <= 0 {
		return ""
	}
	rest := host[i+len(".s3-website"):]
	if !strings.HasPrefix(rest, "-") && !strings.HasPrefix(rest, ".") {
		return ""
	}
	return host[:i]
}
