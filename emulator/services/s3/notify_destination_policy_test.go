package s3

import "testing"

func TestPolicyAllowsS3Delivery(t *testing.T) {
	const topic = "arn:aws:sns:us-east-1:000000000000:t"
	src := deliverySource{bucketARN: "arn:aws:s3:::b", account: "000000000000"}
	stmt := func(s string) string { return `{"Version":"2012-10-17","Statement":[` + s + `]}` }
	allowS3 := `{"Effect":"Allow","Principal":{"Service":"s3.amazonaws.com"},"Action":"sns:Publish","Resource":"` + topic + `"}`
	cases := []struct {
		name, policy string
		want         bool
	}{
		{"s3 service allowed", stmt(allowS3), true},
		{"single statement object", `{"Statement":` + allowS3 + `}`, true},
		{"everyone allowed", stmt(`{"Effect":"Allow","Principal":"*","Action":"SNS:Publish","Resource":"*"}`), true},
		{"service in a list, action wildcard", stmt(`{"Effect":"Allow","Principal":{"Service":["lambda.amazonaws.com","s3.amazonaws.com"]},"Action":"sns:*","Resource":"arn:aws:sns:*:*:t"}`), true},
		{"other service", stmt(`{"Effect":"Allow","Principal":{"Service":"events.amazonaws.com"},"Action":"sns:Publish","Resource":"` + topic + `"}`), false},
		{"other action", stmt(`{"Effect":"Allow","Principal":{"Service":"s3.amazonaws.com"},"Action":"sns:Subscribe","Resource":"` + topic + `"}`), false},
		{"other resource", stmt(`{"Effect":"Allow","Principal":{"Service":"s3.amazonaws.com"},"Action":"sns:Publish","Resource":"` + topic + `2"}`), false},
		{"no resource", stmt(`{"Effect":"Allow","Principal":{"Service":"s3.amazonaws.com"},"Action":"sns:Publish"}`), false},
		{"deny overrides", stmt(allowS3 + `,{"Effect":"Deny","Principal":"*","Action":"sns:Publish","Resource":"*"}`), false},
		{"source arn matches", stmt(`{"Effect":"Allow","Principal":{"Service":"s3.amazonaws.com"},"Action":"sns:Publish","Resource":"` + topic + `","Condition":{"ArnLike":{"aws:SourceArn":"arn:aws:s3:*:*:b"}}}`), true},
		{"source arn differs", stmt(`{"Effect":"Allow","Principal":{"Service":"s3.amazonaws.com"},"Action":"sns:Publish","Resource":"` + topic + `","Condition":{"ArnEquals":{"aws:SourceArn":"arn:aws:s3:::other"}}}`), false},
		{"source account matches", stmt(`{"Effect":"Allow","Principal":{"Service":"s3.amazonaws.com"},"Action":"sns:Publish","Resource":"` + topic + `","Condition":{"StringEquals":{"AWS:SourceAccount":["1","000000000000"]}}}`), true},
		{"default topic policy", stmt(`{"Effect":"Allow","Principal":{"AWS":"*"},"Action":["SNS:Publish"],"Resource":"` + topic + `","Condition":{"StringEquals":{"AWS:SourceOwner":"000000000000"}}}`), false},
		{"unknown operator", stmt(`{"Effect":"Allow","Principal":"*","Action":"sns:Publish","Resource":"*","Condition":{"NumericEquals":{"aws:SourceAccount":"0"}}}`), false},
		{"not a policy", `not json`, false},
		{"no policy", ``, false},
	}
	for _, tc := range cases {
		if got := policyAllowsS3Delivery(tc.policy, "sns:Publish", topic, src); got != tc.want {
			t.Errorf("%s: got %v, want %v", tc.name, got, tc.want)
		}
	}
}

func FuzzPolicyAllowsS3Delivery(f *testing.F) {
	f.Add(`{"Statement":[{"Effect":"Allow","Principal":{"Service":"s3.amazonaws.com"},"Action":"sns:Publish","Resource":"*","Condition":{"ArnLike":{"aws:SourceArn":"arn:aws:s3:::b*"}}}]}`)
	f.Add(`{"Statement":{"Effect":"Deny","Principal":"*","Action":["*"],"Resource":["*"],"Condition":{"StringEquals":[1]}}}`)
	f.Add(`{"Statement":[null,1,"x"]}`)
	f.Fuzz(func(t *testing.T, policy string) {
		// Any document is answered without a panic.
		policyAllowsS3Delivery(policy, "sns:Publish", "arn:aws:sns:us-east-1:000000000000:t", deliverySource{bucketARN: "arn:aws:s3:::b", account: "000000000000"})
	})
}
