package s3

// hasEncryptionConfig reports whether a default encryption configuration
// was put on the bucket (rather than the SSE-S3 default every bucket has):
// S3 then accepts copying an object onto itself without other changes, the
// copy being re-encrypted under the bucket's configuration.
func hasEncryptionConfig(b *Bucket) bool {
	_, ok := b.Configs[configKinds["Encryption"].key].(map[string]any)
	return ok
}
