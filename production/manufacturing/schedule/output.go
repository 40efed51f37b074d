package schedule

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"html"
	"sort"
	"strconv"
	"strings"

	"github.com/opensourceecology/prodos/designs"
	"github.com/opensourceecology/prodos/production/manufacturing/jobs"
	"github.com/shopspring/decimal"
)

// OSE's published target for on-site work: 500-750 person-hours per
// 1,000 sq ft (shared/reference/ose-facts.md).
const (
	OSEHoursPer1000Low  = 500
	OSEHoursPer1000High = 750
)

func minutes(sec int64) string {
	return decimal.NewFromInt(sec).Div(decimal.NewFromInt(60)).StringFixed(1)
}

func hours(sec int64) string {
	return decimal.NewFromInt(sec).Div(decimal.NewFromInt(3600)).StringFixed(1)
}

// FloorArea is the design's floor area in square feet: the cells covered by
// floor modules, else by foundation cells.
func FloorArea(d *designs.Design, cat *designs.Catalog) int {
	cells := map[string]map[[2]int]bool{"floor": {}, "foundation": {}}
	for _, p := range d.Placements {
		m := cat.Modules[p.Module]
		if m == nil || m.Placement != designs.OnCell || cells[m.Layer] == nil {
			continue
		}
		w, h := m.Footprint(p.Rotation)
		for y := p.Y; y < p.Y+h; y++ {
			for x := p.X; x < p.X+w; x++ {
				cells[m.Layer][[2]int{x, y}] = true
			}
		}
	}
	n := len(cells["floor"])
	if n == 0 {
		n = len(cells["foundation"])
	}
	return n * 16 // a 4 x 4 ft cell
}

// Summary prints the schedule's figures: makespan against its lower bound,
// person-hours (and per 1,000 sq ft against OSE's target when area > 0),
// and the critical path.
func (s *Schedule) Summary(design string, areaSqFt int, hoursPerDay int) string {
	var b bytes.Buffer
	fmt.Fprintf(&b, "Build schedule for %q with crew %s (%d people)\n", design, s.Crew.ID, len(s.Crew.Members))
	fmt.Fprintf(&b, "%s\n", s.Crew.BasisNote())
	fmt.Fprintf(&b, "Tasks: %d (%d module builds, %d installs, %d whole-house tasks)\n", len(s.Tasks), s.count("build"), s.count("install"), s.count(SiteOp))
	days := ""
	if hoursPerDay > 0 {
		days = fmt.Sprintf(", %s working days of %d h", decimal.NewFromInt(s.Makespan).Div(decimal.NewFromInt(int64(hoursPerDay)*3600)).StringFixed(1), hoursPerDay)
	}
	fmt.Fprintf(&b, "Makespan: %s h (%s min%s)\n", hours(s.Makespan), minutes(s.Makespan), days)
	stages := ""
	if s.StageBound > 0 {
		stages = fmt.Sprintf(", phase-stage bound %s h", hours(s.StageBound))
	}
	fmt.Fprintf(&b, "Lower bound: %s h = max(critical path %s h, work %s h / %d people, qualification bound %s h%s)\n", hours(s.LowerBound), hours(s.PathSeconds), hours(s.WorkSeconds), len(s.Crew.Members), hours(s.QualBound), stages)
	target := 1.10 // the modules alone (issue 14)
	if s.count(SiteOp) > 0 {
		target = FinishedRatioTarget
	}
	fmt.Fprintf(&b, "Makespan / lower bound: %.3f (target %.2f): %s\n", s.Ratio(), target, okText(s.Ratio() <= target))
	fmt.Fprintf(&b, "Person-hours: %s\n", s.PersonHours().StringFixed(1))
	if areaSqFt > 0 {
		per := s.PersonHours().Mul(decimal.NewFromInt(1000)).Div(decimal.NewFromInt(int64(areaSqFt)))
		fmt.Fprintf(&b, "Person-hours per 1,000 sq ft: %s for %d sq ft (OSE target %d-%d on site; see docs/fidelity.md)\n", per.StringFixed(0), areaSqFt, OSEHoursPer1000Low, OSEHoursPer1000High)
	}
	if len(s.Phases) > 0 {
		b.WriteString(s.PhaseTable(areaSqFt))
	}
	ids := make([]string, len(s.CriticalPath))
	for k, i := range s.CriticalPath {
		ids[k] = s.Tasks[i].ID
	}
	fmt.Fprintf(&b, "Critical path (%d tasks, %s h): %s\n", len(ids), hours(s.PathSeconds), strings.Join(ids, " -> "))
	return b.String()
}

func (s *Schedule) count(op string) int {
	n := 0
	for _, t := range s.Tasks {
		if t.Op == op {
			n++
		}
	}
	return n
}

func okText(ok bool) string {
	if ok {
		return "met"
	}
	return "NOT met"
}

// byStart lists task indexes by start time, then member, then index.
func (s *Schedule) byStart() []int {
	idx := make([]int, len(s.Tasks))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool {
		sa, sb := s.Slots[idx[a]], s.Slots[idx[b]]
		if sa.Start != sb.Start {
			return sa.Start < sb.Start
		}
		return sa.Member < sb.Member
	})
	return idx
}

func (s *Schedule) onPath() map[int]bool {
	m := map[int]bool{}
	for _, i := range s.CriticalPath {
		m[i] = true
	}
	return m
}

// CSVHeader is the header of the schedule CSV.
var CSVHeader = []string{"task", "name", "phase", "kind", "op", "qualification", "person", "start_min", "end_min", "minutes", "depends_on", "critical"}

// CSV writes one row per task in start order. A design grouped into houses
// gets a last column, house.
func (s *Schedule) CSV() []byte {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	grouped := len(s.Houses()) > 0
	if grouped {
		_ = w.Write(append(append([]string(nil), CSVHeader...), "house"))
	} else {
		_ = w.Write(CSVHeader)
	}
	path := s.onPath()
	for _, i := range s.byStart() {
		t, sl := s.Tasks[i], s.Slots[i]
		deps := make([]string, len(t.Deps))
		for k, d := range t.Deps {
			deps[k] = s.Tasks[d].ID
		}
		row := []string{t.ID, t.Name, t.Phase, t.Kind, t.Op, t.Qual, s.Crew.Members[sl.Member].ID,
			minutes(sl.Start), minutes(sl.End), minutes(t.Seconds), strings.Join(deps, " "), strconv.FormatBool(path[i])}
		if grouped {
			row = append(row, t.House)
		}
		_ = w.Write(row)
	}
	w.Flush()
	return b.Bytes()
}

type taskJSON struct {
	ID            string   `json:"id"`
	Name          string   `json:"name"`
	Phase         string   `json:"phase"`
	Kind          string   `json:"kind"`
	Op            string   `json:"op"`
	Qualification string   `json:"qualification"`
	Person        string   `json:"person"`
	StartMin      float64  `json:"start_min"`
	EndMin        float64  `json:"end_min"`
	Minutes       float64  `json:"minutes"`
	DependsOn     []string `json:"depends_on"`
	Critical      bool     `json:"critical"`
	House         string   `json:"house,omitempty"`
}

type scheduleJSON struct {
	Design              string      `json:"design"`
	Crew                string      `json:"crew"`
	CrewQualifications  string      `json:"crew_qualifications"`
	CrewSize            int         `json:"crew_size"`
	MakespanHours       float64     `json:"makespan_hours"`
	LowerBoundHours     float64     `json:"lower_bound_hours"`
	Ratio               float64     `json:"ratio"`
	CriticalPathHours   float64     `json:"critical_path_hours"`
	PersonHours         float64     `json:"person_hours"`
	AreaSqFt            int         `json:"area_sqft"`
	PersonHoursPer1000  float64     `json:"person_hours_per_1000_sqft"`
	CriticalPath        []string    `json:"critical_path"`
	QualificationBoundH float64     `json:"qualification_bound_hours"`
	StageBoundH         float64     `json:"phase_stage_bound_hours,omitempty"`
	Phases              []phaseJSON `json:"phases,omitempty"`
	Tasks               []taskJSON  `json:"tasks"`
}

// phaseJSON is one phase's person-hours beside OSE's target.
type phaseJSON struct {
	Phase             string  `json:"phase"`
	Name              string  `json:"name"`
	SiteHours         float64 `json:"site_hours"`
	BuildStationHours float64 `json:"build_station_hours"`
	Per1000SqFt       float64 `json:"person_hours_per_1000_sqft"`
	OSELow            int     `json:"ose_low"`
	OSEHigh           int     `json:"ose_high"`
}

func round(x float64, places int) float64 {
	d, _ := decimal.NewFromFloat(x).Round(int32(places)).Float64()
	return d
}

// JSON writes the schedule with its figures and every task.
func (s *Schedule) JSON(design string, areaSqFt int) ([]byte, error) {
	h := func(sec int64) float64 { return round(float64(sec)/3600, 2) }
	m := func(sec int64) float64 { return round(float64(sec)/60, 2) }
	out := scheduleJSON{Design: design, Crew: s.Crew.ID, CrewQualifications: s.Crew.Basis(), CrewSize: len(s.Crew.Members), MakespanHours: h(s.Makespan),
		LowerBoundHours: h(s.LowerBound), Ratio: round(s.Ratio(), 4), CriticalPathHours: h(s.PathSeconds),
		PersonHours: h(s.WorkSeconds), AreaSqFt: areaSqFt, QualificationBoundH: h(s.QualBound), CriticalPath: []string{}, Tasks: []taskJSON{}}
	if areaSqFt > 0 {
		out.PersonHoursPer1000 = round(float64(s.WorkSeconds)/3600*1000/float64(areaSqFt), 1)
	}
	for _, i := range s.CriticalPath {
		out.CriticalPath = append(out.CriticalPath, s.Tasks[i].ID)
	}
	out.StageBoundH = h(s.StageBound)
	for _, ph := range s.PhaseHours() {
		pj := phaseJSON{Phase: ph.Phase.ID, Name: ph.Phase.Name, SiteHours: round(ph.Site.InexactFloat64(), 2), BuildStationHours: round(ph.Prefab.InexactFloat64(), 2),
			OSELow: ph.Phase.HoursLow, OSEHigh: ph.Phase.HoursHigh}
		if areaSqFt > 0 {
			pj.Per1000SqFt = round(ph.Total().InexactFloat64()*1000/float64(areaSqFt), 1)
		}
		out.Phases = append(out.Phases, pj)
	}
	path := s.onPath()
	for _, i := range s.byStart() {
		t, sl := s.Tasks[i], s.Slots[i]
		deps := make([]string, len(t.Deps))
		for k, d := range t.Deps {
			deps[k] = s.Tasks[d].ID
		}
		out.Tasks = append(out.Tasks, taskJSON{t.ID, t.Name, t.Phase, t.Kind, t.Op, t.Qual, s.Crew.Members[sl.Member].ID,
			m(sl.Start), m(sl.End), m(t.Seconds), deps, path[i], t.House})
	}
	data, err := json.MarshalIndent(out, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("schedule json: %w", err)
	}
	return append(data, '\n'), nil
}

// phaseColours colours the Gantt bars by the first letter of the task's
// phase: "0" for module builds, "A" to "G" for OSE's build phases.
var phaseColours = map[string]string{
	"0": "#9e9e9e",
	"A": "#8d6e63",
	"B": "#4fc3f7",
	"C": "#ffb74d",
	"D": "#ba68c8",
	"E": "#e57373",
	"F": "#81c784",
	"G": "#fff176",
}

// phaseColour is the colour of a phase label ("B structural shell").
func phaseColour(phase string) string {
	if phase == "" {
		return "#cccccc"
	}
	if c, ok := phaseColours[phase[:1]]; ok {
		return c
	}
	return "#cccccc"
}

// Gantt draws the schedule as an SVG Gantt chart: one row per crew member,
// a bar per task coloured by phase and labelled with its id when wide
// enough, critical-path tasks outlined in black, an hour axis and a legend.
func (s *Schedule) Gantt(title string) []byte {
	all := make([]int, len(s.Tasks))
	for i := range all {
		all[i] = i
	}
	head := fmt.Sprintf("%s: makespan %s h, lower bound %s h, %s person-hours", title, hours(s.Makespan), hours(s.LowerBound), s.PersonHours().StringFixed(1))
	return s.gantt(head, all, 0, s.Makespan)
}

// GanttHouse draws the Gantt chart of one house's tasks, on the time axis
// from the house's first start to its last end (hours from the start of
// the whole build), titled with the house and its own span.
func (s *Schedule) GanttHouse(title, house string) []byte {
	var idx []int
	from, to, work := int64(-1), int64(0), int64(0)
	for i, t := range s.Tasks {
		if t.House != house {
			continue
		}
		idx = append(idx, i)
		work += t.Seconds
		sl := s.Slots[i]
		if from < 0 || sl.Start < from {
			from = sl.Start
		}
		to = max(to, sl.End)
	}
	from = max(from, 0)
	head := fmt.Sprintf("%s, %s: %d tasks from hour %s to hour %s of the build, %s person-hours", title, house, len(idx), hours(from), hours(to),
		decimal.NewFromInt(work).Div(decimal.NewFromInt(3600)).StringFixed(1))
	return s.gantt(head, idx, from/3600*3600, to) // the axis starts on a whole hour
}

// Houses lists the houses of the scheduled tasks, in task order; none for
// a design not grouped into houses.
func (s *Schedule) Houses() []string {
	var out []string
	seen := map[string]bool{}
	for _, t := range s.Tasks {
		if t.House != "" && !seen[t.House] {
			seen[t.House] = true
			out = append(out, t.House)
		}
	}
	return out
}

// gantt draws the tasks idx on the time axis [from, to] seconds under the
// headline.
func (s *Schedule) gantt(headline string, idx []int, from, to int64) []byte {
	const left, top, rowH, width = 170.0, 50.0, 22.0, 1100.0
	span := float64(max(to-from, 1))
	pxPerSec := width / span
	rows := len(s.Crew.Members)
	height := top + float64(rows)*rowH + 80
	var b bytes.Buffer
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" width="%.0f" height="%.0f" viewBox="0 0 %.0f %.0f" font-family="sans-serif" font-size="11">`+"\n",
		left+width+20, height, left+width+20, height)
	fmt.Fprintf(&b, `<rect width="100%%" height="100%%" fill="#ffffff"/>`+"\n")
	fmt.Fprintf(&b, `<text x="10" y="20" font-size="14">%s</text>`+"\n", html.EscapeString(headline))
	// hour grid
	stepH := 1
	for float64(stepH*3600)*pxPerSec < 40 {
		stepH *= 2
	}
	for h := 0; float64(h*3600) <= span; h += stepH {
		x := left + float64(h*3600)*pxPerSec
		fmt.Fprintf(&b, `<line x1="%.1f" y1="%.0f" x2="%.1f" y2="%.0f" stroke="#dddddd"/><text x="%.1f" y="%.0f" text-anchor="middle" fill="#555555">%dh</text>`+"\n",
			x, top-5, x, top+float64(rows)*rowH, x, top-10, h+int(from/3600))
	}
	for r, m := range s.Crew.Members {
		y := top + float64(r)*rowH
		fmt.Fprintf(&b, `<text x="5" y="%.1f">%s</text>`+"\n", y+rowH*0.7, html.EscapeString(m.ID))
	}
	path := s.onPath()
	for _, i := range idx {
		t, sl := s.Tasks[i], s.Slots[i]
		x := left + float64(sl.Start-from)*pxPerSec
		w := max(float64(sl.End-sl.Start)*pxPerSec, 0.5)
		y := top + float64(sl.Member)*rowH + 2
		stroke := `stroke="#ffffff" stroke-width="0.5"`
		if path[i] {
			stroke = `stroke="#000000" stroke-width="1.5"`
		}
		col := phaseColour(t.Phase)
		fmt.Fprintf(&b, `<g><title>%s %s (%s min, %s)</title><rect x="%.2f" y="%.1f" width="%.2f" height="%.1f" fill="%s" %s/>`,
			html.EscapeString(t.ID), html.EscapeString(t.Name), minutes(t.Seconds), html.EscapeString(t.Qual), x, y, w, rowH-4, col, stroke)
		if w > float64(len(t.ID))*6+4 {
			fmt.Fprintf(&b, `<text x="%.2f" y="%.1f" font-size="9">%s</text>`, x+2, y+rowH*0.55, html.EscapeString(t.ID))
		}
		b.WriteString("</g>\n")
	}
	// legend
	var phases []string
	seenPhase := map[string]bool{}
	for _, i := range idx {
		if p := s.Tasks[i].Phase; !seenPhase[p] {
			seenPhase[p] = true
			phases = append(phases, p)
		}
	}
	sort.Strings(phases)
	ly := top + float64(rows)*rowH + 30
	for k, p := range phases {
		x := 10 + float64(k%4)*300
		y := ly + float64(k/4)*18
		fmt.Fprintf(&b, `<rect x="%.0f" y="%.0f" width="12" height="12" fill="%s"/><text x="%.0f" y="%.0f">%s</text>`+"\n", x, y, phaseColour(p), x+16, y+10, html.EscapeString(p))
	}
	b.WriteString("</svg>\n")
	return b.Bytes()
}

// PlanDesign builds the design's task graph and schedules it on the crew.
func PlanDesign(d *designs.Design, cat *designs.Catalog, crew *designs.Crew) (*Schedule, error) {
	return PlanDesignScope(d, cat, crew, designs.ScopeFinished)
}

// PlanDesignScope is PlanDesign for a scope: designs.ScopeShell schedules
// the modules alone.
func PlanDesignScope(d *designs.Design, cat *designs.Catalog, crew *designs.Crew, scope string) (*Schedule, error) {
	tasks, err := FromDesignScope(d, cat, scope)
	if err != nil {
		return nil, err
	}
	s, err := Plan(tasks, crew)
	if s != nil {
		s.Phases = cat.Phases
	}
	return s, err
}

// Files renders schedule.csv, schedule.json, gantt.svg and
// schedule-summary.txt, and for a design grouped into houses one Gantt
// chart per house in gantt/ (see houseFiles) and schedule-houses.csv.
func (s *Schedule) Files(d *designs.Design, cat *designs.Catalog, hoursPerDay int) (map[string][]byte, error) {
	area := FloorArea(d, cat)
	j, err := s.JSON(d.Name, area)
	if err != nil {
		return nil, err
	}
	files := map[string][]byte{
		"schedule.csv":         s.CSV(),
		"schedule.json":        j,
		"gantt.svg":            s.Gantt(d.Name),
		"schedule-summary.txt": []byte(s.Summary(d.Name, area, hoursPerDay)),
	}
	for name, house := range s.houseFiles() {
		files[name] = s.GanttHouse(d.Name, house)
	}
	if h := s.HousesCSV(); h != nil {
		files["schedule-houses.csv"] = h
	}
	return files, nil
}

// houseFiles names one Gantt file per house, "gantt/house-1.svg" for
// "House 1": the house's designs.HouseSlug, a number added when two houses
// would share a file.
func (s *Schedule) houseFiles() map[string]string {
	out := map[string]string{}
	for _, h := range s.Houses() {
		slug := designs.HouseSlug(h)
		name := "gantt/" + slug + ".svg"
		for k := 2; out[name] != ""; k++ {
			name = "gantt/" + slug + "-" + strconv.Itoa(k) + ".svg"
		}
		out[name] = h
	}
	return out
}

// WritePackage schedules the design on the crew (the default 4-person crew
// when nil) and writes schedule.csv, schedule.json, gantt.svg and
// schedule-summary.txt into dir, each atomically. It returns the files
// written. (production/manufacturing/export composes the same files into the build
// package.)
func WritePackage(dir string, d *designs.Design, cat *designs.Catalog, crew *designs.Crew) ([]string, error) {
	if crew == nil {
		crews, err := designs.DefaultCrews(cat)
		if err != nil {
			return nil, err
		}
		crew = crews[designs.DefaultCrewID]
	}
	s, err := PlanDesign(d, cat, crew)
	if err != nil {
		return nil, err
	}
	files, err := s.Files(d, cat, 8)
	if err != nil {
		return nil, err
	}
	return jobs.WriteFiles(dir, files)
}
