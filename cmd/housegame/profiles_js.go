//go:build js

package main

import (
	"github.com/opensourceecology/prodos/game"
	"github.com/opensourceecology/prodos/production/training/profiles"
)

// openProfiles keeps learners' profiles as JSON in the browser's
// localStorage, through the game's store (profiles.MemStore, written back
// after every change).
func openProfiles(store game.Store, memory bool) (profiles.Store, string, error) {
	return game.StoredProfiles(store)
}
