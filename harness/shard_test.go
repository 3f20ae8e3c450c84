package harness

import (
	"fmt"
	"testing"
)

func TestParseShard(t *testing.T) {
	for in, want := range map[string][2]int{"1/1": {1, 1}, "2/4": {2, 4}, "4/4": {4, 4}} {
		k, n, err := ParseShard(in)
		if err != nil || k != want[0] || n != want[1] {
			t.Errorf("ParseShard(%q) = %d, %d, %v", in, k, n, err)
		}
	}
	for _, bad := range []string{"", "1", "0/2", "3/2", "a/b", "1/0", "-1/2", "1/2/3"} {
		if _, _, err := ParseShard(bad); err == nil {
			t.Errorf("ParseShard(%q) accepted", bad)
		}
	}
}

func TestShardsPartitionSpecs(t *testing.T) {
	const n = 4
	counts := make([]int, n+1)
	for i := 0; i < 400; i++ {
		id := fmt.Sprintf("suites/sqs/x_test.go::Queues::spec %d", i)
		s := ShardOf(id, n)
		if s < 1 || s > n {
			t.Fatalf("ShardOf = %d", s)
		}
		if ShardOf(id, n) != s {
			t.Fatal("ShardOf is not deterministic")
		}
		counts[s]++
	}
	for k := 1; k <= n; k++ {
		if counts[k] < 50 {
			t.Errorf("shard %d got %d of 400 specs: the split is badly skewed", k, counts[k])
		}
	}
}

func FuzzParseShard(f *testing.F) {
	for _, s := range []string{"1/2", "0/0", "9/3", "x", "2/"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		k, n, err := ParseShard(s)
		if err == nil && (k < 1 || k > n) {
			t.Fatalf("ParseShard(%q) = %d/%d", s, k, n)
		}
	})
}
