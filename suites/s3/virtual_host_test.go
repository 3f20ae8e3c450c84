package s3_test

import (
	"context"
	"net"
	"net/http"
	"net/url"

	"github.com/aws/aws-sdk-go-v2/aws"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/parity-harness/parity/harness"
)

// virtualHostS3 is an S3 client addressing buckets as virtual hosts
// (<bucket>.s3.<region>.amazonaws.com). On targets other than AWS the
// requests carry that host name and are sent to the target's address.
func virtualHostS3() *s3.Client {
	cfg := harness.AWSConfig()
	if harness.TargetKind() == harness.KindAWS {
		return s3.NewFromConfig(cfg, func(o *s3.Options) { o.UsePathStyle = false })
	}
	target, err := url.Parse(aws.ToString(cfg.BaseEndpoint))
	Expect(err).NotTo(HaveOccurred())
	addr := target.Host
	client := awshttp.NewBuildableClient().WithTransportOptions(func(t *http.Transport) {
		var d net.Dialer
		t.DialContext = func(ctx context.Context, network, _ string) (net.Conn, error) {
			return d.DialContext(ctx, network, addr)
		}
	})
	return s3.NewFromConfig(cfg, func(o *s3.Options) {
		o.BaseEndpoint = aws.String("http://s3." + cfg.Region + ".amazonaws.com:" + target.Port())
		o.UsePathStyle = false
		o.HTTPClient = client
	})
}

var _ = Describe("S3 virtual-host addressing", func() {
	It("stores keys with leading and doubled slashes through virtual hosts", harness.Reference(refS3+"test_object_with_slashes_in_key[True]"), func(ctx SpecContext) {
		snap := harness.Snapshot()
		coreListDivergences(snap)
		snap.Divergence("moto", "$.Contents", "moto drops the leading slash of a key sent through a virtual host (stores foo for /foo); AWS keeps it (reference list-objects-slashes)")
		c := virtualHostS3()
		b := newBucket(ctx, harness.S3())
		put(ctx, c, b, "/foo", "foobar")
		put(ctx, c, b, "bar", "barfoo")
		put(ctx, c, b, "/bar/foo/", "test")
		snap.Match("list-objects-slashes", urlDecodedV2(ctx, c, b))
	})
})
