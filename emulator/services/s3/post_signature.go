package s3

import (
	"crypto/hmac"
	"crypto/sha1"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"strings"

	"github.com/parity-harness/parity/emulator/awserr"
)

// The credentials of a browser-based upload are form fields: the policy is
// the string to sign. Signature Version 4 sends x-amz-algorithm,
// x-amz-credential, x-amz-date and x-amz-signature (the hex HMAC-SHA256 of
// the policy with the key derived for the credential's date, region and
// service); Signature Version 2 sends AWSAccessKeyId and signature (the
// base64 HMAC-SHA1 of the policy with the secret key). A form with neither
// is anonymous. The signature of a form is verified as a presigned URL's is:
// whenever the emulator knows the secret of its access key (the default key,
// keys issued by STS or IAM), and for every key with --verify-signatures.

// postCredentials are the signature fields of an upload form.
type postCredentials struct {
	Version   int // 2 or 4
	AccessKey string
	Signature string
	// Signature Version 4 only: the credential scope.
	Date, Region, Service string
}

// sigV4PostFields and sigV2PostFields are the signature fields of each
// version, in the order S3 requires them, as S3 names them in errors.
var (
	sigV4PostFields = []string{"X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Date", "X-Amz-Signature"}
	sigV2PostFields = []string{"AWSAccessKeyId", "Signature"}
)

// errMissingPostField is S3's answer to a form without a required field.
func errMissingPostField(name string) error {
	return errInvalidArgument("Bucket POST must contain a field named '"+name+"'.  If it is specified, please check the order of the fields.", name, "")
}

// postFormCredentials reads the signature fields of a form; nil means an
// anonymous upload.
func postFormCredentials(form *postForm) (*postCredentials, error) {
	version := 0
	for _, f := range sigV4PostFields {
		if _, ok := form.Get(f); ok {
			version = 4
		}
	}
	if version == 0 {
		for _, f := range sigV2PostFields {
			if _, ok := form.Get(f); ok {
				version = 2
			}
		}
	}
	switch version {
	case 4:
		for _, f := range sigV4PostFields {
			if _, ok := form.Get(f); !ok {
				return nil, errMissingPostField(f)
			}
		}
		if _, ok := form.Get("policy"); !ok {
			return nil, errMissingPostField("Policy")
		}
		if alg := form.Value("X-Amz-Algorithm"); alg != "AWS4-HMAC-SHA256" {
			return nil, errInvalidArgument("X-Amz-Algorithm only supports \"AWS4-HMAC-SHA256\"", "X-Amz-Algorithm", alg)
		}
		credential := form.Value("X-Amz-Credential")
		parts := strings.Split(credential, "/")
		if len(parts) != 5 || parts[0] == "" || parts[4] != "aws4_request" {
			return nil, errInvalidArgument(`Error parsing the X-Amz-Credential parameter; the Credential is mal-formed; expecting "<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request".`, "X-Amz-Credential", credential)
		}
		return &postCredentials{Version: 4, AccessKey: parts[0], Signature: form.Value("X-Amz-Signature"),
			Date: parts[1], Region: parts[2], Service: parts[3]}, nil
	case 2:
		for _, f := range sigV2PostFields {
			if _, ok := form.Get(f); !ok {
				return nil, errMissingPostField(f)
			}
		}
		if _, ok := form.Get("policy"); !ok {
			return nil, errMissingPostField("Policy")
		}
		return &postCredentials{Version: 2, AccessKey: form.Value("AWSAccessKeyId"), Signature: form.Value("Signature")}, nil
	}
	return nil, nil
}

// expectedSignature signs policy as the form's signature version does.
func (c *postCredentials) expectedSignature(policy, secret string) string {
	if c.Version == 2 {
		mac := hmac.New(sha1.New, []byte(secret))
		mac.Write([]byte(policy))
		return base64.StdEncoding.EncodeToString(mac.Sum(nil))
	}
	key := []byte("AWS4" + secret)
	for _, part := range []string{c.Date, c.Region, c.Service, "aws4_request", policy} {
		mac := hmac.New(sha256.New, key)
		mac.Write([]byte(part))
		key = mac.Sum(nil)
	}
	return hex.EncodeToString(key)
}

// verify checks the form's signature of policy with the caller's secret.
func (c *postCredentials) verify(policy, secret string) error {
	if hmac.Equal([]byte(c.expectedSignature(policy, secret)), []byte(c.Signature)) {
		return nil
	}
	return awserr.New("SignatureDoesNotMatch", 403, "The request signature we calculated does not match the signature you provided. Check your key and signing method.").
		With("AWSAccessKeyId", c.AccessKey).With("StringToSign", policy).With("SignatureProvided", c.Signature).
		With("StringToSignBytes", spacedHex([]byte(policy)))
}

// spacedHex renders bytes as S3's StringToSignBytes: two hex digits each,
// separated by spaces.
func spacedHex(b []byte) string {
	var s strings.Builder
	for i, c := range b {
		if i > 0 {
			s.WriteByte(' ')
		}
		s.WriteString(hex.EncodeToString([]byte{c}))
	}
	return s.String()
}
