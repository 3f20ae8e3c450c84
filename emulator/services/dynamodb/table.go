package dynamodb

import (
	"sort"
	"sync"
	"time"

	"github.com/parity-harness/parity/emulator/service"
)

// keyElem is one element of a key schema.
type keyElem struct {
	Name string
	Type string // HASH or RANGE
}

// projection says which attributes an index carries.
type projection struct {
	Type   string // ALL, KEYS_ONLY, INCLUDE
	NonKey []string
}

// index is a global or local secondary index.
type index struct {
	Name       string
	Global     bool
	Hash, Rng  string
	KeySchema  []keyElem
	Projection projection
	RCU, WCU   int64
	Status     string
	data       *keyspace
}

// Table is one DynamoDB table: its definition and its items. mu guards both.
type Table struct {
	mu sync.RWMutex

	Name, ARN, ID string
	Account       string
	Region        string
	Created       time.Time
	KeySchema     []keyElem
	Hash, Rng     string
	AttrTypes     map[string]Type
	AttrOrder     []string

	BillingMode       string
	PayPerRequestTime time.Time
	RCU, WCU          int64
	LastIncrease      time.Time
	LastDecrease      time.Time
	OnDemand          map[string]any
	WarmRead          int64
	WarmWrite         int64
	TableClass        string
	SSE               map[string]any

	GSIs []*index
	LSIs []*index

	StreamEnabled bool
	StreamView    string
	stream        *Stream // latest stream (enabled or disabled)

	TTLAttr    string
	TTLEnabled bool
	PITR       bool
	PITRPeriod int64

	DeletionProtection bool
	Tags               service.Tags
	Policy             string
	PolicyRevision     string
	ContributorInsight string

	data *keyspace
}

func (t *Table) indexes() []*index {
	return append(append([]*index(nil), t.GSIs...), t.LSIs...)
}

func (t *Table) findIndex(name string) *index {
	for _, ix := range t.indexes() {
		if ix.Name == name {
			return ix
		}
	}
	return nil
}

// keyOf returns the primary key attributes of an item.
func (t *Table) keyOf(it Item) Item {
	k := Item{t.Hash: it[t.Hash]}
	if t.Rng != "" {
		k[t.Rng] = it[t.Rng]
	}
	return k
}

// store writes an item (nil new: delete) into the table and its indexes.
// The caller holds t.mu for writing.
func (t *Table) store(old, nu Item) {
	if nu == nil {
		if old != nil {
			t.data.remove(old)
		}
	} else {
		t.data.put(nu)
	}
	for _, ix := range t.indexes() {
		if old != nil {
			ix.data.remove(old)
		}
		if nu != nil {
			ix.data.put(nu)
		}
	}
}

// projectForIndex returns what an index query returns of an item.
func (t *Table) projectForIndex(ix *index, it Item) Item {
	if ix == nil || ix.Projection.Type == "ALL" {
		return it
	}
	out := Item{}
	for _, a := range []string{t.Hash, t.Rng, ix.Hash, ix.Rng} {
		if a != "" && it[a] != nil {
			out[a] = it[a]
		}
	}
	if ix.Projection.Type == "INCLUDE" {
		for _, a := range ix.Projection.NonKey {
			if it[a] != nil {
				out[a] = it[a]
			}
		}
	}
	return out
}

func keySchemaWire(ks []keyElem) []any {
	out := make([]any, len(ks))
	for i, k := range ks {
		out[i] = map[string]any{"AttributeName": k.Name, "KeyType": k.Type}
	}
	return out
}

func (p projection) wire() map[string]any {
	m := map[string]any{"ProjectionType": p.Type}
	if len(p.NonKey) > 0 {
		l := make([]any, len(p.NonKey))
		for i, a := range p.NonKey {
			l[i] = a
		}
		m["NonKeyAttributes"] = l
	}
	return m
}

// describeMode selects the variant of a table description.
type describeMode int

const (
	describeCurrent describeMode = iota // DescribeTable
	describeCreate                      // CreateTable response
	describeUpdate                      // UpdateTable response
	describeDelete                      // DeleteTable response
)

// describe returns the TableDescription. The caller holds t.mu.
func (t *Table) describe(mode describeMode, changedIndex map[string]string) map[string]any {
	d := map[string]any{
		"TableName":                 t.Name,
		"TableArn":                  t.ARN,
		"TableId":                   t.ID,
		"TableSizeBytes":            t.data.bytes,
		"ItemCount":                 int64(t.data.count),
		"DeletionProtectionEnabled": t.DeletionProtection,
	}
	status := "ACTIVE"
	switch mode {
	case describeCreate:
		status = "CREATING"
	case describeUpdate:
		status = "UPDATING"
	case describeDelete:
		status = "DELETING"
	}
	d["TableStatus"] = status
	pt := map[string]any{"NumberOfDecreasesToday": int64(0), "ReadCapacityUnits": t.RCU, "WriteCapacityUnits": t.WCU}
	if !t.LastIncrease.IsZero() {
		pt["LastIncreaseDateTime"] = t.LastIncrease
	}
	if !t.LastDecrease.IsZero() {
		pt["LastDecreaseDateTime"] = t.LastDecrease
	}
	d["ProvisionedThroughput"] = pt
	if !t.PayPerRequestTime.IsZero() {
		d["BillingModeSummary"] = map[string]any{"BillingMode": t.BillingMode, "LastUpdateToPayPerRequestDateTime": t.PayPerRequestTime}
	}
	if t.OnDemand != nil {
		d["OnDemandThroughput"] = t.OnDemand
	}
	if t.SSE != nil {
		d["SSEDescription"] = t.SSE
	}
	if t.TableClass != "" {
		d["TableClassSummary"] = map[string]any{"TableClass": t.TableClass}
	}
	if mode != describeDelete {
		d["CreationDateTime"] = t.Created
		d["KeySchema"] = keySchemaWire(t.KeySchema)
		defs := make([]any, 0, len(t.AttrOrder))
		for _, a := range t.AttrOrder {
			defs = append(defs, map[string]any{"AttributeName": a, "AttributeType": string(t.AttrTypes[a])})
		}
		d["AttributeDefinitions"] = defs
		if t.stream != nil {
			if t.StreamEnabled {
				d["StreamSpecification"] = map[string]any{"StreamEnabled": true, "StreamViewType": t.StreamView}
			}
			d["LatestStreamLabel"] = t.stream.Label
			d["LatestStreamArn"] = t.stream.ARN
		}
		if w := t.warmThroughput(mode); w != nil {
			d["WarmThroughput"] = w
		}
	}
	if len(t.GSIs) > 0 {
		var gl []any
		for _, ix := range t.GSIs {
			g := t.describeIndex(ix)
			st := "ACTIVE"
			if s, ok := changedIndex[ix.Name]; ok {
				st = s
			}
			g["IndexStatus"] = st
			if st == "CREATING" {
				g["Backfilling"] = false
			}
			g["ProvisionedThroughput"] = map[string]any{"NumberOfDecreasesToday": int64(0), "ReadCapacityUnits": ix.RCU, "WriteCapacityUnits": ix.WCU}
			if mode == describeCurrent {
				r, w := ix.RCU, ix.WCU
				if t.BillingMode == "PAY_PER_REQUEST" {
					r, w = 12000, 4000
				}
				g["WarmThroughput"] = map[string]any{"ReadUnitsPerSecond": r, "WriteUnitsPerSecond": w, "Status": "ACTIVE"}
			}
			gl = append(gl, g)
		}
		for name, st := range changedIndex {
			if st == "DELETING" {
				gl = append(gl, map[string]any{"IndexName": name, "IndexStatus": "DELETING", "IndexArn": t.ARN + "/index/" + name})
			}
		}
		d["GlobalSecondaryIndexes"] = gl
	} else if len(changedIndex) > 0 {
		var gl []any
		for name, st := range changedIndex {
			if st == "DELETING" {
				gl = append(gl, map[string]any{"IndexName": name, "IndexStatus": "DELETING", "IndexArn": t.ARN + "/index/" + name})
			}
		}
		if gl != nil {
			d["GlobalSecondaryIndexes"] = gl
		}
	}
	if len(t.LSIs) > 0 {
		var ll []any
		for _, ix := range t.LSIs {
			ll = append(ll, t.describeIndex(ix))
		}
		d["LocalSecondaryIndexes"] = ll
	}
	return d
}

func (t *Table) describeIndex(ix *index) map[string]any {
	return map[string]any{
		"IndexName":      ix.Name,
		"IndexArn":       t.ARN + "/index/" + ix.Name,
		"KeySchema":      keySchemaWire(ix.KeySchema),
		"Projection":     ix.Projection.wire(),
		"IndexSizeBytes": ix.data.bytes,
		"ItemCount":      int64(ix.data.count),
	}
}

func (t *Table) warmThroughput(mode describeMode) map[string]any {
	switch mode {
	case describeCurrent:
		r, w := t.RCU, t.WCU
		if t.BillingMode == "PAY_PER_REQUEST" {
			r, w = 12000, 4000
		}
		if t.WarmRead > r {
			r = t.WarmRead
		}
		if t.WarmWrite > w {
			w = t.WarmWrite
		}
		return map[string]any{"ReadUnitsPerSecond": r, "WriteUnitsPerSecond": w, "Status": "ACTIVE"}
	case describeCreate, describeUpdate:
		if t.WarmRead > 0 || t.WarmWrite > 0 {
			return map[string]any{"ReadUnitsPerSecond": t.WarmRead, "WriteUnitsPerSecond": t.WarmWrite, "Status": "UPDATING"}
		}
	}
	return nil
}

// sortedTableNames returns table names in order.
func sortedTableNames(m map[string]*Table) []string {
	names := make([]string, 0, len(m))
	for n := range m {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}
