package s3

import (
	"net/http"
	"sort"
	"strings"
	"time"

	"github.com/parity-harness/parity/emulator/awserr"
	"github.com/parity-harness/parity/emulator/service"
)

func (s *Service) objectConfigHandlers(h map[string]service.Handler) {
	h["PutObjectTagging"] = s.putObjectTagging
	h["GetObjectTagging"] = s.getObjectTagging
	h["DeleteObjectTagging"] = s.deleteObjectTagging
	h["PutObjectAcl"] = s.putObjectACL
	h["GetObjectAcl"] = s.getObjectACL
	h["PutObjectRetention"] = s.putObjectRetention
	h["GetObjectRetention"] = s.getObjectRetention
	h["PutObjectLegalHold"] = s.putObjectLegalHold
	h["GetObjectLegalHold"] = s.getObjectLegalHold
}

// versionTarget resolves the version an object subresource operation
// addresses; delete markers answer 405 like GET.
func (s *Service) versionTarget(ctx *service.Context, in service.Params, method string) (*Bucket, *Object, error) {
	b, err := s.bucket(in)
	if err != nil {
		return nil, nil, err
	}
	o, err := s.readObject(ctx, in, b, method)
	if err != nil {
		return nil, nil, err
	}
	return b, o, nil
}

// updateVersion changes the addressed version.
func (s *Service) updateVersion(b *Bucket, o *Object, fn func(*Object) error) (*Object, error) {
	u, err := s.backend.UpdateObject(b.Name, o.Key, o.VersionID, fn)
	return u, mapBackendError(err, b.Name, o.Key, o.VersionID, "")
}

func versionOut(b *Bucket, o *Object) map[string]any {
	out := map[string]any{}
	if b.Versioning != "" {
		out["VersionId"] = o.VersionID
	}
	return out
}

func (s *Service) putObjectTagging(ctx *service.Context, in service.Params) (any, error) {
	b, o, err := s.versionTarget(ctx, in, "PUT")
	if err != nil {
		return nil, deleteMarkerNotAllowed(err, "PUT")
	}
	tagging := object(in, "Tagging")
	if tagging == nil {
		return nil, errMalformedXML()
	}
	tags, err := parseTagSet(tagging)
	if err != nil {
		if ae, ok := awserr.As(err); ok && strings.HasPrefix(ae.Message, "Cannot provide multiple") {
			return nil, errInvalidRequest("Cannot provide multiple Tags with the same key")
		}
		return nil, err
	}
	if len(tags) > 10 {
		return nil, awserr.New("BadRequest", 400, "Object tags cannot be greater than 10")
	}
	u, err := s.updateVersion(b, o, func(x *Object) error { x.Tags = tags; return nil })
	if err != nil {
		return nil, err
	}
	s.notify(ctx, b, "ObjectTagging:Put", u)
	return versionOut(b, u), nil
}

func (s *Service) getObjectTagging(ctx *service.Context, in service.Params) (any, error) {
	b, o, err := s.versionTarget(ctx, in, "GET")
	if err != nil {
		return nil, taggedKeyNotFound(deleteMarkerNotAllowed(err, "GET"), str(in, "Bucket"))
	}
	out := versionOut(b, o)
	out["TagSet"] = tagSetOutput(sortedTags(o.Tags))
	return out, nil
}

func (s *Service) deleteObjectTagging(ctx *service.Context, in service.Params) (any, error) {
	b, o, err := s.versionTarget(ctx, in, "DELETE")
	if err != nil {
		return nil, deleteMarkerNotAllowed(err, "DELETE")
	}
	u, err := s.updateVersion(b, o, func(x *Object) error { x.Tags = nil; return nil })
	if err != nil {
		return nil, err
	}
	s.notify(ctx, b, "ObjectTagging:Delete", u)
	setStatus(ctx, http.StatusNoContent)
	return versionOut(b, u), nil
}

func (s *Service) putObjectACL(ctx *service.Context, in service.Params) (any, error) {
	b, o, err := s.versionTarget(ctx, in, "PUT")
	if err != nil {
		return nil, deleteMarkerNotAllowed(err, "PUT")
	}
	acl, err := putACL(in, objectCannedACLs, o.Owner, ownerOf(b.Account))
	if err != nil {
		return nil, err
	}
	if _, err := s.updateVersion(b, o, func(x *Object) error { x.ACL = acl; return nil }); err != nil {
		return nil, err
	}
	return map[string]any{}, nil
}

func (s *Service) getObjectACL(ctx *service.Context, in service.Params) (any, error) {
	_, o, err := s.versionTarget(ctx, in, "GET")
	if err != nil {
		return nil, err
	}
	return aclOutput(o.ACL), nil
}

// applyObjectLock sets a new object's retention and legal hold from the
// request or the bucket's default retention.
func applyObjectLock(in service.Params, b *Bucket, o *Object, now time.Time) error {
	mode, until := str(in, "ObjectLockMode"), timestamp(in, "ObjectLockRetainUntilDate")
	hold := str(in, "ObjectLockLegalHoldStatus")
	if (mode != "") != (until != nil) {
		missing := "x-amz-object-lock-mode" // S3 names the header left out
		if mode != "" {
			missing = "x-amz-object-lock-retain-until-date"
		}
		return errInvalidArgumentNoValue("x-amz-object-lock-retain-until-date and x-amz-object-lock-mode must both be supplied", missing)
	}
	if (mode != "" || hold != "") && !b.ObjectLockEnabled {
		return errInvalidRequest("Bucket is missing Object Lock Configuration")
	}
	if mode != "" {
		if mode != "GOVERNANCE" && mode != "COMPLIANCE" {
			return errInvalidArgument("Unknown wormMode directive.", "x-amz-object-lock-mode", mode)
		}
		if !until.After(now) {
			return errInvalidArgument("The retain until date must be in the future!", "x-amz-object-lock-retain-until-date", until.Format(time.RFC3339))
		}
		u := until.UTC()
		o.LockMode, o.LockRetainUntil = mode, &u
	} else if b.ObjectLockEnabled {
		if cfg, ok := b.Configs["objectLock"].(map[string]any); ok {
			rule, _ := cfg["Rule"].(map[string]any)
			if ret := object(rule, "DefaultRetention"); ret != nil {
				var u time.Time
				if d, ok := integer(ret, "Days"); ok {
					u = now.AddDate(0, 0, int(d))
				} else if y, ok := integer(ret, "Years"); ok {
					u = now.AddDate(int(y), 0, 0)
				}
				o.LockMode, o.LockRetainUntil = str(ret, "Mode"), &u
			}
		}
	}
	if hold != "" {
		if hold != "ON" && hold != "OFF" {
			return errInvalidArgument("Unknown legal hold status.", "x-amz-object-lock-legal-hold", hold)
		}
		o.LegalHold = hold
	}
	return nil
}

func errNoObjectLock() error {
	return errInvalidRequest("Bucket is missing Object Lock Configuration")
}

func (s *Service) putObjectRetention(ctx *service.Context, in service.Params) (any, error) {
	b, o, err := s.versionTarget(ctx, in, "PUT")
	if err != nil {
		return nil, err
	}
	if !b.ObjectLockEnabled {
		return nil, errNoObjectLock()
	}
	ret := object(in, "Retention")
	mode, until := str(ret, "Mode"), timestamp(ret, "RetainUntilDate")
	if mode != "" && mode != "GOVERNANCE" && mode != "COMPLIANCE" || (mode == "") != (until == nil) {
		return nil, errMalformedXML()
	}
	if until != nil && !until.After(s.now()) {
		return nil, errInvalidArgument("The retain until date must be in the future!", "RetainUntilDate", javaDate(*until))
	}
	bypass := boolean(in, "BypassGovernanceRetention")
	now := s.now()
	if _, err := s.updateVersion(b, o, func(x *Object) error {
		if x.LockRetainUntil != nil && x.LockRetainUntil.After(now) {
			shortening := until == nil || until.Before(*x.LockRetainUntil) || mode != x.LockMode
			if shortening && (x.LockMode == "COMPLIANCE" || !bypass) {
				return awserr.New("AccessDenied", 403, "Access Denied because object protected by object lock.")
			}
		}
		if until == nil {
			x.LockMode, x.LockRetainUntil = "", nil
			return nil
		}
		u := until.UTC()
		x.LockMode, x.LockRetainUntil = mode, &u
		return nil
	}); err != nil {
		return nil, err
	}
	return map[string]any{}, nil
}

func (s *Service) getObjectRetention(ctx *service.Context, in service.Params) (any, error) {
	b, o, err := s.versionTarget(ctx, in, "GET")
	if err != nil {
		return nil, err
	}
	if !b.ObjectLockEnabled {
		return nil, errNoObjectLock()
	}
	if o.LockMode == "" {
		return nil, awserr.New("NoSuchObjectLockConfiguration", 404, "The specified object does not have a ObjectLock configuration")
	}
	return map[string]any{"Retention": map[string]any{"Mode": o.LockMode, "RetainUntilDate": *o.LockRetainUntil}}, nil
}

func (s *Service) putObjectLegalHold(ctx *service.Context, in service.Params) (any, error) {
	b, o, err := s.versionTarget(ctx, in, "PUT")
	if err != nil {
		return nil, err
	}
	if !b.ObjectLockEnabled {
		return nil, errNoObjectLock()
	}
	status := str(object(in, "LegalHold"), "Status")
	if status != "ON" && status != "OFF" {
		return nil, errMalformedXML()
	}
	if _, err := s.updateVersion(b, o, func(x *Object) error { x.LegalHold = status; return nil }); err != nil {
		return nil, err
	}
	return map[string]any{}, nil
}

func (s *Service) getObjectLegalHold(ctx *service.Context, in service.Params) (any, error) {
	b, o, err := s.versionTarget(ctx, in, "GET")
	if err != nil {
		return nil, err
	}
	if !b.ObjectLockEnabled {
		return nil, errNoObjectLock()
	}
	if o.LegalHold == "" {
		return nil, awserr.New("NoSuchObjectLockConfiguration", 404, "The specified object does not have a ObjectLock configuration")
	}
	return map[string]any{"LegalHold": map[string]any{"Status": o.LegalHold}}, nil
}

func (s *Service) getObjectAttributes(ctx *service.Context, in service.Params) (any, error) {
	b, err := s.bucket(in)
	if err != nil {
		return nil, err
	}
	o, err := s.readObject(ctx, in, b, "GET")
	if err != nil {
		if ae, ok := awserr.As(err); ok && ae.Code == "MethodNotAllowed" {
			ae.Fields = nil
			return nil, awserr.New("NoSuchKey", 404, "The specified key does not exist.").With("Key", str(in, "Key"))
		}
		return nil, err
	}
	if err := checkSSECustomer(in, o); err != nil {
		return nil, err
	}
	attrs := map[string]bool{}
	for _, a := range list(in, "ObjectAttributes") {
		if as, ok := a.(string); ok {
			for _, x := range strings.Split(as, ",") {
				attrs[strings.TrimSpace(x)] = true
			}
		}
	}
	if len(attrs) == 0 {
		for _, x := range strings.Split(header(ctx, "x-amz-object-attributes"), ",") {
			if x = strings.TrimSpace(x); x != "" {
				attrs[x] = true
			}
		}
	}
	for a := range attrs {
		switch a {
		case "ETag", "Checksum", "ObjectParts", "StorageClass", "ObjectSize":
		default:
			return nil, errInvalidArgument("Invalid attribute name specified.", "x-amz-object-attributes", a)
		}
	}
	out := map[string]any{"LastModified": o.LastModified}
	if b.Versioning != "" {
		out["VersionId"] = o.VersionID
	}
	if attrs["ETag"] {
		out["ETag"] = strings.Trim(o.ETag, `"`)
	}
	if attrs["StorageClass"] {
		out["StorageClass"] = o.StorageClass
	}
	if attrs["ObjectSize"] {
		out["ObjectSize"] = o.Size
	}
	if attrs["Checksum"] && o.Checksum != "" && !(o.ChecksumType == ChecksumComposite && len(o.Parts) == 0) {
		// a COMPOSITE checksum is answered without its "-<parts>" suffix
		value, _, _ := strings.Cut(o.Checksum, "-")
		out["Checksum"] = map[string]any{o.ChecksumAlgorithm.Member(): value, "ChecksumType": o.ChecksumType}
	}
	switch {
	case !attrs["ObjectParts"] || len(o.Parts) == 0:
	case o.ChecksumType == ChecksumComposite:
		out["ObjectParts"] = objectPartsOutput(in, o)
	default: // only COMPOSITE objects keep part-level checksums to list
		out["ObjectParts"] = map[string]any{"TotalPartsCount": int64(len(o.Parts))}
	}
	return out, nil
}

// objectPartsOutput pages the parts of a multipart object for
// GetObjectAttributes.
func objectPartsOutput(in service.Params, o *Object) map[string]any {
	marker, _ := integer(in, "PartNumberMarker")
	maxParts, ok := integer(in, "MaxParts")
	if !ok {
		maxParts = 1000
	}
	parts := append([]ObjectPart(nil), o.Parts...)
	sort.Slice(parts, func(i, j int) bool { return parts[i].Number < parts[j].Number })
	out := map[string]any{"TotalPartsCount": int64(len(o.Parts)), "PartNumberMarker": marker, "MaxParts": maxParts, "IsTruncated": false,
		"NextPartNumberMarker": int64(0)} // 0 when no part follows the marker
	var list []any
	for _, p := range parts {
		if int64(p.Number) <= marker {
			continue
		}
		if int64(len(list)) == maxParts {
			out["IsTruncated"] = true
			break
		}
		entry := map[string]any{"PartNumber": int64(p.Number), "Size": p.Size}
		if p.Checksum != "" && o.ChecksumType == ChecksumComposite {
			entry[o.ChecksumAlgorithm.Member()] = p.Checksum
		}
		list = append(list, entry)
		out["NextPartNumberMarker"] = int64(p.Number)
	}
	if len(list) > 0 {
		out["Parts"] = list
	}
	return out
}
