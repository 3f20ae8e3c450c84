package clients

import "time"

// Status of one client run.
type Status string

const (
	Pass    Status = "pass"
	Fail    Status = "fail"
	Pending Status = "pending" // the services it needs are not served yet, or the client is not installed
)

// Result is the outcome of one cell of the matrix.
type Result struct {
	Client  string        `json:"client"`  // "awscli", "js", "terraform"
	Subject string        `json:"subject"` // a service ("sqs") or a Terraform stack ("messaging")
	Status  Status        `json:"status"`
	Reason  string        `json:"reason,omitempty"`
	Elapsed time.Duration `json:"elapsedNs"`
	// ApplyDestroy is the time Terraform spent in apply and destroy.
	ApplyDestroy time.Duration `json:"applyDestroyNs,omitempty"`
	Log          string        `json:"log,omitempty"` // path of the run's output
	CallLog      string        `json:"callLog,omitempty"`
}
