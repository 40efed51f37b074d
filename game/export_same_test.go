//go:build !js

package game

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/opensourceecology/prodos/designs"
	"github.com/opensourceecology/prodos/production/manufacturing/export"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// In-game Export writes the whole build package (jobs/, schedule/), dated
// today, and it is exactly what the one composer makes for the same design
// with `prodos export`'s defaults (cmd/prodos TestExportIsTheComposersPackage
// checks the CLI against the same composer).
func TestExportIsTheSamePackageAsTheCLI(t *testing.T) {
	saved := exportToday
	t.Cleanup(func() { exportToday = saved })
	day := time.Date(2026, 11, 21, 15, 4, 5, 0, time.UTC)
	exportToday = func() time.Time { return day }

	g, _ := newTestGame(t)
	dir := t.TempDir()
	g.Store = FileStore{Dir: dir}
	d := driver{t, g}
	// The player's sandbox design is the cabin example, which keeps every
	// hard rule.
	cabin, err := os.ReadFile(filepath.Join("..", "designs", "examples", "cabin-12x16.toml"))
	require.NoError(t, err)
	require.NoError(t, os.MkdirAll(filepath.Join(dir, "designs"), 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "designs", "sandbox.toml"), cabin, 0o644))
	_, err = g.OpenLevel("sandbox", nil)
	require.NoError(t, err)
	d.step(Frame{})
	require.Len(t, d.design().board.Design().Placements, 38)
	for range 2 { // exporting again replaces the package whole
		d.intent(IntentExport)
		msg, _ := g.Toast()
		require.Contains(t, msg, "Exported as a DRAFT", "a guest exports drafts")
	}
	pkg := filepath.Join(dir, "exports", "sandbox")
	got := map[string]string{}
	require.NoError(t, filepath.WalkDir(pkg, func(p string, e os.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		r, _ := filepath.Rel(pkg, p)
		got[filepath.ToSlash(r)] = string(data)
		return err
	}))
	assert.Contains(t, got, "jobs/jobs.csv")
	assert.Contains(t, got, "schedule/schedule.csv")
	assert.Contains(t, got[export.PurchaseOrdersFile], "2026-11-21")
	assert.NotContains(t, got[export.PurchaseOrdersFile], "0001-01-01")

	design, err := designs.ParseDesign(export.DesignFile, []byte(got[export.DesignFile]), g.Cat)
	require.NoError(t, err)
	files, err := export.Package(g.Cat, design, export.Options{Today: day}) // a guest's export: a draft
	require.NoError(t, err)
	want := map[string]string{}
	for _, f := range files {
		want[f.Name] = string(f.Data)
	}
	assert.Equal(t, len(want), len(got))
	for n, w := range want {
		assert.True(t, w == got[n], "%s differs from the composer's", n)
	}
	assert.True(t, strings.Contains(got[export.ReadmeFile], export.NoDesigner), "a guest's export is a draft")
}
