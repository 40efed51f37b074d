package jobs

import (
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/opensourceecology/prodos/designs"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var examples = []string{
	"../../../designs/examples/cabin-12x16.toml",
	"../../../designs/examples/two-bedroom-24x32.toml",
	"../../../designs/examples/seed-home-32x40.toml",
}

func setup(t testing.TB, file, shopID string) (*designs.Design, *designs.Catalog, *designs.Shop) {
	t.Helper()
	cat, err := designs.DefaultCatalog()
	require.NoError(t, err)
	d, err := designs.LoadDesign(file, cat)
	require.NoError(t, err)
	shops, err := designs.DefaultShops()
	require.NoError(t, err)
	require.Contains(t, shops, shopID)
	return d, cat, shops[shopID]
}

func TestBuildExamples(t *testing.T) {
	for _, f := range examples {
		t.Run(filepath.Base(f), func(t *testing.T) {
			d, cat, shop := setup(t, f, designs.DefaultShopID)
			p, err := Build(d, cat, shop)
			require.NoError(t, err)
			crews, err := designs.DefaultCrews(cat)
			require.NoError(t, err)
			require.NoError(t, p.AssignCrew(crews[designs.DefaultCrewID]))
			// every job has a machine of the shop, a positive time and a
			// qualified operator
			machines := map[string]designs.Machine{}
			for _, m := range shop.Machines {
				machines[m.ID] = m
			}
			cncJobs := 0
			for _, j := range p.Jobs {
				m, ok := machines[j.Machine]
				require.True(t, ok, "job %s on unknown machine %q", j.ID, j.Machine)
				assert.Equal(t, m.Qualification, j.Qualification)
				assert.Positive(t, j.Minutes.InexactFloat64(), j.ID)
				var op *designs.Member
				for i := range crews[designs.DefaultCrewID].Members {
					if crews[designs.DefaultCrewID].Members[i].ID == j.Operator {
						op = &crews[designs.DefaultCrewID].Members[i]
					}
				}
				require.NotNil(t, op, "job %s has no operator", j.ID)
				assert.True(t, op.Has(j.Qualification))
				if j.Process == "cnc-router" {
					cncJobs++
				}
			}
			assert.Equal(t, len(p.Programs), cncJobs)
			// queue times are back to back
			for _, q := range p.Queues {
				for i, j := range q.Jobs {
					if i > 0 {
						assert.True(t, j.Start.Equal(q.Jobs[i-1].End))
					}
					assert.True(t, j.End.Equal(j.Start.Add(j.Minutes)))
				}
			}
			// Buy covers sheets and lumber
			buy := p.Buy()
			assert.Equal(t, p.Layout.SheetCount(), buy["SHT-OSB-716"]+buy["SHT-OSB-2332"])
			again, err := StockToBuy(d, cat, shop)
			require.NoError(t, err)
			assert.Equal(t, buy, again)
			lumber := 0
			for sku, n := range buy {
				if cat.Materials[sku].Kind == designs.KindLumber {
					lumber += n
				}
			}
			assert.Equal(t, len(p.Cuts.Bars()), lumber)
			t.Log("\n" + p.Summary())
		})
	}
}

func TestAssignRefusesUnqualified(t *testing.T) {
	j := &Job{ID: "cnc-SHT-OSB-716-01", Machine: "cnc-1", Qualification: "cnc-operator"}
	m := &designs.Member{ID: "apprentice", Name: "Apprentice", Qualifications: []string{"wall-framer"}}
	err := Assign(j, m)
	var r *RefusalError
	require.True(t, errors.As(err, &r))
	assert.Equal(t, "cnc-operator", r.Qualification)
	assert.Contains(t, err.Error(), `needs qualification "cnc-operator"`)
	assert.Contains(t, err.Error(), "apprentice")
	assert.Empty(t, j.Operator)

	m.Qualifications = append(m.Qualifications, "cnc-operator")
	require.NoError(t, Assign(j, m))
	assert.Equal(t, "apprentice", j.Operator)
}

func TestAssignCrewWithoutOperator(t *testing.T) {
	d, cat, shop := setup(t, "testdata/small.toml", designs.DefaultShopID)
	p, err := Build(d, cat, shop)
	require.NoError(t, err)
	crew := &designs.Crew{ID: "framers", Members: []designs.Member{{ID: "a", Name: "A", Qualifications: []string{"wall-framer"}}}}
	err = p.AssignCrew(crew)
	require.Error(t, err)
	var r *RefusalError
	require.True(t, errors.As(err, &r))
	assert.Contains(t, err.Error(), `needs qualification "cnc-operator" and no one on crew framers holds it`)
	assert.Contains(t, p.Summary(), "qualifications claimed by the roster")

	// A crew of profiles is named with its people.
	crew.Verified = true
	err = p.AssignCrew(crew)
	assert.Contains(t, err.Error(), `no one on crew framers (a; qualifications verified) holds it`)
	crew.Members = append(crew.Members, designs.Member{ID: "cam", Name: "cam", Qualifications: []string{"cnc-operator"}})
	require.NoError(t, p.AssignCrew(crew))
	q, err := p.QueuesJSON()
	require.NoError(t, err)
	assert.Contains(t, string(q), `"crew_qualifications": "verified"`)
	for _, j := range p.Jobs {
		if j.Qualification == "cnc-operator" {
			assert.Equal(t, "cam", j.Operator)
		}
	}
}

func TestHandToolsShopCannotCutSheets(t *testing.T) {
	d, cat, shop := setup(t, "testdata/small.toml", "hand-tools")
	_, err := Build(d, cat, shop)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "no cnc-router")
}

func TestWritePackage(t *testing.T) {
	d, cat, shop := setup(t, "testdata/small.toml", designs.DefaultShopID)
	dir := t.TempDir()
	files, err := WritePackage(dir, d, cat, shop)
	require.NoError(t, err)
	var names []string
	for _, f := range files {
		rel, err := filepath.Rel(dir, f)
		require.NoError(t, err)
		names = append(names, filepath.ToSlash(rel))
		fi, err := os.Stat(f)
		require.NoError(t, err)
		assert.Positive(t, fi.Size(), f)
	}
	for _, want := range []string{"jobs.csv", "queues.json", "jobs-summary.txt", "cutlists/saw-1.csv", "cutlists/saw-1.txt", "cutlists/purchase.csv", "nesting/SHT-OSB-716-01.svg", "nesting/SHT-OSB-716-01.dxf", "gcode/SHT-OSB-716-04.nc"} {
		assert.Contains(t, names, want)
	}
	data, err := os.ReadFile(filepath.Join(dir, "jobs.csv"))
	require.NoError(t, err)
	assert.True(t, strings.HasPrefix(string(data), "id,machine,process,material,program,minutes,qualification,operator"))
}

// TestShopDays: a queue's shop days count its whole run time, not the day
// its last job starts (issue 12.4: a 2,585-minute saw job is 6 days of 8 h).
func TestShopDays(t *testing.T) {
	shop := &designs.Shop{HoursPerDay: 8, Machines: []designs.Machine{{ID: "saw-1"}}}
	for _, tc := range []struct {
		name    string
		minutes []int64
		want    int
	}{
		{"one long saw job", []int64{2585}, 6},
		{"exactly one day", []int64{480}, 1},
		{"one minute over a day", []int64{480, 1}, 2},
		{"last job starts on day 1, ends on day 2", []int64{400, 100}, 2},
		{"three days back to back", []int64{480, 480, 480}, 3},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var js []*Job
			for i, m := range tc.minutes {
				js = append(js, &Job{ID: strconv.Itoa(i), Machine: "saw-1", Minutes: decimal.NewFromInt(m)})
			}
			qs := queues(js, shop)
			require.Len(t, qs, 1)
			assert.Equal(t, tc.want, qs[0].ShopDays(8))
		})
	}
	assert.Zero(t, (&Queue{}).ShopDays(8))
}
