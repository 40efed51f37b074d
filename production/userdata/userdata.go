// Package userdata locates prodos's files in the user's data directory,
// following the XDG base directory rules: $XDG_DATA_HOME/prodos when that is
// an absolute path, else ~/.local/share/prodos.
package userdata

import (
	"fmt"
	"os"
	"path/filepath"
)

// Dir is the prodos data directory. It is not created.
func Dir() (string, error) {
	base := os.Getenv("XDG_DATA_HOME")
	if base == "" || !filepath.IsAbs(base) {
		home, err := os.UserHomeDir()
		if err != nil {
			return "", fmt.Errorf("find the data directory: %w", err)
		}
		base = filepath.Join(home, ".local", "share")
	}
	return filepath.Join(base, "prodos"), nil
}

// File is the path of name in the data directory. It is not created.
func File(name string) (string, error) {
	dir, err := Dir()
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, name), nil
}

// Ensure creates the folder that will hold path, for a file made on first
// use. It is private (0700): it holds the databases and the issuer key. The
// prodos data directory itself is made private when an older version left
// it readable by others.
func Ensure(path string) error {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("create %s: %w", dir, err)
	}
	if data, err := Dir(); err == nil && filepath.Clean(dir) == filepath.Clean(data) {
		if fi, err := os.Stat(dir); err == nil && fi.Mode().Perm()&0o077 != 0 {
			if err := os.Chmod(dir, 0o700); err != nil {
				return fmt.Errorf("make %s private: %w", dir, err)
			}
		}
	}
	return nil
}
