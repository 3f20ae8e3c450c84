package sqs

import "testing"

func strp(s string) *string { return &s }

func TestMD5OfAttributes(t *testing.T) {
	// Digests recorded from AWS (shared/aws-reference/sqs).
	cases := []struct {
		name  string
		attrs map[string]AttributeValue
		want  string
	}{
		{"none", nil, ""},
		{"one string", map[string]AttributeValue{"MyAttribute": {DataType: "String", StringValue: strp("foobar")}}, "adb59cd4678ea5a855436b949cd07ab6"},
		{"Foo=Bar", map[string]AttributeValue{"Foo": {DataType: "String", StringValue: strp("Bar")}}, "ae7155c6026991b6d54b11589678bf9c"},
		{"three sorted", map[string]AttributeValue{
			"Hello":   {DataType: "String", StringValue: strp("There")},
			"General": {DataType: "String", StringValue: strp("Kenobi")},
			"Help.Me": {DataType: "String", StringValue: strp("Me")},
		}, "4c360f3fdafd970e05fae2f149d997f5"},
		{"subset", map[string]AttributeValue{
			"Hello":   {DataType: "String", StringValue: strp("There")},
			"General": {DataType: "String", StringValue: strp("Kenobi")},
		}, "fca026605781cb4126a1e9044df24232"},
		{"single Hello", map[string]AttributeValue{"Hello": {DataType: "String", StringValue: strp("There")}}, "a311262e065454b75da111d535b8dacd"},
		{"binary", map[string]AttributeValue{"attr1": {DataType: "Binary", BinaryValue: []byte("traceparent\x1e00-774062d6c37081a5a0b9b5b88e30627c-2d2482211f6489da-01")}}, "8cbe4db156db8a94db8b801b7addb984"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := md5OfAttributes(c.attrs); got != c.want {
				t.Fatalf("md5OfAttributes = %q, want %q", got, c.want)
			}
		})
	}
}

func TestMD5OfBody(t *testing.T) {
	cases := map[string]string{
		"test":      "098f6bcd4621d373cade4e832627b4f6",
		"message-1": "3d6b824fd8c1520e9a047d21fee6fb1f",
		"":          "d41d8cd98f00b204e9800998ecf8427e",
	}
	for body, want := range cases {
		if got := md5Hex(body); got != want {
			t.Errorf("md5Hex(%q) = %s, want %s", body, got, want)
		}
	}
}
