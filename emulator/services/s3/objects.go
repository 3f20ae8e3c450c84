package s3

import (
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/parity-harness/parity/emulator/awserr"
	"github.com/parity-harness/parity/emulator/service"
)

var storageClasses = map[string]bool{"STANDARD": true, "REDUCED_REDUNDANCY": true, "STANDARD_IA": true, "ONEZONE_IA": true,
	"INTELLIGENT_TIERING": true, "GLACIER": true, "DEEP_ARCHIVE": true, "OUTPOSTS": true, "GLACIER_IR": true, "SNOW": true, "EXPRESS_ONEZONE": true}

// archived reports storage classes whose objects must be restored before a GET.
func archived(class string) bool { return class == "GLACIER" || class == "DEEP_ARCHIVE" }

func (s *Service) objectHandlers(h map[string]service.Handler) {
	h["PutObject"] = s.putObject
	h["GetObject"] = s.getObject
	h["HeadObject"] = s.headObject
	h["DeleteObject"] = s.deleteObject
	h["DeleteObjects"] = s.deleteObjects
	h["CopyObject"] = s.copyObject
	h["GetObjectAttributes"] = s.getObjectAttributes
	h["RestoreObject"] = s.restoreObject
}

// parseTaggingHeader parses x-amz-tagging (URL query form).
func parseTaggingHeader(v string) ([]Tag, error) {
	if v == "" {
		return nil, nil
	}
	bad := errInvalidArgument("The header 'x-amz-tagging' shall be encoded as UTF-8 then URLEncoded URL query parameters without tag name duplicates.", "x-amz-tagging", v)
	var tags []Tag
	seen := map[string]bool{}
	for _, pair := range strings.Split(v, "&") {
		if pair == "" {
			continue
		}
		k, val, _ := strings.Cut(pair, "=")
		key, err1 := url.QueryUnescape(k)
		value, err2 := url.QueryUnescape(val)
		if err1 != nil || err2 != nil || seen[key] || !validTagText(key) || !validTagText(value) {
			return nil, bad
		}
		seen[key] = true
		tags = append(tags, Tag{key, value})
	}
	return tags, nil
}

// objectTemplate reads the metadata members shared by PutObject,
// CreateMultipartUpload and CopyObject (REPLACE) into an object.
func (s *Service) objectTemplate(ctx *service.Context, in service.Params, b *Bucket) (*Object, error) {
	owner := ownerOf(ctx.Account)
	o := &Object{
		Key:                     str(in, "Key"),
		Owner:                   owner,
		ContentType:             str(in, "ContentType"),
		ContentEncoding:         stripAWSChunked(str(in, "ContentEncoding")),
		ContentDisposition:      str(in, "ContentDisposition"),
		ContentLanguage:         str(in, "ContentLanguage"),
		CacheControl:            str(in, "CacheControl"),
		WebsiteRedirectLocation: str(in, "WebsiteRedirectLocation"),
		StorageClass:            str(in, "StorageClass"),
		Metadata:                map[string]string{},
	}
	if v := header(ctx, "Expires"); v != "" {
		o.Expires = v
	} else if t := timestamp(in, "Expires"); t != nil {
		o.Expires = t.UTC().Format(http.TimeFormat)
	}
	if o.ContentType == "" {
		o.ContentType = "binary/octet-stream"
	}
	for k, v := range stringMap(in, "Metadata") {
		o.Metadata[strings.ToLower(k)] = v
	}
	if o.StorageClass == "" {
		o.StorageClass = "STANDARD"
	} else if !storageClasses[o.StorageClass] {
		return nil, awserr.New("InvalidStorageClass", 400, "The storage class you specified is not valid").With("StorageClassRequested", o.StorageClass)
	}
	tags, err := parseTaggingHeader(str(in, "Tagging"))
	if err != nil {
		return nil, err
	}
	o.Tags = tags
	acl, _, err := aclFromRequest(in, objectCannedACLs, owner, ownerOf(b.Account))
	if err != nil {
		return nil, err
	}
	o.ACL = acl
	if err := s.applyEncryption(ctx, in, b, o); err != nil {
		return nil, err
	}
	if err := applyObjectLock(in, b, o, s.now()); err != nil {
		return nil, err
	}
	return o, nil
}

// applyEncryption sets the server-side encryption of a new object: what the
// request asks for, else the bucket default (SSE-S3).
func (s *Service) applyEncryption(ctx *service.Context, in service.Params, b *Bucket, o *Object) error {
	sse := str(in, "ServerSideEncryption")
	if key, given, err := parseCustomerKey(in, ""); given {
		if sse != "" {
			return errInvalidArgument("Server Side Encryption with Customer provided key is incompatible with the encryption method specified", "x-amz-server-side-encryption", sse)
		}
		if err != nil {
			return err
		}
		o.SSECustomerAlgorithm, o.SSECustomerKeyMD5 = key.algorithm, key.keyMD5
		return nil
	}
	switch sse {
	case "":
		enc := configOf(b, configKinds["Encryption"])
		rule, _ := list(enc, "Rules")[0].(map[string]any)
		def := object(rule, "ApplyServerSideEncryptionByDefault")
		o.ServerSideEncryption = str(def, "SSEAlgorithm")
		o.SSEKMSKeyID = str(def, "KMSMasterKeyID")
		o.BucketKeyEnabled = boolean(rule, "BucketKeyEnabled")
	case "AES256":
		o.ServerSideEncryption = sse
	case "aws:kms", "aws:kms:dsse":
		o.ServerSideEncryption = sse
		o.SSEKMSKeyID = str(in, "SSEKMSKeyId")
		o.BucketKeyEnabled = boolean(in, "BucketKeyEnabled")
	default:
		return awserr.New("InvalidArgument", 400, "Server Side Encryption with the specified algorithm is not supported").With("ArgumentName", "x-amz-server-side-encryption").With("ArgumentValue", sse)
	}
	if strings.HasPrefix(o.ServerSideEncryption, "aws:kms") {
		arn, err := usableKMSKey(ctx, b, o.SSEKMSKeyID)
		if err != nil {
			return err
		}
		o.SSEKMSKeyID = arn
	}
	return nil
}

// checkSSECustomer verifies the SSE-C key of a read against the object.
func checkSSECustomer(in service.Params, o *Object) error { return checkCustomerKey(in, "", o) }

// writeConditions checks If-Match / If-None-Match of a write against the
// current version of the key, under the backend's lock.
func writeConditions(ctx *service.Context, in service.Params) (func(*Object) error, error) {
	ifMatch := strOr(ctx, in, "IfMatch", "If-Match")
	ifNoneMatch := strOr(ctx, in, "IfNoneMatch", "If-None-Match")
	key := str(in, "Key")
	if ifMatch != "" && ifNoneMatch != "" {
		return nil, awserr.New("NotImplemented", 501, "A header you provided implies functionality that is not implemented").
			With("Header", "If-Match,If-None-Match").With("additionalMessage", "Multiple conditional request headers present in the request")
	}
	if ifMatch == "*" {
		return nil, awserr.New("NotImplemented", 501, "A header you provided implies functionality that is not implemented").
			With("Header", "If-Match").With("additionalMessage", "We don't accept the provided value of If-Match header for this API")
	}
	if ifMatch == "" && ifNoneMatch == "" {
		return nil, nil
	}
	return func(cur *Object) error {
		exists := cur != nil && !cur.DeleteMarker
		if ifMatch != "" {
			if !exists {
				return errNoSuchKey(key)
			}
			if !etagListMatches(ifMatch, cur.ETag) {
				return preconditionFailed("If-Match")
			}
		}
		if ifNoneMatch != "" && exists {
			if ifNoneMatch != "*" {
				return preconditionFailed("If-Match")
			}
			return preconditionFailed("If-None-Match")
		}
		return nil
	}, nil
}

func (s *Service) putObject(ctx *service.Context, in service.Params) (any, error) {
	b, err := s.bucket(in)
	if err != nil {
		return nil, err
	}
	tmpl, err := s.objectTemplate(ctx, in, b)
	if err != nil {
		return nil, err
	}
	check, err := writeConditions(ctx, in)
	if err != nil {
		return nil, err
	}
	body, err := s.storeBody(ctx, in, true, "")
	if err != nil {
		return nil, err
	}
	tmpl.Body, tmpl.Size = body.blob, body.blob.Size()
	tmpl.ETag = `"` + hexString(body.md5) + `"`
	tmpl.ChecksumAlgorithm, tmpl.Checksum, tmpl.ChecksumType = body.alg, body.checksum, ChecksumFullObject
	tmpl.LastModified = s.now()
	stored, err := s.backend.PutObject(b.Name, tmpl, check)
	if err != nil {
		body.blob.Release()
		return nil, mapBackendError(err, b.Name, tmpl.Key, "", "")
	}
	out := map[string]any{"ETag": stored.ETag}
	emitChecksum(ctx, out, stored)
	emitEncryption(out, stored)
	if b.Versioning == "Enabled" { // a suspended bucket's put replaces the null version unnamed
		out["VersionId"] = stored.VersionID
	}
	emit(ctx, out, "Expiration", "x-amz-expiration", expirationHeader(b, stored))
	s.notify(ctx, b, createdEvent(ctx), stored)
	return out, nil
}

// emit sets an output member, or the response header when the pinned model
// lacks the member.
func emit(ctx *service.Context, out map[string]any, member, hdr, value string) {
	if value == "" {
		return
	}
	if ctx != nil && ctx.Operation != nil && ctx.Operation.Output != nil && ctx.Operation.Output.Shape != nil {
		if _, ok := ctx.Operation.Output.Shape.Members[member]; !ok {
			setHeader(ctx, hdr, value)
			return
		}
	}
	out[member] = value
}

// emitInt is emit for an integer member.
func emitInt(ctx *service.Context, out map[string]any, member, hdr string, value int64) {
	if ctx != nil && ctx.Operation != nil && ctx.Operation.Output != nil && ctx.Operation.Output.Shape != nil {
		if _, ok := ctx.Operation.Output.Shape.Members[member]; !ok {
			setHeader(ctx, hdr, strconv.FormatInt(value, 10))
			return
		}
	}
	out[member] = value
}

func emitChecksum(ctx *service.Context, out map[string]any, o *Object) {
	if o.Checksum == "" {
		return
	}
	emit(ctx, out, o.ChecksumAlgorithm.Member(), o.ChecksumAlgorithm.Header(), o.Checksum)
	emit(ctx, out, "ChecksumType", "x-amz-checksum-type", o.ChecksumType)
}

func emitEncryption(out map[string]any, o *Object) {
	if o.ServerSideEncryption != "" {
		out["ServerSideEncryption"] = o.ServerSideEncryption
	}
	if o.SSEKMSKeyID != "" {
		out["SSEKMSKeyId"] = o.SSEKMSKeyID
	}
	if o.BucketKeyEnabled {
		out["BucketKeyEnabled"] = true
	}
	if o.SSECustomerAlgorithm != "" {
		out["SSECustomerAlgorithm"] = o.SSECustomerAlgorithm
		out["SSECustomerKeyMD5"] = o.SSECustomerKeyMD5
	}
}

// readObject resolves the version a GET/HEAD addresses, with S3's delete
// marker answers.
func (s *Service) readObject(ctx *service.Context, in service.Params, b *Bucket, method string) (*Object, error) {
	key, version := str(in, "Key"), str(in, "VersionId")
	// a bucket never versioned has only null versions: other ids are invalid
	if version != "" && (!validVersionID(version) || b.Versioning == "" && version != "null") {
		return nil, errInvalidArgument("Invalid version id specified", "versionId", version)
	}
	o, err := s.backend.Object(b.Name, key, version)
	if err != nil {
		return nil, mapBackendError(err, b.Name, key, version, "")
	}
	if o.DeleteMarker {
		hdrs := map[string]string{"x-amz-delete-marker": "true", "Last-Modified": o.LastModified.Format(http.TimeFormat)}
		if b.Versioning != "" {
			hdrs["x-amz-version-id"] = o.VersionID
		}
		if version != "" {
			e := awserr.New("MethodNotAllowed", 405, "The specified method is not allowed against this resource.").With("Method", method).With("ResourceType", "DeleteMarker")
			e.Headers = hdrs
			return nil, e
		}
		e := errNoSuchKey(key).(*awserr.Error)
		e.Headers = hdrs
		return nil, e
	}
	return o, nil
}

// objectHeaders renders the metadata of a version as GetObject/HeadObject
// output members.
func objectHeaders(ctx *service.Context, in service.Params, b *Bucket, o *Object) map[string]any {
	out := map[string]any{
		"AcceptRanges":  "bytes",
		"LastModified":  o.LastModified,
		"ContentLength": o.Size,
		"ETag":          o.ETag,
		"ContentType":   o.ContentType,
		"Metadata":      stringAnyMap(o.Metadata),
	}
	for member, v := range map[string]string{"ContentEncoding": o.ContentEncoding, "ContentDisposition": o.ContentDisposition,
		"ContentLanguage": o.ContentLanguage, "CacheControl": o.CacheControl, "WebsiteRedirectLocation": o.WebsiteRedirectLocation} {
		if v != "" {
			out[member] = v
		}
	}
	if o.Expires != "" {
		setHeader(ctx, "Expires", o.Expires)
	}
	if o.StorageClass != "" && o.StorageClass != "STANDARD" {
		out["StorageClass"] = o.StorageClass
	}
	if b.Versioning != "" {
		out["VersionId"] = o.VersionID
	}
	emitEncryption(out, o)
	if len(o.Tags) > 0 {
		emitInt(ctx, out, "TagCount", "x-amz-tagging-count", int64(len(o.Tags)))
	}
	if !has(in, "VersionId") {
		emit(ctx, out, "Expiration", "x-amz-expiration", expirationHeader(b, o))
	}
	if len(o.Parts) > 0 && has(in, "PartNumber") {
		out["PartsCount"] = int64(len(o.Parts))
	}
	if o.LockMode != "" {
		out["ObjectLockMode"] = o.LockMode
	}
	if o.LockRetainUntil != nil {
		out["ObjectLockRetainUntilDate"] = *o.LockRetainUntil
	}
	if o.LegalHold != "" {
		out["ObjectLockLegalHoldStatus"] = o.LegalHold
	}
	if o.Restore != "" {
		out["Restore"] = o.Restore
	}
	for member, override := range map[string]string{"ResponseCacheControl": "CacheControl", "ResponseContentDisposition": "ContentDisposition",
		"ResponseContentEncoding": "ContentEncoding", "ResponseContentLanguage": "ContentLanguage", "ResponseContentType": "ContentType"} {
		if v := str(in, member); v != "" {
			out[override] = v
		}
	}
	if v, ok := query(ctx, "response-expires"); ok && v != "" {
		setHeader(ctx, "Expires", v)
	}
	return out
}

func stringAnyMap(m map[string]string) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

// serveObject implements GetObject and HeadObject.
func (s *Service) serveObject(ctx *service.Context, in service.Params, withBody bool) (any, error) {
	method := "GET"
	if !withBody {
		method = "HEAD"
	}
	if err := checkResponseOverrides(ctx); err != nil {
		return nil, err
	}
	b, err := s.bucket(in)
	if err != nil {
		return nil, err
	}
	o, err := s.readObject(ctx, in, b, method)
	if err != nil {
		return nil, err
	}
	if err := checkSSECustomer(in, o); err != nil {
		return nil, err
	}
	if withBody {
		if err := checkKMSObjectReadable(ctx, b, o); err != nil {
			return nil, err
		}
	}
	pre := Preconditions{IfMatch: str(in, "IfMatch"), IfNoneMatch: str(in, "IfNoneMatch"),
		IfModifiedSince: timestamp(in, "IfModifiedSince"), IfUnmodifiedSince: timestamp(in, "IfUnmodifiedSince")}
	if outcome, hdr := pre.Evaluate(o.ETag, o.LastModified, s.now()); outcome != conditionPass {
		e := readPreconditionError(outcome, hdr).(*awserr.Error)
		e.Headers = map[string]string{"ETag": o.ETag, "Last-Modified": o.LastModified.Format(http.TimeFormat)}
		return nil, e
	}
	if withBody && archived(o.StorageClass) {
		return nil, awserr.New("InvalidObjectState", 403, "The operation is not valid for the object's storage class").With("StorageClass", o.StorageClass)
	}
	out := objectHeaders(ctx, in, b, o)
	rangeHeader := str(in, "Range")
	partNumber, hasPart := integer(in, "PartNumber")
	if hasPart && rangeHeader != "" {
		return nil, errInvalidRequest("Cannot specify both Range header and partNumber query parameter")
	}
	start, length := int64(0), o.Size
	partial := false
	switch {
	case hasPart:
		if partNumber < 1 || partNumber > 10000 {
			return nil, errInvalidArgument("Part number must be an integer between 1 and 10000, inclusive", "partNumber", itoa(int(partNumber)))
		}
		parts := o.Parts
		if len(parts) == 0 {
			parts = []ObjectPart{{Number: 1, Size: o.Size}}
		}
		if int(partNumber) > len(parts) {
			return nil, awserr.New("InvalidPartNumber", 416, "The requested partnumber is not satisfiable").
				With("PartNumberRequested", itoa(int(partNumber))).With("ActualPartCount", itoa(len(parts)))
		}
		for _, p := range parts[:partNumber-1] {
			start += p.Size
		}
		length = parts[partNumber-1].Size
		partial = true // a part read answers 206, a plain object's part 1 included
		if len(o.Parts) > 0 {
			out["PartsCount"] = int64(len(o.Parts))
			if o.ChecksumType == ChecksumComposite && parts[partNumber-1].Checksum != "" {
				emitChecksumValue(ctx, out, o.ChecksumAlgorithm, parts[partNumber-1].Checksum, o.ChecksumType)
			}
		}
	case rangeHeader != "":
		r, outcome := ParseRange(rangeHeader, o.Size)
		switch outcome {
		case rangeUnsatisfiable:
			return nil, awserr.New("InvalidRange", 416, "The requested range is not satisfiable").
				With("RangeRequested", rangeHeader).With("ActualObjectSize", itoa(int(o.Size)))
		case rangeOK:
			start, length, partial = r.Start, r.Length(), true
		}
	}
	whole := start == 0 && length == o.Size
	// a read of the whole object answers its checksum, a part read of a
	// one-part upload included, unless the part's own composite checksum
	// was given above
	if whole && strings.EqualFold(str(in, "ChecksumMode"), "ENABLED") && !(hasPart && len(o.Parts) > 0 && o.ChecksumType == ChecksumComposite) {
		emitChecksum(ctx, out, o)
	}
	if partial {
		out["ContentRange"] = "bytes " + itoa64(start) + "-" + itoa64(start+length-1) + "/" + itoa64(o.Size)
		out["ContentLength"] = length
		setStatus(ctx, http.StatusPartialContent)
	}
	if withBody {
		rc, err := o.Body.Open(start, length)
		if err != nil {
			return nil, awserr.Internal("s3: open stored body: " + err.Error())
		}
		out["Body"] = rc
	}
	return out, nil
}

func emitChecksumValue(ctx *service.Context, out map[string]any, a ChecksumAlgorithm, value, typ string) {
	emit(ctx, out, a.Member(), a.Header(), value)
	emit(ctx, out, "ChecksumType", "x-amz-checksum-type", typ)
}

func (s *Service) getObject(ctx *service.Context, in service.Params) (any, error) {
	return s.serveObject(ctx, in, true)
}

func (s *Service) headObject(ctx *service.Context, in service.Params) (any, error) {
	out, err := s.serveObject(ctx, in, false)
	if ae, ok := awserr.As(err); ok && (ae.Code == "NoSuchKey" || ae.Code == "NoSuchBucket" || ae.Code == "NoSuchVersion") {
		e := awserr.New("NotFound", 404, "Not Found")
		e.Headers = ae.Headers
		return nil, e
	}
	if ae, ok := awserr.As(err); ok && ae.Code == "PreconditionFailed" {
		e := awserr.New("PreconditionFailed", 412, "Precondition Failed")
		e.Headers = ae.Headers
		return nil, e
	}
	return out, err
}

// lockProtects reports whether object lock forbids deleting version o.
func lockProtects(o *Object, bypass bool, now time.Time) bool {
	if o.LegalHold == "ON" {
		return true
	}
	if o.LockRetainUntil != nil && o.LockRetainUntil.After(now) {
		return o.LockMode == "COMPLIANCE" || !bypass
	}
	return false
}

// deleteOne deletes a key or version, applying object lock.
// A version that does not exist is deleted successfully when missingOK
// (DeleteObject) and an error otherwise (DeleteObjects).
func (s *Service) deleteOne(b *Bucket, key, version string, bypass, missingOK bool, check func(*Object) error) (*Object, error) {
	if version != "" && !validVersionID(version) {
		return nil, errInvalidArgument("Invalid version id specified", "versionId", version)
	}
	now := s.now()
	guard := func(cur *Object) error {
		if check != nil {
			if err := check(cur); err != nil {
				return err
			}
		}
		if version != "" && cur != nil && b.ObjectLockEnabled && lockProtects(cur, bypass, now) {
			return awserr.New("AccessDenied", 403, "Access Denied because object protected by object lock.")
		}
		return nil
	}
	deleted, err := s.backend.DeleteObject(b.Name, key, version, guard)
	if err != nil {
		if errors.Is(err, ErrNoSuchVersion) && missingOK {
			return &Object{Key: key, VersionID: version}, nil
		}
		return nil, mapBackendError(err, b.Name, key, version, "")
	}
	return deleted, nil
}

func (s *Service) deleteObject(ctx *service.Context, in service.Params) (any, error) {
	b, err := s.bucket(in)
	if err != nil {
		return nil, err
	}
	if header(ctx, "x-amz-if-match-last-modified-time") != "" || header(ctx, "x-amz-if-match-size") != "" {
		h := "x-amz-if-match-last-modified-time"
		if header(ctx, h) == "" {
			h = "x-amz-if-match-size"
		}
		return nil, awserr.New("NotImplemented", 501, "A header you provided implies functionality that is not implemented").With("Header", h)
	}
	bypass := has(in, "BypassGovernanceRetention") || hasHeader(ctx, "x-amz-bypass-governance-retention")
	if bypass && !b.ObjectLockEnabled {
		return nil, errInvalidArgumentNoValue("x-amz-bypass-governance-retention is only applicable to Object Lock enabled buckets.", "x-amz-bypass-governance-retention")
	}
	key, version := str(in, "Key"), str(in, "VersionId")
	var check func(*Object) error
	if ifMatch := strOr(ctx, in, "IfMatch", "If-Match"); ifMatch != "" {
		check = func(cur *Object) error {
			if cur == nil || cur.DeleteMarker {
				return errNoSuchKey(key)
			}
			if !etagListMatches(ifMatch, cur.ETag) {
				return preconditionFailed("If-Match")
			}
			return nil
		}
	}
	deleted, err := s.deleteOne(b, key, version, boolean(in, "BypassGovernanceRetention"), true, check)
	if err != nil {
		return nil, err
	}
	out := map[string]any{}
	if deleted != nil && b.Versioning != "" {
		out["VersionId"] = deleted.VersionID
		if deleted.DeleteMarker {
			out["DeleteMarker"] = true
		}
	}
	// removing a version, a delete marker included, is ObjectRemoved:Delete
	if deleted != nil {
		event := "ObjectRemoved:Delete"
		if deleted.DeleteMarker && version == "" {
			event = "ObjectRemoved:DeleteMarkerCreated"
		}
		s.notify(ctx, b, event, deleted)
	}
	setStatus(ctx, http.StatusNoContent)
	return out, nil
}

func (s *Service) deleteObjects(ctx *service.Context, in service.Params) (any, error) {
	b, err := s.bucket(in)
	if err != nil {
		return nil, err
	}
	bypass := has(in, "BypassGovernanceRetention") || hasHeader(ctx, "x-amz-bypass-governance-retention")
	if bypass && !b.ObjectLockEnabled {
		return nil, errInvalidArgumentNoValue("x-amz-bypass-governance-retention is only applicable to Object Lock enabled buckets.", "x-amz-bypass-governance-retention")
	}
	del := object(in, "Delete")
	objects := list(del, "Objects")
	if len(objects) == 0 || len(objects) > 1000 {
		return nil, errMalformedXML()
	}
	quiet := boolean(del, "Quiet")
	var deleted, errs []any
	for _, x := range objects {
		m, _ := x.(map[string]any)
		key, version := str(m, "Key"), str(m, "VersionId")
		d, err := s.deleteOne(b, key, version, boolean(in, "BypassGovernanceRetention"), false, nil)
		if err != nil {
			ae, _ := awserr.As(err)
			e := map[string]any{"Key": key, "Code": "InternalError", "Message": err.Error()}
			if ae != nil {
				e["Code"], e["Message"] = ae.Code, ae.Message
				if ae.Code == "InvalidArgument" {
					e["Code"], e["Message"] = "NoSuchVersion", "The specified version does not exist."
				}
			}
			if version != "" {
				e["VersionId"] = version
			}
			errs = append(errs, e)
			continue
		}
		if quiet {
			continue
		}
		entry := map[string]any{"Key": key}
		if version != "" {
			entry["VersionId"] = version
			if d != nil && d.DeleteMarker {
				entry["DeleteMarker"] = true
				entry["DeleteMarkerVersionId"] = version
			}
		} else if d != nil && d.DeleteMarker && b.Versioning != "" {
			entry["DeleteMarker"] = true
			entry["DeleteMarkerVersionId"] = d.VersionID
		}
		deleted = append(deleted, entry)
		if d != nil && d.Body != nil || d != nil && d.DeleteMarker {
			event := "ObjectRemoved:Delete"
			if d.DeleteMarker && version == "" {
				event = "ObjectRemoved:DeleteMarkerCreated"
			}
			s.notify(ctx, b, event, d)
		}
	}
	out := map[string]any{}
	if len(deleted) > 0 {
		out["Deleted"] = deleted
	}
	if len(errs) > 0 {
		out["Errors"] = errs
	}
	return out, nil
}

func itoa64(n int64) string { return itoa(int(n)) }
