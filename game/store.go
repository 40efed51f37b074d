package game

import "errors"

// Store keeps the player's saved designs and progress: files under the
// user's config folder on the desktop, localStorage in the browser.
type Store interface {
	Read(name string) ([]byte, error)
	// Write replaces name atomically: after a failure the old content stays.
	Write(name string, data []byte) error
	// Where describes where name is kept, for messages.
	Where(name string) string
}

// ErrNotSaved is returned by Read when nothing is stored under the name.
var ErrNotSaved = errors.New("nothing saved yet")

// MemStore is a Store in memory (tests, and a fallback when no folder can be used).
type MemStore map[string][]byte

// Read implements Store.
func (m MemStore) Read(name string) ([]byte, error) {
	d, ok := m[name]
	if !ok {
		return nil, ErrNotSaved
	}
	return d, nil
}

// Write implements Store.
func (m MemStore) Write(name string, data []byte) error {
	m[name] = append([]byte(nil), data...)
	return nil
}

// Where implements Store.
func (m MemStore) Where(name string) string { return "memory:" + name }
