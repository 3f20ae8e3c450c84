package protocol

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"strconv"
	"strings"

	"github.com/parity-harness/parity/emulator/awserr"
	"github.com/parity-harness/parity/emulator/model"
)

// xmlNode is a parsed XML element.
type xmlNode struct {
	name  string // local name
	attrs []xml.Attr
	kids  []*xmlNode
	text  strings.Builder
}

func (n *xmlNode) children(name string) []*xmlNode {
	var out []*xmlNode
	for _, k := range n.kids {
		if k.name == name {
			out = append(out, k)
		}
	}
	return out
}

func (n *xmlNode) child(name string) *xmlNode {
	for _, k := range n.kids {
		if k.name == name {
			return k
		}
	}
	return nil
}

const maxXMLDepth = 256

func malformedXML(msg string) *awserr.Error {
	return awserr.New("MalformedXML", 400, "The XML you provided was not well-formed or did not validate against our published schema: "+msg)
}

// parseXML reads an XML document into its root element.
func parseXML(body []byte) (*xmlNode, error) {
	dec := xml.NewDecoder(bytes.NewReader(body))
	var stack []*xmlNode
	var root *xmlNode
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, malformedXML(err.Error())
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if root != nil && len(stack) == 0 {
				return nil, malformedXML("more than one root element")
			}
			if len(stack) >= maxXMLDepth {
				return nil, malformedXML("the document is nested too deeply")
			}
			n := &xmlNode{name: t.Name.Local, attrs: t.Attr}
			if len(stack) > 0 {
				parent := stack[len(stack)-1]
				parent.kids = append(parent.kids, n)
			} else {
				root = n
			}
			stack = append(stack, n)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if len(stack) > 0 {
				stack[len(stack)-1].text.Write(t)
			}
		}
	}
	if root == nil {
		return nil, malformedXML("the document has no root element")
	}
	return root, nil
}

// xmlDecoder turns parsed elements into shaped values.
type xmlDecoder struct{}

func (d xmlDecoder) structure(s *model.Shape, n *xmlNode, path string) (map[string]any, error) {
	out := make(map[string]any, len(s.Members))
	for _, name := range s.OrderedMembers() {
		ref := s.Members[name]
		if ref.Location != "" {
			continue
		}
		p := joinPath(path, name)
		if ref.XMLAttribute {
			local := wireName(name, ref)
			if i := strings.IndexByte(local, ':'); i >= 0 {
				local = local[i+1:]
			}
			for _, a := range n.attrs {
				if a.Name.Local == local {
					v, err := queryScalar(ref, a.Value, p)
					if err != nil {
						return nil, err
					}
					out[name] = v
				}
			}
			continue
		}
		elName := xmlMemberName(name, ref)
		var (
			v   any
			err error
		)
		switch {
		case ref.Shape.Type == "list" && isFlattened(ref):
			kids := n.children(elName)
			if len(kids) == 0 {
				continue
			}
			items := make([]any, 0, len(kids))
			for i, k := range kids {
				item, err := d.value(ref.Shape.Member, k, p+"."+strconv.Itoa(i+1))
				if err != nil {
					return nil, err
				}
				items = append(items, item)
			}
			v = items
		case ref.Shape.Type == "map" && isFlattened(ref):
			kids := n.children(elName)
			if len(kids) == 0 {
				continue
			}
			v, err = d.mapEntries(ref.Shape, kids, p)
		default:
			k := n.child(elName)
			if k == nil {
				continue
			}
			v, err = d.value(ref, k, p)
		}
		if err != nil {
			return nil, err
		}
		if v != nil {
			out[name] = v
		}
	}
	return out, nil
}

func (d xmlDecoder) mapEntries(s *model.Shape, entries []*xmlNode, path string) (map[string]any, error) {
	keyName, valueName := "key", "value"
	if s.Key.LocationName != "" {
		keyName = s.Key.LocationName
	}
	if s.Value.LocationName != "" {
		valueName = s.Value.LocationName
	}
	out := make(map[string]any, len(entries))
	for _, e := range entries {
		k, vn := e.child(keyName), e.child(valueName)
		if k == nil || vn == nil {
			continue
		}
		key := k.text.String()
		v, err := d.value(s.Value, vn, path+"."+key)
		if err != nil {
			return nil, err
		}
		if v != nil {
			out[key] = v
		}
	}
	return out, nil
}

// value decodes an element holding a structure, a wrapped list or map, or a
// scalar.
func (d xmlDecoder) value(ref *model.ShapeRef, n *xmlNode, path string) (any, error) {
	s := ref.Shape
	switch s.Type {
	case "structure":
		return d.structure(s, n, path)
	case "list":
		itemName := "member"
		if s.Member.LocationName != "" {
			itemName = s.Member.LocationName
		}
		items := []any{}
		for i, k := range n.children(itemName) {
			item, err := d.value(s.Member, k, path+"."+strconv.Itoa(i+1))
			if err != nil {
				return nil, err
			}
			items = append(items, item)
		}
		return items, nil
	case "map":
		return d.mapEntries(s, n.children("entry"), path)
	}
	return xmlScalar(ref, n.text.String(), path)
}

// xmlScalar parses element text; strings keep their whitespace.
func xmlScalar(ref *model.ShapeRef, text, path string) (any, error) {
	if ref.Shape.Type == "string" && !ref.JSONValue {
		return text, nil
	}
	v, err := queryScalar(ref, strings.TrimSpace(text), path)
	if err != nil {
		if e, ok := err.(*awserr.Error); ok {
			return nil, malformedXML(e.Message)
		}
		return nil, err
	}
	return v, nil
}
