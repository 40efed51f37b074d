package designs

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/shopspring/decimal"
)

// Overlay is a site overlay: measured labour minutes and waste shares per
// module (proposed by `prodos calibrate` from as-built records) that a site
// loads on top of the default catalog. A catalog with an overlay says so
// (Catalog.Overlay); nothing in the default data changes.
type Overlay struct {
	// File is where the overlay was read from (for messages).
	File string `toml:"-"`
	// Source says where the figures came from (as-built records of which houses).
	Source  string          `toml:"source"`
	Modules []OverlayModule `toml:"module"`
}

// OverlayModule replaces figures of one module. A zero-valued field
// (absent from the file) keeps the catalog's figure.
type OverlayModule struct {
	ID string `toml:"id"`
	// BuildMinutes and InstallMinutes replace the module's build and
	// install labour (one operation each, the skill of its first
	// operation of that kind); nil keeps the catalog's.
	BuildMinutes   *decimal.Decimal `toml:"build_minutes"`
	InstallMinutes *decimal.Decimal `toml:"install_minutes"`
	// Waste replaces the waste share of every material of this module in
	// the bill of materials; nil keeps each material's own.
	Waste *decimal.Decimal `toml:"waste"`
	// Records, spreads and Source document the figures (how many as-built
	// records, the lowest and highest measured value); the catalog keeps
	// them for reports only.
	BuildRecords   int               `toml:"build_records"`
	BuildSpread    []decimal.Decimal `toml:"build_spread"`
	InstallRecords int               `toml:"install_records"`
	InstallSpread  []decimal.Decimal `toml:"install_spread"`
	WasteRecords   int               `toml:"waste_records"`
	WasteSpread    []decimal.Decimal `toml:"waste_spread"`
	Source         string            `toml:"source"`
}

// LoadOverlay reads and checks a site overlay file against the catalog.
func LoadOverlay(path string, c *Catalog) (*Overlay, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("site overlay: %w", err)
	}
	return ParseOverlay(path, data, c)
}

// ParseOverlay parses an overlay; every problem is reported as
// file:line:column (unknown keys, unknown modules, a module twice,
// negative minutes, a waste share outside 0 to 1, no source).
func ParseOverlay(file string, data []byte, c *Catalog) (*Overlay, error) {
	o := &Overlay{File: file}
	pos, errs := decodeTOML(file, data, o)
	if len(errs) > 0 {
		return nil, errs.Err()
	}
	e := func(path, f string, a ...any) {
		errs = append(errs, &Error{File: file, Pos: pos.of(path), Msg: fmt.Sprintf(f, a...)})
	}
	if strings.TrimSpace(o.Source) == "" {
		e("source", "the overlay needs a source (which as-built records its figures come from)")
	}
	seen := map[string]bool{}
	for i := range o.Modules {
		m := &o.Modules[i]
		at := fmt.Sprintf("module[%d]", i)
		switch {
		case c.Modules[m.ID] == nil:
			e(at+".id", "unknown module %q", m.ID)
		case seen[m.ID]:
			e(at+".id", "module %q is in the overlay twice", m.ID)
		}
		seen[m.ID] = true
		for k, v := range map[string]*decimal.Decimal{"build_minutes": m.BuildMinutes, "install_minutes": m.InstallMinutes} {
			if v != nil && v.Sign() < 0 {
				e(at+"."+k, "module %q: %s %s must not be negative", m.ID, k, v)
			}
		}
		if m.Waste != nil && (m.Waste.Sign() < 0 || m.Waste.GreaterThan(decimal.NewFromInt(1))) {
			e(at+".waste", "module %q: waste %s must be between 0 and 1", m.ID, m.Waste)
		}
		if m.BuildMinutes == nil && m.InstallMinutes == nil && m.Waste == nil {
			e(at, "module %q: the overlay changes nothing (give build_minutes, install_minutes or waste)", m.ID)
		}
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	return o, nil
}

// Overlay is the site overlay the catalog was made with, nil for the
// defaults.
func (c *Catalog) Overlay() *Overlay { return c.overlay }

// WithOverlay returns a copy of the catalog with the overlay's figures in
// place of the defaults; c itself is not changed. Changed modules carry the
// overlay's file name in Module.Overlay.
func (c *Catalog) WithOverlay(o *Overlay) *Catalog {
	out := *c
	out.Modules = make(map[string]*Module, len(c.Modules))
	for id, m := range c.Modules {
		out.Modules[id] = m
	}
	for _, om := range o.Modules {
		m := *c.Modules[om.ID]
		m.Overlay = o.File
		if om.BuildMinutes != nil {
			m.Labour = replaceOp(m.Labour, "build", "framing", *om.BuildMinutes)
		}
		if om.InstallMinutes != nil {
			m.Labour = replaceOp(m.Labour, "install", "install", *om.InstallMinutes)
		}
		if om.Waste != nil {
			w := *om.Waste
			m.Waste = &w
		}
		out.Modules[om.ID] = &m
	}
	out.overlay = o
	return &out
}

// replaceOp replaces every labour operation of kind op with one operation
// of the given minutes, keeping the skill of the first one replaced.
func replaceOp(ops []LabourOp, op, skill string, minutes decimal.Decimal) []LabourOp {
	out := make([]LabourOp, 0, len(ops))
	found := false
	for _, l := range ops {
		if l.Op != op {
			out = append(out, l)
			continue
		}
		if !found {
			skill, found = l.Skill, true
		}
	}
	return append(out, LabourOp{Op: op, Skill: skill, Minutes: minutes})
}

// WriteTOML writes the overlay as a TOML file LoadOverlay reads back, with
// header comment lines first.
func (o *Overlay) WriteTOML(w io.Writer, header []string) error {
	var b bytes.Buffer
	for _, h := range header {
		fmt.Fprintf(&b, "# %s\n", h)
	}
	fmt.Fprintf(&b, "source = %q\n", o.Source)
	for _, m := range o.Modules {
		fmt.Fprintf(&b, "\n[[module]]\nid = %q\n", m.ID)
		writeFigure(&b, "build_minutes", m.BuildMinutes, "build", m.BuildRecords, m.BuildSpread)
		writeFigure(&b, "install_minutes", m.InstallMinutes, "install", m.InstallRecords, m.InstallSpread)
		writeFigure(&b, "waste", m.Waste, "waste", m.WasteRecords, m.WasteSpread)
		fmt.Fprintf(&b, "source = %q\n", m.Source)
	}
	_, err := w.Write(b.Bytes())
	return err
}

// writeFigure writes one figure with its record count and spread (nothing
// for a nil figure).
func writeFigure(b *bytes.Buffer, key string, v *decimal.Decimal, prefix string, n int, spread []decimal.Decimal) {
	if v == nil {
		return
	}
	fmt.Fprintf(b, "%s = %q\n%s_records = %d\n", key, v.String(), prefix, n)
	if len(spread) == 2 {
		fmt.Fprintf(b, "%s_spread = [%q, %q]\n", prefix, spread[0].String(), spread[1].String())
	}
}
