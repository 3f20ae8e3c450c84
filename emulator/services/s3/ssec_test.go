package s3

import (
	"crypto/md5"
	"encoding/base64"
	"testing"

	"github.com/parity-harness/parity/emulator/awserr"
	"github.com/parity-harness/parity/emulator/service"
)

func TestParseCustomerKey(t *testing.T) {
	raw := []byte("0123456789abcdef0123456789abcdef")
	key := base64.StdEncoding.EncodeToString(raw)
	sum := md5.Sum(raw)
	keyMD5 := base64.StdEncoding.EncodeToString(sum[:])
	short := base64.StdEncoding.EncodeToString(raw[:16])
	for _, tc := range []struct {
		name      string
		in        service.Params
		given     bool
		code, msg string
	}{
		{"none", service.Params{}, false, "", ""},
		{"valid", service.Params{"SSECustomerAlgorithm": "AES256", "SSECustomerKey": key, "SSECustomerKeyMD5": keyMD5}, true, "", ""},
		{"no algorithm", service.Params{"SSECustomerKey": key, "SSECustomerKeyMD5": keyMD5}, true, "InvalidArgument", msgSSECNoAlgorithm},
		{"wrong algorithm", service.Params{"SSECustomerAlgorithm": "KMS", "SSECustomerKey": key}, true, "InvalidEncryptionAlgorithmError", "The Encryption request you specified is not valid. Supported value: AES256."},
		{"no key", service.Params{"SSECustomerAlgorithm": "AES256"}, true, "InvalidArgument", msgSSECNoKey},
		{"short key", service.Params{"SSECustomerAlgorithm": "AES256", "SSECustomerKey": short, "SSECustomerKeyMD5": keyMD5}, true, "InvalidArgument", msgSSECInvalidKey},
		{"key not base64", service.Params{"SSECustomerAlgorithm": "AES256", "SSECustomerKey": "not base64!", "SSECustomerKeyMD5": keyMD5}, true, "InvalidArgument", msgSSECInvalidKey},
		{"no md5", service.Params{"SSECustomerAlgorithm": "AES256", "SSECustomerKey": key}, true, "InvalidArgument", msgSSECInvalidKey},
		{"wrong md5", service.Params{"SSECustomerAlgorithm": "AES256", "SSECustomerKey": key, "SSECustomerKeyMD5": "AAAAAAAAAAAAAAAAAAAAAA=="}, true, "InvalidArgument", msgSSECKeyMD5},
		{"copy source prefix", service.Params{"CopySourceSSECustomerAlgorithm": "AES256"}, true, "InvalidArgument", msgSSECNoKey},
	} {
		t.Run(tc.name, func(t *testing.T) {
			prefix := ""
			if tc.name == "copy source prefix" {
				prefix = "CopySource"
			}
			got, given, err := parseCustomerKey(tc.in, prefix)
			if given != tc.given {
				t.Fatalf("given = %v, want %v", given, tc.given)
			}
			if tc.code == "" {
				if err != nil {
					t.Fatalf("unexpected error %v", err)
				}
				if tc.given && got.keyMD5 != keyMD5 {
					t.Fatalf("key MD5 %q, want %q", got.keyMD5, keyMD5)
				}
				return
			}
			ae, ok := awserr.As(err)
			if !ok || ae.Code != tc.code || ae.Message != tc.msg || ae.Status != 400 {
				t.Fatalf("error %v, want %s %q", err, tc.code, tc.msg)
			}
		})
	}
}

func TestCheckCustomerKey(t *testing.T) {
	raw := []byte("0123456789abcdef0123456789abcdef")
	sum := md5.Sum(raw)
	keyMD5 := base64.StdEncoding.EncodeToString(sum[:])
	withKey := service.Params{"SSECustomerAlgorithm": "AES256", "SSECustomerKey": base64.StdEncoding.EncodeToString(raw), "SSECustomerKeyMD5": keyMD5}
	encrypted := &Object{SSECustomerAlgorithm: "AES256", SSECustomerKeyMD5: keyMD5}
	for _, tc := range []struct {
		name string
		in   service.Params
		o    *Object
		msg  string
	}{
		{"plain object, no key", service.Params{}, &Object{}, ""},
		{"plain object, key", withKey, &Object{}, msgSSECNotApplies},
		{"encrypted, no key", service.Params{}, encrypted, msgSSECRequired},
		{"encrypted, its key", withKey, encrypted, ""},
		{"encrypted, other key", withKey, &Object{SSECustomerKeyMD5: "other"}, msgSSECRequired},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := checkCustomerKey(tc.in, "", tc.o)
			if tc.msg == "" {
				if err != nil {
					t.Fatalf("unexpected error %v", err)
				}
				return
			}
			if ae, ok := awserr.As(err); !ok || ae.Code != "InvalidRequest" || ae.Message != tc.msg {
				t.Fatalf("error %v, want InvalidRequest %q", err, tc.msg)
			}
		})
	}
}
