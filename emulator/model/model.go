// Package model holds the AWS API models the emulator is driven by: services,
// operations and shapes, loaded from the generated, documentation-free copies of
// the api-2.json files that ship with github.com/aws/aws-sdk-go.
//
// The codecs in package protocol read requests and write responses by walking
// these shapes; no operation has hand-written wire code.
package model

import (
	"encoding/json"
	"fmt"
	"sort"
)

// Service is one AWS API model.
type Service struct {
	Name       string                // the model folder name, e.g. "sqs"
	Metadata   Metadata              `json:"metadata"`
	Operations map[string]*Operation `json:"operations"`
	Shapes     map[string]*Shape     `json:"shapes"`
}

// Metadata is the model's "metadata" object.
type Metadata struct {
	APIVersion       string   `json:"apiVersion"`
	EndpointPrefix   string   `json:"endpointPrefix"`
	JSONVersion      string   `json:"jsonVersion"`
	Protocol         string   `json:"protocol"`
	Protocols        []string `json:"protocols,omitempty"`
	ServiceID        string   `json:"serviceId"`
	SignatureVersion string   `json:"signatureVersion"`
	SigningName      string   `json:"signingName,omitempty"`
	TargetPrefix     string   `json:"targetPrefix,omitempty"`
	XMLNamespace     string   `json:"xmlNamespace,omitempty"`
	GlobalEndpoint   string   `json:"globalEndpoint,omitempty"`
	UID              string   `json:"uid,omitempty"`
	// AWSQueryCompatible is set on JSON services that also answer the query
	// protocol (SQS); its presence matters, not its content.
	AWSQueryCompatible *struct{} `json:"awsQueryCompatible,omitempty"`
}

// Signing returns the SigV4 signing name of the service.
func (m Metadata) Signing() string {
	if m.SigningName != "" {
		return m.SigningName
	}
	return m.EndpointPrefix
}

// Operation is one API operation.
type Operation struct {
	Name   string      `json:"name"`
	HTTP   HTTP        `json:"http"`
	Input  *ShapeRef   `json:"input,omitempty"`
	Output *ShapeRef   `json:"output,omitempty"`
	Errors []*ShapeRef `json:"errors,omitempty"`

	HTTPChecksumRequired bool `json:"httpChecksumRequired,omitempty"`
	Deprecated           bool `json:"deprecated,omitempty"`
}

// HTTP is an operation's HTTP binding.
type HTTP struct {
	Method       string `json:"method"`
	RequestURI   string `json:"requestUri"`
	ResponseCode int    `json:"responseCode,omitempty"`
}

// ShapeRef is a reference to a shape from an operation or a structure member,
// with the serialisation traits that belong to the reference.
type ShapeRef struct {
	ShapeName        string `json:"shape"`
	Location         string `json:"location,omitempty"` // uri, querystring, header, headers, statusCode
	LocationName     string `json:"locationName,omitempty"`
	QueryName        string `json:"queryName,omitempty"`
	Flattened        bool   `json:"flattened,omitempty"`
	XMLAttribute     bool   `json:"xmlAttribute,omitempty"`
	XMLNamespace     *XMLNS `json:"xmlNamespace,omitempty"`
	Streaming        bool   `json:"streaming,omitempty"`
	JSONValue        bool   `json:"jsonvalue,omitempty"`
	TimestampFormat  string `json:"timestampFormat,omitempty"`
	HostLabel        bool   `json:"hostLabel,omitempty"`
	IdempotencyToken bool   `json:"idempotencyToken,omitempty"`
	EventPayload     bool   `json:"eventpayload,omitempty"`
	Deprecated       bool   `json:"deprecated,omitempty"`

	Shape *Shape `json:"-"`
}

// XMLNS is an xmlNamespace trait.
type XMLNS struct {
	Prefix string `json:"prefix,omitempty"`
	URI    string `json:"uri,omitempty"`
}

// UnmarshalJSON accepts both {"uri":..} and a bare string.
func (x *XMLNS) UnmarshalJSON(b []byte) error {
	var s string
	if json.Unmarshal(b, &s) == nil {
		x.URI = s
		return nil
	}
	type plain XMLNS
	return json.Unmarshal(b, (*plain)(x))
}

// Shape is a named type of the model.
type Shape struct {
	Name            string               `json:"-"`
	Type            string               `json:"type"`
	Members         map[string]*ShapeRef `json:"members,omitempty"`
	MemberOrder     []string             `json:"memberOrder,omitempty"` // written by the generator: model order
	Member          *ShapeRef            `json:"member,omitempty"`      // list
	Key             *ShapeRef            `json:"key,omitempty"`         // map
	Value           *ShapeRef            `json:"value,omitempty"`       // map
	Required        []string             `json:"required,omitempty"`
	Enum            []string             `json:"enum,omitempty"`
	Min             *float64             `json:"min,omitempty"`
	Max             *float64             `json:"max,omitempty"`
	Pattern         string               `json:"pattern,omitempty"`
	Flattened       bool                 `json:"flattened,omitempty"`
	LocationName    string               `json:"locationName,omitempty"`
	Payload         string               `json:"payload,omitempty"`
	Exception       bool                 `json:"exception,omitempty"`
	Fault           bool                 `json:"fault,omitempty"`
	Error           *ErrorTrait          `json:"error,omitempty"`
	TimestampFormat string               `json:"timestampFormat,omitempty"`
	Streaming       bool                 `json:"streaming,omitempty"`
	XMLNamespace    *XMLNS               `json:"xmlNamespace,omitempty"`
	Wrapper         bool                 `json:"wrapper,omitempty"`
	Union           bool                 `json:"union,omitempty"`
	Document        bool                 `json:"document,omitempty"`
	Event           bool                 `json:"event,omitempty"`
	EventStream     bool                 `json:"eventstream,omitempty"`
	Sensitive       bool                 `json:"sensitive,omitempty"`
	Box             bool                 `json:"box,omitempty"`

	required map[string]bool
}

// ErrorTrait is the "error" object of an exception shape.
type ErrorTrait struct {
	Code           string `json:"code,omitempty"`
	HTTPStatusCode int    `json:"httpStatusCode,omitempty"`
	SenderFault    bool   `json:"senderFault,omitempty"`
}

// IsRequired reports whether the structure member name is required.
func (s *Shape) IsRequired(name string) bool { return s.required[name] }

// OrderedMembers returns the member names in model order.
func (s *Shape) OrderedMembers() []string {
	if len(s.MemberOrder) == len(s.Members) {
		return s.MemberOrder
	}
	names := make([]string, 0, len(s.Members))
	for n := range s.Members {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// ErrorCode is the wire code of an exception shape: the error trait's code
// when present, the shape name otherwise.
func (s *Shape) ErrorCode() string {
	if s.Error != nil && s.Error.Code != "" {
		return s.Error.Code
	}
	return s.Name
}

// ErrorStatus is the HTTP status of an exception shape (400 when unmodeled).
func (s *Shape) ErrorStatus() int {
	if s.Error != nil && s.Error.HTTPStatusCode != 0 {
		return s.Error.HTTPStatusCode
	}
	if s.Fault {
		return 500
	}
	return 400
}

// Parse decodes an api-2.json document (full or stripped) and links every
// shape reference. name is the service's model folder name.
func Parse(name string, data []byte) (*Service, error) {
	svc := &Service{Name: name}
	if err := json.Unmarshal(data, svc); err != nil {
		return nil, fmt.Errorf("model %s: %w", name, err)
	}
	if err := svc.Link(); err != nil {
		return nil, fmt.Errorf("model %s: %w", name, err)
	}
	return svc, nil
}

// Link resolves every ShapeRef to its Shape and fills derived fields.
func (svc *Service) Link() error {
	var link func(r *ShapeRef, where string) error
	link = func(r *ShapeRef, where string) error {
		if r == nil {
			return nil
		}
		s, ok := svc.Shapes[r.ShapeName]
		if !ok {
			return fmt.Errorf("%s refers to unknown shape %q", where, r.ShapeName)
		}
		r.Shape = s
		return nil
	}
	for name, s := range svc.Shapes {
		s.Name = name
		s.required = make(map[string]bool, len(s.Required))
		for _, r := range s.Required {
			s.required[r] = true
		}
		for m, ref := range s.Members {
			if err := link(ref, name+"."+m); err != nil {
				return err
			}
		}
		for _, ref := range []*ShapeRef{s.Member, s.Key, s.Value} {
			if err := link(ref, name); err != nil {
				return err
			}
		}
	}
	for name, op := range svc.Operations {
		if op.Name == "" {
			op.Name = name
		}
		if err := link(op.Input, name+" input"); err != nil {
			return err
		}
		if err := link(op.Output, name+" output"); err != nil {
			return err
		}
		for _, e := range op.Errors {
			if err := link(e, name+" errors"); err != nil {
				return err
			}
		}
	}
	return nil
}

// ErrorShape finds an exception shape by wire code or shape name.
func (svc *Service) ErrorShape(code string) *Shape {
	if s, ok := svc.Shapes[code]; ok && s.Exception {
		return s
	}
	for _, s := range svc.Shapes {
		if s.Exception && s.Error != nil && s.Error.Code == code {
			return s
		}
	}
	return nil
}

// OperationNames returns the service's operations, sorted.
func (svc *Service) OperationNames() []string {
	names := make([]string, 0, len(svc.Operations))
	for n := range svc.Operations {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}
