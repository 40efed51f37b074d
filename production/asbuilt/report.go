package asbuilt

import (
	"fmt"
	"html"
	"io"
	"sort"
	"strings"
	"text/tabwriter"

	"github.com/shopspring/decimal"
)

// Line is plan against actual for one task, phase or module.
type Line struct {
	Key     string          `json:"key"`  // task id, phase name or module id
	Name    string          `json:"name"` // task name; "" for phases and modules
	Plan    decimal.Decimal `json:"plan_minutes"`
	Actual  decimal.Decimal `json:"actual_minutes"`
	Diff    decimal.Decimal `json:"diff_minutes"` // actual minus plan
	Records int             `json:"records"`
}

// DiffPct is the difference as a share of the plan, in percent (one
// decimal); zero when nothing was planned.
func (l Line) DiffPct() decimal.Decimal {
	if l.Plan.IsZero() {
		return decimal.Zero
	}
	return l.Diff.Mul(decimal.NewFromInt(100)).Div(l.Plan).Round(1)
}

// Report is plan against actual for one house.
type Report struct {
	House   string `json:"house"`
	Tasks   []Line `json:"tasks"`
	Phases  []Line `json:"phases"`
	Modules []Line `json:"modules"`
	Total   Line   `json:"total"`
}

// BuildReport sums a house's records per task (a task recorded in several
// records counts its plan once), phase and module, each list with the
// largest differences (by size) first.
func BuildReport(house string, recs []Record) *Report {
	rep := &Report{House: house, Total: Line{Key: "total"}}
	tasks := map[string]*Line{}
	phases := map[string]*Line{}
	modules := map[string]*Line{}
	add := func(m map[string]*Line, key, name string, plan, actual decimal.Decimal) {
		l := m[key]
		if l == nil {
			l = &Line{Key: key, Name: name}
			m[key] = l
		}
		l.Plan = l.Plan.Add(plan)
		l.Actual = l.Actual.Add(actual)
		l.Records++
	}
	for _, r := range recs {
		plan := r.PlanMinutes
		if tasks[r.Task] != nil {
			plan = decimal.Zero // the task's plan is counted once
		}
		add(tasks, r.Task, r.TaskName, plan, r.ActualMinutes)
		add(phases, r.Phase, "", plan, r.ActualMinutes)
		add(modules, r.Module, "", plan, r.ActualMinutes)
		rep.Total.Plan = rep.Total.Plan.Add(plan)
		rep.Total.Actual = rep.Total.Actual.Add(r.ActualMinutes)
		rep.Total.Records++
	}
	rep.Total.Diff = rep.Total.Actual.Sub(rep.Total.Plan)
	rep.Tasks, rep.Phases, rep.Modules = sorted(tasks), sorted(phases), sorted(modules)
	return rep
}

// sorted lists the lines, largest difference by size first, then by key.
func sorted(m map[string]*Line) []Line {
	out := make([]Line, 0, len(m))
	for _, l := range m {
		l.Diff = l.Actual.Sub(l.Plan)
		out = append(out, *l)
	}
	sort.Slice(out, func(i, j int) bool {
		if c := out[i].Diff.Abs().Cmp(out[j].Diff.Abs()); c != 0 {
			return c > 0
		}
		return out[i].Key < out[j].Key
	})
	return out
}

// WriteTable writes the report as three aligned tables (tasks, phases,
// modules) and the total.
func (rep *Report) WriteTable(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "as built: house %s, %d records\n", rep.House, rep.Total.Records)
	for _, sec := range []struct {
		title string
		lines []Line
	}{{"TASK", rep.Tasks}, {"PHASE", rep.Phases}, {"MODULE", rep.Modules}} {
		fmt.Fprintf(tw, "\n%s\tPLAN MIN\tACTUAL MIN\tDIFF MIN\tDIFF %%\tRECORDS\n", sec.title)
		for _, l := range sec.lines {
			key := l.Key
			if l.Name != "" {
				key += " " + l.Name
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%d\n", key, l.Plan.StringFixed(1), l.Actual.StringFixed(1), signed(l.Diff), signed(l.DiffPct()), l.Records)
		}
	}
	t := rep.Total
	fmt.Fprintf(tw, "\nTOTAL\t%s\t%s\t%s\t%s\t%d\n", t.Plan.StringFixed(1), t.Actual.StringFixed(1), signed(t.Diff), signed(t.DiffPct()), t.Records)
	return tw.Flush()
}

func signed(d decimal.Decimal) string {
	if d.Sign() > 0 {
		return "+" + d.StringFixed(1)
	}
	return d.StringFixed(1)
}

// WriteSVG draws plan against actual per task as horizontal bars, largest
// difference first: a grey bar for the plan, a bar for the actual (red
// over the plan, green under it), and the difference in minutes.
func (rep *Report) WriteSVG(w io.Writer) error {
	const rowH, left, barW, top = 22, 240, 480, 40
	var most decimal.Decimal
	for _, l := range rep.Tasks {
		most = decimal.Max(most, l.Plan, l.Actual)
	}
	if most.IsZero() {
		most = decimal.NewFromInt(1)
	}
	width := func(v decimal.Decimal) string {
		return v.Mul(decimal.NewFromInt(barW)).Div(most).StringFixed(1)
	}
	h := top + rowH*len(rep.Tasks) + 30
	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" font-family="sans-serif" font-size="12">`+"\n", left+barW+120, h, left+barW+120, h)
	fmt.Fprintf(&b, `<text x="8" y="20" font-size="15">House %s: plan against actual, minutes per task (largest difference first)</text>`+"\n", html.EscapeString(rep.House))
	for i, l := range rep.Tasks {
		y := top + i*rowH
		colour := "#2e7d32"
		if l.Diff.Sign() > 0 {
			colour = "#c62828"
		}
		label := l.Key
		if l.Name != "" {
			label += " " + l.Name
		}
		fmt.Fprintf(&b, `<text x="8" y="%d">%s</text>`+"\n", y+14, html.EscapeString(clip(label, 36)))
		fmt.Fprintf(&b, `<rect x="%d" y="%d" width="%s" height="8" fill="#9e9e9e"><title>plan %s min</title></rect>`+"\n", left, y+2, width(l.Plan), l.Plan.StringFixed(1))
		fmt.Fprintf(&b, `<rect x="%d" y="%d" width="%s" height="8" fill="%s"><title>actual %s min</title></rect>`+"\n", left, y+11, width(l.Actual), colour, l.Actual.StringFixed(1))
		fmt.Fprintf(&b, `<text x="%d" y="%d">%s</text>`+"\n", left+barW+8, y+16, signed(l.Diff))
	}
	fmt.Fprintf(&b, `<text x="8" y="%d">grey: plan; green: under plan; red: over plan. Total plan %s min, actual %s min (%s).</text>`+"\n",
		h-10, rep.Total.Plan.StringFixed(1), rep.Total.Actual.StringFixed(1), signed(rep.Total.Diff))
	b.WriteString("</svg>\n")
	_, err := io.WriteString(w, b.String())
	return err
}

func clip(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}
