package store

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/opensourceecology/prodos/designs"
	"github.com/opensourceecology/prodos/levels"
	"github.com/opensourceecology/prodos/production/commons"
	"github.com/opensourceecology/prodos/production/inspection"
	"github.com/opensourceecology/prodos/production/ledger"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

// passing measures every machine of the ose-microfactory inside its criteria.
var passing = []Measurement{
	{Machine: "cnc-1", Criterion: "cnc-sheet-minutes", Value: dec("24")}, {Machine: "cnc-1", Criterion: "cnc-tolerance", Value: dec("0.03")},
	{Machine: "saw-1", Criterion: "saw-cut-seconds", Value: dec("30")}, {Machine: "saw-1", Criterion: "saw-length-tolerance", Value: dec("0.05")},
	{Machine: "saw-2", Criterion: "saw-cut-seconds", Value: dec("30")}, {Machine: "saw-2", Criterion: "saw-length-tolerance", Value: dec("0.05")},
}

func site(rate string, measured []Measurement) Site {
	return Site{Name: "M", Location: "L", Shop: "ose-microfactory", Crew: "default-4", LabourRate: dec(rate),
		Overhead: dec("0.15"), Margin: dec("0.2"), LicenceFee: dec("2500"), Measured: measured}
}

func inputs(t testing.TB, example string, s Site) Inputs {
	t.Helper()
	cat, err := designs.DefaultCatalog()
	require.NoError(t, err)
	b, err := os.ReadFile(filepath.Join("..", "..", "designs", "examples", example+".toml"))
	require.NoError(t, err)
	d, err := designs.ParseDesign(example+".toml", b, cat)
	require.NoError(t, err)
	shops, err := designs.DefaultShops()
	require.NoError(t, err)
	set, err := levels.Challenges(cat)
	require.NoError(t, err)
	quals, err := levels.Qualifications(set)
	require.NoError(t, err)
	data, err := DefaultData()
	require.NoError(t, err)
	sups, err := designs.DefaultSuppliers(cat)
	require.NoError(t, err)
	return Inputs{Hash: commons.Hash(b), Design: d, Catalog: cat, Site: s, Shop: shops[s.Shop], Quals: quals, Data: data, Suppliers: sups}
}

// Every offer of every example adds up to the cent; the labour line is the
// design's hours at the site's rate, so changing only the rate changes
// labour, overhead and margin of level 1 and nothing else of it.
func TestPriceBreakdownsSumExactly(t *testing.T) {
	for _, ex := range []string{"cabin-12x16", "two-bedroom-24x32", "seed-home-32x40"} {
		t.Run(ex, func(t *testing.T) {
			q, err := Price(inputs(t, ex, site("35", passing)))
			require.NoError(t, err)
			require.Len(t, q.Offers, 4)
			for _, o := range q.Offers {
				sum := decimal.Zero
				for _, l := range o.Lines {
					sum = sum.Add(l.Amount)
				}
				assert.True(t, sum.Equal(o.Total), "%s: %s != %s", o.Kind, sum, o.Total)
			}
			assert.Empty(t, q.Failures)
			q2, err := Price(inputs(t, ex, site("40", passing)))
			require.NoError(t, err)
			a, b := q.Offers[0].Lines, q2.Offers[0].Lines
			assert.Equal(t, a[0].Amount.String(), b[0].Amount.String(), "materials")
			assert.Equal(t, a[2].Amount.String(), b[2].Amount.String(), "machine")
			assert.True(t, b[1].Amount.GreaterThan(a[1].Amount), "labour follows the rate")
			hours := a[1].Amount.Div(dec("35"))
			assert.True(t, hours.Mul(dec("40")).Round(2).Equal(b[1].Amount), "same hours: %s", hours)
		})
	}
}

func TestCriteria(t *testing.T) {
	slow := append([]Measurement{}, passing...)
	slow[0].Value = dec("31")
	for _, c := range []struct {
		name     string
		measured []Measurement
		want     []string
	}{
		{"all inside", passing, nil},
		{"one over", slow, []string{"machine cnc-1 (cnc-router) fails cnc-sheet-minutes (Standard sheet job time): measured 31 min, admissible at most 30 min"}},
		{"none measured", nil, []string{"cnc-1 (cnc-router) fails cnc-sheet-minutes (Standard sheet job time): not measured", "saw-2 (miter-saw) fails saw-length-tolerance"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			q, err := Price(inputs(t, "cabin-12x16", site("35", c.measured)))
			require.NoError(t, err)
			got := strings.Join(q.Failures, "\n")
			if c.want == nil {
				assert.Empty(t, got)
			}
			for _, w := range c.want {
				assert.Contains(t, got, w)
			}
		})
	}
}

// A 2x6 stud of 8 ft is 1.5 x 5.5 x 96 in = 792 cu in = 0.012978 m3; at
// 510 kg/m3 and 0.263 kg CO2e/kg that is 1.74 kg CO2e.
func TestCarbonFromDimensions(t *testing.T) {
	in := inputs(t, "cabin-12x16", site("35", passing))
	kg := massFromDimensions(in.Catalog.Materials["LUM-2X6-08"], dec("510"))
	assert.Equal(t, "6.619", kg.Round(3).String())
	assert.Equal(t, "1.74", kg.Mul(dec("0.263")).Round(2).String())
	q, err := Price(in)
	require.NoError(t, err)
	sum := decimal.Zero
	for _, l := range q.Carbon.Lines {
		sum = sum.Add(l.KgCO2e)
	}
	assert.True(t, sum.Equal(q.Carbon.KgCO2e))
	assert.Contains(t, q.Carbon.NotCounted, "FIX-WIN-3648", "a window has no factor: not counted, and said so")
}

type noInspections struct{}

func (noInspections) InspectionsPassed(context.Context, []string, []string) ([]string, error) {
	return nil, nil
}

// Certification needs all three: a contribution along the lineage, the
// machine criteria and an inspection; each missing one is named.
func TestCertify(t *testing.T) {
	ctx := context.Background()
	q, err := Price(inputs(t, "cabin-12x16", site("35", passing)))
	require.NoError(t, err)
	orig := commons.Version{Hash: strings.Repeat("a", 64), Name: "Cabin", Author: "dana"}
	remix := commons.Version{Hash: strings.Repeat("b", 64), Name: "Cabin remix", Author: "eve", Parent: orig.Hash}
	ld := &ledger.ValueData{Houses: []ledger.House{{ID: "h1", Design: "Cabin remix"}}, Completed: map[string]bool{"h1": true},
		Records: []ledger.ProductionRecord{{House: "h1", Person: "bob", Module: "wall", Op: "install", Count: 4, Witness: "lee"}}}
	ev := Evidence{Version: remix, Ancestors: []commons.Version{orig}, Ledger: ld}
	ent := func(members ...string) Enterprise {
		e := Enterprise{ID: "e"}
		for _, m := range members {
			e.Members = append(e.Members, Member{Profile: m, Role: "member"})
		}
		return e
	}
	for _, c := range []struct {
		name    string
		e       Enterprise
		insp    InspectionsPassed
		yes     bool
		missing []string
	}{
		{"installer on an inspected house", ent("bob"), LedgerInspections{ld}, true, nil},
		{"designer of the original, no inspection", ent("dana"), LedgerInspections{ld}, false, []string{"inspections: no house of Cabin remix"}},
		{"nobody", ent("zed"), LedgerInspections{ld}, false, []string{"contributions: no member (zed)", "inspections:"}},
		{"inspections not passed", ent("bob"), noInspections{}, false, []string{"inspections:"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, err := Certify(ctx, c.e, q, ev, c.insp)
			require.NoError(t, err)
			assert.Equal(t, c.yes, got.Certified, got.Missing)
			for _, m := range c.missing {
				assert.Contains(t, strings.Join(got.Missing, "\n"), m)
			}
		})
	}
	failing := *q
	failing.Failures = []string{"machine cnc-1 fails"}
	got, err := Certify(ctx, ent("bob"), &failing, ev, LedgerInspections{ld})
	require.NoError(t, err)
	assert.False(t, got.Certified)
	assert.Equal(t, []string{"machine criteria: machine cnc-1 fails"}, got.Missing)
}

func TestParseSiteErrors(t *testing.T) {
	shops, err := designs.DefaultShops()
	require.NoError(t, err)
	cat, err := designs.DefaultCatalog()
	require.NoError(t, err)
	crews, err := designs.DefaultCrews(cat)
	require.NoError(t, err)
	good := "name = \"M\"\nlocation = \"L\"\nshop = \"ose-microfactory\"\ncrew = \"default-4\"\nlabour_rate = \"30.00\"\noverhead = \"0.1\"\nmargin = \"0.2\"\nlicence_fee = \"100\"\n"
	s, err := ParseSite("s.toml", []byte(good), shops, crews, nil)
	require.NoError(t, err)
	assert.Equal(t, "0.1", s.RD().String(), "the default R&D share")
	s, err = ParseSite("s.toml", []byte(good+"rd_share = \"0.125\"\n"), shops, crews, nil)
	require.NoError(t, err)
	assert.Equal(t, "0.125", s.RD().String())
	for _, c := range []struct{ name, old, repl, want string }{
		{"unknown shop", `shop = "ose-microfactory"`, `shop = "nope"`, `s.toml: shop: no shop profile "nope"`},
		{"rate in fractions of a cent", `labour_rate = "30.00"`, `labour_rate = "30.001"`, "labour_rate: must be dollars with at most cents"},
		{"no rate", `labour_rate = "30.00"`, `labour_rate = "0"`, "labour_rate: must be more than 0"},
		{"margin finer than a basis point", `margin = "0.2"`, `margin = "0.20005"`, `margin: at most 4 decimal places, got "0.20005"`},
		{"bad toml", `labour_rate = "30.00"`, `labour_rate = `, "s.toml:5:"},
		{"R&D share of the whole", `margin = "0.2"`, `margin = "0.2"` + "\nrd_share = \"1\"", `rd_share: must be a share from 0 up to (not including) 1`},
		{"negative R&D share", `margin = "0.2"`, `margin = "0.2"` + "\nrd_share = \"-0.1\"", `rd_share: must be a share`},
		{"unknown key", `margin = "0.2"`, `margin = "0.2"` + "\ncolour = \"red\"", `unknown key "colour"`},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := ParseSite("s.toml", []byte(strings.Replace(good, c.old, c.repl, 1)), shops, crews, nil)
			require.Error(t, err)
			assert.ErrorIs(t, err, ErrInvalid)
			assert.Contains(t, err.Error(), c.want)
		})
	}
}

// Materials are bought from the site's own suppliers: the line is the
// total of the purchase orders prodos source would issue to them.
func TestMaterialsFromSiteSuppliers(t *testing.T) {
	for _, sups := range [][]string{nil, {"national-home"}} {
		s := site("35", passing)
		s.Suppliers = sups
		in := inputs(t, "cabin-12x16", s)
		q, err := Price(in)
		require.NoError(t, err)
		a, err := commons.Analyse(in.Design, in.Catalog)
		require.NoError(t, err)
		plan, err := sourceMaterials(in, a.BOM)
		require.NoError(t, err)
		if sups != nil {
			require.Len(t, plan.Orders, 1)
			assert.Equal(t, "national-home", plan.Orders[0].SupplierID)
		}
		assert.Equal(t, plan.Total.StringFixed(2), q.Offers[0].Lines[0].Amount.StringFixed(2), "%v", sups)
		assert.Equal(t, plan.Total.StringFixed(2), q.Offers[1].Lines[0].Amount.StringFixed(2), "%v", sups)
		t.Logf("%v: materials %s (catalog %s)", sups, plan.Total, a.Cost.Materials)
	}
}

// BenchmarkPrice is one product's quote (cost, machine jobs with nesting,
// sourcing, carbon): what each listing on a page costs to show.
func BenchmarkPrice(b *testing.B) {
	for _, ex := range []string{"cabin-12x16", "seed-home-32x40"} {
		in := inputs(b, ex, site("35", passing))
		b.Run(ex, func(b *testing.B) {
			for b.Loop() {
				if _, err := Price(in); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

type memInspections []inspection.Inspection

func (m memInspections) Add(context.Context, inspection.Inspection) (inspection.Inspection, bool, error) {
	panic("not used")
}
func (m memInspections) House(_ context.Context, h string) ([]inspection.Inspection, error) {
	var out []inspection.Inspection
	for _, in := range m {
		if in.House == h {
			out = append(out, in)
		}
	}
	return out, nil
}
func (m memInspections) Close() error { return nil }

// A house passes on inspection records only when every module the ledger
// installed in it has a passed latest inspection, and a member worked on it.
func TestInspectionRecords(t *testing.T) {
	ld := &ledger.ValueData{Houses: []ledger.House{{ID: "h1", Design: "Cabin"}}, Completed: map[string]bool{"h1": true},
		Records: []ledger.ProductionRecord{{House: "h1", Person: "bob", Module: "wall-ext-4x8", Op: "install", Count: 2, Witness: "lee"}}}
	pass := func(place string, ok bool) inspection.Inspection {
		return inspection.Inspection{House: "h1", Placement: place, Module: "wall-ext-4x8", Passed: ok, Inspector: "ina"}
	}
	for _, c := range []struct {
		name    string
		insp    memInspections
		members []string
		want    []string
	}{
		{"both walls passed", memInspections{pass("W1", true), pass("W2", true)}, []string{"bob"}, []string{"h1"}},
		{"one wall uninspected", memInspections{pass("W1", true)}, []string{"bob"}, nil},
		{"latest inspection failed", memInspections{pass("W1", true), pass("W2", true), pass("W2", false)}, []string{"bob"}, nil},
		{"failed then passed", memInspections{pass("W1", true), pass("W2", false), pass("W2", true)}, []string{"bob"}, []string{"h1"}},
		{"no inspections at all", nil, []string{"bob"}, nil},
		{"not a member's house", memInspections{pass("W1", true), pass("W2", true)}, []string{"zed"}, nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, err := InspectionRecords{Ledger: ld, Store: c.insp}.InspectionsPassed(context.Background(), c.members, []string{"Cabin"})
			require.NoError(t, err)
			assert.Equal(t, c.want, got)
		})
	}
}
