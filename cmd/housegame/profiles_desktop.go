//go:build !js

package main

import (
	"os"
	"path/filepath"

	"github.com/opensourceecology/prodos/game"
	"github.com/opensourceecology/prodos/production/training/profiles"
	profilestore "github.com/opensourceecology/prodos/production/training/profiles/sqlitestore"
)

// profilesDB is where the desktop game keeps learners' profiles: the same
// database as `prodos profile` ($PRODOS_PROFILES_DB, else profiles.db in
// $XDG_DATA_HOME/prodos, ~/.local/share/prodos when unset), so a profile
// earned in the game can be shown and badged with the CLI.
func profilesDB() string {
	if p := os.Getenv("PRODOS_PROFILES_DB"); p != "" {
		return p
	}
	dir := os.Getenv("XDG_DATA_HOME")
	if dir == "" {
		home, err := os.UserHomeDir()
		if err != nil {
			return "profiles.db"
		}
		dir = filepath.Join(home, ".local", "share")
	}
	return filepath.Join(dir, "prodos", "profiles.db")
}

// openProfiles opens the SQLite profiles database, or, for measurements
// and screenshots (memory), a store in memory that touches no file.
func openProfiles(store game.Store, memory bool) (profiles.Store, string, error) {
	if memory {
		return game.StoredProfiles(store)
	}
	path := profilesDB()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		st, where, _ := game.StoredProfiles(game.MemStore{})
		return st, where, err
	}
	st, err := profilestore.Open(path)
	if err != nil {
		mem, where, _ := game.StoredProfiles(game.MemStore{})
		return mem, where, err
	}
	return st, path, nil
}
