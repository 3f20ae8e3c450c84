package sns

import (
	"regexp"
	"strings"

	"github.com/parity-harness/parity/emulator/awserr"
	"github.com/parity-harness/parity/emulator/service"
)

// platformApp is a mobile push platform application.
type platformApp struct {
	arn, name, platform string
	attrs               map[string]string
}

// platformEndpoint is a device endpoint of a platform application.
type platformEndpoint struct {
	arn, app string
	attrs    map[string]string
}

var platforms = map[string]bool{
	"ADM": true, "APNS": true, "APNS_SANDBOX": true, "APNS_VOIP": true, "APNS_VOIP_SANDBOX": true,
	"BAIDU": true, "GCM": true, "MACOS": true, "MACOS_SANDBOX": true, "MPNS": true, "WNS": true,
}

var appName = regexp.MustCompile(`^[A-Za-z0-9_.-]+$`)

// hiddenAppAttributes are accepted but never returned.
var hiddenAppAttributes = map[string]bool{"PlatformCredential": true, "PlatformPrincipal": true}

type createPlatformApplicationInput struct {
	Name       string            `json:"Name"`
	Platform   string            `json:"Platform"`
	Attributes map[string]string `json:"Attributes"`
}

type platformApplicationARN struct {
	PlatformApplicationArn string `json:"PlatformApplicationArn"`
}

func (s *Service) createPlatformApplication(ctx *service.Context, in *createPlatformApplicationInput) (*platformApplicationARN, error) {
	if len(in.Attributes) == 0 {
		return nil, errNullMember("attributes")
	}
	switch {
	case len(in.Name) > 256:
		return nil, errInvalidParameter("Invalid parameter: %s Reason: must be at most 256 characters long", in.Name)
	case !appName.MatchString(in.Name):
		return nil, errInvalidParameter("Invalid parameter: @name Reason: must contain only characters 'a'-'z', 'A'-'Z', '0'-'9', '_', '-', and '.'")
	case !platforms[in.Platform]:
		return nil, errInvalidParameter("Invalid parameter: Platform Reason: %s is not supported", in.Platform)
	}
	if err := checkPlatformCredentials(in.Attributes); err != nil {
		return nil, err
	}
	arn := service.ARN("sns", regionName(ctx), account(ctx), "app/"+in.Platform+"/"+in.Name)
	r := s.region(ctx)
	r.mu.Lock()
	defer r.mu.Unlock()
	app := r.apps[arn]
	if app == nil {
		app = &platformApp{arn: arn, name: in.Name, platform: in.Platform, attrs: map[string]string{"Enabled": "true"}}
		r.apps[arn] = app
	}
	for k, v := range in.Attributes {
		app.attrs[k] = v
	}
	return &platformApplicationARN{PlatformApplicationArn: arn}, nil
}

// checkPlatformCredentials refuses a PlatformPrincipal that comes without
// its PlatformCredential.
func checkPlatformCredentials(attrs map[string]string) error {
	if _, ok := attrs["PlatformPrincipal"]; ok && attrs["PlatformCredential"] == "" {
		return errInvalidParameter("Invalid parameter: Attributes Reason: PlatformPrincipal attribute provided without PlatformCredential")
	}
	return nil
}

func (app *platformApp) visibleAttributes() map[string]string {
	out := map[string]string{}
	for k, v := range app.attrs {
		if !hiddenAppAttributes[k] {
			out[k] = v
		}
	}
	return out
}

// lookupApp validates a platform application ARN and finds the app.
func (s *Service) lookupApp(arn string) (*region, *platformApp, error) {
	if err := checkARN("PlatformApplicationArn", arn); err != nil {
		return nil, nil, err
	}
	r := s.regionOf(arn)
	if r == nil {
		return nil, nil, errNotFound("PlatformApplication does not exist")
	}
	r.mu.RLock()
	app := r.apps[arn]
	r.mu.RUnlock()
	if app == nil {
		return nil, nil, errNotFound("PlatformApplication does not exist")
	}
	return r, app, nil
}

type platformApplicationInput struct {
	PlatformApplicationArn string `json:"PlatformApplicationArn"`
}

func (s *Service) deletePlatformApplication(ctx *service.Context, in *platformApplicationInput) (*struct{}, error) {
	if err := checkARN("PlatformApplicationArn", in.PlatformApplicationArn); err != nil {
		return nil, err
	}
	r := s.regionOf(in.PlatformApplicationArn)
	if r == nil {
		return nil, nil
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	delete(r.apps, in.PlatformApplicationArn)
	for arn, ep := range r.endpoints {
		if ep.app == in.PlatformApplicationArn {
			delete(r.endpoints, arn)
		}
	}
	return nil, nil
}

func (s *Service) getPlatformApplicationAttributes(ctx *service.Context, in *platformApplicationInput) (*attributesOutput, error) {
	r, app, err := s.lookupApp(in.PlatformApplicationArn)
	if err != nil {
		return nil, err
	}
	r.mu.RLock()
	defer r.mu.RUnlock()
	return &attributesOutput{Attributes: app.visibleAttributes()}, nil
}

type setPlatformApplicationAttributesInput struct {
	PlatformApplicationArn string            `json:"PlatformApplicationArn"`
	Attributes             map[string]string `json:"Attributes"`
}

func (s *Service) setPlatformApplicationAttributes(ctx *service.Context, in *setPlatformApplicationAttributesInput) (*struct{}, error) {
	if len(in.Attributes) == 0 {
		return nil, errNullMember("attributes")
	}
	r, app, err := s.lookupApp(in.PlatformApplicationArn)
	if err != nil {
		return nil, err
	}
	if err := checkPlatformCredentials(in.Attributes); err != nil {
		return nil, err
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	for k, v := range in.Attributes {
		app.attrs[k] = v
	}
	return nil, nil
}

type nextTokenInput struct {
	NextToken string `json:"NextToken"`
}

type platformApplicationEntry struct {
	PlatformApplicationArn string            `json:"PlatformApplicationArn"`
	Attributes             map[string]string `json:"Attributes"`
}

type listPlatformApplicationsOutput struct {
	PlatformApplications []platformApplicationEntry `json:"PlatformApplications"`
	NextToken            string                     `json:"NextToken,omitempty"`
}

func (s *Service) listPlatformApplications(ctx *service.Context, in *nextTokenInput) (*listPlatformApplicationsOutput, error) {
	r := s.region(ctx)
	r.mu.RLock()
	defer r.mu.RUnlock()
	keys := make([]string, 0, len(r.apps))
	for k := range r.apps {
		keys = append(keys, k)
	}
	arns, next, err := page(keys, in.NextToken, 100)
	if err != nil {
		return nil, err
	}
	out := &listPlatformApplicationsOutput{PlatformApplications: []platformApplicationEntry{}, NextToken: next}
	for _, a := range arns {
		out.PlatformApplications = append(out.PlatformApplications, platformApplicationEntry{PlatformApplicationArn: a, Attributes: r.apps[a].visibleAttributes()})
	}
	return out, nil
}

var endpointAttributes = map[string]bool{"CustomUserData": true, "Enabled": true, "Token": true}

func validateEndpointAttributes(attrs map[string]string) *awserr.Error {
	for k, v := range attrs {
		if !endpointAttributes[k] {
			return errInvalidParameter("Invalid parameter: Attributes Reason: Invalid attribute name: %s", k)
		}
		if k == "CustomUserData" && len(v) > 2048 {
			return errInvalidParameter("Invalid parameter: Attributes Reason: Invalid value for attribute: CustomUserData: must be at most 2048 bytes long in UTF-8 encoding")
		}
	}
	return nil
}

type createPlatformEndpointInput struct {
	PlatformApplicationArn string            `json:"PlatformApplicationArn"`
	Token                  string            `json:"Token"`
	CustomUserData         *string           `json:"CustomUserData"`
	Attributes             map[string]string `json:"Attributes"`
}

type endpointARNOutput struct {
	EndpointArn string `json:"EndpointArn"`
}

func (s *Service) createPlatformEndpoint(ctx *service.Context, in *createPlatformEndpointInput) (*endpointARNOutput, error) {
	r, app, err := s.lookupApp(in.PlatformApplicationArn)
	if err != nil {
		return nil, err
	}
	if verr := validateEndpointAttributes(in.Attributes); verr != nil {
		return nil, verr
	}
	if in.Token == "" {
		return nil, errInvalidParameter("Invalid parameter: Token Reason: must not be empty")
	}
	attrs := map[string]string{"Enabled": "true", "Token": in.Token}
	for k, v := range in.Attributes {
		attrs[k] = v
	}
	// the CustomUserData parameter wins over the attribute of that name
	if in.CustomUserData != nil {
		attrs["CustomUserData"] = *in.CustomUserData
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, ep := range r.endpoints {
		if ep.app == app.arn && ep.attrs["Token"] == in.Token {
			if !sameEndpointAttributes(ep.attrs, in) {
				return nil, errInvalidParameter("Invalid parameter: Token Reason: Endpoint %s already exists with the same Token, but different attributes.", ep.arn)
			}
			return &endpointARNOutput{EndpointArn: ep.arn}, nil
		}
	}
	a, _ := service.ParseARN(app.arn)
	arn := service.ARN("sns", a.Region, a.Account, "endpoint/"+app.platform+"/"+app.name+"/"+service.UUID())
	r.endpoints[arn] = &platformEndpoint{arn: arn, app: app.arn, attrs: attrs}
	return &endpointARNOutput{EndpointArn: arn}, nil
}

// sameEndpointAttributes reports whether a CreatePlatformEndpoint request
// for an existing endpoint's token asks for nothing else than the endpoint
// has: the call is then idempotent.
func sameEndpointAttributes(have map[string]string, in *createPlatformEndpointInput) bool {
	want := copyMap(in.Attributes)
	if in.CustomUserData != nil {
		want["CustomUserData"] = *in.CustomUserData
	}
	for k, v := range want {
		if have[k] != v {
			return false
		}
	}
	return true
}

type endpointInput struct {
	EndpointArn string `json:"EndpointArn"`
}

func (s *Service) lookupEndpoint(arn string) (*region, *platformEndpoint, error) {
	if err := checkARN("EndpointArn", arn); err != nil {
		return nil, nil, err
	}
	r := s.regionOf(arn)
	if r == nil {
		return nil, nil, errNotFound("Endpoint does not exist")
	}
	r.mu.RLock()
	ep := r.endpoints[arn]
	r.mu.RUnlock()
	if ep == nil {
		return nil, nil, errNotFound("Endpoint does not exist")
	}
	return r, ep, nil
}

func (s *Service) deleteEndpoint(ctx *service.Context, in *endpointInput) (*struct{}, error) {
	if err := checkARN("EndpointArn", in.EndpointArn); err != nil {
		return nil, err
	}
	if r := s.regionOf(in.EndpointArn); r != nil {
		r.mu.Lock()
		delete(r.endpoints, in.EndpointArn)
		r.mu.Unlock()
	}
	return nil, nil
}

func copyMap(m map[string]string) map[string]string {
	out := make(map[string]string, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

func (s *Service) getEndpointAttributes(ctx *service.Context, in *endpointInput) (*attributesOutput, error) {
	r, ep, err := s.lookupEndpoint(in.EndpointArn)
	if err != nil {
		return nil, err
	}
	r.mu.RLock()
	defer r.mu.RUnlock()
	return &attributesOutput{Attributes: copyMap(ep.attrs)}, nil
}

type setEndpointAttributesInput struct {
	EndpointArn string            `json:"EndpointArn"`
	Attributes  map[string]string `json:"Attributes"`
}

func (s *Service) setEndpointAttributes(ctx *service.Context, in *setEndpointAttributesInput) (*struct{}, error) {
	if len(in.Attributes) == 0 {
		return nil, errNullMember("attributes")
	}
	if verr := validateEndpointAttributes(in.Attributes); verr != nil {
		return nil, verr
	}
	r, ep, err := s.lookupEndpoint(in.EndpointArn)
	if err != nil {
		return nil, err
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	for k, v := range in.Attributes {
		ep.attrs[k] = v
	}
	return nil, nil
}

type listEndpointsInput struct {
	PlatformApplicationArn string `json:"PlatformApplicationArn"`
	NextToken              string `json:"NextToken"`
}

type endpointEntry struct {
	EndpointArn string            `json:"EndpointArn"`
	Attributes  map[string]string `json:"Attributes"`
}

type listEndpointsOutput struct {
	Endpoints []endpointEntry `json:"Endpoints"`
	NextToken string          `json:"NextToken,omitempty"`
}

func (s *Service) listEndpointsByPlatformApplication(ctx *service.Context, in *listEndpointsInput) (*listEndpointsOutput, error) {
	r, app, err := s.lookupApp(in.PlatformApplicationArn)
	if err != nil {
		return nil, err
	}
	r.mu.RLock()
	defer r.mu.RUnlock()
	var keys []string
	for arn, ep := range r.endpoints {
		if ep.app == app.arn {
			keys = append(keys, arn)
		}
	}
	arns, next, perr := page(keys, in.NextToken, 100)
	if perr != nil {
		return nil, perr
	}
	out := &listEndpointsOutput{Endpoints: []endpointEntry{}, NextToken: next}
	for _, a := range arns {
		out.Endpoints = append(out.Endpoints, endpointEntry{EndpointArn: a, Attributes: copyMap(r.endpoints[a].attrs)})
	}
	return out, nil
}

// publishToEndpoint publishes to a mobile endpoint: validated and recorded,
// not sent.
func (s *Service) publishToEndpoint(ctx *service.Context, in *publishInput) (*publishOutput, error) {
	if err := checkARN("TargetArn", in.TargetArn); err != nil {
		return nil, err
	}
	r := s.regionOf(in.TargetArn)
	var ep *platformEndpoint
	if r != nil {
		r.mu.RLock()
		ep = r.endpoints[in.TargetArn]
		r.mu.RUnlock()
	}
	if ep == nil {
		return nil, errInvalidParameter("Invalid parameter: TargetArn Reason: No endpoint found for the target arn specified")
	}
	if err := validateEntry(&in.publishEntry, nil, "messageAttributes"); err != nil {
		return nil, err
	}
	r.mu.RLock()
	enabled := ep.attrs["Enabled"]
	r.mu.RUnlock()
	if strings.EqualFold(enabled, "false") {
		return nil, awserr.New("EndpointDisabled", 400, "Endpoint is disabled")
	}
	return &publishOutput{MessageId: service.UUID()}, nil
}

// SMS settings and phone numbers.

var smsAttributes = map[string]bool{
	"MonthlySpendLimit": true, "DeliveryStatusIAMRole": true, "DeliveryStatusSuccessSamplingRate": true,
	"DefaultSenderID": true, "DefaultSMSType": true, "UsageReportS3Bucket": true,
}

var senderID = regexp.MustCompile(`^[A-Za-z0-9]{1,11}$`)

type smsAttributesInput struct {
	Attributes []string `json:"attributes"`
}

type smsAttributesOutput struct {
	Attributes map[string]string `json:"attributes"`
}

func (s *Service) getSMSAttributes(ctx *service.Context, in *smsAttributesInput) (*smsAttributesOutput, error) {
	r := s.region(ctx)
	r.mu.RLock()
	defer r.mu.RUnlock()
	out := map[string]string{}
	for k, v := range r.sms {
		if len(in.Attributes) == 0 || contains(in.Attributes, k) {
			out[k] = v
		}
	}
	return &smsAttributesOutput{Attributes: out}, nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

type setSMSAttributesInput struct {
	Attributes map[string]string `json:"attributes"`
}

func (s *Service) setSMSAttributes(ctx *service.Context, in *setSMSAttributesInput) (*struct{}, error) {
	if in.Attributes == nil {
		return nil, errNullMember("attributes")
	}
	for k, v := range in.Attributes {
		switch {
		case !smsAttributes[k]:
			return nil, errInvalidParameter("%s is not a valid attribute", k)
		case k == "DefaultSMSType" && v != "Promotional" && v != "Transactional":
			return nil, errInvalidParameter("DefaultSMSType is invalid")
		case k == "DefaultSenderID" && (!senderID.MatchString(v) || !strings.ContainsAny(strings.ToLower(v), "abcdefghijklmnopqrstuvwxyz")):
			return nil, errInvalidParameter("DefaultSendID is not a valid attribute")
		}
	}
	r := s.region(ctx)
	r.mu.Lock()
	defer r.mu.Unlock()
	for k, v := range in.Attributes {
		r.sms[k] = v
	}
	return nil, nil
}

type phoneNumberInput struct {
	PhoneNumber string `json:"phoneNumber"`
}

type optedOutOutput struct {
	IsOptedOut bool `json:"isOptedOut"`
}

func checkPhoneNumber(n string) error {
	if !phoneNumber.MatchString(n) {
		return errInvalidParameter("Invalid parameter: PhoneNumber Reason: input incorrectly formatted")
	}
	return nil
}

func (s *Service) checkIfPhoneNumberIsOptedOut(ctx *service.Context, in *phoneNumberInput) (*optedOutOutput, error) {
	if err := checkPhoneNumber(in.PhoneNumber); err != nil {
		return nil, err
	}
	r := s.region(ctx)
	r.mu.RLock()
	defer r.mu.RUnlock()
	return &optedOutOutput{IsOptedOut: r.optedOut[in.PhoneNumber]}, nil
}

type optedOutListInput struct {
	NextToken string `json:"nextToken"`
}

type optedOutListOutput struct {
	PhoneNumbers []string `json:"phoneNumbers"`
	NextToken    string   `json:"nextToken,omitempty"`
}

func (s *Service) listPhoneNumbersOptedOut(ctx *service.Context, in *optedOutListInput) (*optedOutListOutput, error) {
	r := s.region(ctx)
	r.mu.RLock()
	keys := make([]string, 0, len(r.optedOut))
	for k, v := range r.optedOut {
		if v {
			keys = append(keys, k)
		}
	}
	r.mu.RUnlock()
	nums, next, err := page(keys, in.NextToken, 100)
	if err != nil {
		return nil, err
	}
	if nums == nil {
		nums = []string{}
	}
	return &optedOutListOutput{PhoneNumbers: nums, NextToken: next}, nil
}

func (s *Service) optInPhoneNumber(ctx *service.Context, in *phoneNumberInput) (*struct{}, error) {
	if err := checkPhoneNumber(in.PhoneNumber); err != nil {
		return nil, err
	}
	r := s.region(ctx)
	r.mu.Lock()
	defer r.mu.Unlock()
	delete(r.optedOut, in.PhoneNumber)
	return nil, nil
}

type sandboxStatusOutput struct {
	IsInSandbox bool `json:"IsInSandbox"`
}

func (s *Service) getSMSSandboxAccountStatus(ctx *service.Context, in *struct{}) (*sandboxStatusOutput, error) {
	return &sandboxStatusOutput{IsInSandbox: true}, nil
}

type sandboxNumberInput struct {
	PhoneNumber     string `json:"PhoneNumber"`
	LanguageCode    string `json:"LanguageCode"`
	OneTimePassword string `json:"OneTimePassword"`
}

func (s *Service) createSMSSandboxPhoneNumber(ctx *service.Context, in *sandboxNumberInput) (*struct{}, error) {
	if err := checkPhoneNumber(in.PhoneNumber); err != nil {
		return nil, err
	}
	r := s.region(ctx)
	r.mu.Lock()
	defer r.mu.Unlock()
	if _, ok := r.sandbox[in.PhoneNumber]; !ok {
		r.sandbox[in.PhoneNumber] = "Pending"
	}
	return nil, nil
}

func (s *Service) deleteSMSSandboxPhoneNumber(ctx *service.Context, in *sandboxNumberInput) (*struct{}, error) {
	r := s.region(ctx)
	r.mu.Lock()
	defer r.mu.Unlock()
	if _, ok := r.sandbox[in.PhoneNumber]; !ok {
		return nil, awserr.New("ResourceNotFound", 404, "Phone number does not exist")
	}
	delete(r.sandbox, in.PhoneNumber)
	return nil, nil
}

var oneTimePassword = regexp.MustCompile(`^[0-9]{5,8}$`)

// verifySMSSandboxPhoneNumber marks a sandbox number verified. Nothing is
// sent, so any well-formed one-time password verifies.
func (s *Service) verifySMSSandboxPhoneNumber(ctx *service.Context, in *sandboxNumberInput) (*struct{}, error) {
	r := s.region(ctx)
	r.mu.Lock()
	defer r.mu.Unlock()
	if _, ok := r.sandbox[in.PhoneNumber]; !ok {
		return nil, awserr.New("ResourceNotFound", 404, "Phone number does not exist")
	}
	if !oneTimePassword.MatchString(in.OneTimePassword) {
		return nil, awserr.New("VerificationException", 400, "Invalid one-time password")
	}
	r.sandbox[in.PhoneNumber] = "Verified"
	return nil, nil
}

type sandboxListInput struct {
	NextToken  string `json:"NextToken"`
	MaxResults *int   `json:"MaxResults"`
}

type sandboxNumber struct {
	PhoneNumber string `json:"PhoneNumber"`
	Status      string `json:"Status"`
}

type sandboxListOutput struct {
	PhoneNumbers []sandboxNumber `json:"PhoneNumbers"`
	NextToken    string          `json:"NextToken,omitempty"`
}

func (s *Service) listSMSSandboxPhoneNumbers(ctx *service.Context, in *sandboxListInput) (*sandboxListOutput, error) {
	size := 100
	if in.MaxResults != nil {
		if *in.MaxResults < 1 || *in.MaxResults > 100 {
			return nil, errInvalidParameter("Invalid parameter: MaxResults Reason: must be between 1 and 100")
		}
		size = *in.MaxResults
	}
	r := s.region(ctx)
	r.mu.RLock()
	defer r.mu.RUnlock()
	keys := make([]string, 0, len(r.sandbox))
	for k := range r.sandbox {
		keys = append(keys, k)
	}
	nums, next, err := page(keys, in.NextToken, size)
	if err != nil {
		return nil, err
	}
	out := &sandboxListOutput{PhoneNumbers: []sandboxNumber{}, NextToken: next}
	for _, n := range nums {
		out.PhoneNumbers = append(out.PhoneNumbers, sandboxNumber{PhoneNumber: n, Status: r.sandbox[n]})
	}
	return out, nil
}

type originationNumbersOutput struct {
	PhoneNumbers []any  `json:"PhoneNumbers"`
	NextToken    string `json:"NextToken,omitempty"`
}

// listOriginationNumbers answers the account's origination numbers: the
// emulator provisions none.
func (s *Service) listOriginationNumbers(ctx *service.Context, in *sandboxListInput) (*originationNumbersOutput, error) {
	if in.MaxResults != nil && (*in.MaxResults < 1 || *in.MaxResults > 30) {
		return nil, errInvalidParameter("Invalid parameter: MaxResults Reason: must be between 1 and 30")
	}
	return &originationNumbersOutput{PhoneNumbers: []any{}}, nil
}
