package training

import (
	"fmt"
	"hash/fnv"
	"math/rand/v2"
	"strconv"
	"strings"

	"github.com/opensourceecology/prodos/designs"
)

// A parts-bin level (parts_bin = true) tests what the trainee knows rather
// than how well they read: the parts carry no ids, only what they are (a
// framing member by its stock, "2x6 x 92 5/8 in"; a house part by its
// module), they lie in a shuffled bin, and the bin holds distractors, parts
// that do not belong in this build. Picking a distractor is a mistake that
// costs the penalty and says why the part does not belong; the briefing
// teaches the principle (what rests on what), not the order.

// Distractor is a part in the bin that does not belong in the build: a
// stock part (SKU with a length, and a width for sheets) or a catalog
// module, and the reason it does not belong.
type Distractor struct {
	SKU    string         `toml:"sku"`
	Length designs.Length `toml:"length"`
	Width  designs.Length `toml:"width"`
	Module string         `toml:"module"`
	Reason string         `toml:"reason"`

	// ID is "D1", "D2", ... in file order; Part what the bin shows.
	ID   string `toml:"-"`
	Part string `toml:"-"`
}

// DistractorPrefix starts the id of every distractor ("D1").
const DistractorPrefix = "D"

// PartsBin reports whether the level is a parts-bin level.
func (l *Level) PartsBin() bool { return l.Bin }

// Part is what task i is, as the bin shows it: "2x6 x 92 5/8 in",
// "OSB 7/16 in, 48 x 96 in", "Foundation cell 4x4".
func (l *Level) Part(i int) string { return l.parts[i] }

// Distractors are the level's distractors, with their ids and parts.
func (l *Level) Distractors() []Distractor { return l.Distractor }

// distractor returns the index of the distractor with the id, or -1.
func (l *Level) distractor(id string) int {
	for k := range l.Distractor {
		if l.Distractor[k].ID == id {
			return k
		}
	}
	return -1
}

// BinOrder is the order the bin shows its parts in: every task id and
// every distractor id, shuffled by a seed drawn from the level id, so the
// bin is the same on every run and for every trainee but is not the build
// order.
func (l *Level) BinOrder() []string {
	ids := make([]string, 0, l.graph.Len()+len(l.Distractor))
	for _, t := range l.graph.Tasks {
		ids = append(ids, t.ID)
	}
	for _, d := range l.Distractor {
		ids = append(ids, d.ID)
	}
	h := fnv.New64a()
	h.Write([]byte(l.ID))
	r := rand.New(rand.NewPCG(h.Sum64(), 0x9e3779b97f4a7c15))
	r.Shuffle(len(ids), func(i, j int) { ids[i], ids[j] = ids[j], ids[i] })
	return ids
}

// stockPart describes a cut of a stock material: lumber by profile and
// length, sheets by product and size.
func stockPart(m *designs.Material, width, length designs.Length) string {
	if m.Kind == designs.KindSheet { // "OSB 23/32 in", the product and its thickness
		name, _, _ := strings.Cut(m.Description, ",")
		if k := strings.Index(name, " in "); k >= 0 {
			name = name[:k+3]
		}
		return fmt.Sprintf("%s, %s x %s in", name, width, length)
	}
	return fmt.Sprintf("%s x %s in", m.Profile, length)
}

// parseBin fills the part descriptions and checks the distractors. e
// reports a problem at a top-level key, ed at a key of distractor k.
func (l *Level) parseBin(cat *designs.Catalog, e func(key, f string, a ...any), ed func(k int, key, f string, a ...any)) {
	l.parts = make([]string, l.graph.Len())
	var m *designs.Module
	if l.Module != "" {
		m = cat.Modules[l.Module]
	}
	for i, t := range l.graph.Tasks {
		l.parts[i] = t.Name
		switch {
		case m != nil:
			for _, cp := range m.Cuts {
				if cp.Name == t.ModuleID && cat.Materials[cp.SKU] != nil {
					l.parts[i] = stockPart(cat.Materials[cp.SKU], cp.Width, cp.Length)
				}
			}
			if t.ModuleID == "" || !strings.Contains(l.parts[i], " in") {
				l.parts[i] = t.Name // fitting work, not a stock part
			}
		case cat.Modules[t.ModuleID] != nil:
			l.parts[i] = cat.Modules[t.ModuleID].Name
		}
	}
	if len(l.Distractor) > 0 && !l.Bin {
		ed(0, "", "distractors need parts_bin = true")
	}
	if l.Bin && len(l.Crew) > 0 {
		e("parts_bin", "a crew level has no parts bin")
	}
	for k := range l.Distractor {
		d := &l.Distractor[k]
		d.ID = DistractorPrefix + strconv.Itoa(k+1)
		switch {
		case strings.TrimSpace(d.Reason) == "":
			ed(k, "reason", "distractor %d needs a reason: why it does not belong", k+1)
		case (d.SKU == "") == (d.Module == ""):
			ed(k, "distractor", "distractor %d needs exactly one of sku and module", k+1)
		case d.Module != "":
			dm := cat.Modules[d.Module]
			if dm == nil {
				ed(k, "module", "distractor %d: unknown module %q", k+1, d.Module)
				continue
			}
			d.Part = dm.Name
		default:
			mat := cat.Materials[d.SKU]
			if mat == nil {
				ed(k, "sku", "distractor %d: unknown sku %q", k+1, d.SKU)
				continue
			}
			if d.Length <= 0 || mat.Kind == designs.KindSheet && d.Width <= 0 {
				ed(k, "length", "distractor %d: give the length (and the width of a sheet)", k+1)
				continue
			}
			d.Part = stockPart(mat, d.Width, d.Length)
		}
		for i := range l.parts {
			if d.Part != "" && l.parts[i] == d.Part {
				ed(k, "distractor", "distractor %d (%s) is the same part as task %s: the trainee could not tell them apart", k+1, d.Part, l.graph.Tasks[i].ID)
				break
			}
		}
	}
}

// Like returns the task to pick when the trainee takes the part of task id
// from the bin: parts that look the same are the same to the trainee, so a
// ready task showing the same part is picked before one that waits. Other
// ids come back unchanged.
func (s *Session) Like(id string) string {
	i := s.g.Index(id)
	if i < 0 || !s.level.Bin || s.State(i) == Ready {
		return id
	}
	for k := range s.g.Tasks {
		if k != i && s.level.parts[k] == s.level.parts[i] && s.State(k) == Ready {
			return s.g.Tasks[k].ID
		}
	}
	if s.done[i] {
		for k := range s.g.Tasks {
			if s.level.parts[k] == s.level.parts[i] && !s.done[k] {
				return s.g.Tasks[k].ID
			}
		}
	}
	return id
}

// Aside reports whether the distractor has been picked (and set aside).
func (s *Session) Aside(id string) bool {
	k := s.level.distractor(id)
	return k >= 0 && s.aside[k]
}

// pickDistractor is Pick of a distractor: a mistake the first time, with
// the reason it does not belong; the part is then set aside.
func (s *Session) pickDistractor(k int) Outcome {
	d := s.level.Distractor[k]
	if s.aside[k] {
		return Outcome{Msg: fmt.Sprintf("the %s is already set aside", d.Part)}
	}
	s.aside[k] = true
	name := d.Part
	if d.Module != "" { // "the exterior wall 4x8"
		name = strings.ToLower(name[:1]) + name[1:]
	}
	c := Command{Tick: s.tick, Op: "pick", Task: d.ID}
	return s.record(c, s.mistake(fmt.Sprintf("the %s does not belong here: %s", name, d.Reason)))
}

// arrayKeyPos finds the value of key in the k-th [[table]] of data (the
// table's header when the key is missing).
func arrayKeyPos(data []byte, table string, k int, key string) designs.Pos {
	n, at := -1, designs.Pos{Line: 1, Col: 1}
	for i, line := range strings.Split(string(data), "\n") {
		trim := strings.TrimSpace(line)
		if strings.HasPrefix(trim, "[") {
			if n == k {
				break
			}
			if trim == "[["+table+"]]" {
				n++
				if n == k {
					at = designs.Pos{Line: i + 1, Col: 1}
				}
			}
			continue
		}
		if n != k {
			continue
		}
		if name, _, ok := strings.Cut(trim, "="); ok && strings.TrimSpace(name) == key {
			col := strings.Index(line, "=") + 2
			for col <= len(line) && line[col-1] == ' ' {
				col++
			}
			return designs.Pos{Line: i + 1, Col: col}
		}
	}
	return at
}
