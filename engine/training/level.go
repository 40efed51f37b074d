// Package training is the Training Game's rules: timed build-sequence
// challenges over the build task graph (engine/buildseq), their scoring,
// replays as command logs, and the qualifications that challenges earn and
// that unlock design levels, palette categories and production permissions.
// Time is in ticks (60 per second); nothing reads the wall clock, so a
// replay re-simulates an attempt exactly.
package training

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"

	"github.com/BurntSushi/toml"
	"github.com/opensourceecology/prodos/designs"
	"github.com/opensourceecology/prodos/engine/buildseq"
)

// TicksPerSecond is the engine's fixed rate.
const TicksPerSecond = 60

// Member is one crew member of a crew challenge.
type Member struct {
	Name           string   `toml:"name"`
	Skills         []string `toml:"skills"`
	Qualifications []string `toml:"qualifications"`
}

// Has reports whether the member has the skill and the qualification (an
// empty requirement is always met).
func (m *Member) Has(skill, qual string) (okSkill, okQual bool) {
	return skill == "" || contains(m.Skills, skill), qual == "" || contains(m.Qualifications, qual)
}

// Level is one challenge level.
type Level struct {
	ID       string `toml:"id"`
	Number   int    `toml:"number"`
	Title    string `toml:"title"`
	Briefing string `toml:"briefing"`
	Source   string `toml:"source"` // where the rule it teaches comes from
	// Exactly one of Layout (a house drawn as text, see ParseLayout) and
	// Module (a catalog module whose framing order is the challenge).
	Layout string   `toml:"layout"`
	Module string   `toml:"module"`
	Layers []string `toml:"layers"` // keep only these layers of the layout
	// TimeLimit and Penalty are in seconds; a wrong pick or assignment
	// costs Penalty seconds of the time left.
	TimeLimit int `toml:"time_limit"`
	Penalty   int `toml:"penalty"`
	// Crew, when set, makes it a crew challenge: each task is assigned to
	// a member with its skill and qualification and takes its minutes
	// times TicksPerMinute ticks.
	Crew           []Member `toml:"crew"`
	TicksPerMinute int      `toml:"ticks_per_minute"`
	// Stars are the scores for one, two and three stars; one star passes.
	Stars [3]int `toml:"stars"`
	// Bin makes a parts-bin level (see PartsBin): unlabelled, shuffled
	// parts and the Distractor parts that do not belong.
	Bin        bool         `toml:"parts_bin"`
	Distractor []Distractor `toml:"distractor"`

	// File is the level's file name; Hash the SHA-256 of its bytes, which
	// a replay carries so it is checked against the same level.
	File string `toml:"-"`
	Hash string `toml:"-"`

	design *designs.Design
	graph  *buildseq.Graph
	parts  []string // what each task's part is (Part)
}

// Graph is the level's task graph (shared, do not modify).
func (l *Level) Graph() *buildseq.Graph { return l.graph }

// Design is the level's house for layout levels (nil for framing levels).
func (l *Level) Design() *designs.Design { return l.design }

// CrewMode reports whether tasks are assigned to crew members.
func (l *Level) CrewMode() bool { return len(l.Crew) > 0 }

// LimitTicks is the time limit in ticks.
func (l *Level) LimitTicks() int { return l.TimeLimit * TicksPerSecond }

// PenaltyTicks is the cost of a mistake in ticks.
func (l *Level) PenaltyTicks() int { return l.Penalty * TicksPerSecond }

// Duration is the number of ticks task i takes in a crew level (at least 1).
func (l *Level) Duration(i int) int {
	d := int(l.graph.Tasks[i].Minutes.Ceil().IntPart()) * l.TicksPerMinute
	if d < 1 {
		d = 1
	}
	return d
}

// Set is the loaded challenge levels, in number order.
type Set struct {
	Levels []*Level
	byID   map[string]*Level
	cat    *designs.Catalog // the modules practical parts name
}

// Level returns the level with the id, or nil.
func (s *Set) Level(id string) *Level {
	if s == nil {
		return nil
	}
	return s.byID[id]
}

// LoadChallenges reads every *.toml in fsys as a challenge level and checks
// them; problems are reported as file:line:col: message.
func LoadChallenges(fsys fs.FS, cat *designs.Catalog) (*Set, error) {
	files, err := fs.Glob(fsys, "*.toml")
	if err != nil {
		return nil, err
	}
	if len(files) == 0 {
		return nil, errors.New("challenges: no level files")
	}
	sort.Strings(files)
	set := &Set{byID: map[string]*Level{}, cat: cat}
	var errs designs.ErrorList
	for _, f := range files {
		data, err := fs.ReadFile(fsys, f)
		if err != nil {
			return nil, err
		}
		l, e := ParseLevel(path.Base(f), data, cat)
		if e != nil {
			errs = append(errs, designs.Errors(e)...)
			continue
		}
		if prev := set.byID[l.ID]; prev != nil {
			errs = append(errs, &designs.Error{File: l.File, Pos: keyPos(data, "id"), Msg: fmt.Sprintf("duplicate level id %q (also in %s)", l.ID, prev.File)})
			continue
		}
		set.byID[l.ID] = l
		set.Levels = append(set.Levels, l)
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	sort.SliceStable(set.Levels, func(i, j int) bool { return set.Levels[i].Number < set.Levels[j].Number })
	return set, nil
}

// keyPos finds the line and column of the value of a top-level key.
func keyPos(data []byte, key string) designs.Pos {
	for i, line := range strings.Split(string(data), "\n") {
		trim := strings.TrimLeft(line, " \t")
		k, _, ok := strings.Cut(trim, "=")
		if ok && strings.TrimSpace(k) == key {
			col := strings.Index(line, "=") + 2
			for col <= len(line) && line[col-1] == ' ' {
				col++
			}
			return designs.Pos{Line: i + 1, Col: col}
		}
	}
	return designs.Pos{Line: 1, Col: 1}
}

// ParseLevel reads one challenge level file and builds its task graph.
func ParseLevel(file string, data []byte, cat *designs.Catalog) (*Level, error) {
	l := &Level{File: file}
	sum := sha256.Sum256(data)
	l.Hash = "sha256:" + hex.EncodeToString(sum[:])
	md, err := toml.NewDecoder(bytes.NewReader(data)).Decode(l)
	if err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			return nil, &designs.Error{File: file, Pos: designs.Pos{Line: pe.Position.Line, Col: max(pe.Position.Col, 1)}, Msg: pe.Message}
		}
		return nil, &designs.Error{File: file, Pos: designs.Pos{Line: 1, Col: 1}, Msg: err.Error()}
	}
	var errs designs.ErrorList
	e := func(key, f string, a ...any) {
		errs = append(errs, &designs.Error{File: file, Pos: keyPos(data, key), Msg: fmt.Sprintf(f, a...)})
	}
	for _, k := range md.Undecoded() {
		e(k.String(), "unknown key %q", k.String())
	}
	if l.ID == "" {
		e("id", "level has no id")
	}
	if l.Title == "" {
		e("title", "level has no title")
	}
	if l.Number < 1 {
		e("number", "number must be 1 or more, got %d", l.Number)
	}
	if l.TimeLimit < 1 {
		e("time_limit", "time_limit must be at least 1 second, got %d", l.TimeLimit)
	}
	if l.Penalty < 0 || l.Penalty >= max(l.TimeLimit, 1) {
		e("penalty", "penalty must be between 0 and the time limit, got %d", l.Penalty)
	}
	if !(0 < l.Stars[0] && l.Stars[0] <= l.Stars[1] && l.Stars[1] <= l.Stars[2]) {
		e("stars", "stars must be three rising positive scores, got %v", l.Stars)
	}
	switch {
	case (l.Layout == "") == (l.Module == ""):
		e("id", "a level needs exactly one of layout and module")
	case l.Module != "":
		m := cat.Modules[l.Module]
		if m == nil {
			e("module", "unknown module %q", l.Module)
			break
		}
		g, err := buildseq.FromModule(m, cat)
		if err != nil {
			e("module", "%v", err)
			break
		}
		l.graph = g
	default:
		l.readLayout(data, cat, e, func(pe *designs.Error) { errs = append(errs, pe) })
	}
	if l.graph != nil && l.graph.Len() == 0 {
		e("layout", "the level has no tasks")
	}
	if l.graph != nil {
		l.parseBin(cat, e, func(k int, key, f string, a ...any) {
			errs = append(errs, &designs.Error{File: file, Pos: arrayKeyPos(data, "distractor", k, key), Msg: fmt.Sprintf(f, a...)})
		})
	}
	l.checkCrew(e)
	if err := errs.Err(); err != nil {
		return nil, err
	}
	return l, nil
}

// readLayout reads the level's layout into its design and task graph.
// Problems with keys go to e; a layout error goes to add, placed at its
// line and column in the file.
func (l *Level) readLayout(data []byte, cat *designs.Catalog, e func(key, f string, a ...any), add func(*designs.Error)) {
	d, err := ParseLayout(l.Layout)
	if err != nil {
		pos := keyPos(data, "layout")
		var le *LayoutError
		if errors.As(err, &le) {
			pos = designs.Pos{Line: pos.Line + le.Line, Col: le.Col}
		}
		add(&designs.Error{File: l.File, Pos: pos, Msg: err.Error()})
		return
	}
	d.Name = l.Title
	if len(l.Layers) > 0 {
		for _, layer := range l.Layers {
			if !contains(designs.Layers, layer) {
				e("layers", "unknown layer %q", layer)
			}
		}
		keep := d.Placements[:0]
		for _, p := range d.Placements {
			if contains(l.Layers, cat.Modules[p.Module].Layer) {
				keep = append(keep, p)
			}
		}
		d.Placements = keep
	}
	if err := d.Validate(cat); err != nil {
		e("layout", "the layout is not a valid design: %v", err)
		return
	}
	g, err := buildseq.FromDesign(d, cat)
	if err != nil {
		e("layout", "%v", err)
		return
	}
	l.design, l.graph = d, g
}

// checkCrew checks a crew level: ticks, names, and someone for each task.
func (l *Level) checkCrew(e func(key, f string, a ...any)) {
	if len(l.Crew) == 0 {
		return
	}
	if l.TicksPerMinute < 1 {
		e("ticks_per_minute", "a crew level needs ticks_per_minute >= 1")
	}
	seen := map[string]bool{}
	for _, m := range l.Crew {
		if m.Name == "" || seen[m.Name] || strings.ContainsAny(m.Name, " \t\n") {
			e("crew", "crew member names must be unique single words, got %q", m.Name)
		}
		seen[m.Name] = true
	}
	if l.graph != nil {
		for _, t := range l.graph.Tasks {
			ok := false
			for i := range l.Crew {
				s, q := l.Crew[i].Has(t.Skill, t.Qual)
				ok = ok || (s && q)
			}
			if !ok {
				e("crew", "no crew member has skill %q and qualification %q for %s %s", t.Skill, t.Qual, t.Noun, t.ID)
				break
			}
		}
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
