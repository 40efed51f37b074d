package buildseq_test

import (
	"testing"

	"github.com/opensourceecology/prodos/engine/buildseq"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestFramingWindowModule(t *testing.T) {
	cat := catalog(t)
	g, err := buildseq.FromModule(cat.Modules["wall-window-4x8"], cat)
	require.NoError(t, err)
	// Cut list order: king stud x2, jack stud x2, cripple x2, sill, plate x3,
	// header x2, sheathing parts x4, then the window unit.
	tests := []struct{ task, noun, want string }{
		{"P1", "bottom plate", ""},
		{"P2", "top plate", "P1"},
		{"K1", "king stud", "P1 P2"},
		{"J2", "jack stud", "K2"},
		{"C1", "cripple", "J1 J2"},
		{"SL1", "sill", "C1 C2"},
		{"H1", "header", "J1 J2"},
		{"H2", "header", "H1"},
		{"P3", "cap plate", "K1 K2 J1 J2 P2 H1 H2"},
		{"SH1", "sheathing side", "K1 K2 J1 J2 C1 C2 SL1 P1 P2 P3 H1 H2"},
		{"X1", "fit the window unit", "K1 K2 J1 J2 C1 C2 SL1 P1 P2 P3 H1 H2 SH1 SH2 SH3 SH4"},
	}
	for _, tc := range tests {
		t.Run(tc.task, func(t *testing.T) {
			i := g.Index(tc.task)
			require.GreaterOrEqual(t, i, 0)
			assert.Equal(t, tc.noun, g.Tasks[i].Noun)
			assert.Equal(t, tc.want, deps(g, tc.task))
		})
	}
	err2 := g.CheckOrderIDs(ids("P1 P2 K1 J1 H1"))
	require.NotNil(t, err2)
	assert.Equal(t, "step 5: header H1 needs jack stud J2 fixed first", err2.Error())
}

func TestFramingEveryModule(t *testing.T) {
	cat := catalog(t)
	for _, id := range cat.ModuleIDs() {
		m := cat.Modules[id]
		if len(m.Cuts) == 0 {
			continue
		}
		t.Run(id, func(t *testing.T) {
			g, err := buildseq.FromModule(m, cat)
			require.NoError(t, err)
			build, _ := cat.LabourMinutes(m)
			assert.True(t, build.Equal(g.TotalMinutes()), "task minutes %s sum to the build minutes %s", g.TotalMinutes(), build)
			assert.Nil(t, g.CheckOrder(g.Order()))
			for _, tk := range g.Tasks {
				assert.Equal(t, buildseq.KindMember, tk.Kind)
				assert.Equal(t, m.BuildQual, tk.Qual)
			}
		})
	}
}
