package protocol

import (
	"net/http"

	"github.com/parity-harness/parity/emulator/awserr"
	"github.com/parity-harness/parity/emulator/model"
)

// wireError is an *awserr.Error resolved against the model: the codes for
// each envelope, the status and the exception shape (nil when unmodeled).
type wireError struct {
	Code      string // JSON and REST code
	QueryCode string // code in query envelopes and x-amzn-query-error
	Status    int
	Shape     *model.Shape
	Message   string
	Fields    map[string]any
	Headers   map[string]string
}

// Fault is "Sender" for client errors and "Receiver" for server errors.
func (w wireError) Fault() string {
	if w.Status >= 500 {
		return "Receiver"
	}
	return "Sender"
}

func resolveError(svc *model.Service, err *awserr.Error) wireError {
	w := wireError{Code: err.Code, QueryCode: err.QueryCode, Message: err.Message, Fields: err.Fields, Headers: err.Headers}
	if svc != nil && svc.Metadata.AWSQueryCompatible != nil {
		w.Code, w.QueryCode = queryCompatibleCodes(svc, err.Code, err.QueryCode)
	}
	if w.QueryCode == "" {
		w.QueryCode = w.Code
	}
	if svc != nil {
		w.Shape = svc.ErrorShape(w.Code)
	}
	w.Status = err.Status
	if w.Status == 0 && w.Shape != nil {
		w.Status = w.Shape.ErrorStatus()
	}
	if w.Status == 0 {
		w.Status = http.StatusBadRequest
	}
	return w
}

// setHeaders copies the error's extra headers.
func (w wireError) setHeaders(h http.Header) {
	for k, v := range w.Headers {
		h.Set(k, v)
	}
}
