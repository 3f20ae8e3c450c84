package s3

import "unicode"

// validTagText reports whether s uses only the characters S3 allows in tag
// keys and values: letters, numbers and spaces representable in UTF-8, and
// + - = . _ : / @.
func validTagText(s string) bool {
	for _, r := range s {
		switch {
		case unicode.IsLetter(r), unicode.IsNumber(r), unicode.IsSpace(r):
		case r == '+', r == '-', r == '=', r == '.', r == '_', r == ':', r == '/', r == '@':
		default:
			return false
		}
	}
	return true
}
