package dynamodb

// capacity accumulates the capacity units an operation consumes, per table
// and per index, for ReturnConsumedCapacity.
type capacity struct {
	table string
	total float64
	onTbl float64
	gsi   map[string]float64
	lsi   map[string]float64
}

func readUnits(size int, consistent bool) float64 {
	u := float64((size + 4095) / 4096)
	if u < 1 {
		u = 1
	}
	if !consistent {
		u /= 2
	}
	return u
}

func writeUnits(size int) float64 {
	u := float64((size + 1023) / 1024)
	if u < 1 {
		u = 1
	}
	return u
}

func (c *capacity) addTable(u float64) {
	c.total += u
	c.onTbl += u
}

func (c *capacity) addIndex(ix *index, u float64) {
	c.total += u
	m := &c.lsi
	if ix.Global {
		m = &c.gsi
	}
	if *m == nil {
		*m = map[string]float64{}
	}
	(*m)[ix.Name] += u
}

// addWrite charges a write of old → nu to the table and the indexes whose
// entries it changes.
func (c *capacity) addWrite(t *Table, old, nu Item, factor float64) {
	size := 0
	if old != nil {
		size = old.Size()
	}
	if nu != nil && nu.Size() > size {
		size = nu.Size()
	}
	c.addTable(writeUnits(size) * factor)
	for _, ix := range t.indexes() {
		inOld := old != nil && ix.data.indexable(old)
		inNew := nu != nil && ix.data.indexable(nu)
		switch {
		case inOld && inNew:
			if keysEqual(old, nu, ix.Hash, ix.Rng) {
				c.addIndex(ix, writeUnits(t.projectForIndex(ix, nu).Size())*factor)
			} else {
				c.addIndex(ix, (writeUnits(t.projectForIndex(ix, old).Size())+writeUnits(t.projectForIndex(ix, nu).Size()))*factor)
			}
		case inOld:
			c.addIndex(ix, writeUnits(t.projectForIndex(ix, old).Size())*factor)
		case inNew:
			c.addIndex(ix, writeUnits(t.projectForIndex(ix, nu).Size())*factor)
		}
	}
}

func keysEqual(a, b Item, attrs ...string) bool {
	for _, x := range attrs {
		if x == "" {
			continue
		}
		av, bv := a[x], b[x]
		if av == nil || bv == nil || !av.Equal(bv) {
			return false
		}
	}
	return true
}

// wire renders the ConsumedCapacity for a ReturnConsumedCapacity mode; nil
// for NONE.
func (c *capacity) wire(mode string) map[string]any {
	switch mode {
	case "TOTAL":
		return map[string]any{"TableName": c.table, "CapacityUnits": c.total}
	case "INDEXES":
		m := map[string]any{"TableName": c.table, "CapacityUnits": c.total, "Table": map[string]any{"CapacityUnits": c.onTbl}}
		if len(c.gsi) > 0 {
			g := map[string]any{}
			for k, v := range c.gsi {
				g[k] = map[string]any{"CapacityUnits": v}
			}
			m["GlobalSecondaryIndexes"] = g
		}
		if len(c.lsi) > 0 {
			l := map[string]any{}
			for k, v := range c.lsi {
				l[k] = map[string]any{"CapacityUnits": v}
			}
			m["LocalSecondaryIndexes"] = l
		}
		return m
	}
	return nil
}
