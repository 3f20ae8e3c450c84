package clients

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

// ProviderMirror is the offline mirror of the Terraform AWS provider.
var ProviderMirror = "/opt/tf-plugins"

// providerVersion is the AWS provider the stacks pin (the mirror's version).
const providerVersion = "5.100.0"

// Stack is a Terraform configuration under suites/terraform/<name>.
type Stack struct {
	Name string
	Dir  string
	// Services are the emulator models the stack needs.
	Services []string
	// Floor is the time the AWS provider waits by itself during apply and
	// destroy whatever the server does (it polls SQS queue attributes and S3
	// lifecycle configurations until they repeat).
	Floor time.Duration
}

// providerServices are the endpoints every stack's provider is pointed at.
var providerServices = []string{"sqs", "sns", "s3", "dynamodb", "iam", "sts"}

// endpointService maps a provider endpoint name to the emulator model.
var endpointService = map[string]string{"sqs": "sqs", "sns": "sns", "s3": "s3", "dynamodb": "dynamodb", "iam": "iam", "sts": "sts"}

// DiscoverStacks lists the stacks under dir with the services each uses
// (read from its resource types) and its provider wait floor.
func DiscoverStacks(dir string) ([]Stack, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var stacks []Stack
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		files, _ := filepath.Glob(filepath.Join(dir, e.Name(), "*.tf"))
		var src bytes.Buffer
		for _, f := range files {
			b, err := os.ReadFile(f)
			if err != nil {
				return nil, err
			}
			src.Write(b)
		}
		if src.Len() == 0 {
			continue
		}
		stacks = append(stacks, analyse(e.Name(), filepath.Join(dir, e.Name()), src.String()))
	}
	sort.Slice(stacks, func(i, j int) bool { return stacks[i].Name < stacks[j].Name })
	return stacks, nil
}

// analyse derives a stack's services and wait floor from its source.
func analyse(name, dir, src string) Stack {
	s := Stack{Name: name, Dir: dir}
	seen := map[string]bool{}
	prefixes := map[string]string{`"aws_sqs_`: "sqs", `"aws_sns_`: "sns", `"aws_s3_`: "s3", `"aws_dynamodb_`: "dynamodb", `"aws_iam_`: "iam", `"aws_caller_identity"`: "sts"}
	for p, svc := range prefixes {
		if strings.Contains(src, p) && !seen[svc] {
			seen[svc] = true
			s.Services = append(s.Services, svc)
		}
	}
	sort.Strings(s.Services)
	// The provider reads SQS queue attributes until they repeat (about 25 s
	// per queue and queue policy on create) and S3 lifecycle configurations
	// (about 55 s); deletes of queues wait too.
	s.Floor = time.Duration(strings.Count(src, `resource "aws_sqs_queue"`)+strings.Count(src, `resource "aws_sqs_queue_policy"`))*25*time.Second +
		time.Duration(strings.Count(src, `resource "aws_s3_bucket_lifecycle_configuration"`))*55*time.Second
	return s
}

// cliConfig writes the Terraform CLI configuration that installs the AWS
// provider from the offline mirror only.
func cliConfig(dir string) (string, error) {
	path := filepath.Join(dir, "terraform.rc")
	conf := fmt.Sprintf("provider_installation {\n  filesystem_mirror {\n    path    = %q\n    include = [\"registry.terraform.io/hashicorp/*\"]\n  }\n  direct {\n    exclude = [\"registry.terraform.io/hashicorp/*\"]\n  }\n}\n", ProviderMirror)
	return path, os.WriteFile(path, []byte(conf), 0o644)
}

// ProviderConfig is the provider block pointing every endpoint at endpoint.
func ProviderConfig(endpoint string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "terraform {\n  required_providers {\n    aws = {\n      source  = \"hashicorp/aws\"\n      version = %q\n    }\n  }\n}\n\n", providerVersion)
	b.WriteString("provider \"aws\" {\n  region                      = \"us-east-1\"\n  access_key                  = \"test\"\n  secret_key                  = \"test\"\n")
	b.WriteString("  skip_credentials_validation = true\n  skip_metadata_api_check     = true\n  skip_requesting_account_id  = false\n  s3_use_path_style           = true\n\n  endpoints {\n")
	for _, svc := range providerServices {
		fmt.Fprintf(&b, "    %-8s = %q\n", svc, endpoint)
	}
	b.WriteString("  }\n}\n")
	return b.String()
}

// TerraformRun is the outcome of one stack against one endpoint.
type TerraformRun struct {
	Phase        string // the phase that failed, "" on success
	ApplyDestroy time.Duration
	Err          error
}

// RunStack copies stack into work, points it at endpoint and runs init,
// apply, plan -detailed-exitcode (a diff after apply is a failure) and
// destroy. Output goes to log.
func RunStack(ctx context.Context, stack Stack, endpoint, work, name string, log *os.File) TerraformRun {
	if err := os.MkdirAll(work, 0o755); err != nil {
		return TerraformRun{Phase: "setup", Err: err}
	}
	files, _ := filepath.Glob(filepath.Join(stack.Dir, "*.tf"))
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return TerraformRun{Phase: "setup", Err: err}
		}
		if err := os.WriteFile(filepath.Join(work, filepath.Base(f)), b, 0o644); err != nil {
			return TerraformRun{Phase: "setup", Err: err}
		}
	}
	if err := os.WriteFile(filepath.Join(work, "zz_provider.tf"), []byte(ProviderConfig(endpoint)), 0o644); err != nil {
		return TerraformRun{Phase: "setup", Err: err}
	}
	rc, err := cliConfig(work)
	if err != nil {
		return TerraformRun{Phase: "setup", Err: err}
	}
	env := append(clientEnv(endpoint), "TF_CLI_CONFIG_FILE="+rc, "TF_IN_AUTOMATION=1", "TF_INPUT=0", "CHECKPOINT_DISABLE=1",
		"TF_PLUGIN_CACHE_DIR=", "TF_VAR_name="+name)
	run := func(args ...string) (int, error) {
		fmt.Fprintf(log, "\n$ terraform %s\n", strings.Join(args, " "))
		cmd := exec.CommandContext(ctx, "terraform", args...)
		cmd.Dir, cmd.Env, cmd.Stdout, cmd.Stderr = work, env, log, log
		err := cmd.Run()
		var exit *exec.ExitError
		if errors.As(err, &exit) {
			return exit.ExitCode(), err
		}
		return 0, err
	}
	if _, err := run("init", "-input=false", "-no-color"); err != nil {
		return TerraformRun{Phase: "init", Err: err}
	}
	var out TerraformRun
	start := time.Now()
	_, applyErr := run("apply", "-auto-approve", "-input=false", "-no-color")
	applied := time.Since(start)
	if applyErr != nil {
		out = TerraformRun{Phase: "apply", Err: applyErr}
	} else if code, err := run("plan", "-detailed-exitcode", "-input=false", "-no-color"); code == 2 {
		out = TerraformRun{Phase: "plan", Err: errors.New("plan after apply shows changes (perpetual diff)")}
	} else if err != nil {
		out = TerraformRun{Phase: "plan", Err: err}
	}
	destroyStart := time.Now()
	if _, err := run("destroy", "-auto-approve", "-input=false", "-no-color"); err != nil && out.Err == nil {
		out = TerraformRun{Phase: "destroy", Err: err}
	}
	out.ApplyDestroy = applied + time.Since(destroyStart)
	return out
}
