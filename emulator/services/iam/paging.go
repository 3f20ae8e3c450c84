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
