package kms

import (
	"crypto/hmac"
	"crypto/sha256"
	"crypto/sha512"
	"hash"

	"github.com/parity-harness/parity/emulator/awserr"
	"github.com/parity-harness/parity/emulator/service"
)

// macHashes maps the MAC algorithms to their hash and the HMAC key spec
// that computes them.
var macHashes = map[string]struct {
	spec string
	hash func() hash.Hash
}{
	"HMAC_SHA_224": {"HMAC_224", sha256.New224},
	"HMAC_SHA_256": {"HMAC_256", sha256.New},
	"HMAC_SHA_384": {"HMAC_384", sha512.New384},
	"HMAC_SHA_512": {"HMAC_512", sha512.New},
}

// macKeySizes is the size of the key material of each HMAC key spec, in
// bytes: the size of its digest.
var macKeySizes = map[string]int{"HMAC_224": 28, "HMAC_256": 32, "HMAC_384": 48, "HMAC_512": 64}

type macInput struct {
	Message      []byte `json:"Message"`
	KeyID        string `json:"KeyId"`
	MacAlgorithm string `json:"MacAlgorithm"`
	Mac          []byte `json:"Mac"`
	DryRun       bool   `json:"DryRun"`
}

type generateMacOutput struct {
	Mac          []byte `json:"Mac"`
	MacAlgorithm string `json:"MacAlgorithm"`
	KeyID        string `json:"KeyId"`
}

type verifyMacOutput struct {
	KeyID        string `json:"KeyId"`
	MacValid     bool   `json:"MacValid"`
	MacAlgorithm string `json:"MacAlgorithm"`
}

// mac computes the MAC of a request's message with the key it names.
func (s *Service) mac(ctx *service.Context, in *macInput, op string) (*key, []byte, error) {
	var k *key
	err := s.withKey(ctx, in.KeyID, func(_ *region, _ scope, found *key) error {
		if err := usable(found, "GENERATE_VERIFY_MAC", op); err != nil {
			return err
		}
		k = found
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	alg, ok := macHashes[in.MacAlgorithm]
	if !ok || alg.spec != k.spec {
		return nil, nil, awserr.New("InvalidKeyUsageException", 400, "Algorithm "+in.MacAlgorithm+" is incompatible with key spec "+k.spec+".")
	}
	if in.DryRun {
		return nil, nil, errDryRun()
	}
	m := hmac.New(alg.hash, k.material)
	m.Write(in.Message)
	return k, m.Sum(nil), nil
}

func (s *Service) generateMac(ctx *service.Context, in *macInput) (*generateMacOutput, error) {
	k, sum, err := s.mac(ctx, in, "GenerateMac")
	if err != nil {
		return nil, err
	}
	return &generateMacOutput{Mac: sum, MacAlgorithm: in.MacAlgorithm, KeyID: k.arn}, nil
}

func (s *Service) verifyMac(ctx *service.Context, in *macInput) (*verifyMacOutput, error) {
	k, sum, err := s.mac(ctx, in, "VerifyMac")
	if err != nil {
		return nil, err
	}
	if !hmac.Equal(sum, in.Mac) {
		return nil, awserr.New("KMSInvalidMacException", 400, "")
	}
	return &verifyMacOutput{KeyID: k.arn, MacValid: true, MacAlgorithm: in.MacAlgorithm}, nil
}
