package dynamodb

import (
	"regexp"
	"strings"
	"time"

	"github.com/parity-harness/parity/emulator/awserr"
	"github.com/parity-harness/parity/emulator/service"
)

var tableNamePattern = regexp.MustCompile(`^[a-zA-Z0-9_.-]+$`)

// tableName resolves a TableName parameter, which may also be a table ARN.
func tableName(raw string) string {
	if a, ok := service.ParseARN(raw); ok && strings.HasPrefix(a.Resource, "table/") {
		name := strings.TrimPrefix(a.Resource, "table/")
		if i := strings.IndexByte(name, '/'); i >= 0 {
			name = name[:i]
		}
		return name
	}
	return raw
}

func checkTableName(field, name string) error {
	switch {
	case len(name) < 3:
		return validation("1 validation error detected: Value '" + name + "' at '" + field + "' failed to satisfy constraint: Member must have length greater than or equal to 3")
	case len(name) > 255:
		return validation("1 validation error detected: Value '" + name + "' at '" + field + "' failed to satisfy constraint: Member must have length less than or equal to 255")
	case !tableNamePattern.MatchString(name):
		return validation("1 validation error detected: Value '" + name + "' at '" + field + "' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+")
	}
	return nil
}

// table returns a table of the caller's region by name or ARN.
func (s *Service) table(ctx *service.Context, raw string) (*Table, error) {
	rs := s.region(ctx.Account, ctx.Region)
	rs.mu.RLock()
	t := rs.tables[tableName(raw)]
	rs.mu.RUnlock()
	if t == nil {
		return nil, errTableNotFound()
	}
	return t, nil
}

func parseKeySchema(raw []any) ([]keyElem, error) {
	var ks []keyElem
	for _, e := range raw {
		m, _ := e.(map[string]any)
		ks = append(ks, keyElem{Name: str(m, "AttributeName"), Type: str(m, "KeyType")})
	}
	if len(ks) == 0 || len(ks) > 2 {
		return nil, validation("1 validation error detected: Value null at 'keySchema' failed to satisfy constraint: Member must have length less than or equal to 2")
	}
	if ks[0].Type != "HASH" {
		return nil, validation("Invalid KeySchema: The first KeySchemaElement is not a HASH key type")
	}
	if len(ks) == 2 {
		if ks[1].Type != "RANGE" {
			return nil, validation("Invalid KeySchema: The second KeySchemaElement is not a RANGE key type")
		}
		if ks[0].Name == ks[1].Name {
			return nil, validation("Both the Hash Key and the Range Key element in the KeySchema have the same name")
		}
	}
	return ks, nil
}

func schemaNames(ks []keyElem) (hash, rng string) {
	hash = ks[0].Name
	if len(ks) > 1 {
		rng = ks[1].Name
	}
	return
}

func parseIndexProjection(raw map[string]any, index string) (projection, error) {
	p := projection{Type: str(raw, "ProjectionType")}
	for _, a := range list(raw, "NonKeyAttributes") {
		s, _ := a.(string)
		p.NonKey = append(p.NonKey, s)
	}
	if p.Type == "" {
		p.Type = "ALL"
		if raw == nil {
			return p, validation("One or more parameter values were invalid: Projection must be specified for index: " + index)
		}
	}
	if p.Type != "INCLUDE" && len(p.NonKey) > 0 {
		return p, validation("One or more parameter values were invalid: ProjectionType is " + p.Type + ", but NonKeyAttributes is specified")
	}
	if p.Type == "INCLUDE" && len(p.NonKey) == 0 {
		return p, validation("One or more parameter values were invalid: NonKeyAttributes must be specified when ProjectionType is INCLUDE")
	}
	return p, nil
}

func throughput(raw map[string]any) (int64, int64, bool) {
	if raw == nil {
		return 0, 0, false
	}
	r, _ := integer(raw, "ReadCapacityUnits")
	w, _ := integer(raw, "WriteCapacityUnits")
	return r, w, true
}

func (s *Service) createTable(ctx *service.Context, in service.Params) (any, error) {
	name := str(in, "TableName")
	if err := checkTableName("tableName", name); err != nil {
		return nil, err
	}
	ks, err := parseKeySchema(list(in, "KeySchema"))
	if err != nil {
		return nil, err
	}
	now := s.now()
	t := &Table{
		Name: name, Account: ctx.Account, Region: ctx.Region,
		ARN: service.ARN("dynamodb", ctx.Region, ctx.Account, "table/"+name),
		ID:  service.UUID(), Created: now, KeySchema: ks,
		AttrTypes: map[string]Type{}, Tags: service.Tags{},
		BillingMode: "PROVISIONED", PITRPeriod: 35,
		DeletionProtection: false,
	}
	t.Hash, t.Rng = schemaNames(ks)
	for _, d := range list(in, "AttributeDefinitions") {
		m, _ := d.(map[string]any)
		n := str(m, "AttributeName")
		if _, dup := t.AttrTypes[n]; dup {
			return nil, validation("Cannot have two attributes with the same name")
		}
		t.AttrTypes[n] = Type(str(m, "AttributeType"))
		t.AttrOrder = append(t.AttrOrder, n)
	}
	if bm := str(in, "BillingMode"); bm != "" {
		t.BillingMode = bm
	}
	r, w, hasPT := throughput(object(in, "ProvisionedThroughput"))
	if t.BillingMode == "PAY_PER_REQUEST" {
		if hasPT {
			return nil, validation("One or more parameter values were invalid: Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST")
		}
		t.PayPerRequestTime = now
	} else {
		if !hasPT {
			return nil, validation("One or more parameter values were invalid: ReadCapacityUnits and WriteCapacityUnits must both be specified when BillingMode is PROVISIONED")
		}
		if r < 1 || w < 1 {
			return nil, validation("One or more parameter values were invalid: ReadCapacityUnits and WriteCapacityUnits must both be greater than 0")
		}
		t.RCU, t.WCU = r, w
	}
	if n := len(list(in, "GlobalSecondaryIndexes")); n > 20 {
		return nil, validation("One or more parameter values were invalid: GlobalSecondaryIndex count exceeds the per-table limit of 20")
	}
	if n := len(list(in, "LocalSecondaryIndexes")); n > 5 {
		return nil, validation("One or more parameter values were invalid: LocalSecondaryIndex count exceeds the per-table limit of 5")
	}
	used := map[string]bool{t.Hash: true}
	if t.Rng != "" {
		used[t.Rng] = true
	}
	names := map[string]bool{}
	for _, raw := range list(in, "LocalSecondaryIndexes") {
		m, _ := raw.(map[string]any)
		ix, err := s.parseIndex(t, m, false)
		if err != nil {
			return nil, err
		}
		if names[ix.Name] {
			return nil, validation("One or more parameter values were invalid: Duplicate index name: " + ix.Name)
		}
		names[ix.Name] = true
		used[ix.Hash], used[ix.Rng] = true, true
		t.LSIs = append(t.LSIs, ix)
	}
	for _, raw := range list(in, "GlobalSecondaryIndexes") {
		m, _ := raw.(map[string]any)
		ix, err := s.parseIndex(t, m, true)
		if err != nil {
			return nil, err
		}
		if names[ix.Name] {
			return nil, validation("One or more parameter values were invalid: Duplicate index name: " + ix.Name)
		}
		names[ix.Name] = true
		used[ix.Hash] = true
		if ix.Rng != "" {
			used[ix.Rng] = true
		}
		t.GSIs = append(t.GSIs, ix)
	}
	if err := checkAttributeDefinitions(t, used); err != nil {
		return nil, err
	}
	if ss := object(in, "StreamSpecification"); ss != nil {
		if en, _ := boolean(ss, "StreamEnabled"); en {
			view := str(ss, "StreamViewType")
			if view == "" {
				return nil, validation("One or more parameter values were invalid: You must specify a StreamViewType when StreamEnabled is true")
			}
			t.StreamEnabled, t.StreamView = true, view
		}
	}
	if dp, ok := boolean(in, "DeletionProtectionEnabled"); ok {
		t.DeletionProtection = dp
	}
	if sse := object(in, "SSESpecification"); sse != nil {
		if en, _ := boolean(sse, "Enabled"); en {
			key := str(sse, "KMSMasterKeyId")
			if key == "" {
				key = "alias/aws/dynamodb"
			}
			if !strings.HasPrefix(key, "arn:") {
				key = service.ARN("kms", ctx.Region, ctx.Account, "key/"+service.UUID())
			}
			t.SSE = map[string]any{"Status": "ENABLED", "SSEType": "KMS", "KMSMasterKeyArn": key}
		}
	}
	if c := str(in, "TableClass"); c != "" {
		t.TableClass = c
	}
	if od := object(in, "OnDemandThroughput"); od != nil {
		t.OnDemand = od
	}
	if wt := object(in, "WarmThroughput"); wt != nil {
		t.WarmRead, _ = integer(wt, "ReadUnitsPerSecond")
		t.WarmWrite, _ = integer(wt, "WriteUnitsPerSecond")
	}
	for _, tag := range list(in, "Tags") {
		m, _ := tag.(map[string]any)
		t.Tags[str(m, "Key")] = str(m, "Value")
	}
	if p := str(in, "ResourcePolicy"); p != "" {
		t.Policy, t.PolicyRevision = p, itoa(int(now.UnixMilli()%1e9))
	}
	t.data = newKeyspace(t.Hash, t.Rng, t.Hash, t.Rng)
	for _, ix := range t.indexes() {
		ix.data = newKeyspace(ix.Hash, ix.Rng, t.Hash, t.Rng)
	}

	rs := s.region(ctx.Account, ctx.Region)
	rs.mu.Lock()
	defer rs.mu.Unlock()
	if _, exists := rs.tables[name]; exists {
		return nil, awserr.New("ResourceInUseException", 400, "Table already exists: "+name)
	}
	if t.StreamEnabled {
		t.stream = s.newStream(t, t.StreamView, now)
		rs.addStream(t.stream)
	}
	rs.tables[name] = t
	return map[string]any{"TableDescription": t.describe(describeCreate, nil)}, nil
}

func (rs *regionState) addStream(st *Stream) {
	rs.streams[st.ARN] = st
	rs.streamOrder = append(rs.streamOrder, st)
}

// checkAttributeDefinitions requires every key attribute of the table and
// its indexes to be defined, and nothing else; the messages differ with and
// without secondary indexes, as AWS's do.
func checkAttributeDefinitions(t *Table, used map[string]bool) error {
	const head = "One or more parameter values were invalid: "
	indexes := len(t.GSIs)+len(t.LSIs) > 0
	var keys, missing []string
	for a := range used {
		keys = append(keys, a)
		if _, ok := t.AttrTypes[a]; !ok {
			missing = append(missing, a)
		}
	}
	sortStrings(keys)
	sortStrings(missing)
	defs := "[" + strings.Join(t.AttrOrder, ", ") + "]"
	switch {
	case len(t.AttrTypes) > len(used) && indexes:
		return validation(head + "Some AttributeDefinitions are not used. AttributeDefinitions: " + defs + ", keys used: [" + strings.Join(keys, ", ") + "]")
	case len(t.AttrTypes) > len(used):
		return validation(head + "Number of attributes in KeySchema does not exactly match number of attributes defined in AttributeDefinitions")
	case len(missing) > 0 && len(t.AttrTypes) < len(used) && !indexes:
		return validation("Invalid KeySchema: Some index key attribute have no definition")
	case len(missing) > 0:
		return validation(head + "Some index key attributes are not defined in AttributeDefinitions. Keys: [" + strings.Join(missing, ", ") + "], AttributeDefinitions: " + defs)
	}
	for _, a := range t.AttrOrder {
		switch t.AttrTypes[a] {
		case TypeS, TypeN, TypeB:
		default:
			return validation("1 validation error detected: Value '" + string(t.AttrTypes[a]) + "' at 'attributeDefinitions.1.member.attributeType' failed to satisfy constraint: Member must satisfy enum value set: [B, N, S]")
		}
	}
	return nil
}

func (s *Service) parseIndex(t *Table, m map[string]any, global bool) (*index, error) {
	ix := &index{Name: str(m, "IndexName"), Global: global, Status: "ACTIVE"}
	ks, err := parseKeySchema(list(m, "KeySchema"))
	if err != nil {
		return nil, err
	}
	ix.KeySchema = ks
	ix.Hash, ix.Rng = schemaNames(ks)
	ix.Projection, err = parseIndexProjection(object(m, "Projection"), ix.Name)
	if err != nil {
		return nil, err
	}
	r, w, hasPT := throughput(object(m, "ProvisionedThroughput"))
	if global {
		if t.BillingMode == "PAY_PER_REQUEST" && hasPT {
			return nil, validation("One or more parameter values were invalid: ProvisionedThroughput should not be specified for index: " + ix.Name + " when BillingMode is PAY_PER_REQUEST")
		}
		if t.BillingMode != "PAY_PER_REQUEST" && !hasPT {
			return nil, validation("One or more parameter values were invalid: ProvisionedThroughput must be specified for index: " + ix.Name)
		}
		ix.RCU, ix.WCU = r, w
		return ix, nil
	}
	if t.Rng == "" {
		return nil, validation("One or more parameter values were invalid: Table KeySchema does not have a range key, which is required when specifying a LocalSecondaryIndex")
	}
	if ix.Rng == "" {
		return nil, validation("One or more parameter values were invalid: Index KeySchema does not have a range key for index: " + ix.Name)
	}
	if ix.Hash != t.Hash {
		return nil, validation("One or more parameter values were invalid: Index KeySchema does not have the same leading hash key as table KeySchema for index: " + ix.Name + ". index hash key: " + ix.Hash + ", table hash key: " + t.Hash)
	}
	return ix, nil
}

func (s *Service) describeTable(ctx *service.Context, in service.Params) (any, error) {
	raw := str(in, "TableName")
	t, err := s.table(ctx, raw)
	if err != nil {
		return nil, resourceNotFound("Requested resource not found: Table: " + tableName(raw) + " not found")
	}
	t.mu.RLock()
	defer t.mu.RUnlock()
	return map[string]any{"Table": t.describe(describeCurrent, nil)}, nil
}

func (s *Service) deleteTable(ctx *service.Context, in service.Params) (any, error) {
	raw := str(in, "TableName")
	name := tableName(raw)
	rs := s.region(ctx.Account, ctx.Region)
	rs.mu.Lock()
	t := rs.tables[name]
	if t == nil {
		rs.mu.Unlock()
		return nil, resourceNotFound("Requested resource not found: Table: " + name + " not found")
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.DeletionProtection {
		rs.mu.Unlock()
		return nil, validation("1 validation error detected: Table '" + name + "' can't be deleted while DeletionProtectionEnabled is set to True")
	}
	delete(rs.tables, name)
	rs.mu.Unlock()
	s.disableStream(t)
	return map[string]any{"TableDescription": t.describe(describeDelete, nil)}, nil
}

func (s *Service) listTables(ctx *service.Context, in service.Params) (any, error) {
	limit, ok := integer(in, "Limit")
	if !ok {
		limit = 100
	}
	if limit < 1 || limit > 100 {
		return nil, validation("1 validation error detected: Value '" + itoa(int(limit)) + "' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 100")
	}
	start := str(in, "ExclusiveStartTableName")
	rs := s.region(ctx.Account, ctx.Region)
	rs.mu.RLock()
	names := sortedTableNames(rs.tables)
	rs.mu.RUnlock()
	out := []any{}
	var last string
	for _, n := range names {
		if start != "" && n <= start {
			continue
		}
		if int64(len(out)) == limit {
			break
		}
		out = append(out, n)
		last = n
	}
	res := map[string]any{"TableNames": out}
	if len(out) > 0 && last != names[len(names)-1] {
		res["LastEvaluatedTableName"] = last
	}
	return res, nil
}

func (s *Service) updateTable(ctx *service.Context, in service.Params) (any, error) {
	t, err := s.table(ctx, str(in, "TableName"))
	if err != nil {
		return nil, resourceNotFound("Requested resource not found: Table: " + tableName(str(in, "TableName")) + " not found")
	}
	rs := s.region(ctx.Account, ctx.Region)
	t.mu.Lock()
	defer t.mu.Unlock()
	now := s.now()
	changed := map[string]string{}
	mode := describeUpdate
	for _, d := range list(in, "AttributeDefinitions") {
		m, _ := d.(map[string]any)
		n := str(m, "AttributeName")
		if _, ok := t.AttrTypes[n]; !ok {
			t.AttrOrder = append(t.AttrOrder, n)
		}
		t.AttrTypes[n] = Type(str(m, "AttributeType"))
	}
	if bm := str(in, "BillingMode"); bm != "" && bm != t.BillingMode {
		t.BillingMode = bm
		if bm == "PAY_PER_REQUEST" {
			t.RCU, t.WCU = 0, 0
			for _, ix := range t.GSIs {
				ix.RCU, ix.WCU = 0, 0
			}
		}
		t.PayPerRequestTime = now
	}
	if r, w, ok := throughput(object(in, "ProvisionedThroughput")); ok {
		if t.BillingMode == "PAY_PER_REQUEST" {
			return nil, validation("One or more parameter values were invalid: Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST")
		}
		if r == t.RCU && w == t.WCU {
			return nil, validation("The provisioned throughput for the table will not change. The requested value equals the current value. Current ReadCapacityUnits provisioned for the table: " + itoa(int(t.RCU)) + ". Requested ReadCapacityUnits: " + itoa(int(r)) + ". Current WriteCapacityUnits provisioned for the table: " + itoa(int(t.WCU)) + ". Requested WriteCapacityUnits: " + itoa(int(w)) + ". Refer to the Amazon DynamoDB Developer Guide for current limits and how to request higher limits.")
		}
		if r > t.RCU || w > t.WCU {
			t.LastIncrease = now
		}
		if r < t.RCU || w < t.WCU {
			t.LastDecrease = now
		}
		t.RCU, t.WCU = r, w
	}
	for _, u := range list(in, "GlobalSecondaryIndexUpdates") {
		m, _ := u.(map[string]any)
		switch {
		case object(m, "Create") != nil:
			ix, err := s.parseIndex(t, object(m, "Create"), true)
			if err != nil {
				return nil, err
			}
			if t.findIndex(ix.Name) != nil {
				return nil, validation("One or more parameter values were invalid: Index with name: " + ix.Name + " already exists")
			}
			for _, a := range []string{ix.Hash, ix.Rng} {
				if _, ok := t.AttrTypes[a]; a != "" && !ok {
					return nil, validation("One or more parameter values were invalid: Some index key attributes are not defined in AttributeDefinitions. Keys: [" + a + "], AttributeDefinitions: [" + strings.Join(t.AttrOrder, ", ") + "]")
				}
			}
			ix.data = newKeyspace(ix.Hash, ix.Rng, t.Hash, t.Rng)
			// backfill from the table
			t.data.each(nil, func(it Item) bool {
				if indexKeysMatch(t, ix, it) {
					ix.data.put(it)
				}
				return true
			})
			t.GSIs = append(t.GSIs, ix)
			changed[ix.Name] = "CREATING"
		case object(m, "Update") != nil:
			up := object(m, "Update")
			ix := t.findIndex(str(up, "IndexName"))
			if ix == nil || !ix.Global {
				return nil, resourceNotFound("Requested resource not found: Index: " + str(up, "IndexName") + " not found")
			}
			if r, w, ok := throughput(object(up, "ProvisionedThroughput")); ok {
				ix.RCU, ix.WCU = r, w
			}
			changed[ix.Name] = "UPDATING"
		case object(m, "Delete") != nil:
			name := str(object(m, "Delete"), "IndexName")
			found := false
			for i, ix := range t.GSIs {
				if ix.Name == name {
					t.GSIs = append(t.GSIs[:i:i], t.GSIs[i+1:]...)
					found = true
					break
				}
			}
			if !found {
				return nil, resourceNotFound("Requested resource not found: Index: " + name + " not found")
			}
			changed[name] = "DELETING"
		}
	}
	if ss := object(in, "StreamSpecification"); ss != nil {
		en, _ := boolean(ss, "StreamEnabled")
		view := str(ss, "StreamViewType")
		switch {
		case en && t.StreamEnabled:
			return nil, validation("Table already has an enabled stream: " + t.stream.ARN)
		case en:
			if view == "" {
				return nil, validation("One or more parameter values were invalid: You must specify a StreamViewType when StreamEnabled is true")
			}
			t.StreamEnabled, t.StreamView = true, view
			t.stream = s.newStream(t, view, now)
			rs.mu.Lock()
			rs.addStream(t.stream)
			rs.mu.Unlock()
		case !en && !t.StreamEnabled:
			return nil, validation("Table already has no stream enabled")
		default:
			t.StreamEnabled = false
			s.disableStream(t)
		}
	}
	if dp, ok := boolean(in, "DeletionProtectionEnabled"); ok {
		t.DeletionProtection = dp
	}
	if sse := object(in, "SSESpecification"); sse != nil {
		if en, _ := boolean(sse, "Enabled"); en {
			key := str(sse, "KMSMasterKeyId")
			if key == "" || !strings.HasPrefix(key, "arn:") {
				key = service.ARN("kms", ctx.Region, ctx.Account, "key/"+service.UUID())
			}
			t.SSE = map[string]any{"Status": "ENABLED", "SSEType": "KMS", "KMSMasterKeyArn": key}
		} else {
			t.SSE = nil
		}
	}
	if c := str(in, "TableClass"); c != "" {
		t.TableClass = c
	}
	if od := object(in, "OnDemandThroughput"); od != nil {
		t.OnDemand = od
	}
	if wt := object(in, "WarmThroughput"); wt != nil {
		t.WarmRead, _ = integer(wt, "ReadUnitsPerSecond")
		t.WarmWrite, _ = integer(wt, "WriteUnitsPerSecond")
	}
	return map[string]any{"TableDescription": t.describe(mode, changed)}, nil
}

// indexKeysMatch reports whether an item's index key attributes have the
// types the table defines (items with other types are not indexed).
func indexKeysMatch(t *Table, ix *index, it Item) bool {
	for _, a := range []string{ix.Hash, ix.Rng} {
		if a == "" {
			continue
		}
		v := it[a]
		if v == nil || v.Type != t.AttrTypes[a] {
			return false
		}
	}
	return true
}

func (s *Service) describeLimits(ctx *service.Context, in service.Params) (any, error) {
	return map[string]any{
		"AccountMaxReadCapacityUnits":  int64(80000),
		"AccountMaxWriteCapacityUnits": int64(80000),
		"TableMaxReadCapacityUnits":    int64(40000),
		"TableMaxWriteCapacityUnits":   int64(40000),
	}, nil
}

func (s *Service) describeEndpoints(ctx *service.Context, in service.Params) (any, error) {
	return map[string]any{"Endpoints": []any{map[string]any{
		"Address":              "dynamodb." + ctx.Region + ".amazonaws.com",
		"CachePeriodInMinutes": int64(1440),
	}}}, nil
}

func (s *Service) updateTimeToLive(ctx *service.Context, in service.Params) (any, error) {
	t, err := s.table(ctx, str(in, "TableName"))
	if err != nil {
		return nil, err
	}
	spec := object(in, "TimeToLiveSpecification")
	en, _ := boolean(spec, "Enabled")
	attr := str(spec, "AttributeName")
	t.mu.Lock()
	defer t.mu.Unlock()
	if en == t.TTLEnabled {
		if en {
			return nil, validation("TimeToLive is already enabled")
		}
		return nil, validation("TimeToLive is already disabled")
	}
	if !en && attr != t.TTLAttr {
		return nil, validation("TimeToLive attribute name does not match the existing one")
	}
	t.TTLEnabled, t.TTLAttr = en, attr
	return map[string]any{"TimeToLiveSpecification": map[string]any{"AttributeName": attr, "Enabled": en}}, nil
}

func (s *Service) describeTimeToLive(ctx *service.Context, in service.Params) (any, error) {
	t, err := s.table(ctx, str(in, "TableName"))
	if err != nil {
		return nil, err
	}
	t.mu.RLock()
	defer t.mu.RUnlock()
	d := map[string]any{"TimeToLiveStatus": "DISABLED"}
	if t.TTLEnabled {
		d = map[string]any{"TimeToLiveStatus": "ENABLED", "AttributeName": t.TTLAttr}
	}
	return map[string]any{"TimeToLiveDescription": d}, nil
}

func (s *Service) continuousBackups(t *Table) map[string]any {
	pitr := map[string]any{"PointInTimeRecoveryStatus": "DISABLED"}
	if t.PITR {
		now := s.now()
		earliest := now.Add(-time.Duration(t.PITRPeriod) * 24 * time.Hour)
		if earliest.Before(t.Created) {
			earliest = t.Created
		}
		pitr = map[string]any{
			"PointInTimeRecoveryStatus":  "ENABLED",
			"EarliestRestorableDateTime": earliest,
			"LatestRestorableDateTime":   now.Add(-5 * time.Minute),
			"RecoveryPeriodInDays":       t.PITRPeriod,
		}
	}
	return map[string]any{"ContinuousBackupsDescription": map[string]any{
		"ContinuousBackupsStatus":        "ENABLED",
		"PointInTimeRecoveryDescription": pitr,
	}}
}

func (s *Service) updateContinuousBackups(ctx *service.Context, in service.Params) (any, error) {
	t, err := s.table(ctx, str(in, "TableName"))
	if err != nil {
		return nil, awserr.New("TableNotFoundException", 400, "Table not found: "+tableName(str(in, "TableName")))
	}
	spec := object(in, "PointInTimeRecoverySpecification")
	t.mu.Lock()
	defer t.mu.Unlock()
	t.PITR, _ = boolean(spec, "PointInTimeRecoveryEnabled")
	if d, ok := integer(spec, "RecoveryPeriodInDays"); ok {
		if d < 1 || d > 35 {
			return nil, validation("1 validation error detected: Value '" + itoa(int(d)) + "' at 'pointInTimeRecoverySpecification.recoveryPeriodInDays' failed to satisfy constraint: Member must have value less than or equal to 35")
		}
		t.PITRPeriod = d
	}
	return s.continuousBackups(t), nil
}

func (s *Service) describeContinuousBackups(ctx *service.Context, in service.Params) (any, error) {
	t, err := s.table(ctx, str(in, "TableName"))
	if err != nil {
		return nil, awserr.New("TableNotFoundException", 400, "Table not found: "+tableName(str(in, "TableName")))
	}
	t.mu.RLock()
	defer t.mu.RUnlock()
	return s.continuousBackups(t), nil
}

func (s *Service) describeContributorInsights(ctx *service.Context, in service.Params) (any, error) {
	t, err := s.table(ctx, str(in, "TableName"))
	if err != nil {
		return nil, err
	}
	t.mu.RLock()
	defer t.mu.RUnlock()
	st := t.ContributorInsight
	if st == "" {
		st = "DISABLED"
	}
	out := map[string]any{"TableName": t.Name, "ContributorInsightsStatus": st}
	if ix := str(in, "IndexName"); ix != "" {
		out["IndexName"] = ix
	}
	return out, nil
}

func (s *Service) updateContributorInsights(ctx *service.Context, in service.Params) (any, error) {
	t, err := s.table(ctx, str(in, "TableName"))
	if err != nil {
		return nil, err
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	st := "DISABLED"
	if str(in, "ContributorInsightsAction") == "ENABLE" {
		st = "ENABLED"
	}
	t.ContributorInsight = st
	out := map[string]any{"TableName": t.Name, "ContributorInsightsStatus": st}
	if ix := str(in, "IndexName"); ix != "" {
		out["IndexName"] = ix
	}
	return out, nil
}

// tableByARN resolves a resource ARN of a table (or its index or stream).
func (s *Service) tableByARN(ctx *service.Context, arn string) (*Table, error) {
	a, ok := service.ParseARN(arn)
	if !ok || a.Service != "dynamodb" || !strings.HasPrefix(a.Resource, "table/") {
		return nil, validation("Invalid TableArn: Invalid ResourceArn provided as input " + arn)
	}
	rs := s.region(a.Account, a.Region)
	rs.mu.RLock()
	t := rs.tables[tableName(arn)]
	rs.mu.RUnlock()
	if t == nil {
		return nil, resourceNotFound("Requested resource not found: ResourcArn: " + arn + " not found")
	}
	return t, nil
}

func (s *Service) tagResource(ctx *service.Context, in service.Params) (any, error) {
	t, err := s.tableByARN(ctx, str(in, "ResourceArn"))
	if err != nil {
		return nil, err
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	for _, tag := range list(in, "Tags") {
		m, _ := tag.(map[string]any)
		t.Tags[str(m, "Key")] = str(m, "Value")
	}
	if len(t.Tags) > 50 {
		return nil, validation("One or more parameter values were invalid: Too many tags attached to the resource")
	}
	return map[string]any{}, nil
}

func (s *Service) untagResource(ctx *service.Context, in service.Params) (any, error) {
	t, err := s.tableByARN(ctx, str(in, "ResourceArn"))
	if err != nil {
		return nil, err
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	for _, k := range list(in, "TagKeys") {
		ks, _ := k.(string)
		delete(t.Tags, ks)
	}
	return map[string]any{}, nil
}

func (s *Service) listTagsOfResource(ctx *service.Context, in service.Params) (any, error) {
	t, err := s.tableByARN(ctx, str(in, "ResourceArn"))
	if err != nil {
		return nil, err
	}
	t.mu.RLock()
	defer t.mu.RUnlock()
	return map[string]any{"Tags": t.Tags.List()}, nil
}

func (s *Service) putResourcePolicy(ctx *service.Context, in service.Params) (any, error) {
	t, err := s.tableByARN(ctx, str(in, "ResourceArn"))
	if err != nil {
		return nil, err
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	if exp := str(in, "ExpectedRevisionId"); exp != "" && exp != t.PolicyRevision {
		return nil, awserr.New("PolicyNotFoundException", 400, "Resource-based policy not found for the provided ResourceArn: Requested update for policy with revision id "+exp+", but the policy associated to target table "+t.Name+" has revision id "+t.PolicyRevision+".")
	}
	t.Policy = str(in, "Policy")
	t.PolicyRevision = itoa(int(s.now().UnixNano() % 1e13))
	return map[string]any{"RevisionId": t.PolicyRevision}, nil
}

func (s *Service) getResourcePolicy(ctx *service.Context, in service.Params) (any, error) {
	t, err := s.tableByARN(ctx, str(in, "ResourceArn"))
	if err != nil {
		return nil, err
	}
	t.mu.RLock()
	defer t.mu.RUnlock()
	if t.Policy == "" {
		return nil, awserr.New("PolicyNotFoundException", 400, "Resource-based policy not found for the provided ResourceArn: "+str(in, "ResourceArn"))
	}
	return map[string]any{"Policy": t.Policy, "RevisionId": t.PolicyRevision}, nil
}

func (s *Service) deleteResourcePolicy(ctx *service.Context, in service.Params) (any, error) {
	t, err := s.tableByARN(ctx, str(in, "ResourceArn"))
	if err != nil {
		return nil, err
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.Policy == "" {
		return nil, awserr.New("PolicyNotFoundException", 400, "Resource-based policy not found for the provided ResourceArn: "+str(in, "ResourceArn"))
	}
	t.Policy = ""
	rev := itoa(int(s.now().UnixNano() % 1e13))
	t.PolicyRevision = ""
	return map[string]any{"RevisionId": rev}, nil
}

func sortStrings(s []string) []string {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j] < s[j-1]; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
	return s
}
