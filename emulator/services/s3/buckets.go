package s3

import (
	"encoding/json"
	"errors"
	"net"
	"net/http"
	"regexp"
	"strings"

	"github.com/parity-harness/parity/emulator/awserr"
	"github.com/parity-harness/parity/emulator/service"
)

var bucketNamePattern = regexp.MustCompile(`^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$`)

// validBucketName applies S3's general purpose bucket naming rules.
func validBucketName(name string) bool {
	if !bucketNamePattern.MatchString(name) || strings.Contains(name, "..") {
		return false
	}
	if net.ParseIP(name) != nil || strings.HasPrefix(name, "xn--") || strings.HasSuffix(name, "-s3alias") {
		return false
	}
	return true
}

// bucketARN is arn:aws:s3:::name.
func bucketARN(region, name string) string {
	return "arn:" + service.Partition(region) + ":s3:::" + name
}

// checkExpectedOwner validates x-amz-expected-bucket-owner against the
// bucket's account.
func checkExpectedOwner(in service.Params, b *Bucket) error {
	want := str(in, "ExpectedBucketOwner")
	if want == "" {
		return nil
	}
	if len(want) != 12 || strings.Trim(want, "0123456789") != "" {
		return awserr.Newf("InvalidBucketOwnerAWSAccountID", 400, "The value of the expected bucket owner parameter must be an AWS Account ID... [%s]", want)
	}
	if want != b.Account {
		return awserr.New("AccessDenied", 403, "Access Denied")
	}
	return nil
}

// bucket loads the bucket a request names, with the expected-owner check.
func (s *Service) bucket(in service.Params) (*Bucket, error) {
	name := str(in, "Bucket")
	if want := str(in, "ExpectedBucketOwner"); want != "" && (len(want) != 12 || strings.Trim(want, "0123456789") != "") {
		return nil, checkExpectedOwner(in, &Bucket{})
	}
	b, err := s.backend.Bucket(name)
	if err != nil {
		return nil, mapBackendError(err, name, "", "", "")
	}
	if err := checkExpectedOwner(in, b); err != nil {
		return nil, err
	}
	return b, nil
}

// updateBucket loads and changes a bucket.
func (s *Service) updateBucket(in service.Params, fn func(*Bucket) error) error {
	if _, err := s.bucket(in); err != nil {
		return err
	}
	name := str(in, "Bucket")
	return mapBackendError(s.backend.UpdateBucket(name, fn), name, "", "", "")
}

func (s *Service) bucketHandlers(h map[string]service.Handler) {
	h["CreateBucket"] = s.createBucket
	h["DeleteBucket"] = s.deleteBucket
	h["HeadBucket"] = s.headBucket
	h["ListBuckets"] = s.listBuckets
	h["GetBucketLocation"] = s.getBucketLocation
	h["PutBucketVersioning"] = s.putBucketVersioning
	h["GetBucketVersioning"] = s.getBucketVersioning
	h["PutBucketTagging"] = s.putBucketTagging
	h["GetBucketTagging"] = s.getBucketTagging
	h["DeleteBucketTagging"] = s.deleteBucketTagging
	h["PutBucketPolicy"] = s.putBucketPolicy
	h["GetBucketPolicy"] = s.getBucketPolicy
	h["DeleteBucketPolicy"] = s.deleteBucketPolicy
	h["GetBucketPolicyStatus"] = s.getBucketPolicyStatus
	h["PutBucketAcl"] = s.putBucketACL
	h["GetBucketAcl"] = s.getBucketACL
}

func (s *Service) createBucket(ctx *service.Context, in service.Params) (any, error) {
	name := str(in, "Bucket")
	if !validBucketName(name) {
		return nil, awserr.New("InvalidBucketName", 400, "The specified bucket is not valid.").With("BucketName", name)
	}
	region := ctx.Region
	if region == "" {
		region = service.DefaultRegion
	}
	constraint := ""
	if cfg := object(in, "CreateBucketConfiguration"); cfg != nil {
		constraint = str(cfg, "LocationConstraint")
	}
	bucketRegion := region
	switch {
	case constraint == "aws-global" || (constraint != "" && !awsRegions[regionOfConstraint(constraint)]) || (constraint == "us-east-1" && region == "us-east-1"):
		return nil, awserr.New("InvalidLocationConstraint", 400, "The specified location-constraint is not valid").With("LocationConstraint", constraint)
	case constraint == "" && region != "us-east-1":
		return nil, awserr.New("IllegalLocationConstraintException", 400, "The unspecified location constraint is incompatible for the region specific endpoint this request was sent to.")
	case constraint != "" && region != "us-east-1" && regionOfConstraint(constraint) != region:
		return nil, awserr.Newf("IllegalLocationConstraintException", 400, "The %s location constraint is incompatible for the region specific endpoint this request was sent to.", constraint)
	case constraint != "":
		bucketRegion = regionOfConstraint(constraint)
	}
	ownership := str(in, "ObjectOwnership")
	if hasHeader(ctx, "x-amz-object-ownership") || has(in, "ObjectOwnership") {
		ownership = strOr(ctx, in, "ObjectOwnership", "x-amz-object-ownership")
		switch ownership {
		case "BucketOwnerEnforced", "BucketOwnerPreferred", "ObjectWriter":
		default:
			return nil, errInvalidArgumentNoValue("Invalid x-amz-object-ownership header: "+ownership, "x-amz-object-ownership")
		}
	} else {
		ownership = "BucketOwnerEnforced"
	}
	owner := ownerOf(ctx.Account)
	acl, _, err := aclFromRequest(in, bucketCannedACLs, owner, owner)
	if err != nil {
		return nil, err
	}
	b := &Bucket{
		Name: name, Account: ctx.Account, Region: bucketRegion, Created: s.now(),
		ObjectLockEnabled: boolean(in, "ObjectLockEnabledForBucket") || strings.EqualFold(header(ctx, "x-amz-bucket-object-lock-enabled"), "true"),
		ObjectOwnership:   ownership,
		ACL:               acl,
		Configs:           map[string]any{},
		Named:             map[string]map[string]any{},
	}
	if constraint != "" {
		b.Configs["location"] = constraint
	}
	if cfg := object(in, "CreateBucketConfiguration"); len(list(cfg, "Tags")) > 0 {
		tags, err := parseTagSet(map[string]any{"TagSet": list(cfg, "Tags")})
		if err != nil {
			return nil, err
		}
		b.Tags = tags
	}
	if b.ObjectLockEnabled {
		b.Versioning = "Enabled"
		b.Configs["objectLock"] = map[string]any{"ObjectLockEnabled": "Enabled"}
	}
	if err := s.backend.CreateBucket(b); err != nil {
		if !errors.Is(err, ErrBucketExists) {
			return nil, err
		}
		existing, gerr := s.backend.Bucket(name)
		if gerr != nil {
			return nil, mapBackendError(gerr, name, "", "", "")
		}
		if existing.Account != ctx.Account {
			return nil, awserr.New("BucketAlreadyExists", 409, "The requested bucket name is not available. The bucket namespace is shared by all users of the system. Please select a different name and try again.").With("BucketName", name)
		}
		// us-east-1 answers success to its owner re-creating a bucket there
		if !(region == "us-east-1" && existing.Region == "us-east-1") {
			return nil, awserr.New("BucketAlreadyOwnedByYou", 409, "Your previous request to create the named bucket succeeded and you already own it.").With("BucketName", name)
		}
	}
	location := "/" + name
	if bucketRegion != "us-east-1" {
		location = strings.TrimSuffix(ctx.Endpoint, "/") + "/" + name + "/"
	}
	setHeader(ctx, "x-amz-bucket-arn", bucketARN(bucketRegion, name))
	return map[string]any{"Location": location, "BucketArn": bucketARN(bucketRegion, name)}, nil
}

func (s *Service) deleteBucket(ctx *service.Context, in service.Params) (any, error) {
	b, err := s.bucket(in)
	if err != nil {
		return nil, err
	}
	return map[string]any{}, mapBackendError(s.backend.DeleteBucket(b.Name), b.Name, "", "", "")
}

func (s *Service) headBucket(ctx *service.Context, in service.Params) (any, error) {
	b, err := s.bucket(in)
	if err != nil {
		if ae, ok := awserr.As(err); ok && ae.Code == "NoSuchBucket" {
			return nil, awserr.New("NotFound", 404, "Not Found")
		}
		return nil, err
	}
	setHeader(ctx, "x-amz-bucket-arn", bucketARN(b.Region, b.Name))
	return map[string]any{"BucketRegion": b.Region, "AccessPointAlias": false, "BucketArn": bucketARN(b.Region, b.Name)}, nil
}

// listBuckets supports the MaxBuckets/ContinuationToken/Prefix/BucketRegion
// parameters (read from the query when the model predates them).
func (s *Service) listBuckets(ctx *service.Context, in service.Params) (any, error) {
	prefix, hasPrefix := query(ctx, "prefix")
	if v := str(in, "Prefix"); v != "" {
		prefix, hasPrefix = v, true
	}
	region, _ := query(ctx, "bucket-region")
	if v := str(in, "BucketRegion"); v != "" {
		region = v
	}
	if region != "" && !awsRegions[region] {
		return nil, errInvalidArgumentNoValue("Argument value "+region+" is not a valid AWS Region", "bucket-region")
	}
	maxBuckets := int64(10000)
	if v, ok := query(ctx, "max-buckets"); ok {
		n, err := parseIntStrict(v)
		if err != nil || n < 1 || n > 10000 {
			return nil, errInvalidArgument("Argument max-buckets must be an integer between 1 and 10000", "max-buckets", v)
		}
		maxBuckets = n
	} else if n, ok := integer(in, "MaxBuckets"); ok {
		maxBuckets = n
	}
	token, _ := query(ctx, "continuation-token")
	if v := str(in, "ContinuationToken"); v != "" {
		token = v
	}
	after := ""
	if token != "" {
		name, ok := decodeToken(token)
		if !ok {
			return nil, errInvalidArgumentNoValue("The continuation token provided is incorrect", "continuation-token")
		}
		after = name
	}
	var buckets []any
	next := ""
	for _, b := range s.backend.Buckets() {
		if b.Account != ctx.Account || !strings.HasPrefix(b.Name, prefix) || (region != "" && b.Region != region) || (after != "" && b.Name <= after) {
			continue
		}
		if int64(len(buckets)) == maxBuckets {
			next = encodeToken(buckets[len(buckets)-1].(map[string]any)["Name"].(string))
			break
		}
		buckets = append(buckets, map[string]any{"Name": b.Name, "CreationDate": b.Created, "BucketRegion": b.Region, "BucketArn": bucketARN(b.Region, b.Name)})
	}
	out := map[string]any{"Buckets": orEmpty(buckets), "Owner": ownerOutput(ownerOf(ctx.Account))}
	if hasPrefix {
		out["Prefix"] = prefix
	}
	if next != "" {
		out["ContinuationToken"] = next
	}
	return out, nil
}

func orEmpty(l []any) []any {
	if l == nil {
		return []any{}
	}
	return l
}

func (s *Service) getBucketLocation(ctx *service.Context, in service.Params) (any, error) {
	b, err := s.bucket(in)
	if err != nil {
		return nil, err
	}
	out := map[string]any{}
	if c, _ := b.Configs["location"].(string); c != "" {
		out["LocationConstraint"] = c
	}
	return out, nil
}

func (s *Service) putBucketVersioning(ctx *service.Context, in service.Params) (any, error) {
	cfg := object(in, "VersioningConfiguration")
	status := str(cfg, "Status")
	if status != "Enabled" && status != "Suspended" {
		return nil, errMalformedXML()
	}
	return map[string]any{}, s.updateBucket(in, func(b *Bucket) error {
		if b.ObjectLockEnabled && status != "Enabled" {
			return awserr.New("InvalidBucketState", 409, "An Object Lock configuration is present on this bucket, so the versioning state cannot be changed.")
		}
		b.Versioning = status
		if m := str(cfg, "MFADelete"); m != "" {
			b.MFADelete = m
		}
		return nil
	})
}

func (s *Service) getBucketVersioning(ctx *service.Context, in service.Params) (any, error) {
	b, err := s.bucket(in)
	if err != nil {
		return nil, err
	}
	out := map[string]any{}
	if b.Versioning != "" {
		out["Status"] = b.Versioning
	}
	if b.MFADelete != "" {
		out["MFADelete"] = b.MFADelete
	}
	return out, nil
}

// parseTagSet validates a Tagging member's TagSet.
func parseTagSet(tagging map[string]any) ([]Tag, error) {
	var tags []Tag
	seen := map[string]bool{}
	for _, t := range list(tagging, "TagSet") {
		tm, _ := t.(map[string]any)
		k, v := str(tm, "Key"), str(tm, "Value")
		if seen[k] {
			return nil, errInvalidRequest("Cannot provide multiple Tags with the same key")
		}
		seen[k] = true
		if len(k) == 0 || len(k) > 128 || len(v) > 256 || strings.HasPrefix(strings.ToLower(k), "aws:") {
			return nil, awserr.New("InvalidTag", 400, "The TagKey you have provided is invalid")
		}
		tags = append(tags, Tag{k, v})
	}
	if len(tags) > 50 {
		return nil, awserr.New("BadRequest", 400, "Object tags cannot be greater than 50")
	}
	return tags, nil
}

func tagSetOutput(tags []Tag) []any {
	out := make([]any, 0, len(tags))
	for _, t := range tags {
		out = append(out, map[string]any{"Key": t.Key, "Value": t.Value})
	}
	return out
}

func (s *Service) putBucketTagging(ctx *service.Context, in service.Params) (any, error) {
	tags, err := parseTagSet(object(in, "Tagging"))
	if err != nil {
		return nil, err
	}
	setStatus(ctx, http.StatusNoContent)
	return map[string]any{}, s.updateBucket(in, func(b *Bucket) error {
		b.Tags = tags
		return nil
	})
}

func (s *Service) getBucketTagging(ctx *service.Context, in service.Params) (any, error) {
	b, err := s.bucket(in)
	if err != nil {
		return nil, err
	}
	if len(b.Tags) == 0 {
		return nil, errMissingConfig("NoSuchTagSet", "The TagSet does not exist", b.Name)
	}
	return map[string]any{"TagSet": tagSetOutput(b.Tags)}, nil
}

func (s *Service) deleteBucketTagging(ctx *service.Context, in service.Params) (any, error) {
	return map[string]any{}, s.updateBucket(in, func(b *Bucket) error {
		b.Tags = nil
		return nil
	})
}

// validatePolicy checks a bucket policy the way S3 does before storing it.
func validatePolicy(policy string) error {
	trimmed := strings.TrimSpace(policy)
	var doc map[string]any
	if !strings.HasPrefix(trimmed, "{") || json.Unmarshal([]byte(trimmed), &doc) != nil {
		return awserr.New("MalformedPolicy", 400, "Policies must be valid JSON and the first byte must be '{'")
	}
	st, ok := doc["Statement"]
	if !ok {
		return awserr.New("MalformedPolicy", 400, "Missing required field Statement")
	}
	var statements []any
	switch v := st.(type) {
	case []any:
		statements = v
	case map[string]any:
		statements = []any{v}
	default:
		return awserr.New("MalformedPolicy", 400, "Statement is not valid")
	}
	for _, x := range statements {
		m, ok := x.(map[string]any)
		if !ok {
			return awserr.New("MalformedPolicy", 400, "Statement is not valid")
		}
		if e, _ := m["Effect"].(string); e != "Allow" && e != "Deny" {
			return awserr.New("MalformedPolicy", 400, "Invalid effect: "+e)
		}
		if _, ok := m["Action"]; !ok {
			if _, ok := m["NotAction"]; !ok {
				return awserr.New("MalformedPolicy", 400, "Missing required field Action")
			}
		}
		if _, ok := m["Principal"]; !ok {
			if _, ok := m["NotPrincipal"]; !ok {
				return awserr.New("MalformedPolicy", 400, "Missing required field Principal")
			}
		}
	}
	return nil
}

func (s *Service) putBucketPolicy(ctx *service.Context, in service.Params) (any, error) {
	if _, err := s.bucket(in); err != nil {
		return nil, err
	}
	policy := policyText(in)
	if err := validatePolicy(policy); err != nil {
		return nil, err
	}
	setStatus(ctx, http.StatusNoContent)
	return map[string]any{}, s.updateBucket(in, func(b *Bucket) error {
		b.Configs["policy"] = policy
		return nil
	})
}

// policyText reads the Policy payload (a string, bytes or a stream).
func policyText(in service.Params) string {
	switch v := in["Policy"].(type) {
	case string:
		return v
	case []byte:
		return string(v)
	case interface{ Read([]byte) (int, error) }:
		var sb strings.Builder
		buf := make([]byte, 4096)
		for sb.Len() < 1<<20 {
			n, err := v.Read(buf)
			sb.Write(buf[:n])
			if err != nil {
				break
			}
		}
		return sb.String()
	}
	return ""
}

func (s *Service) getBucketPolicy(ctx *service.Context, in service.Params) (any, error) {
	b, err := s.bucket(in)
	if err != nil {
		return nil, err
	}
	p, ok := b.Configs["policy"].(string)
	if !ok {
		return nil, errMissingConfig("NoSuchBucketPolicy", "The bucket policy does not exist", b.Name)
	}
	return map[string]any{"Policy": p}, nil
}

func (s *Service) deleteBucketPolicy(ctx *service.Context, in service.Params) (any, error) {
	return map[string]any{}, s.updateBucket(in, func(b *Bucket) error {
		delete(b.Configs, "policy")
		return nil
	})
}

// getBucketPolicyStatus reports whether the policy grants public access
// (a statement allowing Principal "*" without conditions).
func (s *Service) getBucketPolicyStatus(ctx *service.Context, in service.Params) (any, error) {
	b, err := s.bucket(in)
	if err != nil {
		return nil, err
	}
	p, ok := b.Configs["policy"].(string)
	if !ok {
		return nil, errMissingConfig("NoSuchBucketPolicy", "The bucket policy does not exist", b.Name)
	}
	return map[string]any{"PolicyStatus": map[string]any{"IsPublic": policyIsPublic(p)}}, nil
}

func policyIsPublic(policy string) bool {
	var doc struct {
		Statement json.RawMessage
	}
	if json.Unmarshal([]byte(policy), &doc) != nil {
		return false
	}
	var statements []map[string]any
	if json.Unmarshal(doc.Statement, &statements) != nil {
		var one map[string]any
		if json.Unmarshal(doc.Statement, &one) != nil {
			return false
		}
		statements = []map[string]any{one}
	}
	for _, st := range statements {
		if st["Effect"] != "Allow" || st["Condition"] != nil {
			continue
		}
		switch p := st["Principal"].(type) {
		case string:
			if p == "*" {
				return true
			}
		case map[string]any:
			if p["AWS"] == "*" {
				return true
			}
		}
	}
	return false
}

func (s *Service) putBucketACL(ctx *service.Context, in service.Params) (any, error) {
	b, err := s.bucket(in)
	if err != nil {
		return nil, err
	}
	owner := ownerOf(b.Account)
	acl, err := putACL(in, bucketCannedACLs, owner, owner)
	if err != nil {
		return nil, err
	}
	return map[string]any{}, s.updateBucket(in, func(b *Bucket) error {
		b.ACL = acl
		return nil
	})
}

func (s *Service) getBucketACL(ctx *service.Context, in service.Params) (any, error) {
	b, err := s.bucket(in)
	if err != nil {
		return nil, err
	}
	return aclOutput(b.ACL), nil
}
