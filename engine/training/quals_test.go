package training_test

import (
	"testing"
	"testing/fstest"

	"github.com/opensourceecology/prodos/designs"
	"github.com/opensourceecology/prodos/engine/training"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestModuleQualificationsExist(t *testing.T) {
	cat, _, q := load(t)
	for _, id := range cat.ModuleIDs() {
		m := cat.Modules[id]
		for _, qual := range []string{m.BuildQual, m.InstallQual} {
			assert.NotNil(t, q.Get(qual), "module %s uses qualification %q", id, qual)
		}
	}
	shops, err := designs.DefaultShops()
	require.NoError(t, err)
	for _, s := range shops {
		for _, mc := range s.Machines {
			assert.NotNil(t, q.Get(mc.Qualification), "machine %s", mc.ID)
		}
	}
	assert.Contains(t, q.Get("designer").Permissions, training.PermExportBuildPackage)
}

func TestEarnedFollowsChains(t *testing.T) {
	_, _, q := load(t)
	tests := []struct {
		name string
		best map[string]int
		have map[string]bool
		want []string
	}{
		{"first challenge passed", map[string]int{"c01-groundwork": 1300}, nil, []string{"foundation-crew"}},
		{"score too low", map[string]int{"c01-groundwork": 1100}, nil, nil},
		{"needs both walls and roof challenges", map[string]int{"c01-groundwork": 1900, "c06-raise-the-walls": 1900}, nil, []string{"foundation-crew"}},
		{"a chain completes in one go",
			map[string]int{"c01-groundwork": 1900, "c03-wall-module": 1900, "c04-window-module": 1600, "c06-raise-the-walls": 1900, "c07-roof-on": 1600}, nil,
			[]string{"foundation-crew", "wall-framer", "opening-framer", "module-installer", "designer", "inspector"}},
		{"the inspector's practical needs three stars on the wall module",
			map[string]int{"c01-groundwork": 1900, "c03-wall-module": 1700, "c06-raise-the-walls": 1900, "c07-roof-on": 1300}, nil,
			[]string{"foundation-crew", "wall-framer", "module-installer"}},
		{"held ones are not earned again", map[string]int{"c01-groundwork": 1900}, map[string]bool{"foundation-crew": true}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, q.Earned(tc.best, tc.have))
		})
	}
}

func TestLockReasons(t *testing.T) {
	_, _, q := load(t)
	have := map[string]bool{"foundation-crew": true}
	assert.Equal(t, "", q.LockReason(have, training.UnlockLevel, "cabin"))
	assert.Equal(t, "", q.LockReason(have, training.UnlockLevel, "shed"), "what no qualification unlocks is open")
	assert.Equal(t,
		`needs the Designer qualification (designer): pass challenge 7 "Roof on" with a score of 1500 or more; hold Wall framer; hold Opening framer; hold Module installer`,
		q.LockReason(have, training.UnlockPermission, training.PermExportBuildPackage))
	assert.False(t, q.Allows(have, training.UnlockCategory, "roof"))
}

func TestBadInputNamesFileLineAndValue(t *testing.T) {
	cat, set, _ := load(t)
	levelTests := []struct{ name, data, want string }{
		{"bad cell", "id = \"x\"\nnumber = 1\ntitle = \"X\"\ntime_limit = 9\nstars = [1,2,3]\nlayout = '''\n+-+\n|q|\n+-+\n'''\n",
			"x.toml:8:2: unknown cell 'q'"},
		{"unknown module", "id = \"x\"\nnumber = 1\ntitle = \"X\"\ntime_limit = 9\nstars = [1,2,3]\nmodule = \"nope\"\n",
			`x.toml:6:10: unknown module "nope"`},
		{"stars", "id = \"x\"\nnumber = 1\ntitle = \"X\"\ntime_limit = 9\nstars = [3,2,1]\nmodule = \"roof-4x8\"\n",
			"x.toml:5:9: stars must be three rising positive scores, got [3 2 1]"},
		{"unknown key", "id = \"x\"\nnumber = 1\ntitle = \"X\"\ntime_limit = 9\nstars = [1,2,3]\nmodule = \"roof-4x8\"\ncolour = 3\n",
			`x.toml:7:10: unknown key "colour"`},
		{"crew cannot do a task", "id = \"x\"\nnumber = 1\ntitle = \"X\"\ntime_limit = 9\nstars = [1,2,3]\nticks_per_minute = 1\nmodule = \"roof-4x8\"\n[[crew]]\nname = \"a\"\nskills = [\"framing\"]\n",
			`no crew member has skill "framing" and qualification "roof-framer" for rafter RF1`},
	}
	for _, tc := range levelTests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := training.ParseLevel("x.toml", []byte(tc.data), cat)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
		})
	}
	_, err := training.LoadChallenges(fstest.MapFS{}, cat)
	assert.Error(t, err)
	_, err = training.ParseQualifications("q.toml", []byte("[[qualification]]\nid = \"a\"\nname = \"A\"\nrequires = [\"b\"]\n\n[[qualification]]\nid = \"b\"\nname = \"B\"\nrequires = [\"a\"]\n"), set)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "q.toml:2:6: qualifications require each other in a cycle: a -> b -> a")
	_, err = training.ParseQualifications("q.toml", []byte("[[qualification]]\nid = \"a\"\nname = \"A\"\npermissions = [\"fly\"]\n[[qualification.challenge]]\nid = \"c01-groundwork\"\nmin_score = 10\n"), set)
	require.Error(t, err)
	assert.Contains(t, err.Error(), `unknown permission "fly"`)
	assert.Contains(t, err.Error(), "min_score 10 for c01-groundwork is below the level's pass score 1200")
}
