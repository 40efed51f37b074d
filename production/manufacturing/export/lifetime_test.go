package export

import (
	"bytes"
	"encoding/csv"
	"testing"

	"github.com/opensourceecology/prodos/designs"
	"github.com/opensourceecology/prodos/engine/buildseq"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The build package shows the finished house by phase, the 50-year
// life-cycle cost (its rows add up to it) and the repairability.
func TestPackageLifetime(t *testing.T) {
	cat, d := load(t, "seed-home-32x40")
	files, err := Package(cat, d, Options{Today: today, Release: Release{Designer: "dana", Qualified: true}})
	require.NoError(t, err)
	var data, readme []byte
	for _, f := range files {
		switch f.Name {
		case LifetimeFile:
			data = f.Data
		case ReadmeFile:
			readme = f.Data
		}
	}
	require.NotEmpty(t, data, "the package has lifetime.csv")
	r := csv.NewReader(bytes.NewReader(data))
	r.FieldsPerRecord = -1
	rows, err := r.ReadAll()
	require.NoError(t, err)
	sum := func(col int, from, to int) decimal.Decimal {
		var s decimal.Decimal
		for _, row := range rows[from:to] {
			s = s.Add(decimal.RequireFromString(row[col]))
		}
		return s
	}
	fin := cat.ScopeCost(d, decimal.Zero, designs.ScopeFinished)
	assert.Equal(t, "phase", rows[0][0])
	assert.Equal(t, "A", rows[1][0])
	assert.Equal(t, "G", rows[7][0])
	assert.InDelta(t, fin.Total().InexactFloat64(), sum(5, 1, 8).InexactFloat64(), 0.05, "phases add up to the finished house")
	assert.Equal(t, "kind", rows[8][0])
	end := 9
	for end < len(rows) && (rows[end][0] == "module" || rows[end][0] == "item") {
		end++
	}
	summary := map[string]string{}
	for _, row := range rows[end:] {
		summary[row[0]] = row[1]
	}
	lc := cat.LifeCycleCost(d, decimal.Zero, designs.ScopeFinished)
	assert.Equal(t, lc.Total().StringFixed(2), summary["life_cycle_cost"])
	assert.Equal(t, "0", summary["discount_rate"])
	assert.InDelta(t, lc.Total().InexactFloat64(), sum(10, 9, end).InexactFloat64(), 0.5, "module and item rows add up to the life-cycle cost")
	n, total, err := buildseq.Repairability(d, cat)
	require.NoError(t, err)
	var free int64
	for _, row := range rows[9:end] {
		if row[0] == "module" {
			free += decimal.RequireFromString(row[11]).IntPart()
		}
	}
	assert.Equal(t, int64(n), free, "replaceable modules by row")
	assert.Equal(t, decimal.NewFromInt(int64(100*n)).Div(decimal.NewFromInt(int64(total))).StringFixed(1), summary["repairability_percent"])
	assert.Contains(t, string(readme), "50-year life-cycle cost, undiscounted: "+lc.Total().StringFixed(2))
	assert.Contains(t, string(readme), "Repairability: ")
}
