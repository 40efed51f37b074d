package userdata

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDir(t *testing.T) {
	cases := []struct{ xdg, home, want string }{
		{"/data", "/home/ana", "/data/prodos"},
		{"", "/home/ana", "/home/ana/.local/share/prodos"},
		{"relative/ignored", "/home/ana", "/home/ana/.local/share/prodos"},
	}
	for _, tc := range cases {
		t.Setenv("XDG_DATA_HOME", tc.xdg)
		t.Setenv("HOME", tc.home)
		got, err := Dir()
		require.NoError(t, err)
		assert.Equal(t, tc.want, got)
	}
	f, err := File("ledger.db")
	require.NoError(t, err)
	assert.Equal(t, "/home/ana/.local/share/prodos/ledger.db", f)
}

func TestEnsure(t *testing.T) {
	p := filepath.Join(t.TempDir(), "a", "b", "x.db")
	require.NoError(t, Ensure(p))
	assert.DirExists(t, filepath.Dir(p))
}

// TestEnsureMakesAPrivateFolder: issue 13 item 11: the data folder holds
// the databases and the issuer key, so only its owner may list it.
func TestEnsureMakesAPrivateFolder(t *testing.T) {
	p := filepath.Join(t.TempDir(), "prodos", "x.db")
	require.NoError(t, Ensure(p))
	fi, err := os.Stat(filepath.Dir(p))
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o700), fi.Mode().Perm())
}

func TestEnsureTightensTheDataDirectory(t *testing.T) {
	base := t.TempDir()
	t.Setenv("XDG_DATA_HOME", base)
	require.NoError(t, os.MkdirAll(filepath.Join(base, "prodos"), 0o755))
	require.NoError(t, os.Chmod(filepath.Join(base, "prodos"), 0o755))
	p, err := File("classroom.db")
	require.NoError(t, err)
	require.NoError(t, Ensure(p))
	fi, err := os.Stat(filepath.Dir(p))
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o700), fi.Mode().Perm())
}
