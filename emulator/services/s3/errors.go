package s3

import (
	"errors"

	"github.com/parity-harness/parity/emulator/awserr"
)

// S3 errors with AWS's messages and extra members.

func errNoSuchBucket(bucket string) error {
	return awserr.New("NoSuchBucket", 404, "The specified bucket does not exist").With("BucketName", bucket)
}

func errNoSuchKey(key string) error {
	return awserr.New("NoSuchKey", 404, "The specified key does not exist.").With("Key", key)
}

func errNoSuchVersion(key, version string) error {
	return awserr.New("NoSuchVersion", 404, "The specified version does not exist.").With("Key", key).With("VersionId", version)
}

func errNoSuchUpload(id string) error {
	return awserr.New("NoSuchUpload", 404, "The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.").With("UploadId", id)
}

func errInvalidArgument(msg, name, value string) error {
	e := awserr.New("InvalidArgument", 400, msg).With("ArgumentName", name)
	if value != "\x00" {
		e.With("ArgumentValue", value)
	}
	return e
}

// errInvalidArgumentNoValue is InvalidArgument without an ArgumentValue.
func errInvalidArgumentNoValue(msg, name string) error { return errInvalidArgument(msg, name, "\x00") }

func errInvalidRequest(msg string) error { return awserr.New("InvalidRequest", 400, msg) }

func errMalformedXML() error {
	return awserr.New("MalformedXML", 400, "The XML you provided was not well-formed or did not validate against our published schema")
}

// errMissingConfig is the 404 of a bucket subresource that was never set.
func errMissingConfig(code, msg, bucket string) error {
	return awserr.New(code, 404, msg).With("BucketName", bucket)
}

// mapBackendError turns a backend sentinel into the S3 error.
func mapBackendError(err error, bucket, key, version, upload string) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, ErrNoSuchBucket):
		return errNoSuchBucket(bucket)
	case errors.Is(err, ErrNoSuchKey):
		return errNoSuchKey(key)
	case errors.Is(err, ErrNoSuchVersion):
		if !validVersionID(version) {
			return errInvalidArgument("Invalid version id specified", "versionId", version)
		}
		return errNoSuchVersion(key, version)
	case errors.Is(err, ErrNoSuchUpload):
		return errNoSuchUpload(upload)
	case errors.Is(err, ErrBucketNotEmpty):
		return awserr.New("BucketNotEmpty", 409, "The bucket you tried to delete is not empty. You must delete all versions in the bucket.").With("BucketName", bucket)
	}
	return err
}
