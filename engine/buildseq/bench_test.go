package buildseq_test

import (
	"strings"
	"testing"

	"github.com/opensourceecology/prodos/engine/buildseq"
	"github.com/stretchr/testify/require"
)

// bigHouse draws a w x h cell house with roof everywhere, a window in every
// fourth exterior wall and a bearing interior line every fourth column.
func bigHouse(w, h int) string {
	var b strings.Builder
	line := func(ch byte) {
		b.WriteByte('+')
		for x := 0; x < w; x++ {
			if ch == '-' && x%4 == 2 {
				b.WriteByte('w')
			} else {
				b.WriteByte(ch)
			}
			b.WriteByte('+')
		}
		b.WriteByte('\n')
	}
	line('-')
	for y := 0; y < h; y++ {
		for x := 0; x <= w; x++ {
			switch {
			case x == 0 || x == w:
				if y%4 == 2 {
					b.WriteByte('W')
				} else {
					b.WriteByte('|')
				}
			case x%4 == 0:
				b.WriteByte(':')
			default:
				b.WriteByte(' ')
			}
			if x < w {
				b.WriteByte('r')
			}
		}
		b.WriteByte('\n')
		if y < h-1 {
			line(' ')
		}
	}
	line('-')
	return b.String()
}

// BenchmarkGraph10k builds the task graph of a design of about 10,000
// modules and checks a full install order against it (target: < 20 ms).
func BenchmarkGraph10k(b *testing.B) {
	cat := catalog(b)
	d := layout(b, bigHouse(76, 60))
	require.GreaterOrEqual(b, len(d.Placements), 10000)
	g, err := buildseq.FromDesign(d, cat)
	require.NoError(b, err)
	order := g.Order()
	require.Nil(b, g.CheckOrder(order))
	b.ReportMetric(float64(len(d.Placements)), "modules")
	b.ResetTimer()
	for b.Loop() {
		g, err := buildseq.FromDesign(d, cat)
		if err != nil {
			b.Fatal(err)
		}
		if e := g.CheckOrder(order); e != nil {
			b.Fatal(e)
		}
	}
}
