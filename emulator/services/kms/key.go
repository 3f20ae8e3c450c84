package kms

import (
	"crypto/rand"
	"encoding/hex"
	"strings"
	"time"

	"github.com/parity-harness/parity/emulator/service"
)

// Key states of the AWS API.
const (
	stateEnabled         = "Enabled"
	stateDisabled        = "Disabled"
	statePendingDeletion = "PendingDeletion"
	statePendingImport   = "PendingImport"
)

// Key managers: keys created with CreateKey, and keys AWS services create
// for their predefined aliases (alias/aws/s3).
const (
	managerCustomer = "CUSTOMER"
	managerAWS      = "AWS"
)

// key is one KMS key.
type key struct {
	id, arn         string
	created         time.Time
	description     string
	usage, spec     string
	manager         string
	origin          string
	state           string
	deletionDate    time.Time
	multiRegion     bool
	policy          string
	tags            map[string]string
	material        []byte // AES-256 key of symmetric keys, HMAC key of HMAC keys
	materialID      string // CurrentKeyMaterialId: 64 hex digits
	multiRegionHome string // region of a multi-Region primary key
}

// keySpecInfo is what a key spec allows.
type keySpecInfo struct {
	usages     []string // allowed key usages; the first is the default
	encryption []string // encryption algorithms (ENCRYPT_DECRYPT)
	signing    []string // signing algorithms (SIGN_VERIFY)
	mac        []string // MAC algorithms (GENERATE_VERIFY_MAC)
	agreement  []string // key agreement algorithms (KEY_AGREEMENT)
}

var (
	rsaSigning = []string{"RSASSA_PKCS1_V1_5_SHA_256", "RSASSA_PKCS1_V1_5_SHA_384", "RSASSA_PKCS1_V1_5_SHA_512", "RSASSA_PSS_SHA_256", "RSASSA_PSS_SHA_384", "RSASSA_PSS_SHA_512"}
	rsaOAEP    = []string{"RSAES_OAEP_SHA_1", "RSAES_OAEP_SHA_256"}
	ecdh       = []string{"ECDH"}
)

// keySpecs lists every key spec of the API with its usages and algorithms.
var keySpecs = map[string]keySpecInfo{
	"SYMMETRIC_DEFAULT": {usages: []string{"ENCRYPT_DECRYPT"}, encryption: []string{"SYMMETRIC_DEFAULT"}},
	"RSA_2048":          {usages: []string{"ENCRYPT_DECRYPT", "SIGN_VERIFY"}, encryption: rsaOAEP, signing: rsaSigning},
	"RSA_3072":          {usages: []string{"ENCRYPT_DECRYPT", "SIGN_VERIFY"}, encryption: rsaOAEP, signing: rsaSigning},
	"RSA_4096":          {usages: []string{"ENCRYPT_DECRYPT", "SIGN_VERIFY"}, encryption: rsaOAEP, signing: rsaSigning},
	"ECC_NIST_P256":     {usages: []string{"SIGN_VERIFY", "KEY_AGREEMENT"}, signing: []string{"ECDSA_SHA_256"}, agreement: ecdh},
	"ECC_NIST_P384":     {usages: []string{"SIGN_VERIFY", "KEY_AGREEMENT"}, signing: []string{"ECDSA_SHA_384"}, agreement: ecdh},
	"ECC_NIST_P521":     {usages: []string{"SIGN_VERIFY", "KEY_AGREEMENT"}, signing: []string{"ECDSA_SHA_512"}, agreement: ecdh},
	"ECC_SECG_P256K1":   {usages: []string{"SIGN_VERIFY"}, signing: []string{"ECDSA_SHA_256"}},
	"SM2":               {usages: []string{"SIGN_VERIFY", "ENCRYPT_DECRYPT", "KEY_AGREEMENT"}, encryption: []string{"SM2PKE"}, signing: []string{"SM2DSA"}, agreement: ecdh},
	"HMAC_224":          {usages: []string{"GENERATE_VERIFY_MAC"}, mac: []string{"HMAC_SHA_224"}},
	"HMAC_256":          {usages: []string{"GENERATE_VERIFY_MAC"}, mac: []string{"HMAC_SHA_256"}},
	"HMAC_384":          {usages: []string{"GENERATE_VERIFY_MAC"}, mac: []string{"HMAC_SHA_384"}},
	"HMAC_512":          {usages: []string{"GENERATE_VERIFY_MAC"}, mac: []string{"HMAC_SHA_512"}},
}

// newKey makes a key with fresh material in scope sc.
func newKey(sc scope, now time.Time, spec, usage, manager string, multiRegion bool) *key {
	id := service.UUID()
	if multiRegion {
		id = "mrk-" + strings.ReplaceAll(service.UUID(), "-", "")
	}
	k := &key{id: id, arn: sc.arn("key/" + id), created: now, usage: usage, spec: spec, manager: manager,
		origin: "AWS_KMS", state: stateEnabled, multiRegion: multiRegion, tags: map[string]string{}}
	if multiRegion {
		k.multiRegionHome = sc.region
	}
	if n, ok := macKeySizes[spec]; ok {
		k.material = make([]byte, n)
		_, _ = rand.Read(k.material)
	}
	if spec == "SYMMETRIC_DEFAULT" {
		k.material = make([]byte, 32)
		_, _ = rand.Read(k.material)
		id := make([]byte, 32)
		_, _ = rand.Read(id)
		k.materialID = hex.EncodeToString(id)
	}
	return k
}

// keyMetadata is the KeyMetadata structure of the API.
type keyMetadata struct {
	AWSAccountID             string             `json:"AWSAccountId"`
	KeyID                    string             `json:"KeyId"`
	Arn                      string             `json:"Arn"`
	CreationDate             time.Time          `json:"CreationDate"`
	Enabled                  bool               `json:"Enabled"`
	Description              string             `json:"Description"`
	KeyUsage                 string             `json:"KeyUsage"`
	KeyState                 string             `json:"KeyState"`
	DeletionDate             *time.Time         `json:"DeletionDate,omitempty"`
	Origin                   string             `json:"Origin"`
	KeyManager               string             `json:"KeyManager"`
	CustomerMasterKeySpec    string             `json:"CustomerMasterKeySpec"`
	KeySpec                  string             `json:"KeySpec"`
	EncryptionAlgorithms     []string           `json:"EncryptionAlgorithms,omitempty"`
	SigningAlgorithms        []string           `json:"SigningAlgorithms,omitempty"`
	KeyAgreementAlgorithms   []string           `json:"KeyAgreementAlgorithms,omitempty"`
	MacAlgorithms            []string           `json:"MacAlgorithms,omitempty"`
	MultiRegion              bool               `json:"MultiRegion"`
	MultiRegionConfiguration *multiRegionConfig `json:"MultiRegionConfiguration,omitempty"`
	CurrentKeyMaterialID     string             `json:"CurrentKeyMaterialId,omitempty"`
}

type multiRegionConfig struct {
	MultiRegionKeyType string           `json:"MultiRegionKeyType"`
	PrimaryKey         multiRegionKey   `json:"PrimaryKey"`
	ReplicaKeys        []multiRegionKey `json:"ReplicaKeys"`
}

type multiRegionKey struct {
	Arn    string `json:"Arn"`
	Region string `json:"Region"`
}

// metadata renders the key as KeyMetadata.
func (k *key) metadata(sc scope) keyMetadata {
	info := keySpecs[k.spec]
	m := keyMetadata{AWSAccountID: sc.account, KeyID: k.id, Arn: k.arn, CreationDate: k.created,
		Enabled: k.state == stateEnabled, Description: k.description, KeyUsage: k.usage, KeyState: k.state,
		Origin: k.origin, KeyManager: k.manager, CustomerMasterKeySpec: k.spec, KeySpec: k.spec,
		MultiRegion: k.multiRegion, CurrentKeyMaterialID: k.materialID}
	switch k.usage {
	case "ENCRYPT_DECRYPT":
		m.EncryptionAlgorithms = info.encryption
	case "SIGN_VERIFY":
		m.SigningAlgorithms = info.signing
	case "GENERATE_VERIFY_MAC":
		m.MacAlgorithms = info.mac
	case "KEY_AGREEMENT":
		m.KeyAgreementAlgorithms = info.agreement
	}
	if k.state == statePendingDeletion {
		d := k.deletionDate
		m.DeletionDate = &d
	}
	if k.multiRegion {
		m.MultiRegionConfiguration = &multiRegionConfig{MultiRegionKeyType: "PRIMARY",
			PrimaryKey: multiRegionKey{Arn: k.arn, Region: k.multiRegionHome}, ReplicaKeys: []multiRegionKey{}}
	}
	return m
}
