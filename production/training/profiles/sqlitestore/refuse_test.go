//go:build !js

package sqlitestore

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestOpenRefusesAFileThatIsNotADatabase(t *testing.T) {
	p := filepath.Join(t.TempDir(), "profiles.db")
	require.NoError(t, os.WriteFile(p, []byte("name,score\nana,1200\n"), 0o644))
	_, err := Open(p)
	require.Error(t, err)
	assert.Contains(t, err.Error(), p+" is not a SQLite database")
	b, _ := os.ReadFile(p)
	assert.Equal(t, "name,score\nana,1200\n", string(b))
}
