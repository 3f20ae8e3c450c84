package s3_test

import (
	"crypto/md5"
	"encoding/base64"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/parity-harness/parity/harness"
)

const refSSEC = "tests/aws/services/s3/test_s3.py::TestS3SSECEncryption::"

// sseCKey is a customer-provided key: 32 bytes, base64, and its MD5.
type sseCKey struct{ key, md5 string }

func newSSECKey(raw string) sseCKey {
	sum := md5.Sum([]byte(raw))
	return sseCKey{base64.StdEncoding.EncodeToString([]byte(raw)), base64.StdEncoding.EncodeToString(sum[:])}
}

var testSSECKey = newSSECKey("parity-sse-c-key-of-32-bytes-len")

// sseCOpaque declares what the reference recordings cannot share with a
// spec: their key (so its MD5) and the ETags of SSE-C objects, which are not
// the MD5 of the data.
func sseCOpaque(snap *harness.Session) {
	snap.SkipVerify("$..SSECustomerKeyMD5", "the MD5 of the customer key: the reference test's key is not the spec's")
	snap.SkipVerify("$..ETag", "the ETag of an SSE-C object is not the MD5 of its data and depends on the key and the encryption")
}

// Server-side encryption with customer-provided keys (SSE-C). moto accepts
// any SSE-C headers, serves SSE-C objects without the key and does not
// answer the SSE-C headers: these specs are recorded against the emulator.
var _ = Describe("S3 SSE-C", Label("emulator-recorded"), func() {
	It("validates customer keys", harness.Reference(refSSEC+"test_put_object_validation_sse_c"), func(ctx SpecContext) {
		snap := harness.Snapshot()
		c := harness.S3()
		b := newBucket(ctx, c)
		short := newSSECKey("too-short-key")
		puts := []struct {
			key string
			in  func(*s3.PutObjectInput)
		}{
			{"put-obj-sse-c-both-encryption", func(i *s3.PutObjectInput) {
				i.ServerSideEncryption = types.ServerSideEncryptionAes256
				i.SSECustomerAlgorithm, i.SSECustomerKey, i.SSECustomerKeyMD5 = aws.String("AES256"), aws.String(testSSECKey.key), aws.String(testSSECKey.md5)
			}},
			{"put-obj-sse-c-no-algo", func(i *s3.PutObjectInput) {
				i.SSECustomerKey, i.SSECustomerKeyMD5 = aws.String(testSSECKey.key), aws.String(testSSECKey.md5)
			}},
			{"put-obj-sse-c-wrong-algo", func(i *s3.PutObjectInput) {
				i.SSECustomerAlgorithm, i.SSECustomerKey, i.SSECustomerKeyMD5 = aws.String("KMS"), aws.String(testSSECKey.key), aws.String(testSSECKey.md5)
			}},
			{"put-obj-sse-c-no-key", func(i *s3.PutObjectInput) { i.SSECustomerAlgorithm = aws.String("AES256") }},
			{"put-obj-sse-c-wrong-key-size", func(i *s3.PutObjectInput) {
				i.SSECustomerAlgorithm, i.SSECustomerKey, i.SSECustomerKeyMD5 = aws.String("AES256"), aws.String(short.key), aws.String(short.md5)
			}},
			{"put-obj-sse-c-no-md5", func(i *s3.PutObjectInput) {
				i.SSECustomerAlgorithm, i.SSECustomerKey = aws.String("AES256"), aws.String(testSSECKey.key)
			}},
			{"put-obj-sse-c-bad-md5", func(i *s3.PutObjectInput) {
				i.SSECustomerAlgorithm, i.SSECustomerKey, i.SSECustomerKeyMD5 = aws.String("AES256"), aws.String(testSSECKey.key), aws.String(short.md5)
			}},
		}
		for _, p := range puts {
			in := &s3.PutObjectInput{Bucket: aws.String(b), Key: aws.String("test-sse-c"), Body: stringsReader("test_data")}
			p.in(in)
			_, err := c.PutObject(ctx, in, noDefaultContentType)
			snap.Match(p.key, err)
		}
	})

	It("writes, reads and deletes an SSE-C object", harness.Reference(refSSEC+"test_put_object_lifecycle_with_sse_c"), func(ctx SpecContext) {
		snap := harness.Snapshot()
		c := harness.S3()
		motoObjectDivergences(snap)
		sseCOpaque(snap)
		b := newBucket(ctx, c)
		k := aws.String("test-sse-c")
		alg, key, sum := aws.String("AES256"), aws.String(testSSECKey.key), aws.String(testSSECKey.md5)
		p, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(b), Key: k, Body: stringsReader("test_data"), SSECustomerAlgorithm: alg, SSECustomerKey: key, SSECustomerKeyMD5: sum}, noDefaultContentType)
		Expect(err).NotTo(HaveOccurred())
		snap.Match("put-obj-sse-c", p)
		head, err := c.HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String(b), Key: k, SSECustomerAlgorithm: alg, SSECustomerKey: key, SSECustomerKeyMD5: sum})
		Expect(err).NotTo(HaveOccurred())
		snap.Match("head-obj-sse-c", head)
		snap.Match("get-obj-sse-c", getBody(c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String(b), Key: k, SSECustomerAlgorithm: alg, SSECustomerKey: key, SSECustomerKeyMD5: sum})))
		attrs, err := c.GetObjectAttributes(ctx, &s3.GetObjectAttributesInput{Bucket: aws.String(b), Key: k, SSECustomerAlgorithm: alg, SSECustomerKey: key, SSECustomerKeyMD5: sum,
			ObjectAttributes: []types.ObjectAttributes{types.ObjectAttributesEtag, types.ObjectAttributesObjectSize}}, lenientLastModified)
		Expect(err).NotTo(HaveOccurred())
		snap.Match("get-obj-attrs-sse-c", attrs)
		snap.Match("del-obj-sse-c", orErr(c.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: aws.String(b), Key: k})))
	})

	It("copies SSE-C objects", harness.Reference(refSSEC+"test_copy_object_with_sse_c"), func(ctx SpecContext) {
		snap := harness.Snapshot()
		c := harness.S3()
		motoObjectDivergences(snap)
		sseCOpaque(snap)
		b := newBucket(ctx, c)
		alg, key, sum := aws.String("AES256"), aws.String(testSSECKey.key), aws.String(testSSECKey.md5)
		p, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(b), Key: aws.String("test-sse-c"), Body: stringsReader("test_data"), SSECustomerAlgorithm: alg, SSECustomerKey: key, SSECustomerKeyMD5: sum}, noDefaultContentType)
		Expect(err).NotTo(HaveOccurred())
		snap.Match("put-obj-sse-c", p)
		_, err = c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String(b), Key: aws.String("test-sse-c")})
		snap.Match("get-obj-no-sse-c-param", err)
		cp := func(f func(*s3.CopyObjectInput)) (*s3.CopyObjectOutput, error) {
			in := &s3.CopyObjectInput{Bucket: aws.String(b), Key: aws.String("dest-sse-c"), CopySource: aws.String(b + "/test-sse-c")}
			f(in)
			return c.CopyObject(ctx, in)
		}
		src := func(i *s3.CopyObjectInput) {
			i.CopySourceSSECustomerAlgorithm, i.CopySourceSSECustomerKey, i.CopySourceSSECustomerKeyMD5 = alg, key, sum
		}
		_, err = cp(func(*s3.CopyObjectInput) {})
		snap.Match("copy-obj-no-src-sse-c", err)
		_, err = cp(func(i *s3.CopyObjectInput) { src(i); i.CopySourceSSECustomerAlgorithm = aws.String("KMS") })
		snap.Match("copy-obj-wrong-src-sse-c-algo", err)
		_, err = cp(func(i *s3.CopyObjectInput) {
			src(i)
			i.SSECustomerAlgorithm, i.SSECustomerKey, i.SSECustomerKeyMD5 = aws.String("KMS"), key, sum
		})
		snap.Match("copy-obj-wrong-target-sse-c-algo", err)
		snap.Match("copy-obj-sse-c", orErr(cp(func(i *s3.CopyObjectInput) {
			src(i)
			i.SSECustomerAlgorithm, i.SSECustomerKey, i.SSECustomerKeyMD5 = alg, key, sum
		})))
		_, err = cp(func(i *s3.CopyObjectInput) {
			src(i)
			i.ServerSideEncryption = types.ServerSideEncryptionAes256
			i.SSECustomerAlgorithm, i.SSECustomerKey, i.SSECustomerKeyMD5 = alg, key, sum
		})
		snap.Match("copy-obj-target-double-encryption", err)
		snap.Match("copy-obj-sse-c-target-no-sse-c", orErr(cp(src)))
	})
})
