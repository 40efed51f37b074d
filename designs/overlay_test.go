package designs

import (
	"bytes"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestOverlayReplacesFiguresOfACopy(t *testing.T) {
	cat, err := DefaultCatalog()
	require.NoError(t, err)
	src := "source = \"as-built h1\"\n\n[[module]]\nid = \"wall-ext-4x8\"\nbuild_minutes = \"27\"\nwaste = \"0.1\"\nsource = \"3 records\"\n"
	o, err := ParseOverlay("site.toml", []byte(src), cat)
	require.NoError(t, err)
	oc := cat.WithOverlay(o)
	b, i := oc.LabourMinutes(oc.Modules["wall-ext-4x8"])
	assert.Equal(t, "27 15", b.String()+" "+i.String(), "install minutes are kept")
	assert.Equal(t, "site.toml", oc.Modules["wall-ext-4x8"].Overlay)
	assert.Equal(t, "0.1", oc.Modules["wall-ext-4x8"].Waste.String())
	assert.Same(t, o, oc.Overlay())
	b, _ = cat.LabourMinutes(cat.Modules["wall-ext-4x8"])
	assert.Equal(t, "21", b.String(), "the default catalog is not changed")
	assert.Nil(t, cat.Modules["wall-ext-4x8"].Waste)
	assert.Nil(t, cat.Overlay())
	assert.Same(t, cat.Modules["floor-4x8"], oc.Modules["floor-4x8"], "other modules are shared")

	var out bytes.Buffer
	require.NoError(t, (&Overlay{Source: "s", Modules: []OverlayModule{{ID: "floor-4x8", InstallMinutes: ptrDec("12.5"), InstallRecords: 2,
		InstallSpread: []decimal.Decimal{decimal.RequireFromString("10"), decimal.RequireFromString("15")}, Source: "x"}}}).WriteTOML(&out, []string{"hi"}))
	back, err := ParseOverlay("w.toml", out.Bytes(), cat)
	require.NoError(t, err)
	assert.Equal(t, "12.5", back.Modules[0].InstallMinutes.String())
	assert.Nil(t, back.Modules[0].BuildMinutes)
}

func ptrDec(s string) *decimal.Decimal { d := decimal.RequireFromString(s); return &d }

func TestBadOverlayNamesFileLineAndValue(t *testing.T) {
	cat, err := DefaultCatalog()
	require.NoError(t, err)
	for _, tc := range []struct{ name, src, want string }{
		{"unknown module", "source = \"s\"\n[[module]]\nid = \"wall-9x9\"\nwaste = \"0.1\"\n", `site.toml:3:6: unknown module "wall-9x9"`},
		{"waste over 1", "source = \"s\"\n[[module]]\nid = \"floor-4x8\"\nwaste = \"1.5\"\n", "site.toml:4:9: module \"floor-4x8\": waste 1.5 must be between 0 and 1"},
		{"negative minutes", "source = \"s\"\n[[module]]\nid = \"floor-4x8\"\nbuild_minutes = \"-3\"\n", "site.toml:4:17: module \"floor-4x8\": build_minutes -3 must not be negative"},
		{"nothing changed", "source = \"s\"\n[[module]]\nid = \"floor-4x8\"\n", "changes nothing"},
		{"twice", "source = \"s\"\n[[module]]\nid = \"floor-4x8\"\nwaste = \"0.1\"\n[[module]]\nid = \"floor-4x8\"\nwaste = \"0.2\"\n", "site.toml:6:6: module \"floor-4x8\" is in the overlay twice"},
		{"no source", "[[module]]\nid = \"floor-4x8\"\nwaste = \"0.1\"\n", "the overlay needs a source"},
		{"unknown key", "source = \"s\"\n[[module]]\nid = \"floor-4x8\"\nwast = \"0.1\"\n", "site.toml:4"},
	} {
		_, err := ParseOverlay("site.toml", []byte(tc.src), cat)
		require.Error(t, err, tc.name)
		assert.Contains(t, err.Error(), tc.want, tc.name)
	}
}
