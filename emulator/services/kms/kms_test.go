package kms

import (
	"bytes"
	"context"
	"strings"
	"sync"
	"testing"

	"github.com/parity-harness/parity/emulator/awserr"
	"github.com/parity-harness/parity/emulator/service"
)

func testContext(region string) *service.Context {
	return &service.Context{Context: context.Background(), Account: "123456789012", Region: region}
}

func mustKey(t *testing.T, s *Service, ctx *service.Context, in *createKeyInput) keyMetadata {
	t.Helper()
	out, err := s.createKey(ctx, in)
	if err != nil {
		t.Fatalf("createKey: %v", err)
	}
	return out.KeyMetadata
}

// code is the AWS error code of err, "" for nil.
func code(t *testing.T, err error) string {
	t.Helper()
	if err == nil {
		return ""
	}
	ae, ok := awserr.As(err)
	if !ok {
		t.Fatalf("not an AWS error: %v", err)
	}
	return ae.Code
}

func TestLookupByEveryIdentifier(t *testing.T) {
	s := New()
	ctx := testContext("us-east-1")
	k := mustKey(t, s, ctx, &createKeyInput{})
	if _, err := s.createAlias(ctx, &aliasInput{AliasName: "alias/app", TargetKeyID: k.KeyID}); err != nil {
		t.Fatal(err)
	}
	other := strings.Replace(k.Arn, "us-east-1", "eu-west-1", 1)
	for _, tc := range []struct {
		ident, wantCode, wantMessage string
	}{
		{k.KeyID, "", ""},
		{k.Arn, "", ""},
		{"alias/app", "", ""},
		{"arn:aws:kms:us-east-1:123456789012:alias/app", "", ""},
		{other, "NotFoundException", "Invalid arn eu-west-1"},
		{"00000000-1111-4222-8333-444444444444", "NotFoundException", "Key 'arn:aws:kms:us-east-1:123456789012:key/00000000-1111-4222-8333-444444444444' does not exist"},
		{"mrk-" + strings.Repeat("0", 32), "NotFoundException", "Key 'arn:aws:kms:us-east-1:123456789012:key/mrk-" + strings.Repeat("0", 32) + "' does not exist"},
		{"alias/missing", "NotFoundException", "Alias arn:aws:kms:us-east-1:123456789012:alias/missing is not found."},
		{"not-a-key", "NotFoundException", "Invalid keyId 'not-a-key'"},
		{"arn:aws:sqs:us-east-1:123456789012:queue", "NotFoundException", "Invalid arn us-east-1"},
	} {
		out, err := s.describeKey(ctx, &keyIDInput{KeyID: tc.ident})
		if got := code(t, err); got != tc.wantCode {
			t.Errorf("%s: code %q, want %q (%v)", tc.ident, got, tc.wantCode, err)
			continue
		}
		if err != nil {
			if msg := err.(*awserr.Error).Message; msg != tc.wantMessage {
				t.Errorf("%s: message %q, want %q", tc.ident, msg, tc.wantMessage)
			}
			continue
		}
		if out.KeyMetadata.KeyID != k.KeyID {
			t.Errorf("%s: found %s", tc.ident, out.KeyMetadata.KeyID)
		}
	}
}

func TestKeyStateTransitions(t *testing.T) {
	s := New()
	ctx := testContext("us-east-1")
	k := mustKey(t, s, ctx, &createKeyInput{})
	days := func(n int) *int { return &n }
	steps := []struct {
		name      string
		call      func() error
		wantCode  string
		wantState string
	}{
		{"disable", func() error { _, err := s.disableKey(ctx, &keyIDInput{KeyID: k.KeyID}); return err }, "", stateDisabled},
		{"enable", func() error { _, err := s.enableKey(ctx, &keyIDInput{KeyID: k.KeyID}); return err }, "", stateEnabled},
		{"cancel when not pending", func() error { _, err := s.cancelKeyDeletion(ctx, &keyIDInput{KeyID: k.KeyID}); return err }, "KMSInvalidStateException", stateEnabled},
		{"window too short", func() error {
			_, err := s.scheduleKeyDeletion(ctx, &scheduleKeyDeletionInput{KeyID: k.KeyID, PendingWindowInDays: days(6)})
			return err
		}, "ValidationException", stateEnabled},
		{"window too long", func() error {
			_, err := s.scheduleKeyDeletion(ctx, &scheduleKeyDeletionInput{KeyID: k.KeyID, PendingWindowInDays: days(31)})
			return err
		}, "ValidationException", stateEnabled},
		{"schedule", func() error {
			_, err := s.scheduleKeyDeletion(ctx, &scheduleKeyDeletionInput{KeyID: k.KeyID, PendingWindowInDays: days(7)})
			return err
		}, "", statePendingDeletion},
		{"schedule again", func() error {
			_, err := s.scheduleKeyDeletion(ctx, &scheduleKeyDeletionInput{KeyID: k.KeyID})
			return err
		}, "KMSInvalidStateException", statePendingDeletion},
		{"enable while pending", func() error { _, err := s.enableKey(ctx, &keyIDInput{KeyID: k.KeyID}); return err }, "KMSInvalidStateException", statePendingDeletion},
		{"disable while pending", func() error { _, err := s.disableKey(ctx, &keyIDInput{KeyID: k.KeyID}); return err }, "KMSInvalidStateException", statePendingDeletion},
		{"cancel", func() error { _, err := s.cancelKeyDeletion(ctx, &keyIDInput{KeyID: k.KeyID}); return err }, "", stateDisabled},
	}
	for _, st := range steps {
		if got := code(t, st.call()); got != st.wantCode {
			t.Fatalf("%s: code %q, want %q", st.name, got, st.wantCode)
		}
		out, err := s.describeKey(ctx, &keyIDInput{KeyID: k.KeyID})
		if err != nil {
			t.Fatal(err)
		}
		if out.KeyMetadata.KeyState != st.wantState || out.KeyMetadata.Enabled != (st.wantState == stateEnabled) {
			t.Fatalf("%s: state %s enabled %v, want %s", st.name, out.KeyMetadata.KeyState, out.KeyMetadata.Enabled, st.wantState)
		}
		if (out.KeyMetadata.DeletionDate != nil) != (st.wantState == statePendingDeletion) {
			t.Fatalf("%s: deletion date %v in state %s", st.name, out.KeyMetadata.DeletionDate, st.wantState)
		}
	}
}

func TestEncryptDecrypt(t *testing.T) {
	s := New()
	ctx := testContext("us-east-1")
	k := mustKey(t, s, ctx, &createKeyInput{})
	other := mustKey(t, s, ctx, &createKeyInput{})
	enc, err := s.encrypt(ctx, &encryptInput{KeyID: k.KeyID, Plaintext: []byte("secret"), EncryptionContext: map[string]string{"a": "b"}})
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(enc.CiphertextBlob, []byte("secret")) || enc.KeyID != k.Arn {
		t.Fatalf("ciphertext %x key %s", enc.CiphertextBlob, enc.KeyID)
	}
	tampered := bytes.Clone(enc.CiphertextBlob)
	tampered[len(tampered)-1] ^= 1
	for _, tc := range []struct {
		name     string
		in       decryptInput
		wantCode string
	}{
		{"with its context", decryptInput{CiphertextBlob: enc.CiphertextBlob, EncryptionContext: map[string]string{"a": "b"}}, ""},
		{"naming its key", decryptInput{CiphertextBlob: enc.CiphertextBlob, EncryptionContext: map[string]string{"a": "b"}, KeyID: k.Arn}, ""},
		{"without its context", decryptInput{CiphertextBlob: enc.CiphertextBlob}, "InvalidCiphertextException"},
		{"with another context", decryptInput{CiphertextBlob: enc.CiphertextBlob, EncryptionContext: map[string]string{"a": "c"}}, "InvalidCiphertextException"},
		{"naming another key", decryptInput{CiphertextBlob: enc.CiphertextBlob, EncryptionContext: map[string]string{"a": "b"}, KeyID: other.KeyID}, "IncorrectKeyException"},
		{"tampered", decryptInput{CiphertextBlob: tampered, EncryptionContext: map[string]string{"a": "b"}}, "InvalidCiphertextException"},
		{"garbage", decryptInput{CiphertextBlob: []byte("garbage")}, "InvalidCiphertextException"},
		{"other algorithm", decryptInput{CiphertextBlob: enc.CiphertextBlob, EncryptionContext: map[string]string{"a": "b"}, EncryptionAlgorithm: "RSAES_OAEP_SHA_1"}, "InvalidKeyUsageException"},
		{"dry run", decryptInput{CiphertextBlob: enc.CiphertextBlob, EncryptionContext: map[string]string{"a": "b"}, DryRun: true}, "DryRunOperationException"},
	} {
		out, err := s.decrypt(ctx, &tc.in)
		if got := code(t, err); got != tc.wantCode {
			t.Errorf("%s: code %q, want %q", tc.name, got, tc.wantCode)
			continue
		}
		if err == nil && (string(out.Plaintext) != "secret" || out.KeyID != k.Arn) {
			t.Errorf("%s: plaintext %q key %s", tc.name, out.Plaintext, out.KeyID)
		}
	}
	if _, err := s.disableKey(ctx, &keyIDInput{KeyID: k.KeyID}); err != nil {
		t.Fatal(err)
	}
	_, err = s.decrypt(ctx, &decryptInput{CiphertextBlob: enc.CiphertextBlob, EncryptionContext: map[string]string{"a": "b"}})
	if e, _ := awserr.As(err); e == nil || e.Code != "DisabledException" || e.Message != k.Arn+" is disabled." {
		t.Fatalf("decrypt with a disabled key: %v", err)
	}
	_, err = s.encrypt(ctx, &encryptInput{KeyID: k.KeyID, Plaintext: []byte("x")})
	if code(t, err) != "DisabledException" {
		t.Fatalf("encrypt with a disabled key: %v", err)
	}
}

func TestDataKeys(t *testing.T) {
	s := New()
	ctx := testContext("us-east-1")
	k := mustKey(t, s, ctx, &createKeyInput{})
	hmac := mustKey(t, s, ctx, &createKeyInput{KeySpec: "HMAC_256", KeyUsage: "GENERATE_VERIFY_MAC"})
	for _, tc := range []struct {
		name     string
		in       generateDataKeyInput
		wantLen  int
		wantCode string
	}{
		{"AES_256", generateDataKeyInput{KeyID: k.KeyID, KeySpec: "AES_256"}, 32, ""},
		{"AES_128", generateDataKeyInput{KeyID: k.KeyID, KeySpec: "AES_128"}, 16, ""},
		{"bytes", generateDataKeyInput{KeyID: k.KeyID, NumberOfBytes: 7}, 7, ""},
		{"neither", generateDataKeyInput{KeyID: k.KeyID}, 0, "ValidationException"},
		{"both", generateDataKeyInput{KeyID: k.KeyID, KeySpec: "AES_256", NumberOfBytes: 32}, 0, "ValidationException"},
		{"mac key", generateDataKeyInput{KeyID: hmac.KeyID, KeySpec: "AES_256"}, 0, "InvalidKeyUsageException"},
	} {
		out, err := s.generateDataKey(ctx, &tc.in)
		if got := code(t, err); got != tc.wantCode {
			t.Errorf("%s: code %q, want %q", tc.name, got, tc.wantCode)
			continue
		}
		if err != nil {
			continue
		}
		if len(out.Plaintext) != tc.wantLen {
			t.Errorf("%s: %d bytes", tc.name, len(out.Plaintext))
		}
		dec, err := s.decrypt(ctx, &decryptInput{CiphertextBlob: out.CiphertextBlob})
		if err != nil || !bytes.Equal(dec.Plaintext, out.Plaintext) {
			t.Errorf("%s: decrypt: %v", tc.name, err)
		}
	}
	out, err := s.generateDataKeyWithoutPlaintext(ctx, &generateDataKeyInput{KeyID: k.KeyID, KeySpec: "AES_256"})
	if err != nil || out.Plaintext != nil || len(out.CiphertextBlob) == 0 {
		t.Fatalf("without plaintext: %+v %v", out, err)
	}
}

func TestAliases(t *testing.T) {
	s := New()
	ctx := testContext("us-east-1")
	a, b := mustKey(t, s, ctx, &createKeyInput{}), mustKey(t, s, ctx, &createKeyInput{})
	for _, tc := range []struct {
		name     string
		call     func() error
		wantCode string
	}{
		{"create", func() error {
			_, err := s.createAlias(ctx, &aliasInput{AliasName: "alias/x", TargetKeyID: a.KeyID})
			return err
		}, ""},
		{"create again", func() error {
			_, err := s.createAlias(ctx, &aliasInput{AliasName: "alias/x", TargetKeyID: b.KeyID})
			return err
		}, "AlreadyExistsException"},
		{"no prefix", func() error {
			_, err := s.createAlias(ctx, &aliasInput{AliasName: "x", TargetKeyID: a.KeyID})
			return err
		}, "ValidationException"},
		{"reserved", func() error {
			_, err := s.createAlias(ctx, &aliasInput{AliasName: "alias/aws/x", TargetKeyID: a.KeyID})
			return err
		}, "NotAuthorizedException"},
		{"alias of alias", func() error {
			_, err := s.createAlias(ctx, &aliasInput{AliasName: "alias/y", TargetKeyID: "alias/x"})
			return err
		}, "ValidationException"},
		{"missing key", func() error {
			_, err := s.createAlias(ctx, &aliasInput{AliasName: "alias/y", TargetKeyID: "00000000-1111-4222-8333-444444444444"})
			return err
		}, "NotFoundException"},
		{"update", func() error {
			_, err := s.updateAlias(ctx, &aliasInput{AliasName: "alias/x", TargetKeyID: b.Arn})
			return err
		}, ""},
		{"update missing", func() error {
			_, err := s.updateAlias(ctx, &aliasInput{AliasName: "alias/z", TargetKeyID: b.KeyID})
			return err
		}, "NotFoundException"},
	} {
		if got := code(t, tc.call()); got != tc.wantCode {
			t.Errorf("%s: code %q, want %q", tc.name, got, tc.wantCode)
		}
	}
	ofA, _ := s.listAliases(ctx, &listInput{KeyID: a.KeyID})
	ofB, _ := s.listAliases(ctx, &listInput{KeyID: b.KeyID})
	if len(ofA.Aliases) != 0 || len(ofB.Aliases) != 1 || ofB.Aliases[0].AliasArn != "arn:aws:kms:us-east-1:123456789012:alias/x" {
		t.Fatalf("aliases of a %+v, of b %+v", ofA.Aliases, ofB.Aliases)
	}
	if _, err := s.deleteAlias(ctx, &deleteAliasInput{AliasName: "alias/x"}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.deleteAlias(ctx, &deleteAliasInput{AliasName: "alias/x"}); code(t, err) != "NotFoundException" {
		t.Fatalf("delete deleted alias: %v", err)
	}
}

func TestAWSManagedKeyCreatedOnFirstUse(t *testing.T) {
	s := New()
	ctx := testContext("eu-west-1")
	first, err := s.describeKey(ctx, &keyIDInput{KeyID: "alias/aws/s3"})
	if err != nil {
		t.Fatal(err)
	}
	m := first.KeyMetadata
	if m.KeyManager != managerAWS || m.Description != "Default key that protects my S3 objects when no other key is defined" || m.KeyState != stateEnabled {
		t.Fatalf("managed key %+v", m)
	}
	again, err := s.describeKey(ctx, &keyIDInput{KeyID: "alias/aws/s3"})
	if err != nil || again.KeyMetadata.KeyID != m.KeyID {
		t.Fatalf("second use made another key: %v %v", again, err)
	}
	if _, err := s.describeKey(ctx, &keyIDInput{KeyID: "alias/aws/not-a-service"}); code(t, err) != "NotFoundException" {
		t.Fatalf("unknown AWS alias: %v", err)
	}
	if _, err := s.describeKey(testContext("us-east-1"), &keyIDInput{KeyID: m.KeyID}); code(t, err) != "NotFoundException" {
		t.Fatal("the managed key of one region is visible in another")
	}
}

func TestTagValidation(t *testing.T) {
	many := make([]tagEntry, maxTags+1)
	for i := range many {
		many[i] = tagEntry{TagKey: strings.Repeat("k", i+1)}
	}
	for _, tc := range []struct {
		name     string
		tags     []tagEntry
		wantCode string
	}{
		{"plain", []tagEntry{{"a", "1"}, {"b", ""}}, ""},
		{"reserved", []tagEntry{{"aws:x", "1"}}, "TagException"},
		{"reserved upper case", []tagEntry{{"AWS:x", "1"}}, "TagException"},
		{"duplicate", []tagEntry{{"a", "1"}, {"a", "2"}}, "TagException"},
		{"too many", many, "LimitExceededException"},
	} {
		_, err := validTags(tc.tags)
		if got := code(t, err); got != tc.wantCode {
			t.Errorf("%s: code %q, want %q", tc.name, got, tc.wantCode)
		}
	}
}

func TestListKeysPages(t *testing.T) {
	s := New()
	ctx := testContext("us-east-1")
	want := map[string]bool{}
	for range 5 {
		want[mustKey(t, s, ctx, &createKeyInput{}).KeyID] = true
	}
	marker, seen := "", 0
	for {
		out, err := s.listKeys(ctx, &listInput{Limit: 2, Marker: marker})
		if err != nil {
			t.Fatal(err)
		}
		if len(out.Keys) > 2 {
			t.Fatalf("page of %d", len(out.Keys))
		}
		for _, k := range out.Keys {
			if !want[k.KeyID] {
				t.Fatalf("unexpected key %s", k.KeyID)
			}
			seen++
		}
		if !out.Truncated {
			break
		}
		marker = out.NextMarker
	}
	if seen != 5 {
		t.Fatalf("listed %d keys", seen)
	}
	if _, err := s.listKeys(ctx, &listInput{Marker: "bogus"}); code(t, err) != "InvalidMarkerException" {
		t.Fatalf("bogus marker: %v", err)
	}
}

func TestConcurrentUse(t *testing.T) {
	s := New()
	ctx := testContext("us-east-1")
	k := mustKey(t, s, ctx, &createKeyInput{})
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 20 {
				enc, err := s.encrypt(ctx, &encryptInput{KeyID: k.KeyID, Plaintext: []byte{byte(i)}})
				if err != nil {
					t.Error(err)
					return
				}
				if _, err := s.decrypt(ctx, &decryptInput{CiphertextBlob: enc.CiphertextBlob}); err != nil {
					t.Error(err)
					return
				}
				_, _ = s.tagResource(ctx, &tagResourceInput{KeyID: k.KeyID, Tags: []tagEntry{{"n", "v"}}})
				_, _ = s.listKeys(ctx, &listInput{})
				_, _ = s.describeKey(ctx, &keyIDInput{KeyID: "alias/aws/s3"})
			}
		}()
	}
	wg.Wait()
}

func TestMacs(t *testing.T) {
	s := New()
	ctx := testContext("us-east-1")
	k := mustKey(t, s, ctx, &createKeyInput{KeySpec: "HMAC_384", KeyUsage: "GENERATE_VERIFY_MAC"})
	sym := mustKey(t, s, ctx, &createKeyInput{})
	msg := []byte("message")
	out, err := s.generateMac(ctx, &macInput{KeyID: k.KeyID, Message: msg, MacAlgorithm: "HMAC_SHA_384"})
	if err != nil || len(out.Mac) != 48 || out.KeyID != k.Arn {
		t.Fatalf("generateMac: %+v %v", out, err)
	}
	for _, tc := range []struct {
		name     string
		in       macInput
		wantCode string
	}{
		{"valid", macInput{KeyID: k.KeyID, Message: msg, MacAlgorithm: "HMAC_SHA_384", Mac: out.Mac}, ""},
		{"other message", macInput{KeyID: k.KeyID, Message: []byte("other"), MacAlgorithm: "HMAC_SHA_384", Mac: out.Mac}, "KMSInvalidMacException"},
		{"other algorithm", macInput{KeyID: k.KeyID, Message: msg, MacAlgorithm: "HMAC_SHA_512", Mac: out.Mac}, "InvalidKeyUsageException"},
		{"encryption key", macInput{KeyID: sym.KeyID, Message: msg, MacAlgorithm: "HMAC_SHA_384", Mac: out.Mac}, "InvalidKeyUsageException"},
	} {
		_, err := s.verifyMac(ctx, &tc.in)
		if got := code(t, err); got != tc.wantCode {
			t.Errorf("%s: code %q, want %q", tc.name, got, tc.wantCode)
		}
	}
}
