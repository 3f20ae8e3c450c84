package s3

import (
	"crypto/sha1"
	"fmt"

	"github.com/parity-harness/parity/emulator/service"
)

// awsManagedKeyARN is the ARN of the AWS managed KMS key (alias aws/s3) of an
// account in a region: S3 names SSE-KMS objects encrypted without a key of
// their own by this key's ARN, not by its alias. The key id is a UUID derived
// from account and region, so it is the same for every object and request.
func awsManagedKeyARN(region, account string) string {
	sum := sha1.Sum([]byte("aws/s3:" + account + ":" + region))
	sum[6] = sum[6]&0x0f | 0x50 // version 5 (name-based)
	sum[8] = sum[8]&0x3f | 0x80 // RFC 4122 variant
	id := fmt.Sprintf("%x-%x-%x-%x-%x", sum[0:4], sum[4:6], sum[6:8], sum[8:10], sum[10:16])
	return "arn:" + service.Partition(region) + ":kms:" + region + ":" + account + ":key/" + id
}
