package badge

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/opensourceecology/prodos/production/userdata"
)

// TrustFile is the name of the trust list in the data directory.
const TrustFile = "trusted-issuers.txt"

// DefaultTrustPath is $XDG_DATA_HOME/prodos/trusted-issuers.txt.
func DefaultTrustPath() (string, error) {
	p, err := userdata.File(TrustFile)
	if err != nil {
		return "", fmt.Errorf("trust list: %w", err)
	}
	return p, nil
}

// TrustList is the set of issuers whose credentials a verifier accepts:
// this installation's own key plus the did:keys an operator added. The file
// holds one "did:key:z6Mk... optional note" per line; '#' starts a comment.
type TrustList struct {
	issuers map[string]string // did:key -> note
}

// LoadTrust reads a trust list; a missing file is an empty list.
func LoadTrust(path string) (*TrustList, error) {
	t := &TrustList{issuers: map[string]string{}}
	data, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return t, nil
	} else if err != nil {
		return nil, fmt.Errorf("trust list: %w", err)
	}
	sc := bufio.NewScanner(bytes.NewReader(data))
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		did, note, _ := strings.Cut(line, " ")
		if _, err := pubFromDIDKey(did); err != nil {
			return nil, fmt.Errorf("%s:%d: %q is not an Ed25519 did:key", path, n, did)
		}
		t.issuers[did] = strings.TrimSpace(note)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return t, nil
}

// Add trusts did with a note (who it is), in memory.
func (t *TrustList) Add(did, note string) { t.issuers[did] = note }

// Trusts reports whether did is on the list, with its note.
func (t *TrustList) Trusts(did string) (string, bool) {
	note, ok := t.issuers[did]
	return note, ok
}

// AddTrusted adds did (an Ed25519 did:key) to the trust list at path,
// rewriting the file atomically; adding a did already there changes nothing.
func AddTrusted(path, did, note string) error {
	if _, err := pubFromDIDKey(did); err != nil {
		return err
	}
	t, err := LoadTrust(path)
	if err != nil {
		return err
	}
	if _, ok := t.Trusts(did); ok {
		return nil
	}
	old, err := os.ReadFile(path)
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("trust list: %w", err)
	}
	if len(old) == 0 {
		old = []byte("# Issuers whose badges `prodos badge verify` accepts, besides this installation's key.\n")
	} else if old[len(old)-1] != '\n' {
		old = append(old, '\n')
	}
	line := did
	if note = strings.Join(strings.Fields(note), " "); note != "" {
		line += " " + note
	}
	return writeAtomic(path, append(old, line+"\n"...))
}

func writeAtomic(path string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return fmt.Errorf("trust list: %w", err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".trust-*")
	if err != nil {
		return fmt.Errorf("trust list: %w", err)
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return fmt.Errorf("trust list: %w", err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return fmt.Errorf("trust list: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("trust list: %w", err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("trust list: %w", err)
	}
	return nil
}
