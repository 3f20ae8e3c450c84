package s3

import (
	"net/url"
	"strings"

	"github.com/parity-harness/parity/emulator/awserr"
	"github.com/parity-harness/parity/emulator/service"
)

func (s *Service) listHandlers(h map[string]service.Handler) {
	h["ListObjects"] = s.listObjects
	h["ListObjectsV2"] = s.listObjectsV2
	h["ListObjectVersions"] = s.listObjectVersions
}

// listItem is one row of a listing page: an object version or a common
// prefix.
type listItem struct {
	obj    *Object
	prefix string
}

func (li listItem) key() string {
	if li.obj != nil {
		return li.obj.Key
	}
	return li.prefix
}

// listPage walks versions (sorted by key, newest first) applying prefix and
// delimiter, skipping rows before the markers, and returns at most max rows
// and whether more follow. after reports whether a row lies after the
// marker.
func listPage(objs []*Object, prefix, delimiter string, after func(key string, o *Object) bool, max int) ([]listItem, bool) {
	var items []listItem
	lastPrefix := ""
	for _, o := range objs {
		if !strings.HasPrefix(o.Key, prefix) {
			continue
		}
		item := listItem{obj: o}
		if delimiter != "" {
			if i := strings.Index(o.Key[len(prefix):], delimiter); i >= 0 {
				item = listItem{prefix: o.Key[:len(prefix)+i+len(delimiter)]}
			}
		}
		if item.obj == nil {
			if item.prefix == lastPrefix {
				continue
			}
			if !after(item.prefix, nil) {
				continue
			}
			lastPrefix = item.prefix
		} else if !after(o.Key, o) {
			continue
		}
		if len(items) == max {
			return items, true
		}
		items = append(items, item)
	}
	return items, false
}

// listParams are the parameters shared by the list operations.
type listParams struct {
	prefix, delimiter, encoding string
	maxKeys                     int
}

func readListParams(ctx *service.Context, in service.Params) (listParams, error) {
	p := listParams{prefix: str(in, "Prefix"), delimiter: str(in, "Delimiter"), maxKeys: 1000}
	enc, present := query(ctx, "encoding-type")
	if !present {
		enc, present = str(in, "EncodingType"), has(in, "EncodingType")
	}
	if present && enc != "url" {
		e := awserr.New("InvalidArgument", 400, "Invalid Encoding Method specified in Request").With("ArgumentName", "encoding-type")
		if enc == "" {
			e.With("ArgumentValue", "") // an empty element: boto3 reads null
		} else {
			e.With("ArgumentValue", enc)
		}
		return p, e
	}
	p.encoding = enc
	if n, ok := integer(in, "MaxKeys"); ok {
		if n < 0 {
			return p, errInvalidArgument("Argument maxKeys must be an integer between 0 and 2147483647", "maxKeys", itoa64(n))
		}
		p.maxKeys = int(min(n, 1000))
	}
	return p, nil
}

// encode applies encoding-type=url to a key-like value.
func (p listParams) encode(v string) string {
	if p.encoding != "url" {
		return v
	}
	return strings.ReplaceAll(url.QueryEscape(v), "%2F", "/")
}

func objectEntry(p listParams, o *Object, withOwner bool) map[string]any {
	e := map[string]any{"Key": p.encode(o.Key), "LastModified": o.LastModified, "ETag": o.ETag, "Size": o.Size, "StorageClass": o.StorageClass}
	if o.Checksum != "" {
		e["ChecksumAlgorithm"] = []any{string(o.ChecksumAlgorithm)}
		e["ChecksumType"] = o.ChecksumType
	}
	if withOwner {
		e["Owner"] = ownerOutput(o.Owner)
	}
	return e
}

// latestObjects keeps the current version of each key, dropping keys whose
// current version is a delete marker.
func latestObjects(all []*Object) []*Object {
	var out []*Object
	for _, o := range all {
		if o.IsLatest && !o.DeleteMarker {
			out = append(out, o)
		}
	}
	return out
}

func (p listParams) fill(out map[string]any, name string, items []listItem, withOwner bool) {
	out["Name"] = name
	out["Prefix"] = p.encode(p.prefix)
	out["MaxKeys"] = int64(p.maxKeys)
	if p.delimiter != "" {
		out["Delimiter"] = p.encode(p.delimiter)
	}
	if p.encoding != "" {
		out["EncodingType"] = p.encoding
	}
	var contents, prefixes []any
	for _, it := range items {
		if it.obj != nil {
			contents = append(contents, objectEntry(p, it.obj, withOwner))
		} else {
			prefixes = append(prefixes, map[string]any{"Prefix": p.encode(it.prefix)})
		}
	}
	if len(contents) > 0 {
		out["Contents"] = contents
	}
	if len(prefixes) > 0 {
		out["CommonPrefixes"] = prefixes
	}
}

func (s *Service) listObjects(ctx *service.Context, in service.Params) (any, error) {
	b, err := s.bucket(in)
	if err != nil {
		return nil, err
	}
	p, err := readListParams(ctx, in)
	if err != nil {
		return nil, err
	}
	all, err := s.backend.Versions(b.Name)
	if err != nil {
		return nil, mapBackendError(err, b.Name, "", "", "")
	}
	marker := str(in, "Marker")
	items, truncated := listPage(latestObjects(all), p.prefix, p.delimiter, func(k string, _ *Object) bool { return k > marker }, p.maxKeys)
	out := map[string]any{"IsTruncated": truncated, "Marker": p.encode(marker)}
	// S3 names the owner of each object to authenticated callers only
	p.fill(out, b.Name, items, !anonymousRequest(ctx.Request))
	if truncated && p.delimiter != "" && len(items) > 0 {
		out["NextMarker"] = p.encode(items[len(items)-1].key())
	}
	return out, nil
}

func (s *Service) listObjectsV2(ctx *service.Context, in service.Params) (any, error) {
	b, err := s.bucket(in)
	if err != nil {
		return nil, err
	}
	p, err := readListParams(ctx, in)
	if err != nil {
		return nil, err
	}
	startAfter := str(in, "StartAfter")
	token, hasToken := query(ctx, "continuation-token")
	if v := str(in, "ContinuationToken"); v != "" {
		token, hasToken = v, true
	}
	marker := startAfter
	if hasToken {
		// The token carries on the listing it came from: StartAfter no
		// longer applies.
		last, ok := decodeToken(token)
		if !ok {
			return nil, errInvalidArgumentNoValue("The continuation token provided is incorrect", "continuation-token")
		}
		marker = last
	}
	all, err := s.backend.Versions(b.Name)
	if err != nil {
		return nil, mapBackendError(err, b.Name, "", "", "")
	}
	items, truncated := listPage(latestObjects(all), p.prefix, p.delimiter, func(k string, _ *Object) bool { return k > marker }, p.maxKeys)
	out := map[string]any{"IsTruncated": truncated, "KeyCount": int64(len(items))}
	p.fill(out, b.Name, items, boolean(in, "FetchOwner"))
	if startAfter != "" && !hasToken {
		out["StartAfter"] = p.encode(startAfter)
	}
	if hasToken {
		out["ContinuationToken"] = token
	}
	if truncated && len(items) > 0 {
		out["NextContinuationToken"] = encodeToken(items[len(items)-1].key())
	}
	return out, nil
}

func (s *Service) listObjectVersions(ctx *service.Context, in service.Params) (any, error) {
	b, err := s.bucket(in)
	if err != nil {
		return nil, err
	}
	p, err := readListParams(ctx, in)
	if err != nil {
		return nil, err
	}
	keyMarker, versionMarker := str(in, "KeyMarker"), str(in, "VersionIdMarker")
	if versionMarker != "" && keyMarker == "" {
		return nil, errInvalidArgument("A version-id marker cannot be specified without a key marker.", "version-id-marker", versionMarker)
	}
	if versionMarker != "" && !validVersionID(versionMarker) {
		return nil, errInvalidArgument("Invalid version id marker", "version-id-marker", versionMarker)
	}
	all, err := s.backend.Versions(b.Name)
	if err != nil {
		return nil, mapBackendError(err, b.Name, "", "", "")
	}
	passedVersion := versionMarker == ""
	after := func(k string, o *Object) bool {
		if keyMarker == "" {
			return true
		}
		if o == nil || versionMarker == "" || k != keyMarker {
			return k > keyMarker
		}
		if passedVersion {
			return true
		}
		if o.VersionID == versionMarker {
			passedVersion = true
			return false
		}
		// a marker naming a version deleted since resumes where it stood
		if older, ok := olderThanMarker(o, versionMarker); ok && older {
			passedVersion = true
			return true
		}
		return false
	}
	items, truncated := listPage(all, p.prefix, p.delimiter, after, p.maxKeys)
	out := map[string]any{"IsTruncated": truncated, "KeyMarker": p.encode(keyMarker), "VersionIdMarker": versionMarker}
	var versions, markers, prefixes []any
	for _, it := range items {
		switch {
		case it.obj == nil:
			prefixes = append(prefixes, map[string]any{"Prefix": p.encode(it.prefix)})
		case it.obj.DeleteMarker:
			markers = append(markers, map[string]any{"Key": p.encode(it.obj.Key), "VersionId": it.obj.VersionID, "IsLatest": it.obj.IsLatest,
				"LastModified": it.obj.LastModified, "Owner": ownerOutput(it.obj.Owner)})
		default:
			e := objectEntry(p, it.obj, true)
			e["VersionId"], e["IsLatest"] = it.obj.VersionID, it.obj.IsLatest
			versions = append(versions, e)
		}
	}
	p.fill(out, b.Name, nil, false)
	if len(versions) > 0 {
		out["Versions"] = versions
	}
	if len(markers) > 0 {
		out["DeleteMarkers"] = markers
	}
	if len(prefixes) > 0 {
		out["CommonPrefixes"] = prefixes
	}
	if truncated && len(items) > 0 {
		last := items[len(items)-1]
		out["NextKeyMarker"] = p.encode(last.key())
		if last.obj != nil {
			out["NextVersionIdMarker"] = last.obj.VersionID
		}
	}
	return out, nil
}
