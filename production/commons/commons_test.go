package commons_test

import (
	"encoding/json"
	"net/url"
	"path/filepath"
	"testing"

	"github.com/opensourceecology/prodos/designs"
	"github.com/opensourceecology/prodos/production/commons"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestLicences(t *testing.T) {
	cases := []struct {
		id         string
		ok, shared bool
	}{
		{"CC0-1.0", true, false}, {"CC-BY-4.0", true, false}, {"CC-BY-SA-4.0", true, true},
		{"CERN-OHL-P-2.0", true, false}, {"CERN-OHL-W-2.0", true, true}, {"CERN-OHL-S-2.0", true, true},
		{"All rights reserved", false, false}, {"CC-BY-NC-4.0", false, false}, {"cc0-1.0", false, false}, {"", false, false},
	}
	for _, c := range cases {
		l, ok := commons.LookupLicence(c.id)
		assert.Equal(t, c.ok, ok, c.id)
		assert.Equal(t, c.shared, l.ShareAlike, c.id)
		if err := commons.CheckLicence(c.id); c.ok {
			assert.NoError(t, err, c.id)
		} else {
			assert.ErrorIs(t, err, commons.ErrLicence, c.id)
			assert.ErrorContains(t, err, commons.LicenceIDs())
		}
	}
}

func TestRemixLicence(t *testing.T) {
	cases := []struct {
		parent, child string
		ok            bool
	}{
		{"CC-BY-SA-4.0", "CC-BY-SA-4.0", true},
		{"CC-BY-SA-4.0", "CC-BY-4.0", false},
		{"CERN-OHL-S-2.0", "CC0-1.0", false},
		{"CC-BY-4.0", "CC-BY-SA-4.0", true},
		{"CC0-1.0", "CERN-OHL-P-2.0", true},
	}
	for _, c := range cases {
		err := commons.CheckRemixLicence(c.parent, c.child)
		assert.Equal(t, c.ok, err == nil, "%s -> %s: %v", c.parent, c.child, err)
	}
}

func TestParseFilterErrors(t *testing.T) {
	for q, msg := range map[string]string{
		"min_area=-1":      `filter min_area: "-1" is not a whole number`,
		"max_cost=lots":    `filter max_cost: "lots" is not an amount`,
		"status=finished":  `filter status: "finished" is not build-ready or draft`,
		"colour=red":       `unknown filter "colour"`,
		"min_bedrooms=1.5": `filter min_bedrooms: "1.5"`,
	} {
		v, err := url.ParseQuery(q)
		require.NoError(t, err)
		_, err = commons.ParseFilter(v)
		assert.ErrorContains(t, err, msg, q)
	}
	f, err := commons.ParseFilter(url.Values{"max_cost": {"90000"}, "license": {"CC0-1.0"}, "limit": {"5"}})
	require.NoError(t, err)
	assert.Equal(t, "license=CC0-1.0&limit=5&max_cost=90000", f.Values().Encode())
}

// The figures of the example houses, bedrooms estimated from their rooms.
func TestAnalyseExamples(t *testing.T) {
	cat, err := designs.DefaultCatalog()
	require.NoError(t, err)
	cases := []struct {
		file           string
		area, bedrooms int
	}{
		{"cabin-12x16.toml", 192, 0},
		{"two-bedroom-24x32.toml", 768, 2},
		{"seed-home-32x40.toml", 1280, 3},
	}
	for _, c := range cases {
		d, err := designs.LoadDesign(filepath.Join("..", "..", "designs", "examples", c.file), cat)
		require.NoError(t, err)
		a, err := commons.Analyse(d, cat)
		require.NoError(t, err)
		assert.Empty(t, a.Problems, c.file)
		assert.Equal(t, c.area, a.FloorArea, c.file)
		assert.Equal(t, c.bedrooms, a.Bedrooms, c.file)
		assert.True(t, a.Cost.Total().Equal(cat.DesignCost(d, a.LabourRate).Total()), "%s: the engine's cost is the catalog's", c.file)
		assert.True(t, a.BOM.NetTotal.Equal(a.Cost.Materials), "%s: the BOM's net total is the materials cost", c.file)
	}
}

func TestVersionJSONMoney(t *testing.T) {
	v := commons.Version{Hash: "h", Cost: decimal.RequireFromString("100.5"), CostPerSqFt: decimal.NewFromInt(3)}
	b, err := json.Marshal(v)
	require.NoError(t, err)
	assert.Contains(t, string(b), `"cost":"100.50"`)
	assert.Contains(t, string(b), `"cost_per_sq_ft":"3.00"`)
	var back commons.Version
	require.NoError(t, json.Unmarshal(b, &back))
	assert.True(t, back.Cost.Equal(v.Cost))
}
