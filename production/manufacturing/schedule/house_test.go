package schedule

import (
	"bytes"
	"encoding/csv"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/opensourceecology/prodos/designs"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A design grouped into houses: every task names its house in the CSV and
// JSON, and the package holds one Gantt chart per house with only that
// house's tasks. A design without houses keeps its files as they were.
func TestScheduleSplitsPerHouse(t *testing.T) {
	d, cat, crews := setup(t, "../../../designs/examples/compact/row-of-20-24x32.toml")
	s, err := PlanDesign(d, cat, crews[designs.DefaultCrewID])
	require.NoError(t, err)
	checkSchedule(t, s)
	require.Len(t, s.Houses(), 20)

	rows, err := csv.NewReader(bytes.NewReader(s.CSV())).ReadAll()
	require.NoError(t, err)
	assert.Equal(t, "house", rows[0][len(rows[0])-1])
	for _, r := range rows[1:] {
		assert.True(t, strings.HasPrefix(r[len(r)-1], "House "), "task %s has house %q", r[0], r[len(r)-1])
	}
	j, err := s.JSON(d.Name, 0)
	require.NoError(t, err)
	assert.Contains(t, string(j), `"house": "House 20"`)

	byID := map[string]int{}
	for i, tk := range s.Tasks {
		byID[tk.ID] = i
	}
	files, err := s.Files(d, cat, 8)
	require.NoError(t, err)
	for k, h := range s.Houses() {
		name := "gantt/house-" + strconv.Itoa(k+1) + ".svg"
		svg, ok := files[name]
		require.True(t, ok, "missing %s", name)
		assert.Contains(t, string(svg), h+": ")
		want := 0
		for _, tk := range s.Tasks {
			if tk.House == h {
				want++
			}
		}
		bars := titleRE.FindAllStringSubmatch(string(svg), -1)
		assert.Len(t, bars, want, name)
		for _, b := range bars {
			assert.Equal(t, h, s.Tasks[byID[b[1]]].House, "%s in %s", b[1], name)
		}
	}
	assert.Len(t, files, 5+20)
	hs, err := csv.NewReader(bytes.NewReader(files["schedule-houses.csv"])).ReadAll()
	require.NoError(t, err)
	require.Len(t, hs, 21)
	assert.Equal(t, HousesCSVHeader, hs[0])
	assert.Equal(t, "House 1", hs[1][0])
	perHouse := strconv.Itoa(len(s.Tasks) / 20)
	for _, r := range hs[1:] {
		assert.Equal(t, perHouse, r[1], "every house has the same tasks: %v", r)
	}

	one, cat, crews := setup(t, examples[0])
	s1, err := PlanDesign(one, cat, crews[designs.DefaultCrewID])
	require.NoError(t, err)
	f1, err := s1.Files(one, cat, 8)
	require.NoError(t, err)
	assert.Len(t, f1, 4)
	assert.Equal(t, strings.Join(CSVHeader, ","), strings.SplitN(string(f1["schedule.csv"]), "\n", 2)[0])
}

var titleRE = regexp.MustCompile(`<title>(\S+) `)
