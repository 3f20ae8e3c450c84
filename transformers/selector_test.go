package transformers

import (
	"strings"
	"testing"
)

func loc(steps ...any) Location {
	var l Location
	for _, s := range steps {
		switch x := s.(type) {
		case string:
			l = l.Member(x)
		case int:
			l = l.Index(x)
		}
	}
	return l
}

func TestParseSelectorErrors(t *testing.T) {
	for _, text := range []string{
		"$.", "$..", "$...a", "$[", "$[abc]", "$[-1]", "$['a", "$['a'x", "$a]", "$.a]", "$.[0]", "$[+1]",
	} {
		if _, err := ParseSelector(text); err == nil {
			t.Errorf("ParseSelector(%q) succeeded, want a syntax error", text)
		} else if !strings.Contains(err.Error(), text) {
			t.Errorf("ParseSelector(%q) error %q does not name the selector", text, err)
		}
	}
}

func TestSelectorMatches(t *testing.T) {
	tests := []struct {
		sel  string
		loc  Location
		want bool
	}{
		{"$", loc(), true},
		{"$", loc("a"), false},
		{"$.Attributes.Policy", loc("Attributes", "Policy"), true},
		{"Attributes.Policy", loc("Attributes", "Policy"), true},
		{"$.Attributes.Policy", loc("X", "Attributes", "Policy"), false},
		{"$..Attributes.Policy", loc("X", "Attributes", "Policy"), true},
		{"$..Attributes.Policy", loc("Attributes", "Policy"), true},
		{"$..Attributes.Policy", loc("Q", 3, "Attributes", "Policy"), true},
		{"$..Attributes.Policy", loc("Attributes", "Policy", "Statement"), false},
		{"$..Policy", loc("a", "b", "c", "Policy"), true},
		{"$.Messages[*].Body", loc("Messages", 0, "Body"), true},
		{"$.Messages[*].Body", loc("Messages", 12, "Body"), true},
		{"$.Messages[*].Body", loc("Messages", "x", "Body"), true},
		{"$.Messages[1].Body", loc("Messages", 0, "Body"), false},
		{"$.Messages[1].Body", loc("Messages", 1, "Body"), true},
		{"$.Messages.#.Body", loc("Messages", 1, "Body"), true},
		{"$.Messages[#].Body", loc("Messages", 1, "Body"), true},
		{"$.Messages.*.Body", loc("Messages", 1, "Body"), true},
		{"$.Messages[0]", loc("Messages", "0"), false},
		{"$['a.b'].c", loc("a.b", "c"), true},
		{`$["a\"b"]`, loc(`a"b`), true},
		{`$['it\'s']`, loc(`it's`), true},
		{"$..[*].Id", loc("Items", 4, "Id"), true},
		{"$..*", loc("anything"), true},
		{"$..*", loc(), false},
		{"$.a..b..c", loc("a", "x", "b", "y", "z", "c"), true},
		{"$.a..b..c", loc("a", "c"), false},
	}
	for _, tc := range tests {
		sel, err := ParseSelector(tc.sel)
		if err != nil {
			t.Fatalf("ParseSelector(%q): %v", tc.sel, err)
		}
		if got := sel.Matches(tc.loc); got != tc.want {
			t.Errorf("%q.Matches(%s) = %v, want %v", tc.sel, tc.loc, got, tc.want)
		}
	}
}

func TestSelectorMatchesPrefix(t *testing.T) {
	sel := MustSelector("$..Attributes.Policy")
	if !sel.MatchesPrefix(loc("Attributes", "Policy", "Statement", 0)) {
		t.Error("a value below a selected one is in the selected subtree")
	}
	if sel.MatchesPrefix(loc("Attributes")) {
		t.Error("the parent of a selected value is not in the selected subtree")
	}
}

func TestLocationString(t *testing.T) {
	tests := []struct {
		loc  Location
		want string
	}{
		{loc(), "$"},
		{loc("Attributes", "VisibilityTimeout"), "$.Attributes.VisibilityTimeout"},
		{loc("Messages", 0, "Body"), "$.Messages[0].Body"},
		{loc("a.b", "it's", ""), `$['a.b']['it\'s']['']`},
	}
	for _, tc := range tests {
		if got := tc.loc.String(); got != tc.want {
			t.Errorf("String() = %s, want %s", got, tc.want)
		}
		// a rendered location parses back to a selector that matches it
		if sel, err := ParseSelector(tc.want); err != nil || !sel.Matches(tc.loc) {
			t.Errorf("ParseSelector(%s) = %v, %v; want a selector matching the location", tc.want, sel, err)
		}
	}
}

func FuzzParseSelector(f *testing.F) {
	for _, s := range []string{"$..Attributes.Policy", "$.Messages[*].Body", "$['a.b'][0]", `$["x\"y"]`, "a.b", "$..*", "[3]"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		sel, err := ParseSelector(text)
		if err != nil {
			return
		}
		// matching never panics, whatever the location
		sel.Matches(loc("a", 0, "b"))
		sel.MatchesPrefix(loc("x"))
	})
}
