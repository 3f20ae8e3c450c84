package service

import (
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/parity-harness/parity/emulator/awserr"
)

// DefaultAccount is the account of the access key "test" and of any key that
// does not name one.
const DefaultAccount = "000000000000"

// DefaultRegion is used when a request carries no region.
const DefaultRegion = "us-east-1"

// Partition returns the ARN partition of a region.
func Partition(region string) string {
	switch {
	case strings.HasPrefix(region, "cn-"):
		return "aws-cn"
	case strings.HasPrefix(region, "us-gov-"):
		return "aws-us-gov"
	}
	return "aws"
}

// ARN builds arn:<partition>:<service>:<region>:<account>:<resource>.
func ARN(service, region, account, resource string) string {
	p := Partition(region)
	if region == "" {
		p = "aws"
	}
	return "arn:" + p + ":" + service + ":" + region + ":" + account + ":" + resource
}

// ParsedARN is an ARN split into its parts.
type ParsedARN struct {
	Partition, Service, Region, Account, Resource string
}

// ParseARN splits an ARN; ok is false when s is not one.
func ParseARN(s string) (ParsedARN, bool) {
	parts := strings.SplitN(s, ":", 6)
	if len(parts) != 6 || parts[0] != "arn" {
		return ParsedARN{}, false
	}
	return ParsedARN{parts[1], parts[2], parts[3], parts[4], parts[5]}, true
}

// UUID returns a random RFC 4122 version 4 UUID.
func UUID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}

// RandomHex returns n random bytes as hex.
func RandomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

const idAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"

// RandomID returns a prefix followed by n random upper-case alphanumerics, the
// form of IAM unique ids and access keys (AIDA…, ASIA…).
func RandomID(prefix string, n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	for i := range b {
		b[i] = idAlphabet[int(b[i])%len(idAlphabet)]
	}
	return prefix + string(b)
}

// Tags is a resource's tag set with the validation AWS applies.
type Tags map[string]string

// SortedKeys returns the tag keys in order.
func (t Tags) SortedKeys() []string {
	keys := make([]string, 0, len(t))
	for k := range t {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// List returns the tags as [{Key, Value}] sorted by key.
func (t Tags) List() []any {
	out := make([]any, 0, len(t))
	for _, k := range t.SortedKeys() {
		out = append(out, map[string]any{"Key": k, "Value": t[k]})
	}
	return out
}

// PageToken encodes an offset into an opaque pagination token.
func PageToken(offset int) string {
	return base64.RawURLEncoding.EncodeToString([]byte("o:" + strconv.Itoa(offset)))
}

// ParsePageToken decodes a PageToken; a token the emulator did not issue is an
// InvalidParameterValue-style error with code.
func ParsePageToken(token, code string) (int, error) {
	b, err := base64.RawURLEncoding.DecodeString(token)
	if err != nil || !strings.HasPrefix(string(b), "o:") {
		return 0, awserr.Newf(code, 400, "Invalid pagination token: %s", token)
	}
	n, err := strconv.Atoi(string(b[2:]))
	if err != nil || n < 0 {
		return 0, awserr.Newf(code, 400, "Invalid pagination token: %s", token)
	}
	return n, nil
}

// Page returns items[offset:offset+limit] and the token of the next page ("").
func Page[T any](items []T, offset, limit int) ([]T, string) {
	if offset > len(items) {
		offset = len(items)
	}
	end := len(items)
	if limit > 0 && offset+limit < end {
		end = offset + limit
	}
	next := ""
	if end < len(items) {
		next = PageToken(end)
	}
	return items[offset:end], next
}
