package ledger

import (
	"path/filepath"
	"testing"

	"github.com/opensourceecology/prodos/designs"
	"github.com/stretchr/testify/require"
)

// loadExample loads one of the example designs in designs/examples.
func loadExample(t testing.TB, cat *designs.Catalog, name string) *designs.Design {
	t.Helper()
	d, err := designs.LoadDesign(filepath.Join("..", "..", "designs", "examples", name+".toml"), cat)
	require.NoError(t, err)
	return d
}

// catalog is the default catalog.
func catalog(t testing.TB) *designs.Catalog {
	t.Helper()
	cat, err := designs.DefaultCatalog()
	require.NoError(t, err)
	return cat
}
