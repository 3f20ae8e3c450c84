// Package e2e drives the S3 emulation through a running emulator with the
// AWS SDK for Go v2: the wire format, aws-chunked uploads with trailing
// checksums, presigned URLs and, behind the memproof build tag, the memory
// bound of a 1 GiB multipart upload and download.
package e2e
