package signoff

import (
	"crypto/ed25519"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sync"

	"github.com/opensourceecology/prodos/production/training/badge"
	"github.com/opensourceecology/prodos/production/userdata"
)

// nameRE is profiles.CheckName's rule (profiles imports this package),
// compiled on first use: every prodos command pays for package inits, and
// this expression costs 41 KB to compile (issue 14).
var nameRE = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$`) })

// KeyDir is the folder of assessors' keys in the data directory.
const KeyDir = "assessor-keys"

// KeyPath is where profile's own signing key is kept on this computer:
// $XDG_DATA_HOME/prodos/assessor-keys/NAME-ed25519.pem.
func KeyPath(profile string) (string, error) {
	if !nameRE().MatchString(profile) {
		return "", fmt.Errorf("assessor key: profile name %q: use 1-40 letters, digits, '.', '_' or '-'", profile)
	}
	p, err := userdata.File(filepath.Join(KeyDir, profile+"-ed25519.pem"))
	if err != nil {
		return "", fmt.Errorf("assessor key: %w", err)
	}
	return p, nil
}

// CreateKey makes the Ed25519 key at path (PKCS#8 PEM, mode 0600, written
// atomically) unless one is there, and returns the key in the file.
func CreateKey(path string) (ed25519.PrivateKey, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("assessor key: %w", err)
	}
	key, err := badge.LoadOrCreateKey(path)
	if err != nil {
		return nil, fmt.Errorf("assessor key: %w", err)
	}
	return key, nil
}

// LoadKey reads the key at path; a missing file is an error that says how
// to make one.
func LoadKey(path, profile string) (ed25519.PrivateKey, error) {
	if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("assessor key: %s has no signing key at %s: run prodos qualify keygen %s", profile, path, profile)
	}
	key, err := badge.LoadOrCreateKey(path)
	if err != nil {
		return nil, fmt.Errorf("assessor key: %w", err)
	}
	return key, nil
}
