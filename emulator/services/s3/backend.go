package s3

import "errors"

// Backend stores buckets, object versions and multipart uploads. The
// service holds S3's rules; a backend holds data and applies the versioning
// rules atomically. Implementations must be safe for concurrent use.
type Backend interface {
	Blobs() *BlobStore

	CreateBucket(b *Bucket) error // ErrBucketExists
	Bucket(name string) (*Bucket, error)
	UpdateBucket(name string, fn func(*Bucket) error) error
	DeleteBucket(name string) error // ErrBucketNotEmpty
	Buckets() []*Bucket             // sorted by name

	// PutObject stores obj as the latest version of its key, following the
	// bucket's versioning state (it assigns VersionID). check, when not nil,
	// runs under the write lock with the current latest version (nil if none)
	// and may refuse the write: conditional writes.
	PutObject(bucket string, obj *Object, check func(current *Object) error) (*Object, error)
	// Object returns a version ("" = latest, which may be a delete marker).
	Object(bucket, key, versionID string) (*Object, error)
	UpdateObject(bucket, key, versionID string, fn func(*Object) error) (*Object, error)
	// DeleteObject deletes a version, or with versionID "" applies the
	// versioning rules (delete marker or removal). It returns the marker or
	// version removed, nil when nothing existed.
	DeleteObject(bucket, key, versionID string, check func(current *Object) error) (*Object, error)
	// Versions returns every version of every key, keys ascending, newest
	// version first.
	Versions(bucket string) ([]*Object, error)

	CreateUpload(bucket string, u *Upload) error
	Upload(bucket, id string) (*Upload, error)
	PutPart(bucket, id string, p *Part) error
	// CompleteUpload removes the upload and stores obj in one step.
	CompleteUpload(bucket, id string, obj *Object, check func(current *Object) error) (*Object, error)
	AbortUpload(bucket, id string) error
	Uploads(bucket string) ([]*Upload, error) // by key, then initiation
}

// Backend errors; the service maps them to S3 errors.
var (
	ErrBucketExists   = errors.New("bucket exists")
	ErrNoSuchBucket   = errors.New("no such bucket")
	ErrBucketNotEmpty = errors.New("bucket not empty")
	ErrNoSuchKey      = errors.New("no such key")
	ErrNoSuchVersion  = errors.New("no such version")
	ErrNoSuchUpload   = errors.New("no such upload")
)
