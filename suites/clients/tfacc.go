package clients

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
)

// TFAccServices are the provider service packages whose acceptance tests
// the emulator can serve.
var TFAccServices = []string{"sqs", "sns", "s3", "dynamodb", "iam", "sts"}

var servicePattern = regexp.MustCompile(`^[a-z0-9]+$`)

// TFAccCommand builds the `go test` command that runs the acceptance tests
// matching run of a checkout of the Terraform AWS provider in providerDir
// against endpoint: TF_ACC=1, every service endpoint variable pointed at the
// emulator, static test credentials.
func TFAccCommand(providerDir, run, endpoint string, services []string) (*exec.Cmd, error) {
	if providerDir == "" {
		return nil, errors.New("tf-acc: PROVIDER_DIR is required (a checkout of github.com/hashicorp/terraform-provider-aws)")
	}
	mod, err := os.ReadFile(filepath.Join(providerDir, "go.mod"))
	if err != nil {
		return nil, fmt.Errorf("tf-acc: %s has no go.mod: %w", providerDir, err)
	}
	if !strings.Contains(string(mod), "terraform-provider-aws") {
		return nil, fmt.Errorf("tf-acc: %s is not a checkout of the Terraform AWS provider", providerDir)
	}
	if run == "" {
		return nil, errors.New("tf-acc: RUN is required (a go test -run pattern, e.g. TestAccSQSQueue_basic)")
	}
	if _, err := regexp.Compile(run); err != nil {
		return nil, fmt.Errorf("tf-acc: RUN %q is not a valid pattern: %w", run, err)
	}
	if len(services) == 0 {
		services = TFAccServices
	}
	args := []string{"test", "-count=1", "-v", "-timeout", "180m", "-run", run}
	for _, svc := range services {
		if !servicePattern.MatchString(svc) {
			return nil, fmt.Errorf("tf-acc: service %q is not a provider package name", svc)
		}
		if _, err := os.Stat(filepath.Join(providerDir, "internal", "service", svc)); err != nil {
			return nil, fmt.Errorf("tf-acc: %s has no internal/service/%s", providerDir, svc)
		}
		args = append(args, "./internal/service/"+svc+"/...")
	}
	cmd := exec.Command("go", args...)
	cmd.Dir = providerDir
	env := append(clientEnv(endpoint), "TF_ACC=1", "TF_LOG=", "AWS_DEFAULT_REGION=us-east-1", "AWS_ALTERNATE_REGION=us-west-2",
		"TF_CLI_CONFIG_FILE="+os.Getenv("TF_CLI_CONFIG_FILE"))
	for _, svc := range services {
		env = append(env, "AWS_ENDPOINT_URL_"+strings.ToUpper(svc)+"="+endpoint)
	}
	cmd.Env = env
	return cmd, nil
}
