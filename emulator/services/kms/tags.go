package kms

import (
	"sort"
	"strings"

	"github.com/parity-harness/parity/emulator/awserr"
	"github.com/parity-harness/parity/emulator/service"
)

// maxTags is the number of tags a key may carry.
const maxTags = 50

// validTags checks tags a caller sets: no reserved aws: prefix (any case),
// no key twice in one request.
func validTags(tags []tagEntry) ([]tagEntry, error) {
	seen := map[string]bool{}
	for _, t := range tags {
		if strings.HasPrefix(strings.ToLower(t.TagKey), "aws:") {
			return nil, errTag("Tags beginning with aws: are reserved")
		}
		if seen[t.TagKey] {
			return nil, errTag("Duplicate tag keys")
		}
		seen[t.TagKey] = true
	}
	if len(tags) > maxTags {
		return nil, awserr.New("LimitExceededException", 400, "Too many tags")
	}
	return tags, nil
}

type tagResourceInput struct {
	KeyID string     `json:"KeyId"`
	Tags  []tagEntry `json:"Tags"`
}

func (s *Service) tagResource(ctx *service.Context, in *tagResourceInput) (*struct{}, error) {
	tags, err := validTags(in.Tags)
	if err != nil {
		return nil, err
	}
	return nil, s.withKey(ctx, in.KeyID, func(_ *region, _ scope, k *key) error {
		if k.state == statePendingDeletion {
			return errPendingDeletion(k.arn)
		}
		merged := len(k.tags)
		for _, t := range tags {
			if _, ok := k.tags[t.TagKey]; !ok {
				merged++
			}
		}
		if merged > maxTags {
			return awserr.New("LimitExceededException", 400, "Too many tags")
		}
		for _, t := range tags {
			k.tags[t.TagKey] = t.TagValue
		}
		return nil
	})
}

type untagResourceInput struct {
	KeyID   string   `json:"KeyId"`
	TagKeys []string `json:"TagKeys"`
}

func (s *Service) untagResource(ctx *service.Context, in *untagResourceInput) (*struct{}, error) {
	return nil, s.withKey(ctx, in.KeyID, func(_ *region, _ scope, k *key) error {
		if k.state == statePendingDeletion {
			return errPendingDeletion(k.arn)
		}
		for _, name := range in.TagKeys {
			delete(k.tags, name)
		}
		return nil
	})
}

type listResourceTagsOutput struct {
	Tags       []tagEntry `json:"Tags"`
	NextMarker string     `json:"NextMarker,omitempty"`
	Truncated  bool       `json:"Truncated"`
}

func (s *Service) listResourceTags(ctx *service.Context, in *listInput) (*listResourceTagsOutput, error) {
	var entries []tagEntry
	err := s.withKey(ctx, in.KeyID, func(_ *region, _ scope, k *key) error {
		entries = make([]tagEntry, 0, len(k.tags))
		for name, value := range k.tags {
			entries = append(entries, tagEntry{TagKey: name, TagValue: value})
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	sort.Slice(entries, func(i, j int) bool { return entries[i].TagKey < entries[j].TagKey })
	page, next, err := paginate(entries, in.Limit, in.Marker)
	if err != nil {
		return nil, err
	}
	return &listResourceTagsOutput{Tags: page, NextMarker: next, Truncated: next != ""}, nil
}
