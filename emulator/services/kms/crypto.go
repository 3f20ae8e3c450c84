package kms

import (
	"crypto/rand"

	"github.com/parity-harness/parity/emulator/awserr"
	"github.com/parity-harness/parity/emulator/service"
)

const symmetricDefault = "SYMMETRIC_DEFAULT"

func errDryRun() *awserr.Error {
	return awserr.New("DryRunOperationException", 400, "The request would have succeeded, but the DryRun option is set.")
}

// checkAlgorithm accepts the encryption algorithm of a symmetric key.
func checkAlgorithm(k *key, algorithm string) error {
	if algorithm != "" && algorithm != symmetricDefault {
		return awserr.New("InvalidKeyUsageException", 400, "Algorithm "+algorithm+" is incompatible with key spec "+k.spec+".")
	}
	return nil
}

// encryptionKey resolves the key of an encrypting operation and checks that
// it can encrypt.
func (s *Service) encryptionKey(ctx *service.Context, ident, op string) (*key, scope, error) {
	var found *key
	var sc scope
	err := s.withKey(ctx, ident, func(_ *region, at scope, k *key) error {
		if err := usable(k, "ENCRYPT_DECRYPT", op); err != nil {
			return err
		}
		if k.material == nil {
			return awserr.New("UnsupportedOperationException", 400, k.arn+" key spec "+k.spec+" is not valid for "+op+" in this emulator.")
		}
		found, sc = k, at
		return nil
	})
	return found, sc, err
}

type encryptInput struct {
	KeyID               string            `json:"KeyId"`
	Plaintext           []byte            `json:"Plaintext"`
	EncryptionContext   map[string]string `json:"EncryptionContext"`
	EncryptionAlgorithm string            `json:"EncryptionAlgorithm"`
	DryRun              bool              `json:"DryRun"`
}

type encryptOutput struct {
	CiphertextBlob      []byte `json:"CiphertextBlob"`
	KeyID               string `json:"KeyId"`
	EncryptionAlgorithm string `json:"EncryptionAlgorithm"`
}

func (s *Service) encrypt(ctx *service.Context, in *encryptInput) (*encryptOutput, error) {
	k, _, err := s.encryptionKey(ctx, in.KeyID, "Encrypt")
	if err != nil {
		return nil, err
	}
	if err := checkAlgorithm(k, in.EncryptionAlgorithm); err != nil {
		return nil, err
	}
	if in.DryRun {
		return nil, errDryRun()
	}
	ct, err := seal(k, in.Plaintext, in.EncryptionContext)
	if err != nil {
		return nil, awserr.Internal(err.Error())
	}
	return &encryptOutput{CiphertextBlob: ct, KeyID: k.arn, EncryptionAlgorithm: symmetricDefault}, nil
}

type decryptInput struct {
	CiphertextBlob      []byte            `json:"CiphertextBlob"`
	EncryptionContext   map[string]string `json:"EncryptionContext"`
	KeyID               string            `json:"KeyId"`
	EncryptionAlgorithm string            `json:"EncryptionAlgorithm"`
	DryRun              bool              `json:"DryRun"`
}

type decryptOutput struct {
	KeyID               string `json:"KeyId"`
	Plaintext           []byte `json:"Plaintext"`
	EncryptionAlgorithm string `json:"EncryptionAlgorithm"`
}

// decrypt finds the key a blob names (it must be the key the request names,
// when it names one) and opens the blob with the request's context.
func (s *Service) decrypt(ctx *service.Context, in *decryptInput) (*decryptOutput, error) {
	b, perr := parseBlob(in.CiphertextBlob)
	r, sc := s.regionOf(ctx)
	r.mu.Lock()
	var k *key
	if in.KeyID != "" {
		named, err := s.lookup(r, sc, in.KeyID, true)
		if err != nil {
			r.mu.Unlock()
			return nil, err
		}
		if perr == nil && named.id != b.keyID {
			r.mu.Unlock()
			return nil, errIncorrectKey()
		}
		k = named
	} else if perr == nil {
		k = r.keys[b.keyID]
	}
	if perr != nil || k == nil {
		r.mu.Unlock()
		return nil, errInvalidCiphertext()
	}
	if err := usable(k, "ENCRYPT_DECRYPT", "Decrypt"); err != nil {
		r.mu.Unlock()
		return nil, err
	}
	r.mu.Unlock()
	if k.material == nil {
		return nil, errInvalidCiphertext()
	}
	if err := checkAlgorithm(k, in.EncryptionAlgorithm); err != nil {
		return nil, err
	}
	if in.DryRun {
		return nil, errDryRun()
	}
	pt, err := open(k, b, in.EncryptionContext)
	if err != nil {
		return nil, errInvalidCiphertext()
	}
	return &decryptOutput{KeyID: k.arn, Plaintext: pt, EncryptionAlgorithm: symmetricDefault}, nil
}

type generateDataKeyInput struct {
	KeyID             string            `json:"KeyId"`
	EncryptionContext map[string]string `json:"EncryptionContext"`
	NumberOfBytes     int               `json:"NumberOfBytes"`
	KeySpec           string            `json:"KeySpec"`
	DryRun            bool              `json:"DryRun"`
}

type generateDataKeyOutput struct {
	CiphertextBlob []byte `json:"CiphertextBlob"`
	Plaintext      []byte `json:"Plaintext,omitempty"`
	KeyID          string `json:"KeyId"`
}

// dataKeySize is the size of the data key a request asks for: a key spec or
// a number of bytes, exactly one of them.
func dataKeySize(in *generateDataKeyInput) (int, error) {
	switch {
	case in.KeySpec != "" && in.NumberOfBytes != 0, in.KeySpec == "" && in.NumberOfBytes == 0:
		return 0, errValidation("Please specify either number of bytes or key spec.")
	case in.KeySpec == "AES_128":
		return 16, nil
	case in.KeySpec == "AES_256":
		return 32, nil
	}
	return in.NumberOfBytes, nil
}

func (s *Service) dataKey(ctx *service.Context, in *generateDataKeyInput, op string) (*generateDataKeyOutput, error) {
	size, err := dataKeySize(in)
	if err != nil {
		return nil, err
	}
	k, _, err := s.encryptionKey(ctx, in.KeyID, op)
	if err != nil {
		return nil, err
	}
	if in.DryRun {
		return nil, errDryRun()
	}
	plaintext := make([]byte, size)
	_, _ = rand.Read(plaintext)
	ct, err := seal(k, plaintext, in.EncryptionContext)
	if err != nil {
		return nil, awserr.Internal(err.Error())
	}
	return &generateDataKeyOutput{CiphertextBlob: ct, Plaintext: plaintext, KeyID: k.arn}, nil
}

func (s *Service) generateDataKey(ctx *service.Context, in *generateDataKeyInput) (*generateDataKeyOutput, error) {
	return s.dataKey(ctx, in, "GenerateDataKey")
}

func (s *Service) generateDataKeyWithoutPlaintext(ctx *service.Context, in *generateDataKeyInput) (*generateDataKeyOutput, error) {
	out, err := s.dataKey(ctx, in, "GenerateDataKeyWithoutPlaintext")
	if err != nil {
		return nil, err
	}
	out.Plaintext = nil
	return out, nil
}

type generateRandomInput struct {
	NumberOfBytes int `json:"NumberOfBytes"`
}

type generateRandomOutput struct {
	Plaintext []byte `json:"Plaintext"`
}

func (s *Service) generateRandom(_ *service.Context, in *generateRandomInput) (*generateRandomOutput, error) {
	if in.NumberOfBytes == 0 {
		return nil, errValidation("Please specify number of bytes.")
	}
	out := make([]byte, in.NumberOfBytes)
	_, _ = rand.Read(out)
	return &generateRandomOutput{Plaintext: out}, nil
}
