package sns

import (
	"crypto"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/hex"
	"sync"
)

// signer signs notifications with an RSA key the emulator generates on
// first use, the way SNS signs with its certificate.
type signer struct {
	once sync.Once
	key  *rsa.PrivateKey
	name string // certificate file id, derived from the public key
}

func newSigner() *signer { return &signer{} }

func (s *signer) init() {
	s.once.Do(func() {
		key, err := rsa.GenerateKey(rand.Reader, 2048)
		if err != nil {
			panic("sns: generating the signing key: " + err.Error())
		}
		s.key = key
		der, _ := x509.MarshalPKIXPublicKey(&key.PublicKey)
		sum := sha256.Sum256(der)
		s.name = hex.EncodeToString(sum[:16])
	})
}

// sign returns the base64 signature of the canonical string, with SHA1 for
// SignatureVersion 1 and SHA256 for 2.
func (s *signer) sign(canonical, version string) string {
	s.init()
	var sig []byte
	if version == "2" {
		sum := sha256.Sum256([]byte(canonical))
		sig, _ = rsa.SignPKCS1v15(rand.Reader, s.key, crypto.SHA256, sum[:])
	} else {
		sum := sha1.Sum([]byte(canonical))
		sig, _ = rsa.SignPKCS1v15(rand.Reader, s.key, crypto.SHA1, sum[:])
	}
	return base64.StdEncoding.EncodeToString(sig)
}

// certURL is the SigningCertURL of region.
func (s *signer) certURL(region string) string {
	s.init()
	return "https://sns." + region + ".amazonaws.com/SimpleNotificationService-" + s.name + ".pem"
}
