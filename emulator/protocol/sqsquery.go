package protocol

import (
	"encoding/json"
	"net/http"
	"strings"
	"sync"

	"github.com/parity-harness/parity/emulator/model"
)

// SQS moved from the query protocol to JSON; its model is JSON with the
// awsQueryCompatible trait, and it still answers the query protocol for old
// clients. The query wire names differ from the JSON model (flattened lists
// and maps under singular names such as Attribute.N.Name), so the query codec
// reads and writes SQS through a copy of the model with the legacy query
// traits applied. The traits below are facts of SQS's 2012-11-05 query API.

// queryCompatTraits is the legacy query serialisation of one service.
type queryCompatTraits struct {
	// Namespace is the XML namespace of query responses.
	Namespace string
	// Lists maps a list shape to its item element name; every list here is
	// flattened.
	Lists map[string]string
	// FlattenedLists are lists whose item name is set but which are only
	// flattened where a member reference says so.
	ItemNames map[string]string
	// Maps maps a flattened map shape to its key and value element names.
	Maps map[string][2]string
	// Members maps "Structure.Member" to its element name and whether the
	// reference is flattened.
	Members map[string]memberTrait
	// ErrorCodes maps an exception shape name (the JSON code) to its query
	// code.
	ErrorCodes map[string]string
	// URLMember is filled from the request URL when a query request is sent
	// to the resource's own URL without it (old SQS clients post to the
	// queue URL and leave QueueUrl out).
	URLMember string
	// ErrorDetail makes query error envelopes carry an empty <Detail/>
	// element after the message, except for the operations in
	// NoErrorDetail.
	ErrorDetail   bool
	NoErrorDetail map[string]bool
}

type memberTrait struct {
	LocationName string
	Flattened    bool
}

var sqsQueryTraits = queryCompatTraits{
	Namespace: "http://queue.amazonaws.com/doc/2012-11-05/",
	URLMember: "QueueUrl",
	// AWS answers SQS query errors with <Detail/>, but not those of the
	// delete and change-visibility batches (AWS recordings of
	// SendMessage, SendMessageBatch, ReceiveMessage, DeleteMessage,
	// PurgeQueue and SetQueueAttributes errors, and of DeleteMessageBatch
	// and ChangeMessageVisibilityBatch errors).
	ErrorDetail:   true,
	NoErrorDetail: map[string]bool{"DeleteMessageBatch": true, "ChangeMessageVisibilityBatch": true},
	Lists: map[string]string{
		"AWSAccountIdList":                             "AWSAccountId",
		"ActionNameList":                               "ActionName",
		"AttributeNameList":                            "AttributeName",
		"BatchResultErrorEntryList":                    "BatchResultErrorEntry",
		"ChangeMessageVisibilityBatchRequestEntryList": "ChangeMessageVisibilityBatchRequestEntry",
		"ChangeMessageVisibilityBatchResultEntryList":  "ChangeMessageVisibilityBatchResultEntry",
		"DeleteMessageBatchRequestEntryList":           "DeleteMessageBatchRequestEntry",
		"DeleteMessageBatchResultEntryList":            "DeleteMessageBatchResultEntry",
		"ListMessageMoveTasksResultEntryList":          "ListMessageMoveTasksResultEntry",
		"MessageAttributeNameList":                     "MessageAttributeName",
		"MessageList":                                  "Message",
		"MessageSystemAttributeList":                   "MessageSystemAttributeName",
		"QueueUrlList":                                 "QueueUrl",
		"SendMessageBatchRequestEntryList":             "SendMessageBatchRequestEntry",
		"SendMessageBatchResultEntryList":              "SendMessageBatchResultEntry",
		"TagKeyList":                                   "TagKey",
	},
	ItemNames: map[string]string{
		"BinaryList": "BinaryListValue",
		"StringList": "StringListValue",
	},
	Maps: map[string][2]string{
		"MessageBodyAttributeMap":       {"Name", "Value"},
		"MessageBodySystemAttributeMap": {"Name", "Value"},
		"MessageSystemAttributeMap":     {"Name", "Value"},
		"QueueAttributeMap":             {"Name", "Value"},
		"TagMap":                        {"Key", "Value"},
	},
	Members: map[string]memberTrait{
		"CreateQueueRequest.Attributes":                        {LocationName: "Attribute"},
		"CreateQueueRequest.tags":                              {LocationName: "Tag"},
		"GetQueueAttributesResult.Attributes":                  {LocationName: "Attribute"},
		"SetQueueAttributesRequest.Attributes":                 {LocationName: "Attribute"},
		"ListQueueTagsResult.Tags":                             {LocationName: "Tag"},
		"TagQueueRequest.Tags":                                 {LocationName: "Tag"},
		"Message.Attributes":                                   {LocationName: "Attribute"},
		"Message.MessageAttributes":                            {LocationName: "MessageAttribute"},
		"SendMessageRequest.MessageAttributes":                 {LocationName: "MessageAttribute"},
		"SendMessageRequest.MessageSystemAttributes":           {LocationName: "MessageSystemAttribute"},
		"SendMessageBatchRequestEntry.MessageAttributes":       {LocationName: "MessageAttribute"},
		"SendMessageBatchRequestEntry.MessageSystemAttributes": {LocationName: "MessageSystemAttribute"},
		"MessageAttributeValue.StringListValues":               {LocationName: "StringListValue", Flattened: true},
		"MessageAttributeValue.BinaryListValues":               {LocationName: "BinaryListValue", Flattened: true},
		"MessageSystemAttributeValue.StringListValues":         {LocationName: "StringListValue", Flattened: true},
		"MessageSystemAttributeValue.BinaryListValues":         {LocationName: "BinaryListValue", Flattened: true},
	},
	ErrorCodes: map[string]string{
		"QueueDoesNotExist":                 "AWS.SimpleQueueService.NonExistentQueue",
		"QueueNameExists":                   "QueueAlreadyExists",
		"QueueDeletedRecently":              "AWS.SimpleQueueService.QueueDeletedRecently",
		"PurgeQueueInProgress":              "AWS.SimpleQueueService.PurgeQueueInProgress",
		"BatchEntryIdsNotDistinct":          "AWS.SimpleQueueService.BatchEntryIdsNotDistinct",
		"BatchRequestTooLong":               "AWS.SimpleQueueService.BatchRequestTooLong",
		"EmptyBatchRequest":                 "AWS.SimpleQueueService.EmptyBatchRequest",
		"InvalidBatchEntryId":               "AWS.SimpleQueueService.InvalidBatchEntryId",
		"TooManyEntriesInBatchRequest":      "AWS.SimpleQueueService.TooManyEntriesInBatchRequest",
		"UnsupportedOperation":              "AWS.SimpleQueueService.UnsupportedOperation",
		"MessageNotInflight":                "AWS.SimpleQueueService.MessageNotInflight",
		"InvalidParameterValueException":    "InvalidParameterValue",
		"MissingRequiredParameterException": "MissingParameter",
		"KmsAccessDenied":                   "KMS.AccessDeniedException",
		"KmsDisabled":                       "KMS.DisabledException",
		"KmsInvalidKeyUsage":                "KMS.InvalidKeyUsageException",
		"KmsInvalidState":                   "KMS.InvalidStateException",
		"KmsNotFound":                       "KMS.NotFoundException",
		"KmsOptInRequired":                  "KMS.OptInRequired",
		"KmsThrottled":                      "KMS.ThrottlingException",
	},
}

// queryCompatTraitsByPrefix selects the traits of an awsQueryCompatible
// service by endpoint prefix.
var queryCompatTraitsByPrefix = map[string]*queryCompatTraits{
	"sqs": &sqsQueryTraits,
}

var queryModels sync.Map // *model.Service -> *model.Service

// queryModel returns the model the query codec reads and writes a service
// with: the service itself, or for an awsQueryCompatible service a copy with
// its legacy query traits.
func queryModel(svc *model.Service) *model.Service {
	if svc.Metadata.AWSQueryCompatible == nil {
		return svc
	}
	traits := queryCompatTraitsByPrefix[svc.Metadata.EndpointPrefix]
	if traits == nil {
		return svc
	}
	if m, ok := queryModels.Load(svc); ok {
		return m.(*model.Service)
	}
	m, err := applyQueryTraits(svc, traits)
	if err != nil {
		return svc
	}
	actual, _ := queryModels.LoadOrStore(svc, m)
	return actual.(*model.Service)
}

// queryOperation maps an operation of svc to the same operation of its query
// model.
func queryOperation(svc *model.Service, op *model.Operation) *model.Operation {
	qsvc := queryModel(svc)
	if qsvc == svc {
		return op
	}
	if qop, ok := qsvc.Operations[op.Name]; ok {
		return qop
	}
	return op
}

// applyQueryTraits copies a model and applies the legacy query traits.
func applyQueryTraits(svc *model.Service, t *queryCompatTraits) (*model.Service, error) {
	raw, err := json.Marshal(svc)
	if err != nil {
		return nil, err
	}
	m, err := model.Parse(svc.Name, raw)
	if err != nil {
		return nil, err
	}
	m.Metadata.Protocol = "query"
	m.Metadata.XMLNamespace = t.Namespace
	for name, item := range t.Lists {
		if s := m.Shapes[name]; s != nil && s.Member != nil {
			s.Flattened = true
			s.Member.LocationName = item
		}
	}
	for name, item := range t.ItemNames {
		if s := m.Shapes[name]; s != nil && s.Member != nil {
			s.Member.LocationName = item
		}
	}
	for name, kv := range t.Maps {
		if s := m.Shapes[name]; s != nil && s.Key != nil {
			s.Flattened = true
			s.Key.LocationName = kv[0]
			s.Value.LocationName = kv[1]
		}
	}
	for path, tr := range t.Members {
		shape, member := splitMemberPath(path)
		if s := m.Shapes[shape]; s != nil {
			if ref := s.Members[member]; ref != nil {
				ref.LocationName = tr.LocationName
				ref.Flattened = tr.Flattened
			}
		}
	}
	return m, nil
}

func splitMemberPath(p string) (string, string) {
	for i := 0; i < len(p); i++ {
		if p[i] == '.' {
			return p[:i], p[i+1:]
		}
	}
	return p, ""
}

// queryCompatibleCodes returns the JSON and query codes of an error of an
// awsQueryCompatible service. A handler may name the error by either code.
func queryCompatibleCodes(svc *model.Service, code, queryCode string) (string, string) {
	t := queryCompatTraitsByPrefix[svc.Metadata.EndpointPrefix]
	if t == nil {
		return code, queryCode
	}
	if q, ok := t.ErrorCodes[code]; ok {
		if queryCode == "" {
			queryCode = q
		}
		return code, queryCode
	}
	for jsonCode, q := range t.ErrorCodes {
		if q == code {
			if queryCode == "" {
				queryCode = code
			}
			return jsonCode, queryCode
		}
	}
	return code, queryCode
}

// fillURLMember sets the traits' URL member from the request URL when the
// request is sent to a resource path ("/<account>/<queue>") and lacks it.
func fillURLMember(r *http.Request, svc *model.Service, op *model.Operation, in map[string]any) {
	if svc.Metadata.AWSQueryCompatible == nil || op.Input == nil {
		return
	}
	t := queryCompatTraitsByPrefix[svc.Metadata.EndpointPrefix]
	if t == nil || t.URLMember == "" || op.Input.Shape.Members[t.URLMember] == nil {
		return
	}
	if _, ok := in[t.URLMember]; ok || strings.Count(strings.Trim(r.URL.Path, "/"), "/") != 1 {
		return
	}
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	in[t.URLMember] = scheme + "://" + r.Host + r.URL.Path
}

// queryErrorDetail reports whether a query error envelope of the operation
// (nil when the request named none) carries an empty <Detail/>.
func queryErrorDetail(svc *model.Service, op *model.Operation) bool {
	if svc == nil || svc.Metadata.AWSQueryCompatible == nil {
		return false
	}
	t := queryCompatTraitsByPrefix[svc.Metadata.EndpointPrefix]
	if t == nil || !t.ErrorDetail {
		return false
	}
	return op == nil || !t.NoErrorDetail[op.Name]
}
