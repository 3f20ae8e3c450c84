package kms

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"encoding/binary"
	"errors"
	"sort"
)

// A ciphertext blob is what Encrypt and GenerateDataKey return:
//
//	version (1 byte, 1) | key id length (1 byte) | key id | nonce (12 bytes) | AES-GCM sealed plaintext and tag
//
// The key id lets Decrypt find the key; the encryption context and the key
// id are the additional authenticated data, so a blob decrypts only with the
// context it was made with.
const (
	blobVersion = 1
	nonceSize   = 12
	tagSize     = 16
)

// blob is a parsed ciphertext blob.
type blob struct {
	keyID  string
	nonce  []byte
	sealed []byte
}

var errMalformedBlob = errors.New("malformed ciphertext blob")

// parseBlob splits a ciphertext blob; any blob the emulator did not make is
// an error.
func parseBlob(b []byte) (blob, error) {
	if len(b) < 2 || b[0] != blobVersion {
		return blob{}, errMalformedBlob
	}
	n := int(b[1])
	rest := b[2:]
	if n == 0 || len(rest) < n+nonceSize+tagSize {
		return blob{}, errMalformedBlob
	}
	id := string(rest[:n])
	if !keyIDPattern.MatchString(id) {
		return blob{}, errMalformedBlob
	}
	return blob{keyID: id, nonce: rest[n : n+nonceSize], sealed: rest[n+nonceSize:]}, nil
}

// seal encrypts plaintext with the key's material, bound to the context.
func seal(k *key, plaintext []byte, context map[string]string) ([]byte, error) {
	gcm, err := newGCM(k.material)
	if err != nil {
		return nil, err
	}
	out := make([]byte, 0, 2+len(k.id)+nonceSize+len(plaintext)+tagSize)
	out = append(out, blobVersion, byte(len(k.id)))
	out = append(out, k.id...)
	nonce := make([]byte, nonceSize)
	_, _ = rand.Read(nonce)
	out = append(out, nonce...)
	return gcm.Seal(out, nonce, plaintext, additionalData(k.id, context)), nil
}

// open decrypts a parsed blob with the key's material and the context.
func open(k *key, b blob, context map[string]string) ([]byte, error) {
	gcm, err := newGCM(k.material)
	if err != nil {
		return nil, err
	}
	return gcm.Open(nil, b.nonce, b.sealed, additionalData(k.id, context))
}

func newGCM(material []byte) (cipher.AEAD, error) {
	block, err := aes.NewCipher(material)
	if err != nil {
		return nil, err
	}
	return cipher.NewGCM(block)
}

// additionalData is the key id and the encryption context in key order,
// every string length-prefixed so that no two contexts serialise alike.
func additionalData(keyID string, context map[string]string) []byte {
	names := make([]string, 0, len(context))
	for name := range context {
		names = append(names, name)
	}
	sort.Strings(names)
	var out []byte
	put := func(s string) {
		out = binary.BigEndian.AppendUint32(out, uint32(len(s)))
		out = append(out, s...)
	}
	put(keyID)
	for _, name := range names {
		put(name)
		put(context[name])
	}
	return out
}
