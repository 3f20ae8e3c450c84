package protocol

import (
	"net/url"
	"strings"
)

// uriTemplate is an operation's compiled requestUri: path segments with
// labels ({Bucket}, greedy {Key+}) and literal query parts (?versioning,
// ?list-type=2).
type uriTemplate struct {
	segments []uriSegment
	query    []queryLiteral
}

type uriSegment struct {
	literal string // the whole segment when label is empty
	label   string
	greedy  bool
	prefix  string // literal text around a label inside the segment
	suffix  string
}

type queryLiteral struct {
	key, value string
	hasValue   bool
}

func parseURITemplate(uri string) uriTemplate {
	var t uriTemplate
	path, rawQuery, _ := strings.Cut(uri, "?")
	for part := range strings.SplitSeq(strings.TrimPrefix(path, "/"), "/") {
		seg := uriSegment{literal: part}
		if open := strings.IndexByte(part, '{'); open >= 0 {
			if end := strings.IndexByte(part[open:], '}'); end > 0 {
				label := part[open+1 : open+end]
				seg = uriSegment{prefix: part[:open], suffix: part[open+end+1:], label: strings.TrimSuffix(label, "+"), greedy: strings.HasSuffix(label, "+")}
			}
		}
		t.segments = append(t.segments, seg)
	}
	if rawQuery != "" {
		for part := range strings.SplitSeq(rawQuery, "&") {
			if part == "" {
				continue
			}
			k, v, has := strings.Cut(part, "=")
			t.query = append(t.query, queryLiteral{key: k, value: v, hasValue: has})
		}
	}
	return t
}

// match matches an escaped request path and its query against the template
// and returns the unescaped label values.
func (t uriTemplate) match(escapedPath string, query url.Values) (map[string]string, bool) {
	return t.matchParts(splitPath(escapedPath), query)
}

// splitPath splits an escaped path into its segments.
func splitPath(escapedPath string) []string {
	return strings.Split(strings.TrimPrefix(escapedPath, "/"), "/")
}

func (t uriTemplate) matchParts(parts []string, query url.Values) (map[string]string, bool) {
	for _, q := range t.query {
		vals, ok := query[q.key]
		if !ok {
			return nil, false
		}
		if q.hasValue && (len(vals) == 0 || vals[0] != q.value) {
			return nil, false
		}
	}
	labels, ok := t.matchSegments(parts)
	if !ok && len(parts) > 1 && parts[len(parts)-1] == "" {
		labels, ok = t.matchSegments(parts[:len(parts)-1])
	}
	return labels, ok
}

func (t uriTemplate) matchSegments(parts []string) (map[string]string, bool) {
	var labels map[string]string
	for i, seg := range t.segments {
		if seg.label == "" {
			if i >= len(parts) || parts[i] != seg.literal {
				return nil, false
			}
			continue
		}
		if i >= len(parts) {
			return nil, false
		}
		raw := parts[i]
		if seg.greedy {
			if i != len(t.segments)-1 {
				return nil, false
			}
			raw = strings.Join(parts[i:], "/")
		}
		if !strings.HasPrefix(raw, seg.prefix) || !strings.HasSuffix(raw, seg.suffix) || len(raw) <= len(seg.prefix)+len(seg.suffix) {
			return nil, false
		}
		raw = raw[len(seg.prefix) : len(raw)-len(seg.suffix)]
		val, err := url.PathUnescape(raw)
		if err != nil {
			return nil, false
		}
		if labels == nil {
			labels = map[string]string{}
		}
		labels[seg.label] = val
		if seg.greedy {
			return labels, true
		}
	}
	if len(parts) != len(t.segments) {
		return nil, false
	}
	return labels, true
}
