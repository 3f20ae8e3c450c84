package main

import (
	"encoding/json"
	"fmt"
	"os"
	"sort"
)

// addition is what AWS added to a service's API after the last release of
// the pinned model module (github.com/aws/aws-sdk-go is frozen): new shapes,
// new members of existing structures, new enum values and operation inputs.
// The facts come from AWS's current API reference; the file is
// gen/additions.json.
type addition struct {
	Shapes     map[string]json.RawMessage            `json:"shapes"`
	Members    map[string]map[string]json.RawMessage `json:"members"`
	Enums      map[string][]string                   `json:"enums"`
	Operations map[string]map[string]json.RawMessage `json:"operations"`
}

func readAdditions(path string) (map[string]addition, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("model additions: %w", err)
	}
	var out map[string]addition
	if err := json.Unmarshal(data, &out); err != nil {
		return nil, fmt.Errorf("model additions %s: %w", path, err)
	}
	return out, nil
}

// apply merges the addition into a stripped model. Adding something that
// already exists is an error: the addition is then obsolete and must go.
func (a addition) apply(stripped []byte) ([]byte, error) {
	var doc struct {
		Metadata   json.RawMessage                       `json:"metadata"`
		Operations map[string]map[string]json.RawMessage `json:"operations"`
		Shapes     map[string]map[string]json.RawMessage `json:"shapes"`
	}
	if err := json.Unmarshal(stripped, &doc); err != nil {
		return nil, err
	}
	for _, name := range sortedKeys(a.Shapes) {
		if _, ok := doc.Shapes[name]; ok {
			return nil, fmt.Errorf("shape %s already exists in the model", name)
		}
		var s map[string]json.RawMessage
		if err := json.Unmarshal(a.Shapes[name], &s); err != nil {
			return nil, fmt.Errorf("shape %s: %w", name, err)
		}
		doc.Shapes[name] = s
	}
	for _, name := range sortedKeys(a.Members) {
		s, ok := doc.Shapes[name]
		if !ok {
			return nil, fmt.Errorf("members of %s: no such shape", name)
		}
		var members map[string]json.RawMessage
		var order []string
		_ = json.Unmarshal(s["members"], &members)
		_ = json.Unmarshal(s["memberOrder"], &order)
		if members == nil {
			members = map[string]json.RawMessage{}
		}
		for _, m := range sortedKeys(a.Members[name]) {
			if _, exists := members[m]; exists {
				return nil, fmt.Errorf("member %s.%s already exists in the model", name, m)
			}
			members[m] = a.Members[name][m]
			order = append(order, m)
		}
		s["members"], _ = json.Marshal(members)
		s["memberOrder"], _ = json.Marshal(order)
	}
	for _, name := range sortedKeys(a.Enums) {
		s, ok := doc.Shapes[name]
		if !ok {
			return nil, fmt.Errorf("enum %s: no such shape", name)
		}
		var values []string
		_ = json.Unmarshal(s["enum"], &values)
		for _, v := range a.Enums[name] {
			if contains(values, v) {
				return nil, fmt.Errorf("enum %s already has %s", name, v)
			}
			values = append(values, v)
		}
		s["enum"], _ = json.Marshal(values)
	}
	for _, name := range sortedKeys(a.Operations) {
		op, ok := doc.Operations[name]
		if !ok {
			return nil, fmt.Errorf("operation %s: not in the model", name)
		}
		for k, v := range a.Operations[name] {
			if _, exists := op[k]; exists {
				return nil, fmt.Errorf("operation %s already has %s", name, k)
			}
			op[k] = v
		}
	}
	return json.Marshal(doc)
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
