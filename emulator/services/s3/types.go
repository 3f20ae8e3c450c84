package s3

import (
	"time"
)

// Bucket is a bucket's metadata and configuration. Values returned by a
// Backend are copies: change a bucket through Backend.UpdateBucket.
type Bucket struct {
	Name    string
	Account string
	Region  string
	Created time.Time

	// Versioning is "" (never enabled), "Enabled" or "Suspended".
	Versioning string
	MFADelete  string
	// ObjectLockEnabled is set at creation (or by PutObjectLockConfiguration).
	ObjectLockEnabled bool
	ObjectOwnership   string

	ACL  ACL
	Tags []Tag

	// Configs holds the bucket's subresource configurations as the decoded
	// input members ("CORSConfiguration", "Policy", …) by subresource name.
	Configs map[string]any
	// Named holds id-keyed configurations (analytics, metrics, inventory,
	// intelligent-tiering) per kind.
	Named map[string]map[string]any
}

func (b *Bucket) clone() *Bucket {
	c := *b
	c.Configs = make(map[string]any, len(b.Configs))
	for k, v := range b.Configs {
		c.Configs[k] = v
	}
	c.Named = make(map[string]map[string]any, len(b.Named))
	for k, m := range b.Named {
		cm := make(map[string]any, len(m))
		for id, v := range m {
			cm[id] = v
		}
		c.Named[k] = cm
	}
	c.Tags = append([]Tag(nil), b.Tags...)
	c.ACL = b.ACL.clone()
	return &c
}

// Tag is one key/value tag, in the order it was given.
type Tag struct{ Key, Value string }

// Owner is a canonical user.
type Owner struct {
	ID          string
	DisplayName string
}

// Grant is one ACL grant; the grantee is a canonical user (ID), an e-mail
// address or a group URI.
type Grant struct {
	GranteeType string // CanonicalUser, AmazonCustomerByEmail, Group
	ID          string
	DisplayName string
	Email       string
	URI         string
	Permission  string
}

// ACL is an access control list.
type ACL struct {
	Owner  Owner
	Grants []Grant
}

func (a ACL) clone() ACL {
	a.Grants = append([]Grant(nil), a.Grants...)
	return a
}

// Object is one version of an object, or a delete marker. Objects are
// immutable once stored: changes replace the version (Backend.UpdateObject).
type Object struct {
	Key          string
	VersionID    string // "null" for objects written while versioning was off or suspended
	DeleteMarker bool
	IsLatest     bool // set on values returned by the backend
	// Sequence orders the versions of a key (see versionorder.go).
	Sequence uint64

	Body         Blob
	Size         int64
	ETag         string // quoted
	LastModified time.Time
	Owner        Owner

	ContentType, ContentEncoding, ContentDisposition, ContentLanguage, CacheControl string
	Expires                                                                         string // raw header value
	WebsiteRedirectLocation                                                         string
	Metadata                                                                        map[string]string
	StorageClass                                                                    string
	Tags                                                                            []Tag
	ACL                                                                             ACL

	ServerSideEncryption string
	SSEKMSKeyID          string
	BucketKeyEnabled     bool
	SSECustomerAlgorithm string
	SSECustomerKeyMD5    string

	ChecksumAlgorithm ChecksumAlgorithm
	Checksum          string // base64; composite checksums end in -N
	ChecksumType      string // FULL_OBJECT or COMPOSITE

	// Parts describes the parts of an object completed from a multipart
	// upload (GetObject partNumber, GetObjectAttributes).
	Parts []ObjectPart

	LockMode        string
	LockRetainUntil *time.Time
	LegalHold       string

	// Restore is the x-amz-restore value of an archived object whose
	// restore was requested ("" when none was).
	Restore string
}

// ObjectPart is one part of a multipart object.
type ObjectPart struct {
	Number   int
	Size     int64
	Checksum string
}

func (o *Object) clone() *Object {
	c := *o
	return &c
}

// Upload is a multipart upload in progress.
type Upload struct {
	ID        string
	Key       string
	Initiated time.Time
	Owner     Owner
	// Template carries the object's metadata, given at creation.
	Template          Object
	ChecksumAlgorithm ChecksumAlgorithm
	ChecksumType      string
	Parts             map[int]*Part
	// KeyState is the keyIdentity of the key's latest version when the
	// upload began: conditional completions conflict with later writes.
	KeyState string
}

// Part is one uploaded part.
type Part struct {
	Number       int
	Body         Blob
	Size         int64
	ETag         string // quoted
	MD5          []byte
	LastModified time.Time
	Checksum     string // of the upload's (or the request's) algorithm
	// Sums holds the part's checksums: the upload's (or the request's)
	// algorithm and CRC64NVME, for the default full-object checksum.
	Sums map[ChecksumAlgorithm]string
}
