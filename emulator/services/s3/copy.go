package s3

import (
	"crypto/md5"
	"io"
	"net/url"
	"strings"

	"github.com/parity-harness/parity/emulator/awserr"
	"github.com/parity-harness/parity/emulator/service"
)

// copySource is a parsed x-amz-copy-source.
type copySource struct {
	bucket, key, version string
}

// parseCopySource parses "bucket/key[?versionId=v]", URL-encoded, with an
// optional leading slash.
func parseCopySource(v string) (copySource, error) {
	bad := errInvalidArgument("Invalid copy source object key", "x-amz-copy-source", "x-amz-copy-source")
	path, rawQuery, _ := strings.Cut(v, "?")
	decoded, err := url.PathUnescape(path)
	if err != nil {
		return copySource{}, bad
	}
	decoded = strings.TrimPrefix(decoded, "/")
	bucket, key, ok := strings.Cut(decoded, "/")
	if !ok || bucket == "" || key == "" {
		return copySource{}, bad
	}
	cs := copySource{bucket: bucket, key: key}
	if rawQuery != "" {
		q, err := url.ParseQuery(rawQuery)
		if err != nil {
			return copySource{}, bad
		}
		cs.version = q.Get("versionId")
	}
	return cs, nil
}

// copySourcePreconditions reads the x-amz-copy-source-if-* members.
func copySourcePreconditions(in service.Params) Preconditions {
	return Preconditions{IfMatch: str(in, "CopySourceIfMatch"), IfNoneMatch: str(in, "CopySourceIfNoneMatch"),
		IfModifiedSince: timestamp(in, "CopySourceIfModifiedSince"), IfUnmodifiedSince: timestamp(in, "CopySourceIfUnmodifiedSince")}
}

// loadCopySource resolves and checks the source of a copy.
func (s *Service) loadCopySource(in service.Params) (*Object, *Bucket, copySource, error) {
	cs, err := parseCopySource(str(in, "CopySource"))
	if err != nil {
		return nil, nil, cs, err
	}
	if cs.version != "" && !validVersionID(cs.version) {
		return nil, nil, cs, errInvalidArgument("Invalid version id specified", "x-amz-copy-source", cs.version)
	}
	sb, err := s.backend.Bucket(cs.bucket)
	if err != nil {
		return nil, nil, cs, errNoSuchBucket(cs.bucket)
	}
	o, err := s.backend.Object(cs.bucket, cs.key, cs.version)
	if err != nil {
		return nil, nil, cs, mapBackendError(err, cs.bucket, cs.key, cs.version, "")
	}
	if o.DeleteMarker {
		if cs.version != "" {
			return nil, nil, cs, errInvalidRequest("The source of a copy request may not specifically refer to a delete marker by version id.")
		}
		return nil, nil, cs, errNoSuchKey(cs.key)
	}
	if err := checkCustomerKey(in, "CopySource", o); err != nil {
		return nil, nil, cs, err
	}
	outcome, hdr := copySourcePreconditions(in).Evaluate(o.ETag, o.LastModified, s.now())
	if outcome != conditionPass {
		return nil, nil, cs, copySourcePreconditionError(hdr)
	}
	return o, sb, cs, nil
}

func (s *Service) copyObject(ctx *service.Context, in service.Params) (any, error) {
	b, err := s.bucket(in)
	if err != nil {
		return nil, err
	}
	src, srcBucket, cs, err := s.loadCopySource(in)
	if err != nil {
		return nil, err
	}
	if err := checkKMSObjectReadable(ctx, srcBucket, src); err != nil {
		return nil, err
	}
	if archived(src.StorageClass) {
		return nil, awserr.New("InvalidObjectState", 403, "Operation is not valid for the source object's storage class").With("StorageClass", src.StorageClass)
	}
	directive := str(in, "MetadataDirective")
	if directive != "" && directive != "COPY" && directive != "REPLACE" {
		return nil, errInvalidArgument("Unknown metadata directive.", "x-amz-metadata-directive", directive)
	}
	tagDirective := str(in, "TaggingDirective")
	if tagDirective != "" && tagDirective != "COPY" && tagDirective != "REPLACE" {
		return nil, errInvalidArgument("Unknown tagging directive.", "x-amz-tagging-directive", tagDirective)
	}
	key := str(in, "Key")
	checksumAlg := strOr(ctx, in, "ChecksumAlgorithm", "x-amz-checksum-algorithm")
	inPlace := cs.bucket == b.Name && cs.key == key
	if inPlace && !copyChangesObject(ctx, in, src) && !hasEncryptionConfig(b) {
		return nil, errInvalidRequest("This copy request is illegal because it is trying to copy an object to itself without changing the object's metadata, storage class, website redirect location or encryption attributes.")
	}
	tmpl, err := s.objectTemplate(ctx, in, b)
	if err != nil {
		return nil, err
	}
	if directive != "REPLACE" {
		tmpl.ContentType, tmpl.ContentEncoding, tmpl.ContentDisposition = src.ContentType, src.ContentEncoding, src.ContentDisposition
		tmpl.ContentLanguage, tmpl.CacheControl, tmpl.Expires, tmpl.Metadata = src.ContentLanguage, src.CacheControl, src.Expires, src.Metadata
	}
	if !has(in, "WebsiteRedirectLocation") && directive != "REPLACE" {
		tmpl.WebsiteRedirectLocation = src.WebsiteRedirectLocation
	}
	if tagDirective != "REPLACE" {
		tmpl.Tags = src.Tags
	}
	tmpl.Size, tmpl.LastModified = src.Size, s.now()
	tmpl.Body = src.Body.Retain()
	tmpl.ETag = src.ETag
	tmpl.ChecksumAlgorithm, tmpl.Checksum, tmpl.ChecksumType = src.ChecksumAlgorithm, src.Checksum, src.ChecksumType
	needMD5 := strings.Contains(src.ETag, "-")
	var alg ChecksumAlgorithm
	if checksumAlg != "" {
		a, ok := ParseAlgorithm(checksumAlg)
		if !ok {
			tmpl.Body.Release()
			return nil, errInvalidRequest("Checksum algorithm provided is unsupported. Please try again with any of the valid types: [CRC32, CRC32C, CRC64NVME, SHA1, SHA256]")
		}
		alg = a
	} else if src.ChecksumType != ChecksumFullObject || src.Checksum == "" {
		alg = CRC64NVME
	}
	if needMD5 || alg != "" {
		if err := recomputeDigests(tmpl, alg, needMD5); err != nil {
			tmpl.Body.Release()
			return nil, err
		}
	}
	check, err := writeConditions(ctx, in)
	if err != nil {
		tmpl.Body.Release()
		return nil, err
	}
	stored, err := s.backend.PutObject(b.Name, tmpl, check)
	if err != nil {
		tmpl.Body.Release()
		return nil, mapBackendError(err, b.Name, key, "", "")
	}
	result := map[string]any{"ETag": stored.ETag, "LastModified": stored.LastModified}
	if stored.Checksum != "" {
		result[stored.ChecksumAlgorithm.Member()] = stored.Checksum
		result["ChecksumType"] = stored.ChecksumType
	}
	out := map[string]any{"CopyObjectResult": result}
	emitEncryption(out, stored)
	if srcBucket.Versioning != "" && src.VersionID != "null" {
		out["CopySourceVersionId"] = src.VersionID
	}
	if b.Versioning != "" {
		out["VersionId"] = stored.VersionID
	}
	emit(ctx, out, "Expiration", "x-amz-expiration", expirationHeader(b, stored))
	s.notify(ctx, b, "ObjectCreated:Copy", stored)
	return out, nil
}

// recomputeDigests reads a copied body to compute a fresh checksum of alg
// and, when md5 is set, a single-part ETag.
func recomputeDigests(o *Object, alg ChecksumAlgorithm, withMD5 bool) error {
	rc, err := o.Body.Open(0, o.Size)
	if err != nil {
		return awserr.Internal("s3: open stored body: " + err.Error())
	}
	defer rc.Close()
	var writers []io.Writer
	md5h := md5.New()
	if withMD5 {
		writers = append(writers, md5h)
	}
	var sum = alg.New()
	if alg != "" {
		writers = append(writers, sum)
	}
	if _, err := io.Copy(io.MultiWriter(writers...), rc); err != nil {
		return awserr.Internal("s3: read stored body: " + err.Error())
	}
	if withMD5 {
		o.ETag = `"` + hexString(md5h.Sum(nil)) + `"`
	}
	if alg != "" {
		o.ChecksumAlgorithm, o.Checksum, o.ChecksumType = alg, encodeSum(sum), ChecksumFullObject
	}
	o.Parts = nil
	return nil
}
