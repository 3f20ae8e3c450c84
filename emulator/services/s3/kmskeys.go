package s3

import (
	"crypto/sha1"
	"fmt"

	"github.com/parity-harness/parity/emulator/awserr"
	"github.com/parity-harness/parity/emulator/service"
)

// awsManagedAlias names the AWS managed KMS key S3 encrypts SSE-KMS objects
// with when neither the request nor the bucket names a key.
const awsManagedAlias = "alias/aws/s3"

// kmsKey is what S3 needs of a KMS key: its ARN and state.
type kmsKey struct {
	arn, state string
}

// describeKMSKey asks the emulator's KMS, in the bucket's account and
// region, for the key an SSE-KMS request or object names (a key id, key ARN,
// alias name or alias ARN; the AWS managed key when empty). KMS errors come
// back as S3 answers them: the KMS code prefixed with "KMS.".
func describeKMSKey(ctx *service.Context, b *Bucket, ident string) (kmsKey, error) {
	if ident == "" {
		ident = awsManagedAlias
	}
	if ctx.Emulator == nil { // S3 on its own, without the emulator's KMS
		if ident == awsManagedAlias {
			return kmsKey{arn: awsManagedKeyARN(b.Region, b.Account), state: "Enabled"}, nil
		}
		return kmsKey{arn: ident, state: "Enabled"}, nil
	}
	out, err := ctx.Emulator.Invoke(ctx, b.Account, b.Region, "kms", "DescribeKey", service.Params{"KeyId": ident})
	if err != nil {
		if ae, ok := awserr.As(err); ok && ae.HTTPStatus() < 500 {
			return kmsKey{}, awserr.New("KMS."+ae.Code, 400, ae.Message)
		}
		return kmsKey{}, err
	}
	meta, _ := out["KeyMetadata"].(map[string]any)
	arn, _ := meta["Arn"].(string)
	state, _ := meta["KeyState"].(string)
	return kmsKey{arn: arn, state: state}, nil
}

// usableKMSKey resolves the key of an SSE-KMS request or object and checks
// that KMS would encrypt or decrypt with it; it answers the key's ARN, the
// name S3 reports SSE-KMS objects by.
func usableKMSKey(ctx *service.Context, b *Bucket, ident string) (string, error) {
	k, err := describeKMSKey(ctx, b, ident)
	if err != nil {
		return "", err
	}
	switch k.state {
	case "Disabled":
		return "", awserr.New("KMS.DisabledException", 400, k.arn+" is disabled.")
	case "PendingDeletion":
		return "", awserr.New("KMS.KMSInvalidStateException", 400, k.arn+" is pending deletion.")
	case "PendingImport":
		return "", awserr.New("KMS.KMSInvalidStateException", 400, k.arn+" is pending import.")
	}
	return k.arn, nil
}

// checkKMSObjectReadable fails a read of an SSE-KMS object whose key KMS
// would no longer decrypt with.
func checkKMSObjectReadable(ctx *service.Context, b *Bucket, o *Object) error {
	if o.SSEKMSKeyID == "" {
		return nil
	}
	_, err := usableKMSKey(ctx, b, o.SSEKMSKeyID)
	return err
}

// awsManagedKeyARN is the ARN S3 reports for the AWS managed key (alias
// aws/s3) when it runs without the emulator's KMS: a key id derived from
// account and region, the same for every object and request.
func awsManagedKeyARN(region, account string) string {
	sum := sha1.Sum([]byte("aws/s3:" + account + ":" + region))
	sum[6] = sum[6]&0x0f | 0x50 // version 5 (name-based)
	sum[8] = sum[8]&0x3f | 0x80 // RFC 4122 variant
	id := fmt.Sprintf("%x-%x-%x-%x-%x", sum[0:4], sum[4:6], sum[6:8], sum[8:10], sum[10:16])
	return "arn:" + service.Partition(region) + ":kms:" + region + ":" + account + ":key/" + id
}
