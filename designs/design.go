package designs

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// FormatVersion is the design file format this code reads and writes.
const FormatVersion = 1

// DefaultLicense is the open licence a new design carries.
const DefaultLicense = "CC-BY-SA-4.0"

// Sides of a cell a wall can stand on.
const (
	North = "n"
	East  = "e"
	South = "s"
	West  = "w"
)

// Grid is the design area in cells (one cell is 48 in).
type Grid struct {
	Width  int `toml:"width"`
	Height int `toml:"height"`
}

// Placement puts one module on the grid. Cell modules cover the cells from
// (X, Y) across their footprint, turned by Rotation (0, 90, 180, 270). Edge
// modules (walls) stand on side Edge of cell (X, Y) and run Cells cells east
// (for n and s) or south (for e and w).
type Placement struct {
	Module   string `toml:"module"`
	X        int    `toml:"x"`
	Y        int    `toml:"y"`
	Rotation int    `toml:"rotation"`
	Edge     string `toml:"edge"`
	// House names the house this placement belongs to in a design that
	// groups its modules into houses (see House); empty when ungrouped.
	House string `toml:"house"`
}

// Design is one house design file.
type Design struct {
	Format      int    `toml:"format"`
	Name        string `toml:"name"`
	Author      string `toml:"author"`
	License     string `toml:"license"`
	Parent      string `toml:"parent"`
	Description string `toml:"description"`
	// Packs names the module packs the design uses, by the SHA-256 of each
	// pack file (see pack.go); the catalog a design is read with must hold
	// them (Catalog.WithPacks, LoadDesignPacks).
	Packs      []string    `toml:"packs"`
	Grid       Grid        `toml:"grid"`
	Placements []Placement `toml:"placement"`
}

// Footprint is the cell footprint of a cell module at a rotation.
func (m *Module) Footprint(rotation int) (w, h int) {
	if rotation == 90 || rotation == 270 {
		return m.Depth, m.Cells
	}
	return m.Cells, m.Depth
}

// ParseDesign reads a design file's bytes and checks it against the catalog.
// file names the source in errors. All problems are returned together.
func ParseDesign(file string, data []byte, cat *Catalog) (*Design, error) {
	d, _, err := parseDesign(file, data, cat)
	return d, err
}

// parseDesign is ParseDesign that also returns the file's positions (for
// tests: whether their index was built).
func parseDesign(file string, data []byte, cat *Catalog) (*Design, positions, error) {
	if n, line := countTables(data, "[[placement]]", MaxPlacements); n > MaxPlacements {
		// refuse before decoding: the limit exists so a huge file costs little
		return nil, positions{}, ErrorList{{File: file, Pos: Pos{Line: line, Col: 1}, Msg: fmt.Sprintf("design has %d placements, more than the limit of %d", n, MaxPlacements)}}.Err()
	}
	var f designFile
	pos, errs := decodeTOML(file, data, &f)
	if len(errs) > 0 {
		return nil, pos, errs.Err()
	}
	ex, errs := f.expandForms(file, pos, cat)
	d := f.Design
	d.Placements = make([]Placement, len(ex))
	keys := make([]string, len(ex))
	for i, x := range ex {
		d.Placements[i], keys[i] = x.p, x.key
	}
	if len(ex) == 0 {
		d.Placements = nil
	}
	errs = append(errs, d.check(file, pos, keys, cat)...)
	if err := errs.Err(); err != nil {
		return nil, pos, err
	}
	return &d, pos, nil
}

// countTables counts the lines of data that open the array table header
// (such as "[[placement]]") and returns the line of the one past limit.
func countTables(data []byte, header string, limit int) (n, line int) {
	ln := 1
	for rest := data; len(rest) > 0; ln++ {
		row := rest
		if i := bytes.IndexByte(rest, '\n'); i >= 0 {
			row, rest = rest[:i], rest[i+1:]
		} else {
			rest = nil
		}
		if bytes.HasPrefix(bytes.TrimLeft(row, " \t"), []byte(header)) {
			n++
			if n == limit+1 {
				line = ln
			}
		}
	}
	return n, line
}

// MaxDesignFile bounds the size of a design file LoadDesign reads: a row of
// houses written out cell by cell is a few megabytes, and a larger file is
// refused before it is parsed (or, for a device, once the limit is read).
const MaxDesignFile = 16 << 20

// LoadDesign reads and checks a design file.
func LoadDesign(path string, cat *Catalog) (*Design, error) {
	data, err := readDesignFile(path)
	if err != nil {
		return nil, err
	}
	return ParseDesign(path, data, cat)
}

// readDesignFile reads a design file of at most MaxDesignFile bytes.
func readDesignFile(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("read design: %w", err)
	}
	defer f.Close()
	if fi, err := f.Stat(); err == nil && fi.Mode().IsRegular() && fi.Size() > MaxDesignFile {
		return nil, fmt.Errorf("read design: %s is %d bytes, larger than the %d a design may be", path, fi.Size(), MaxDesignFile)
	}
	data, err := io.ReadAll(io.LimitReader(f, MaxDesignFile+1))
	if err != nil {
		return nil, fmt.Errorf("read design %s: %w", path, err)
	}
	if len(data) > MaxDesignFile {
		return nil, fmt.Errorf("read design: %s is larger than the %d bytes a design may be", path, MaxDesignFile)
	}
	return data, nil
}

// Validate checks a design in memory (no file positions).
func (d *Design) Validate(cat *Catalog) error {
	return d.check("design", positions{}, nil, cat).Err()
}

// MaxGrid bounds the grid so a hostile file cannot ask for a huge allocation.
const MaxGrid = 512

// MaxPlacements bounds the placements of one design (a row of twenty
// houses has under 3,000), so a hostile or broken file cannot make every
// later command slow or run out of memory. The compact forms of a file
// expand to at most this many too.
const MaxPlacements = 100_000

// check checks the flat design. keys[i] is the key path of the form
// placement i came from ("placement[3]", "house[0].fill[1]"), nil for
// "placement[i]".
func (d *Design) check(file string, pos positions, keys []string, cat *Catalog) ErrorList {
	var errs ErrorList
	e := func(key, f string, a ...any) {
		errs = append(errs, &Error{File: file, Pos: pos.of(key), Msg: fmt.Sprintf(f, a...)})
	}
	if d.Format != FormatVersion {
		e("format", "format must be %d, got %d", FormatVersion, d.Format)
	}
	if strings.TrimSpace(d.Name) == "" {
		e("name", "design has no name")
	}
	if d.License == "" {
		e("license", "design has no licence (use an open licence such as %q)", DefaultLicense)
	}
	errs = append(errs, d.checkPacks(file, pos, cat)...)
	if d.Grid.Width < 1 || d.Grid.Height < 1 || d.Grid.Width > MaxGrid || d.Grid.Height > MaxGrid {
		e("grid", "grid must be between 1x1 and %dx%d cells, got %dx%d", MaxGrid, MaxGrid, d.Grid.Width, d.Grid.Height)
		return errs
	}
	if len(d.Placements) > MaxPlacements {
		e("placement", "design has %d placements, more than the limit of %d", len(d.Placements), MaxPlacements)
		return errs
	}
	for i, p := range d.Placements {
		at := fmt.Sprintf("placement[%d].", i)
		if keys != nil {
			at = keys[i] + "."
		}
		m, ok := cat.Modules[p.Module]
		if !ok {
			e(at+"module", "unknown module %q", p.Module)
			continue
		}
		if m.Placement == OnEdge {
			if p.Rotation != 0 {
				e(at+"rotation", "module %q stands on an edge: use edge, not rotation", p.Module)
			}
			x2, y2 := p.X, p.Y
			switch p.Edge {
			case North, South:
				x2 += m.Cells - 1
			case East, West:
				y2 += m.Cells - 1
			default:
				e(at+"edge", "module %q needs edge = \"n\", \"e\", \"s\" or \"w\", got %q", p.Module, p.Edge)
				continue
			}
			if p.X < 0 || p.Y < 0 || x2 >= d.Grid.Width || y2 >= d.Grid.Height {
				e(at+"x", "module %q at (%d,%d) edge %s runs outside the %dx%d grid", p.Module, p.X, p.Y, p.Edge, d.Grid.Width, d.Grid.Height)
			}
			continue
		}
		if p.Edge != "" {
			e(at+"edge", "module %q covers cells: it takes no edge", p.Module)
		}
		if p.Rotation%90 != 0 || p.Rotation < 0 || p.Rotation > 270 {
			e(at+"rotation", "rotation must be 0, 90, 180 or 270, got %d", p.Rotation)
			continue
		}
		w, h := m.Footprint(p.Rotation)
		if p.X < 0 || p.Y < 0 || p.X+w > d.Grid.Width || p.Y+h > d.Grid.Height {
			e(at+"x", "module %q at (%d,%d) covers %dx%d cells, outside the %dx%d grid", p.Module, p.X, p.Y, w, h, d.Grid.Width, d.Grid.Height)
		}
	}
	return errs
}

// Marshal writes the design in its canonical form: every wall edge under
// its one canonical name (Placement.Canonical), so a wall written as south
// of (x,y) is stored as north of (x,y+1). Parsing the result and marshalling
// again gives the same bytes.
func (d *Design) Marshal() []byte {
	var b bytes.Buffer
	q := tomlQuote
	fmt.Fprintf(&b, "format = %d\n", d.Format)
	fmt.Fprintf(&b, "name = %s\n", q(d.Name))
	fmt.Fprintf(&b, "author = %s\n", q(d.Author))
	fmt.Fprintf(&b, "license = %s\n", q(d.License))
	if d.Parent != "" {
		fmt.Fprintf(&b, "parent = %s\n", q(d.Parent))
	}
	if d.Description != "" {
		fmt.Fprintf(&b, "description = %s\n", q(d.Description))
	}
	if len(d.Packs) > 0 {
		qs := make([]string, len(d.Packs))
		for i, h := range d.Packs {
			qs[i] = q(h)
		}
		fmt.Fprintf(&b, "packs = [%s]\n", strings.Join(qs, ", "))
	}
	fmt.Fprintf(&b, "\n[grid]\nwidth = %d\nheight = %d\n", d.Grid.Width, d.Grid.Height)
	for _, p := range d.Placements {
		p = p.Canonical(d.Grid)
		fmt.Fprintf(&b, "\n[[placement]]\nmodule = %s\nx = %d\ny = %d\n", q(p.Module), p.X, p.Y)
		if p.Edge != "" {
			fmt.Fprintf(&b, "edge = %s\n", q(p.Edge))
		}
		if p.Rotation != 0 {
			fmt.Fprintf(&b, "rotation = %d\n", p.Rotation)
		}
		if p.House != "" {
			fmt.Fprintf(&b, "house = %s\n", q(p.House))
		}
	}
	return b.Bytes()
}

// Save writes the design atomically: a temporary file in the same folder,
// synced, then renamed over path. A crash leaves the old file or the new one.
func (d *Design) Save(path string) error {
	return WriteFileAtomic(path, d.Marshal())
}

// WriteFileAtomic writes data to path through a temporary file and a rename.
func WriteFileAtomic(path string, data []byte) error {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return fmt.Errorf("save %s: %w", path, err)
	}
	defer os.Remove(tmp.Name())
	mode := os.FileMode(0o644)
	if fi, err := os.Stat(path); err == nil {
		mode = fi.Mode().Perm()
	}
	if err := tmp.Chmod(mode); err != nil {
		tmp.Close()
		return fmt.Errorf("save %s: %w", path, err)
	}
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return fmt.Errorf("save %s: %w", path, err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return fmt.Errorf("save %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("save %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("save %s: %w", path, err)
	}
	return nil
}

// tomlQuote writes s as a TOML basic string.
func tomlQuote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"':
			b.WriteString(`\"`)
		case r == '\\':
			b.WriteString(`\\`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\u%04X`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}
