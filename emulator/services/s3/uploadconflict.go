package s3

import (
	"strconv"

	"github.com/parity-harness/parity/emulator/awserr"
	"github.com/parity-harness/parity/emulator/service"
)

// keyIdentity names the latest version of a key (a delete marker included)
// so that any write or delete of the key changes it; "" when there is none.
func keyIdentity(o *Object) string {
	if o == nil {
		return ""
	}
	return o.VersionID + "@" + strconv.FormatInt(o.LastModified.UnixNano(), 10) + "/" + strconv.FormatBool(o.DeleteMarker)
}

// errConditionalConflict is S3's answer to a conditional completion of a
// multipart upload whose key was written or deleted after the upload began.
func errConditionalConflict(condition, key string) error {
	return awserr.New("ConditionalRequestConflict", 409, "The conditional request cannot succeed due to a conflicting operation against this resource.").
		With("Condition", condition).With("Key", key)
}

// uploadConflictChecked extends the write conditions of a multipart
// completion with S3's conflict rule: If-Match on a key that exists but was
// written since the upload began, or If-None-Match on a key that is absent
// but was deleted since, answer 409 ConditionalRequestConflict; otherwise
// the conditions decide as for any write (NoSuchKey, 412).
func uploadConflictChecked(ctx *service.Context, in service.Params, u *Upload, check func(*Object) error) func(*Object) error {
	if check == nil {
		return nil
	}
	ifMatch := strOr(ctx, in, "IfMatch", "If-Match")
	ifNoneMatch := strOr(ctx, in, "IfNoneMatch", "If-None-Match")
	return func(cur *Object) error {
		exists := cur != nil && !cur.DeleteMarker
		changed := keyIdentity(cur) != u.KeyState
		switch {
		case ifMatch != "" && exists && changed:
			return errConditionalConflict("If-Match", u.Key)
		case ifNoneMatch != "" && !exists && changed:
			return errConditionalConflict("If-None-Match", u.Key)
		}
		return check(cur)
	}
}
