package designs

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestParseDesignSkipsPositionIndex: a good design whose forms need no
// ordering by line (placements only, or fills only) parses without
// indexing where its keys are: the index is for reporting problems and
// for interleaving placements with fills, rows and houses, and `ledger
// post` paid for it on every good file (issue 14). A design that mixes
// forms still orders them by line (TestCompactFormsExpandInFileOrder and
// the golden files).
func TestParseDesignSkipsPositionIndex(t *testing.T) {
	cat, err := DefaultCatalog()
	require.NoError(t, err)
	data, err := os.ReadFile(filepath.Join("examples", "cabin-12x16.toml"))
	require.NoError(t, err)
	_, pos, err := parseDesign("cabin-12x16.toml", data, cat)
	require.NoError(t, err)
	assert.True(t, pos.idx.at == nil, "the position index of a good placements-only design was built")

	_, pos, err = parseDesign("bad.toml", append(data, "\n[[placement]]\nmodule = \"no-such-module\"\nx = 0\ny = 0\n"...), cat)
	require.Error(t, err)
	assert.True(t, pos.idx.at != nil, "a problem is reported at its position")
}
