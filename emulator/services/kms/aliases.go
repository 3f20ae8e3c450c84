package kms

import (
	"sort"
	"strings"
	"time"

	"github.com/parity-harness/parity/emulator/awserr"
	"github.com/parity-harness/parity/emulator/service"
)

// alias is a friendly name of a key.
type alias struct {
	name             string // "alias/…"
	target           string // key id
	created, updated time.Time
}

type aliasInput struct {
	AliasName   string `json:"AliasName"`
	TargetKeyID string `json:"TargetKeyId"`
}

// checkAliasName applies AWS's rules to an alias name a caller sets.
func checkAliasName(name string) error {
	if !strings.HasPrefix(name, "alias/") {
		return errValidation(`Alias must start with the prefix "alias/". Please see https://docs.aws.amazon.com/kms/latest/developerguide/kms-alias.html`)
	}
	if strings.HasPrefix(name, "alias/aws/") {
		return awserr.New("NotAuthorizedException", 400, "")
	}
	return nil
}

// targetKey finds the key an alias is to name: a key id or key ARN, never
// another alias.
func (s *Service) targetKey(r *region, sc scope, ident string) (*key, error) {
	if strings.HasPrefix(ident, "alias/") || strings.Contains(ident, ":alias/") {
		return nil, errValidation("Aliases must refer to keys. Not aliases")
	}
	k, err := s.lookup(r, sc, ident, false)
	if err != nil {
		return nil, err
	}
	if k.state == statePendingDeletion {
		return nil, errPendingDeletion(k.arn)
	}
	return k, nil
}

func (s *Service) createAlias(ctx *service.Context, in *aliasInput) (*struct{}, error) {
	if err := checkAliasName(in.AliasName); err != nil {
		return nil, err
	}
	r, sc := s.regionOf(ctx)
	r.mu.Lock()
	defer r.mu.Unlock()
	if _, exists := r.aliases[in.AliasName]; exists {
		return nil, awserr.New("AlreadyExistsException", 400, "An alias with the name "+sc.arn(in.AliasName)+" already exists")
	}
	k, err := s.targetKey(r, sc, in.TargetKeyID)
	if err != nil {
		return nil, err
	}
	now := s.now()
	r.aliases[in.AliasName] = &alias{name: in.AliasName, target: k.id, created: now, updated: now}
	return nil, nil
}

func (s *Service) updateAlias(ctx *service.Context, in *aliasInput) (*struct{}, error) {
	if err := checkAliasName(in.AliasName); err != nil {
		return nil, err
	}
	r, sc := s.regionOf(ctx)
	r.mu.Lock()
	defer r.mu.Unlock()
	a := r.aliases[in.AliasName]
	if a == nil {
		return nil, errAliasNotFound(sc.arn(in.AliasName))
	}
	k, err := s.targetKey(r, sc, in.TargetKeyID)
	if err != nil {
		return nil, err
	}
	a.target, a.updated = k.id, s.now()
	return nil, nil
}

type deleteAliasInput struct {
	AliasName string `json:"AliasName"`
}

func (s *Service) deleteAlias(ctx *service.Context, in *deleteAliasInput) (*struct{}, error) {
	if err := checkAliasName(in.AliasName); err != nil {
		return nil, err
	}
	r, sc := s.regionOf(ctx)
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.aliases[in.AliasName] == nil {
		return nil, errAliasNotFound(sc.arn(in.AliasName))
	}
	delete(r.aliases, in.AliasName)
	return nil, nil
}

type aliasListEntry struct {
	AliasName       string    `json:"AliasName"`
	AliasArn        string    `json:"AliasArn"`
	TargetKeyID     string    `json:"TargetKeyId,omitempty"`
	CreationDate    time.Time `json:"CreationDate"`
	LastUpdatedDate time.Time `json:"LastUpdatedDate"`
}

type listAliasesOutput struct {
	Aliases    []aliasListEntry `json:"Aliases"`
	NextMarker string           `json:"NextMarker,omitempty"`
	Truncated  bool             `json:"Truncated"`
}

// listAliases lists the aliases of the region by name, or those of one key.
func (s *Service) listAliases(ctx *service.Context, in *listInput) (*listAliasesOutput, error) {
	r, sc := s.regionOf(ctx)
	r.mu.RLock()
	target := ""
	if in.KeyID != "" {
		if strings.HasPrefix(in.KeyID, "alias/") || strings.Contains(in.KeyID, ":alias/") {
			r.mu.RUnlock()
			return nil, awserr.New("InvalidArnException", 400, "Invalid keyId "+in.KeyID)
		}
		k, err := s.lookup(r, sc, in.KeyID, false)
		if err != nil {
			r.mu.RUnlock()
			return nil, err
		}
		target = k.id
	}
	entries := []aliasListEntry{}
	for _, a := range r.aliases {
		if target != "" && a.target != target {
			continue
		}
		entries = append(entries, aliasListEntry{AliasName: a.name, AliasArn: sc.arn(a.name), TargetKeyID: a.target,
			CreationDate: a.created, LastUpdatedDate: a.updated})
	}
	r.mu.RUnlock()
	sort.Slice(entries, func(i, j int) bool { return entries[i].AliasName < entries[j].AliasName })
	page, next, err := paginate(entries, in.Limit, in.Marker)
	if err != nil {
		return nil, err
	}
	return &listAliasesOutput{Aliases: page, NextMarker: next, Truncated: next != ""}, nil
}
