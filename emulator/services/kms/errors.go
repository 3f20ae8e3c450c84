package kms

import "github.com/parity-harness/parity/emulator/awserr"

// The KMS errors, worded as AWS words them.

func errNotFound(msg string) *awserr.Error { return awserr.New("NotFoundException", 400, msg) }

func errKeyNotFound(arn string) *awserr.Error {
	return errNotFound("Key '" + arn + "' does not exist")
}

func errAliasNotFound(aliasARN string) *awserr.Error {
	return errNotFound("Alias " + aliasARN + " is not found.")
}

func errDisabled(arn string) *awserr.Error {
	return awserr.New("DisabledException", 400, arn+" is disabled.")
}

func errInvalidState(msg string) *awserr.Error {
	return awserr.New("KMSInvalidStateException", 400, msg)
}

func errPendingDeletion(arn string) *awserr.Error {
	return errInvalidState(arn + " is pending deletion.")
}

func errValidation(msg string) *awserr.Error { return awserr.New("ValidationException", 400, msg) }

func errTag(msg string) *awserr.Error { return awserr.New("TagException", 400, msg) }

func errInvalidCiphertext() *awserr.Error { return awserr.New("InvalidCiphertextException", 400, "") }

func errIncorrectKey() *awserr.Error {
	return awserr.New("IncorrectKeyException", 400, "The key ID in the request does not identify a CMK that can perform this operation.")
}

func errInvalidKeyUsage(arn, usage, op string) *awserr.Error {
	return awserr.New("InvalidKeyUsageException", 400, arn+" key usage is "+usage+" which is not valid for "+op+".")
}

func errInvalidMarker() *awserr.Error {
	return awserr.New("InvalidMarkerException", 400, "Invalid marker")
}
