package iam

import (
	"github.com/parity-harness/parity/emulator/service"
)

// page applies Marker and MaxItems (default 100, 1..1000) to a sorted list
// and returns the page with the IsTruncated/Marker members of the output.
func page[T any](in service.Params, items []T) ([]T, map[string]any, error) {
	offset := 0
	if m := str(in, "Marker"); m != "" {
		n, err := service.ParsePageToken(m, "ValidationError")
		if err != nil {
			return nil, nil, err
		}
		offset = n
	}
	limit := int64(100)
	if n, ok := num(in, "MaxItems"); ok {
		if n < 1 || n > 1000 {
			return nil, nil, validationError("1 validation error detected: Value '%d' at 'maxItems' failed to satisfy constraint: Member must have value between 1 and 1000", n)
		}
		limit = n
	}
	got, next := service.Page(items, offset, int(limit))
	out := map[string]any{"IsTruncated": next != ""}
	if next != "" {
		out["Marker"] = next
	}
	return got, out, nil
}

// pageOut pages items like page and puts the page, each item rendered, under
// member of the output.
func pageOut[T any](in service.Params, items []T, member string, render func(T) any) (map[string]any, error) {
	got, out, err := page(in, items)
	if err != nil {
		return nil, err
	}
	list := make([]any, 0, len(got))
	for _, it := range got {
		list = append(list, render(it))
	}
	out[member] = list
	return out, nil
}
