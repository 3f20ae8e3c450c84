package sts_test

import (
	"net/url"
	"strings"

	"github.com/parity-harness/parity/transformers"
)

func decodePolicyMembers(v any) {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			if s, ok := e.(string); ok && k == "AssumeRolePolicyDocument" && strings.HasPrefix(s, "%7B") {
				if dec, err := url.PathUnescape(s); err == nil {
					if doc, err := transformers.Decode([]byte(dec)); err == nil {
						x[k] = doc
					}
				}
				continue
			}
			decodePolicyMembers(e)
		}
	case []any:
		for _, e := range x {
			decodePolicyMembers(e)
		}
	}
}
