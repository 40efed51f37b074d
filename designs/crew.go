package designs

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"sort"
	"strings"

	"github.com/BurntSushi/toml"
)

// Member is one person of a crew and the qualifications they hold.
type Member struct {
	ID             string   `toml:"id"`
	Name           string   `toml:"name"`
	Qualifications []string `toml:"qualifications"`
}

// Has reports whether the member holds the qualification.
func (m *Member) Has(qual string) bool {
	for _, q := range m.Qualifications {
		if q == qual {
			return true
		}
	}
	return false
}

// Crew is a crew roster.
type Crew struct {
	ID      string   `toml:"id"`
	Name    string   `toml:"name"`
	Source  string   `toml:"source"`
	Members []Member `toml:"member"`
	// Verified is set on a crew made of profiles whose qualifications the
	// profile store confirmed (production/permits). A roster read from a
	// crew TOML file only claims its members' qualifications: it names
	// roles, not people, and serves teaching and planning.
	Verified bool `toml:"-"`
}

// Basis says where the crew's qualifications come from, for outputs:
// "verified" (the profile store) or "claimed" (a roster file).
func (c *Crew) Basis() string {
	if c.Verified {
		return "verified"
	}
	return "claimed"
}

// BasisNote is a sentence saying where the crew's qualifications come
// from, printed with every assignment made on the crew.
func (c *Crew) BasisNote() string {
	if c.Verified {
		return fmt.Sprintf("Crew %s: qualifications verified (%s).", c.ID, c.Source)
	}
	return fmt.Sprintf("Crew %s: qualifications claimed by the roster, not verified against profiles (name the people with --crew-profiles).", c.ID)
}

// Qualified lists the members holding the qualification, in roster order.
func (c *Crew) Qualified(qual string) []*Member {
	var out []*Member
	for i := range c.Members {
		if c.Members[i].Has(qual) {
			out = append(out, &c.Members[i])
		}
	}
	return out
}

// Default crew roster ids.
const (
	DefaultCrewID = "default-4"    // four people
	OSECrewID     = "ose-build-24" // OSE's 24-person build stations
)

// KnownQualifications lists the qualification ids the catalog's modules and
// the shops' machines name, sorted.
func KnownQualifications(cat *Catalog, shops map[string]*Shop) []string {
	seen := map[string]bool{}
	for _, m := range cat.Modules {
		seen[m.BuildQual] = true
		seen[m.InstallQual] = true
	}
	for _, s := range shops {
		for _, m := range s.Machines {
			seen[m.Qualification] = true
		}
	}
	delete(seen, "")
	out := make([]string, 0, len(seen))
	for q := range seen {
		out = append(out, q)
	}
	sort.Strings(out)
	return out
}

// lineOf finds the 1-based line of the first line containing needle.
func lineOf(data []byte, needle string) int {
	for i, l := range bytes.Split(data, []byte("\n")) {
		if bytes.Contains(l, []byte(needle)) {
			return i + 1
		}
	}
	return 1
}

// ParseCrew reads a crew roster. known, when not empty, is the list of
// qualification ids a member may hold (a typo is an error). Problems are
// *Error values naming file, line and column.
func ParseCrew(file string, data []byte, known []string) (*Crew, error) {
	var c Crew
	md, err := toml.NewDecoder(bytes.NewReader(data)).Decode(&c)
	if err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			return nil, &Error{File: file, Pos: Pos{Line: pe.Position.Line, Col: max(1, pe.Position.Col)}, Msg: pe.Message}
		}
		return nil, &Error{File: file, Pos: Pos{Line: 1, Col: 1}, Msg: err.Error()}
	}
	var errs ErrorList
	e := func(line int, f string, a ...any) {
		errs = append(errs, &Error{File: file, Pos: Pos{Line: line, Col: 1}, Msg: fmt.Sprintf(f, a...)})
	}
	for _, k := range md.Undecoded() {
		last := k[len(k)-1]
		e(lineOf(data, last+" ="), "unknown key %q", k.String())
	}
	if c.ID == "" {
		e(1, "crew has no id")
	}
	if len(c.Members) == 0 {
		e(1, "crew %q has no members", c.ID)
	}
	knownSet := map[string]bool{}
	for _, q := range known {
		knownSet[q] = true
	}
	ids := map[string]bool{}
	for _, m := range c.Members {
		line := lineOf(data, fmt.Sprintf("id = %q", m.ID))
		if m.ID == "" || ids[m.ID] {
			e(line, "member id %q is empty or duplicate", m.ID)
		}
		ids[m.ID] = true
		if len(m.Qualifications) == 0 {
			e(line, "member %q holds no qualification", m.ID)
		}
		for _, q := range m.Qualifications {
			if len(knownSet) > 0 && !knownSet[q] {
				e(lineOf(data, fmt.Sprintf("%q", q)), "member %q: unknown qualification %q (known: %s)", m.ID, q, strings.Join(known, ", "))
			}
		}
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	return &c, nil
}

// LoadCrews reads every crews/*.toml of fsys, keyed by id.
func LoadCrews(fsys fs.FS, known []string) (map[string]*Crew, error) {
	files, err := fs.Glob(fsys, "crews/*.toml")
	if err != nil {
		return nil, fmt.Errorf("crews: %w", err)
	}
	out := map[string]*Crew{}
	var errs ErrorList
	for _, f := range files {
		data, err := fs.ReadFile(fsys, f)
		if err != nil {
			return nil, fmt.Errorf("crews: %w", err)
		}
		c, err := ParseCrew(f, data, known)
		if err != nil {
			errs = append(errs, Errors(err)...)
			continue
		}
		out[c.ID] = c
	}
	return out, errs.Err()
}

// DefaultCrews loads the embedded crew rosters (designs/data/crews), checked
// against the qualifications of the default catalog and shops.
func DefaultCrews(cat *Catalog) (map[string]*Crew, error) {
	shops, err := DefaultShops()
	if err != nil {
		return nil, err
	}
	return LoadCrews(DataFS(), KnownQualifications(cat, shops))
}

// CrewOfSize picks the roster with exactly n members (the default crew for
// 4, OSE's build stations for 24) or, for other sizes, builds one by
// repeating the default crew's roles: member k takes the qualifications of
// default member k mod 4, so every qualification stays covered for n >= 4.
func CrewOfSize(crews map[string]*Crew, n int) (*Crew, error) {
	if n < 1 {
		return nil, fmt.Errorf("crew size must be at least 1, got %d", n)
	}
	for _, id := range []string{DefaultCrewID, OSECrewID} {
		if c := crews[id]; c != nil && len(c.Members) == n {
			return c, nil
		}
	}
	ids := make([]string, 0, len(crews))
	for id := range crews {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		if len(crews[id].Members) == n {
			return crews[id], nil
		}
	}
	base := crews[DefaultCrewID]
	if base == nil {
		return nil, fmt.Errorf("no %s crew roster to build a %d-person crew from", DefaultCrewID, n)
	}
	c := &Crew{ID: fmt.Sprintf("crew-%d", n), Name: fmt.Sprintf("%d-person crew (roles of %s)", n, base.Name), Source: base.Source}
	for k := 0; k < n; k++ {
		b := base.Members[k%len(base.Members)]
		c.Members = append(c.Members, Member{ID: fmt.Sprintf("%s-%d", b.ID, k/len(base.Members)+1), Name: b.Name,
			Qualifications: append([]string(nil), b.Qualifications...)})
	}
	return c, nil
}
