//go:build memproof

package e2e

// The memory proof: a 1 GiB multipart upload and download through an
// emulator running in a child process, printing the child's peak RSS.
//
//	go test -tags memproof -run TestMemoryProof1GiB -v ./emulator/services/s3/e2e/

import (
	"bufio"
	"context"
	"crypto/md5"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"

	"github.com/parity-harness/parity/emulator"
)

const childEnv = "PARITY_S3_MEMPROOF_CHILD"

// TestMemoryProofChild is the emulator process: it prints its URL and serves
// until stdin closes.
func TestMemoryProofChild(t *testing.T) {
	if os.Getenv(childEnv) == "" {
		t.Skip("runs only as the child of TestMemoryProof1GiB")
	}
	e, err := emulator.Start(context.Background(), emulator.Options{Listen: "127.0.0.1:0"})
	if err != nil {
		t.Fatal(err)
	}
	fmt.Println("URL " + e.URL())
	io.Copy(io.Discard, os.Stdin)
	e.Close()
}

// patternReader yields n bytes of a repeating pattern without buffering them.
type patternReader struct{ left int64 }

func (p *patternReader) Read(b []byte) (int, error) {
	if p.left == 0 {
		return 0, io.EOF
	}
	n := min(int64(len(b)), p.left)
	for i := range b[:n] {
		b[i] = byte('a' + (p.left-int64(i))%26)
	}
	p.left -= n
	return int(n), nil
}

func peakRSS(pid int) string {
	f, err := os.Open(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return "unknown: " + err.Error()
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if strings.HasPrefix(sc.Text(), "VmHWM:") {
			return strings.TrimSpace(strings.TrimPrefix(sc.Text(), "VmHWM:"))
		}
	}
	return "unknown"
}

func TestMemoryProof1GiB(t *testing.T) {
	const total, partSize = 1 << 30, 16 << 20
	cmd := exec.Command(os.Args[0], "-test.run", "^TestMemoryProofChild$")
	cmd.Env = append(os.Environ(), childEnv+"=1")
	stdin, _ := cmd.StdinPipe()
	stdout, _ := cmd.StdoutPipe()
	cmd.Stderr = os.Stderr
	mustNoErr(t, "start child", cmd.Start())
	defer func() { stdin.Close(); cmd.Wait() }()
	sc := bufio.NewScanner(stdout)
	url := ""
	for sc.Scan() {
		if u, ok := strings.CutPrefix(sc.Text(), "URL "); ok {
			url = u
			break
		}
	}
	if url == "" {
		t.Fatal("child printed no URL")
	}
	go io.Copy(io.Discard, stdout)

	ctx := context.Background()
	c := newClient(url)
	bucket, key := "memproof", "one-gib"
	_, err := c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String(bucket)})
	mustNoErr(t, "CreateBucket", err)
	up, err := c.CreateMultipartUpload(ctx, &s3.CreateMultipartUploadInput{Bucket: aws.String(bucket), Key: aws.String(key)})
	mustNoErr(t, "CreateMultipartUpload", err)
	start := time.Now()
	var parts []types.CompletedPart
	whole := md5.New()
	for n := int32(1); int64(n-1)*partSize < total; n++ {
		r := io.TeeReader(&patternReader{left: partSize}, whole)
		// UploadPart needs a seekable body to sign/checksum; buffer one part
		// on the client side only.
		buf, _ := io.ReadAll(r)
		out, err := c.UploadPart(ctx, &s3.UploadPartInput{Bucket: aws.String(bucket), Key: aws.String(key), UploadId: up.UploadId,
			PartNumber: aws.Int32(n), Body: strings.NewReader(string(buf))})
		mustNoErr(t, fmt.Sprintf("UploadPart %d", n), err)
		parts = append(parts, types.CompletedPart{PartNumber: aws.Int32(n), ETag: out.ETag})
	}
	_, err = c.CompleteMultipartUpload(ctx, &s3.CompleteMultipartUploadInput{Bucket: aws.String(bucket), Key: aws.String(key), UploadId: up.UploadId,
		MultipartUpload: &types.CompletedMultipartUpload{Parts: parts}})
	mustNoErr(t, "CompleteMultipartUpload", err)
	uploaded := time.Since(start)
	get, err := c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String(bucket), Key: aws.String(key)})
	mustNoErr(t, "GetObject", err)
	got := md5.New()
	n, err := io.Copy(got, get.Body)
	get.Body.Close()
	mustNoErr(t, "download", err)
	if n != total || string(got.Sum(nil)) != string(whole.Sum(nil)) {
		t.Fatalf("downloaded %d bytes, digest match %v", n, string(got.Sum(nil)) == string(whole.Sum(nil)))
	}
	fmt.Printf("1 GiB multipart upload %v, download %v; emulator peak RSS (VmHWM) %s\n", uploaded.Round(time.Millisecond), (time.Since(start) - uploaded).Round(time.Millisecond), peakRSS(cmd.Process.Pid))
}
