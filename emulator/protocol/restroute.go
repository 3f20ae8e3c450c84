package protocol

import (
	"net/http"
	"sort"
	"sync"

	"github.com/parity-harness/parity/emulator/awserr"
	"github.com/parity-harness/parity/emulator/model"
)

// restRoute is an operation's compiled HTTP binding.
type restRoute struct {
	op       *model.Operation
	method   string
	template uriTemplate
	// requiredQuery and requiredHeaders are the wire names of required
	// input members bound to the query string and headers: an operation
	// that requires ?uploadId is not PutObject's twin.
	requiredQuery   []string
	requiredHeaders []string
}

var restRoutes sync.Map // *model.Service -> []restRoute

func routesOf(svc *model.Service) []restRoute {
	if v, ok := restRoutes.Load(svc); ok {
		return v.([]restRoute)
	}
	routes := make([]restRoute, 0, len(svc.Operations))
	for _, name := range svc.OperationNames() {
		op := svc.Operations[name]
		uri := op.HTTP.RequestURI
		if uri == "" {
			uri = "/"
		}
		method := op.HTTP.Method
		if method == "" {
			method = http.MethodPost
		}
		rt := restRoute{op: op, method: method, template: parseURITemplate(uri)}
		if op.Input != nil {
			in := op.Input.Shape
			for _, m := range in.OrderedMembers() {
				ref := in.Members[m]
				if !in.IsRequired(m) {
					continue
				}
				switch ref.Location {
				case "querystring":
					rt.requiredQuery = append(rt.requiredQuery, wireName(m, ref))
				case "header":
					rt.requiredHeaders = append(rt.requiredHeaders, wireName(m, ref))
				}
			}
		}
		routes = append(routes, rt)
	}
	v, _ := restRoutes.LoadOrStore(svc, routes)
	return v.([]restRoute)
}

func wireName(name string, ref *model.ShapeRef) string {
	if ref.LocationName != "" {
		return ref.LocationName
	}
	return name
}

// routeMatch is a matched route with the label values of the path.
type routeMatch struct {
	route  *restRoute
	labels map[string]string
	// satisfied reports whether the request carries every required query
	// parameter and header of the operation.
	satisfied bool
	score     int
}

// matchRoute finds the operation of a REST request: among the operations
// whose method and URI template match, the one whose required query
// parameters and headers are present, most specific first.
func matchRoute(r *http.Request, svc *model.Service) (*routeMatch, error) {
	query := r.URL.Query()
	parts := splitPath(r.URL.EscapedPath())
	var matches []routeMatch
	routes := routesOf(svc)
	for i := range routes {
		rt := &routes[i]
		if rt.method != r.Method {
			continue
		}
		labels, ok := rt.template.matchParts(parts, query)
		if !ok {
			continue
		}
		m := routeMatch{route: rt, labels: labels, satisfied: true}
		for _, q := range rt.requiredQuery {
			if !query.Has(q) {
				m.satisfied = false
			}
		}
		for _, h := range rt.requiredHeaders {
			if r.Header.Get(h) == "" {
				m.satisfied = false
			}
		}
		m.score = 4*len(rt.template.query) + 2*(len(rt.requiredQuery)+len(rt.requiredHeaders)) + literalSegments(rt.template)
		if rt.op.Deprecated {
			m.score--
		}
		matches = append(matches, m)
	}
	if len(matches) == 0 {
		return nil, noRoute(svc, r)
	}
	sort.SliceStable(matches, func(i, j int) bool {
		a, b := matches[i], matches[j]
		if a.satisfied != b.satisfied {
			return a.satisfied
		}
		return a.score > b.score
	})
	return &matches[0], nil
}

func literalSegments(t uriTemplate) int {
	n := 0
	for _, s := range t.segments {
		if s.label == "" && s.literal != "" {
			n++
		}
	}
	return n
}

func noRoute(svc *model.Service, r *http.Request) *awserr.Error {
	if svc.Metadata.Protocol == "rest-xml" {
		return awserr.New("MethodNotAllowed", 405, "The specified method is not allowed against this resource.")
	}
	return awserr.Newf("UnknownOperationException", 404, "No operation of %s matches %s %s.", svc.Metadata.ServiceID, r.Method, r.URL.Path)
}
