package s3

import (
	"strings"

	"github.com/parity-harness/parity/emulator/service"
)

// copyChangesObject reports whether a copy of an object onto itself changes
// something S3 counts: the metadata (REPLACE directive), the storage class
// (to a different one), the website redirect location, the encryption (an
// SSE-KMS source is re-encrypted with the bucket default) or
// the checksum algorithm. S3 refuses an in-place copy that changes nothing,
// whether or not the bucket is versioned; an ACL alone is no change.
func copyChangesObject(ctx *service.Context, in service.Params, src *Object) bool {
	if str(in, "MetadataDirective") == "REPLACE" {
		return true
	}
	if class := str(in, "StorageClass"); class != "" && class != storageClassOf(src) {
		return true
	}
	if has(in, "WebsiteRedirectLocation") || has(in, "ServerSideEncryption") || has(in, "SSECustomerAlgorithm") || has(in, "SSEKMSKeyId") {
		return true
	}
	if strings.HasPrefix(src.ServerSideEncryption, "aws:kms") { // re-encrypted with the bucket's default
		return true
	}
	return strOr(ctx, in, "ChecksumAlgorithm", "x-amz-checksum-algorithm") != ""
}

// storageClassOf is the storage class of a version, STANDARD when unset.
func storageClassOf(o *Object) string {
	if o.StorageClass == "" {
		return "STANDARD"
	}
	return o.StorageClass
}
