package training_test

import (
	"testing"
	"testing/fstest"
	"time"

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
		name   string
		best   map[string]int
		have   map[string]bool
		signed map[string]bool
		want   []string
	}{
		{"first challenge passed", map[string]int{"c01-groundwork": 1300}, nil, nil, []string{"foundation-crew"}},
		{"score too low", map[string]int{"c01-groundwork": 1100}, nil, nil, nil},
		{"needs both walls and roof challenges", map[string]int{"c01-groundwork": 1900, "c06-raise-the-walls": 1900}, nil, nil, []string{"foundation-crew"}},
		{"a chain completes in one go",
			map[string]int{"c01-groundwork": 1900, "c03-wall-module": 1900, "c04-window-module": 1600, "c06-raise-the-walls": 1900, "c07-roof-on": 1600}, nil,
			map[string]bool{"wall-framer": true},
			[]string{"foundation-crew", "wall-framer", "opening-framer", "module-installer", "designer", "inspector"}},
		{"the inspector's practical needs three stars on the wall module",
			map[string]int{"c01-groundwork": 1900, "c03-wall-module": 1700, "c06-raise-the-walls": 1900, "c07-roof-on": 1300}, nil,
			map[string]bool{"wall-framer": true},
			[]string{"foundation-crew", "wall-framer", "module-installer"}},
		{"the challenge alone does not earn a qualification with a practical part",
			map[string]int{"c01-groundwork": 1900, "c03-wall-module": 1900, "c04-window-module": 1600, "c06-raise-the-walls": 1900, "c07-roof-on": 1600}, nil, nil,
			[]string{"foundation-crew", "module-installer"}},
		{"a sign-off alone does not earn it either", map[string]int{}, nil, map[string]bool{"wall-framer": true}, nil},
		{"held ones are not earned again", map[string]int{"c01-groundwork": 1900}, map[string]bool{"foundation-crew": true}, nil, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, q.EarnedSigned(tc.best, tc.have, tc.signed))
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

func TestPracticalPart(t *testing.T) {
	_, set, q := load(t)
	wf := q.Get("wall-framer")
	require.NotNil(t, wf.Practical)
	assert.Equal(t, "wall-ext-4x8", wf.Practical.Module)
	assert.Equal(t, 60, wf.Practical.MaxMinutes)
	assert.Contains(t, q.HowToEarn("wall-framer"), "be signed off by an assessor for building a wall-ext-4x8 module in at most 60 minutes")
	assert.NoError(t, wf.PracticalOK("wall-ext-4x8", 52))
	assert.ErrorContains(t, wf.PracticalOK("wall-ext-4x8", 61), "measured time 61 minutes is over the 60-minute limit")
	assert.ErrorContains(t, wf.PracticalOK("wall-ext-4x9", 30), "practical is a wall-ext-4x8 module, not wall-ext-4x9")
	assert.ErrorContains(t, q.Get("roof-framer").PracticalOK("roof-4x8", 30), "has no practical part")

	head := "[[qualification]]\nid = \"wall-framer\"\nname = \"W\"\n"
	tail := "[[qualification.challenge]]\nid = \"c03-wall-module\"\nmin_score = 1500\n"
	tests := []struct{ name, practical, want string }{
		{"unknown module", `practical = { module = "nope", max_minutes = 60, source = "s" }`, `q.toml:2:6: qualification "wall-framer": practical module "nope" is not in the catalog`},
		{"module of another qualification", `practical = { module = "roof-4x8", max_minutes = 60, source = "s" }`, `practical module "roof-4x8" is built by "roof-framer"`},
		{"no time limit", `practical = { module = "wall-ext-4x8", source = "s" }`, "practical max_minutes 0 must be positive"},
		{"no source", `practical = { module = "wall-ext-4x8", max_minutes = 60 }`, "practical has no source"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := training.ParseQualifications("q.toml", []byte(head+tc.practical+"\n"+tail), set)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
		})
	}
}

func TestPolicyStanding(t *testing.T) {
	_, _, q := load(t)
	pol, err := training.ParsePolicy("p.toml", []byte(`[[permission]]
id = "lead-build-crew"
lapse_days = 180
renewed_by = ["signoff-given"]
source = "test"
`))
	require.NoError(t, err)
	day := func(s string) time.Time { t, _ := time.Parse(time.DateOnly, s); return t }
	earned := map[string]time.Time{"crew-lead": day("2026-01-01"), "designer": day("2026-01-01")}
	given := []training.Contribution{{Kind: training.ContribSignOffGiven, At: day("2026-03-01")}}
	other := []training.Contribution{{Kind: training.ContribQualification, At: day("2026-05-01")}}
	tests := []struct {
		name     string
		perm     string
		earned   map[string]time.Time
		contribs []training.Contribution
		now      string
		want     string
	}{
		{"not held", training.PermLeadBuildCrew, nil, nil, "2026-02-01", "not held"},
		{"active from the award", training.PermLeadBuildCrew, earned, nil, "2026-02-01", "active, lapses on 2026-06-30"},
		{"lapsed 180 days after the award", training.PermLeadBuildCrew, earned, nil, "2026-07-01", "lapsed since 2026-06-30"},
		{"a contribution renews it", training.PermLeadBuildCrew, earned, given, "2026-07-01", "active, lapses on 2026-08-28"},
		{"a kind not in renewed_by does not", training.PermLeadBuildCrew, earned, other, "2026-07-01", "lapsed since 2026-06-30"},
		{"a contribution after now does not count yet", training.PermLeadBuildCrew, earned, given, "2026-02-01", "active, lapses on 2026-06-30"},
		{"a permission without a rule does not lapse", training.PermExportBuildPackage, earned, nil, "2030-01-01", "active, does not lapse"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, pol.Standing(q, tc.perm, tc.earned, tc.contribs, day(tc.now)).String())
		})
	}
	s := pol.Standing(q, training.PermLeadBuildCrew, earned, nil, day("2026-02-01"))
	assert.Equal(t, "a verified contribution within 180 days: signing off a learner's practical build as assessor", s.Renews)

	for _, tc := range []struct{ name, data, want string }{
		{"unknown permission", "[[permission]]\nid = \"fly\"\nsource = \"s\"\n", `p.toml:2:6: unknown permission "fly"`},
		{"unknown kind", "[[permission]]\nid = \"lead-build-crew\"\nlapse_days = 9\nrenewed_by = [\"cake\"]\nsource = \"s\"\n", `unknown contribution "cake"`},
		{"lapses with no renewal", "[[permission]]\nid = \"lead-build-crew\"\nlapse_days = 9\nsource = \"s\"\n", "lapses but nothing renews it"},
		{"unknown key", "[[permission]]\nid = \"lead-build-crew\"\ncolour = 1\nsource = \"s\"\n", `unknown key "permission.colour"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := training.ParsePolicy("p.toml", []byte(tc.data))
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
		})
	}
}
