package s3

import (
	"sort"
	"sync"
	"time"
)

// MemoryBackend keeps metadata in memory and bodies in a BlobStore (large
// bodies on disk).
type MemoryBackend struct {
	blobs   *BlobStore
	mu      sync.RWMutex
	buckets map[string]*memBucket
}

type memBucket struct {
	meta     *Bucket
	versions map[string][]*Object // newest first
	uploads  map[string]*Upload
}

// NewMemoryBackend returns an empty backend spooling large bodies into dir
// ("" = the system temporary directory).
func NewMemoryBackend(dir string) *MemoryBackend {
	return &MemoryBackend{blobs: &BlobStore{Dir: dir}, buckets: map[string]*memBucket{}}
}

// Blobs returns the blob store bodies are written to.
func (m *MemoryBackend) Blobs() *BlobStore { return m.blobs }

func (m *MemoryBackend) CreateBucket(b *Bucket) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if _, ok := m.buckets[b.Name]; ok {
		return ErrBucketExists
	}
	m.buckets[b.Name] = &memBucket{meta: b.clone(), versions: map[string][]*Object{}, uploads: map[string]*Upload{}}
	return nil
}

func (m *MemoryBackend) Bucket(name string) (*Bucket, error) {
	m.mu.RLock()
	defer m.mu.RUnlock()
	b, ok := m.buckets[name]
	if !ok {
		return nil, ErrNoSuchBucket
	}
	return b.meta.clone(), nil
}

func (m *MemoryBackend) UpdateBucket(name string, fn func(*Bucket) error) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	b, ok := m.buckets[name]
	if !ok {
		return ErrNoSuchBucket
	}
	c := b.meta.clone()
	if err := fn(c); err != nil {
		return err
	}
	b.meta = c
	return nil
}

func (m *MemoryBackend) DeleteBucket(name string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	b, ok := m.buckets[name]
	if !ok {
		return ErrNoSuchBucket
	}
	if len(b.versions) > 0 {
		return ErrBucketNotEmpty
	}
	for _, u := range b.uploads {
		releaseParts(u)
	}
	delete(m.buckets, name)
	return nil
}

func (m *MemoryBackend) Buckets() []*Bucket {
	m.mu.RLock()
	defer m.mu.RUnlock()
	out := make([]*Bucket, 0, len(m.buckets))
	for _, b := range m.buckets {
		out = append(out, b.meta.clone())
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

func (m *MemoryBackend) bucket(name string) (*memBucket, error) {
	b, ok := m.buckets[name]
	if !ok {
		return nil, ErrNoSuchBucket
	}
	return b, nil
}

// latest returns the newest version of key, nil if none.
func (b *memBucket) latest(key string) *Object {
	if vs := b.versions[key]; len(vs) > 0 {
		return vs[0]
	}
	return nil
}

// insert makes obj the latest version, replacing the "null" version when
// versioning is not enabled.
func (b *memBucket) insert(obj *Object) *Object {
	obj = obj.clone()
	if obj.LastModified.IsZero() {
		obj.LastModified = time.Now().UTC()
	}
	vs := b.versions[obj.Key]
	obj.Sequence = nextVersionSequence()
	if b.meta.Versioning == "Enabled" {
		obj.VersionID = orderedVersionID(obj.Sequence)
	} else {
		obj.VersionID = "null"
		for i, v := range vs {
			if v.VersionID == "null" {
				release(v)
				vs = append(vs[:i:i], vs[i+1:]...)
				break
			}
		}
	}
	b.versions[obj.Key] = append([]*Object{obj}, vs...)
	return obj
}

func release(o *Object) {
	if o.Body != nil {
		o.Body.Release()
	}
}

func releaseParts(u *Upload) {
	for _, p := range u.Parts {
		p.Body.Release()
	}
}

func withLatest(o *Object, latest bool) *Object {
	c := o.clone()
	c.IsLatest = latest
	return c
}

func (m *MemoryBackend) PutObject(bucket string, obj *Object, check func(*Object) error) (*Object, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	b, err := m.bucket(bucket)
	if err != nil {
		return nil, err
	}
	if check != nil {
		if err := check(b.latest(obj.Key)); err != nil {
			return nil, err
		}
	}
	return withLatest(b.insert(obj), true), nil
}

func (m *MemoryBackend) Object(bucket, key, versionID string) (*Object, error) {
	m.mu.RLock()
	defer m.mu.RUnlock()
	b, err := m.bucket(bucket)
	if err != nil {
		return nil, err
	}
	vs := b.versions[key]
	if versionID == "" {
		if len(vs) == 0 {
			return nil, ErrNoSuchKey
		}
		return withLatest(vs[0], true), nil
	}
	for i, v := range vs {
		if v.VersionID == versionID {
			return withLatest(v, i == 0), nil
		}
	}
	return nil, ErrNoSuchVersion
}

func (m *MemoryBackend) UpdateObject(bucket, key, versionID string, fn func(*Object) error) (*Object, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	b, err := m.bucket(bucket)
	if err != nil {
		return nil, err
	}
	vs := b.versions[key]
	for i, v := range vs {
		if versionID == "" && i > 0 {
			break
		}
		if versionID == "" || v.VersionID == versionID {
			c := v.clone()
			if err := fn(c); err != nil {
				return nil, err
			}
			vs[i] = c
			return withLatest(c, i == 0), nil
		}
	}
	if versionID == "" {
		return nil, ErrNoSuchKey
	}
	return nil, ErrNoSuchVersion
}

func (m *MemoryBackend) DeleteObject(bucket, key, versionID string, check func(*Object) error) (*Object, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	b, err := m.bucket(bucket)
	if err != nil {
		return nil, err
	}
	vs := b.versions[key]
	if versionID != "" {
		for i, v := range vs {
			if v.VersionID == versionID {
				if check != nil {
					if err := check(v); err != nil {
						return nil, err
					}
				}
				release(v)
				vs = append(vs[:i:i], vs[i+1:]...)
				if len(vs) == 0 {
					delete(b.versions, key)
				} else {
					b.versions[key] = vs
				}
				return withLatest(v, i == 0), nil
			}
		}
		return nil, ErrNoSuchVersion
	}
	if check != nil {
		if err := check(b.latest(key)); err != nil {
			return nil, err
		}
	}
	if b.meta.Versioning == "" {
		if len(vs) == 0 {
			return nil, nil
		}
		release(vs[0])
		delete(b.versions, key)
		return withLatest(vs[0], true), nil
	}
	marker := b.insert(&Object{Key: key, DeleteMarker: true, Owner: b.meta.ACL.Owner})
	return withLatest(marker, true), nil
}

func (m *MemoryBackend) Versions(bucket string) ([]*Object, error) {
	m.mu.RLock()
	defer m.mu.RUnlock()
	b, err := m.bucket(bucket)
	if err != nil {
		return nil, err
	}
	keys := make([]string, 0, len(b.versions))
	for k := range b.versions {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var out []*Object
	for _, k := range keys {
		for i, v := range b.versions[k] {
			out = append(out, withLatest(v, i == 0))
		}
	}
	return out, nil
}

func (m *MemoryBackend) CreateUpload(bucket string, u *Upload) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	b, err := m.bucket(bucket)
	if err != nil {
		return err
	}
	c := *u
	c.Parts = map[int]*Part{}
	b.uploads[u.ID] = &c
	return nil
}

func (m *MemoryBackend) Upload(bucket, id string) (*Upload, error) {
	m.mu.RLock()
	defer m.mu.RUnlock()
	b, err := m.bucket(bucket)
	if err != nil {
		return nil, err
	}
	u, ok := b.uploads[id]
	if !ok {
		return nil, ErrNoSuchUpload
	}
	c := *u
	c.Parts = make(map[int]*Part, len(u.Parts))
	for n, p := range u.Parts {
		c.Parts[n] = p
	}
	return &c, nil
}

func (m *MemoryBackend) PutPart(bucket, id string, p *Part) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	b, err := m.bucket(bucket)
	if err != nil {
		p.Body.Release()
		return err
	}
	u, ok := b.uploads[id]
	if !ok {
		p.Body.Release()
		return ErrNoSuchUpload
	}
	if old, ok := u.Parts[p.Number]; ok {
		old.Body.Release()
	}
	u.Parts[p.Number] = p
	return nil
}

func (m *MemoryBackend) CompleteUpload(bucket, id string, obj *Object, check func(*Object) error) (*Object, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	b, err := m.bucket(bucket)
	if err != nil {
		return nil, err
	}
	u, ok := b.uploads[id]
	if !ok {
		return nil, ErrNoSuchUpload
	}
	if check != nil {
		if err := check(b.latest(obj.Key)); err != nil {
			return nil, err
		}
	}
	delete(b.uploads, id)
	stored := b.insert(obj)
	releaseParts(u) // obj.Body retains the parts it uses
	return withLatest(stored, true), nil
}

func (m *MemoryBackend) AbortUpload(bucket, id string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	b, err := m.bucket(bucket)
	if err != nil {
		return err
	}
	u, ok := b.uploads[id]
	if !ok {
		return ErrNoSuchUpload
	}
	delete(b.uploads, id)
	releaseParts(u)
	return nil
}

func (m *MemoryBackend) Uploads(bucket string) ([]*Upload, error) {
	m.mu.RLock()
	defer m.mu.RUnlock()
	b, err := m.bucket(bucket)
	if err != nil {
		return nil, err
	}
	out := make([]*Upload, 0, len(b.uploads))
	for _, u := range b.uploads {
		c := *u
		c.Parts = nil // the part map stays private to the backend
		out = append(out, &c)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Key != out[j].Key {
			return out[i].Key < out[j].Key
		}
		return out[i].Initiated.Before(out[j].Initiated)
	})
	return out, nil
}
