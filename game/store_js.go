//go:build js

package game

import (
	"fmt"
	"syscall/js"
)

// LocalStorage keeps files in the browser's localStorage under "prodos/".
type LocalStorage struct{}

// DefaultStore is the browser's localStorage.
func DefaultStore() (Store, error) {
	if ls := js.Global().Get("localStorage"); ls.IsUndefined() || ls.IsNull() {
		return MemStore{}, fmt.Errorf("no localStorage: saves last until the page closes")
	}
	return LocalStorage{}, nil
}

// Read implements Store.
func (LocalStorage) Read(name string) ([]byte, error) {
	v := js.Global().Get("localStorage").Call("getItem", "prodos/"+name)
	if v.IsNull() || v.IsUndefined() {
		return nil, ErrNotSaved
	}
	return []byte(v.String()), nil
}

// Write implements Store. A single setItem replaces the value whole.
func (LocalStorage) Write(name string, data []byte) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("save %s: %v", name, r)
		}
	}()
	js.Global().Get("localStorage").Call("setItem", "prodos/"+name, string(data))
	return nil
}

// Where implements Store.
func (LocalStorage) Where(name string) string { return "browser storage " + name }
