package s3

import (
	"net/http"
	"strings"

	"github.com/parity-harness/parity/emulator/awserr"
)

// CORS messages of S3's AccessForbidden and BadRequest answers to
// preflight requests.
const (
	corsNotAllowedMessage = "CORSResponse: This CORS request is not allowed. This is usually because the evalution of Origin, request method / Access-Control-Request-Method or Access-Control-Request-Headers are not whitelisted by the resource's CORS spec."
	corsNotEnabledMessage = "CORSResponse: CORS is not enabled for this bucket."
	corsNoBucketMessage   = "CORSResponse: Bucket not found"
	corsNoOriginMessage   = "Insufficient information. Origin request header needed."
	corsNoMethodMessage   = "Invalid Access-Control-Request-Method: null"
)

// corsVary is the Vary header of answers granted by a CORS rule.
const corsVary = "Origin, Access-Control-Request-Headers, Access-Control-Request-Method"

// EvaluateCORS answers the cross-origin side of a request to a bucket or
// one of its objects by the bucket's CORS configuration, as S3 does. It
// applies to preflights (OPTIONS) and to requests carrying an Origin
// header; applies is false for others and for requests addressing no
// bucket (ListBuckets). A request's path is in path style.
//
// For a preflight the evaluation is the whole answer (answered is true):
// either an error to write, or a 200 with the headers set on h. For any
// other request it sets on h the headers of the first rule allowing the
// origin and the method, if any, and the request goes on.
func (s *Service) EvaluateCORS(r *http.Request, h http.Header, requestID string) (applies, answered bool, err error) {
	origin := r.Header.Get("Origin")
	preflight := r.Method == http.MethodOptions
	bucket, key, _ := strings.Cut(strings.TrimPrefix(r.URL.Path, "/"), "/")
	if bucket == "" || (!preflight && origin == "") {
		return false, false, nil
	}
	if !preflight {
		if rule := s.corsRuleFor(bucket, origin, r.Method, nil); rule != nil {
			setCORSHeaders(h, rule, origin, "")
		}
		return true, false, nil
	}
	return true, true, s.answerPreflight(r, h, requestID, bucket, key)
}

// answerPreflight evaluates a preflight request: the error to answer, or
// nil with the granted headers set on h.
func (s *Service) answerPreflight(r *http.Request, h http.Header, requestID, bucket, key string) error {
	origin := r.Header.Get("Origin")
	method := r.Header.Get("Access-Control-Request-Method")
	if origin == "" {
		return awserr.New("BadRequest", 400, corsNoOriginMessage)
	}
	if method == "" {
		return awserr.New("BadRequest", 400, corsNoMethodMessage)
	}
	b, err := s.backend.Bucket(bucket)
	if err != nil {
		return corsForbidden(corsNoBucketMessage, method, "BUCKET")
	}
	stored, _ := b.Configs[configKinds["Cors"].key].(map[string]any)
	rules := corsRulesOf(stored)
	if len(rules) == 0 {
		return corsForbidden(corsNotEnabledMessage, method, "BUCKET")
	}
	requested := r.Header.Get("Access-Control-Request-Headers")
	rule := matchCORSRule(rules, origin, method, requestedHeaders(requested))
	if rule == nil {
		resource := "OBJECT"
		if key == "" {
			resource = "BUCKET"
		}
		return corsForbidden(corsNotAllowedMessage, method, resource)
	}
	setCORSHeaders(h, rule, origin, requested)
	h.Set("x-amz-request-id", requestID)
	h.Set("x-amz-id-2", websiteHostID(requestID))
	h.Set("Content-Length", "0")
	return nil
}

// corsRuleFor returns the rule of bucket's CORS configuration allowing the
// request, or nil (also when the bucket or its configuration is missing).
func (s *Service) corsRuleFor(bucket, origin, method string, headers []string) *corsRule {
	b, err := s.backend.Bucket(bucket)
	if err != nil {
		return nil
	}
	stored, _ := b.Configs[configKinds["Cors"].key].(map[string]any)
	return matchCORSRule(corsRulesOf(stored), origin, method, headers)
}

// corsForbidden is the 403 refusal of a preflight.
func corsForbidden(message, method, resourceType string) error {
	return awserr.New("AccessForbidden", 403, message).With("Method", method).With("ResourceType", resourceType)
}

// setCORSHeaders sets the headers a matching rule grants; requested is the
// preflight's Access-Control-Request-Headers ("" for other requests).
func setCORSHeaders(h http.Header, rule *corsRule, origin, requested string) {
	if rule.wildcardOrigin() {
		h.Set("Access-Control-Allow-Origin", "*")
	} else {
		h.Set("Access-Control-Allow-Origin", origin)
		h.Set("Access-Control-Allow-Credentials", "true")
	}
	h.Set("Vary", corsVary)
	h.Set("Access-Control-Allow-Methods", strings.Join(rule.AllowedMethods, ", "))
	if requested != "" {
		h.Set("Access-Control-Allow-Headers", strings.ToLower(requested))
	}
	if len(rule.ExposeHeaders) > 0 {
		h.Set("Access-Control-Expose-Headers", strings.Join(rule.ExposeHeaders, ", "))
	}
	if rule.MaxAgeSeconds != "" {
		h.Set("Access-Control-Max-Age", rule.MaxAgeSeconds)
	}
}
