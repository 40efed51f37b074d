//go:build !js

package game

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/opensourceecology/prodos/designs"
)

// FileStore keeps files in a folder; writes go through designs.WriteFileAtomic.
type FileStore struct{ Dir string }

// DefaultStore is the folder $PRODOS_GAME_DIR, or prodos/housegame under the
// user's config folder (~/.config on Linux).
func DefaultStore() (Store, error) {
	dir := os.Getenv("PRODOS_GAME_DIR")
	if dir == "" {
		base, err := os.UserConfigDir()
		if err != nil {
			return MemStore{}, fmt.Errorf("no config folder, saves last until the game closes: %w", err)
		}
		dir = filepath.Join(base, "prodos", "housegame")
	}
	return FileStore{Dir: dir}, nil
}

// Read implements Store.
func (s FileStore) Read(name string) ([]byte, error) {
	d, err := os.ReadFile(filepath.Join(s.Dir, name))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, ErrNotSaved
	}
	return d, err
}

// Write implements Store.
func (s FileStore) Write(name string, data []byte) error {
	p := filepath.Join(s.Dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return fmt.Errorf("save %s: %w", p, err)
	}
	return designs.WriteFileAtomic(p, data)
}

// Where implements Store.
func (s FileStore) Where(name string) string { return filepath.Join(s.Dir, name) }
