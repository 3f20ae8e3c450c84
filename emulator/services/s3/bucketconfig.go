package s3

import (
	"sort"
	"strings"

	"github.com/parity-harness/parity/emulator/awserr"
	"github.com/parity-harness/parity/emulator/service"
)

// configKind describes a bucket subresource stored as its decoded input
// member and returned as an output member.
type configKind struct {
	key       string // Bucket.Configs key
	input     string // input payload member
	output    string // output member holding the config; "" = its members inline
	notFound  string // error code when never set ("" = an empty output)
	notFoundM string
	validate  func(s *Service, b *Bucket, cfg map[string]any) error
	// defaultOf, when not nil, is the configuration of a bucket that never
	// set one.
	defaultOf func(b *Bucket) map[string]any
}

var configKinds = map[string]*configKind{
	"Cors":                   {key: "cors", input: "CORSConfiguration", notFound: "NoSuchCORSConfiguration", notFoundM: "The CORS configuration does not exist", validate: validateCORS},
	"LifecycleConfiguration": {key: "lifecycle", input: "LifecycleConfiguration", notFound: "NoSuchLifecycleConfiguration", notFoundM: "The lifecycle configuration does not exist", validate: validateLifecycle},
	"Encryption": {key: "encryption", input: "ServerSideEncryptionConfiguration", output: "ServerSideEncryptionConfiguration", validate: validateEncryption,
		defaultOf: func(*Bucket) map[string]any {
			return map[string]any{"Rules": []any{map[string]any{"ApplyServerSideEncryptionByDefault": map[string]any{"SSEAlgorithm": "AES256"}, "BucketKeyEnabled": false}}}
		}},
	"PublicAccessBlock": {key: "publicAccessBlock", input: "PublicAccessBlockConfiguration", output: "PublicAccessBlockConfiguration", notFound: "NoSuchPublicAccessBlockConfiguration", notFoundM: "The public access block configuration was not found"},
	"OwnershipControls": {key: "ownershipControls", input: "OwnershipControls", output: "OwnershipControls", notFound: "OwnershipControlsNotFoundError", notFoundM: "The bucket ownership controls were not found", validate: validateOwnership},
	"Website":           {key: "website", input: "WebsiteConfiguration", notFound: "NoSuchWebsiteConfiguration", notFoundM: "The specified bucket does not have a website configuration", validate: validateWebsite},
	"Logging":           {key: "logging", input: "BucketLoggingStatus", validate: validateLogging},
	"RequestPayment": {key: "requestPayment", input: "RequestPaymentConfiguration", validate: validateRequestPayment,
		defaultOf: func(*Bucket) map[string]any { return map[string]any{"Payer": "BucketOwner"} }},
	"AccelerateConfiguration":   {key: "accelerate", input: "AccelerateConfiguration", validate: validateAccelerate},
	"Replication":               {key: "replication", input: "ReplicationConfiguration", output: "ReplicationConfiguration", notFound: "ReplicationConfigurationNotFoundError", notFoundM: "The replication configuration was not found", validate: validateReplication},
	"NotificationConfiguration": {key: "notification", input: "NotificationConfiguration", validate: validateNotification},
	"ObjectLockConfiguration":   {key: "objectLock", input: "ObjectLockConfiguration", output: "ObjectLockConfiguration", notFound: "ObjectLockConfigurationNotFoundError", notFoundM: "Object Lock configuration does not exist for this bucket", validate: validateObjectLockConfig},
}

func (s *Service) bucketConfigHandlers(h map[string]service.Handler) {
	for name, kind := range configKinds {
		kind := kind
		getOp, putOp, deleteOp := "GetBucket"+name, "PutBucket"+name, "DeleteBucket"+name
		switch name {
		case "PublicAccessBlock":
			getOp, putOp, deleteOp = "GetPublicAccessBlock", "PutPublicAccessBlock", "DeletePublicAccessBlock"
		case "ObjectLockConfiguration":
			getOp, putOp, deleteOp = "GetObjectLockConfiguration", "PutObjectLockConfiguration", ""
		case "LifecycleConfiguration":
			deleteOp = "DeleteBucketLifecycle"
			h["PutBucketLifecycle"] = s.putConfig(kind)
			h["GetBucketLifecycle"] = s.getConfig(kind)
		case "Logging", "RequestPayment", "AccelerateConfiguration", "NotificationConfiguration":
			deleteOp = ""
		}
		h[getOp] = s.getConfig(kind)
		h[putOp] = s.putConfig(kind)
		if deleteOp != "" {
			h[deleteOp] = s.deleteConfig(kind)
		}
	}
	for _, nk := range namedKinds {
		nk := nk
		h["PutBucket"+nk.name+"Configuration"] = s.putNamed(nk)
		h["GetBucket"+nk.name+"Configuration"] = s.getNamed(nk)
		h["DeleteBucket"+nk.name+"Configuration"] = s.deleteNamed(nk)
		h["ListBucket"+nk.name+"Configurations"] = s.listNamed(nk)
	}
}

// configOf returns a bucket's configuration of kind, or its default; nil if
// none.
func configOf(b *Bucket, kind *configKind) map[string]any {
	if cfg, ok := b.Configs[kind.key].(map[string]any); ok {
		return cfg
	}
	if kind.key == "ownershipControls" && b.ObjectOwnership != "" {
		return map[string]any{"Rules": []any{map[string]any{"ObjectOwnership": b.ObjectOwnership}}}
	}
	if kind.key == "publicAccessBlock" && !b.publicAccessRemoved() {
		return map[string]any{"BlockPublicAcls": true, "IgnorePublicAcls": true, "BlockPublicPolicy": true, "RestrictPublicBuckets": true}
	}
	if kind.defaultOf != nil {
		return kind.defaultOf(b)
	}
	return nil
}

// publicAccessRemoved reports whether the default public access block (on
// for every new bucket) was deleted.
func (b *Bucket) publicAccessRemoved() bool { return b.Configs["publicAccessBlock.deleted"] == true }

func (s *Service) getConfig(kind *configKind) service.Handler {
	return func(ctx *service.Context, in service.Params) (any, error) {
		b, err := s.bucket(in)
		if err != nil {
			return nil, err
		}
		if kind.key == "objectLock" && !b.ObjectLockEnabled {
			return nil, errMissingConfig(kind.notFound, kind.notFoundM, b.Name)
		}
		cfg := configOf(b, kind)
		if cfg == nil {
			if kind.notFound != "" {
				return nil, errMissingConfig(kind.notFound, kind.notFoundM, b.Name)
			}
			return map[string]any{}, nil
		}
		if kind.output != "" {
			return map[string]any{kind.output: cfg}, nil
		}
		out := map[string]any{}
		for k, v := range cfg {
			out[k] = v
		}
		return out, nil
	}
}

func (s *Service) putConfig(kind *configKind) service.Handler {
	return func(ctx *service.Context, in service.Params) (any, error) {
		b, err := s.bucket(in)
		if err != nil {
			return nil, err
		}
		cfg := object(in, kind.input)
		if cfg == nil {
			return nil, errMalformedXML()
		}
		if kind.validate != nil {
			if err := kind.validate(s, b, cfg); err != nil {
				return nil, err
			}
		}
		if kind.key == "notification" {
			if err := s.testNotificationTargets(ctx, b, cfg, boolean(in, "SkipDestinationValidation")); err != nil {
				return nil, err
			}
		}
		out := map[string]any{}
		if kind.key == "lifecycle" {
			// The minimum object size for transitions travels in a header of
			// the put and is answered on put and get; AWS defaults it.
			size := str(in, "TransitionDefaultMinimumObjectSize")
			if size == "" {
				size = defaultTransitionMinimumSize
			}
			cfg["TransitionDefaultMinimumObjectSize"] = size
			out["TransitionDefaultMinimumObjectSize"] = size
		}
		return out, s.updateBucket(in, func(b *Bucket) error {
			switch kind.key {
			case "ownershipControls":
				b.ObjectOwnership = ownershipOf(cfg)
			case "objectLock":
				b.ObjectLockEnabled = true
				if b.Versioning != "Enabled" {
					return errInvalidRequest("Versioning must be 'Enabled' on the bucket to apply a Object Lock configuration")
				}
			case "logging":
				if object(cfg, "LoggingEnabled") == nil {
					delete(b.Configs, kind.key)
					return nil
				}
			}
			b.Configs[kind.key] = cfg
			return nil
		})
	}
}

// defaultTransitionMinimumSize is the lifecycle transition threshold AWS
// applies when a configuration names none.
const defaultTransitionMinimumSize = "all_storage_classes_128K"

func (s *Service) deleteConfig(kind *configKind) service.Handler {
	return func(ctx *service.Context, in service.Params) (any, error) {
		return map[string]any{}, s.updateBucket(in, func(b *Bucket) error {
			delete(b.Configs, kind.key)
			switch kind.key {
			case "ownershipControls":
				b.ObjectOwnership = ""
			case "publicAccessBlock":
				b.Configs["publicAccessBlock.deleted"] = true
			}
			return nil
		})
	}
}

func ownershipOf(cfg map[string]any) string {
	for _, r := range list(cfg, "Rules") {
		if m, ok := r.(map[string]any); ok {
			return str(m, "ObjectOwnership")
		}
	}
	return ""
}

func validateOwnership(_ *Service, _ *Bucket, cfg map[string]any) error {
	rules := list(cfg, "Rules")
	if len(rules) != 1 {
		return errMalformedXML()
	}
	switch ownershipOf(cfg) {
	case "BucketOwnerEnforced", "BucketOwnerPreferred", "ObjectWriter":
		return nil
	}
	return errMalformedXML()
}

func validateCORS(_ *Service, _ *Bucket, cfg map[string]any) error {
	rules := list(cfg, "CORSRules")
	if len(rules) == 0 || len(rules) > 100 {
		return errMalformedXML()
	}
	for _, r := range rules {
		m, _ := r.(map[string]any)
		if len(list(m, "AllowedMethods")) == 0 || len(list(m, "AllowedOrigins")) == 0 {
			return errMalformedXML()
		}
		for _, meth := range list(m, "AllowedMethods") {
			switch meth {
			case "GET", "PUT", "POST", "DELETE", "HEAD":
			default:
				ms, _ := meth.(string)
				return errInvalidRequest("Found unsupported HTTP method in CORS config. Unsupported method is " + ms)
			}
		}
	}
	return nil
}

func validateEncryption(_ *Service, _ *Bucket, cfg map[string]any) error {
	rules := list(cfg, "Rules")
	if len(rules) == 0 {
		return errMalformedXML()
	}
	for _, r := range rules {
		m, _ := r.(map[string]any)
		def := object(m, "ApplyServerSideEncryptionByDefault")
		if def == nil {
			continue
		}
		switch str(def, "SSEAlgorithm") {
		case "AES256", "aws:kms", "aws:kms:dsse":
		default:
			return errMalformedXML()
		}
		if str(def, "SSEAlgorithm") == "AES256" && str(def, "KMSMasterKeyID") != "" {
			return errInvalidArgument("a KMSMasterKeyID is not applicable if the default sse algorithm is not aws:kms or aws:kms:dsse", "ApplyServerSideEncryptionByDefault", "\x00")
		}
	}
	return nil
}

func validateWebsite(_ *Service, _ *Bucket, cfg map[string]any) error {
	redirect := object(cfg, "RedirectAllRequestsTo")
	index := object(cfg, "IndexDocument")
	if redirect != nil {
		if index != nil || object(cfg, "ErrorDocument") != nil || len(list(cfg, "RoutingRules")) > 0 {
			return errInvalidArgument("RedirectAllRequestsTo cannot be provided in conjunction with other Routing Rules.", "RedirectAllRequestsTo", "not null")
		}
		if p := str(redirect, "Protocol"); p != "" && p != "http" && p != "https" {
			return errInvalidRequest("Invalid protocol, protocol can be http or https. If not defined the protocol will be selected automatically.")
		}
		return nil
	}
	if index == nil {
		return errInvalidArgument("A value for IndexDocument Suffix must be provided if RedirectAllRequestsTo is empty", "IndexDocument", "null")
	}
	suffix := str(index, "Suffix")
	if suffix == "" || strings.Contains(suffix, "/") {
		return errInvalidArgument("The IndexDocument Suffix is not well formed", "IndexDocument", suffix)
	}
	if _, ok := cfg["RoutingRules"]; ok && len(list(cfg, "RoutingRules")) == 0 {
		return errMalformedXML() // RoutingRules, when present, holds at least one rule
	}
	for _, r := range list(cfg, "RoutingRules") {
		m, _ := r.(map[string]any)
		if c, ok := m["Condition"]; ok {
			if cm, _ := c.(map[string]any); len(cm) == 0 {
				return errInvalidRequest("Condition cannot be empty. To redirect all requests without a condition, the condition element shouldn't be present.")
			}
		}
		red := object(m, "Redirect")
		if p := str(red, "Protocol"); p != "" && p != "http" && p != "https" {
			return errInvalidRequest("Invalid protocol, protocol can be http or https. If not defined the protocol will be selected automatically.")
		}
		if red != nil && str(red, "ReplaceKeyPrefixWith") != "" && str(red, "ReplaceKeyWith") != "" {
			return errInvalidRequest("You can only define ReplaceKeyPrefix or ReplaceKey but not both.")
		}
	}
	return nil
}

func validateLogging(s *Service, b *Bucket, cfg map[string]any) error {
	le := object(cfg, "LoggingEnabled")
	if le == nil {
		return nil
	}
	target := str(le, "TargetBucket")
	tb, err := s.backend.Bucket(target)
	if err != nil {
		return awserr.New("InvalidTargetBucketForLogging", 400, "The target bucket for logging does not exist").With("TargetBucket", target)
	}
	if tb.Region != b.Region {
		e := awserr.New("CrossLocationLoggingProhibitted", 403, "Cross S3 location logging not allowed. ")
		if b.Region != "us-east-1" {
			e.With("SourceBucketLocation", b.Region)
		}
		return e.With("TargetBucketLocation", tb.Region)
	}
	return nil
}

func validateRequestPayment(_ *Service, _ *Bucket, cfg map[string]any) error {
	switch str(cfg, "Payer") {
	case "Requester", "BucketOwner":
		return nil
	}
	return errMalformedXML()
}

func validateAccelerate(_ *Service, b *Bucket, cfg map[string]any) error {
	if strings.Contains(b.Name, ".") {
		return errInvalidRequest("S3 Transfer Acceleration is not supported for buckets with periods (.) in their names")
	}
	switch str(cfg, "Status") {
	case "Enabled", "Suspended":
		return nil
	}
	return errMalformedXML()
}

func validateReplication(s *Service, b *Bucket, cfg map[string]any) error {
	if len(list(cfg, "Rules")) == 0 {
		return errMalformedXML()
	}
	if b.Versioning != "Enabled" {
		return errInvalidRequest("Versioning must be 'Enabled' on the bucket to apply a replication configuration")
	}
	for _, r := range list(cfg, "Rules") {
		m, _ := r.(map[string]any)
		dest := object(m, "Destination")
		arn := str(dest, "Bucket")
		p, ok := service.ParseARN(arn)
		if !ok || p.Service != "s3" {
			return awserr.New("InvalidS3DestinationBucket", 400, "Invalid bucket ARN.")
		}
		// S3 answers a missing destination as one without versioning.
		db, err := s.backend.Bucket(p.Resource)
		if err != nil || db.Versioning != "Enabled" {
			return errInvalidRequest("Destination bucket must have versioning enabled.")
		}
	}
	return nil
}

func validateObjectLockConfig(_ *Service, b *Bucket, cfg map[string]any) error {
	if str(cfg, "ObjectLockEnabled") != "Enabled" {
		return errMalformedXML()
	}
	rule, hasRule := cfg["Rule"]
	if !hasRule {
		return nil
	}
	rm, _ := rule.(map[string]any)
	ret := object(rm, "DefaultRetention")
	if ret == nil {
		return errMalformedXML()
	}
	mode := str(ret, "Mode")
	if mode != "GOVERNANCE" && mode != "COMPLIANCE" {
		return errMalformedXML()
	}
	_, hasDays := integer(ret, "Days")
	_, hasYears := integer(ret, "Years")
	if hasDays == hasYears {
		return errMalformedXML()
	}
	d, _ := integer(ret, "Days")
	y, _ := integer(ret, "Years")
	if (hasDays && d <= 0) || (hasYears && y <= 0) {
		return errInvalidArgument("Default retention period must be a positive integer value", "\x00", "\x00")
	}
	return nil
}

// namedKind is a configuration kept per id (analytics, metrics, inventory,
// intelligent-tiering).
type namedKind struct {
	name   string // operation infix: "Analytics", "Metrics", …
	member string // input/output member, e.g. "AnalyticsConfiguration"
	list   string // list output member
}

var namedKinds = []namedKind{
	{"Analytics", "AnalyticsConfiguration", "AnalyticsConfigurationList"},
	{"Metrics", "MetricsConfiguration", "MetricsConfigurationList"},
	{"Inventory", "InventoryConfiguration", "InventoryConfigurationList"},
	{"IntelligentTiering", "IntelligentTieringConfiguration", "IntelligentTieringConfigurationList"},
}

func errNoSuchConfiguration() error {
	return awserr.New("NoSuchConfiguration", 404, "The specified configuration does not exist.")
}

func (s *Service) putNamed(nk namedKind) service.Handler {
	return func(ctx *service.Context, in service.Params) (any, error) {
		cfg := object(in, nk.member)
		if cfg == nil {
			return nil, errMalformedXML()
		}
		id := str(in, "Id")
		if err := validateNamed(nk, id, cfg); err != nil {
			return nil, err
		}
		err := s.updateBucket(in, func(b *Bucket) error {
			if b.Named[nk.name] == nil {
				b.Named[nk.name] = map[string]any{}
			}
			b.Named[nk.name][id] = cfg
			return nil
		})
		if err != nil {
			return nil, err
		}
		setStatus(ctx, namedPutStatus(nk))
		return map[string]any{}, nil
	}
}

func (s *Service) getNamed(nk namedKind) service.Handler {
	return func(ctx *service.Context, in service.Params) (any, error) {
		b, err := s.bucket(in)
		if err != nil {
			return nil, err
		}
		cfg, ok := b.Named[nk.name][str(in, "Id")]
		if !ok {
			return nil, errNoSuchConfiguration()
		}
		return map[string]any{nk.member: cfg}, nil
	}
}

func (s *Service) deleteNamed(nk namedKind) service.Handler {
	return func(ctx *service.Context, in service.Params) (any, error) {
		return map[string]any{}, s.updateBucket(in, func(b *Bucket) error {
			id := str(in, "Id")
			if _, ok := b.Named[nk.name][id]; !ok {
				return errNoSuchConfiguration()
			}
			delete(b.Named[nk.name], id)
			return nil
		})
	}
}

// namedPageSize is how many configurations a List…Configurations page holds.
const namedPageSize = 100

func (s *Service) listNamed(nk namedKind) service.Handler {
	return func(ctx *service.Context, in service.Params) (any, error) {
		b, err := s.bucket(in)
		if err != nil {
			return nil, err
		}
		ids := make([]string, 0, len(b.Named[nk.name]))
		for id := range b.Named[nk.name] {
			ids = append(ids, id)
		}
		sort.Strings(ids)
		token := str(in, "ContinuationToken")
		if token != "" {
			after, ok := decodeToken(token)
			if !ok {
				return nil, errInvalidArgumentNoValue("The continuation token provided is incorrect", "continuation-token")
			}
			i := sort.SearchStrings(ids, after)
			for i < len(ids) && ids[i] <= after {
				i++
			}
			ids = ids[i:]
		}
		out := map[string]any{"IsTruncated": false}
		if token != "" {
			out["ContinuationToken"] = token
		}
		if len(ids) > namedPageSize {
			ids = ids[:namedPageSize]
			out["IsTruncated"] = true
			out["NextContinuationToken"] = encodeToken(ids[len(ids)-1])
		}
		var cfgs []any
		for _, id := range ids {
			cfgs = append(cfgs, b.Named[nk.name][id])
		}
		if len(cfgs) > 0 {
			out[nk.list] = cfgs
		}
		return out, nil
	}
}
