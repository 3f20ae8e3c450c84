package dynamodb

import (
	"fmt"
	"sort"
	"time"

	"github.com/parity-harness/parity/emulator/awserr"
	"github.com/parity-harness/parity/emulator/service"
)

// backup is an on-demand backup: the table's definition and a copy of its
// items at the time of the backup (items are immutable, so the copy shares
// them).
type backup struct {
	ARN, Name string
	Created   time.Time
	Size      int64
	Deleted   bool
	source    *Table // a detached copy of the table
}

func (rs *regionState) backupList() []*backup {
	out := make([]*backup, 0, len(rs.backups))
	for _, b := range rs.backups {
		out = append(out, b)
	}
	sort.Slice(out, func(i, j int) bool {
		if !out[i].Created.Equal(out[j].Created) {
			return out[i].Created.Before(out[j].Created)
		}
		return out[i].ARN < out[j].ARN
	})
	return out
}

// copyTable returns a detached copy of t's definition and items under a new
// name. The caller holds t.mu.
func copyTable(t *Table, name, arn string) *Table {
	c := &Table{
		Name: name, ARN: arn, ID: t.ID, Account: t.Account, Region: t.Region, Created: t.Created,
		KeySchema: t.KeySchema, Hash: t.Hash, Rng: t.Rng, AttrTypes: map[string]Type{}, AttrOrder: append([]string(nil), t.AttrOrder...),
		BillingMode: t.BillingMode, PayPerRequestTime: t.PayPerRequestTime, RCU: t.RCU, WCU: t.WCU,
		TableClass: t.TableClass, SSE: t.SSE, Tags: service.Tags{}, PITRPeriod: 35,
	}
	for k, v := range t.AttrTypes {
		c.AttrTypes[k] = v
	}
	c.data = newKeyspace(c.Hash, c.Rng, c.Hash, c.Rng)
	for _, ix := range t.indexes() {
		cp := *ix
		cp.data = newKeyspace(ix.Hash, ix.Rng, c.Hash, c.Rng)
		if ix.Global {
			c.GSIs = append(c.GSIs, &cp)
		} else {
			c.LSIs = append(c.LSIs, &cp)
		}
	}
	t.data.each(nil, func(it Item) bool {
		c.store(nil, it)
		return true
	})
	return c
}

func (b *backup) details(status string) map[string]any {
	if status == "" {
		status = "AVAILABLE"
		if b.Deleted {
			status = "DELETED"
		}
	}
	return map[string]any{
		"BackupArn": b.ARN, "BackupName": b.Name, "BackupSizeBytes": b.Size, "BackupStatus": status,
		"BackupType": "USER", "BackupCreationDateTime": b.Created,
	}
}

func (b *backup) description(status string) map[string]any {
	t := b.source
	src := map[string]any{
		"TableName": t.Name, "TableId": t.ID, "TableArn": t.ARN, "TableSizeBytes": t.data.bytes,
		"KeySchema": keySchemaWire(t.KeySchema), "TableCreationDateTime": t.Created, "ItemCount": int64(t.data.count),
		"ProvisionedThroughput": map[string]any{"ReadCapacityUnits": t.RCU, "WriteCapacityUnits": t.WCU},
		"BillingMode":           t.BillingMode,
	}
	features := map[string]any{}
	if len(t.GSIs) > 0 {
		var l []any
		for _, ix := range t.GSIs {
			l = append(l, map[string]any{"IndexName": ix.Name, "KeySchema": keySchemaWire(ix.KeySchema), "Projection": ix.Projection.wire(),
				"ProvisionedThroughput": map[string]any{"ReadCapacityUnits": ix.RCU, "WriteCapacityUnits": ix.WCU}})
		}
		features["GlobalSecondaryIndexes"] = l
	}
	if len(t.LSIs) > 0 {
		var l []any
		for _, ix := range t.LSIs {
			l = append(l, map[string]any{"IndexName": ix.Name, "KeySchema": keySchemaWire(ix.KeySchema), "Projection": ix.Projection.wire()})
		}
		features["LocalSecondaryIndexes"] = l
	}
	if t.SSE != nil {
		features["SSEDescription"] = t.SSE
	}
	return map[string]any{"BackupDetails": b.details(status), "SourceTableDetails": src, "SourceTableFeatureDetails": features}
}

func (s *Service) createBackup(ctx *service.Context, in service.Params) (any, error) {
	t, err := s.table(ctx, str(in, "TableName"))
	if err != nil {
		return nil, awserr.New("TableNotFoundException", 400, "Table not found: "+tableName(str(in, "TableName")))
	}
	name := str(in, "BackupName")
	now := s.now()
	t.mu.RLock()
	arn := fmt.Sprintf("%s/backup/%017d-%s", t.ARN, now.UnixMilli(), service.RandomHex(4))
	b := &backup{ARN: arn, Name: name, Created: now, Size: t.data.bytes, source: copyTable(t, t.Name, t.ARN)}
	t.mu.RUnlock()
	rs := s.region(ctx.Account, ctx.Region)
	rs.mu.Lock()
	rs.backups[arn] = b
	rs.mu.Unlock()
	return map[string]any{"BackupDetails": b.details("CREATING")}, nil
}

func (s *Service) findBackup(ctx *service.Context, arn string) (*backup, error) {
	rs := s.region(ctx.Account, ctx.Region)
	rs.mu.RLock()
	b := rs.backups[arn]
	rs.mu.RUnlock()
	if b == nil || b.Deleted {
		return nil, awserr.New("BackupNotFoundException", 400, "Backup not found: "+arn)
	}
	return b, nil
}

func (s *Service) describeBackup(ctx *service.Context, in service.Params) (any, error) {
	b, err := s.findBackup(ctx, str(in, "BackupArn"))
	if err != nil {
		return nil, err
	}
	return map[string]any{"BackupDescription": b.description("")}, nil
}

func (s *Service) deleteBackup(ctx *service.Context, in service.Params) (any, error) {
	b, err := s.findBackup(ctx, str(in, "BackupArn"))
	if err != nil {
		return nil, err
	}
	rs := s.region(ctx.Account, ctx.Region)
	rs.mu.Lock()
	delete(rs.backups, b.ARN)
	rs.mu.Unlock()
	return map[string]any{"BackupDescription": b.description("DELETED")}, nil
}

func (s *Service) listBackups(ctx *service.Context, in service.Params) (any, error) {
	rs := s.region(ctx.Account, ctx.Region)
	rs.mu.RLock()
	all := rs.backupList()
	rs.mu.RUnlock()
	table := tableName(str(in, "TableName"))
	start := str(in, "ExclusiveStartBackupArn")
	limit, ok := integer(in, "Limit")
	if !ok {
		limit = 100
	}
	out := []any{}
	skipping := start != ""
	var last string
	more := false
	for _, b := range all {
		if skipping {
			skipping = b.ARN != start
			continue
		}
		if table != "" && b.source.Name != table {
			continue
		}
		if t := str(in, "BackupType"); t != "" && t != "USER" && t != "ALL" {
			continue
		}
		if int64(len(out)) == limit {
			more = true
			break
		}
		out = append(out, map[string]any{
			"TableName": b.source.Name, "TableId": b.source.ID, "TableArn": b.source.ARN, "BackupArn": b.ARN, "BackupName": b.Name,
			"BackupCreationDateTime": b.Created, "BackupStatus": "AVAILABLE", "BackupType": "USER", "BackupSizeBytes": b.Size,
		})
		last = b.ARN
	}
	res := map[string]any{"BackupSummaries": out}
	if more {
		res["LastEvaluatedBackupArn"] = last
	}
	return res, nil
}

// restore creates table name from src (a detached copy) with a restore
// summary.
func (s *Service) restore(ctx *service.Context, src *Table, name string, summary map[string]any, in map[string]any) (any, error) {
	if err := checkTableName("targetTableName", name); err != nil {
		return nil, err
	}
	now := s.now()
	arn := service.ARN("dynamodb", ctx.Region, ctx.Account, "table/"+name)
	src.mu.RLock()
	t := copyTable(src, name, arn)
	src.mu.RUnlock()
	t.ID, t.Created, t.Account, t.Region = service.UUID(), now, ctx.Account, ctx.Region
	if bm := str(in, "BillingModeOverride"); bm != "" {
		t.BillingMode = bm
		if bm == "PAY_PER_REQUEST" {
			t.RCU, t.WCU = 0, 0
			t.PayPerRequestTime = now
		}
	}
	if r, w, ok := throughput(object(in, "ProvisionedThroughputOverride")); ok {
		t.RCU, t.WCU = r, w
	}
	summary["RestoreDateTime"] = now
	summary["RestoreInProgress"] = true
	rs := s.region(ctx.Account, ctx.Region)
	rs.mu.Lock()
	defer rs.mu.Unlock()
	if _, exists := rs.tables[name]; exists {
		return nil, awserr.New("TableAlreadyExistsException", 400, "Table already exists: "+name)
	}
	rs.tables[name] = t
	d := t.describe(describeCreate, nil)
	d["RestoreSummary"] = summary
	return map[string]any{"TableDescription": d}, nil
}

func (s *Service) restoreTableFromBackup(ctx *service.Context, in service.Params) (any, error) {
	b, err := s.findBackup(ctx, str(in, "BackupArn"))
	if err != nil {
		return nil, err
	}
	return s.restore(ctx, b.source, str(in, "TargetTableName"), map[string]any{"SourceBackupArn": b.ARN, "SourceTableArn": b.source.ARN}, in)
}

func (s *Service) restoreTableToPointInTime(ctx *service.Context, in service.Params) (any, error) {
	raw := str(in, "SourceTableName")
	if raw == "" {
		raw = str(in, "SourceTableArn")
	}
	t, err := s.table(ctx, raw)
	if err != nil {
		return nil, awserr.New("SourceTableNotFoundException", 400, "Source table not found: "+tableName(raw))
	}
	t.mu.RLock()
	pitr := t.PITR
	t.mu.RUnlock()
	if !pitr {
		return nil, awserr.New("PointInTimeRecoveryUnavailableException", 400, "Point in time recovery is not enabled for table '"+t.Name+"'")
	}
	return s.restore(ctx, t, str(in, "TargetTableName"), map[string]any{"SourceTableArn": t.ARN}, in)
}
