package manufacturing

import (
	"testing"
	"time"

	"github.com/opensourceecology/prodos/designs"
	"github.com/stretchr/testify/require"
)

// benchSource times BOM plus sourcing for each design in turn and reports
// the time per batch as a fraction of the limit (must stay below 1).
func benchSource(b *testing.B, ds []*designs.Design, limit time.Duration) {
	cat := catalog(b)
	sups, err := designs.DefaultSuppliers(cat)
	require.NoError(b, err)
	b.ReportAllocs()
	b.ResetTimer()
	start := time.Now()
	for i := 0; i < b.N; i++ {
		for _, d := range ds {
			bom, err := BuildBOM(cat, d)
			if err != nil {
				b.Fatal(err)
			}
			if _, err := Source(bom, sups, SourceRequest{Policy: PolicyLocal, Today: today}); err != nil {
				b.Fatal(err)
			}
		}
	}
	per := time.Since(start) / time.Duration(b.N)
	b.ReportMetric(float64(per)/float64(limit), "of-limit")
}

// BenchmarkBOMSourceSeedHome: the 1,300 sq ft example; limit 5 ms.
func BenchmarkBOMSourceSeedHome(b *testing.B) {
	benchSource(b, []*designs.Design{loadExample(b, catalog(b), "seed-home-32x40")}, 5*time.Millisecond)
}

// BenchmarkBOMSourceBatch100: 100 houses (the three examples in turn), each
// with its own BOM and purchase orders; limit 500 ms.
func BenchmarkBOMSourceBatch100(b *testing.B) {
	cat := catalog(b)
	var ds []*designs.Design
	for i := 0; i < 100; i++ {
		ds = append(ds, loadExample(b, cat, examples[i%len(examples)]))
	}
	benchSource(b, ds, 500*time.Millisecond)
}

// BenchmarkBOMBatch100Aggregated: one BOM over 100 houses (a bulk order).
func BenchmarkBOMBatch100Aggregated(b *testing.B) {
	cat := catalog(b)
	var ds []*designs.Design
	for i := 0; i < 100; i++ {
		ds = append(ds, loadExample(b, cat, examples[i%len(examples)]))
	}
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, err := BuildBOM(cat, ds...); err != nil {
			b.Fatal(err)
		}
	}
}
