package store

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/BurntSushi/toml"
	"github.com/opensourceecology/prodos/designs"
	"github.com/opensourceecology/prodos/production/commons"
)

// Kit file names: a replication kit is a directory with these files and a
// designs/ folder of the design files it sells.
const (
	KitManifest  = "kit.toml"
	KitSite      = "site.toml"
	KitMachines  = "machines.toml"
	KitSuppliers = "suppliers.toml"
	KitTraining  = "training.toml"
	KitDesigns   = "designs"
)

// KitProduct is a product the kit's enterprise sells: the design file (in
// designs/, named by FILE) whose SHA-256 is Hash, and the levels listed.
type KitProduct struct {
	Name   string `toml:"name"`
	Hash   string `toml:"hash"`
	File   string `toml:"file"`
	Levels []int  `toml:"levels"`
}

// Manifest is kit.toml: where the kit came from and what it sells.
type Manifest struct {
	From     string       `toml:"from"`
	Products []KitProduct `toml:"product"`
}

// KitMachine is a machine of the shop with its criteria and the figures
// measured at the source site.
type KitMachine struct {
	ID       string         `toml:"id"`
	Name     string         `toml:"name"`
	Process  string         `toml:"process"`
	Criteria []KitCriterion `toml:"criterion"`
}

// KitCriterion is one admissible performance criterion in machines.toml.
type KitCriterion struct {
	ID       string `toml:"id"`
	Measure  string `toml:"measure"`
	Max      string `toml:"max"`
	Unit     string `toml:"unit"`
	Source   string `toml:"source"`
	Measured string `toml:"measured_at_source"`
}

// KitRole is one role of the training path: a qualification and the
// challenges that earn it.
type KitRole struct {
	Qualification string   `toml:"qualification"`
	Name          string   `toml:"name"`
	Challenges    []string `toml:"challenges"`
	Requires      []string `toml:"requires"`
}

// Kit is everything another site needs to start the same operation.
type Kit struct {
	Manifest  Manifest
	Site      Site
	Machines  []KitMachine
	Suppliers []byte // the supplier template (designs/data/suppliers.toml)
	Training  []KitRole
	Designs   map[string][]byte // by file name under designs/
}

// NewKit assembles a kit from an enterprise and the quotes and design files
// of its listings (by hash).
func NewKit(e Enterprise, shop *designs.Shop, data *Data, suppliers []byte, quotes map[string]*Quote, files map[string][]byte) *Kit {
	k := &Kit{Manifest: Manifest{From: e.ID}, Site: e.Site, Suppliers: suppliers, Designs: map[string][]byte{}}
	for _, m := range shop.Machines {
		km := KitMachine{ID: m.ID, Name: m.Name, Process: m.Process}
		for _, c := range data.CriteriaFor(m.Process) {
			kc := KitCriterion{ID: c.ID, Measure: c.Measure, Max: c.Max.String(), Unit: c.Unit, Source: c.Source}
			if v, ok := e.Site.Measure(m.ID, c.ID); ok {
				kc.Measured = v.String()
			}
			km.Criteria = append(km.Criteria, kc)
		}
		k.Machines = append(k.Machines, km)
	}
	roles := map[string]KitRole{}
	for _, l := range e.Listings {
		q := quotes[l.Design]
		file := l.Design[:12] + "-" + slug(q.Name) + ".toml"
		k.Designs[file] = files[l.Design]
		k.Manifest.Products = append(k.Manifest.Products, KitProduct{Name: q.Name, Hash: l.Design, File: file, Levels: l.Levels})
		for _, st := range q.Training {
			roles[st.Qualification] = KitRole{Qualification: st.Qualification, Name: st.Name, Challenges: st.Challenges, Requires: st.Requires}
		}
	}
	for _, r := range roles {
		k.Training = append(k.Training, r)
	}
	sort.Slice(k.Training, func(i, j int) bool { return k.Training[i].Qualification < k.Training[j].Qualification })
	return k
}

func slug(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			b.WriteRune(r)
		case b.Len() > 0 && !strings.HasSuffix(b.String(), "-"):
			b.WriteByte('-')
		}
	}
	return strings.Trim(b.String(), "-")
}

const siteHeader = `# Site profile template from a replication kit. Set name and location with
# prodos enterprise create ID --from KIT --name NAME --location PLACE; then
# re-measure your own machines on the standard jobs (machines.toml) and
# replace the [[measured]] figures, which are the source site's.
`

// Write writes the kit to dir atomically: into a temporary directory beside
// it, renamed to dir only when every file is written. dir must not exist.
func (k *Kit) Write(dir string) error {
	if _, err := os.Stat(dir); err == nil {
		return fmt.Errorf("%w: %s already exists", ErrExists, dir)
	}
	tmp, err := os.MkdirTemp(filepath.Dir(filepath.Clean(dir)), ".kit-*")
	if err != nil {
		return fmt.Errorf("kit: %w", err)
	}
	defer os.RemoveAll(tmp)
	files := map[string][]byte{KitSuppliers: k.Suppliers}
	site, err := k.Site.Marshal()
	if err != nil {
		return err
	}
	files[KitSite] = append([]byte(siteHeader), site...)
	for name, v := range map[string]any{KitManifest: k.Manifest, KitMachines: map[string]any{"machine": k.Machines}, KitTraining: map[string]any{"role": k.Training}} {
		var b bytes.Buffer
		if err := toml.NewEncoder(&b).Encode(v); err != nil {
			return fmt.Errorf("kit: %s: %w", name, err)
		}
		files[name] = b.Bytes()
	}
	for name, data := range k.Designs {
		files[filepath.Join(KitDesigns, name)] = data
	}
	if err := os.Mkdir(filepath.Join(tmp, KitDesigns), 0o755); err != nil {
		return fmt.Errorf("kit: %w", err)
	}
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(tmp, name), data, 0o644); err != nil {
			return fmt.Errorf("kit: %w", err)
		}
	}
	if err := os.Rename(tmp, dir); err != nil {
		return fmt.Errorf("kit: %w", err)
	}
	return nil
}

// ReadKit reads a kit's manifest, site profile template and design files;
// every design file must match its hash. The site profile is returned as
// bytes for ParseSite.
func ReadKit(dir string) (Manifest, []byte, map[string][]byte, error) {
	var m Manifest
	mf := filepath.Join(dir, KitManifest)
	b, err := os.ReadFile(mf)
	if err != nil {
		return m, nil, nil, fmt.Errorf("%w: kit: %v", ErrInvalid, err)
	}
	if _, err := toml.NewDecoder(bytes.NewReader(b)).Decode(&m); err != nil {
		return m, nil, nil, fmt.Errorf("%w: %s: %v", ErrInvalid, mf, err)
	}
	site, err := os.ReadFile(filepath.Join(dir, KitSite))
	if err != nil {
		return m, nil, nil, fmt.Errorf("%w: kit: %v", ErrInvalid, err)
	}
	files := map[string][]byte{}
	for _, p := range m.Products {
		name := filepath.Join(dir, KitDesigns, filepath.Base(p.File))
		data, err := os.ReadFile(name)
		if err != nil {
			return m, nil, nil, fmt.Errorf("%w: kit: %v", ErrInvalid, err)
		}
		if got := commons.Hash(data); got != p.Hash {
			return m, nil, nil, fmt.Errorf("%w: %s: SHA-256 %s, the manifest says %s", commons.ErrHash, name, got, p.Hash)
		}
		files[p.Hash] = data
	}
	return m, site, files, nil
}
