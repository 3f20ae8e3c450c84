// Package transformers scrubs values that differ on every run (ids,
// timestamps, account ids, endpoints) out of responses before they are
// recorded in, or compared with, a snapshot.
//
// # Documents
//
// Transformers work on a decoded JSON tree, called a document here: the
// values encoding/json produces with UseNumber, i.e. map[string]any, []any,
// string, json.Number, bool and nil. Decode and FromValue build one. Maps are
// always walked in sorted key order, so the numbering of placeholders is
// deterministic.
//
// # Placeholders
//
// A placeholder stands for one run-dependent value. Two forms exist, the
// same as in the AWS reference recordings:
//
//	<kind:N>   a reference: the N-th distinct value of that kind seen in the
//	           spec (<uuid:1>, <receipt-handle:2>, <resource:1>). The same value
//	           always gets the same placeholder within one spec, across all
//	           snapshot keys, and is rewritten everywhere it appears, including
//	           inside other strings (ARNs, URLs, JSON in strings).
//	<kind>     a constant for the whole run (<region>, <partition>, <endpoint>).
//
// Besides these, a few literal replacements follow the reference recordings:
// the account id becomes 111111111111, time values become "datetime" and
// epoch timestamps under a *Timestamp member become "timestamp".
//
// # Order
//
// Apply runs the transformers in the order given, after parsing JSON objects
// held in member values; after each transformer it rewrites every registered
// reference value everywhere in the document. Standard composes the usual order: the spec's
// own transformers first (they win), then the service preset, then Defaults.
package transformers
