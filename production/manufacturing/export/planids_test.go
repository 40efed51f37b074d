package export

import (
	"regexp"
	"testing"

	"github.com/opensourceecology/prodos/designs"
	"github.com/opensourceecology/prodos/production/manufacturing/schedule"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var (
	wallRE  = regexp.MustCompile(`<line class="wall" id="([^"]+)" data-module="([^"]+)"`)
	labelRE = regexp.MustCompile(`<text class="task"[^>]*>([^<]+)</text>`)
)

// Every wall on plan.svg carries the id of its task in the schedule (W2,
// I11), shown as a label: the same module under the same name in both.
func TestPlanIDsMatchSchedule(t *testing.T) {
	for _, name := range []string{"cabin-12x16", "two-bedroom-24x32", "seed-home-32x40"} {
		t.Run(name, func(t *testing.T) {
			cat, d := load(t, name)
			svg := string(PlanSVG(cat, d))
			tasks, err := schedule.FromDesign(d, cat)
			require.NoError(t, err)
			module := map[string]string{} // install task id -> module id
			walls := 0
			for _, tk := range tasks {
				if tk.Op != "install" {
					continue
				}
				p := d.Placements[tk.Module]
				module[tk.ID] = p.Module
				if cat.Modules[p.Module].Placement == designs.OnEdge {
					walls++
				}
			}
			found := wallRE.FindAllStringSubmatch(svg, -1)
			assert.Len(t, found, walls)
			for _, f := range found {
				assert.Equal(t, module[f[1]], f[2], "plan %s", f[1])
			}
			labels := map[string]bool{}
			for _, l := range labelRE.FindAllStringSubmatch(svg, -1) {
				_, ok := module[l[1]]
				assert.True(t, ok, "label %s is no schedule task", l[1])
				labels[l[1]] = true
			}
			for _, f := range found {
				assert.True(t, labels[f[1]], "wall %s has no label", f[1])
			}
		})
	}
}

// A design grouped into houses names each house on the plan, and every
// wall still carries its task id.
func TestPlanNamesHouses(t *testing.T) {
	cat, err := designs.DefaultCatalog()
	require.NoError(t, err)
	d, err := designs.LoadDesign("../../../designs/examples/compact/row-of-20-24x32.toml", cat)
	require.NoError(t, err)
	svg := string(PlanSVG(cat, d))
	names := regexp.MustCompile(`<text class="house"[^>]*>([^<]+)</text>`).FindAllStringSubmatch(svg, -1)
	require.Len(t, names, 20)
	assert.Equal(t, "House 1", names[0][1])
	assert.Equal(t, "House 20", names[19][1])
	assert.Equal(t, 20*42, len(wallRE.FindAllStringSubmatch(svg, -1)), "walls with ids")
}
