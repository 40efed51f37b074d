package main

import (
	"encoding/json"
	"testing"

	"github.com/opensourceecology/prodos/designs"
	"github.com/opensourceecology/prodos/engine/buildseq"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// `prodos cost` on a real file: the finished house by phase adds up to the
// modules plus the whole-house items; the life-cycle cost and the
// repairability are the catalog's and the task graph's; --house shell
// prices the modules alone.
func TestCostByPhase(t *testing.T) {
	cat, err := designs.DefaultCatalog()
	require.NoError(t, err)
	f := "../../designs/examples/seed-home-32x32.toml"
	d, err := designs.LoadDesign(f, cat)
	require.NoError(t, err)
	for _, scope := range []string{designs.ScopeFinished, designs.ScopeShell} {
		code, out, errs := engProdos("cost", f, "--format", "json", "--house", scope)
		require.Equal(t, exitOK, code, errs)
		var got struct {
			Total string `json:"total"`
			lifetimeReport
		}
		require.NoError(t, json.Unmarshal([]byte(out), &got))
		want := cat.ScopeCost(d, decimal.Zero, scope)
		assert.Equal(t, scope, got.House.Scope)
		assert.Equal(t, want.Total().StringFixed(2), got.House.Total)
		assert.Equal(t, cat.DesignCost(d, decimal.Zero).Total().StringFixed(2), got.Total, "the modules' total stays as it was")
		require.Len(t, got.ByPhase, 7)
		var sum decimal.Decimal
		for _, p := range got.ByPhase {
			sum = sum.Add(decimal.RequireFromString(p.Total))
		}
		assert.InDelta(t, want.Total().InexactFloat64(), sum.InexactFloat64(), 0.05)
		lc := cat.LifeCycleCost(d, decimal.Zero, scope)
		assert.Equal(t, lc.Total().StringFixed(2), got.LifeCycle.Total)
		assert.Equal(t, "0", got.LifeCycle.DiscountRate)
		n, total, err := buildseq.Repairability(d, cat)
		require.NoError(t, err)
		assert.Equal(t, repairJSON{n, total, decimal.NewFromInt(int64(100 * n)).Div(decimal.NewFromInt(int64(total))).StringFixed(1)}, got.Repairability)
		if scope == designs.ScopeShell {
			assert.Equal(t, got.Total, got.House.Total)
		} else {
			assert.Equal(t, "56.56", got.House.MaterialsPerSqFt, "docs/fidelity.md")
		}
	}
	code, out, _ := engProdos("cost", f)
	require.Equal(t, exitOK, code)
	for _, want := range []string{"Finished house by build phase", "A site prep and foundation", "G commissioning, punch list, cleanup",
		"materials $56.56 per sq ft", "50-year life-cycle cost: $", "repairability: "} {
		assert.Contains(t, out, want)
	}
	code, _, errs := engProdos("cost", f, "--house", "mansion")
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, errs, `--house must be finished or shell, got "mansion"`)
}

// `prodos bom --house finished` adds the whole-house materials; the
// default bill is the modules' as before.
func TestBOMHouse(t *testing.T) {
	f := "../../designs/examples/seed-home-32x32.toml"
	code, out, errs := engProdos("bom", f, "--format", "json", "--house", "finished")
	require.Equal(t, exitOK, code, errs)
	var got prodBOMJSON
	require.NoError(t, json.Unmarshal([]byte(out), &got))
	assert.NotEmpty(t, got.Lines)
	var drywall string
	for _, l := range got.HouseLines {
		if l.SKU == "SHT-DRYWALL-12" {
			drywall = l.Quantity
		}
	}
	assert.Equal(t, "96", drywall)
	assert.NotEmpty(t, got.HouseTotal)
	code, out, _ = engProdos("bom", f, "--format", "json")
	require.Equal(t, exitOK, code)
	var shell prodBOMJSON
	require.NoError(t, json.Unmarshal([]byte(out), &shell))
	assert.Empty(t, shell.HouseLines)
	assert.Equal(t, got.Total, shell.Total)

	code, out, _ = engProdos("bom", f, "--house", "finished")
	require.Equal(t, exitOK, code)
	assert.Contains(t, out, "WHOLE HOUSE (bought locally)")
	code, _, _ = engProdos("bom", f, "--house", "castle")
	assert.Equal(t, exitUsage, code)
}
