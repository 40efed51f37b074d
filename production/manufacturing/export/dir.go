package export

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
)

// TargetError is an export folder that cannot take the package: a path that
// is a file, or a folder holding anything but an earlier export of the same
// design. It is the caller's mistake (prodos exits 2), and nothing was
// written.
type TargetError struct {
	Dir, Reason string
}

func (e *TargetError) Error() string { return fmt.Sprintf("export to %s: %s", e.Dir, e.Reason) }

// CheckDir reports whether dir can take a build package of the named
// design: it does not exist, is empty, or holds an earlier export of the
// same design (its manifest.json names the design and lists every file in
// the folder). Anything else is a *TargetError.
func CheckDir(dir, design string) error {
	fi, err := os.Lstat(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	if !fi.IsDir() {
		return &TargetError{dir, "it is a file, not a folder"}
	}
	have, err := listFiles(dir)
	if err != nil {
		return err
	}
	if len(have) == 0 {
		return nil
	}
	raw, err := os.ReadFile(filepath.Join(dir, ManifestFile))
	if errors.Is(err, fs.ErrNotExist) {
		return &TargetError{dir, fmt.Sprintf("the folder is not empty (%d files, first %s) and is not a build package (no %s); choose a new or empty folder", len(have), have[0], ManifestFile)}
	}
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	var doc ManifestDoc
	if err := json.Unmarshal(raw, &doc); err != nil {
		return &TargetError{dir, fmt.Sprintf("its %s cannot be read (%v); choose a new or empty folder", ManifestFile, err)}
	}
	if doc.Design != design {
		return &TargetError{dir, fmt.Sprintf("it holds the build package of %q, not %q; choose a new or empty folder", doc.Design, design)}
	}
	listed := map[string]bool{ManifestFile: true}
	for _, f := range doc.Files {
		listed[f.Name] = true
	}
	var extra []string
	for _, n := range have {
		if !listed[n] {
			extra = append(extra, n)
		}
	}
	if len(extra) > 0 {
		return &TargetError{dir, fmt.Sprintf("it holds %d files its %s does not list (first %s), so it is not only an earlier export; choose a new or empty folder", len(extra), ManifestFile, extra[0])}
	}
	return nil
}

// listFiles lists the files under dir, slash-separated and sorted.
func listFiles(dir string) ([]string, error) {
	var out []string
	err := filepath.WalkDir(dir, func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		r, err := filepath.Rel(dir, p)
		out = append(out, filepath.ToSlash(r))
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("export: %w", err)
	}
	sort.Strings(out)
	return out, nil
}

// WriteDir writes a package (Package's files, manifest included) as the
// folder dir. The files go into a temporary folder next to dir, which then
// takes dir's place, so dir never holds a mix of an old and a new package:
// it is the earlier export or the new one. dir must pass CheckDir.
func WriteDir(dir string, files []File) error {
	var doc ManifestDoc
	found := false
	for _, f := range files {
		if f.Name == ManifestFile {
			found = true
			if err := json.Unmarshal(f.Data, &doc); err != nil {
				return fmt.Errorf("export: %s: %w", ManifestFile, err)
			}
		}
	}
	if !found {
		return fmt.Errorf("export: the package has no %s", ManifestFile)
	}
	if err := CheckDir(dir, doc.Design); err != nil {
		return err
	}
	parent, base := filepath.Dir(dir), filepath.Base(dir)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	tmp, err := os.MkdirTemp(parent, "."+base+".tmp-")
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	defer os.RemoveAll(tmp)
	if err := os.Chmod(tmp, 0o755); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	for _, f := range files {
		if err := writeFile(filepath.Join(tmp, filepath.FromSlash(f.Name)), f.Data); err != nil {
			return err
		}
	}
	return swap(tmp, dir)
}

// swap puts the folder tmp in dir's place, moving an existing dir aside
// first and back again if the move fails.
func swap(tmp, dir string) error {
	if _, err := os.Lstat(dir); errors.Is(err, fs.ErrNotExist) {
		if err := os.Rename(tmp, dir); err != nil {
			return fmt.Errorf("export: %w", err)
		}
		return nil
	}
	old, err := os.MkdirTemp(filepath.Dir(dir), "."+filepath.Base(dir)+".old-")
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	if err := os.Remove(old); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	if err := os.Rename(dir, old); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	if err := os.Rename(tmp, dir); err != nil {
		if back := os.Rename(old, dir); back != nil {
			return fmt.Errorf("export: %w (and the earlier export stays at %s: %v)", err, old, back)
		}
		return fmt.Errorf("export: %w", err)
	}
	if err := os.RemoveAll(old); err != nil {
		return fmt.Errorf("export: remove the earlier export: %w", err)
	}
	return nil
}

func writeFile(p string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return fmt.Errorf("export: %w", err)
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return fmt.Errorf("export: %w", err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	return nil
}
