package clients

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestTFAccCommand(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module github.com/hashicorp/terraform-provider-aws\n"), 0o644)
	for _, svc := range []string{"sqs", "s3"} {
		os.MkdirAll(filepath.Join(dir, "internal", "service", svc), 0o755)
	}
	cmd, err := TFAccCommand(dir, "TestAccSQSQueue_basic", "http://127.0.0.1:4566", []string{"sqs", "s3"})
	if err != nil {
		t.Fatal(err)
	}
	want := "go test -count=1 -v -timeout 180m -run TestAccSQSQueue_basic ./internal/service/sqs/... ./internal/service/s3/..."
	if got := strings.Join(cmd.Args, " "); got != want {
		t.Fatalf("args:\n got %s\nwant %s", got, want)
	}
	if cmd.Dir != dir {
		t.Fatalf("dir %s", cmd.Dir)
	}
	env := strings.Join(cmd.Env, "\n")
	for _, kv := range []string{"TF_ACC=1", "AWS_ENDPOINT_URL=http://127.0.0.1:4566", "AWS_ENDPOINT_URL_SQS=http://127.0.0.1:4566", "AWS_ENDPOINT_URL_S3=http://127.0.0.1:4566", "AWS_ACCESS_KEY_ID=test"} {
		if !strings.Contains(env, kv+"\n") && !strings.HasSuffix(env, kv) {
			t.Errorf("env lacks %s", kv)
		}
	}
	bad := []struct {
		name, dir, run string
		svcs           []string
	}{
		{"no dir", "", "x", nil},
		{"no run", dir, "", nil},
		{"bad pattern", dir, "(", nil},
		{"unknown service", dir, "x", []string{"lambda"}},
		{"path service", dir, "x", []string{"../x"}},
		{"not the provider", t.TempDir(), "x", nil},
	}
	for _, c := range bad {
		if _, err := TFAccCommand(c.dir, c.run, "http://e", c.svcs); err == nil {
			t.Errorf("%s: accepted", c.name)
		}
	}
}

func TestAnalyseStack(t *testing.T) {
	src := `resource "aws_sqs_queue" "a" {}
resource "aws_sqs_queue" "b" {}
resource "aws_sqs_queue_policy" "p" {}
resource "aws_sns_topic" "t" {}
resource "aws_s3_bucket_lifecycle_configuration" "l" {}
data "aws_caller_identity" "c" {}`
	st := analyse("m", "/x", src)
	if strings.Join(st.Services, ",") != "s3,sns,sqs,sts" {
		t.Fatalf("services %v", st.Services)
	}
	if st.Floor != 3*25*time.Second+55*time.Second {
		t.Fatalf("floor %v", st.Floor)
	}
}

func TestProviderConfigPointsEveryEndpoint(t *testing.T) {
	conf := ProviderConfig("http://127.0.0.1:1234")
	for _, svc := range providerServices {
		if !strings.Contains(conf, svc) {
			t.Errorf("no endpoint for %s", svc)
		}
	}
	for _, want := range []string{`version = "5.100.0"`, "s3_use_path_style           = true", "skip_credentials_validation = true"} {
		if !strings.Contains(conf, want) {
			t.Errorf("config lacks %s", want)
		}
	}
}

func TestMarkdownAndReadme(t *testing.T) {
	results := []Result{
		{Client: "awscli", Subject: "sqs", Status: Pass},
		{Client: "awscli", Subject: "s3", Status: Fail, Reason: "exit 1 | boom"},
		{Client: "js", Subject: "sqs", Status: Pending, Reason: "run `npm ci` in suites/clients/js first"},
		{Client: "terraform", Subject: "table", Status: Pass, ApplyDestroy: 3 * time.Second},
	}
	md := Markdown(results)
	for _, want := range []string{"| client | s3 | sqs |", "| AWS CLI v1 | **fail**: exit 1 / boom | pass |", "| AWS SDK for JavaScript v3 | – | pending", "| table | pass | 3 s |"} {
		if !strings.Contains(md, want) {
			t.Errorf("markdown lacks %q:\n%s", want, md)
		}
	}
	readme := filepath.Join(t.TempDir(), "README.md")
	os.WriteFile(readme, []byte("# x\n"+MarkerStart+"\nold\n"+MarkerEnd+"\ntail\n"), 0o644)
	if err := UpdateReadme(readme, md); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(readme)
	if strings.Contains(string(b), "old") || !strings.Contains(string(b), "tail") || !strings.Contains(string(b), "| table | pass") {
		t.Fatalf("readme:\n%s", b)
	}
	os.WriteFile(readme, []byte("no markers"), 0o644)
	if UpdateReadme(readme, md) == nil {
		t.Fatal("README without markers accepted")
	}
}
