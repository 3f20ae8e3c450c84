package s3

import (
	"sort"

	"github.com/parity-harness/parity/emulator/awserr"
)

// sortedTags is a copy of an object's tags ordered by key, the order
// GetObjectTagging answers them in whatever order they were set.
func sortedTags(tags []Tag) []Tag {
	out := append([]Tag(nil), tags...)
	sort.SliceStable(out, func(i, j int) bool { return out[i].Key < out[j].Key })
	return out
}

// taggedKeyNotFound words GetObjectTagging's NoSuchKey as S3 does: its Key
// names the bucket too ("bucket/key").
func taggedKeyNotFound(err error, bucket string) error {
	ae, ok := awserr.As(err)
	if !ok || ae.Code != "NoSuchKey" {
		return err
	}
	key, _ := ae.Fields["Key"].(string)
	e := awserr.New(ae.Code, ae.Status, ae.Message).With("Key", bucket+"/"+key)
	e.Headers = ae.Headers
	return e
}
