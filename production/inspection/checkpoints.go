// Package inspection is the build's quality control: each module has
// inspection checkpoints with tolerances (designs/data/inspections.toml,
// each with its source); an inspection records an inspector's measured
// values for one placed module (the schedule's placement id, "W7"), its
// pass or fail computed from the tolerances, and the hash of a photo; a
// module may be installed only when its latest inspection passed
// (CheckInstall), and a failed one lists what to fix. Store is the storage
// interface; sqlitestore implements it and inspectiontest is the
// conformance suite every implementation runs.
package inspection

import (
	"fmt"
	"io/fs"
	"slices"

	"github.com/opensourceecology/prodos/designs"
)

// CheckpointFile is the checkpoint data's file name in the designs data.
const CheckpointFile = "inspections.toml"

// Checkpoint kinds.
const (
	KindMax    = "max"    // value <= Limit
	KindWithin = "within" // |value - Target| <= Tolerance
	KindCheck  = "check"  // yes or no
)

// Checkpoint is one thing an inspector measures or checks.
type Checkpoint struct {
	ID        string         `toml:"id"`
	Name      string         `toml:"name"`
	How       string         `toml:"how"`
	Kind      string         `toml:"kind"`
	Limit     designs.Length `toml:"limit"`
	Target    designs.Length `toml:"target"`
	Tolerance designs.Length `toml:"tolerance"`
	// Categories and Modules choose the modules it applies to; Except
	// leaves modules of those categories out.
	Categories []string `toml:"categories"`
	Modules    []string `toml:"modules"`
	Except     []string `toml:"except"`
	Source     string   `toml:"source"`
}

// Requirement says the checkpoint's tolerance in words: "at most 1/8 in",
// "24 in, within 1/8 in", "met (yes or no)".
func (c *Checkpoint) Requirement() string {
	switch c.Kind {
	case KindMax:
		return "at most " + c.Limit.String() + " in"
	case KindWithin:
		return c.Target.String() + " in, within " + c.Tolerance.String() + " in"
	}
	return "met (yes or no)"
}

// Checkpoints is the loaded checkpoint data.
type Checkpoints struct {
	List []*Checkpoint
}

// For returns the checkpoints of a module, in file order.
func (cs *Checkpoints) For(m *designs.Module) []*Checkpoint {
	var out []*Checkpoint
	for _, c := range cs.List {
		if slices.Contains(c.Modules, m.ID) || (slices.Contains(c.Categories, m.Category) && !slices.Contains(c.Except, m.ID)) {
			out = append(out, c)
		}
	}
	return out
}

// DefaultCheckpoints loads the embedded checkpoint data, checked against
// the catalog.
func DefaultCheckpoints(cat *designs.Catalog) (*Checkpoints, error) {
	return LoadCheckpoints(designs.DataFS(), cat)
}

// LoadCheckpoints reads CheckpointFile from fsys and checks it: known
// kinds with their tolerances, known categories and modules, a source for
// every checkpoint, and at least one checkpoint for every module of the
// catalog. Problems are reported as file:line:column.
func LoadCheckpoints(fsys fs.FS, cat *designs.Catalog) (*Checkpoints, error) {
	data, err := fs.ReadFile(fsys, CheckpointFile)
	if err != nil {
		return nil, fmt.Errorf("inspection checkpoints: %w", err)
	}
	var doc struct {
		Checkpoint []*Checkpoint `toml:"checkpoint"`
	}
	pos, errs := designs.DecodeTOML(CheckpointFile, data, &doc)
	if len(errs) > 0 {
		return nil, errs.Err()
	}
	e := func(path, f string, a ...any) {
		errs = append(errs, &designs.Error{File: CheckpointFile, Pos: pos.Of(path), Msg: fmt.Sprintf(f, a...)})
	}
	seen := map[string]bool{}
	for i, c := range doc.Checkpoint {
		at := fmt.Sprintf("checkpoint[%d]", i)
		if c.ID == "" || seen[c.ID] {
			e(at+".id", "checkpoint id %q is empty or duplicate", c.ID)
		}
		seen[c.ID] = true
		if c.Name == "" || c.How == "" || c.Source == "" {
			e(at, "checkpoint %q needs a name, how to measure it and a source", c.ID)
		}
		switch {
		case c.Kind == KindMax && c.Limit <= 0:
			e(at+".limit", "checkpoint %q: a max checkpoint needs a positive limit", c.ID)
		case c.Kind == KindWithin && (c.Target <= 0 || c.Tolerance <= 0):
			e(at+".kind", "checkpoint %q: a within checkpoint needs a positive target and tolerance", c.ID)
		case c.Kind != KindMax && c.Kind != KindWithin && c.Kind != KindCheck:
			e(at+".kind", "checkpoint %q: kind %q must be max, within or check", c.ID, c.Kind)
		}
		for _, cg := range c.Categories {
			if _, ok := cat.Category(cg); !ok {
				e(at+".categories", "checkpoint %q: unknown category %q", c.ID, cg)
			}
		}
		for _, id := range append(append([]string(nil), c.Modules...), c.Except...) {
			if cat.Modules[id] == nil {
				e(at, "checkpoint %q: unknown module %q", c.ID, id)
			}
		}
	}
	cs := &Checkpoints{List: doc.Checkpoint}
	if len(errs) == 0 {
		for _, id := range cat.ModuleIDs() {
			if len(cs.For(cat.Modules[id])) == 0 {
				errs = append(errs, &designs.Error{File: CheckpointFile, Pos: designs.Pos{Line: 1, Col: 1},
					Msg: fmt.Sprintf("module %q has no inspection checkpoint", id)})
			}
		}
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	return cs, nil
}
