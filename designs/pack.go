package designs

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"sort"
	"strings"
)

// MaxPackFile bounds the size of a module pack file.
const MaxPackFile = 2 << 20

// PackInfo is a module pack's [pack] table.
type PackInfo struct {
	ID          string `toml:"id"`
	Name        string `toml:"name"`
	Description string `toml:"description"`
	License     string `toml:"license"`
	Author      string `toml:"author"`
	Source      string `toml:"source"`
}

// Pack is a module pack: one TOML file holding materials, sub-assemblies
// and modules in the shapes of the built-in materials.toml,
// assemblies.toml and modules/*.toml ([[material]], [[assembly]] with
// [[assembly.parts]], [[module]] with [[module.parts]], [[module.cuts]],
// [[module.labour]] and [[module.machine]]), under a [pack] table. Its id is
// Hash, the SHA-256 of the file's bytes exactly as written: a pack is not
// re-encoded, so its comments (where figures come from) survive and a
// problem's file:line:column is the same in every copy.
type Pack struct {
	Info       PackInfo
	Hash       string
	File       string
	Data       []byte
	Materials  []*Material
	Assemblies []*Assembly
	Modules    []*Module
	// Suppliers stock the pack's own materials (the shape of
	// suppliers.toml); DefaultSuppliers of a catalog with the pack adds
	// them to the built-in suppliers.
	Suppliers []*Supplier

	pos    positions
	priced map[int]bool
}

// packFile is the TOML shape of a pack file.
type packFile struct {
	Pack     PackInfo    `toml:"pack"`
	Material []*Material `toml:"material"`
	Assembly []*Assembly `toml:"assembly"`
	Module   []*Module   `toml:"module"`
	Supplier []*Supplier `toml:"supplier"`
}

// PackHash is the hex SHA-256 of a pack file's bytes: its id.
func PackHash(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

// IsHash reports whether s is 64 lower-case hex digits (a SHA-256).
func IsHash(s string) bool {
	if len(s) != 64 {
		return false
	}
	for _, r := range s {
		if (r < '0' || r > '9') && (r < 'a' || r > 'f') {
			return false
		}
	}
	return true
}

// ParsePack reads a module pack and checks it with the catalog checks of
// the built-in library against base (the library it extends): cut parts
// fit their stock and the stock the parts list buys, every part names a
// known material or assembly, prices carry a source, labour and machine
// operations derive from rates, qualification ids are ones the library
// knows, categories and icons exist, and no sku, assembly or module id
// clashes with base. Every problem is reported as file:line:column.
func ParsePack(file string, data []byte, base *Catalog) (*Pack, error) {
	if len(data) > MaxPackFile {
		return nil, ErrorList{{File: file, Msg: fmt.Sprintf("pack is %d bytes, more than the %d a pack may be", len(data), MaxPackFile)}}.Err()
	}
	var f packFile
	pos, md, errs := decodeTOMLMeta(file, data, &f)
	if len(errs) > 0 {
		return nil, errs.Err()
	}
	p := &Pack{Info: f.Pack, Hash: PackHash(data), File: file, Data: data, Materials: f.Material,
		Assemblies: f.Assembly, Modules: f.Module, Suppliers: f.Supplier, pos: pos, priced: pricedIndexes(md, "material", "price")}
	e := func(key, fm string, a ...any) {
		errs = append(errs, &Error{File: file, Pos: pos.of(key), Msg: fmt.Sprintf(fm, a...)})
	}
	switch {
	case strings.TrimSpace(p.Info.ID) == "":
		e("pack", "pack has no id ([pack] id = \"...\")")
	case strings.TrimSpace(p.Info.Name) == "":
		e("pack.id", "pack %q has no name", p.Info.ID)
	case p.Info.License == "":
		e("pack.id", "pack %q has no licence (license = an SPDX id such as %q)", p.Info.ID, DefaultLicense)
	}
	if len(p.Modules) == 0 {
		e("pack", "pack %q has no [[module]]", p.Info.ID)
	}
	if len(errs) > 0 {
		return nil, errs.Err()
	}
	ext, err := base.WithPacks(p)
	if err != nil {
		return nil, err
	}
	if err := p.checkSuppliers(base, ext).Err(); err != nil {
		return nil, err
	}
	return p, nil
}

// checkSuppliers checks the pack's suppliers against the catalog with the
// pack (ext): the checks of suppliers.toml, ids of their own, and a
// supplier for every material the pack adds (so its designs can be
// sourced and exported).
func (p *Pack) checkSuppliers(base, ext *Catalog) ErrorList {
	errs := checkSuppliers(p.File, p.pos, p.Suppliers, ext)
	builtin, err := DefaultSuppliers(base)
	if err != nil {
		return append(errs, &Error{File: p.File, Msg: err.Error()})
	}
	for i, s := range p.Suppliers {
		for _, b := range builtin {
			if b.ID == s.ID {
				errs = append(errs, &Error{File: p.File, Pos: p.pos.of(fmt.Sprintf("supplier[%d].id", i)), Msg: fmt.Sprintf("supplier %q is already a supplier of the library: give it an id of its own", s.ID)})
			}
		}
	}
	for i, m := range p.Materials {
		if !Stocks(p.Suppliers, m.SKU) {
			errs = append(errs, &Error{File: p.File, Pos: p.pos.of(fmt.Sprintf("material[%d].sku", i)), Msg: fmt.Sprintf("material %q: no supplier of the pack stocks it (add a [[supplier.item]] for it)", m.SKU)})
		}
	}
	return errs
}

// packSuppliers are fresh copies of the suppliers of the catalog's packs.
func (c *Catalog) packSuppliers() []*Supplier {
	var out []*Supplier
	for _, p := range c.packs {
		for _, s := range p.Suppliers {
			cp := *s
			cp.Items = append([]SupplierItem(nil), s.Items...)
			out = append(out, &cp)
		}
	}
	return out
}

// HasPack reports whether the catalog holds the pack with this hash.
func (c *Catalog) HasPack(hash string) bool {
	for _, p := range c.packs {
		if p.Hash == hash {
			return true
		}
	}
	return false
}

// Packs lists the packs the catalog was extended with, in order.
func (c *Catalog) Packs() []*Pack { return append([]*Pack(nil), c.packs...) }

// PackOf returns the pack a module came from, or nil for a built-in one.
func (c *Catalog) PackOf(moduleID string) *Pack {
	for _, p := range c.packs {
		for _, m := range p.Modules {
			if m.ID == moduleID {
				return p
			}
		}
	}
	return nil
}

// WithPacks returns a new catalog: c with the packs' materials, assemblies
// and modules added and checked. c is not changed. A pack already in c is
// skipped; an id that clashes with c or with another pack is refused.
func (c *Catalog) WithPacks(packs ...*Pack) (*Catalog, error) {
	nc := *c
	nc.Materials = copyMap(c.Materials)
	nc.Assemblies = copyMap(c.Assemblies)
	nc.Modules = copyMap(c.Modules)
	nc.materialOrder = append([]string(nil), c.materialOrder...)
	nc.packs = append([]*Pack(nil), c.packs...)
	quals, icons := c.knownQualsAndIcons()
	var errs ErrorList
	for _, p := range packs {
		if nc.HasPack(p.Hash) {
			continue
		}
		errs = append(errs, nc.addPack(p, quals, icons)...)
		nc.packs = append(nc.packs, p)
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	nc.moduleOrder = nil
	for _, cat := range nc.CategoryIDs() {
		var ids []string
		for id, m := range nc.Modules {
			if m.Category == cat {
				ids = append(ids, id)
			}
		}
		sort.Strings(ids)
		nc.moduleOrder = append(nc.moduleOrder, ids...)
	}
	nc.presentModules()
	return &nc, nil
}

func copyMap[V any](m map[string]V) map[string]V {
	out := make(map[string]V, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

// knownQualsAndIcons are the qualification ids the library's modules name
// (the ones the build sequence, crews and training know) and the icon names
// its categories and modules use (the ones the game draws).
func (c *Catalog) knownQualsAndIcons() (quals, icons map[string]bool) {
	quals, icons = map[string]bool{}, map[string]bool{}
	for _, m := range c.Modules {
		quals[m.BuildQual], quals[m.InstallQual] = true, true
		icons[m.Icon] = true
	}
	for _, k := range c.CategoryList {
		icons[k.Icon] = true
	}
	delete(quals, "")
	delete(icons, "")
	return quals, icons
}

// addPack adds one pack to c (a copy being built by WithPacks).
func (c *Catalog) addPack(p *Pack, quals, icons map[string]bool) ErrorList {
	errs := c.packClashes(p)
	if len(errs) > 0 {
		return errs
	}
	rename := func(l ErrorList) ErrorList {
		for _, e := range l {
			e.File = p.File
		}
		return l
	}
	errs = append(errs, rename(c.addMaterials(p.pos, p.priced, p.Materials))...)
	errs = append(errs, rename(c.addAssemblies(p.pos, p.Assemblies))...)
	for i, m := range p.Modules {
		pos := p.pos.under(fmt.Sprintf("module[%d].", i))
		m.file = p.File
		if prev, dup := c.Modules[m.ID]; dup && m.ID != "" {
			errs = append(errs, &Error{File: p.File, Pos: pos.of("id"), Msg: fmt.Sprintf("duplicate module id %q (also in %s)", m.ID, prev.file)})
			continue
		}
		errs = append(errs, c.checkModule(p.File, pos, m)...)
		e := func(key, f string, a ...any) {
			errs = append(errs, &Error{File: p.File, Pos: pos.of(key), Msg: fmt.Sprintf(f, a...)})
		}
		for key, q := range map[string]string{"build_qualification": m.BuildQual, "install_qualification": m.InstallQual} {
			if !quals[q] {
				e(key, "module %q: unknown qualification %q (want one of %s)", m.ID, q, strings.Join(packKeys(quals), ", "))
			}
		}
		if m.Icon != "" && !icons[m.Icon] {
			e("icon", "module %q: unknown icon %q (want one of %s, or none for its category's)", m.ID, m.Icon, strings.Join(packKeys(icons), ", "))
		}
		if m.ID != "" {
			c.Modules[m.ID] = m
		}
	}
	return errs
}

// packClashes reports the pack's skus, assembly ids and module ids that the
// catalog (the built-in library or a pack loaded before) already has.
func (c *Catalog) packClashes(p *Pack) ErrorList {
	var errs ErrorList
	owner := func(kind, id string) string {
		for _, q := range c.packs {
			switch {
			case kind == "sku" && containsFunc(q.Materials, func(m *Material) bool { return m.SKU == id }),
				kind == "assembly" && containsFunc(q.Assemblies, func(a *Assembly) bool { return a.ID == id }),
				kind == "module" && containsFunc(q.Modules, func(m *Module) bool { return m.ID == id }):
				return fmt.Sprintf("pack %s (%s)", q.Info.ID, q.Hash[:12])
			}
		}
		return "the built-in library"
	}
	clash := func(key, kind, id string) {
		errs = append(errs, &Error{File: p.File, Pos: p.pos.of(key), Msg: fmt.Sprintf("%s %q is already in %s: give it an id of its own (such as %q)", kind, id, owner(kind, id), p.Info.ID+"-"+id)})
	}
	for i, m := range p.Materials {
		if c.Materials[m.SKU] != nil {
			clash(fmt.Sprintf("material[%d].sku", i), "sku", m.SKU)
		}
	}
	for i, a := range p.Assemblies {
		if c.Assemblies[a.ID] != nil {
			clash(fmt.Sprintf("assembly[%d].id", i), "assembly", a.ID)
		}
	}
	for i, m := range p.Modules {
		if c.Modules[m.ID] != nil {
			clash(fmt.Sprintf("module[%d].id", i), "module", m.ID)
		}
	}
	for i, s := range p.Suppliers {
		for _, q := range c.packs {
			if containsFunc(q.Suppliers, func(o *Supplier) bool { return o.ID == s.ID }) {
				errs = append(errs, &Error{File: p.File, Pos: p.pos.of(fmt.Sprintf("supplier[%d].id", i)), Msg: fmt.Sprintf("supplier %q is already in pack %s (%s): give it an id of its own", s.ID, q.Info.ID, q.Hash[:12])})
			}
		}
	}
	return errs
}

func containsFunc[T any](list []T, f func(T) bool) bool {
	for _, x := range list {
		if f(x) {
			return true
		}
	}
	return false
}

func packKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// checkPacks checks the design's pack list: SHA-256 hashes, no repeats,
// each one in the catalog the design is read with.
func (d *Design) checkPacks(file string, pos positions, cat *Catalog) ErrorList {
	var errs ErrorList
	seen := map[string]bool{}
	for _, h := range d.Packs {
		switch {
		case !IsHash(h):
			errs = append(errs, &Error{File: file, Pos: pos.of("packs"), Msg: fmt.Sprintf("packs: %q is not a pack hash (64 lower-case hex digits, the SHA-256 of the pack file)", h)})
		case seen[h]:
			errs = append(errs, &Error{File: file, Pos: pos.of("packs"), Msg: fmt.Sprintf("packs: %s is named twice", h)})
		case !cat.HasPack(h):
			errs = append(errs, &Error{File: file, Pos: pos.of("packs"), Msg: fmt.Sprintf("packs: module pack %s is not loaded", h)})
		}
		seen[h] = true
	}
	return errs
}

// PacksUsedBy returns the pack hashes a design needs with this catalog:
// those it names already, then those of the catalog's packs it places a
// module of, in the order the catalog has them. A design saved with them
// reads back with the same packs.
func (c *Catalog) PacksUsedBy(d *Design) []string {
	out := append([]string(nil), d.Packs...)
	named := map[string]bool{}
	for _, h := range out {
		named[h] = true
	}
	used := map[string]bool{}
	for _, p := range d.Placements {
		if pk := c.PackOf(p.Module); pk != nil {
			used[pk.Hash] = true
		}
	}
	for _, pk := range c.packs {
		if used[pk.Hash] && !named[pk.Hash] {
			out = append(out, pk.Hash)
		}
	}
	return out
}
