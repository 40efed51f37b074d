package designs

import (
	"fmt"
	"io/fs"
	"sort"

	"github.com/shopspring/decimal"
)

// Machine is one machine of a shop. CNC fields apply to cnc-router machines,
// saw fields to saw stations.
type Machine struct {
	ID            string `toml:"id"`
	Name          string `toml:"name"`
	Process       string `toml:"process"` // e.g. "cnc-router", "miter-saw"
	Qualification string `toml:"qualification"`
	// CNC router
	BedWidth     Length          `toml:"bed_width"`
	BedLength    Length          `toml:"bed_length"`
	ToolDiameter Length          `toml:"tool_diameter"`
	DepthPerPass Length          `toml:"depth_per_pass"`
	SafeHeight   Length          `toml:"safe_height"`
	FeedXY       decimal.Decimal `toml:"feed_xy"` // inches per minute
	FeedZ        decimal.Decimal `toml:"feed_z"`  // inches per minute
	SpindleRPM   int             `toml:"spindle_rpm"`
	// Saw station
	SecondsPerCut decimal.Decimal `toml:"seconds_per_cut"`
}

// Shop is a shop profile: the machines a shop has and how long it works.
type Shop struct {
	ID          string    `toml:"id"`
	Name        string    `toml:"name"`
	HoursPerDay int       `toml:"hours_per_day"`
	Kerf        Length    `toml:"kerf"`
	Machines    []Machine `toml:"machine"`
	Source      string    `toml:"source"`
}

// Processes lists the processes the shop can perform, sorted.
func (s *Shop) Processes() []string {
	seen := map[string]bool{}
	for _, m := range s.Machines {
		seen[m.Process] = true
	}
	out := make([]string, 0, len(seen))
	for p := range seen {
		out = append(out, p)
	}
	sort.Strings(out)
	return out
}

// CanPerform reports whether some machine of the shop does process.
func (s *Shop) CanPerform(process string) bool {
	for _, m := range s.Machines {
		if m.Process == process {
			return true
		}
	}
	return false
}

// ParseShop reads a shop profile.
func ParseShop(file string, data []byte) (*Shop, error) {
	var s Shop
	pos, errs := decodeTOML(file, data, &s)
	if len(errs) > 0 {
		return nil, errs.Err()
	}
	e := func(key, f string, a ...any) {
		errs = append(errs, &Error{File: file, Pos: pos.of(key), Msg: fmt.Sprintf(f, a...)})
	}
	if s.ID == "" {
		e("id", "shop has no id")
	}
	if s.HoursPerDay < 1 || s.HoursPerDay > 24 {
		e("hours_per_day", "hours_per_day must be 1 to 24, got %d", s.HoursPerDay)
	}
	if s.Kerf < 0 {
		e("kerf", "kerf must not be negative")
	}
	ids := map[string]bool{}
	for i, m := range s.Machines {
		at := fmt.Sprintf("machine[%d].", i)
		if m.ID == "" || ids[m.ID] {
			e(at+"id", "machine id %q is empty or duplicate", m.ID)
		}
		ids[m.ID] = true
		if m.Process == "" {
			e(at+"process", "machine %q has no process", m.ID)
		}
		if m.Process == "cnc-router" {
			if m.BedWidth <= 0 || m.BedLength <= 0 || m.ToolDiameter <= 0 || m.DepthPerPass <= 0 || m.SafeHeight <= 0 || m.FeedXY.Sign() <= 0 || m.FeedZ.Sign() <= 0 || m.SpindleRPM <= 0 {
				e(at+"id", "cnc-router %q needs bed_width, bed_length, tool_diameter, depth_per_pass, safe_height, feed_xy, feed_z and spindle_rpm", m.ID)
			}
		}
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	return &s, nil
}

// LoadShops reads every shops/*.toml of fsys, keyed by id.
func LoadShops(fsys fs.FS) (map[string]*Shop, error) {
	files, err := fs.Glob(fsys, "shops/*.toml")
	if err != nil {
		return nil, fmt.Errorf("shops: %w", err)
	}
	out := map[string]*Shop{}
	var errs ErrorList
	for _, f := range files {
		data, err := fs.ReadFile(fsys, f)
		if err != nil {
			return nil, fmt.Errorf("shops: %w", err)
		}
		s, err := ParseShop(f, data)
		if err != nil {
			errs = append(errs, Errors(err)...)
			continue
		}
		out[s.ID] = s
	}
	return out, errs.Err()
}

// DefaultShopID is the shop profile used when none is chosen.
const DefaultShopID = "ose-microfactory"

// DefaultShops loads the embedded shop profiles (a fresh copy each call,
// from the compiled snapshot while that is current).
func DefaultShops() (map[string]*Shop, error) {
	if snapshotCurrent() {
		return snapshotShops(), nil
	}
	return LoadShops(DataFS())
}
