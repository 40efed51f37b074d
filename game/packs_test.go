package game

import (
	"image/color"
	"path/filepath"
	"strings"
	"testing"

	"github.com/opensourceecology/prodos/designs"
	"github.com/opensourceecology/prodos/production/training/profiles"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var examplePacks = filepath.Join("..", "designs", "examples", "packs")

// A module from a pack is in the sandbox's palette with its icon and cost,
// can be picked, and a design using it is saved naming the pack.
func TestPackModuleInThePalette(t *testing.T) {
	base, err := designs.DefaultCatalog()
	require.NoError(t, err)
	cat, err := designs.LoadPackDir(examplePacks, base)
	require.NoError(t, err)
	require.Len(t, cat.Packs(), 1)
	hash := cat.Packs()[0].Hash
	store := MemStore{}
	g, err := New(cat, store)
	require.NoError(t, err)
	g.Now = nil
	d := driver{t, g}

	// A pack module is locked and unlocked as its category is: a guest
	// holds no qualification, a learner with the roof framer's has it.
	sandbox := LevelByID(g.Levels, "sandbox")
	assert.Equal(t, strings.Replace(g.ModuleLock(sandbox, "roof-4x8"), "Roof panel 4x8", "Greenhouse roof 4x8", 1), g.ModuleLock(sandbox, "gh-roof-4x8"))
	assert.NotEmpty(t, g.ModuleLock(sandbox, "gh-roof-4x8"))
	require.NoError(t, g.CreateProfile("ana"))
	g.Profile().Awards = append(g.Profile().Awards, profiles.Award{Qualification: "roof-framer", Evidence: "sha256:test"})
	assert.Empty(t, g.ModuleLock(sandbox, "gh-roof-4x8"))

	s, err := g.OpenLevel("sandbox", nil)
	require.NoError(t, err)
	d.step(Frame{X: 5, Y: 5})
	assert.Contains(t, s.offeredIDs(g), "gh-roof-4x8")
	_, y := s.PaletteItem(g, "gh-roof-4x8")
	require.Greater(t, y, 0.0)
	require.Less(t, y, float64(BaseHeight), "in view")
	img := shot(t, g, "pack-palette")
	roof := color.RGBA{0xb0, 0x60, 0x4a, 0xff}
	found := false
	for py := int(y) - 12; py < int(y)+12 && !found; py++ {
		for px := 10; px < 35 && !found; px++ {
			found = near(img.At(px, py), roof)
		}
	}
	assert.True(t, found, "the roof icon of its category is drawn in the pack module's row")
	_, ry := s.PaletteItem(g, "roof-4x8")
	corner := func(rowY float64) color.Color { return img.At(10+25-3, int(rowY-14.5+2+3)) }
	assert.True(t, near(corner(y), colAccent), "the pack module's icon has the accent corner: %v", corner(y))
	assert.False(t, near(corner(ry), colAccent), "a library module's has none: %v", corner(ry))
	assert.Equal(t, "161.36", cat.ModuleCost(cat.Modules["gh-roof-4x8"], cat.Rates.LabourPerHour).Total().StringFixed(2), "the cost the palette shows")
	d.selectModule("gh-roof-4x8")

	// The greenhouse without its packs line: saving adds it back.
	dsg, _, err := designs.LoadDesignPacks(filepath.Join(examplePacks, "greenhouse-16x8.toml"), cat, nil)
	require.NoError(t, err)
	dsg.Packs = nil
	s, err = g.OpenLevel("sandbox", dsg)
	require.NoError(t, err)
	d.step(Frame{})
	assert.Equal(t, 4, countModule(s.Board(), "gh-roof-4x8"))
	d.step(Frame{X: 600, Y: 700})
	shot(t, g, "pack-greenhouse") // docs/screenshots/pack-palette.png
	assert.Empty(t, hardViolations(s.Board()), "the rule set passes the pack's roof over an 8 ft span")
	d.intent(IntentSave)
	saved := string(store["designs/ana/sandbox.toml"])
	require.NotEmpty(t, saved)
	assert.True(t, strings.Contains(saved, `packs = ["`+hash+`"]`), saved[:300])
	_, err = designs.ParseDesign("sandbox.toml", store["designs/ana/sandbox.toml"], cat)
	assert.NoError(t, err, "the save reads back with the pack")
}

func hardViolations(b Board) []string {
	var out []string
	for _, v := range b.Violations() {
		if v.Hard {
			out = append(out, v.Rule+": "+v.Msg)
		}
	}
	return out
}
