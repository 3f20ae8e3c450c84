package gateway

import (
	"net"
	"net/http"
	"net/url"
	"strings"

	"github.com/parity-harness/parity/emulator/auth"
	"github.com/parity-harness/parity/emulator/service"
)

// route is where a request goes.
type route struct {
	svc    *entry
	region string
	scope  auth.Scope
	signed bool
	// bucket is set for a virtual-host S3 request; the path has been
	// rewritten to path style.
	bucket string
	// website is set for a request to a bucket's website endpoint.
	website bool
}

// resolve finds the service of a request, in order of confidence: the
// X-Amz-Target prefix, the SigV4 signing name, the host name, the query
// protocol's Action, and finally S3, which owns plain paths.
func (g *Gateway) resolve(r *http.Request) (route, bool) {
	var rt route
	rt.scope, rt.signed = auth.ParseScope(r)
	rt.region = rt.scope.Region

	host := hostOnly(r.Host)
	if rt.region == "" {
		rt.region = regionFromHost(host)
	}
	if rt.region == "" {
		rt.region = service.DefaultRegion
	}

	if target := r.Header.Get("X-Amz-Target"); target != "" {
		prefix, _, _ := strings.Cut(target, ".")
		if e, ok := g.byTarget[prefix]; ok {
			rt.svc = e
			return rt, true
		}
	}
	if rt.scope.Service != "" {
		if e, ok := g.bySigning[rt.scope.Service]; ok {
			rt.svc = e
		}
	}
	if rt.svc == nil {
		first, _, _ := strings.Cut(host, ".")
		if e, ok := g.bySigning[first]; ok && strings.Contains(host, ".") {
			rt.svc = e
		}
	}
	if rt.svc == nil {
		if action := formAction(r); action != "" {
			if e, ok := g.byAction[action]; ok {
				rt.svc = e
			}
		}
	}
	if rt.svc == nil {
		rt.svc = g.bySigning["s3"]
	}
	if rt.svc == nil {
		return rt, false
	}
	if rt.svc.name == "s3" {
		if b := virtualHostBucket(host); b != "" {
			rt.bucket = b
			r.URL.Path = "/" + b + r.URL.Path
			if r.URL.RawPath != "" {
				r.URL.RawPath = "/" + url.PathEscape(b) + r.URL.RawPath
			}
		}
	}
	return rt, true
}

// formAction peeks at the query protocol's Action without consuming the
// body for anything but form posts (which the query codec parses anyway).
func formAction(r *http.Request) string {
	if a := r.URL.Query().Get("Action"); a != "" {
		return a
	}
	if r.Method == http.MethodPost && strings.HasPrefix(r.Header.Get("Content-Type"), "application/x-www-form-urlencoded") {
		if err := r.ParseForm(); err == nil {
			return r.PostForm.Get("Action")
		}
	}
	return ""
}

func hostOnly(hostport string) string {
	if h, _, err := net.SplitHostPort(hostport); err == nil {
		return strings.ToLower(h)
	}
	return strings.ToLower(hostport)
}

// regionFromHost reads <service>.<region>.amazonaws.com-style hosts.
func regionFromHost(host string) string {
	parts := strings.Split(host, ".")
	for i, p := range parts {
		if i > 0 && looksLikeRegion(p) {
			return p
		}
	}
	return ""
}

func looksLikeRegion(s string) bool {
	parts := strings.Split(s, "-")
	if len(parts) < 3 {
		return false
	}
	last := parts[len(parts)-1]
	return len(parts[0]) == 2 && last != "" && strings.Trim(last, "0123456789") == ""
}

// virtualHostBucket returns the bucket of <bucket>.s3.<rest> and
// <bucket>.s3-<region>.<rest> hosts, and of <bucket>.localhost.
func virtualHostBucket(host string) string {
	if net.ParseIP(host) != nil {
		return ""
	}
	if i := strings.Index(host, ".s3."); i > 0 {
		return host[:i]
	}
	if i := strings.Index(host, ".s3-"); i > 0 {
		return host[:i]
	}
	if b, ok := strings.CutSuffix(host, ".localhost"); ok && b != "" && !strings.Contains(b, ".s3") && b != "s3" {
		return b
	}
	return ""
}
