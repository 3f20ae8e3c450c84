package iam

import (
	"strings"
	"time"

	"github.com/parity-harness/parity/emulator/service"
)

func (a *account) oidc(arn string) (*oidcProvider, error) {
	p, ok := a.oidcProviders[arn]
	if !ok {
		return nil, noSuchEntity("OpenIDConnect Provider not found for arn %s", arn)
	}
	return p, nil
}

func (s *Service) createOpenIDConnectProvider(ctx *service.Context, a *account, in service.Params) (map[string]any, error) {
	url := str(in, "Url")
	if !strings.HasPrefix(url, "https://") || len(url) <= len("https://") {
		return nil, validationError("Invalid Open ID Connect Provider URL")
	}
	for _, t := range strs(in, "ThumbprintList") {
		if len(t) != 40 {
			return nil, validationError("1 validation error detected: Value '%s' at 'thumbprintList' failed to satisfy constraint: Member must have length greater than or equal to 40", t)
		}
	}
	tags := tagList(in, "Tags")
	if err := checkTags(tags); err != nil {
		return nil, err
	}
	host := strings.TrimPrefix(url, "https://")
	arn := a.arn("oidc-provider/" + host)
	if _, ok := a.oidcProviders[arn]; ok {
		return nil, alreadyExists("Provider with url %s already exists.", url)
	}
	p := &oidcProvider{ARN: arn, URL: host, ClientIDs: strs(in, "ClientIDList"), Thumbprints: strs(in, "ThumbprintList"), Created: now(), Tags: tags}
	a.oidcProviders[arn] = p
	out := map[string]any{"OpenIDConnectProviderArn": arn}
	if len(tags) > 0 {
		out["Tags"] = tagsOut(tags)
	}
	return out, nil
}

func anyStrings(list []string) []any {
	out := make([]any, 0, len(list))
	for _, s := range list {
		out = append(out, s)
	}
	return out
}

func (s *Service) getOpenIDConnectProvider(ctx *service.Context, a *account, in service.Params) (map[string]any, error) {
	p, err := a.oidc(str(in, "OpenIDConnectProviderArn"))
	if err != nil {
		return nil, err
	}
	out := map[string]any{"Url": p.URL, "ClientIDList": anyStrings(p.ClientIDs), "ThumbprintList": anyStrings(p.Thumbprints), "CreateDate": p.Created}
	if len(p.Tags) > 0 {
		out["Tags"] = tagsOut(p.Tags)
	}
	return out, nil
}

func (s *Service) listOpenIDConnectProviders(ctx *service.Context, a *account, in service.Params) (map[string]any, error) {
	list := []any{}
	for _, arn := range sortedKeys(a.oidcProviders) {
		list = append(list, map[string]any{"Arn": arn})
	}
	return map[string]any{"OpenIDConnectProviderList": list}, nil
}

func (s *Service) deleteOpenIDConnectProvider(ctx *service.Context, a *account, in service.Params) (map[string]any, error) {
	p, err := a.oidc(str(in, "OpenIDConnectProviderArn"))
	if err != nil {
		return nil, err
	}
	delete(a.oidcProviders, p.ARN)
	return nil, nil
}

func (s *Service) addClientIDToOpenIDConnectProvider(ctx *service.Context, a *account, in service.Params) (map[string]any, error) {
	p, err := a.oidc(str(in, "OpenIDConnectProviderArn"))
	if err != nil {
		return nil, err
	}
	if id := str(in, "ClientID"); !contains(p.ClientIDs, id) {
		p.ClientIDs = append(p.ClientIDs, id)
	}
	return nil, nil
}

func (s *Service) removeClientIDFromOpenIDConnectProvider(ctx *service.Context, a *account, in service.Params) (map[string]any, error) {
	p, err := a.oidc(str(in, "OpenIDConnectProviderArn"))
	if err != nil {
		return nil, err
	}
	p.ClientIDs = without(p.ClientIDs, str(in, "ClientID"))
	return nil, nil
}

func (s *Service) updateOpenIDConnectProviderThumbprint(ctx *service.Context, a *account, in service.Params) (map[string]any, error) {
	p, err := a.oidc(str(in, "OpenIDConnectProviderArn"))
	if err != nil {
		return nil, err
	}
	p.Thumbprints = strs(in, "ThumbprintList")
	return nil, nil
}

// SAML providers.

func (a *account) saml(arn string) (*samlProvider, error) {
	p, ok := a.samlProviders[arn]
	if !ok {
		return nil, noSuchEntity("SAMLProvider %s not found.", arn)
	}
	return p, nil
}

func (s *Service) createSAMLProvider(ctx *service.Context, a *account, in service.Params) (map[string]any, error) {
	name := str(in, "Name")
	if err := checkName("name", name, 128); err != nil {
		return nil, err
	}
	tags := tagList(in, "Tags")
	if err := checkTags(tags); err != nil {
		return nil, err
	}
	arn := a.arn("saml-provider/" + name)
	if _, ok := a.samlProviders[arn]; ok {
		return nil, alreadyExists("SAMLProvider %s already exists.", name)
	}
	t := now()
	p := &samlProvider{ARN: arn, Name: name, Metadata: str(in, "SAMLMetadataDocument"), Created: t, ValidUntil: t.Add(100 * 365 * 24 * time.Hour), Tags: tags}
	a.samlProviders[arn] = p
	out := map[string]any{"SAMLProviderArn": arn}
	if len(tags) > 0 {
		out["Tags"] = tagsOut(tags)
	}
	return out, nil
}

func (s *Service) getSAMLProvider(ctx *service.Context, a *account, in service.Params) (map[string]any, error) {
	p, err := a.saml(str(in, "SAMLProviderArn"))
	if err != nil {
		return nil, err
	}
	out := map[string]any{"SAMLMetadataDocument": p.Metadata, "CreateDate": p.Created, "ValidUntil": p.ValidUntil}
	if len(p.Tags) > 0 {
		out["Tags"] = tagsOut(p.Tags)
	}
	return out, nil
}

func (s *Service) updateSAMLProvider(ctx *service.Context, a *account, in service.Params) (map[string]any, error) {
	p, err := a.saml(str(in, "SAMLProviderArn"))
	if err != nil {
		return nil, err
	}
	p.Metadata = str(in, "SAMLMetadataDocument")
	return map[string]any{"SAMLProviderArn": p.ARN}, nil
}

func (s *Service) deleteSAMLProvider(ctx *service.Context, a *account, in service.Params) (map[string]any, error) {
	p, err := a.saml(str(in, "SAMLProviderArn"))
	if err != nil {
		return nil, err
	}
	delete(a.samlProviders, p.ARN)
	return nil, nil
}

func (s *Service) listSAMLProviders(ctx *service.Context, a *account, in service.Params) (map[string]any, error) {
	list := []any{}
	for _, arn := range sortedKeys(a.samlProviders) {
		p := a.samlProviders[arn]
		list = append(list, map[string]any{"Arn": arn, "ValidUntil": p.ValidUntil, "CreateDate": p.Created})
	}
	return map[string]any{"SAMLProviderList": list}, nil
}

// SAMLProvider returns the metadata of a SAML provider, for STS.
func (s *Service) SAMLProvider(account, arn string) (string, bool) {
	a := s.accounts.Get(account, "")
	a.mu.Lock()
	defer a.mu.Unlock()
	p, ok := a.samlProviders[arn]
	if !ok {
		return "", false
	}
	return p.Metadata, true
}
