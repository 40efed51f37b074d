// Design levels (design/*.toml) and manufacturability rule sets
// (rules/*.toml), embedded. The engine parses and scores them; this file
// only finds and loads them, so the engine never depends on this package.
// (The package comment is in challenges.go on main.)

package levels

import (
	"embed"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"sync"

	"github.com/opensourceecology/prodos/designs"
	"github.com/opensourceecology/prodos/engine"
)

//go:embed design/*.toml rules/*.toml
var designFS embed.FS

// StandardRules is the id of the default rule set.
const StandardRules = "standard"

// LoadRuleSets reads every rules/*.toml of fsys, keyed by id.
func LoadRuleSets(fsys fs.FS, cat *designs.Catalog) (map[string]*engine.RuleSet, error) {
	files, err := fs.Glob(fsys, "rules/*.toml")
	if err != nil {
		return nil, fmt.Errorf("rule sets: %w", err)
	}
	sort.Strings(files)
	out := map[string]*engine.RuleSet{}
	var errs designs.ErrorList
	for _, f := range files {
		data, err := fs.ReadFile(fsys, f)
		if err != nil {
			return nil, fmt.Errorf("rule sets: %w", err)
		}
		rs, err := engine.ParseRuleSet(f, data, cat)
		if err != nil {
			errs = append(errs, designs.Errors(err)...)
			continue
		}
		if prev, dup := out[rs.ID]; dup {
			errs = append(errs, &designs.Error{File: f, Pos: designs.Pos{Line: 1, Col: 1}, Msg: fmt.Sprintf("duplicate rule set id %q (also %q)", rs.ID, prev.Name)})
			continue
		}
		out[rs.ID] = rs
	}
	return out, errs.Err()
}

// LoadDesignLevels reads every design/*.toml of fsys (the design levels,
// not challenges or qualifications), checked against cat and the rule sets
// of fsys, sorted by order then id.
func LoadDesignLevels(fsys fs.FS, cat *designs.Catalog) ([]*engine.Level, error) {
	sets, err := LoadRuleSets(fsys, cat)
	if err != nil {
		return nil, err
	}
	return loadDesignLevels(fsys, cat, sets)
}

// loadDesignLevels reads the design levels of fsys against rule sets
// already loaded.
func loadDesignLevels(fsys fs.FS, cat *designs.Catalog, sets map[string]*engine.RuleSet) ([]*engine.Level, error) {
	files, err := fs.Glob(fsys, "design/*.toml")
	if err != nil {
		return nil, fmt.Errorf("levels: %w", err)
	}
	sort.Strings(files)
	var out []*engine.Level
	var errs designs.ErrorList
	ids := map[string]string{}
	for _, f := range files {
		data, err := fs.ReadFile(fsys, f)
		if err != nil {
			return nil, fmt.Errorf("levels: %w", err)
		}
		l, err := engine.ParseLevel(f, data, cat, sets)
		if err != nil {
			errs = append(errs, designs.Errors(err)...)
			continue
		}
		if prev, dup := ids[l.ID]; dup {
			errs = append(errs, &designs.Error{File: f, Pos: designs.Pos{Line: 1, Col: 1}, Msg: fmt.Sprintf("duplicate level id %q (also in %s)", l.ID, path.Base(prev))})
			continue
		}
		ids[l.ID] = f
		out = append(out, l)
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Order != out[j].Order {
			return out[i].Order < out[j].Order
		}
		return out[i].ID < out[j].ID
	})
	return out, nil
}

// FS is the embedded level data (design/ and rules/).
func FS() fs.FS { return designFS }

// The rule sets and the design levels load separately, each once: the
// production commands gate designs on the standard rule set and must not pay
// for parsing every level (and its shop) on each run.
var (
	setsOnce  sync.Once
	sets      map[string]*engine.RuleSet
	errSets   error
	levelOnce sync.Once
	levels    []*engine.Level
	errLevels error
)

func loadSets() {
	cat, err := designs.DefaultCatalog()
	if err != nil {
		errSets = err
		return
	}
	sets, errSets = LoadRuleSets(designFS, cat)
}

func loadLevels() {
	s, err := RuleSets()
	if err != nil {
		errLevels = err
		return
	}
	cat, err := designs.DefaultCatalog()
	if err != nil {
		errLevels = err
		return
	}
	levels, errLevels = loadDesignLevels(designFS, cat, s)
}

// RuleSets are the embedded rule sets, keyed by id.
func RuleSets() (map[string]*engine.RuleSet, error) {
	setsOnce.Do(loadSets)
	return sets, errSets
}

// RuleSet returns one embedded rule set.
func RuleSet(id string) (*engine.RuleSet, error) {
	s, err := RuleSets()
	if err != nil {
		return nil, err
	}
	rs, ok := s[id]
	if !ok {
		return nil, fmt.Errorf("unknown rule set %q", id)
	}
	return rs, nil
}

// Standard is the standard rule set (what prodos validate checks). It
// parses rules/standard.toml alone, once: every production command gates
// its design on it and need not parse the other rule sets (their ids are
// checked against each other by RuleSets).
func Standard() (*engine.RuleSet, error) { return standard() }

var standard = sync.OnceValues(func() (*engine.RuleSet, error) {
	cat, err := designs.DefaultCatalog()
	if err != nil {
		return nil, err
	}
	file := "rules/" + StandardRules + ".toml"
	data, err := fs.ReadFile(designFS, file)
	if err != nil {
		return RuleSet(StandardRules) // kept under another name
	}
	rs, err := engine.ParseRuleSet(file, data, cat)
	if err != nil {
		return nil, err
	}
	if rs.ID != StandardRules {
		return RuleSet(StandardRules)
	}
	return rs, nil
})

// DesignLevels are the embedded design levels in play order.
func DesignLevels() ([]*engine.Level, error) {
	levelOnce.Do(loadLevels)
	return levels, errLevels
}

// DesignLevel returns one embedded design level.
func DesignLevel(id string) (*engine.Level, error) {
	ls, err := DesignLevels()
	if err != nil {
		return nil, err
	}
	for _, l := range ls {
		if l.ID == id {
			return l, nil
		}
	}
	return nil, fmt.Errorf("unknown level %q", id)
}
