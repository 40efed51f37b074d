package buildseq

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/opensourceecology/prodos/designs"
	"github.com/shopspring/decimal"
)

// KindMember is the kind of a framing member task in a module's framing
// graph (FromModule).
const KindMember Kind = "member"

// role is what a cut part does in the frame.
type role int

const (
	rolePlate role = iota
	roleStud
	roleKing
	roleJack
	roleCripple
	roleSill
	roleHeader
	roleRim
	roleJoist
	roleRafter
	roleBlock
	roleSheet
	roleWork // fixed-minute work of a build operation (fit the window unit)
)

var roleInfo = map[role]struct{ prefix, noun string }{
	rolePlate: {"P", "plate"}, roleStud: {"S", "stud"}, roleKing: {"K", "king stud"},
	roleJack: {"J", "jack stud"}, roleCripple: {"C", "cripple"}, roleSill: {"SL", "sill"},
	roleHeader: {"H", "header"}, roleRim: {"RJ", "rim joist"}, roleJoist: {"JS", "joist"},
	roleRafter: {"RF", "rafter"}, roleBlock: {"B", "end block"}, roleSheet: {"SH", "sheet"},
	roleWork: {"X", "work"},
}

func cutRole(name string, sheet bool) (role, bool) {
	n := strings.ToLower(name)
	switch {
	case sheet:
		return roleSheet, true
	case strings.Contains(n, "rim joist"):
		return roleRim, true
	case strings.Contains(n, "joist"):
		return roleJoist, true
	case strings.Contains(n, "rafter"):
		return roleRafter, true
	case strings.Contains(n, "block"):
		return roleBlock, true
	case strings.Contains(n, "plate"):
		return rolePlate, true
	case strings.Contains(n, "jack"):
		return roleJack, true
	case strings.Contains(n, "king"):
		return roleKing, true
	case strings.Contains(n, "stud"):
		return roleStud, true
	case strings.Contains(n, "cripple"):
		return roleCripple, true
	case strings.Contains(n, "sill"):
		return roleSill, true
	case strings.Contains(n, "header"):
		return roleHeader, true
	}
	return 0, false
}

// FromModule builds the framing graph of one module: one task per framing
// member and sheet part of its cut list (a cut of quantity 3 gives three
// tasks), in the order a framer builds it:
//
//   - plates first: the bottom plate, then the top plate marked from it;
//     any further plate is a cap (double top) plate, fixed once every
//     stud, king, jack and header stands;
//   - studs and king studs between the bottom and top plates; each jack
//     stud against its king; cripples between the jacks; the sill on the
//     cripples (on the jacks without cripples); the first header piece on
//     the jacks and the second against the first;
//   - floor and loft cassettes: rim joists, then joists, then the deck;
//     roof panels: rafters, then end blocks, then the deck;
//   - sheet parts (sheathing, deck) once every framing member is fixed.
//
// Minutes come from the module's build labour: each lumber member takes
// the build operations' minutes per member; the fixed minutes of the
// framing operation are shared by the sheet parts; the fixed minutes of
// any other build operation (fitting a window, utilities) are one last
// task. The task minutes therefore sum to the module's build minutes.
// Task ids are a role prefix and a count: P1 bottom plate, P2 top plate,
// S1 stud, K1 king stud, J1 jack stud, H1 header, SH1 sheet.
func FromModule(m *designs.Module, cat *designs.Catalog) (*Graph, error) {
	if len(m.Cuts) == 0 {
		return nil, fmt.Errorf("buildseq: module %q has no cut parts to frame", m.ID)
	}
	var perMember, framingFixed decimal.Decimal
	skill := ""
	var extra []designs.LabourOp
	for _, l := range m.Labour {
		if l.Op != "build" {
			continue
		}
		perMember = perMember.Add(l.MinutesPerMember)
		if l.MinutesPerMember.Sign() > 0 && skill == "" {
			skill = l.Skill
		}
		if l.Minutes.Sign() > 0 {
			if l.MinutesPerMember.Sign() > 0 {
				framingFixed = framingFixed.Add(l.Minutes)
			} else {
				extra = append(extra, l)
			}
		}
	}
	g := &Graph{}
	roles := []role{}
	counts := map[role]int{}
	sheets := 0
	for _, cp := range m.Cuts {
		mat := cat.Materials[cp.SKU]
		if mat == nil {
			return nil, fmt.Errorf("buildseq: module %q: cut part %q: unknown sku %q", m.ID, cp.Name, cp.SKU)
		}
		r, ok := cutRole(cp.Name, mat.Kind == designs.KindSheet)
		if !ok {
			return nil, fmt.Errorf("buildseq: module %q: no framing rule for cut part %q", m.ID, cp.Name)
		}
		for k := 0; k < cp.Qty; k++ {
			counts[r]++
			t := Task{
				ID: roleInfo[r].prefix + strconv.Itoa(counts[r]), Module: len(g.Tasks), ModuleID: cp.Name,
				Kind: KindMember, Skill: skill, Qual: m.BuildQual, Minutes: perMember,
				Name: fmt.Sprintf("%s %d (%s %s\")", cp.Name, k+1, mat.Profile, cp.Length),
			}
			t.Noun = cp.Name
			if r == rolePlate {
				switch counts[r] {
				case 1:
					t.Noun = "bottom plate"
				case 2:
					t.Noun = "top plate"
				default:
					t.Noun = "cap plate"
				}
				t.Name = fmt.Sprintf("%s (%s %s\")", t.Noun, mat.Profile, cp.Length)
			}
			if r == roleSheet {
				t.Minutes = decimal.Zero
				sheets++
				t.Name = fmt.Sprintf("%s %d (%s x %s\")", cp.Name, k+1, cp.Width, cp.Length)
			}
			g.Tasks = append(g.Tasks, t)
			roles = append(roles, r)
		}
	}
	if sheets > 0 {
		share := framingFixed.Div(decimal.NewFromInt(int64(sheets)))
		for i := range g.Tasks {
			if roles[i] == roleSheet {
				g.Tasks[i].Minutes = share
			}
		}
	} else if framingFixed.Sign() > 0 {
		extra = append([]designs.LabourOp{{Op: "build", Skill: skill, Minutes: framingFixed}}, extra...)
	}
	for _, l := range extra {
		counts[roleWork]++
		name := l.Skill + " work"
		if l.Skill == "openings" && m.Opening != "" {
			name = "fit the " + m.Opening + " unit"
		}
		g.Tasks = append(g.Tasks, Task{ID: "X" + strconv.Itoa(counts[roleWork]), Name: name, Noun: name,
			Module: len(g.Tasks), ModuleID: l.Skill, Kind: KindMember, Skill: l.Skill, Qual: m.BuildQual, Minutes: l.Minutes})
		roles = append(roles, roleWork)
	}
	linkMembers(g, roles)
	g.index()
	if len(g.topo()) != len(g.Tasks) {
		return nil, fmt.Errorf("buildseq: module %q: framing rules form a cycle", m.ID)
	}
	return g, nil
}

// linkMembers sets each framing member's dependencies from the roles of
// the members (roles[i] is the role of g.Tasks[i]): plates, then studs and
// kings, jacks, cripples, sills and headers, then sheathing and the rest.
func linkMembers(g *Graph, roles []role) {
	of := func(rs ...role) []int {
		var out []int
		for i, r := range roles {
			for _, want := range rs {
				if r == want {
					out = append(out, i)
				}
			}
		}
		return out
	}
	plates := of(rolePlate)
	nth := func(list []int, k int) []int {
		if k < len(list) {
			return list[k : k+1]
		}
		return nil
	}
	kings, jacks, cripples := of(roleKing), of(roleJack), of(roleCripple)
	headers := of(roleHeader)
	lumber := of(rolePlate, roleStud, roleKing, roleJack, roleCripple, roleSill, roleHeader, roleRim, roleJoist, roleRafter, roleBlock)
	for i := range g.Tasks {
		var deps []int
		switch roles[i] {
		case rolePlate:
			switch {
			case len(plates) > 0 && i == plates[0]:
			case len(plates) > 1 && i == plates[1]:
				deps = nth(plates, 0)
			default:
				deps = append(nth(plates, 1), of(roleStud, roleKing, roleJack, roleHeader)...)
			}
		case roleStud, roleKing:
			deps = append(nth(plates, 0), nth(plates, 1)...)
		case roleJack:
			k := indexOf(jacks, i)
			if k >= len(kings) {
				k = len(kings) - 1
			}
			deps = nth(kings, k)
			if len(kings) == 0 {
				deps = append(nth(plates, 0), nth(plates, 1)...)
			}
		case roleCripple:
			deps = jacks
			if len(jacks) == 0 {
				deps = nth(plates, 0)
			}
		case roleSill:
			deps = cripples
			if len(cripples) == 0 {
				deps = jacks
			}
		case roleHeader:
			if k := indexOf(headers, i); k > 0 {
				deps = headers[k-1 : k]
			} else {
				deps = jacks
				if len(jacks) == 0 {
					deps = kings
				}
			}
		case roleJoist:
			deps = of(roleRim)
		case roleBlock:
			deps = of(roleRafter)
		case roleSheet:
			deps = lumber
		case roleWork:
			deps = append(append([]int(nil), lumber...), of(roleSheet)...)
		}
		g.Tasks[i].Deps = sortedUnique(deps, i)
	}
}

func indexOf(list []int, v int) int {
	for k, x := range list {
		if x == v {
			return k
		}
	}
	return -1
}

func sortedUnique(ds []int, self int) []int {
	out := make([]int, 0, len(ds))
	seen := map[int]bool{self: true}
	for _, d := range ds {
		if !seen[d] {
			seen[d] = true
			out = append(out, d)
		}
	}
	for a := 1; a < len(out); a++ {
		for b := a; b > 0 && out[b] < out[b-1]; b-- {
			out[b], out[b-1] = out[b-1], out[b]
		}
	}
	return out
}
