package protocol

import (
	"fmt"
	"io"
	"math"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/parity-harness/parity/emulator/awserr"
	"github.com/parity-harness/parity/emulator/model"
)

// Violation is one broken constraint of the model found in a request.
type Violation struct {
	// Path is AWS's path to the member: lower-camel member names joined by
	// dots, list items as "<n>.member", map values as "<key>.member", e.g.
	// "tags.1.member.tagKey".
	Path string
	// Constraint names the broken rule: "required", "enum", "pattern",
	// "minLength", "maxLength", "min" or "max".
	Constraint string
	// Value is the offending decoded value (nil for a missing member).
	Value any
	// Message is AWS's constraint text, e.g. "Member must not be null".
	Message string
	// Sensitive hides the value in messages.
	Sensitive bool
}

// String renders the violation as AWS does:
// "Value 'x' at 'path' failed to satisfy constraint: <message>".
func (v Violation) String() string {
	switch {
	case v.Sensitive:
		return fmt.Sprintf("Value at '%s' failed to satisfy constraint: %s", v.Path, v.Message)
	case v.Value == nil:
		return fmt.Sprintf("Value null at '%s' failed to satisfy constraint: %s", v.Path, v.Message)
	}
	return fmt.Sprintf("Value '%s' at '%s' failed to satisfy constraint: %s", renderValue(v.Value), v.Path, v.Message)
}

// ValidationError is what DecodeInput returns when the input breaks the
// model's constraints. The gateway lets a service map it to its own error
// and falls back to DefaultValidationError.
type ValidationError struct {
	Violations []Violation
}

func (e *ValidationError) Error() string { return validationMessage(e.Violations) }

// Missing returns the violations of required members, in order.
func (e *ValidationError) Missing() []Violation {
	var out []Violation
	for _, v := range e.Violations {
		if v.Constraint == "required" {
			out = append(out, v)
		}
	}
	return out
}

func validationMessage(vs []Violation) string {
	var b strings.Builder
	if len(vs) == 1 {
		b.WriteString("1 validation error detected: ")
	} else {
		fmt.Fprintf(&b, "%d validation errors detected: ", len(vs))
	}
	for i, v := range vs {
		if i > 0 {
			b.WriteString("; ")
		}
		b.WriteString(v.String())
	}
	return b.String()
}

// DefaultValidationError is AWS's generic answer to a ValidationError for a
// protocol: ValidationException for json and rest-json services,
// ValidationError for query and ec2 services, InvalidArgument for rest-xml
// (S3's generic argument error).
func DefaultValidationError(codecName string, v *ValidationError) *awserr.Error {
	code := "ValidationException"
	switch codecName {
	case "query", "ec2":
		code = "ValidationError"
	case "rest-xml":
		code = "InvalidArgument"
	}
	return awserr.New(code, 400, validationMessage(v.Violations))
}

// validate checks a decoded input structure against the model.
func validate(shape *model.Shape, value map[string]any) *ValidationError {
	var vs []Violation
	validateStructure(shape, value, "", &vs)
	if len(vs) == 0 {
		return nil
	}
	return &ValidationError{Violations: vs}
}

func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	r, n := utf8.DecodeRuneInString(s)
	if r >= 'A' && r <= 'Z' {
		return string(r+'a'-'A') + s[n:]
	}
	return s
}

func joinPath(prefix, name string) string {
	if prefix == "" {
		return name
	}
	return prefix + "." + name
}

// The path of a value is parent + "." + seg, built only when a violation
// is reported or a container is entered, so valid input costs no strings.

func validateStructure(shape *model.Shape, m map[string]any, path string, vs *[]Violation) {
	for _, name := range shape.OrderedMembers() {
		ref := shape.Members[name]
		v, ok := m[name]
		if !ok || v == nil {
			if shape.IsRequired(name) {
				*vs = append(*vs, Violation{Path: joinPath(path, lowerFirst(name)), Constraint: "required", Message: "Member must not be null"})
			}
			continue
		}
		validateValue(ref.Shape, v, path, lowerFirst(name), vs)
	}
}

func validateValue(s *model.Shape, v any, parent, seg string, vs *[]Violation) {
	add := func(constraint, msg string) {
		*vs = append(*vs, Violation{Path: joinPath(parent, seg), Constraint: constraint, Value: v, Message: msg, Sensitive: s.Sensitive})
	}
	switch s.Type {
	case "structure":
		if m, ok := v.(map[string]any); ok {
			validateStructure(s, m, joinPath(parent, seg), vs)
		}
	case "list":
		items, _ := v.([]any)
		checkLength(s, len(items), add)
		if len(items) == 0 || !needsValidation(s.Member.Shape) {
			return
		}
		path := joinPath(parent, seg)
		for i, item := range items {
			if item != nil {
				validateValue(s.Member.Shape, item, path, strconv.Itoa(i+1)+".member", vs)
			}
		}
	case "map":
		m, _ := v.(map[string]any)
		checkLength(s, len(m), add)
		if len(m) == 0 || !needsValidation(s.Value.Shape) {
			return
		}
		path := joinPath(parent, seg)
		for _, k := range sortedKeys(m) {
			if m[k] != nil {
				validateValue(s.Value.Shape, m[k], path, k+".member", vs)
			}
		}
	case "string":
		str, ok := v.(string)
		if !ok {
			return
		}
		if len(s.Enum) > 0 && !contains(s.Enum, str) {
			add("enum", "Member must satisfy enum value set: ["+strings.Join(s.Enum, ", ")+"]")
		}
		if re := shapePattern(s); re != nil && !re.MatchString(str) {
			add("pattern", "Member must satisfy regular expression pattern: "+s.Pattern)
		}
		checkLength(s, javaLength(str), add)
	case "blob":
		if b, ok := v.([]byte); ok {
			checkLength(s, len(b), add)
		}
	case "integer", "long", "float", "double":
		f, ok := asFloat64(v)
		if !ok {
			return
		}
		if s.Min != nil && f < *s.Min {
			add("min", "Member must have value greater than or equal to "+formatFloat(*s.Min))
		}
		if s.Max != nil && f > *s.Max {
			add("max", "Member must have value less than or equal to "+formatFloat(*s.Max))
		}
	}
}

// needsValidation reports whether values of a shape can break a constraint
// (containers always may).
func needsValidation(s *model.Shape) bool {
	switch s.Type {
	case "structure", "list", "map":
		return true
	}
	return s.Min != nil || s.Max != nil || len(s.Enum) > 0 || s.Pattern != ""
}

func checkLength(s *model.Shape, n int, add func(string, string)) {
	if s.Min != nil && float64(n) < *s.Min {
		add("minLength", "Member must have length greater than or equal to "+formatFloat(*s.Min))
	}
	if s.Max != nil && float64(n) > *s.Max {
		add("maxLength", "Member must have length less than or equal to "+formatFloat(*s.Max))
	}
}

// javaLength is a string's length in UTF-16 code units, as AWS counts it.
func javaLength(s string) int {
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r)
	}
	return n
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// patterns caches compiled shape patterns; a pattern RE2 cannot compile
// (Java-only syntax) is stored as nil and not enforced.
var patterns sync.Map // *model.Shape -> *regexp.Regexp

func shapePattern(s *model.Shape) *regexp.Regexp {
	if s.Pattern == "" {
		return nil
	}
	if re, ok := patterns.Load(s); ok {
		return re.(*regexp.Regexp)
	}
	re, err := regexp.Compile(`^(?:` + s.Pattern + `)$`)
	if err != nil {
		re = nil
	}
	patterns.Store(s, re)
	return re
}

// renderValue prints a value the way AWS's messages do (Java's toString).
func renderValue(v any) string {
	switch x := v.(type) {
	case nil:
		return "null"
	case string:
		return x
	case []byte:
		return fmt.Sprintf("java.nio.HeapByteBuffer[pos=0 lim=%d cap=%d]", len(x), len(x))
	case time.Time:
		return x.UTC().Format(time.RFC3339)
	case float64:
		if x == math.Trunc(x) && math.Abs(x) < 1e15 {
			return strconv.FormatFloat(x, 'f', 1, 64)
		}
		return formatFloat(x)
	case []any:
		parts := make([]string, len(x))
		for i, item := range x {
			parts[i] = renderValue(item)
		}
		return "[" + strings.Join(parts, ", ") + "]"
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		parts := make([]string, len(keys))
		for i, k := range keys {
			parts[i] = k + "=" + renderValue(x[k])
		}
		return "{" + strings.Join(parts, ", ") + "}"
	case io.Reader:
		return "stream"
	}
	return fmt.Sprint(v)
}
