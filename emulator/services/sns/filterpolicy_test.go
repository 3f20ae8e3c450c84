package sns

import (
	"strings"
	"testing"
)

func sp(s string) *string { return &s }

func TestFilterPolicyValidation(t *testing.T) {
	// Reasons recorded from AWS (shared/aws-reference/sns/test_sns_filter_policy.json).
	cases := []struct {
		policy, scope, want string
	}{
		{`{"key":[[\"value\"]]}`, scopeAttributes, "failed to parse JSON"},
		{`{"key":[["value"]]}`, scopeAttributes, "Match value must be String, number, true, false, or null"},
		{`{"key":[{"wrong-operator":true}]}`, scopeAttributes, "Unrecognized match type wrong-operator"},
		{`{"key":[{"suffix":"value","prefix":"value2"}]}`, scopeAttributes, "Only one key allowed in match expression"},
		{`{"key":[{"exists":null}]}`, scopeAttributes, "exists match pattern must be either true or false."},
		{`{"key":[{"anything-but":{"exists":false}}]}`, scopeAttributes, "Unsupported anything-but pattern: exists"},
		{`{"key":[{"anything-but":{"prefix":false}}]}`, scopeAttributes, "prefix match pattern must be a string"},
		{`{"key":[{"anything-but":{"suffix":"test"}}]}`, scopeAttributes, "Unsupported anything-but pattern: suffix"},
		{`{"key":[{"numeric":[]}]}`, scopeAttributes, "Invalid member in numeric match: ]"},
		{`{"key":[{"numeric":[">",20,30]}]}`, scopeAttributes, "Bad value in numeric range: 30"},
		{`{"key":[{"numeric":[">",20,"<="]}]}`, scopeAttributes, "Value of <= must be numeric"},
		{`{"key":[{"numeric":[">="]}]}`, scopeAttributes, "Value of >= must be numeric"},
		{`{"key":[{"numeric":[1,"<="]}]}`, scopeAttributes, "Invalid member in numeric match: 1"},
		{`{"key":[{"numeric":[">",20,"<",30,"<",50]}]}`, scopeAttributes, "Too many terms in numeric range expression"},
		{`{"key":[{"numeric":["=","000"]}]}`, scopeAttributes, "Value of equals must be numeric"},
		{`{"key":[{"numeric":["operator"]}]}`, scopeAttributes, "Unrecognized numeric range operator: operator"},
		{`{"key":[{"numeric":[">=",1,">",2]}]}`, scopeAttributes, "Bad numeric range operator: >"},
		{`{"key":[{"numeric":["<",100,">",10]}]}`, scopeAttributes, "Too many elements in numeric expression"},
		{`{"key":[{"numeric":[">","20","<","30"]}]}`, scopeAttributes, "Value of > must be numeric"},
		{`{"key":[{"numeric":[">",20,"test"]}]}`, scopeAttributes, "Bad numeric range operator: test"},
		{`{"key":[{"numeric":[">",3,"<",1]}]}`, scopeAttributes, "Bottom must be less than top"},
		{`{"key":[{"cidr":"bad-filter"}]}`, scopeAttributes, "Malformed CIDR, one '/' required"},
		{`{"key":[{"cidr":"bad-filter/32"}]}`, scopeAttributes, "Nonstandard IP address: bad-filter"},
		{`{"key":[{"cidr":"10.0.0.0/xx"}]}`, scopeAttributes, "Malformed CIDR, mask bits must be an integer"},
		{`{"key":[{"cidr":["bad-filter"]}]}`, scopeAttributes, "prefix match pattern must be a string"},
		{`{"key":[]}`, scopeAttributes, "Empty arrays are not allowed"},
		{`{"key":[{"suffix":[]}]}`, scopeAttributes, "suffix match pattern must be a string"},
		{`{"key":[{"suffix":null}]}`, scopeAttributes, "suffix match pattern must be a string"},
		{`{"key":{"suffix":"value"}}`, scopeBody, `"suffix" must be an object or an array`},
		{`{"key_a":"value_one"}`, scopeAttributes, `"key_a" must be an object or an array`},
		{`{"a":["1"],"b":["1"],"c":["1"],"d":["1"],"e":["1"],"f":["1"]}`, scopeAttributes, "Filter policy can not have more than 5 keys"},
		{`{"object":{"key":["x"]}}`, scopeAttributes, "Filter policy scope MessageAttributes does not support nested filter policy"},
		{`{invalid}`, scopeAttributes, "failed to parse JSON. Unexpected character ('i' (code 105)): was expecting double-quote to start field name"},
		{`invalid`, scopeAttributes, "failed to parse JSON. Unrecognized token 'invalid'"},
	}
	for _, c := range cases {
		t.Run(c.policy, func(t *testing.T) {
			_, err := ParseFilterPolicy(c.policy, c.scope)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("ParseFilterPolicy(%s) = %v, want %q", c.policy, err, c.want)
			}
		})
	}
	many := `{"a":["1","2","3","4","5","6"],"b":["1","2","3","4","5","6"],"c":["1","2","3","4","5"]}`
	if _, err := ParseFilterPolicy(many, scopeAttributes); err == nil || err.Error() != "Filter policy is too complex" {
		t.Fatalf("complexity: %v", err)
	}
}

func TestFilterPolicyMatchAttributes(t *testing.T) {
	num := func(v string) MessageAttribute { return MessageAttribute{DataType: "Number", StringValue: sp(v)} }
	str := func(v string) MessageAttribute { return MessageAttribute{DataType: "String", StringValue: sp(v)} }
	cases := []struct {
		name   string
		policy string
		attrs  map[string]MessageAttribute
		want   bool
	}{
		{"numeric range in", `{"attr1":[{"numeric":[">",0,"<=",100]}]}`, map[string]MessageAttribute{"attr1": num("99")}, true},
		{"numeric range out", `{"attr1":[{"numeric":[">",0,"<=",100]}]}`, map[string]MessageAttribute{"attr1": num("111")}, false},
		{"numeric missing", `{"attr1":[{"numeric":[">",0]}]}`, nil, false},
		{"exact string", `{"a":["x","y"]}`, map[string]MessageAttribute{"a": str("y")}, true},
		{"exact number", `{"a":[5]}`, map[string]MessageAttribute{"a": num("5.0")}, true},
		{"string is not number", `{"a":[5]}`, map[string]MessageAttribute{"a": str("5")}, false},
		{"prefix", `{"a":[{"prefix":"auto-"}]}`, map[string]MessageAttribute{"a": str("auto-test")}, true},
		{"suffix", `{"a":[{"suffix":".png"}]}`, map[string]MessageAttribute{"a": str("x.jpg")}, false},
		{"ignore case", `{"a":[{"equals-ignore-case":"ABC"}]}`, map[string]MessageAttribute{"a": str("abc")}, true},
		{"anything-but", `{"a":[{"anything-but":["x","y"]}]}`, map[string]MessageAttribute{"a": str("z")}, true},
		{"anything-but excluded", `{"a":[{"anything-but":"x"}]}`, map[string]MessageAttribute{"a": str("x")}, false},
		{"anything-but prefix", `{"a":[{"anything-but":{"prefix":"in"}}]}`, map[string]MessageAttribute{"a": str("internal")}, false},
		{"exists true", `{"store":[{"exists":true}]}`, map[string]MessageAttribute{"store": num("99")}, true},
		{"exists false", `{"store":[{"exists":false}]}`, map[string]MessageAttribute{"def": num("99")}, true},
		{"exists false present", `{"store":[{"exists":false}]}`, map[string]MessageAttribute{"store": num("99")}, false},
		{"null matches absent", `{"attr1":[null,{"anything-but":"whatever"}]}`, nil, true},
		{"cidr", `{"ip":[{"cidr":"10.0.0.0/24"}]}`, map[string]MessageAttribute{"ip": str("10.0.0.255")}, true},
		{"cidr out", `{"ip":[{"cidr":"10.0.0.0/24"}]}`, map[string]MessageAttribute{"ip": str("10.0.1.1")}, false},
		{"string array", `{"a":["q2"]}`, map[string]MessageAttribute{"a": {DataType: "String.Array", StringValue: sp(`["q1","q2"]`)}}, true},
		{"or", `{"$or":[{"a":["1"]},{"b":["2"]}]}`, map[string]MessageAttribute{"b": str("2")}, true},
		{"or none", `{"$or":[{"a":["1"]},{"b":["2"]}]}`, map[string]MessageAttribute{"b": str("3")}, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p, err := ParseFilterPolicy(c.policy, scopeAttributes)
			if err != nil {
				t.Fatal(err)
			}
			if got := p.MatchAttributes(c.attrs); got != c.want {
				t.Fatalf("match = %v, want %v", got, c.want)
			}
		})
	}
}

func TestFilterPolicyMatchBody(t *testing.T) {
	cases := []struct {
		name, policy, body string
		want               bool
	}{
		{"nested prefix", `{"object":{"key":[{"prefix":"auto-"}]}}`, `{"object":{"key":"auto-test"}}`, true},
		{"nested miss", `{"object":{"key":[{"prefix":"auto-"}]}}`, `{"object":{"key":"home-test"}}`, false},
		{"dotted key nested body", `{"object.nested.test":["string.value"]}`, `{"object":{"nested":{"test":"string.value"}}}`, true},
		{"dotted key flat body", `{"object":{"nested":{"test":["string.value"]}}}`, `{"object.nested.test":"string.value"}`, true},
		{"array values", `{"headers":{"route-to":["queue1"]}}`, `{"headers":{"route-to":["queue1","queue2"]}}`, true},
		{"array of objects", `{"Records":{"s3":{"object":{"key":[{"prefix":"auto-"}]}}}}`, `{"Records":[{"s3":{"object":[[{"key":"auto-insurance.xml"}]]}}]}`, true},
		{"cidr", `{"detail":{"sourceIPAddress":[{"cidr":"10.0.0.0/24"}]}}`, `{"detail":{"sourceIPAddress":"10.0.0.255"}}`, true},
		{"not json", `{"a":["x"]}`, `hello`, false},
		{"numeric", `{"n":[{"numeric":["=",3]}]}`, `{"n":3}`, true},
		{"bool", `{"b":[true]}`, `{"b":true}`, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p, err := ParseFilterPolicy(c.policy, scopeBody)
			if err != nil {
				t.Fatal(err)
			}
			if got := p.MatchBody(c.body); got != c.want {
				t.Fatalf("match = %v, want %v", got, c.want)
			}
		})
	}
}

func FuzzParseFilterPolicy(f *testing.F) {
	for _, seed := range []string{
		`{"a":["x"]}`, `{"a":[{"numeric":[">",0,"<=",100]}]}`, `{"$or":[{"a":["1"]},{"b":[{"prefix":"x"}]}]}`,
		`{"a":{"b":[{"anything-but":{"prefix":"x"}}]}}`, `{"ip":[{"cidr":"10.0.0.0/8"}]}`, `{`, `[]`, `{"a":[[]]}`,
		`{"key":[{"numeric":[">",20,"<",30,"<",50]}]}`, `{ "k\u00e9y" : [ "\"q\"", {"suffix": "é"} ] }`, `{"a":[{"anything-but":["x",1]}]}`,
	} {
		f.Add(seed, `{"a":"x","b":1}`)
	}
	f.Fuzz(func(t *testing.T, policy, body string) {
		for _, scope := range []string{scopeAttributes, scopeBody} {
			p, err := ParseFilterPolicy(policy, scope)
			if err != nil {
				if _, ok := err.(*policyError); !ok {
					t.Fatalf("ParseFilterPolicy(%q): error of type %T", policy, err)
				}
				continue
			}
			p.MatchBody(body)
			p.MatchAttributes(map[string]MessageAttribute{"a": {DataType: "String", StringValue: &body}})
		}
	})
}
