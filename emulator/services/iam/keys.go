package iam

import (
	"crypto/rand"
	"encoding/base32"
	"encoding/binary"
	"strconv"
	"strings"
)

// AccessKeyID returns a new access key id with prefix ("AKIA" for IAM user
// keys, "ASIA" for temporary credentials) that encodes account the way AWS
// key ids do: the 40 bits above the lowest 7 of the first six decoded bytes
// hold the account number, so AccountOfAccessKey can recover it.
func AccessKeyID(prefix, account string) string {
	acct, err := strconv.ParseUint(account, 10, 64)
	if err != nil || acct >= 1<<40 {
		acct = 0
	}
	var b [10]byte
	_, _ = rand.Read(b[:])
	head := binary.BigEndian.Uint64(append([]byte{0, 0}, b[:6]...))
	head = head&^0x7fffffffff80 | acct<<7
	var hb [8]byte
	binary.BigEndian.PutUint64(hb[:], head)
	copy(b[:6], hb[2:])
	return prefix + base32.StdEncoding.EncodeToString(b[:])
}

// AccountOfAccessKey decodes the account an AWS-format access key id
// (AKIA…/ASIA… followed by 16 base32 characters) belongs to.
func AccountOfAccessKey(id string) (string, bool) {
	if len(id) != 20 || !(strings.HasPrefix(id, "AKIA") || strings.HasPrefix(id, "ASIA")) {
		return "", false
	}
	b, err := base32.StdEncoding.DecodeString(id[4:])
	if err != nil || len(b) < 6 {
		return "", false
	}
	head := binary.BigEndian.Uint64(append([]byte{0, 0}, b[:6]...))
	acct := (head & 0x7fffffffff80) >> 7
	s := strconv.FormatUint(acct, 10)
	return strings.Repeat("0", max(0, 12-len(s))) + s, true
}

// secret returns a 40-character secret access key.
func secret() string {
	const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
	b := make([]byte, 40)
	_, _ = rand.Read(b)
	for i := range b {
		b[i] = alphabet[int(b[i])%len(alphabet)]
	}
	return string(b)
}

// Secret returns a new secret access key (for STS).
func Secret() string { return secret() }
