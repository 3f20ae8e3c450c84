package s3

import (
	"strings"

	"github.com/parity-harness/parity/emulator/service"
)

// The whole-object checksum a CompleteMultipartUpload request may carry
// (x-amz-checksum-<algorithm>) is a data integrity check of the finished
// object. S3 checks it in the checksum mode the request names with
// x-amz-checksum-type; without that header it checks it as a COMPOSITE
// checksum (the checksum of the part checksums), so the right FULL_OBJECT
// value without the type is a BadDigest. A checksum of another algorithm
// than the upload's never matches: the error names the upload's algorithm.

// completionChecksum is a checksum given in a CompleteMultipartUpload request.
type completionChecksum struct {
	alg   ChecksumAlgorithm
	value string
}

// requestedCompletionChecksum reads the x-amz-checksum-* header of a
// completion; ok is false when there is none.
func requestedCompletionChecksum(ctx *service.Context, in service.Params) (completionChecksum, bool, error) {
	var found []completionChecksum
	for _, a := range Algorithms {
		if v := strOr(ctx, in, a.Member(), a.Header()); v != "" {
			found = append(found, completionChecksum{alg: a, value: v})
		}
	}
	switch {
	case len(found) > 1:
		return completionChecksum{}, false, errInvalidRequest("Expecting a single x-amz-checksum- header. Multiple checksum Types are not allowed.")
	case len(found) == 0:
		return completionChecksum{}, false, nil
	}
	c := found[0]
	if base, _, _ := strings.Cut(c.value, "-"); !c.alg.ValidEncoded(base) {
		return completionChecksum{}, false, errInvalidRequest("Value for " + c.alg.Header() + " header is invalid.")
	}
	return c, true, nil
}

// checkCompletionChecksum compares the checksum of a completion with the
// object's: fullObject is the object's FULL_OBJECT checksum (when the upload
// has that type), partSums the parts' checksums of the upload's algorithm.
// mode is the request's x-amz-checksum-type ("" when absent).
func checkCompletionChecksum(given completionChecksum, alg ChecksumAlgorithm, mode, fullObject string, partSums []string) error {
	if given.alg != alg {
		return badDigest(alg)
	}
	if mode == ChecksumFullObject {
		if fullObject == "" || given.value != fullObject {
			return badDigest(alg)
		}
		return nil
	}
	if alg == CRC64NVME { // no COMPOSITE checksum exists for CRC64NVME
		return badDigest(alg)
	}
	composite := CompositeChecksum(alg, partSums)
	if given.value != composite && given.value != strings.TrimSuffix(composite, "-"+itoa(len(partSums))) {
		return badDigest(alg)
	}
	return nil
}
