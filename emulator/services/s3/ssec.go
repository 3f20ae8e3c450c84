package s3

import (
	"github.com/parity-harness/parity/emulator/awserr"
	"github.com/parity-harness/parity/emulator/service"
)

// customerKey is the validated SSE-C key of a request: the algorithm and the
// base64 MD5 of the key.
type customerKey struct{ algorithm, keyMD5 string }

// SSE-C messages, as S3 words them.
const (
	msgSSECNoAlgorithm = "Requests specifying Server Side Encryption with Customer provided keys must provide a valid encryption algorithm."
	msgSSECNoKey       = "Requests specifying Server Side Encryption with Customer provided keys must provide an appropriate secret key."
	msgSSECInvalidKey  = "The secret key was invalid for the specified algorithm."
	msgSSECKeyMD5      = "The calculated MD5 hash of the key did not match the hash that was provided."
	msgSSECRequired    = "The object was stored using a form of Server Side Encryption. The correct parameters must be provided to retrieve the object."
	msgSSECNotApplies  = "The encryption parameters are not applicable to this object."
)

// parseCustomerKey validates the SSE-C members of a request: prefix "" for
// the object written or read, "CopySource" for the source of a copy. given
// is false when the request carries none of them. The checks run in S3's
// order: algorithm, key, key size, key MD5.
func parseCustomerKey(in service.Params, prefix string) (key customerKey, given bool, err error) {
	alg, raw64, sum := str(in, prefix+"SSECustomerAlgorithm"), str(in, prefix+"SSECustomerKey"), str(in, prefix+"SSECustomerKeyMD5")
	if alg == "" && raw64 == "" && sum == "" {
		return customerKey{}, false, nil
	}
	const arg = "x-amz-server-side-encryption"
	switch {
	case alg == "":
		return customerKey{}, true, errInvalidArgumentNoValue(msgSSECNoAlgorithm, arg)
	case alg != "AES256":
		return customerKey{}, true, awserr.New("InvalidEncryptionAlgorithmError", 400, "The Encryption request you specified is not valid. Supported value: AES256.").
			With("ArgumentName", arg).With("ArgumentValue", alg)
	case raw64 == "":
		return customerKey{}, true, errInvalidArgumentNoValue(msgSSECNoKey, arg)
	}
	raw, decodeErr := decodeB64(raw64)
	if decodeErr != nil || len(raw) != 32 || sum == "" {
		return customerKey{}, true, errInvalidArgumentNoValue(msgSSECInvalidKey, arg)
	}
	if md5Base64(raw) != sum {
		return customerKey{}, true, errInvalidArgumentNoValue(msgSSECKeyMD5, arg)
	}
	return customerKey{algorithm: alg, keyMD5: sum}, true, nil
}

// checkCustomerKey verifies the SSE-C members of a read (prefix "") or of
// the source of a copy (prefix "CopySource") against the stored version: an
// SSE-C object needs its key, other objects take none.
func checkCustomerKey(in service.Params, prefix string, o *Object) error {
	key, given, err := parseCustomerKey(in, prefix)
	if err != nil {
		return err
	}
	switch {
	case o.SSECustomerKeyMD5 == "" && given:
		return errInvalidRequest(msgSSECNotApplies)
	case o.SSECustomerKeyMD5 != "" && (!given || key.keyMD5 != o.SSECustomerKeyMD5):
		return errInvalidRequest(msgSSECRequired)
	}
	return nil
}
