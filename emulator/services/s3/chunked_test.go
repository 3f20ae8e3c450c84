package s3

import (
	"bytes"
	"io"
	"strings"
	"testing"
)

func TestChunkedReader(t *testing.T) {
	data := bytes.Repeat([]byte("0123456789"), 1000)
	tests := []struct {
		name     string
		body     string
		want     []byte
		trailers map[string]string
		wantErr  bool
	}{
		{"unsigned with trailer", string(encodeChunked(data, 4096, map[string]string{"x-amz-checksum-crc32": CRC32.Sum(data)})), data, map[string]string{"x-amz-checksum-crc32": CRC32.Sum(data)}, false},
		{"signed chunks", "5;chunk-signature=abc\r\nhello\r\n0;chunk-signature=def\r\n\r\n", []byte("hello"), map[string]string{}, false},
		{"signed with trailer signature", "3;chunk-signature=a\r\nabc\r\n0;chunk-signature=b\r\nx-amz-checksum-crc32c:" + CRC32C.Sum([]byte("abc")) + "\r\nx-amz-trailer-signature:zz\r\n\r\n", []byte("abc"), map[string]string{"x-amz-checksum-crc32c": CRC32C.Sum([]byte("abc")), "x-amz-trailer-signature": "zz"}, false},
		{"no final line", "3\r\nabc\r\n0\r\n", []byte("abc"), map[string]string{}, false},
		{"empty payload", "0\r\n\r\n", []byte{}, map[string]string{}, false},
		{"bad size", "zz\r\nabc\r\n0\r\n\r\n", nil, nil, true},
		{"short data", "10\r\nabc", nil, nil, true},
		{"missing CRLF after data", "3\r\nabcX\r\n0\r\n\r\n", nil, nil, true},
		{"bad extension", "3;foo=bar\r\nabc\r\n0\r\n\r\n", nil, nil, true},
		{"bad trailer", "3\r\nabc\r\n0\r\nnocolon\r\n\r\n", nil, nil, true},
		{"negative size", "-3\r\nabc\r\n0\r\n\r\n", nil, nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cr := NewChunkedReader(strings.NewReader(tt.body))
			got, err := io.ReadAll(cr)
			if tt.wantErr {
				if err == nil {
					t.Fatalf("want error, got %q", got)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, tt.want) {
				t.Fatalf("decoded %d bytes, want %d", len(got), len(tt.want))
			}
			if len(cr.Trailers()) != len(tt.trailers) {
				t.Fatalf("trailers %v, want %v", cr.Trailers(), tt.trailers)
			}
			for k, v := range tt.trailers {
				if cr.Trailers()[k] != v {
					t.Fatalf("trailer %s = %q, want %q", k, cr.Trailers()[k], v)
				}
			}
		})
	}
}

func FuzzChunkedReader(f *testing.F) {
	f.Add([]byte(encodeChunked([]byte("hello world"), 4, map[string]string{"x-amz-checksum-crc32": "AAAAAA=="})))
	f.Add([]byte("5;chunk-signature=abc\r\nhello\r\n0;chunk-signature=def\r\n\r\n"))
	f.Add([]byte("ffffffffffffffff\r\n"))
	f.Add([]byte("0\r\n"))
	f.Fuzz(func(t *testing.T, body []byte) {
		cr := NewChunkedReader(bytes.NewReader(body))
		got, err := io.ReadAll(io.LimitReader(cr, 1<<20))
		if err == nil && int64(len(got)) != cr.Decoded() {
			t.Fatalf("returned %d bytes, counted %d", len(got), cr.Decoded())
		}
		if err == nil && len(got) > len(body) {
			t.Fatalf("decoded %d bytes out of a %d byte body", len(got), len(body))
		}
	})
}
