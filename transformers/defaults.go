package transformers

import (
	"encoding/json"
	"net/url"
	"regexp"
	"strings"
)

// Defaults returns the transformers every spec runs after its own and its
// service preset, in this order: ResponseMetadata, RequestIDs, Timestamps,
// ARNResources, UUIDs, Account, Region, Partition, Endpoints.
func Defaults() []Transformer {
	return []Transformer{
		ResponseMetadata(), RequestIDs(), Timestamps(), ARNResources(), UUIDs(),
		Account(), Region(), Partition(), Endpoints(),
	}
}

// AccountPlaceholder is what Account writes for the account id, as the
// reference recordings do.
const AccountPlaceholder = "111111111111"

// ResponseMetadata trims every ResponseMetadata object to HTTPStatusCode
// and HTTPHeaders, the members the reference recordings keep (request ids,
// host ids and retry counts differ on every call).
func ResponseMetadata() Transformer {
	return Func(func(doc any, _ *Context) any {
		return visit(doc, nil, func(name string, _ Location, v any) any {
			m, ok := v.(map[string]any)
			if name != "ResponseMetadata" || !ok {
				return v
			}
			for k := range m {
				if k != "HTTPStatusCode" && k != "HTTPHeaders" {
					delete(m, k)
				}
			}
			return m
		})
	})
}

// RequestIDs makes the value of every member whose name ends in "requestid"
// (any case: RequestId, requestId, x-amz-request-id) a <request-id:N> reference.
func RequestIDs() Transformer {
	return Func(func(doc any, ctx *Context) any {
		return visit(doc, nil, func(name string, _ Location, v any) any {
			n := strings.ReplaceAll(strings.ToLower(name), "-", "")
			if !strings.HasSuffix(n, "requestid") {
				return v
			}
			return referenceScalar(ctx, "request-id", v)
		})
	})
}

var (
	// isoDateTime matches an ISO-8601 / RFC 3339 date-time, the form SDK
	// timestamps take in a document.
	isoDateTime = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$`)
	// httpDate matches an RFC 1123 date as in Last-Modified headers.
	httpDate = regexp.MustCompile(`^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} (GMT|UTC|[+-]\d{4})$`)
	// epoch matches epoch seconds or milliseconds, possibly fractional.
	epoch = regexp.MustCompile(`^\d{9,13}(\.\d+)?$`)
)

// Timestamps replaces time values: a string that is entirely an ISO-8601
// date-time or an HTTP date becomes "datetime" (what the reference
// recordings write for SDK timestamps); an epoch value (string or number of
// 9 to 13 digits) under a member whose name ends in "timestamp" (any case,
// e.g. SentTimestamp, CreatedTimestamp) becomes "timestamp".
func Timestamps() Transformer {
	return Func(func(doc any, _ *Context) any {
		if s, ok := doc.(string); ok && isTimeString(s) {
			return "datetime"
		}
		return visit(doc, nil, func(name string, _ Location, v any) any {
			var s string
			switch x := v.(type) {
			case string:
				if isTimeString(x) {
					return "datetime"
				}
				s = x
			case json.Number:
				s = x.String()
			default:
				return v
			}
			if strings.HasSuffix(strings.ToLower(name), "timestamp") && epoch.MatchString(s) {
				return "timestamp"
			}
			return v
		})
	})
}

func isTimeString(s string) bool { return isoDateTime.MatchString(s) || httpDate.MatchString(s) }

// arnPattern matches a whole ARN; group 1 is the resource part.
var arnPattern = regexp.MustCompile(`^arn:[^:\s]*:[^:\s]*:[^:\s]*:[^:\s]*:(\S+)$`)

// ARNResources makes the resource name of every string that is an ARN a
// <resource:N> reference, as the reference recordings do: the last ':' or
// '/' separated part (a queue or topic name, a role name, a subscription
// id). The name is then rewritten everywhere, e.g. inside queue URLs.
func ARNResources() Transformer {
	return Func(func(doc any, ctx *Context) any {
		return mapStrings(doc, false, func(s string) string {
			m := arnPattern.FindStringSubmatch(s)
			if m == nil {
				return s
			}
			res := m[1]
			if i := strings.LastIndexAny(res, ":/"); i >= 0 {
				res = res[i+1:]
			}
			if res == "" || res == "*" || strings.ContainsAny(res, "<>") {
				return s
			}
			ctx.Reference("resource", res)
			return s
		})
	})
}

// uuidPattern matches a UUID anywhere in a string.
const uuidPattern = `[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}`

// UUIDs makes every UUID, anywhere in any string, a <uuid:N> reference.
func UUIDs() Transformer { return RegexReference("uuid", uuidPattern) }

// Account replaces the target's account id (Context.Env.Account) by
// 111111111111 in every string and member name.
func Account() Transformer {
	return Func(func(doc any, ctx *Context) any {
		acct := ctx.Env.Account
		if acct == "" || acct == AccountPlaceholder {
			return doc
		}
		return mapStrings(doc, true, func(s string) string { return strings.ReplaceAll(s, acct, AccountPlaceholder) })
	})
}

// Region replaces the target's region (Context.Env.Region) by <region> in
// every string and member name.
func Region() Transformer {
	return Func(func(doc any, ctx *Context) any {
		region := ctx.Env.Region
		if region == "" {
			return doc
		}
		return mapStrings(doc, true, func(s string) string { return strings.ReplaceAll(s, region, "<region>") })
	})
}

// partitionPattern matches the partition of an ARN anywhere in a string.
var partitionPattern = regexp.MustCompile(`\barn:aws(-cn|-us-gov|-iso|-iso-b|-iso-e|-iso-f|-eusc)?:`)

// Partition replaces the partition of every ARN (arn:aws:, arn:aws-cn:, …),
// wherever it appears in a string, by arn:<partition>:.
func Partition() Transformer {
	return Func(func(doc any, _ *Context) any {
		return mapStrings(doc, false, func(s string) string {
			return partitionPattern.ReplaceAllString(s, "arn:<partition>:")
		})
	})
}

// EndpointPlaceholder is what Endpoints writes for the service endpoint.
const EndpointPlaceholder = "<endpoint>"

// regionalEndpoint matches the URL origin of a regional AWS or LocalStack
// service endpoint (https://sqs.us-east-1.amazonaws.com,
// http://sqs.<region>.localhost.localstack.cloud:4566). Global hosts such as
// s3.amazonaws.com or acs.amazonaws.com (XML namespaces, ACL groups) are not
// endpoints of a test target and are kept.
var regionalEndpoint = regexp.MustCompile(`https?://(?:[a-z0-9-]+\.)*(?:[a-z]{2}(?:-gov)?-[a-z]+-\d|<region>)\.(?:amazonaws\.com(?:\.cn)?|localhost\.localstack\.cloud(?::\d+)?)|https?://(?:[a-z0-9-]+\.)*localhost\.localstack\.cloud(?::\d+)?`)

// Endpoints replaces the origin (scheme://host[:port]) of the target's
// endpoint (Context.Env.Endpoint, also spelt with localhost or 127.0.0.1 for
// a loopback host) and of regional AWS and LocalStack endpoints by
// <endpoint>, in every string, so that queue URLs compare across targets.
func Endpoints() Transformer {
	return Func(func(doc any, ctx *Context) any {
		origins := endpointOrigins(ctx.Env.Endpoint)
		return mapStrings(doc, false, func(s string) string {
			if !strings.Contains(s, "://") {
				return s
			}
			for _, o := range origins {
				s = replaceOrigin(s, o)
			}
			return regionalEndpoint.ReplaceAllString(s, EndpointPlaceholder)
		})
	})
}

// endpointOrigins returns the origins (without scheme) that denote endpoint.
func endpointOrigins(endpoint string) []string {
	if endpoint == "" {
		return nil
	}
	u, err := url.Parse(endpoint)
	if err != nil || u.Host == "" {
		return nil
	}
	origins := []string{u.Host}
	host, port := u.Hostname(), u.Port()
	if host == "127.0.0.1" || host == "localhost" || host == "::1" {
		for _, h := range []string{"127.0.0.1", "localhost"} {
			if h != host {
				if port != "" {
					h += ":" + port
				}
				origins = append(origins, h)
			}
		}
	}
	return origins
}

// replaceOrigin replaces http://origin and https://origin (not followed by
// more host characters) by the endpoint placeholder.
func replaceOrigin(s, origin string) string {
	for _, scheme := range []string{"http://", "https://"} {
		full := scheme + origin
		var b strings.Builder
		rest := s
		for {
			i := strings.Index(rest, full)
			if i < 0 {
				b.WriteString(rest)
				break
			}
			end := i + len(full)
			if end < len(rest) && (isHostByte(rest[end]) || rest[end] == ':') {
				b.WriteString(rest[:end])
				rest = rest[end:]
				continue
			}
			b.WriteString(rest[:i])
			b.WriteString(EndpointPlaceholder)
			rest = rest[end:]
		}
		s = b.String()
	}
	return s
}

func isHostByte(c byte) bool {
	return c == '.' || c == '-' || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
}
