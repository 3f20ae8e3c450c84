package sqs

import (
	"encoding/base64"
	"strings"

	"github.com/parity-harness/parity/emulator/service"
)

// A receipt handle names the queue, the message and one receive of it:
// base64 of "<queue ARN> <message id> <random>".
func newReceiptHandle(queueARN, messageID string) string {
	return base64.StdEncoding.EncodeToString([]byte(queueARN + " " + messageID + " " + service.RandomHex(16)))
}

// parseReceiptHandle returns the queue ARN and message id of a handle.
func parseReceiptHandle(h string) (queueARN, messageID string, ok bool) {
	raw, err := base64.StdEncoding.DecodeString(h)
	if err != nil {
		return "", "", false
	}
	parts := strings.Split(string(raw), " ")
	if len(parts) != 3 || !strings.HasPrefix(parts[0], "arn:") || parts[1] == "" {
		return "", "", false
	}
	return parts[0], parts[1], true
}
