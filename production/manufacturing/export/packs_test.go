package export

import (
	"path/filepath"
	"testing"
	"time"

	"github.com/opensourceecology/prodos/designs"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A package of a design naming a module pack ships the pack unchanged, in
// a draft package too (a pack is its hash), and lists it in the README.
func TestPackageShipsThePacks(t *testing.T) {
	base, err := designs.DefaultCatalog()
	require.NoError(t, err)
	dir := filepath.Join("..", "..", "..", "designs", "examples", "packs")
	d, cat, err := designs.LoadDesignPacks(filepath.Join(dir, "greenhouse-16x8.toml"), base, designs.PackDir(dir))
	require.NoError(t, err)
	pk := cat.Packs()[0]
	for _, draft := range []bool{false, true} {
		opt := Options{Today: time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC), Draft: draft}
		if draft {
			opt.Violations = []string{"a rule: broken"}
		}
		files, err := Package(cat, d, opt)
		require.NoError(t, err)
		got := byName(files)
		assert.Equal(t, pk.Data, got[PacksDir+"/"+pk.Hash+".toml"], "draft %v", draft)
		assert.Contains(t, string(got[ReadmeFile]), "packs/ ")
	}
}
