package kms

import (
	"strconv"
	"time"

	"github.com/parity-harness/parity/emulator/awserr"
	"github.com/parity-harness/parity/emulator/service"
)

type tagEntry struct {
	TagKey   string `json:"TagKey"`
	TagValue string `json:"TagValue"`
}

type createKeyInput struct {
	Policy                string     `json:"Policy"`
	Description           string     `json:"Description"`
	KeyUsage              string     `json:"KeyUsage"`
	CustomerMasterKeySpec string     `json:"CustomerMasterKeySpec"`
	KeySpec               string     `json:"KeySpec"`
	Origin                string     `json:"Origin"`
	CustomKeyStoreID      string     `json:"CustomKeyStoreId"`
	Tags                  []tagEntry `json:"Tags"`
	MultiRegion           bool       `json:"MultiRegion"`
}

type keyMetadataOutput struct {
	KeyMetadata keyMetadata `json:"KeyMetadata"`
}

func (s *Service) createKey(ctx *service.Context, in *createKeyInput) (*keyMetadataOutput, error) {
	spec := in.KeySpec
	if in.CustomerMasterKeySpec != "" {
		if spec != "" {
			return nil, errValidation("You cannot specify KeySpec and CustomerMasterKeySpec in the same request. CustomerMasterKeySpec is deprecated.")
		}
		spec = in.CustomerMasterKeySpec
	}
	if spec == "" {
		spec = "SYMMETRIC_DEFAULT"
	}
	info, ok := keySpecs[spec]
	if !ok {
		return nil, errValidation("1 validation error detected: Value '" + spec + "' at 'keySpec' failed to satisfy constraint: Member must satisfy enum value set")
	}
	usage := in.KeyUsage
	if usage == "" {
		if spec != "SYMMETRIC_DEFAULT" {
			return nil, errValidation("You must specify a KeyUsage value for all KMS keys except for symmetric encryption keys.")
		}
		usage = info.usages[0]
	}
	if !contains(info.usages, usage) {
		return nil, errValidation("KeyUsage " + usage + " is not compatible with KeySpec " + spec)
	}
	switch in.Origin {
	case "", "AWS_KMS", "EXTERNAL":
	default: // AWS_CLOUDHSM, EXTERNAL_KEY_STORE: the emulator has no custom key stores
		return nil, awserr.New("CustomKeyStoreNotFoundException", 400, "Custom key store ID '"+in.CustomKeyStoreID+"' does not exist")
	}
	tags, err := validTags(in.Tags)
	if err != nil {
		return nil, err
	}
	r, sc := s.regionOf(ctx)
	k := newKey(sc, s.now(), spec, usage, managerCustomer, in.MultiRegion)
	k.description, k.policy = in.Description, in.Policy
	if in.Origin == "EXTERNAL" {
		k.origin, k.state, k.material, k.materialID = "EXTERNAL", statePendingImport, nil, ""
	}
	for _, t := range tags {
		k.tags[t.TagKey] = t.TagValue
	}
	r.mu.Lock()
	r.keys[k.id] = k
	r.order = append(r.order, k.id)
	r.mu.Unlock()
	return &keyMetadataOutput{KeyMetadata: k.metadata(sc)}, nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

type keyIDInput struct {
	KeyID string `json:"KeyId"`
}

func (s *Service) describeKey(ctx *service.Context, in *keyIDInput) (*keyMetadataOutput, error) {
	var out keyMetadataOutput
	err := s.withKey(ctx, in.KeyID, func(_ *region, sc scope, k *key) error {
		out.KeyMetadata = k.metadata(sc)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &out, nil
}

type listInput struct {
	KeyID  string `json:"KeyId"`
	Limit  int    `json:"Limit"`
	Marker string `json:"Marker"`
}

type keyListEntry struct {
	KeyID  string `json:"KeyId"`
	KeyArn string `json:"KeyArn"`
}

type listKeysOutput struct {
	Keys       []keyListEntry `json:"Keys"`
	NextMarker string         `json:"NextMarker,omitempty"`
	Truncated  bool           `json:"Truncated"`
}

func (s *Service) listKeys(ctx *service.Context, in *listInput) (*listKeysOutput, error) {
	r, _ := s.regionOf(ctx)
	r.mu.RLock()
	entries := make([]keyListEntry, 0, len(r.order))
	for _, id := range r.order {
		if k := r.keys[id]; k != nil {
			entries = append(entries, keyListEntry{KeyID: k.id, KeyArn: k.arn})
		}
	}
	r.mu.RUnlock()
	page, next, err := paginate(entries, in.Limit, in.Marker)
	if err != nil {
		return nil, err
	}
	return &listKeysOutput{Keys: page, NextMarker: next, Truncated: next != ""}, nil
}

// paginate returns one page of items after marker (a token issued by an
// earlier page), limit 100 by default.
func paginate[T any](items []T, limit int, marker string) ([]T, string, error) {
	offset := 0
	if marker != "" {
		n, err := service.ParsePageToken(marker, "InvalidMarkerException")
		if err != nil || n > len(items) {
			return nil, "", errInvalidMarker()
		}
		offset = n
	}
	if limit == 0 {
		limit = 100
	}
	page, next := service.Page(items, offset, limit)
	return page, next, nil
}

func (s *Service) enableKey(ctx *service.Context, in *keyIDInput) (*struct{}, error) {
	return nil, s.withKey(ctx, in.KeyID, func(_ *region, _ scope, k *key) error {
		if err := notPending(k); err != nil {
			return err
		}
		k.state = stateEnabled
		return nil
	})
}

func (s *Service) disableKey(ctx *service.Context, in *keyIDInput) (*struct{}, error) {
	return nil, s.withKey(ctx, in.KeyID, func(_ *region, _ scope, k *key) error {
		if err := notPending(k); err != nil {
			return err
		}
		k.state = stateDisabled
		return nil
	})
}

type scheduleKeyDeletionInput struct {
	KeyID               string `json:"KeyId"`
	PendingWindowInDays *int   `json:"PendingWindowInDays"`
}

type scheduleKeyDeletionOutput struct {
	KeyID               string    `json:"KeyId"`
	DeletionDate        time.Time `json:"DeletionDate"`
	KeyState            string    `json:"KeyState"`
	PendingWindowInDays int       `json:"PendingWindowInDays"`
}

// notPending refuses to change the state of a key pending deletion or
// import.
func notPending(k *key) error {
	switch k.state {
	case statePendingDeletion:
		return errPendingDeletion(k.arn)
	case statePendingImport:
		return errInvalidState(k.arn + " is pending import.")
	}
	return nil
}

// Deletion windows AWS accepts, in days.
const (
	minPendingWindow     = 7
	maxPendingWindow     = 30
	defaultPendingWindow = 30
)

func (s *Service) scheduleKeyDeletion(ctx *service.Context, in *scheduleKeyDeletionInput) (*scheduleKeyDeletionOutput, error) {
	days := defaultPendingWindow
	if in.PendingWindowInDays != nil {
		days = *in.PendingWindowInDays
		switch {
		case days < minPendingWindow:
			return nil, errValidation("1 validation error detected: Value '" + strconv.Itoa(days) + "' at 'pendingWindowInDays' failed to satisfy constraint: Member must have value greater than or equal to 7")
		case days > maxPendingWindow:
			return nil, errValidation("1 validation error detected: Value '" + strconv.Itoa(days) + "' at 'pendingWindowInDays' failed to satisfy constraint: Member must have value less than or equal to 30")
		}
	}
	var out scheduleKeyDeletionOutput
	err := s.withKey(ctx, in.KeyID, func(_ *region, _ scope, k *key) error {
		if k.state == statePendingDeletion {
			return errPendingDeletion(k.arn)
		}
		k.state = statePendingDeletion
		k.deletionDate = s.now().UTC().Add(time.Duration(days) * 24 * time.Hour).Truncate(time.Second)
		out = scheduleKeyDeletionOutput{KeyID: k.arn, DeletionDate: k.deletionDate, KeyState: k.state, PendingWindowInDays: days}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &out, nil
}

type cancelKeyDeletionOutput struct {
	KeyID string `json:"KeyId"`
}

func (s *Service) cancelKeyDeletion(ctx *service.Context, in *keyIDInput) (*cancelKeyDeletionOutput, error) {
	var out cancelKeyDeletionOutput
	err := s.withKey(ctx, in.KeyID, func(_ *region, _ scope, k *key) error {
		if k.state != statePendingDeletion {
			return errInvalidState(k.arn + " is not pending deletion.")
		}
		k.state, k.deletionDate = stateDisabled, time.Time{}
		out.KeyID = k.arn
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &out, nil
}
