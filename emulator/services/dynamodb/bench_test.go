package dynamodb

import (
	"strconv"
	"testing"

	"github.com/parity-harness/parity/emulator/service"
)

func benchTable(b *testing.B) (*Service, *service.Context) {
	s := New()
	b.Cleanup(func() { s.Close() })
	ctx := testCtx()
	_, err := s.createTable(ctx, params(b, `{"TableName":"bench","BillingMode":"PAY_PER_REQUEST",
		"KeySchema":[{"AttributeName":"pk","KeyType":"HASH"},{"AttributeName":"sk","KeyType":"RANGE"}],
		"AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"},{"AttributeName":"sk","AttributeType":"N"}]}`))
	if err != nil {
		b.Fatal(err)
	}
	return s, ctx
}

func putParams(pk string, sk int) map[string]any {
	return map[string]any{"TableName": "bench", "Item": map[string]any{
		"pk":   map[string]any{"S": pk},
		"sk":   map[string]any{"N": strconv.Itoa(sk)},
		"data": map[string]any{"S": "some payload of moderate length"},
		"n":    map[string]any{"N": "42"},
	}}
}

// BenchmarkPutItem measures writes spread over 1000 partitions.
func BenchmarkPutItem(b *testing.B) {
	s, ctx := benchTable(b)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := s.putItem(ctx, putParams("p"+strconv.Itoa(i%1000), i)); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkGetItem measures key lookups in a table of 100k items.
func BenchmarkGetItem(b *testing.B) {
	s, ctx := benchTable(b)
	for i := 0; i < 100000; i++ {
		s.putItem(ctx, putParams("p"+strconv.Itoa(i%1000), i))
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		j := i % 100000
		_, err := s.getItem(ctx, map[string]any{"TableName": "bench", "Key": map[string]any{
			"pk": map[string]any{"S": "p" + strconv.Itoa(j%1000)}, "sk": map[string]any{"N": strconv.Itoa(j)}}})
		if err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkQuery measures a range query of 10 items out of a 100-item
// partition in a table of 100k items.
func BenchmarkQuery(b *testing.B) {
	s, ctx := benchTable(b)
	for i := 0; i < 100000; i++ {
		s.putItem(ctx, putParams("p"+strconv.Itoa(i%1000), i))
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		p := i % 1000
		out, err := s.query(ctx, map[string]any{"TableName": "bench",
			"KeyConditionExpression": "pk = :p AND sk BETWEEN :lo AND :hi",
			"ExpressionAttributeValues": map[string]any{
				":p":  map[string]any{"S": "p" + strconv.Itoa(p)},
				":lo": map[string]any{"N": strconv.Itoa(p + 1000*10)},
				":hi": map[string]any{"N": strconv.Itoa(p + 1000*19)},
			}})
		if err != nil {
			b.Fatal(err)
		}
		if out.(map[string]any)["Count"] != int64(10) {
			b.Fatalf("query returned %v", out.(map[string]any)["Count"])
		}
	}
}
