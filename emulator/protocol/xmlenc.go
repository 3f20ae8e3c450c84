package protocol

import (
	"bytes"
	"encoding/base64"
	"encoding/xml"
	"fmt"
	"strconv"

	"github.com/parity-harness/parity/emulator/model"
)

// xmlEncoder writes shaped values as XML elements, with the naming rules the
// query, ec2 and rest-xml protocols share: a member is written under its
// locationName (or member name), lists are wrapped in "member" (or the list
// member's locationName) unless flattened, maps in "entry" with "key" and
// "value" unless flattened.
type xmlEncoder struct {
	buf      *bytes.Buffer
	protocol string
	// millis writes iso8601 timestamps with milliseconds always (S3).
	millis bool
}

// isFlattened reports whether a list or map member is flattened, by the
// reference or by the shape.
func isFlattened(ref *model.ShapeRef) bool {
	return ref.Flattened || ref.Shape.Flattened
}

// xmlMemberName is the element name of a structure member.
func xmlMemberName(name string, ref *model.ShapeRef) string {
	if ref.Shape.Type == "list" && isFlattened(ref) && ref.Shape.Member.LocationName != "" {
		return ref.Shape.Member.LocationName
	}
	if ref.LocationName != "" {
		return ref.LocationName
	}
	return name
}

func (e xmlEncoder) text(s string) {
	xml.EscapeText(e.buf, []byte(s))
}

func (e xmlEncoder) open(name string, attrs string) {
	e.buf.WriteByte('<')
	e.buf.WriteString(name)
	e.buf.WriteString(attrs)
	e.buf.WriteByte('>')
}

func (e xmlEncoder) close(name string) {
	e.buf.WriteString("</")
	e.buf.WriteString(name)
	e.buf.WriteByte('>')
}

// namespaceAttr renders an xmlNamespace trait as an attribute.
func namespaceAttr(ns *model.XMLNS) string {
	if ns == nil || ns.URI == "" {
		return ""
	}
	var b bytes.Buffer
	b.WriteString(" xmlns")
	if ns.Prefix != "" {
		b.WriteByte(':')
		b.WriteString(ns.Prefix)
	}
	b.WriteString(`="`)
	xml.EscapeText(&b, []byte(ns.URI))
	b.WriteByte('"')
	return b.String()
}

// members writes the element children of a structure value.
func (e xmlEncoder) members(s *model.Shape, m map[string]any) error {
	for _, name := range s.OrderedMembers() {
		ref := s.Members[name]
		if ref.Location != "" || ref.XMLAttribute {
			continue
		}
		v, ok := m[name]
		if !ok || isNil(v) {
			continue
		}
		if err := e.member(xmlMemberName(name, ref), ref, v); err != nil {
			return fmt.Errorf("%s.%s: %w", s.Name, name, err)
		}
	}
	return nil
}

// attributes renders the xmlAttribute members of a structure value.
func (e xmlEncoder) attributes(s *model.Shape, m map[string]any) (string, error) {
	var b bytes.Buffer
	for _, name := range s.OrderedMembers() {
		ref := s.Members[name]
		if !ref.XMLAttribute {
			continue
		}
		v, ok := m[name]
		if !ok || isNil(v) {
			continue
		}
		str, err := e.scalar(ref, v)
		if err != nil {
			return "", fmt.Errorf("%s.%s: %w", s.Name, name, err)
		}
		attr := name
		if ref.LocationName != "" {
			attr = ref.LocationName
		}
		b.WriteByte(' ')
		b.WriteString(attr)
		b.WriteString(`="`)
		xml.EscapeText(&b, []byte(str))
		b.WriteByte('"')
	}
	return b.String(), nil
}

// member writes one member (flattened lists and maps repeat the element).
func (e xmlEncoder) member(name string, ref *model.ShapeRef, v any) error {
	s := ref.Shape
	switch s.Type {
	case "list":
		items, ok := asList(v)
		if !ok {
			return fmt.Errorf("cannot encode %T as a list", v)
		}
		if isFlattened(ref) {
			for _, item := range items {
				if isNil(item) {
					continue
				}
				if err := e.element(name, s.Member, item, ""); err != nil {
					return err
				}
			}
			return nil
		}
		itemName := "member"
		if s.Member.LocationName != "" {
			itemName = s.Member.LocationName
		}
		e.open(name, namespaceAttr(ref.XMLNamespace))
		for _, item := range items {
			if isNil(item) {
				continue
			}
			if err := e.element(itemName, s.Member, item, ""); err != nil {
				return err
			}
		}
		e.close(name)
		return nil
	case "map":
		m, ok := asMap(v)
		if !ok {
			return fmt.Errorf("cannot encode %T as a map", v)
		}
		keyName, valueName := "key", "value"
		if s.Key.LocationName != "" {
			keyName = s.Key.LocationName
		}
		if s.Value.LocationName != "" {
			valueName = s.Value.LocationName
		}
		flat := isFlattened(ref)
		if !flat {
			e.open(name, namespaceAttr(ref.XMLNamespace))
		}
		for _, k := range sortedKeys(m) {
			if isNil(m[k]) {
				continue
			}
			if flat {
				e.open(name, "")
			} else {
				e.open("entry", "")
			}
			if err := e.element(keyName, s.Key, k, ""); err != nil {
				return err
			}
			if err := e.element(valueName, s.Value, m[k], ""); err != nil {
				return err
			}
			if flat {
				e.close(name)
			} else {
				e.close("entry")
			}
		}
		if !flat {
			e.close(name)
		}
		return nil
	}
	return e.element(name, ref, v, namespaceAttr(ref.XMLNamespace))
}

// element writes <name>value</name> for a structure or scalar value, or a
// wrapped list or map.
func (e xmlEncoder) element(name string, ref *model.ShapeRef, v any, attrs string) error {
	s := ref.Shape
	switch s.Type {
	case "list", "map":
		return e.member(name, ref, v)
	case "structure":
		m, ok := asMap(v)
		if !ok {
			return fmt.Errorf("cannot encode %T as a structure", v)
		}
		a, err := e.attributes(s, m)
		if err != nil {
			return err
		}
		if attrs == "" {
			attrs = namespaceAttr(s.XMLNamespace)
		}
		e.open(name, attrs+a)
		if err := e.members(s, m); err != nil {
			return err
		}
		e.close(name)
		return nil
	}
	str, err := e.scalar(ref, v)
	if err != nil {
		return err
	}
	e.open(name, attrs)
	e.text(str)
	e.close(name)
	return nil
}

// scalar renders a scalar value as text.
func (e xmlEncoder) scalar(ref *model.ShapeRef, v any) (string, error) {
	s := ref.Shape
	switch s.Type {
	case "string":
		if ref.JSONValue {
			return jsonValueText(v)
		}
		if str, ok := asString(v); ok {
			return str, nil
		}
	case "boolean":
		if b, ok := asBool(v); ok {
			return strconv.FormatBool(b), nil
		}
	case "integer", "long":
		if i, ok := asInt64(v); ok {
			return strconv.FormatInt(i, 10), nil
		}
	case "float", "double":
		if f, ok := asFloat64(v); ok {
			return formatFloat(f), nil
		}
	case "timestamp":
		if t, ok := asTime(v); ok {
			return formatTimestamp(t, timestampFormat(ref, e.protocol, placeBody), e.millis), nil
		}
	case "blob":
		if b, ok := asBlob(v); ok {
			return base64.StdEncoding.EncodeToString(b), nil
		}
	default:
		if str, ok := asString(v); ok {
			return str, nil
		}
	}
	return "", fmt.Errorf("cannot encode %v (%T) as a %s", v, v, s.Type)
}
