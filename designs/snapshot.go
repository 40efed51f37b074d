package designs

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"io/fs"
	"path"
	"strings"
	"sync"
)

// The embedded catalog, suppliers and shops are also compiled into the
// program as Go values (snapshot_*_gen.go, written from the parsed data by
// `go test ./designs -run TestSnapshot -update`): parsing their TOML was
// most of a short command's time (issue 14). A snapshot is used only while
// the data files it was made from are unchanged, by their SHA-256; after an
// edit the data is parsed, and TestSnapshotIsCurrent fails until the
// snapshot is written again.

// snapshotData reports whether a data file (a path under data/) is one the
// snapshot is made from.
func snapshotData(p string) bool {
	switch dir, file := path.Split(p); dir {
	case "data/":
		return file == "materials.toml" || file == "rates.toml" || file == "assemblies.toml" || file == "suppliers.toml" || file == CategoryFile || file == WholeHouseFile
	case "data/modules/", "data/shops/":
		return strings.HasSuffix(file, ".toml")
	}
	return false
}

// dataSum is the SHA-256 over the snapshot's data files, names and contents,
// in path order.
func dataSum() (string, error) {
	h := sha256.New()
	buf := make([]byte, 4096) // one small buffer, not a copy of each file
	err := fs.WalkDir(dataFS, "data", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !snapshotData(p) {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		f, err := dataFS.Open(p)
		if err != nil {
			return err
		}
		defer f.Close()
		fmt.Fprintf(h, "%s %d\n", p, info.Size())
		_, err = io.CopyBuffer(h, f, buf)
		return err
	})
	return hex.EncodeToString(h.Sum(nil)), err
}

var (
	snapshotOnce sync.Once
	snapshotOK   bool
)

// snapshotCurrent reports whether the snapshot_*_gen.go files were made from the data
// embedded now.
func snapshotCurrent() bool {
	snapshotOnce.Do(func() {
		sum, err := dataSum()
		snapshotOK = err == nil && sum == snapshotSum
	})
	return snapshotOK
}

// defaultSnapshot reports whether cat is the embedded catalog built from a
// current snapshot, so the suppliers' snapshot (checked against that very
// data) can stand for parsing and checking suppliers.toml against cat.
func defaultSnapshot(cat *Catalog) bool {
	if cat == nil || !snapshotCurrent() {
		return false
	}
	def, err := DefaultCatalog()
	return err == nil && def == cat
}
