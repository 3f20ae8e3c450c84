package sns_test

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sns"
	. "github.com/onsi/ginkgo/v2"

	"github.com/parity-harness/parity/harness"
)

// pyJSON writes a compact JSON policy the way Python's json.dumps does
// (", " and ": " separators), as the reference tests send them.
func pyJSON(compact string) string {
	if !json.Valid([]byte(compact)) {
		panic("invalid policy in spec: " + compact)
	}
	var b strings.Builder
	inString, escaped := false, false
	for _, r := range compact {
		b.WriteRune(r)
		switch {
		case escaped:
			escaped = false
		case r == '\\' && inString:
			escaped = true
		case r == '"':
			inString = !inString
		case !inString && (r == ',' || r == ':'):
			b.WriteByte(' ')
		}
	}
	return b.String()
}

// policySnapshot is a session for filter policy validation errors: the
// reference recordings carry a "_normalized" copy of the message that is
// not part of AWS's response.
func policySnapshot() *harness.Session {
	return snapshot().SkipVerify("$..Error._normalized", "added to the reference recordings by their test framework; not part of AWS's response")
}

func subscribeWithPolicy(ctx context.Context, topic, queue, policy string) error {
	out, err := harness.SNS().Subscribe(ctx, &sns.SubscribeInput{TopicArn: aws.String(topic), Protocol: aws.String("sqs"), Endpoint: aws.String(queue),
		Attributes: map[string]string{"FilterPolicy": policy}, ReturnSubscriptionArn: true})
	if err == nil {
		harness.Cleanup(func(ctx context.Context) {
			_, _ = harness.SNS().Unsubscribe(ctx, &sns.UnsubscribeInput{SubscriptionArn: out.SubscriptionArn})
		})
	}
	return err
}

type policyCase struct{ key, policy string }

// matchPolicyErrors subscribes with every policy and matches the answers.
func matchPolicyErrors(ctx context.Context, cases []policyCase) {
	snap := policySnapshot()
	topic := createTopic(ctx, nil)
	_, queue := createQueue(ctx, nil)
	for _, c := range cases {
		snap.Match(c.key, subscribeWithPolicy(ctx, topic, queue, pyJSON(c.policy)))
	}
}

// valuesPolicy is {"<key>": [v1, …, vn]} with n numbers.
func valuesPolicy(keys []string, n int) string {
	var parts []string
	for _, k := range keys {
		var vals []string
		for i := 0; i < n; i++ {
			vals = append(vals, fmt.Sprint(i))
		}
		parts = append(parts, fmt.Sprintf("%q:[%s]", k, strings.Join(vals, ",")))
	}
	return "{" + strings.Join(parts, ",") + "}"
}

var _ = Describe("SNS filter policy validation", func() {
	const conditions = "TestSNSFilterPolicyConditions::"

	It("rejects malformed conditions", harness.Reference(filterRef+conditions+"test_validate_policy"), func(ctx SpecContext) {
		matchPolicyErrors(ctx, []policyCase{
			{"error-condition-list", `{"key":[["value"]]}`},
			{"error-condition-operator", `{"key":[{"wrong-operator":true}]}`},
			{"error-condition-two-operators", `{"key":[{"suffix":"value","prefix":"value2"}]}`},
		})
	})

	It("validates the exists operator", harness.Reference(filterRef+conditions+"test_validate_policy_exists_operator"), func(ctx SpecContext) {
		matchPolicyErrors(ctx, []policyCase{
			{"error-condition-none", `{"key":[{"exists":null}]}`},
			{"error-condition-string", `{"key":[{"exists":"no"}]}`},
		})
	})

	It("validates nested anything-but patterns", harness.Reference(filterRef+conditions+"test_validate_policy_nested_anything_but_operator"), func(ctx SpecContext) {
		matchPolicyErrors(ctx, []policyCase{
			{"error-condition-anything-but-exists", `{"key":[{"anything-but":{"exists":false}}]}`},
			{"error-condition-anything-but-prefix-wrong-type", `{"key":[{"anything-but":{"prefix":false}}]}`},
			{"error-condition-anything-but-suffix", `{"key":[{"anything-but":{"suffix":"test"}}]}`},
			{"error-condition-wrong-operator", `{"key":[{"anything-but":{"wrong-operator":null}}]}`},
		})
	})

	It("validates the numeric operator", harness.Reference(filterRef+conditions+"test_validate_policy_numeric_operator"), func(ctx SpecContext) {
		matchPolicyErrors(ctx, []policyCase{
			{"error-numeric-empty", `{"key":[{"numeric":[]}]}`},
			{"error-numeric-missing-range-operator", `{"key":[{"numeric":[">",20,30]}]}`},
			{"error-numeric-missing-range-value", `{"key":[{"numeric":[">",20,"<="]}]}`},
			{"error-numeric-missing-value", `{"key":[{"numeric":[">="]}]}`},
			{"error-numeric-operator-order", `{"key":[{"numeric":[1,"<="]}]}`},
			{"error-numeric-too-many-range", `{"key":[{"numeric":[">",20,"<",30,"<",50]}]}`},
			{"error-numeric-type", `{"key":[{"numeric":["=","000"]}]}`},
			{"error-numeric-wrong-operator", `{"key":[{"numeric":["operator"]}]}`},
			{"error-numeric-wrong-range-operators", `{"key":[{"numeric":[">=",1,">",2]}]}`},
			{"error-numeric-wrong-range-order", `{"key":[{"numeric":["<",100,">",10]}]}`},
			{"error-numeric-wrong-range-value-1-type", `{"key":[{"numeric":[">","20","<","30"]}]}`},
			{"error-numeric-wrong-range-value-2-type", `{"key":[{"numeric":[">",20,"<","30"]}]}`},
			{"error-numeric-wrong-second-range-operator", `{"key":[{"numeric":[">",20,"test"]}]}`},
			{"error-numeric-wrong-value-order", `{"key":[{"numeric":[">",3,"<",1]}]}`},
		})
	})

	It("validates string and IP address operators", harness.Reference(filterRef+conditions+"test_validate_policy_string_operators"), func(ctx SpecContext) {
		matchPolicyErrors(ctx, []policyCase{
			{"error-condition-bad-cidr-str", `{"key":[{"cidr":"bad-filter"}]}`},
			{"error-condition-bad-cidr-str-slash", `{"key":[{"cidr":"bad-filter/64"}]}`},
			{"error-condition-bad-cidr-str-slash-2", `{"key":[{"cidr":"10.0.0.1/bad"}]}`},
			{"error-condition-bad-cidr-v4", `{"key":[{"cidr":"xx.11.xx/8"}]}`},
			{"error-condition-bad-cidr-v6", `{"key":[{"cidr":"xxxx:db8:1234:1a00::/64"}]}`},
			{"error-condition-bad-type", `{"key":[{"cidr":["bad-filter"]}]}`},
			{"error-condition-empty-array", `{"key":[]}`},
			{"error-condition-empty-list", `{"key":[{"suffix":[]}]}`},
			{"error-condition-is-none", `{"key":[{"suffix":null}]}`},
			{"error-condition-is-not-list-and-no-operator", `{"key":{"not-an-operator":"value"}}`},
			{"error-condition-is-not-list-and-operator", `{"key":{"suffix":"value"}}`},
			{"error-condition-is-not-list-two-ops", `{"key":{"suffix":"value","prefix":"value"}}`},
			{"error-condition-is-numeric", `{"key":[{"suffix":100}]}`},
			{"error-condition-list-wrong-type", `{"key":[{"suffix":["test","test2"]}]}`},
		})
	})

	It("limits keys and combinations", harness.Reference(filterRef+conditions+"test_policy_complexity"), func(ctx SpecContext) {
		matchPolicyErrors(ctx, []policyCase{
			{"error-complexity-in-one-condition", valuesPolicy([]string{"key"}, 151)},
			{"error-complexity-in-two-conditions", valuesPolicy([]string{"key1", "key2"}, 13)},
			{"error-complexity-too-many-fields", valuesPolicy([]string{"key1", "key2", "key3", "key4", "key5", "key6"}, 1)},
		})
	})

	It("limits nested body policies", harness.Reference(filterRef+"TestSNSFilterPolicyCrud::test_sub_filter_policy_nested_property_constraints"), func(ctx SpecContext) {
		snap := policySnapshot()
		c := harness.SNS()
		topic := createTopic(ctx, nil)
		_, queue := createQueue(ctx, nil)
		sub := subscribeQueue(ctx, topic, queue, map[string]string{"FilterPolicyScope": "MessageBody"})
		set := func(policy string) error {
			_, err := c.SetSubscriptionAttributes(ctx, &sns.SetSubscriptionAttributesInput{SubscriptionArn: aws.String(sub),
				AttributeName: aws.String("FilterPolicy"), AttributeValue: aws.String(pyJSON(policy))})
			return err
		}
		snap.Match("sub-filter-policy-nested-error-too-many-combinations",
			set(`{"key_a":{"key_b":{"key_c":[1,2,3,4,5,6,7,8,9,10,11,12,13]}},"key_d":{"key_e":[1,2,3,4,5,6,7,8,9,10,11,12]}}`))
		snap.Match("sub-filter-policy-max-attr-keys",
			set(`{"key_a":{"key_b":{"key_c":["value_one"]},"key_d":["value_two"]},"key_e":["value_three"],"key_f":["value_four"],"key_g":["value_five"],"key_h":{"key_i":["value_six"]}}`))
		snap.Match("sub-filter-policy-rule-no-list", set(`{"key_a":"value_one"}`))
	})
})
