package dynamodb

import (
	"hash/fnv"
	"sort"
	"strings"

	"github.com/parity-harness/parity/emulator/service"
)

const maxPageBytes = 1 << 20

// keyRange is the sort key condition of a query.
type keyRange struct {
	lo, hi     *Value
	loEx, hiEx bool
	prefix     *Value
	attr       string
}

// readRequest is a prepared Query or Scan.
type readRequest struct {
	t          *Table
	ix         *index
	ks         *keyspace
	hashVal    *Value
	rng        keyRange
	filter     condition
	proj       []docPath
	selectMode string
	limit      int
	start      Item
	forward    bool
	consistent bool
	segment    int
	segments   int
}

func (s *Service) prepareReadRequest(ctx *service.Context, in map[string]any, isQuery bool) (*readRequest, error) {
	r := &readRequest{forward: true}
	if f, ok := boolean(in, "ScanIndexForward"); ok {
		r.forward = f
	}
	r.consistent, _ = boolean(in, "ConsistentRead")
	exprParams := []string{"FilterExpression", "ProjectionExpression"}
	legacyParams := []string{"AttributesToGet"}
	if isQuery {
		exprParams = append(exprParams, "KeyConditionExpression")
		legacyParams = append(legacyParams, "QueryFilter", "KeyConditions")
	} else {
		legacyParams = append(legacyParams, "ScanFilter")
	}
	if err := conflictCheck(in, legacyParams, exprParams); err != nil {
		return nil, err
	}
	env, err := newExprEnv(in["ExpressionAttributeNames"], in["ExpressionAttributeValues"])
	if err != nil {
		return nil, err
	}
	var keyCond condition
	if isQuery && has(in, "KeyConditionExpression") {
		if keyCond, err = parseCondition("KeyConditionExpression", str(in, "KeyConditionExpression"), env); err != nil {
			return nil, err
		}
	}
	if has(in, "FilterExpression") {
		if r.filter, err = parseCondition("FilterExpression", str(in, "FilterExpression"), env); err != nil {
			return nil, err
		}
	}
	if has(in, "ProjectionExpression") {
		if r.proj, err = parseProjection(str(in, "ProjectionExpression"), env); err != nil {
			return nil, err
		}
	}
	if err := env.checkUnused(); err != nil {
		return nil, err
	}
	if r.proj == nil {
		r.proj = legacyProjection(list(in, "AttributesToGet"))
	}
	if r.filter == nil {
		legacy := "ScanFilter"
		if isQuery {
			legacy = "QueryFilter"
		}
		if r.filter, err = legacyCondition(object(in, legacy), str(in, "ConditionalOperator"), legacy); err != nil {
			return nil, err
		}
	}
	if isQuery && keyCond == nil {
		if keyCond, err = legacyCondition(object(in, "KeyConditions"), "AND", "KeyConditions"); err != nil {
			return nil, err
		}
		if keyCond == nil {
			return nil, validation("Either the KeyConditions or KeyConditionExpression parameter must be specified in the request.")
		}
	}
	if l, ok := integer(in, "Limit"); ok {
		if l < 1 {
			return nil, validation("1 validation error detected: Value '" + itoa(int(l)) + "' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1")
		}
		r.limit = int(l)
	}
	if !isQuery {
		seg, hasSeg := integer(in, "Segment")
		tot, hasTot := integer(in, "TotalSegments")
		switch {
		case hasSeg && !hasTot:
			return nil, validation("The TotalSegments parameter is required but was not present in the request when Segment parameter is present")
		case hasTot && !hasSeg:
			return nil, validation("The Segment parameter is required but was not present in the request when parameter TotalSegments is present")
		case hasTot && (tot < 1 || tot > 1000000):
			return nil, validation("1 validation error detected: Value '" + itoa(int(tot)) + "' at 'totalSegments' failed to satisfy constraint: Member must have value less than or equal to 1000000")
		case hasSeg && seg >= tot:
			return nil, validation("The Segment parameter is zero-based and must be less than parameter TotalSegments: Segment: " + itoa(int(seg)) + " is not less than TotalSegments: " + itoa(int(tot)))
		}
		r.segment, r.segments = int(seg), int(tot)
	}
	if r.t, err = s.table(ctx, str(in, "TableName")); err != nil {
		return nil, err
	}
	r.ks = r.t.data
	if name := str(in, "IndexName"); name != "" {
		r.ix = r.t.findIndex(name)
		if r.ix == nil {
			return nil, validation("The table does not have the specified index: " + name)
		}
		r.ks = r.ix.data
		if r.ix.Global && r.consistent {
			return nil, validation("Consistent reads are not supported on global secondary indexes")
		}
	}
	if err := r.checkSelect(str(in, "Select"), has(in, "ProjectionExpression"), has(in, "AttributesToGet")); err != nil {
		return nil, err
	}
	if isQuery {
		if err := r.keyCondition(keyCond); err != nil {
			return nil, err
		}
		if r.filter != nil {
			if err := r.checkFilterKeys(r.filter); err != nil {
				return nil, err
			}
		}
	}
	if has(in, "ExclusiveStartKey") {
		start, err := parseItem(in["ExclusiveStartKey"])
		if err != nil {
			return nil, err
		}
		if err := r.checkStartKey(start); err != nil {
			return nil, err
		}
		r.start = start
	}
	return r, nil
}

func (r *readRequest) checkSelect(sel string, hasProj, hasAttrs bool) error {
	if sel == "" {
		if hasProj || hasAttrs {
			sel = "SPECIFIC_ATTRIBUTES"
		} else if r.ix != nil {
			sel = "ALL_PROJECTED_ATTRIBUTES"
		} else {
			sel = "ALL_ATTRIBUTES"
		}
	}
	switch sel {
	case "SPECIFIC_ATTRIBUTES":
		if !hasProj && !hasAttrs {
			return validation("One or more parameter values were invalid: Select type SPECIFIC_ATTRIBUTES requires either AttributesToGet or ProjectionExpression")
		}
	case "ALL_ATTRIBUTES", "ALL_PROJECTED_ATTRIBUTES", "COUNT":
		if hasProj {
			return validation("One or more parameter values were invalid: Select type " + sel + " is not allowed with ProjectionExpression")
		}
		if hasAttrs {
			return validation("One or more parameter values were invalid: Cannot specify the AttributesToGet when choosing to get " + sel)
		}
		if sel == "ALL_PROJECTED_ATTRIBUTES" && r.ix == nil {
			return validation("One or more parameter values were invalid: Select type ALL_PROJECTED_ATTRIBUTES is supported only for index queries")
		}
		if sel == "ALL_ATTRIBUTES" && r.ix != nil && r.ix.Global && r.ix.Projection.Type != "ALL" {
			return validation("One or more parameter values were invalid: Select type ALL_ATTRIBUTES is not supported for global secondary index " + r.ix.Name + " because its projection type is not ALL")
		}
	default:
		return validation("1 validation error detected: Value '" + sel + "' at 'select' failed to satisfy constraint: Member must satisfy enum value set: [SPECIFIC_ATTRIBUTES, COUNT, ALL_ATTRIBUTES, ALL_PROJECTED_ATTRIBUTES]")
	}
	r.selectMode = sel
	return nil
}

func flattenAnd(c condition, out []condition) []condition {
	if l, ok := c.(*logicCond); ok && l.Op == "AND" {
		return flattenAnd(l.R, flattenAnd(l.L, out))
	}
	return append(out, c)
}

// keyCondition turns a key condition into the partition value and the sort
// key range.
func (r *readRequest) keyCondition(c condition) error {
	atoms := flattenAnd(c, nil)
	hashName, rngName := r.ks.hash, r.ks.rng
	seen := map[string]bool{}
	for _, a := range atoms {
		var path *pathOperand
		var vals []*Value
		op := ""
		switch a := a.(type) {
		case *compareCond:
			op = a.Op
			p, pv := a.L, a.R
			if _, ok := a.L.(*valueOperand); ok {
				p, pv = a.R, a.L
				op = map[string]string{"<": ">", "<=": ">=", ">": "<", ">=": "<=", "=": "=", "<>": "<>"}[op]
			}
			pp, ok1 := p.(*pathOperand)
			vv, ok2 := pv.(*valueOperand)
			if !ok1 || !ok2 {
				return validation("Invalid KeyConditionExpression: The key condition must compare an attribute with a value")
			}
			if op == "<>" {
				return validation("Unsupported operator on KeyConditionExpression: operator: <>")
			}
			path, vals = pp, []*Value{vv.Value}
		case *betweenCond:
			op = "BETWEEN"
			pp, ok := a.X.(*pathOperand)
			lo, ok1 := a.Lo.(*valueOperand)
			hi, ok2 := a.Hi.(*valueOperand)
			if !ok || !ok1 || !ok2 {
				return validation("Invalid KeyConditionExpression: The key condition must compare an attribute with a value")
			}
			path, vals = pp, []*Value{lo.Value, hi.Value}
		case *funcCond:
			if a.Name != "begins_with" {
				return validation("Invalid operator used in KeyConditionExpression: " + a.Name)
			}
			op = "begins_with"
			pp, ok := a.Args[0].(*pathOperand)
			vv, ok1 := a.Args[1].(*valueOperand)
			if !ok || !ok1 {
				return validation("Invalid KeyConditionExpression: The key condition must compare an attribute with a value")
			}
			path, vals = pp, []*Value{vv.Value}
		case *logicCond:
			return validation("Invalid operator used in KeyConditionExpression: " + a.Op)
		case *notCond:
			return validation("Invalid operator used in KeyConditionExpression: NOT")
		case *inCond:
			return validation("Invalid operator used in KeyConditionExpression: IN")
		}
		if len(path.Path) != 1 {
			return validation("KeyConditionExpressions cannot have conditions on nested attributes")
		}
		name := path.Path[0].Name
		if seen[name] {
			return validation("KeyConditionExpressions must only contain one condition per key")
		}
		seen[name] = true
		switch name {
		case hashName:
			if op != "=" {
				return validation("Query key condition not supported")
			}
			if vals[0].Type != r.t.AttrTypes[name] {
				return validation("One or more parameter values were invalid: Condition parameter type does not match schema type")
			}
			r.hashVal = vals[0]
		case rngName:
			for _, v := range vals {
				if v.Type != r.t.AttrTypes[name] {
					return validation("One or more parameter values were invalid: Condition parameter type does not match schema type")
				}
			}
			kr := keyRange{attr: name}
			switch op {
			case "=":
				kr.lo, kr.hi = vals[0], vals[0]
			case "<":
				kr.hi, kr.hiEx = vals[0], true
			case "<=":
				kr.hi = vals[0]
			case ">":
				kr.lo, kr.loEx = vals[0], true
			case ">=":
				kr.lo = vals[0]
			case "BETWEEN":
				if c, _ := compareScalar(vals[0], vals[1]); c > 0 {
					return validation("Invalid KeyConditionExpression: The BETWEEN operator requires upper bound to be greater than or equal to lower bound; lower bound operand: AttributeValue: " + vals[0].describe() + ", upper bound operand: AttributeValue: " + vals[1].describe())
				}
				kr.lo, kr.hi = vals[0], vals[1]
			case "begins_with":
				if vals[0].Type == TypeN {
					return validation("Invalid KeyConditionExpression: Incorrect operand type for operator or function; operator or function: begins_with, operand type: N")
				}
				kr.prefix = vals[0]
			}
			r.rng = kr
		default:
			if rngName == "" {
				return validation("Query key condition not supported")
			}
			if !seen[hashName] && len(atoms) == 1 {
				return validation("Query condition missed key schema element: " + hashName)
			}
			return validation("Query condition missed key schema element: " + rngName)
		}
	}
	if r.hashVal == nil {
		return validation("Query condition missed key schema element: " + hashName)
	}
	return nil
}

// checkFilterKeys rejects filters on the queried key attributes.
func (r *readRequest) checkFilterKeys(c condition) error {
	var bad string
	visitPaths(c, func(p docPath) {
		if bad == "" && (p[0].Name == r.ks.hash || (r.ks.rng != "" && p[0].Name == r.ks.rng)) {
			bad = p[0].Name
		}
	})
	if bad != "" {
		return validation("Filter Expression can only contain non-primary key attributes: Primary key attribute: " + bad)
	}
	return nil
}

func visitPaths(c condition, fn func(docPath)) {
	var op func(o operand)
	op = func(o operand) {
		switch o := o.(type) {
		case *pathOperand:
			fn(o.Path)
		case *funcOperand:
			for _, a := range o.Args {
				op(a)
			}
		}
	}
	switch c := c.(type) {
	case *logicCond:
		visitPaths(c.L, fn)
		visitPaths(c.R, fn)
	case *notCond:
		visitPaths(c.C, fn)
	case *compareCond:
		op(c.L)
		op(c.R)
	case *betweenCond:
		op(c.X)
		op(c.Lo)
		op(c.Hi)
	case *inCond:
		op(c.X)
		for _, o := range c.List {
			op(o)
		}
	case *funcCond:
		for _, o := range c.Args {
			op(o)
		}
	}
}

func (r *readRequest) keyAttrs() []string {
	attrs := []string{r.t.Hash}
	if r.t.Rng != "" {
		attrs = append(attrs, r.t.Rng)
	}
	if r.ix != nil {
		for _, a := range []string{r.ix.Hash, r.ix.Rng} {
			if a != "" && a != r.t.Hash && a != r.t.Rng {
				attrs = append(attrs, a)
			}
		}
	}
	return attrs
}

func (r *readRequest) checkStartKey(start Item) error {
	attrs := r.keyAttrs()
	if len(start) != len(attrs) {
		return validation("The provided starting key is invalid: The provided key element does not match the schema")
	}
	for _, a := range attrs {
		v := start[a]
		if v == nil || v.Type != r.t.AttrTypes[a] {
			return validation("The provided starting key is invalid: The provided key element does not match the schema")
		}
	}
	return nil
}

func (r *readRequest) lastKey(it Item) map[string]any {
	k := Item{}
	for _, a := range r.keyAttrs() {
		k[a] = it[a]
	}
	return k.Wire()
}

// inRange reports where a sort key value lies relative to the range: -1
// before it, 0 inside, 1 after it.
func (kr *keyRange) position(v *Value) int {
	if kr.attr == "" {
		return 0
	}
	if kr.prefix != nil {
		c, _ := compareScalar(v, kr.prefix)
		if c < 0 {
			return -1
		}
		switch v.Type {
		case TypeS:
			if strings.HasPrefix(v.S, kr.prefix.S) {
				return 0
			}
		case TypeB:
			if strings.HasPrefix(string(v.B), string(kr.prefix.B)) {
				return 0
			}
		}
		return 1
	}
	if kr.lo != nil {
		c, _ := compareScalar(v, kr.lo)
		if c < 0 || (c == 0 && kr.loEx) {
			return -1
		}
	}
	if kr.hi != nil {
		c, _ := compareScalar(v, kr.hi)
		if c > 0 || (c == 0 && kr.hiEx) {
			return 1
		}
	}
	return 0
}

// result is the output of a query or scan page.
type result struct {
	items   []Item
	count   int
	scanned int
	bytes   int
	lastKey map[string]any
}

// accept runs one evaluated item through the filter and the page limits;
// it returns false when the page is full.
func (r *readRequest) accept(res *result, it Item) bool {
	res.scanned++
	res.bytes += it.Size()
	if r.filter == nil || evalCondition(it, r.filter) {
		res.count++
		if r.selectMode != "COUNT" {
			out := it
			if r.ix != nil && r.selectMode != "ALL_ATTRIBUTES" {
				out = r.t.projectForIndex(r.ix, it)
			}
			if r.proj != nil {
				out = project(out, r.proj)
			}
			res.items = append(res.items, out)
		}
	}
	if (r.limit > 0 && res.scanned >= r.limit) || res.bytes >= maxPageBytes {
		res.lastKey = r.lastKey(it)
		return false
	}
	return true
}

// runQuery evaluates a query; the caller holds r.t.mu.
func (r *readRequest) runQuery() *result {
	res := &result{}
	p := r.ks.partitionOf(r.hashVal)
	if p == nil {
		return res
	}
	items := p.items
	rngAttr := r.ks.rng
	first := sort.Search(len(items), func(i int) bool {
		return rngAttr == "" || r.rng.position(items[i][rngAttr]) >= 0
	})
	end := sort.Search(len(items), func(i int) bool {
		return rngAttr != "" && r.rng.position(items[i][rngAttr]) > 0
	})
	if end < first {
		end = first
	}
	seg := items[first:end]
	if r.start != nil {
		if r.forward {
			i := sort.Search(len(seg), func(i int) bool { return r.ks.cmpOrder(seg[i], r.start) > 0 })
			seg = seg[i:]
		} else {
			i := sort.Search(len(seg), func(i int) bool { return r.ks.cmpOrder(seg[i], r.start) >= 0 })
			seg = seg[:i]
		}
	}
	if r.forward {
		for _, it := range seg {
			if !r.accept(res, it) {
				break
			}
		}
	} else {
		for i := len(seg) - 1; i >= 0; i-- {
			if !r.accept(res, seg[i]) {
				break
			}
		}
	}
	return res
}

func segmentOf(h *Value, total int) int {
	f := fnv.New32a()
	f.Write([]byte(keyString(h)))
	return int(f.Sum32() % uint32(total))
}

// runScan evaluates a scan; the caller holds r.t.mu.
func (r *readRequest) runScan() *result {
	res := &result{}
	r.ks.each(r.start, func(it Item) bool {
		if r.segments > 0 && segmentOf(it[r.ks.hash], r.segments) != r.segment {
			return true
		}
		return r.accept(res, it)
	})
	return res
}

func (r *readRequest) output(res *result, mode string) map[string]any {
	out := map[string]any{"Count": int64(res.count), "ScannedCount": int64(res.scanned)}
	if r.selectMode != "COUNT" {
		items := make([]any, len(res.items))
		for i, it := range res.items {
			items[i] = it.Wire()
		}
		out["Items"] = items
	}
	if res.lastKey != nil {
		out["LastEvaluatedKey"] = res.lastKey
	}
	cap := &capacity{table: r.t.Name}
	u := float64((res.bytes + 4095) / 4096)
	if u < 1 {
		u = 1
	}
	if !r.consistent {
		u /= 2
	}
	if r.ix != nil {
		cap.addIndex(r.ix, u)
	} else {
		cap.addTable(u)
	}
	if c := cap.wire(mode); c != nil {
		out["ConsumedCapacity"] = c
	}
	return out
}

func (s *Service) query(ctx *service.Context, in service.Params) (any, error) {
	r, err := s.prepareReadRequest(ctx, in, true)
	if err != nil {
		return nil, err
	}
	r.t.mu.RLock()
	res := r.runQuery()
	r.t.mu.RUnlock()
	return r.output(res, str(in, "ReturnConsumedCapacity")), nil
}

func (s *Service) scan(ctx *service.Context, in service.Params) (any, error) {
	r, err := s.prepareReadRequest(ctx, in, false)
	if err != nil {
		return nil, err
	}
	r.t.mu.RLock()
	res := r.runScan()
	r.t.mu.RUnlock()
	return r.output(res, str(in, "ReturnConsumedCapacity")), nil
}
