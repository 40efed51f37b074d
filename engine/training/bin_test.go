package training_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/opensourceecology/prodos/engine/training"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The first three challenges test knowledge, not reading: parts carry no
// ids or ordinals, the bin is shuffled, it holds parts that do not belong,
// and the briefing states no order.
func TestFirstChallengesTestKnowledge(t *testing.T) {
	_, set, _ := load(t)
	ordinal := regexp.MustCompile(`\b(plate|stud|joist|sheathing|subfloor|rim joist) \d`)
	for _, l := range set.Levels[:3] {
		t.Run(l.ID, func(t *testing.T) {
			require.True(t, l.PartsBin(), "a parts-bin level")
			require.NotEmpty(t, l.Distractors(), "parts that do not belong")
			gr := l.Graph()
			for i, tk := range gr.Tasks {
				p := l.Part(i)
				assert.NotContains(t, p, tk.ID, "part %q names its id", p)
				assert.False(t, ordinal.MatchString(p), "part %q numbers itself", p)
				for _, role := range []string{"bottom", "top", "cap"} {
					assert.NotContains(t, p, role, "part %q names its place in the order", p)
				}
			}
			for _, word := range []string{" then ", " first", " next", " last", "1.", "2."} {
				assert.NotContains(t, strings.ToLower(l.Briefing), word, "the briefing spells out the order")
			}
			bin := l.BinOrder()
			assert.Len(t, bin, gr.Len()+len(l.Distractors()))
			var tasks []string
			for _, id := range bin {
				if gr.Index(id) >= 0 {
					tasks = append(tasks, id)
				}
			}
			var order []string
			for _, i := range gr.Order() {
				order = append(order, gr.Tasks[i].ID)
			}
			assert.NotEqual(t, order, tasks, "the bin is in build order")
			assert.Equal(t, bin, l.BinOrder(), "the bin is the same every time")
		})
	}
}

// Picking a part that does not belong costs the penalty, says why, sets
// the part aside, and replays.
func TestDistractorPick(t *testing.T) {
	_, set, _ := load(t)
	l := set.Level("c03-wall-module")
	d := l.Distractors()[0]
	assert.Equal(t, "D1", d.ID)
	assert.Equal(t, "2x4 x 92 5/8 in", d.Part)
	s := training.NewSession(l)
	o := s.Pick("D1")
	assert.True(t, o.Mistake)
	assert.Contains(t, o.Msg, "the 2x4 x 92 5/8 in does not belong here: 2x4 studs belong to interior wall modules")
	assert.Equal(t, 1, s.Mistakes())
	assert.Equal(t, l.LimitTicks()-l.PenaltyTicks(), s.Remaining())
	assert.True(t, s.Aside("D1"))
	again := s.Pick("D1")
	assert.False(t, again.Mistake, "a part set aside is not a second mistake")
	assert.Equal(t, 1, s.Mistakes())

	// Plates look alike: taking any 2x6 x 48 in first takes the bottom plate.
	gr := l.Graph()
	cap := gr.Tasks[gr.Index("P3")]
	assert.Equal(t, "cap plate", cap.Noun)
	assert.Equal(t, l.Part(gr.Index("P1")), l.Part(gr.Index("P3")))
	assert.Equal(t, "P1", s.Like("P3"))
	require.True(t, s.Pick(s.Like("P3")).OK)
	assert.Equal(t, "P2", s.Like("P3"))
	for _, i := range gr.Order() {
		if s.State(i) != training.Done {
			require.True(t, s.Pick(gr.Tasks[i].ID).OK, gr.Tasks[i].ID)
		}
	}
	require.Equal(t, training.Won, s.Status())
	v, err := training.VerifyReplay("a.replay", training.Replay(s), set)
	require.NoError(t, err)
	assert.Equal(t, s.Result(), v.Result)
	assert.Contains(t, string(training.Replay(s)), "0 pick D1\n")
}

func TestDistractorErrors(t *testing.T) {
	cat, _, _ := load(t)
	head := "id = \"x\"\nnumber = 1\ntitle = \"X\"\ntime_limit = 9\nstars = [1,2,3]\nmodule = \"wall-ext-4x8\"\n"
	cases := []struct{ name, body, want string }{
		{"no bin", "[[distractor]]\nsku = \"LUM-2X4-08\"\nlength = 90\nreason = \"r\"\n", "x.toml:7:1: distractors need parts_bin = true"},
		{"no reason", "parts_bin = true\n[[distractor]]\nsku = \"LUM-2X4-08\"\nlength = 90\nreason = \"r\"\n[[distractor]]\nsku = \"LUM-2X4-08\"\nlength = 80\n",
			"x.toml:12:1: distractor 2 needs a reason"},
		{"same as a task", "parts_bin = true\n[[distractor]]\nsku = \"LUM-2X6-08\"\nlength = 48\nreason = \"r\"\n",
			"x.toml:8:1: distractor 1 (2x6 x 48 in) is the same part as task P1"},
		{"unknown sku", "parts_bin = true\n[[distractor]]\nsku = \"NOPE\"\nlength = 48\nreason = \"r\"\n",
			`x.toml:9:7: distractor 1: unknown sku "NOPE"`},
		{"sheet without width", "parts_bin = true\n[[distractor]]\nsku = \"SHT-OSB-2332\"\nlength = 96\nreason = \"r\"\n",
			"x.toml:10:10: distractor 1: give the length (and the width of a sheet)"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := training.ParseLevel("x.toml", []byte(head+tc.body), cat)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
		})
	}
}
