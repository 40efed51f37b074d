package store

import (
	"strings"

	"github.com/opensourceecology/prodos/designs"
	"github.com/opensourceecology/prodos/production/manufacturing"
	"github.com/shopspring/decimal"
)

// CarbonLine is the embodied carbon of one bill-of-materials line.
type CarbonLine struct {
	SKU      string          `json:"sku"`
	KgCO2e   decimal.Decimal `json:"kg_co2e"`
	Material string          `json:"ice_material"`
	Source   string          `json:"source"`
	Estimate bool            `json:"estimate"`
}

// Carbon is a design's embodied carbon, cradle to gate: the lines counted
// and the SKUs no factor covers (a lower bound, then).
type Carbon struct {
	KgCO2e     decimal.Decimal `json:"kg_co2e"`
	Lines      []CarbonLine    `json:"lines"`
	NotCounted []string        `json:"not_counted"`
	Estimate   bool            `json:"estimate"`
}

// m3PerCubicSixteenth converts a volume in cubic sixteenths of an inch to
// cubic metres: (0.0254 m / 16)^3.
var m3PerCubicSixteenth = decimal.RequireFromString("0.0254").Div(decimal.NewFromInt(16)).Pow(decimal.NewFromInt(3))

// CarbonOf sums the embodied carbon of a bill of materials (gross
// quantities), rounded to 0.1 kg per line.
func CarbonOf(b *manufacturing.BOM, cat *designs.Catalog, factors []Factor) Carbon {
	var c Carbon
	for _, l := range b.Lines {
		f := factorFor(factors, l.SKU)
		kg := decimal.Zero
		if f != nil {
			kg = f.KgPerUnit
			if kg.IsZero() {
				kg = massFromDimensions(cat.Materials[l.SKU], f.Density)
			}
		}
		if f == nil || kg.IsZero() {
			c.NotCounted = append(c.NotCounted, l.SKU)
			continue
		}
		co2 := kg.Mul(f.PerKg).Mul(l.Quantity).Round(1)
		c.Lines = append(c.Lines, CarbonLine{SKU: l.SKU, KgCO2e: co2, Material: f.ICEMaterial, Source: f.Source, Estimate: f.Estimate})
		c.KgCO2e = c.KgCO2e.Add(co2)
		c.Estimate = c.Estimate || f.Estimate
	}
	return c
}

func factorFor(factors []Factor, sku string) *Factor {
	for i := range factors {
		if strings.HasPrefix(sku, factors[i].Match) {
			return &factors[i]
		}
	}
	return nil
}

// massFromDimensions is a lumber or sheet unit's mass: thickness x width x
// length at density (a sheet with no width or length is 48 x 96 in).
func massFromDimensions(m *designs.Material, density decimal.Decimal) decimal.Decimal {
	if m == nil || m.Thickness == 0 {
		return decimal.Zero
	}
	w, l := m.Width, m.Length
	if w == 0 {
		w = 48 * designs.Inch
	}
	if l == 0 {
		l = 96 * designs.Inch
	}
	vol := decimal.NewFromInt(int64(m.Thickness)).Mul(decimal.NewFromInt(int64(w))).Mul(decimal.NewFromInt(int64(l)))
	return vol.Mul(m3PerCubicSixteenth).Mul(density)
}
