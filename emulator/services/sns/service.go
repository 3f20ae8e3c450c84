// Package sns emulates Amazon Simple Notification Service: standard and
// FIFO topics, subscriptions with confirmation, filter policies, publishing
// with delivery to SQS in AWS's notification envelope, tags, permissions,
// data protection policies, and the mobile-push and SMS operations (state
// only, nothing is sent).
package sns

import (
	"log/slog"
	"sort"
	"strings"
	"sync"

	"github.com/parity-harness/parity/emulator/service"
	"github.com/parity-harness/parity/emulator/state"
)

// Service is the SNS emulator.
type Service struct {
	regions *state.Partitioned[region]
	signer  *signer
	http    *httpPoster
	log     *slog.Logger
}

// region holds the SNS resources of one account and region. Its lock guards
// the maps; topics carry their own lock for per-topic state.
type region struct {
	mu     sync.RWMutex
	topics map[string]*topic
	subs   map[string]*subscription
	tokens map[string]string // confirmation token -> subscription ARN
	// unsubscribed keeps deleted HTTP subscriptions whose
	// UnsubscribeConfirmation token may still restore them.
	unsubscribed map[string]*subscription
	apps         map[string]*platformApp
	endpoints    map[string]*platformEndpoint
	sms          map[string]string
	optedOut     map[string]bool
	sandbox      map[string]string // phone number -> status
}

// New returns an empty SNS service.
func New() *Service {
	return &Service{
		regions: state.NewPartitioned(func(state.Key) *region {
			return &region{
				topics: map[string]*topic{}, subs: map[string]*subscription{}, tokens: map[string]string{}, unsubscribed: map[string]*subscription{},
				apps: map[string]*platformApp{}, endpoints: map[string]*platformEndpoint{},
				sms: map[string]string{"MonthlySpendLimit": "1"}, optedOut: map[string]bool{}, sandbox: map[string]string{},
			}
		}),
		signer: newSigner(),
		http:   newHTTPPoster(),
		log:    slog.New(slog.DiscardHandler),
	}
}

// Close implements service.Closer: it stops the retries of HTTP deliveries
// and waits for the posts in flight.
func (s *Service) Close() error {
	s.http.close()
	return nil
}

// Model implements service.Service.
func (s *Service) Model() string { return "sns" }

// Handlers implements service.Service.
func (s *Service) Handlers() map[string]service.Handler {
	return map[string]service.Handler{
		"CreateTopic":                        service.Typed(s.createTopic),
		"DeleteTopic":                        service.Typed(s.deleteTopic),
		"GetTopicAttributes":                 service.Typed(s.getTopicAttributes),
		"SetTopicAttributes":                 service.Typed(s.setTopicAttributes),
		"ListTopics":                         service.Typed(s.listTopics),
		"AddPermission":                      service.Typed(s.addPermission),
		"RemovePermission":                   service.Typed(s.removePermission),
		"TagResource":                        service.Typed(s.tagResource),
		"UntagResource":                      service.Typed(s.untagResource),
		"ListTagsForResource":                service.Typed(s.listTagsForResource),
		"GetDataProtectionPolicy":            service.Typed(s.getDataProtectionPolicy),
		"PutDataProtectionPolicy":            service.Typed(s.putDataProtectionPolicy),
		"Subscribe":                          service.Typed(s.subscribe),
		"Unsubscribe":                        service.Typed(s.unsubscribe),
		"ConfirmSubscription":                service.Typed(s.confirmSubscription),
		"GetSubscriptionAttributes":          service.Typed(s.getSubscriptionAttributes),
		"SetSubscriptionAttributes":          service.Typed(s.setSubscriptionAttributes),
		"ListSubscriptions":                  service.Typed(s.listSubscriptions),
		"ListSubscriptionsByTopic":           service.Typed(s.listSubscriptionsByTopic),
		"Publish":                            service.Typed(s.publish),
		"PublishBatch":                       service.Typed(s.publishBatch),
		"CreatePlatformApplication":          service.Typed(s.createPlatformApplication),
		"DeletePlatformApplication":          service.Typed(s.deletePlatformApplication),
		"GetPlatformApplicationAttributes":   service.Typed(s.getPlatformApplicationAttributes),
		"SetPlatformApplicationAttributes":   service.Typed(s.setPlatformApplicationAttributes),
		"ListPlatformApplications":           service.Typed(s.listPlatformApplications),
		"CreatePlatformEndpoint":             service.Typed(s.createPlatformEndpoint),
		"DeleteEndpoint":                     service.Typed(s.deleteEndpoint),
		"GetEndpointAttributes":              service.Typed(s.getEndpointAttributes),
		"SetEndpointAttributes":              service.Typed(s.setEndpointAttributes),
		"ListEndpointsByPlatformApplication": service.Typed(s.listEndpointsByPlatformApplication),
		"GetSMSAttributes":                   service.Typed(s.getSMSAttributes),
		"SetSMSAttributes":                   service.Typed(s.setSMSAttributes),
		"CheckIfPhoneNumberIsOptedOut":       service.Typed(s.checkIfPhoneNumberIsOptedOut),
		"ListPhoneNumbersOptedOut":           service.Typed(s.listPhoneNumbersOptedOut),
		"OptInPhoneNumber":                   service.Typed(s.optInPhoneNumber),
		"GetSMSSandboxAccountStatus":         service.Typed(s.getSMSSandboxAccountStatus),
		"CreateSMSSandboxPhoneNumber":        service.Typed(s.createSMSSandboxPhoneNumber),
		"DeleteSMSSandboxPhoneNumber":        service.Typed(s.deleteSMSSandboxPhoneNumber),
		"VerifySMSSandboxPhoneNumber":        service.Typed(s.verifySMSSandboxPhoneNumber),
		"ListSMSSandboxPhoneNumbers":         service.Typed(s.listSMSSandboxPhoneNumbers),
		"ListOriginationNumbers":             service.Typed(s.listOriginationNumbers),
	}
}

func account(ctx *service.Context) string {
	if ctx.Account == "" {
		return service.DefaultAccount
	}
	return ctx.Account
}

func regionName(ctx *service.Context) string {
	if ctx.Region == "" {
		return service.DefaultRegion
	}
	return ctx.Region
}

func (s *Service) region(ctx *service.Context) *region {
	return s.regions.Get(account(ctx), regionName(ctx))
}

// regionOf returns the state an ARN lives in, or nil when the ARN is not an
// SNS ARN.
func (s *Service) regionOf(arn string) *region {
	a, ok := service.ParseARN(arn)
	if !ok || a.Service != "sns" {
		return nil
	}
	return s.regions.Get(a.Account, a.Region)
}

// callerPrincipal is the SubscriptionPrincipal of a subscription.
func callerPrincipal(ctx *service.Context) string {
	if ctx.Caller != "" {
		return ctx.Caller
	}
	return "arn:" + service.Partition(regionName(ctx)) + ":iam::" + account(ctx) + ":root"
}

// page returns a page of sorted keys starting at token (an offset token) and
// the next token.
func page(keys []string, token string, size int) ([]string, string, error) {
	sort.Strings(keys)
	offset := 0
	if token != "" {
		n, err := service.ParsePageToken(token, "InvalidParameter")
		if err != nil {
			return nil, "", errInvalidParameter("Invalid parameter: NextToken")
		}
		offset = n
	}
	out, next := service.Page(keys, offset, size)
	return out, next, nil
}

func lowerBool(v string) (string, bool) {
	switch strings.ToLower(v) {
	case "true":
		return "true", true
	case "false":
		return "false", true
	}
	return "", false
}
