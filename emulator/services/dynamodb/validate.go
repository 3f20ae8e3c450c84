package dynamodb

const (
	maxItemSize     = 400 * 1024
	maxHashKeySize  = 2048
	maxRangeKeySize = 1024
)

var errKeySchema = validation("The provided key element does not match the schema")

// checkKey validates a Key parameter against the table's key schema.
func checkKey(t *Table, key Item) error {
	want := 1
	if t.Rng != "" {
		want = 2
	}
	if len(key) != want {
		return errKeySchema
	}
	for _, a := range []string{t.Hash, t.Rng} {
		if a == "" {
			continue
		}
		v := key[a]
		if v == nil || v.Type != t.AttrTypes[a] {
			return errKeySchema
		}
		if err := checkKeyValue(a, v, a == t.Hash); err != nil {
			return err
		}
	}
	return nil
}

func checkKeyValue(name string, v *Value, hash bool) error {
	switch {
	case v.Type == TypeS && v.S == "":
		return validation("One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty string value. Key: " + name)
	case v.Type == TypeB && len(v.B) == 0:
		return validation("One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty binary value. Key: " + name)
	}
	size := v.size()
	if hash && size > maxHashKeySize {
		return validation("One or more parameter values were invalid: Size of hashkey has exceeded the maximum size limit of2048 bytes")
	}
	if !hash && size > maxRangeKeySize {
		return validation("One or more parameter values were invalid: Aggregated size of all range keys has exceeded the size limit of 1024 bytes")
	}
	return nil
}

// checkItem validates an item written to the table: key attributes present
// with their types, index key types, key and item size limits.
func checkItem(t *Table, it Item) error {
	for _, a := range []string{t.Hash, t.Rng} {
		if a == "" {
			continue
		}
		v := it[a]
		if v == nil {
			return validation("One or more parameter values were invalid: Missing the key " + a + " in the item")
		}
		if v.Type != t.AttrTypes[a] {
			return validation("One or more parameter values were invalid: Type mismatch for key " + a + " expected: " + string(t.AttrTypes[a]) + " actual: " + string(v.Type))
		}
		if err := checkKeyValue(a, v, a == t.Hash); err != nil {
			return err
		}
	}
	for _, ix := range t.indexes() {
		for _, a := range []string{ix.Hash, ix.Rng} {
			if a == "" || a == t.Hash || a == t.Rng {
				continue
			}
			v := it[a]
			if v == nil {
				continue
			}
			if v.Type != t.AttrTypes[a] {
				return validation("One or more parameter values were invalid: Type mismatch for Index Key " + a + " Expected: " + string(t.AttrTypes[a]) + " Actual: " + string(v.Type) + " IndexName: " + ix.Name)
			}
			if v.Type == TypeS && v.S == "" || v.Type == TypeB && len(v.B) == 0 {
				return validation("One or more parameter values are not valid. A value specified for a secondary index key is not supported. The AttributeValue for a key attribute cannot contain an empty string value. IndexName: " + ix.Name + ", IndexKey: " + a)
			}
		}
	}
	if it.Size() > maxItemSize {
		return validation("Item size has exceeded the maximum allowed size")
	}
	return nil
}
