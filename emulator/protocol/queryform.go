package protocol

import (
	"encoding/base64"
	"fmt"
	"math"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"

	"github.com/parity-harness/parity/emulator/awserr"
	"github.com/parity-harness/parity/emulator/model"
)

// This file reads the form-encoded input of the query and ec2 protocols
// ("Action=X&Version=Y&Foo.member.1=a") into shaped values.

// queryNode is a tree of form keys split on dots: "A.member.1=x" is
// root.kids["A"].kids["member"].kids["1"].value = "x".
type queryNode struct {
	value    string
	hasValue bool
	kids     map[string]*queryNode
}

func (n *queryNode) child(name string) *queryNode {
	if n == nil || n.kids == nil {
		return nil
	}
	return n.kids[name]
}

// indexed returns the children named by positive integers, in order.
func (n *queryNode) indexed() []*queryNode {
	if n == nil {
		return nil
	}
	type entry struct {
		i    int
		node *queryNode
	}
	var entries []entry
	for k, kid := range n.kids {
		i, err := strconv.Atoi(k)
		if err != nil || i < 1 {
			continue
		}
		entries = append(entries, entry{i, kid})
	}
	sort.Slice(entries, func(a, b int) bool { return entries[a].i < entries[b].i })
	out := make([]*queryNode, len(entries))
	for i, e := range entries {
		out[i] = e.node
	}
	return out
}

// readQueryForm parses the form of a query request: the URL's query string
// and, for POST, the form body. A malformed form is MalformedQueryString.
func readQueryForm(r *http.Request) (url.Values, error) {
	form, err := url.ParseQuery(r.URL.RawQuery)
	if err != nil {
		return nil, awserr.New("MalformedQueryString", 400, "The query string is malformed: "+err.Error())
	}
	if r.Method == http.MethodPost || r.Method == http.MethodPut {
		body, err := readBody(r)
		if err != nil {
			return nil, err
		}
		posted, err := url.ParseQuery(string(body))
		if err != nil {
			return nil, awserr.New("MalformedQueryString", 400, "The form body is malformed: "+err.Error())
		}
		for k, vs := range posted {
			form[k] = append(form[k], vs...)
		}
	}
	return form, nil
}

// queryTree builds the key tree of a form. Action and Version stay out.
func queryTree(form url.Values) *queryNode {
	root := &queryNode{}
	for key, vals := range form {
		if key == "Action" || key == "Version" || len(vals) == 0 {
			continue
		}
		n := root
		for part := range strings.SplitSeq(key, ".") {
			if n.kids == nil {
				n.kids = map[string]*queryNode{}
			}
			kid, ok := n.kids[part]
			if !ok {
				kid = &queryNode{}
				n.kids[part] = kid
			}
			n = kid
		}
		n.value, n.hasValue = vals[0], true
	}
	return root
}

// queryDecoder turns a key tree into shaped values.
type queryDecoder struct {
	ec2 bool
}

// memberName is the form key of a structure member.
func (d queryDecoder) memberName(name string, ref *model.ShapeRef) string {
	if d.ec2 {
		if ref.QueryName != "" {
			return ref.QueryName
		}
		if ref.LocationName != "" {
			return strings.ToUpper(ref.LocationName[:1]) + ref.LocationName[1:]
		}
		return name
	}
	if ref.Shape.Type == "list" && isFlattened(ref) && ref.Shape.Member.LocationName != "" {
		return ref.Shape.Member.LocationName
	}
	if ref.LocationName != "" {
		return ref.LocationName
	}
	return name
}

func (d queryDecoder) structure(s *model.Shape, n *queryNode, path string) (map[string]any, error) {
	out := make(map[string]any, len(s.Members))
	for name, ref := range s.Members {
		kid := n.child(d.memberName(name, ref))
		if kid == nil {
			continue
		}
		v, err := d.value(ref, kid, joinPath(path, name))
		if err != nil {
			return nil, err
		}
		if v != nil {
			out[name] = v
		}
	}
	return out, nil
}

func (d queryDecoder) value(ref *model.ShapeRef, n *queryNode, path string) (any, error) {
	s := ref.Shape
	switch s.Type {
	case "structure":
		if n.kids == nil {
			if n.hasValue && n.value == "" {
				return map[string]any{}, nil
			}
			return nil, nil
		}
		return d.structure(s, n, path)
	case "list":
		items := n
		if !d.ec2 && !isFlattened(ref) {
			name := "member"
			if s.Member.LocationName != "" {
				name = s.Member.LocationName
			}
			items = n.child(name)
		}
		out := []any{}
		for i, kid := range items.indexed() {
			v, err := d.value(s.Member, kid, path+"."+strconv.Itoa(i+1))
			if err != nil {
				return nil, err
			}
			out = append(out, v)
		}
		if len(out) == 0 && !(n.hasValue && n.value == "") {
			return nil, nil
		}
		return out, nil
	case "map":
		entries := n
		if !isFlattened(ref) {
			entries = n.child("entry")
		}
		keyName, valueName := "key", "value"
		if s.Key.LocationName != "" {
			keyName = s.Key.LocationName
		}
		if s.Value.LocationName != "" {
			valueName = s.Value.LocationName
		}
		out := map[string]any{}
		for _, kid := range entries.indexed() {
			k := kid.child(keyName)
			if k == nil || !k.hasValue {
				continue
			}
			vn := kid.child(valueName)
			if vn == nil {
				continue
			}
			v, err := d.value(s.Value, vn, path+"."+k.value)
			if err != nil {
				return nil, err
			}
			if v != nil {
				out[k.value] = v
			}
		}
		if len(out) == 0 && !(n.hasValue && n.value == "") {
			return nil, nil
		}
		return out, nil
	}
	if !n.hasValue {
		return nil, nil
	}
	return queryScalar(ref, n.value, path)
}

// queryScalar parses the text of a scalar member of the query, ec2 and rest
// (query string, header) protocols.
func queryScalar(ref *model.ShapeRef, text, path string) (any, error) {
	s := ref.Shape
	bad := func(kind string) error {
		return awserr.New("InvalidParameterValue", 400, fmt.Sprintf("Value (%s) for parameter %s is invalid. Expected: '%s'.", text, path, kind))
	}
	switch s.Type {
	case "string":
		if ref.JSONValue {
			return parseJSONValue(text, path)
		}
		return text, nil
	case "boolean":
		switch strings.ToLower(text) {
		case "true":
			return true, nil
		case "false":
			return false, nil
		}
		return nil, bad("boolean")
	case "integer", "long":
		i, err := strconv.ParseInt(strings.TrimSpace(text), 10, 64)
		if err != nil || (s.Type == "integer" && (i > math.MaxInt32 || i < math.MinInt32)) {
			return nil, bad(s.Type)
		}
		return i, nil
	case "float", "double":
		f, ok := parseFloatWire(strings.TrimSpace(text))
		if !ok {
			return nil, bad(s.Type)
		}
		return f, nil
	case "timestamp":
		t, ok := parseAnyTimestamp(text)
		if !ok {
			return nil, bad("timestamp")
		}
		return t, nil
	case "blob":
		b, err := base64.StdEncoding.DecodeString(text)
		if err != nil {
			return nil, bad("base64 blob")
		}
		return b, nil
	}
	return text, nil
}
