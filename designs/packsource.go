package designs

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/BurntSushi/toml"
)

// ErrPackNotFound is what a PackSource returns (wrapped) for a hash it
// does not hold.
var ErrPackNotFound = errors.New("module pack not found")

// PackSource finds a module pack file by its hash.
type PackSource interface {
	// PackData returns the pack file's bytes and where they came from
	// (for messages), or an error wrapping ErrPackNotFound. It need not
	// check the hash: LoadDesignPacks does.
	PackData(hash string) (data []byte, where string, err error)
}

// PackDir is a folder of pack files. A pack is found as HASH.toml (the
// name `prodos commons get-pack` writes), or else as any *.toml file in the
// folder whose SHA-256 is the hash (a pack being written keeps its own name).
type PackDir string

// PackData implements PackSource.
func (d PackDir) PackData(hash string) ([]byte, string, error) {
	named := filepath.Join(string(d), hash+".toml")
	if data, err := readPackFile(named); err == nil {
		return data, named, nil
	} else if !errors.Is(err, os.ErrNotExist) {
		return nil, named, err
	}
	files, _ := filepath.Glob(filepath.Join(string(d), "*.toml"))
	sort.Strings(files)
	for _, f := range files {
		data, err := readPackFile(f)
		if err == nil && PackHash(data) == hash {
			return data, f, nil
		}
	}
	return nil, string(d), fmt.Errorf("%w in %s", ErrPackNotFound, d)
}

func readPackFile(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, MaxPackFile+1))
	if err != nil {
		return nil, err
	}
	if len(data) > MaxPackFile {
		return nil, fmt.Errorf("%s is larger than the %d bytes a pack may be", path, MaxPackFile)
	}
	return data, nil
}

// PackSources tries each source in order; the first that holds the hash
// answers.
type PackSources []PackSource

// PackData implements PackSource.
func (s PackSources) PackData(hash string) ([]byte, string, error) {
	var looked []string
	for _, src := range s {
		if src == nil {
			continue
		}
		data, where, err := src.PackData(hash)
		if err == nil {
			return data, where, nil
		}
		if !errors.Is(err, ErrPackNotFound) {
			return nil, where, err
		}
		looked = append(looked, strings.TrimPrefix(err.Error(), ErrPackNotFound.Error()+" "))
	}
	if len(looked) == 0 {
		return nil, "", fmt.Errorf("%w (no pack folder or commons given: use --packs DIR)", ErrPackNotFound)
	}
	return nil, "", fmt.Errorf("%w (looked %s)", ErrPackNotFound, strings.Join(looked, "; "))
}

// LoadDesignPacks reads a design file, loads the module packs it names
// from src (checking each one's SHA-256 against the name and checking it
// as the library is checked) and parses the design with base extended by
// them. It returns the design and the catalog to use with it (base itself
// when the design names no packs). A pack that is missing, whose bytes do
// not hash to its name, or that fails a check is an error naming the
// design file, the line of its packs key and the hash.
func LoadDesignPacks(path string, base *Catalog, src PackSource) (*Design, *Catalog, error) {
	data, err := readDesignFile(path)
	if err != nil {
		return nil, nil, err
	}
	return ParseDesignPacks(path, data, base, src)
}

// ParseDesignPacks is LoadDesignPacks on a design file's bytes.
func ParseDesignPacks(file string, data []byte, base *Catalog, src PackSource) (*Design, *Catalog, error) {
	cat, err := ResolvePacks(file, data, base, src)
	if err != nil {
		return nil, nil, err
	}
	d, err := ParseDesign(file, data, cat)
	if err != nil {
		return nil, nil, err
	}
	return d, cat, nil
}

// ResolvePacks returns base extended with the packs a design file names
// (base when it names none). A file that does not parse gets base back:
// ParseDesign reports its problem.
func ResolvePacks(file string, data []byte, base *Catalog, src PackSource) (*Catalog, error) {
	if !namesPacks(data) {
		return base, nil // most designs: no second decode
	}
	var head struct {
		Packs []string `toml:"packs"`
	}
	if _, err := toml.NewDecoder(bytes.NewReader(data)).Decode(&head); err != nil || len(head.Packs) == 0 {
		return base, nil
	}
	pos := lazyPositions(data)
	var errs ErrorList
	var packs []*Pack
	for _, h := range head.Packs {
		e := func(f string, a ...any) {
			errs = append(errs, &Error{File: file, Pos: pos.of("packs"), Msg: fmt.Sprintf(f, a...)})
		}
		if !IsHash(h) || base.HasPack(h) {
			continue // checkPacks reports a bad hash
		}
		if src == nil {
			src = PackSources{}
		}
		pd, where, err := src.PackData(h)
		if err != nil {
			e("module pack %s: %v", h, err)
			continue
		}
		if got := PackHash(pd); got != h {
			e("module pack %s: %s hashes to %s: the pack was changed or damaged (fetch it again: prodos commons get-pack %s)", h, where, got, h)
			continue
		}
		p, err := ParsePack(where, pd, base)
		if err != nil {
			e("module pack %s (%s) does not pass the library checks:", h, where)
			errs = append(errs, Errors(err)...)
			continue
		}
		packs = append(packs, p)
	}
	if len(errs) > 0 {
		return nil, errs
	}
	return base.WithPacks(packs...)
}

// LoadPackDir extends base with every module pack in a folder: each *.toml
// file with a [pack] table (other files, such as designs kept beside the
// packs, are skipped). A pack that fails a check is an error.
func LoadPackDir(dir string, base *Catalog) (*Catalog, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.toml"))
	if err != nil {
		return nil, err
	}
	sort.Strings(files)
	cat := base
	for _, f := range files {
		data, err := readPackFile(f)
		if err != nil {
			return nil, err
		}
		var head struct {
			Pack *PackInfo `toml:"pack"`
		}
		if _, err := toml.NewDecoder(bytes.NewReader(data)).Decode(&head); err != nil || head.Pack == nil || cat.HasPack(PackHash(data)) {
			continue
		}
		p, err := ParsePack(f, data, cat)
		if err != nil {
			return nil, err
		}
		if cat, err = cat.WithPacks(p); err != nil {
			return nil, err
		}
	}
	return cat, nil
}

// namesPacks reports whether a line of data sets the top-level packs key
// (before the first table), so a design without packs is decoded once.
func namesPacks(data []byte) bool {
	for rest := data; len(rest) > 0; {
		line := rest
		if i := bytes.IndexByte(rest, '\n'); i >= 0 {
			line, rest = rest[:i], rest[i+1:]
		} else {
			rest = nil
		}
		line = bytes.TrimLeft(line, " \t")
		if bytes.HasPrefix(line, []byte("[")) {
			return false
		}
		if k, _, ok := bytes.Cut(line, []byte("=")); ok && string(bytes.Trim(bytes.TrimSpace(k), `"'`)) == "packs" {
			return true
		}
	}
	return false
}
