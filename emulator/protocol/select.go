package protocol

import (
	"mime"
	"net/http"

	"github.com/parity-harness/parity/emulator/model"
)

var codecs = map[string]Codec{
	"json":      JSON(),
	"query":     Query(),
	"ec2":       EC2(),
	"rest-json": RestJSON(),
	"rest-xml":  RestXML(),
}

// ByName returns the codec of a protocol name of the models, or nil.
func ByName(protocol string) Codec { return codecs[protocol] }

// ForRequest chooses the codec that reads a request to svc: the model's
// protocol, except that an awsQueryCompatible JSON service (SQS) answers in
// the query protocol a request that is a form post or a GET with Action.
func ForRequest(svc *model.Service, r *http.Request) Codec {
	if svc.Metadata.Protocol == "json" && svc.Metadata.AWSQueryCompatible != nil && isQueryRequest(r) {
		return codecs["query"]
	}
	if c := codecs[svc.Metadata.Protocol]; c != nil {
		return c
	}
	return codecs["json"]
}

// isQueryRequest reports whether a request carries a query-protocol form
// rather than a JSON document.
func isQueryRequest(r *http.Request) bool {
	if r.Header.Get("X-Amz-Target") != "" {
		return false
	}
	if r.URL.Query().Has("Action") {
		return true
	}
	if r.Method != http.MethodPost {
		return false
	}
	ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	return ct == "application/x-www-form-urlencoded"
}
