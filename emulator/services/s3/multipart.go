package s3

import (
	"net/http"
	"net/url"
	"sort"
	"strings"

	"github.com/parity-harness/parity/emulator/awserr"
	"github.com/parity-harness/parity/emulator/service"
)

// MinPartSize is the smallest size of a part that is not the last.
const MinPartSize = 5 << 20

func (s *Service) multipartHandlers(h map[string]service.Handler) {
	h["CreateMultipartUpload"] = s.createMultipartUpload
	h["UploadPart"] = s.uploadPart
	h["UploadPartCopy"] = s.uploadPartCopy
	h["CompleteMultipartUpload"] = s.completeMultipartUpload
	h["AbortMultipartUpload"] = s.abortMultipartUpload
	h["ListParts"] = s.listParts
	h["ListMultipartUploads"] = s.listMultipartUploads
}

func (s *Service) createMultipartUpload(ctx *service.Context, in service.Params) (any, error) {
	b, err := s.bucket(in)
	if err != nil {
		return nil, err
	}
	tmpl, err := s.objectTemplate(ctx, in, b)
	if err != nil {
		return nil, err
	}
	algText := strOr(ctx, in, "ChecksumAlgorithm", "x-amz-checksum-algorithm")
	typ := strings.ToUpper(strOr(ctx, in, "ChecksumType", "x-amz-checksum-type"))
	var alg ChecksumAlgorithm
	if algText != "" {
		a, ok := ParseAlgorithm(algText)
		if !ok {
			return nil, errInvalidRequest("Checksum algorithm provided is unsupported. Please try again with any of the valid types: [CRC32, CRC32C, CRC64NVME, SHA1, SHA256]")
		}
		alg = a
	}
	switch {
	case typ != "" && alg == "":
		return nil, errInvalidRequest("The x-amz-checksum-type header can only be used with the x-amz-checksum-algorithm header.")
	case typ != "" && typ != ChecksumComposite && typ != ChecksumFullObject:
		return nil, errInvalidRequest("Value for x-amz-checksum-type header is invalid.")
	case typ == ChecksumComposite && alg == CRC64NVME:
		return nil, errInvalidRequest("The COMPOSITE checksum type cannot be used with the crc64nvme checksum algorithm.")
	case typ == ChecksumFullObject && !alg.IsCRC():
		return nil, errInvalidRequest("The FULL_OBJECT checksum type cannot be used with the " + strings.ToLower(string(alg)) + " checksum algorithm.")
	case typ == "" && alg == CRC64NVME:
		typ = ChecksumFullObject
	case typ == "" && alg != "":
		typ = ChecksumComposite
	}
	u := &Upload{ID: newUploadID(), Key: tmpl.Key, Initiated: s.now(), Owner: tmpl.Owner, Template: *tmpl, ChecksumAlgorithm: alg, ChecksumType: typ}
	if cur, err := s.backend.Object(b.Name, u.Key, ""); err == nil {
		u.KeyState = keyIdentity(cur)
	}
	if err := s.backend.CreateUpload(b.Name, u); err != nil {
		return nil, mapBackendError(err, b.Name, "", "", "")
	}
	out := map[string]any{"Bucket": b.Name, "Key": u.Key, "UploadId": u.ID}
	if alg != "" {
		out["ChecksumAlgorithm"] = string(alg)
		emit(ctx, out, "ChecksumType", "x-amz-checksum-type", typ)
	}
	emitEncryption(out, tmpl)
	return out, nil
}

// newUploadID returns an opaque upload id.
func newUploadID() string { return newVersionID() + newVersionID() }

// partNumber validates the partNumber parameter.
func partNumber(in service.Params) (int, error) {
	n, ok := integer(in, "PartNumber")
	if !ok || n < 1 || n > 10000 {
		return 0, errInvalidArgument("Part number must be an integer between 1 and 10000, inclusive", "partNumber", itoa64(n))
	}
	return int(n), nil
}

// uploadFor loads the upload a part operation names.
func (s *Service) uploadFor(in service.Params) (*Bucket, *Upload, error) {
	b, err := s.bucket(in)
	if err != nil {
		return nil, nil, err
	}
	id := str(in, "UploadId")
	u, err := s.backend.Upload(b.Name, id)
	if err != nil || u.Key != str(in, "Key") {
		return nil, nil, errNoSuchUpload(id)
	}
	return b, u, nil
}

func (s *Service) uploadPart(ctx *service.Context, in service.Params) (any, error) {
	b, u, err := s.uploadFor(in)
	if err != nil {
		return nil, err
	}
	n, err := partNumber(in)
	if err != nil {
		return nil, err
	}
	body, err := s.storeBody(ctx, in, false, u.ChecksumAlgorithm, CRC64NVME)
	if err != nil {
		return nil, err
	}
	if u.ChecksumAlgorithm != "" && body.explicit && body.alg != u.ChecksumAlgorithm {
		body.blob.Release()
		return nil, errInvalidRequest("Checksum Type mismatch occurred, expected checksum Type: " + strings.ToLower(string(u.ChecksumAlgorithm)) + ", actual checksum Type: " + strings.ToLower(string(body.alg)))
	}
	p := &Part{Number: n, Body: body.blob, Size: body.blob.Size(), ETag: `"` + hexString(body.md5) + `"`, MD5: body.md5, LastModified: s.now(), Sums: body.sums}
	if u.ChecksumAlgorithm != "" || body.explicit {
		p.Checksum = body.checksum
	}
	if err := s.backend.PutPart(b.Name, u.ID, p); err != nil {
		return nil, mapBackendError(err, b.Name, u.Key, "", u.ID)
	}
	out := map[string]any{"ETag": p.ETag}
	if p.Checksum != "" {
		emit(ctx, out, body.alg.Member(), body.alg.Header(), p.Checksum)
	}
	emitEncryption(out, &u.Template)
	return out, nil
}

func (s *Service) uploadPartCopy(ctx *service.Context, in service.Params) (any, error) {
	b, u, err := s.uploadFor(in)
	if err != nil {
		return nil, err
	}
	n, err := partNumber(in)
	if err != nil {
		return nil, err
	}
	src, srcBucket, _, err := s.loadCopySource(in)
	if err != nil {
		return nil, err
	}
	start, length := int64(0), src.Size
	if rng := str(in, "CopySourceRange"); rng != "" {
		r, ok := ParseCopySourceRange(rng)
		if !ok {
			return nil, errInvalidArgument("The x-amz-copy-source-range value must be of the form bytes=first-last where first and last are the zero-based offsets of the first and last bytes to copy", "x-amz-copy-source-range", rng)
		}
		if r.Start >= src.Size { // the range starts past the end of the source
			return nil, errInvalidRequest("The specified copy range is invalid for the source object size")
		}
		if r.End >= src.Size {
			return nil, errInvalidArgument("Range specified is not valid for source object of size: "+itoa64(src.Size), "x-amz-copy-source-range", rng)
		}
		start, length = r.Start, r.Length()
	}
	rc, err := src.Body.Open(start, length)
	if err != nil {
		return nil, awserr.Internal("s3: open stored body: " + err.Error())
	}
	defer rc.Close()
	partIn := service.Params{"Body": rc}
	body, err := s.storeBody(nil, partIn, false, u.ChecksumAlgorithm, CRC64NVME)
	if err != nil {
		return nil, err
	}
	p := &Part{Number: n, Body: body.blob, Size: body.blob.Size(), ETag: `"` + hexString(body.md5) + `"`, MD5: body.md5, LastModified: s.now(), Sums: body.sums}
	if u.ChecksumAlgorithm != "" {
		p.Checksum = body.checksum
	}
	if err := s.backend.PutPart(b.Name, u.ID, p); err != nil {
		return nil, mapBackendError(err, b.Name, u.Key, "", u.ID)
	}
	result := map[string]any{"ETag": p.ETag, "LastModified": p.LastModified}
	if p.Checksum != "" {
		result[u.ChecksumAlgorithm.Member()] = p.Checksum
	}
	out := map[string]any{"CopyPartResult": result}
	if srcBucket.Versioning != "" {
		out["CopySourceVersionId"] = src.VersionID
	}
	emitEncryption(out, &u.Template)
	return out, nil
}

// completedPart is one entry of a CompleteMultipartUpload request.
type completedPart struct {
	number   int
	etag     string
	checksum string
}

func (s *Service) completeMultipartUpload(ctx *service.Context, in service.Params) (any, error) {
	b, u, err := s.uploadFor(in)
	if err != nil {
		return nil, err
	}
	var req []completedPart
	for _, x := range list(object(in, "MultipartUpload"), "Parts") {
		m, _ := x.(map[string]any)
		n, _ := integer(m, "PartNumber")
		cp := completedPart{number: int(n), etag: str(m, "ETag")}
		if u.ChecksumAlgorithm != "" {
			cp.checksum = str(m, u.ChecksumAlgorithm.Member())
		}
		req = append(req, cp)
	}
	if len(req) == 0 {
		return nil, errInvalidRequest("You must specify at least one part")
	}
	if typ := strings.ToUpper(header(ctx, "x-amz-checksum-type")); typ != "" && u.ChecksumType != "" && typ != u.ChecksumType {
		return nil, errInvalidRequest("The upload was created using the " + u.ChecksumType + " checksum mode. The complete request must use the same checksum mode.")
	}
	given, hasGiven, err := requestedCompletionChecksum(ctx, in)
	if err != nil {
		return nil, err
	}
	var parts []*Part
	var md5s [][]byte
	obj := u.Template
	for i, cp := range req {
		if i > 0 && cp.number <= req[i-1].number {
			return nil, awserr.New("InvalidPartOrder", 400, "The list of parts was not in ascending order. Parts must be ordered by part number.").With("UploadId", u.ID)
		}
		p, ok := u.Parts[cp.number]
		if !ok || strings.Trim(cp.etag, `"`) != strings.Trim(p.ETag, `"`) {
			return nil, awserr.New("InvalidPart", 400, "One or more of the specified parts could not be found.  The part may not have been uploaded, or the specified entity tag may not match the part's entity tag.").
				With("ETag", strings.Trim(cp.etag, `"`)).With("PartNumber", itoa(cp.number)).With("UploadId", u.ID)
		}
		if u.ChecksumType == ChecksumComposite && cp.checksum == "" {
			return nil, errInvalidRequest("The upload was created using a " + strings.ToLower(string(u.ChecksumAlgorithm)) + " checksum. The complete request must include the checksum for each part. It was missing for part " + itoa(cp.number) + " in the request.")
		}
		if cp.checksum != "" && cp.checksum != p.Checksum {
			return nil, awserr.New("InvalidPart", 400, "One or more of the specified parts could not be found.  The part may not have been uploaded, or the specified entity tag may not match the part's entity tag.").
				With("ETag", strings.Trim(cp.etag, `"`)).With("PartNumber", itoa(cp.number)).With("UploadId", u.ID)
		}
		parts = append(parts, p)
		md5s = append(md5s, p.MD5)
	}
	for i, p := range parts[:len(parts)-1] {
		if p.Size < MinPartSize {
			return nil, awserr.New("EntityTooSmall", 400, "Your proposed upload is smaller than the minimum allowed size").
				With("ETag", strings.Trim(p.ETag, `"`)).With("MinSizeAllowed", itoa(MinPartSize)).With("PartNumber", itoa(req[i].number)).With("ProposedSize", itoa64(p.Size))
		}
	}
	check, err := writeConditions(ctx, in)
	if err != nil {
		return nil, err
	}
	check = uploadConflictChecked(ctx, in, u, check)
	blobs := make([]Blob, len(parts))
	sizes := make([]int64, len(parts))
	for i, p := range parts {
		blobs[i], sizes[i] = p.Body, p.Size
		obj.Size += p.Size
		obj.Parts = append(obj.Parts, ObjectPart{Number: req[i].number, Size: p.Size, Checksum: p.Checksum})
	}
	obj.ETag = MultipartETag(md5s)
	obj.LastModified = s.now()
	alg, typ := u.ChecksumAlgorithm, u.ChecksumType
	if alg == "" {
		alg, typ = CRC64NVME, ChecksumFullObject
	}
	sums := make([]string, len(parts))
	for i, p := range parts {
		sums[i] = p.Sums[alg]
	}
	obj.ChecksumAlgorithm, obj.ChecksumType = alg, typ
	if typ == ChecksumComposite {
		obj.Checksum = CompositeChecksum(alg, sums)
	} else {
		obj.Checksum = combineChecksums(alg, sums, sizes)
	}
	if hasGiven {
		mode, full := strings.ToUpper(header(ctx, "x-amz-checksum-type")), ""
		if mode == "" && u.ChecksumAlgorithm == "" {
			mode = ChecksumFullObject // the default CRC64NVME has no COMPOSITE form
		}
		if typ == ChecksumFullObject {
			full = obj.Checksum
		}
		if err := checkCompletionChecksum(given, alg, mode, full, sums); err != nil {
			return nil, err
		}
	}
	obj.Body = joinBlobs(blobs)
	stored, err := s.backend.CompleteUpload(b.Name, u.ID, &obj, check)
	if err != nil {
		obj.Body.Release()
		return nil, mapBackendError(err, b.Name, u.Key, "", u.ID)
	}
	out := map[string]any{
		"Location": strings.TrimSuffix(ctx.Endpoint, "/") + "/" + b.Name + "/" + (&url.URL{Path: stored.Key}).EscapedPath(),
		"Bucket":   b.Name, "Key": stored.Key, "ETag": stored.ETag,
	}
	// an upload created without an algorithm gets S3's full-object CRC64NVME
	emit(ctx, out, alg.Member(), alg.Header(), stored.Checksum)
	emit(ctx, out, "ChecksumType", "x-amz-checksum-type", typ)
	emitEncryption(out, stored)
	if b.Versioning != "" {
		out["VersionId"] = stored.VersionID
	}
	emit(ctx, out, "Expiration", "x-amz-expiration", expirationHeader(b, stored))
	s.notify(ctx, b, "ObjectCreated:CompleteMultipartUpload", stored)
	return out, nil
}

func (s *Service) abortMultipartUpload(ctx *service.Context, in service.Params) (any, error) {
	b, err := s.bucket(in)
	if err != nil {
		return nil, err
	}
	id := str(in, "UploadId")
	if err := s.backend.AbortUpload(b.Name, id); err != nil {
		return nil, mapBackendError(err, b.Name, str(in, "Key"), "", id)
	}
	setStatus(ctx, http.StatusNoContent)
	return map[string]any{}, nil
}

func (s *Service) listParts(ctx *service.Context, in service.Params) (any, error) {
	b, u, err := s.uploadFor(in)
	if err != nil {
		return nil, err
	}
	marker, _ := integer(in, "PartNumberMarker")
	maxParts, ok := integer(in, "MaxParts")
	if !ok {
		maxParts = 1000
	}
	numbers := make([]int, 0, len(u.Parts))
	for n := range u.Parts {
		numbers = append(numbers, n)
	}
	sort.Ints(numbers)
	out := map[string]any{"Bucket": b.Name, "Key": u.Key, "UploadId": u.ID, "PartNumberMarker": marker, "MaxParts": maxParts,
		"IsTruncated": false, "StorageClass": u.Template.StorageClass,
		"Initiator": initiatorOutput(u.Owner, b.Account), "Owner": ownerOutput(u.Owner),
		"NextPartNumberMarker": int64(0)} // 0 until a part is listed
	if u.ChecksumAlgorithm != "" {
		out["ChecksumAlgorithm"] = string(u.ChecksumAlgorithm)
		emit(ctx, out, "ChecksumType", "x-amz-checksum-type", u.ChecksumType)
	}
	var parts []any
	for _, n := range numbers {
		if int64(n) <= marker {
			continue
		}
		if int64(len(parts)) == maxParts {
			out["IsTruncated"] = true
			break
		}
		p := u.Parts[n]
		e := map[string]any{"PartNumber": int64(n), "LastModified": p.LastModified, "ETag": p.ETag, "Size": p.Size}
		if p.Checksum != "" && u.ChecksumAlgorithm != "" {
			e[u.ChecksumAlgorithm.Member()] = p.Checksum
		}
		parts = append(parts, e)
		out["NextPartNumberMarker"] = int64(n)
	}
	if len(parts) > 0 {
		out["Parts"] = parts
	}
	return out, nil
}

func (s *Service) listMultipartUploads(ctx *service.Context, in service.Params) (any, error) {
	b, err := s.bucket(in)
	if err != nil {
		return nil, err
	}
	p, err := readListParams(ctx, in)
	if err != nil {
		return nil, err
	}
	if n, ok := integer(in, "MaxUploads"); ok {
		p.maxKeys = int(min(max(n, 0), 1000))
	}
	uploads, err := s.backend.Uploads(b.Name)
	if err != nil {
		return nil, mapBackendError(err, b.Name, "", "", "")
	}
	keyMarker, idMarker := str(in, "KeyMarker"), str(in, "UploadIdMarker")
	// reuse the listing walk: uploads as objects keyed by key
	objs := make([]*Object, len(uploads))
	byObj := map[*Object]*Upload{}
	for i, u := range uploads {
		objs[i] = &Object{Key: u.Key, VersionID: u.ID}
		byObj[objs[i]] = u
	}
	passed := idMarker == ""
	after := func(k string, o *Object) bool {
		if keyMarker == "" {
			return true
		}
		if o == nil || idMarker == "" || k != keyMarker {
			return k > keyMarker
		}
		if passed {
			return true
		}
		if o.VersionID == idMarker {
			passed = true
		}
		return false
	}
	items, truncated := listPage(objs, p.prefix, p.delimiter, after, p.maxKeys)
	out := map[string]any{"Bucket": b.Name, "KeyMarker": p.encode(keyMarker), "UploadIdMarker": idMarker, "MaxUploads": int64(p.maxKeys), "IsTruncated": truncated}
	if p.prefix != "" || has(in, "Prefix") {
		out["Prefix"] = p.encode(p.prefix)
	}
	if p.delimiter != "" {
		out["Delimiter"] = p.encode(p.delimiter)
	}
	if p.encoding != "" {
		out["EncodingType"] = p.encoding
	}
	var list, prefixes []any
	for _, it := range items {
		if it.obj == nil {
			prefixes = append(prefixes, map[string]any{"Prefix": p.encode(it.prefix)})
			continue
		}
		u := byObj[it.obj]
		e := map[string]any{"UploadId": u.ID, "Key": p.encode(u.Key), "Initiated": u.Initiated, "StorageClass": u.Template.StorageClass,
			"Owner": ownerOutput(u.Owner), "Initiator": initiatorOutput(u.Owner, b.Account)}
		if u.ChecksumAlgorithm != "" {
			e["ChecksumAlgorithm"] = string(u.ChecksumAlgorithm)
			e["ChecksumType"] = u.ChecksumType
		}
		list = append(list, e)
	}
	if len(list) > 0 {
		out["Uploads"] = list
	}
	if len(prefixes) > 0 {
		out["CommonPrefixes"] = prefixes
	}
	// Every page names its last upload as next markers, truncated or not;
	// an empty page, or one that ends on a common prefix, answers empty
	// ones (AWS: list_multipart_uploads with and without a delimiter).
	out["NextKeyMarker"], out["NextUploadIdMarker"] = "", ""
	if len(items) > 0 {
		if last := items[len(items)-1]; last.obj != nil {
			out["NextKeyMarker"], out["NextUploadIdMarker"] = p.encode(last.key()), last.obj.VersionID
		}
	}
	return out, nil
}
