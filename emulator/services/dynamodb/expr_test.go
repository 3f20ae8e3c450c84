package dynamodb

import (
	"strings"
	"testing"
)

// env builds an expression environment from JSON placeholder maps.
func testEnv(t *testing.T, names, values string) *exprEnv {
	t.Helper()
	var n, v any
	if names != "" {
		n = params(t, names)
	}
	if values != "" {
		v = params(t, values)
	}
	env, err := newExprEnv(n, v)
	if err != nil {
		t.Fatalf("env: %v", err)
	}
	return env
}

func testItem(t *testing.T, js string) Item {
	t.Helper()
	it, err := parseItem(params(t, js))
	if err != nil {
		t.Fatalf("item %s: %v", js, err)
	}
	return it
}

const sampleItem = `{"id":{"S":"k1"},"n":{"N":"10"},"s":{"S":"hello"},"b":{"B":"AQID"},"t":{"BOOL":true},"z":{"NULL":true},
	"ss":{"SS":["a","b"]},"ns":{"NS":["1","2"]},"l":{"L":[{"S":"x"},{"N":"5"},{"M":{"c":{"S":"deep"}}}]},
	"m":{"M":{"a":{"M":{"b":{"N":"3"}}},"list":{"L":[{"S":"p"}]}}},"blank":{"S":""}}`

func TestConditionEvaluation(t *testing.T) {
	values := `{":ten":{"N":"10"},":nine":{"N":"9.0"},":s":{"S":"hello"},":he":{"S":"he"},":a":{"S":"a"},":one":{"N":"1"},
		":five":{"N":"5"},":x":{"S":"x"},":deep":{"S":"deep"},":t":{"BOOL":true},":typeS":{"S":"S"},":typeN":{"S":"N"},":typeM":{"S":"M"},
		":b1":{"B":"AQ=="},":three":{"N":"3"},":eleven":{"N":"11"},":e":{"S":""}}`
	cases := []struct {
		expr  string
		names string
		want  bool
	}{
		{"n = :ten", "", true},
		{"n <> :ten", "", false},
		{"n <> :nine", "", true},
		{"n > :nine", "", true},
		{"n >= :ten", "", true},
		{"n < :eleven", "", true},
		{"n <= :nine", "", false},
		{"s > :he", "", true},
		{"absent = :ten", "", false},
		{"absent <> :ten", "", true},
		{"n = :s", "", false},
		{"n < :s", "", false},
		{"n BETWEEN :nine AND :eleven", "", true},
		{"n BETWEEN :one AND :five", "", false},
		{"n IN (:one, :ten)", "", true},
		{"n IN (:one, :five)", "", false},
		{"attribute_exists(n)", "", true},
		{"attribute_exists(absent)", "", false},
		{"attribute_not_exists(absent)", "", true},
		{"attribute_exists(m.a.b)", "", true},
		{"attribute_exists(m.a.c)", "", false},
		{"attribute_exists(l[2].c)", "", true},
		{"attribute_exists(l[3])", "", false},
		{"attribute_type(s, :typeS)", "", true},
		{"attribute_type(n, :typeS)", "", false},
		{"attribute_type(m, :typeM)", "", true},
		{"begins_with(s, :he)", "", true},
		{"begins_with(n, :he)", "", false},
		{"begins_with(b, :b1)", "", true},
		{"contains(s, :he)", "", true},
		{"contains(ss, :a)", "", true},
		{"contains(ns, :one)", "", true},
		{"contains(ns, :five)", "", false},
		{"contains(l, :x)", "", true},
		{"size(s) = :five", "", true},
		{"size(l) = :three", "", true},
		{"size(ss) < :three", "", true},
		{"size(n) = :one", "", false},
		{"size(absent) = :one", "", false},
		{"l[2].c = :deep", "", true},
		{"m.a.b = :three", "", true},
		{"#k = :ten", `{"#k":"n"}`, true},
		{"#m.#a.b = :three", `{"#m":"m","#a":"a"}`, true},
		{"#dotted = :ten", `{"#dotted":"n"}`, true},
		{"t = :t", "", true},
		{"blank = :e", "", true},
		{"NOT n = :ten", "", false},
		{"NOT NOT n = :ten", "", true},
		{"n = :ten AND s = :s", "", true},
		{"n = :one OR s = :s", "", true},
		{"n = :one OR s = :s AND n = :one", "", false},
		{"(n = :one OR s = :s) AND n = :ten", "", true},
		{"n = :one OR n = :ten AND s = :s", "", true},
		{"NOT n = :one AND s = :s", "", true},
		{"n = :one or n = :ten", "", true},
	}
	item := testItem(t, sampleItem)
	for _, c := range cases {
		t.Run(c.expr, func(t *testing.T) {
			env := testEnv(t, c.names, values)
			cond, err := parseCondition("ConditionExpression", c.expr, env)
			if err != nil {
				t.Fatalf("parse: %v", err)
			}
			if got := evalCondition(item, cond); got != c.want {
				t.Fatalf("got %v, want %v", got, c.want)
			}
		})
	}
}

func TestExpressionErrors(t *testing.T) {
	cases := []struct {
		kind, expr, names, values, want string
	}{
		{"ConditionExpression", "", "", "", "Invalid ConditionExpression: The expression can not be empty;"},
		{"ConditionExpression", "a = ", "", `{":v":{"S":"x"}}`, `Invalid ConditionExpression: Syntax error; token: "<EOF>", near: "="`},
		{"ConditionExpression", "a = :v :w", "", `{":v":{"S":"x"},":w":{"S":"x"}}`, `Invalid ConditionExpression: Syntax error; token: ":w", near: ":v :w"`},
		{"ConditionExpression", "given-name = :v", "", `{":v":{"S":"x"}}`, `Invalid ConditionExpression: Syntax error; token: "-", near: "given-name"`},
		{"ConditionExpression", "a = :v", "", `{":w":{"S":"x"}}`, "Invalid ConditionExpression: An expression attribute value used in expression is not defined; attribute value: :v"},
		{"ConditionExpression", "#a = :v", "", `{":v":{"S":"x"}}`, "Invalid ConditionExpression: An expression attribute name used in the document path is not defined; attribute name: #a"},
		{"ConditionExpression", "status = :v", "", `{":v":{"S":"x"}}`, "Invalid ConditionExpression: Attribute name is a reserved keyword; reserved keyword: status"},
		{"ConditionExpression", "foo(a)", "", "", "Invalid ConditionExpression: Invalid function name; function: foo"},
		{"ConditionExpression", "begins_with(a)", "", "", "Invalid ConditionExpression: Incorrect number of operands for operator or function; operator or function: begins_with, number of operands: 1"},
		{"ConditionExpression", "begins_with(a, :n)", "", `{":n":{"N":"1"}}`, "Invalid ConditionExpression: Incorrect operand type for operator or function; operator or function: begins_with, operand type: N"},
		{"ConditionExpression", "attribute_exists(:v)", "", `{":v":{"S":"x"}}`, "Invalid ConditionExpression: Operator or function requires a document path; operator or function: attribute_exists"},
		{"ConditionExpression", "attribute_type(a, :t)", "", `{":t":{"S":"X"}}`, "Invalid ConditionExpression: Invalid attribute type name found; type: X, valid types: { B,NULL,SS,BOOL,L,BS,N,NS,S,M }"},
		{"ConditionExpression", "size(a)", "", "", "Invalid ConditionExpression: The function is not allowed to be used this way in an expression; function: size"},
		{"ConditionExpression", "if_not_exists(a, :v) = :v", "", `{":v":{"S":"x"}}`, "Invalid ConditionExpression: The function is not allowed to be used this way in an expression; function: if_not_exists"},
		{"ConditionExpression", "a BETWEEN :hi AND :lo", "", `{":lo":{"N":"1"},":hi":{"N":"5"}}`, "Invalid ConditionExpression: The BETWEEN operator requires upper bound to be greater than or equal to lower bound; lower bound operand: AttributeValue: {N:5}, upper bound operand: AttributeValue: {N:1}"},
		{"ConditionExpression", "a BETWEEN :lo AND :s", "", `{":lo":{"N":"1"},":s":{"S":"a"}}`, "Invalid ConditionExpression: The BETWEEN operator requires same data type for lower and upper bounds; lower bound operand: AttributeValue: {N:1}, upper bound operand: AttributeValue: {S:a}"},
		{"ConditionExpression", "a < :m", "", `{":m":{"M":{}}}`, "Invalid ConditionExpression: Incorrect operand type for operator or function; operator or function: <, operand type: M"},
		{"ConditionExpression", "a = :v AND", "", `{":v":{"S":"x"}}`, `Invalid ConditionExpression: Syntax error; token: "<EOF>", near: "AND"`},
		{"ConditionExpression", "(a = :v", "", `{":v":{"S":"x"}}`, `Invalid ConditionExpression: Syntax error; token: "<EOF>", near: ":v"`},
		{"ConditionExpression", "a ! :v", "", `{":v":{"S":"x"}}`, `Invalid ConditionExpression: Syntax error; token: "!", near: "a ! :v"`},
		{"UpdateExpression", "SET a = :v SET b = :v", "", `{":v":{"S":"x"}}`, `Invalid UpdateExpression: The "SET" section can only be used once in an update expression;`},
		{"UpdateExpression", "SET a = :v, a.b = :v", "", `{":v":{"S":"x"}}`, "Invalid UpdateExpression: Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [a], path two: [a, b]"},
		{"UpdateExpression", "SET a = :v REMOVE a", "", `{":v":{"S":"x"}}`, "Invalid UpdateExpression: Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [a], path two: [a]"},
		{"UpdateExpression", "ADD a :v", "", `{":v":{"S":"x"}}`, "An operand in the update expression has an incorrect data type"},
		{"UpdateExpression", "DELETE a :v", "", `{":v":{"N":"1"}}`, "Invalid UpdateExpression: Incorrect operand type for operator or function; operator or function: operator: DELETE, operand type: NUMBER"},
		{"UpdateExpression", "SET a = :v + :w", "", `{":v":{"S":"x"},":w":{"N":"1"}}`, "Invalid UpdateExpression: Incorrect operand type for operator or function; operator or function: +, operand type: S"},
		{"UpdateExpression", "SET a = if_not_exists(:v, :v)", "", `{":v":{"S":"x"}}`, "Invalid UpdateExpression: Operator or function requires a document path; operator or function: if_not_exists"},
		{"UpdateExpression", "SET a = list_append(:v, a)", "", `{":v":{"S":"x"}}`, "Invalid UpdateExpression: Incorrect operand type for operator or function; operator or function: list_append, operand type: S"},
		{"UpdateExpression", "SET a = size(b)", "", "", "Invalid UpdateExpression: The function is not allowed to be used this way in an expression; function: size"},
		{"UpdateExpression", "SET a :v", "", `{":v":{"S":"x"}}`, `Invalid UpdateExpression: Syntax error; token: ":v", near: "a :v"`},
		{"UpdateExpression", "PUT a = :v", "", `{":v":{"S":"x"}}`, `Invalid UpdateExpression: Syntax error; token: "PUT", near: "PUT a"`},
		{"ProjectionExpression", "a, a.b", "", "", "Invalid ProjectionExpression: Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [a], path two: [a, b]"},
		{"ProjectionExpression", "a,", "", "", `Invalid ProjectionExpression: Syntax error; token: "<EOF>", near: ","`},
	}
	for _, c := range cases {
		t.Run(c.kind+" "+c.expr, func(t *testing.T) {
			env := testEnv(t, c.names, c.values)
			var err error
			switch c.kind {
			case "UpdateExpression":
				_, err = parseUpdate(c.expr, env)
			case "ProjectionExpression":
				_, err = parseProjection(c.expr, env)
			default:
				_, err = parseCondition(c.kind, c.expr, env)
			}
			if err == nil || !strings.HasSuffix(errMessage(err), c.want) {
				t.Fatalf("got %q\nwant %q", errMessage(err), c.want)
			}
		})
	}
}

func TestPlaceholderErrors(t *testing.T) {
	cases := []struct {
		names, values, expr, want string
	}{
		{"", `{":v":{"S":"x"},":w":{"S":"y"}}`, "a = :v", "Value provided in ExpressionAttributeValues unused in expressions: keys: {:w}"},
		{`{"#a":"a","#b":"b"}`, `{":v":{"S":"x"}}`, "#a = :v", "Value provided in ExpressionAttributeNames unused in expressions: keys: {#b}"},
		{"", `{"v":{"S":"x"}}`, "a = :v", `ExpressionAttributeValues contains invalid key: Syntax error; key: "v"`},
		{`{"a":"a"}`, "", "a = :v", `ExpressionAttributeNames contains invalid key: Syntax error; key: "a"`},
		{"", `{}`, "a = :v", "ExpressionAttributeValues must not be empty"},
		{`{}`, "", "a = :v", "ExpressionAttributeNames must not be empty"},
		{"", `{":v":{"SS":[]}}`, "a = :v", "ExpressionAttributeValues contains invalid value: One or more parameter values were invalid: An string set  may not be empty for key :v"},
		{"", `{":v":{"S":"x"}}`, "", "ExpressionAttributeValues can only be specified when using expressions"},
	}
	for _, c := range cases {
		t.Run(c.want, func(t *testing.T) {
			var n, v any
			if c.names != "" {
				n = params(t, c.names)
			}
			if c.values != "" {
				v = params(t, c.values)
			}
			env, err := newExprEnv(n, v)
			if err == nil && c.expr != "" {
				_, err = parseCondition("ConditionExpression", c.expr, env)
			}
			if err == nil {
				err = env.checkUnused()
			}
			if err == nil || errMessage(err) != "ValidationException: "+c.want {
				t.Fatalf("got %q, want %q", errMessage(err), c.want)
			}
		})
	}
}

func TestUpdateApplication(t *testing.T) {
	cases := []struct {
		item, expr, values, want string
	}{
		{`{"a":{"N":"1"}}`, "SET a = a + :v", `{":v":{"N":"2.5"}}`, `{"a":{"N":"3.5"}}`},
		{`{"a":{"N":"1"}}`, "SET a = a - :v", `{":v":{"N":"2.5"}}`, `{"a":{"N":"-1.5"}}`},
		{`{"a":{"N":"1"}}`, "SET b = :v - a", `{":v":{"N":"1"}}`, `{"a":{"N":"1"},"b":{"N":"0"}}`},
		{`{}`, "SET a = if_not_exists(a, :v)", `{":v":{"N":"7"}}`, `{"a":{"N":"7"}}`},
		{`{"a":{"N":"1"}}`, "SET a = if_not_exists(a, :v)", `{":v":{"N":"7"}}`, `{"a":{"N":"1"}}`},
		{`{"l":{"L":[{"N":"1"}]}}`, "SET l = list_append(l, :v)", `{":v":{"L":[{"N":"2"}]}}`, `{"l":{"L":[{"N":"1"},{"N":"2"}]}}`},
		{`{"l":{"L":[{"N":"1"}]}}`, "SET l = list_append(:v, l)", `{":v":{"L":[{"N":"0"}]}}`, `{"l":{"L":[{"N":"0"},{"N":"1"}]}}`},
		{`{"l":{"L":[{"N":"1"},{"N":"2"}]}}`, "SET l[5] = :v", `{":v":{"N":"9"}}`, `{"l":{"L":[{"N":"1"},{"N":"2"},{"N":"9"}]}}`},
		{`{"l":{"L":[{"N":"1"},{"N":"2"},{"N":"3"}]}}`, "REMOVE l[0], l[2]", ``, `{"l":{"L":[{"N":"2"}]}}`},
		{`{"m":{"M":{"a":{"N":"1"}}}}`, "SET m.b = :v REMOVE m.a", `{":v":{"S":"x"}}`, `{"m":{"M":{"b":{"S":"x"}}}}`},
		{`{"a":{"N":"1"}}`, "ADD a :v", `{":v":{"N":"5"}}`, `{"a":{"N":"6"}}`},
		{`{}`, "ADD a :v", `{":v":{"N":"5"}}`, `{"a":{"N":"5"}}`},
		{`{"s":{"SS":["a"]}}`, "ADD s :v", `{":v":{"SS":["a","b"]}}`, `{"s":{"SS":["a","b"]}}`},
		{`{"s":{"SS":["a","b"]}}`, "DELETE s :v", `{":v":{"SS":["a"]}}`, `{"s":{"SS":["b"]}}`},
		{`{"s":{"SS":["a"]}}`, "DELETE s :v", `{":v":{"SS":["a"]}}`, `{}`},
		{`{"a":{"N":"1"},"b":{"N":"2"}}`, "SET a = b, b = a", ``, `{"a":{"N":"2"},"b":{"N":"1"}}`},
		{`{"n":{"N":"99999999999999999999999999999999999999"}}`, "SET n = n + :v", `{":v":{"N":"0.1"}}`, "ValidationException: Attempting to store more than 38 significant digits in a Number"},
		{`{"a":{"S":"x"}}`, "SET a = a + :v", `{":v":{"N":"1"}}`, "ValidationException: Invalid UpdateExpression: Incorrect operand type for operator or function; operator or function: +, operand type: S"},
		{`{}`, "SET a = b", ``, "ValidationException: The provided expression refers to an attribute that does not exist in the item"},
		{`{}`, "SET a.b = :v", `{":v":{"N":"1"}}`, "ValidationException: The document path provided in the update expression is invalid for update"},
		{`{"a":{"S":"x"}}`, "ADD a :v", `{":v":{"N":"1"}}`, "ValidationException: An operand in the update expression has an incorrect data type"},
	}
	for _, c := range cases {
		t.Run(c.expr, func(t *testing.T) {
			env := testEnv(t, "", c.values)
			u, err := parseUpdate(c.expr, env)
			if err != nil {
				t.Fatalf("parse: %v", err)
			}
			got, err := applyUpdate(testItem(t, c.item), u)
			out := errMessage(err)
			if err == nil {
				out = toJSON(got.Wire())
			}
			if out != c.want {
				t.Fatalf("got %s, want %s", out, c.want)
			}
		})
	}
}

func TestProjection(t *testing.T) {
	item := testItem(t, sampleItem)
	env := testEnv(t, `{"#m":"m"}`, "")
	paths, err := parseProjection("s, l[2].c, #m.a.b, l[0], nothing", env)
	if err != nil {
		t.Fatal(err)
	}
	got := toJSON(project(item, paths).Wire())
	want := `{"l":{"L":[{"M":{"c":{"S":"deep"}}},{"S":"x"}]},"m":{"M":{"a":{"M":{"b":{"N":"3"}}}}},"s":{"S":"hello"}}`
	if got != want {
		t.Fatalf("got %s\nwant %s", got, want)
	}
}
