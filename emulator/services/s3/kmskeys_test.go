package s3

import (
	"regexp"
	"testing"
)

func TestAWSManagedKeyARN(t *testing.T) {
	a := awsManagedKeyARN("us-east-1", "111111111111")
	if a != awsManagedKeyARN("us-east-1", "111111111111") {
		t.Fatal("the managed key ARN is not stable")
	}
	if !regexp.MustCompile(`^arn:aws:kms:us-east-1:111111111111:key/[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`).MatchString(a) {
		t.Fatalf("awsManagedKeyARN = %q", a)
	}
	if a == awsManagedKeyARN("eu-west-1", "111111111111") || a == awsManagedKeyARN("us-east-1", "222222222222") {
		t.Fatal("managed keys of other regions or accounts share the id")
	}
}
