package kms

import (
	"bytes"
	"strings"
	"testing"
	"time"
)

func TestParseBlob(t *testing.T) {
	id := "00000000-1111-4222-8333-444444444444"
	valid := append(append([]byte{blobVersion, byte(len(id))}, id...), make([]byte, nonceSize+tagSize)...)
	for _, tc := range []struct {
		name string
		blob []byte
		ok   bool
	}{
		{"valid", valid, true},
		{"empty", nil, false},
		{"wrong version", append([]byte{2}, valid[1:]...), false},
		{"zero id length", []byte{blobVersion, 0}, false},
		{"truncated", valid[:len(valid)-1], false},
		{"id not a key id", append(append([]byte{blobVersion, 5}, "hello"...), make([]byte, nonceSize+tagSize)...), false},
		{"id length past end", []byte{blobVersion, 200, 'a'}, false},
	} {
		b, err := parseBlob(tc.blob)
		if (err == nil) != tc.ok {
			t.Errorf("%s: err %v", tc.name, err)
		}
		if tc.ok && b.keyID != id {
			t.Errorf("%s: key id %q", tc.name, b.keyID)
		}
	}
}

func TestSealOpenRoundTrip(t *testing.T) {
	k := newKey(scope{"123456789012", "us-east-1"}, time.Now(), "SYMMETRIC_DEFAULT", "ENCRYPT_DECRYPT", managerCustomer, false)
	for _, plain := range [][]byte{{}, []byte("x"), bytes.Repeat([]byte("p"), 4096)} {
		ct, err := seal(k, plain, map[string]string{"k": "v"})
		if err != nil {
			t.Fatal(err)
		}
		b, err := parseBlob(ct)
		if err != nil || b.keyID != k.id {
			t.Fatalf("parse: %v %q", err, b.keyID)
		}
		got, err := open(k, b, map[string]string{"k": "v"})
		if err != nil || !bytes.Equal(got, plain) {
			t.Fatalf("open: %v", err)
		}
	}
}

func TestAdditionalDataIsUnambiguous(t *testing.T) {
	a := additionalData("id", map[string]string{"ab": "c"})
	b := additionalData("id", map[string]string{"a": "bc"})
	if bytes.Equal(a, b) {
		t.Fatal("two contexts serialise alike")
	}
	if !bytes.Equal(additionalData("id", map[string]string{"x": "1", "y": "2"}), additionalData("id", map[string]string{"y": "2", "x": "1"})) {
		t.Fatal("context order changes the serialisation")
	}
}

func FuzzParseBlob(f *testing.F) {
	k := newKey(scope{"123456789012", "us-east-1"}, time.Now(), "SYMMETRIC_DEFAULT", "ENCRYPT_DECRYPT", managerCustomer, false)
	ct, _ := seal(k, []byte("seed"), nil)
	f.Add(ct)
	f.Add([]byte{})
	f.Add([]byte{blobVersion, 36})
	f.Add([]byte(strings.Repeat("\x01", 80)))
	f.Fuzz(func(t *testing.T, data []byte) {
		b, err := parseBlob(data)
		if err != nil {
			return
		}
		if !keyIDPattern.MatchString(b.keyID) || len(b.nonce) != nonceSize || len(b.sealed) < tagSize {
			t.Fatalf("accepted a malformed blob: %+v", b)
		}
		if b.keyID == k.id {
			_, _ = open(k, b, nil) // must not panic
		}
	})
}
