package asbuilt_test

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/opensourceecology/prodos/designs"
	"github.com/opensourceecology/prodos/production/asbuilt"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "rewrite the golden files")

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		require.NoError(t, os.WriteFile(path, got, 0o644))
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.Equal(t, string(want), string(got))
}

func d(s string) decimal.Decimal { return decimal.RequireFromString(s) }

func mats(s string) []asbuilt.MaterialQty {
	m, err := asbuilt.ParseMaterials(s, nil)
	if err != nil {
		panic(err)
	}
	return m
}

// rec is a record of a wall-ext-4x8 task (plan: build 21 min = 7 members x
// 3 min, install 15 min).
func rec(house, task, actual, used, wasted string) asbuilt.Record {
	r := asbuilt.Record{Key: house + "/" + task + "/" + actual, House: house, Task: task, Module: "wall-ext-4x8",
		ActualMinutes: d(actual), People: []string{"al"}, Used: mats(used), Wasted: mats(wasted), At: time.Unix(0, 0).UTC()}
	if filepath.Ext(task) == ".build" {
		r.Op, r.Phase, r.PlanMinutes, r.TaskName = "build", "0 module build stations", d("21"), "build Exterior wall 4x8"
	} else {
		r.Op, r.Phase, r.PlanMinutes, r.TaskName = "install", "C walls", d("15"), "raise Exterior wall 4x8"
	}
	return r
}

// handHouses: house h1 has W1 and W2 built and installed (W2's install in
// two records, 5 + 7 minutes); house h2 has W1.
var handHouses = []asbuilt.Record{
	rec("h1", "W1.build", "30", "LUM-2X6-08=7,SHT-OSB-716=1", "LUM-2X6-08=1"),
	rec("h1", "W1", "20", "", ""),
	rec("h1", "W2.build", "24", "SHT-OSB-716=1", "SHT-OSB-716=0.25"),
	rec("h1", "W2", "5", "", ""),
	rec("h1", "W2", "7", "", ""),
	rec("h2", "W1.build", "27", "SHT-OSB-716=2", ""),
	rec("h2", "W1", "18", "", ""),
}

func TestReportMatchesHandFigures(t *testing.T) {
	rep := asbuilt.BuildReport("h1", handHouses[:5])
	type row struct{ key, plan, actual, diff string }
	rows := func(ls []asbuilt.Line) []row {
		var out []row
		for _, l := range ls {
			out = append(out, row{l.Key, l.Plan.String(), l.Actual.String(), l.Diff.String()})
		}
		return out
	}
	// Largest difference first; W2 and W2.build tie at 3 and go by id.
	assert.Equal(t, []row{{"W1.build", "21", "30", "9"}, {"W1", "15", "20", "5"}, {"W2", "15", "12", "-3"}, {"W2.build", "21", "24", "3"}}, rows(rep.Tasks))
	assert.Equal(t, []row{{"0 module build stations", "42", "54", "12"}, {"C walls", "30", "32", "2"}}, rows(rep.Phases))
	assert.Equal(t, []row{{"wall-ext-4x8", "72", "86", "14"}}, rows(rep.Modules))
	assert.Equal(t, row{"total", "72", "86", "14"}, rows([]asbuilt.Line{rep.Total})[0])
	assert.Equal(t, 5, rep.Total.Records)
	assert.Equal(t, "19.4", rep.Total.DiffPct().String()) // 14 / 72
	var table, svg bytes.Buffer
	require.NoError(t, rep.WriteTable(&table))
	require.NoError(t, rep.WriteSVG(&svg))
	golden(t, "report-h1.txt", table.Bytes())
	golden(t, "report-h1.svg", svg.Bytes())
}

func TestCalibrationMatchesHandFigures(t *testing.T) {
	cat, err := designs.DefaultCatalog()
	require.NoError(t, err)
	c, err := asbuilt.Calibrate(cat, handHouses)
	require.NoError(t, err)
	assert.Equal(t, []string{"h1", "h2"}, c.Houses)
	require.Len(t, c.Proposals, 1)
	p := c.Proposals[0]
	fig := func(f *asbuilt.Figure) []string {
		return []string{f.Median.String(), f.Low.String(), f.High.String(), f.Default.String()}
	}
	// Build: 30, 24, 27 minutes -> median 27 (default 7 members x 3 = 21).
	assert.Equal(t, []string{"27", "24", "30", "21"}, fig(p.Build))
	assert.Equal(t, 3, p.Build.Records)
	// Install: 20, 5+7 = 12, 18 -> median 18 (default 15).
	assert.Equal(t, []string{"18", "12", "20", "15"}, fig(p.Install))
	// Waste: 5.48 / (7 x 5.48 + 12.50) = 0.1077; 3.125 / 12.50 = 0.25; 0 / 25 = 0 -> median 0.1077.
	// Default: the materials' waste weighted by value.
	assert.Equal(t, []string{"0.1077", "0", "0.25"}, fig(p.Waste)[:3])
	assert.Equal(t, 3, p.Waste.Records)
	var b bytes.Buffer
	require.NoError(t, c.Overlay().WriteTOML(&b, []string{"test overlay"}))
	golden(t, "overlay.toml", b.Bytes())

	// The overlay loads on top of the defaults and changes the figures.
	o, err := designs.ParseOverlay("overlay.toml", b.Bytes(), cat)
	require.NoError(t, err)
	oc := cat.WithOverlay(o)
	build, install := oc.LabourMinutes(oc.Modules["wall-ext-4x8"])
	assert.Equal(t, "27 18", build.String()+" "+install.String())
	build, install = cat.LabourMinutes(cat.Modules["wall-ext-4x8"])
	assert.Equal(t, "21 15", build.String()+" "+install.String(), "the default catalog is unchanged")
	assert.Equal(t, "0.1077", asbuilt.DefaultWaste(oc, oc.Modules["wall-ext-4x8"]).String())
}

func TestMedian(t *testing.T) {
	for _, tc := range []struct {
		in   []string
		want string
	}{
		{[]string{"4"}, "4"}, {[]string{"1", "2"}, "1.5"}, {[]string{"1", "2", "10"}, "2"}, {[]string{"1", "2", "3", "10"}, "2.5"},
	} {
		var s []decimal.Decimal
		for _, v := range tc.in {
			s = append(s, d(v))
		}
		assert.Equal(t, tc.want, asbuilt.Median(s).String(), "%v", tc.in)
	}
}
