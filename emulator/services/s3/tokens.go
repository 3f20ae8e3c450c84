package s3

import (
	"encoding/base64"
	"strconv"
	"strings"
)

// Continuation tokens carry the last key returned, opaque to clients.

const tokenPrefix = "parity1:"

func encodeToken(lastKey string) string {
	return base64.StdEncoding.EncodeToString([]byte(tokenPrefix + lastKey))
}

func decodeToken(token string) (string, bool) {
	b, err := base64.StdEncoding.DecodeString(token)
	if err != nil || !strings.HasPrefix(string(b), tokenPrefix) {
		return "", false
	}
	return strings.TrimPrefix(string(b), tokenPrefix), true
}

// parseIntStrict parses a decimal integer parameter.
func parseIntStrict(s string) (int64, error) { return strconv.ParseInt(strings.TrimSpace(s), 10, 64) }
