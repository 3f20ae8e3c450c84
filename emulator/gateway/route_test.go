package gateway

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/parity-harness/parity/emulator/service"
)

// modelOnly is a service with a model and no operations: enough to route.
type modelOnly string

func (m modelOnly) Model() string                        { return string(m) }
func (m modelOnly) Handlers() map[string]service.Handler { return nil }

func testGateway(t *testing.T) *Gateway {
	t.Helper()
	var svcs []service.Service
	for _, m := range []string{"sqs", "sns", "s3", "dynamodb", "streams.dynamodb", "sts", "iam"} {
		svcs = append(svcs, modelOnly(m))
	}
	g, err := New(Config{Services: svcs})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = g.Close() })
	return g
}

func sigv4(region, svc string) string {
	return "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/" + region + "/" + svc + "/aws4_request, SignedHeaders=host;x-amz-date, Signature=abc"
}

func TestResolve(t *testing.T) {
	g := testGateway(t)
	cases := []struct {
		name       string
		method     string
		url        string
		host       string
		headers    map[string]string
		body       string
		wantSvc    string
		wantRegion string
		wantPath   string
	}{
		{name: "json target sqs", method: "POST", url: "/", headers: map[string]string{"X-Amz-Target": "AmazonSQS.SendMessage", "Authorization": sigv4("eu-west-1", "sqs")}, wantSvc: "sqs", wantRegion: "eu-west-1"},
		{name: "streams by target, signed as dynamodb", method: "POST", url: "/", headers: map[string]string{"X-Amz-Target": "DynamoDBStreams_20120810.ListStreams", "Authorization": sigv4("us-east-1", "dynamodb")}, wantSvc: "streams.dynamodb"},
		{name: "dynamodb by target", method: "POST", url: "/", headers: map[string]string{"X-Amz-Target": "DynamoDB_20120810.PutItem"}, wantSvc: "dynamodb"},
		{name: "query by signing name", method: "POST", url: "/", headers: map[string]string{"Authorization": sigv4("us-west-2", "sns"), "Content-Type": "application/x-www-form-urlencoded"}, body: "Action=Publish", wantSvc: "sns", wantRegion: "us-west-2"},
		{name: "unsigned query by unique action", method: "POST", url: "/", headers: map[string]string{"Content-Type": "application/x-www-form-urlencoded"}, body: "Action=GetCallerIdentity&Version=2011-06-15", wantSvc: "sts", wantRegion: "us-east-1"},
		{name: "host names the service and region", method: "POST", url: "/", host: "sqs.ap-south-1.localhost:4566", headers: map[string]string{"Content-Type": "application/x-www-form-urlencoded"}, body: "Action=ListQueues", wantSvc: "sqs", wantRegion: "ap-south-1"},
		{name: "s3 path style", method: "GET", url: "/bucket/key", headers: map[string]string{"Authorization": sigv4("us-east-1", "s3")}, wantSvc: "s3", wantPath: "/bucket/key"},
		{name: "s3 virtual host", method: "GET", url: "/key.txt", host: "my-bucket.s3.localhost.localstack.cloud:4566", headers: map[string]string{"Authorization": sigv4("us-east-1", "s3")}, wantSvc: "s3", wantPath: "/my-bucket/key.txt"},
		{name: "s3 virtual host amazonaws", method: "PUT", url: "/", host: "b1.s3.eu-central-1.amazonaws.com", wantSvc: "s3", wantRegion: "eu-central-1", wantPath: "/b1/"},
		{name: "s3 presigned", method: "GET", url: "/b/k?X-Amz-Credential=AKID%2F20260101%2Feu-west-2%2Fs3%2Faws4_request&X-Amz-Date=20260101T000000Z", wantSvc: "s3", wantRegion: "eu-west-2", wantPath: "/b/k"},
		{name: "plain path defaults to s3", method: "GET", url: "/", wantSvc: "s3", wantPath: "/"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := httptest.NewRequest(tc.method, tc.url, strings.NewReader(tc.body))
			if tc.host != "" {
				r.Host = tc.host
			}
			for k, v := range tc.headers {
				r.Header.Set(k, v)
			}
			rt, ok := g.resolve(r)
			if !ok {
				t.Fatal("not routed")
			}
			if got := rt.svc.name; got != tc.wantSvc {
				t.Errorf("service = %s, want %s", got, tc.wantSvc)
			}
			if tc.wantRegion != "" && rt.region != tc.wantRegion {
				t.Errorf("region = %s, want %s", rt.region, tc.wantRegion)
			}
			if tc.wantPath != "" && r.URL.Path != tc.wantPath {
				t.Errorf("path = %s, want %s", r.URL.Path, tc.wantPath)
			}
		})
	}
}

func TestHealth(t *testing.T) {
	g := testGateway(t)
	w := httptest.NewRecorder()
	g.ServeHTTP(w, httptest.NewRequest("GET", "/_parity/health", nil))
	if w.Code != http.StatusOK || !strings.Contains(w.Body.String(), `"sqs": "running"`) {
		t.Fatalf("health: %d %s", w.Code, w.Body.String())
	}
}

func TestCORSPreflight(t *testing.T) {
	g := testGateway(t)
	r := httptest.NewRequest("OPTIONS", "/", nil)
	r.Header.Set("Origin", "http://app.example")
	r.Header.Set("Access-Control-Request-Method", "POST")
	r.Header.Set("Access-Control-Request-Headers", "x-amz-target,content-type")
	w := httptest.NewRecorder()
	g.ServeHTTP(w, r)
	if w.Code != 200 || w.Header().Get("Access-Control-Allow-Origin") != "http://app.example" || w.Header().Get("Access-Control-Allow-Headers") != "x-amz-target,content-type" {
		t.Fatalf("preflight: %d %v", w.Code, w.Header())
	}
}

func TestStateDirWithoutPersistentServices(t *testing.T) {
	_, err := New(Config{Services: []service.Service{modelOnly("sqs")}, StateDir: t.TempDir()})
	if err == nil || !strings.Contains(err.Error(), "no served service keeps its state") {
		t.Fatalf("got %v, want a clear refusal", err)
	}
}
