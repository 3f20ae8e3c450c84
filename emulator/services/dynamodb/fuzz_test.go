package dynamodb

import "testing"

// fuzzEnv is a fixed set of placeholders the fuzzed expressions may use.
func fuzzEnv() *exprEnv {
	s := &Value{Type: TypeS, S: "x"}
	n := &Value{Type: TypeN, N: mustNumber("1")}
	l := &Value{Type: TypeL, L: []*Value{s}}
	ss := &Value{Type: TypeSS, SS: []string{"a"}}
	return &exprEnv{
		names:      map[string]string{"#a": "a", "#b": "b"},
		values:     map[string]*Value{":s": s, ":n": n, ":l": l, ":ss": ss, ":t": {Type: TypeS, S: "S"}},
		usedNames:  map[string]bool{},
		usedValues: map[string]bool{},
	}
}

var fuzzItem = Item{
	"a": {Type: TypeN, N: mustNumber("5")},
	"b": {Type: TypeS, S: "xyz"},
	"l": {Type: TypeL, L: []*Value{{Type: TypeS, S: "x"}, {Type: TypeM, M: map[string]*Value{"c": {Type: TypeN, N: mustNumber("2")}}}}},
	"m": {Type: TypeM, M: map[string]*Value{"k": {Type: TypeSS, SS: []string{"a", "b"}}}},
}

// FuzzConditionExpression parses and evaluates arbitrary condition
// expressions: errors are fine, panics are not.
func FuzzConditionExpression(f *testing.F) {
	for _, s := range []string{
		"a = :n", "#a BETWEEN :n AND :n", "a IN (:n, :s)", "NOT (a < :n OR b >= :s) AND attribute_exists(l[1].c)",
		"begins_with(b, :s)", "contains(m.k, :s)", "size(l) > :n", "attribute_type(a, :t)", "a <> :n", "((a = :n))",
		"l[0] = :s", "l[99999999999] = :s", "a = = :n", ":n = a", "size(size(a)) = :n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, expr string) {
		c, err := parseCondition("ConditionExpression", expr, fuzzEnv())
		if err != nil {
			return
		}
		evalCondition(fuzzItem, c)
		evalCondition(Item{}, c)
	})
}

// FuzzUpdateExpression parses and applies arbitrary update expressions.
func FuzzUpdateExpression(f *testing.F) {
	for _, s := range []string{
		"SET a = a + :n, b = :s", "SET l = list_append(l, :l) REMOVE m.k", "ADD m.k :ss DELETE x :ss",
		"SET x = if_not_exists(x, :n) - :n", "REMOVE l[0], l[1]", "SET l[5] = :s", "SET #a = #b",
		"SET a.b.c = :n", "SET", "REMOVE", "SET a = :n SET b = :n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, expr string) {
		u, err := parseUpdate(expr, fuzzEnv())
		if err != nil {
			return
		}
		_, _ = applyUpdate(fuzzItem, u)
	})
}

// FuzzProjectionExpression parses and applies arbitrary projections.
func FuzzProjectionExpression(f *testing.F) {
	for _, s := range []string{"a, b", "l[1].c, m.k", "#a", "l[0], l[1]", "a,", "[1]"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, expr string) {
		p, err := parseProjection(expr, fuzzEnv())
		if err != nil {
			return
		}
		project(fuzzItem, p)
	})
}

// FuzzPartiQL parses arbitrary PartiQL statements.
func FuzzPartiQL(f *testing.F) {
	for _, s := range []string{
		"SELECT * FROM t WHERE a = 1", `SELECT a, b.c, l[0] FROM "t"."idx" WHERE a BETWEEN 1 AND ? AND b IS NOT MISSING`,
		"INSERT INTO t VALUE {'a': 1, 'b': [1, 'x', {'c': <<1, 2>>}], 'd': TRUE, 'e': NULL}",
		"UPDATE t SET a = a + 1, b = list_append(b, ['x']) REMOVE c WHERE k = 'v'", "DELETE FROM t WHERE k = ? AND x <> 'y'",
		"SELECT * FROM t WHERE a IN [1, 2] OR NOT begins_with(b, 'x')", "SELECT", "INSERT INTO t VALUE {'a': <<>>}",
		"SELECT * FROM t WHERE a = -1.5e3",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, stmt string) {
		st, err := parsePartiQL(stmt, []*Value{{Type: TypeS, S: "p"}})
		if err != nil || st.Where == nil {
			return
		}
		evalCondition(fuzzItem, st.Where)
	})
}

// FuzzNumber parses arbitrary number strings and round-trips the result.
func FuzzNumber(f *testing.F) {
	for _, s := range []string{"0", "-1.5e10", "1E-130", "9.99E+125", ".5", "1e", "abc", "00012.3400"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, err := ParseNumber(s)
		if err != nil {
			return
		}
		m, err := ParseNumber(n.String())
		if err != nil || m.Cmp(n) != 0 || m.String() != n.String() {
			t.Fatalf("round trip of %q: %q → %v %v", s, n.String(), m, err)
		}
		if _, err := n.Add(m); err != nil && len(n.Digits) <= 37 {
			_ = err
		}
	})
}
