package transformers

import (
	"strconv"
	"strings"
)

// Step is one step of a Location: a member name or an array index.
type Step struct {
	Name    string // member name, when IsIndex is false
	Index   int    // array index, when IsIndex is true
	IsIndex bool
}

// Location is the concrete position of a value in a document; the empty
// Location is the root.
type Location []Step

// Member returns the location of member name below l (a new slice).
func (l Location) Member(name string) Location {
	return append(l[:len(l):len(l)], Step{Name: name})
}

// Index returns the location of element i below l (a new slice).
func (l Location) Index(i int) Location {
	return append(l[:len(l):len(l)], Step{Index: i, IsIndex: true})
}

// String renders l in the selector syntax: $.Messages[0].Body, with
// ['...'] for member names that are not plain identifiers.
func (l Location) String() string {
	var b strings.Builder
	b.WriteByte('$')
	for _, s := range l {
		switch {
		case s.IsIndex:
			b.WriteString("[" + strconv.Itoa(s.Index) + "]")
		case plainName(s.Name):
			b.WriteString("." + s.Name)
		default:
			b.WriteString("['" + strings.NewReplacer(`\`, `\\`, `'`, `\'`).Replace(s.Name) + "']")
		}
	}
	return b.String()
}

// plainName reports whether name can be written after a dot.
func plainName(name string) bool {
	if name == "" || name == "*" || name == "#" {
		return false
	}
	for _, r := range name {
		switch r {
		case '.', '[', ']', '\'', '"', ' ', '$', '\\':
			return false
		}
	}
	return true
}
