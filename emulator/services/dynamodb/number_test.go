package dynamodb

import (
	"strings"
	"testing"
)

func TestNumberParsing(t *testing.T) {
	cases := []struct{ in, want string }{
		{"0", "0"}, {"-0", "0"}, {"00.000", "0"}, {"1.50", "1.5"}, {"01", "1"}, {"1e2", "100"}, {"1E-2", "0.01"},
		{"-12.345e1", "-123.45"}, {"+7", "7"}, {".5", "0.5"}, {"5.", "5"},
		{"12345678901234567890123456789012345678", "12345678901234567890123456789012345678"},
		{"1E-130", "0." + strings.Repeat("0", 129) + "1"},
		{"9.9999999999999999999999999999999999999E+125", "99999999999999999999999999999999999999" + strings.Repeat("0", 88)},
		{"abc", "ValidationException: A value provided cannot be converted into a number"},
		{"", "ValidationException: A value provided cannot be converted into a number"},
		{"1e", "ValidationException: A value provided cannot be converted into a number"},
		{"1.2.3", "ValidationException: A value provided cannot be converted into a number"},
		{"123456789012345678901234567890123456789", "ValidationException: Attempting to store more than 38 significant digits in a Number"},
		{"1E+126", "ValidationException: Number overflow. Attempting to store a number with magnitude larger than supported range"},
		{"1E-131", "ValidationException: Number underflow. Attempting to store a number with magnitude smaller than supported range"},
	}
	for _, c := range cases {
		n, err := ParseNumber(c.in)
		got := errMessage(err)
		if err == nil {
			got = n.String()
		}
		if got != c.want {
			t.Errorf("ParseNumber(%q) = %s, want %s", c.in, got, c.want)
		}
	}
}

func TestNumberCompareAndAdd(t *testing.T) {
	cmp := []struct {
		a, b string
		want int
	}{
		{"1", "2", -1}, {"10", "9", 1}, {"-1", "1", -1}, {"-10", "-9", -1}, {"0.001", "0.01", -1},
		{"1.0", "1", 0}, {"0", "-0", 0}, {"100", "1e2", 0}, {"0.12", "0.123", -1},
	}
	for _, c := range cmp {
		a, _ := ParseNumber(c.a)
		b, _ := ParseNumber(c.b)
		if got := a.Cmp(b); got != c.want {
			t.Errorf("Cmp(%s, %s) = %d, want %d", c.a, c.b, got, c.want)
		}
	}
	add := []struct{ a, b, want string }{
		{"1", "2", "3"}, {"0.1", "0.2", "0.3"}, {"-5", "3", "-2"}, {"1e10", "1e-10", "10000000000.0000000001"}, {"5", "-5", "0"},
	}
	for _, c := range add {
		a, _ := ParseNumber(c.a)
		b, _ := ParseNumber(c.b)
		got, err := a.Add(b)
		if err != nil || got.String() != c.want {
			t.Errorf("%s + %s = %s (%v), want %s", c.a, c.b, got, err, c.want)
		}
	}
}

func TestValueTypeRules(t *testing.T) {
	cases := []struct{ in, want string }{
		{`{"v":{"SS":["a","a"]}}`, "ValidationException: One or more parameter values were invalid: Input collection [a, a] contains duplicates."},
		{`{"v":{"NS":["1","1.0"]}}`, "ValidationException: One or more parameter values were invalid: Input collection [1, 1.0] contains duplicates."},
		{`{"v":{"SS":[]}}`, "ValidationException: One or more parameter values were invalid: An string set  may not be empty"},
		{`{"v":{"NS":[]}}`, "ValidationException: One or more parameter values were invalid: An number set  may not be empty"},
		{`{"v":{"BS":[]}}`, "ValidationException: One or more parameter values were invalid: Binary sets should not be empty"},
		{`{"v":{}}`, "ValidationException: Supplied AttributeValue is empty, must contain exactly one of the supported datatypes"},
		{`{"v":{"S":"a","N":"1"}}`, "ValidationException: Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes"},
		{`{"v":{"NULL":false}}`, "ValidationException: One or more parameter values were invalid: Null attribute value types must have the value of true"},
		{`{"v":{"S":""},"w":{"M":{"x":{"L":[{"S":""}]}}}}`, ""},
	}
	for _, c := range cases {
		_, err := parseItem(params(t, c.in))
		if got := errMessage(err); got != c.want {
			t.Errorf("%s: got %q want %q", c.in, got, c.want)
		}
	}
}

func TestItemSize(t *testing.T) {
	cases := []struct {
		item string
		want int
	}{
		{`{"id":{"S":"Fred"}}`, 6},
		{`{"id":{"S":"NewKey"}}`, 8},
		{`{"ab":{"N":"123"}}`, 2 + 3},
		{`{"b":{"BOOL":true},"n":{"NULL":true}}`, 4},
		{`{"l":{"L":[{"S":"ab"},{"S":"c"}]}}`, 1 + 3 + 3 + 2},
		{`{"m":{"M":{"k":{"S":"v"}}}}`, 1 + 3 + 1 + 1 + 1},
	}
	for _, c := range cases {
		if got := testItem(t, c.item).Size(); got != c.want {
			t.Errorf("%s: size %d want %d", c.item, got, c.want)
		}
	}
}
