package sns

import "testing"

// TestFilterPolicyErrorLocations checks the reasons and locations AWS
// reported for invalid policies (shared/aws-reference/sns/test_sns_filter_policy.json).
func TestFilterPolicyErrorLocations(t *testing.T) {
	cases := []struct{ policy, want string }{
		{`{"key":[["value"]]}`, "Match value must be String, number, true, false, or null\n at [Source: (String)\"{\"key\":[[\"value\"]]}\"; line: 1, column: 10]"},
		{`{"key":[{"wrong-operator":true}]}`, "Unrecognized match type wrong-operator\n at [Source: (String)\"{\"key\":[{\"wrong-operator\":true}]}\"; line: 1, column: 31]"},
		{`{"key":[{"suffix":"value","prefix":"value2"}]}`, "Only one key allowed in match expression\n at [Source: (String)\"{\"key\":[{\"suffix\":\"value\",\"prefix\":\"value2\"}]}\"; line: 1, column: 37]"},
		{`{"key":[{"exists":null}]}`, "exists match pattern must be either true or false.\n at [Source: (String)\"{\"key\":[{\"exists\":null}]}\"; line: 1, column: 23]"},
		{`{"key":[{"exists":"no"}]}`, "exists match pattern must be either true or false.\n at [Source: (String)\"{\"key\":[{\"exists\":\"no\"}]}\"; line: 1, column: 20]"},
		{`{"key":[{"anything-but":{"exists":false}}]}`, "Unsupported anything-but pattern: exists\n at [Source: (String)\"{\"key\":[{\"anything-but\":{\"exists\":false}}]}\"; line: 1, column: 40]"},
		{`{"key":[{"anything-but":{"prefix":false}}]}`, "prefix match pattern must be a string\n at [Source: (String)\"{\"key\":[{\"anything-but\":{\"prefix\":false}}]}\"; line: 1, column: 40]"},
		{`{"key":[{"anything-but":{"suffix":"test"}}]}`, "Unsupported anything-but pattern: suffix\n at [Source: (String)\"{\"key\":[{\"anything-but\":{\"suffix\":\"test\"}}]}\"; line: 1, column: 36]"},
		{`{"key":[{"anything-but":{"wrong-operator":null}}]}`, "Unsupported anything-but pattern: wrong-operator\n at [Source: (String)\"{\"key\":[{\"anything-but\":{\"wrong-operator\":null}}]}\"; line: 1, column: 47]"},
		{`{"key":[{"numeric":[]}]}`, "Invalid member in numeric match: ]\n at [Source: (String)\"{\"key\":[{\"numeric\":[]}]}\"; line: 1, column: 22]"},
		{`{"key":[{"numeric":[">",20,30]}]}`, "Bad value in numeric range: 30\n at [Source: (String)\"{\"key\":[{\"numeric\":[\">\",20,30]}]}\"; line: 1, column: 30]"},
		{`{"key":[{"numeric":[">",20,"<="]}]}`, "Value of <= must be numeric\n at [Source: (String)\"{\"key\":[{\"numeric\":[\">\",20,\"<=\"]}]}\"; line: 1, column: 33]"},
		{`{"key":[{"numeric":[">="]}]}`, "Value of >= must be numeric\n at [Source: (String)\"{\"key\":[{\"numeric\":[\">=\"]}]}\"; line: 1, column: 26]"},
		{`{"key":[{"numeric":[1,"<="]}]}`, "Invalid member in numeric match: 1\n at [Source: (String)\"{\"key\":[{\"numeric\":[1,\"<=\"]}]}\"; line: 1, column: 22]"},
		{`{"key":[{"numeric":[">",20,"<",30,"<",50]}]}`, "Too many terms in numeric range expression\n at [Source: (String)\"{\"key\":[{\"numeric\":[\">\",20,\"<\",30,\"<\",50]}]}\"; line: 1, column: 36]"},
		{`{"key":[{"numeric":["=","000"]}]}`, "Value of equals must be numeric\n at [Source: (String)\"{\"key\":[{\"numeric\":[\"=\",\"000\"]}]}\"; line: 1, column: 26]"},
		{`{"key":[{"numeric":["operator"]}]}`, "Unrecognized numeric range operator: operator\n at [Source: (String)\"{\"key\":[{\"numeric\":[\"operator\"]}]}\"; line: 1, column: 32]"},
		{`{"key":[{"numeric":[">=",1,">",2]}]}`, "Bad numeric range operator: >\n at [Source: (String)\"{\"key\":[{\"numeric\":[\">=\",1,\">\",2]}]}\"; line: 1, column: 31]"},
		{`{"key":[{"numeric":["<",100,">",10]}]}`, "Too many elements in numeric expression\n at [Source: (String)\"{\"key\":[{\"numeric\":[\"<\",100,\">\",10]}]}\"; line: 1, column: 30]"},
		{`{"key":[{"numeric":[">","20","<","30"]}]}`, "Value of > must be numeric\n at [Source: (String)\"{\"key\":[{\"numeric\":[\">\",\"20\",\"<\",\"30\"]}]}\"; line: 1, column: 26]"},
		{`{"key":[{"numeric":[">",20,"<","30"]}]}`, "Value of < must be numeric\n at [Source: (String)\"{\"key\":[{\"numeric\":[\">\",20,\"<\",\"30\"]}]}\"; line: 1, column: 33]"},
		{`{"key":[{"numeric":[">",20,"test"]}]}`, "Bad numeric range operator: test\n at [Source: (String)\"{\"key\":[{\"numeric\":[\">\",20,\"test\"]}]}\"; line: 1, column: 34]"},
		{`{"key":[{"numeric":[">",3,"<",1]}]}`, "Bottom must be less than top\n at [Source: (String)\"{\"key\":[{\"numeric\":[\">\",3,\"<\",1]}]}\"; line: 1, column: 33]"},
		{`{"key":[{"cidr":["bad-filter"]}]}`, "prefix match pattern must be a string\n at [Source: (String)\"{\"key\":[{\"cidr\":[\"bad-filter\"]}]}\"; line: 1, column: 18]"},
		{`{"key":[]}`, "Empty arrays are not allowed\n at [Source: (String)\"{\"key\":[]}\"; line: 1, column: 10]"},
		{`{"key":[{"suffix":[]}]}`, "suffix match pattern must be a string\n at [Source: (String)\"{\"key\":[{\"suffix\":[]}]}\"; line: 1, column: 20]"},
		{`{"key":[{"suffix":null}]}`, "suffix match pattern must be a string\n at [Source: (String)\"{\"key\":[{\"suffix\":null}]}\"; line: 1, column: 23]"},
		{`{"key":{"not-an-operator":"value"}}`, "\"not-an-operator\" must be an object or an array\n at [Source: (String)\"{\"key\":{\"not-an-operator\":\"value\"}}\"; line: 1, column: 28]"},
		{`{"key":{"suffix":"value"}}`, "\"suffix\" must be an object or an array\n at [Source: (String)\"{\"key\":{\"suffix\":\"value\"}}\"; line: 1, column: 19]"},
		{`{"key":{"suffix":"value","prefix":"value"}}`, "\"suffix\" must be an object or an array\n at [Source: (String)\"{\"key\":{\"suffix\":\"value\",\"prefix\":\"value\"}}\"; line: 1, column: 19]"},
		{`{"key":[{"suffix":100}]}`, "suffix match pattern must be a string\n at [Source: (String)\"{\"key\":[{\"suffix\":100}]}\"; line: 1, column: 22]"},
		{`{"key":[{"suffix":["test","test2"]}]}`, "suffix match pattern must be a string\n at [Source: (String)\"{\"key\":[{\"suffix\":[\"test\",\"test2\"]}]}\"; line: 1, column: 20]"},
		{`{"key_a":"value_one"}`, "\"key_a\" must be an object or an array\n at [Source: (String)\"{\"key_a\":\"value_one\"}\"; line: 1, column: 11]"},
		// whitespace in the request does not show: AWS quotes the compact policy
		{`{ "key" : [ [ "value" ] ] }`, "Match value must be String, number, true, false, or null\n at [Source: (String)\"{\"key\":[[\"value\"]]}\"; line: 1, column: 10]"},
	}
	for _, c := range cases {
		t.Run(c.policy, func(t *testing.T) {
			_, err := ParseFilterPolicy(c.policy, scopeBody)
			if err == nil || err.Error() != c.want {
				t.Fatalf("ParseFilterPolicy(%s)\n got %v\nwant %s", c.policy, err, c.want)
			}
		})
	}
}
