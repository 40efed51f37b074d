//go:build !js

package game

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/opensourceecology/prodos/production/manufacturing/export"
	"github.com/opensourceecology/prodos/production/training/profiles"
	profilestore "github.com/opensourceecology/prodos/production/training/profiles/sqlitestore"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// exportGame is a game saving into a folder, with a real SQLite profile
// store holding dana (a designer) and bo (a wall framer), and the cabin
// example as the sandbox design of the guest and of both learners.
func exportGame(t *testing.T) (*Game, driver, string) {
	t.Helper()
	g, _ := newTestGame(t)
	dir := t.TempDir()
	g.Store = FileStore{Dir: dir}
	path := filepath.Join(t.TempDir(), "profiles.db")
	st, err := profilestore.Open(path)
	require.NoError(t, err)
	t.Cleanup(func() { st.Close() })
	ctx, now := context.Background(), time.Now().UTC()
	for name, quals := range map[string][]string{
		"dana": {"foundation-crew", "wall-framer", "opening-framer", "module-installer", "designer"},
		"bo":   {"wall-framer"},
	} {
		_, err := st.Create(ctx, name, now)
		require.NoError(t, err)
		var awards []profiles.Award
		for _, q := range quals {
			awards = append(awards, profiles.Award{Qualification: q, At: now, Evidence: "sha256:" + name})
		}
		require.NoError(t, st.Record(ctx, name, profiles.Attempt{Challenge: "c01-groundwork", Score: 1500, Passed: true, ReplayHash: "sha256:" + name, At: now}, awards))
	}
	g.UseProfiles(st, path)
	cabin, err := os.ReadFile(filepath.Join("..", "designs", "examples", "cabin-12x16.toml"))
	require.NoError(t, err)
	for _, p := range []string{"designs", "designs/dana", "designs/bo"} {
		require.NoError(t, os.MkdirAll(filepath.Join(dir, p), 0o755))
		require.NoError(t, os.WriteFile(filepath.Join(dir, p, "sandbox.toml"), cabin, 0o644))
	}
	return g, driver{t, g}, dir
}

// exported exports the sandbox design with the Export intent, as the
// player does, and reads the package back.
func exported(t *testing.T, g *Game, d driver, dir string) (string, bool, export.ManifestDoc, map[string]string) {
	t.Helper()
	_, err := g.OpenLevel("sandbox", nil)
	require.NoError(t, err)
	d.step(Frame{})
	require.Len(t, d.design().board.Design().Placements, 38)
	d.intent(IntentExport)
	msg, bad := g.Toast()
	pkg := filepath.Join(dir, "exports", "sandbox")
	files := map[string]string{}
	require.NoError(t, filepath.WalkDir(pkg, func(p string, e os.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		r, _ := filepath.Rel(pkg, p)
		files[filepath.ToSlash(r)] = string(data)
		return err
	}))
	var m export.ManifestDoc
	require.NoError(t, json.Unmarshal([]byte(files[export.ManifestFile]), &m))
	return msg, bad, m, files
}

// The game's Export is build-ready only for a learner holding the
// Designer qualification, checked in the profile store as `prodos export
// --as` checks it; a guest or a learner without it gets a draft that says
// why.
func TestGameExportBuildReadyOnlyForADesigner(t *testing.T) {
	for _, tc := range []struct {
		learner, why string
	}{
		{"", "no designer released it"},
		{"bo", `designer "bo" may not release a build-ready package`},
	} {
		t.Run("draft for "+tc.learner, func(t *testing.T) {
			g, d, dir := exportGame(t)
			if tc.learner != "" {
				require.NoError(t, g.SelectProfile(tc.learner))
			}
			msg, bad, m, files := exported(t, g, d, dir)
			assert.True(t, bad)
			assert.Contains(t, msg, "DRAFT, NOT FOR CONSTRUCTION")
			assert.Equal(t, export.StatusDraft, m.Status)
			assert.Contains(t, files[export.ReadmeFile], tc.why)
			for name, data := range files {
				assert.True(t, strings.Contains(data, export.DraftMark), "%s is not marked", name)
			}
		})
	}
	t.Run("build-ready for a designer", func(t *testing.T) {
		g, d, dir := exportGame(t)
		require.NoError(t, g.SelectProfile("dana"))
		msg, bad, m, files := exported(t, g, d, dir)
		assert.False(t, bad, msg)
		assert.Contains(t, msg, "build-ready, released by dana")
		assert.Equal(t, export.StatusBuildReady, m.Status)
		assert.Equal(t, "dana", m.ReleasedBy)
		for name, data := range files {
			assert.False(t, strings.Contains(data, export.DraftMark), "%s is marked", name)
		}
	})
}

// A design that breaks a hard rule is never exported build-ready from the
// game, even by a designer.
func TestGameExportOfABrokenDesignIsADraftEvenForADesigner(t *testing.T) {
	g, d, dir := exportGame(t)
	require.NoError(t, g.SelectProfile("dana"))
	_, err := g.OpenLevel("shed", nil)
	require.NoError(t, err)
	d.step(Frame{})
	d.selectModule("wall-ext-4x8")
	d.placeWall(2, 2, "n") // a wall on bare ground breaks hard rules
	d.intent(IntentExport)
	msg, bad := g.Toast()
	assert.True(t, bad)
	assert.Contains(t, msg, "DRAFT, NOT FOR CONSTRUCTION (the design breaks a rule)")
	raw, err := os.ReadFile(filepath.Join(dir, "exports", "shed", export.ManifestFile))
	require.NoError(t, err)
	var m export.ManifestDoc
	require.NoError(t, json.Unmarshal(raw, &m))
	assert.Equal(t, export.StatusDraft, m.Status)
	assert.Empty(t, m.ReleasedBy)
	readme, err := os.ReadFile(filepath.Join(dir, "exports", "shed", export.ReadmeFile))
	require.NoError(t, err)
	assert.Contains(t, string(readme), "breaks a hard rule")
}
