package jobs

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/opensourceecology/prodos/designs"
	"github.com/opensourceecology/prodos/production/manufacturing/cutlist"
	"github.com/opensourceecology/prodos/production/manufacturing/nesting"
	"github.com/shopspring/decimal"
)

// Summary is the printable summary of a plan: sheets against their lower
// bound and utilisation, lumber against its lower bound, machine time.
func (p *Plan) Summary() string {
	var b bytes.Buffer
	l := p.Layout
	fmt.Fprintf(&b, "Machine jobs for %q in shop %s (%s)\n", p.Design, p.Shop.ID, p.Shop.Name)
	if p.Router != nil {
		fmt.Fprintf(&b, "Sheet kerf %s in (shop kerf %s in; the %s in router bit cuts each part on its own outline)\n", l.Kerf, p.Shop.Kerf, p.Router.ToolDiameter)
	}
	tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "sheets\tparts\tsheets used\tlower bound\tratio\tkerf-aware bound\tutilisation\t")
	for _, g := range l.Groups {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%.3f\t%d\t%.1f%%\t\n", g.SKU, g.Parts, len(g.Sheets), g.LowerBound, ratio(len(g.Sheets), g.LowerBound), g.KerfBound, 100*g.Utilisation())
	}
	fmt.Fprintf(tw, "total\t\t%d\t%d\t%.3f\t%d\t%.1f%%\t\n", l.SheetCount(), l.LowerBound(), ratio(l.SheetCount(), l.LowerBound()), l.KerfBound(), 100*l.Utilisation())
	tw.Flush()
	fmt.Fprintf(&b, "Lower bound: total part area over sheet area, rounded up, per material. Kerf-aware bound: parts grown by the kerf, sizes mapped by dual feasible functions (Fekete-Schepers); no layout can use fewer sheets.\n")
	fmt.Fprintf(&b, "Sheets used vs lower bound + 1: %d <= %d: %s\n", l.SheetCount(), l.LowerBound()+1, okText(l.SheetCount() <= l.LowerBound()+1))
	if l.SheetCount() > l.LowerBound()+1 {
		fmt.Fprintf(&b, "Sheets used vs kerf-aware bound + 1: %d <= %d: %s", l.SheetCount(), l.KerfBound()+1, okText(l.SheetCount() <= l.KerfBound()+1))
		if l.SheetCount() == l.KerfBound() {
			b.WriteString(" (optimal: no layout uses fewer sheets; with this kerf the area bound cannot be reached)")
		}
		b.WriteString("\n")
	}
	b.WriteString("\n")
	tw = tabwriter.NewWriter(&b, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "lumber\tpieces\tstock pieces\tstock ft\tlower bound ft\tLP bound ft\tcost $\tcost bound $\tcost ratio\t")
	for _, g := range p.Cuts.Groups {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%s\t%s\t%s\t%s\t%s\t%.4f\t\n", g.Profile, g.Pieces, len(g.Bars), feet(g.StockLength()), feet(g.LowerBound), feet(g.LPBound),
			g.Cost().StringFixed(2), g.CostBound.StringFixed(2), ratioDec(g.Cost(), g.CostBound))
	}
	fmt.Fprintf(tw, "total\t\t%d\t%s\t%s\t%s\t%s\t%s\t%.4f\t\n", len(p.Cuts.Bars()), feet(p.Cuts.StockLength()), feet(p.Cuts.LowerBound()), feet(p.Cuts.LPBound()),
		p.Cuts.Cost().StringFixed(2), p.Cuts.CostBound().StringFixed(2), p.Cuts.CostRatio())
	tw.Flush()
	fmt.Fprintf(&b, "Cost: the catalog price of the boards bought (the purchase orders buy exactly these boards). Cost bound: the cutting-stock linear relaxation (Gilmore-Gomory) with the kerf, priced in money; no plan costs less. Lower bound ft: total length of the pieces; LP bound ft: the same relaxation priced in length.\n")
	fmt.Fprintf(&b, "Lumber cost vs LP cost bound: $%s vs $%s, %.2f%% over (target 1%%): %s; stock length vs length lower bound: %.1f%% over (shorter stock costs less per foot, so the cheapest plan is not the shortest)\n",
		p.Cuts.Cost().StringFixed(2), p.Cuts.CostBound().StringFixed(2), 100*(p.Cuts.CostRatio()-1), okText(p.Cuts.CostRatio() <= 1.01), 100*(p.Cuts.Ratio()-1))
	b.WriteString("\nStock to buy:")
	buy := p.Buy()
	skus := make([]string, 0, len(buy))
	for s := range buy {
		skus = append(skus, s)
	}
	sort.Strings(skus)
	for _, s := range skus {
		fmt.Fprintf(&b, " %s x%d", s, buy[s])
	}
	b.WriteString("\n\nMachine queues:\n")
	for _, q := range p.Queues {
		fmt.Fprintf(&b, "  %-6s %-28s %3d job(s) %7s min", q.Machine.ID, q.Machine.Name, len(q.Jobs), q.Minutes().StringFixed(1))
		if len(q.Jobs) > 0 {
			fmt.Fprintf(&b, "  (%d shop day(s) of %d h)", q.ShopDays(p.Shop.HoursPerDay), p.Shop.HoursPerDay)
		}
		b.WriteString("\n")
	}
	if len(p.Jobs) > 0 {
		b.WriteString("\nJobs:\n")
		tw = tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "  job\tmachine\tprogram\tminutes\tqualification\toperator\tday\t")
		for _, q := range p.Queues {
			for _, j := range q.Jobs {
				op := j.Operator
				if op == "" {
					op = "-"
				}
				fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\t%s\t%s\t%d\t\n", j.ID, j.Machine, j.Program, j.Minutes.StringFixed(1), j.Qualification, op, j.Day)
			}
		}
		tw.Flush()
	}
	if p.Crew != nil {
		fmt.Fprintf(&b, "\n%s\n", p.Crew.BasisNote())
	}
	return b.String()
}

func okText(ok bool) string {
	if ok {
		return "met"
	}
	return "NOT met"
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}

func ratioDec(a, b decimal.Decimal) float64 {
	if b.IsZero() {
		return 1
	}
	return a.Div(b).InexactFloat64()
}

func feet(l designs.Length) string {
	return strconv.FormatFloat(float64(l)/float64(designs.Foot), 'f', 1, 64)
}

// JobsCSV writes the job list: one row per job with its queue times.
func (p *Plan) JobsCSV() []byte {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	_ = w.Write([]string{"id", "machine", "process", "material", "program", "minutes", "qualification", "operator", "day", "start_minute", "end_minute"})
	for _, q := range p.Queues {
		for _, j := range q.Jobs {
			_ = w.Write([]string{j.ID, j.Machine, j.Process, j.Material, j.Program, j.Minutes.String(), j.Qualification, j.Operator,
				strconv.Itoa(j.Day), j.Start.String(), j.End.String()})
		}
	}
	w.Flush()
	return b.Bytes()
}

type queueJSON struct {
	Machine string `json:"machine"`
	Name    string `json:"name"`
	Process string `json:"process"`
	Minutes string `json:"minutes"`
	Jobs    []*Job `json:"jobs"`
}

// QueuesJSON writes the queue of every machine as JSON.
func (p *Plan) QueuesJSON() ([]byte, error) {
	out := struct {
		Design      string `json:"design"`
		Shop        string `json:"shop"`
		HoursPerDay int    `json:"hours_per_day"`
		// Crew and CrewQualifications (claimed or verified) are the
		// crew the operators come from.
		Crew               string      `json:"crew,omitempty"`
		CrewQualifications string      `json:"crew_qualifications,omitempty"`
		Queues             []queueJSON `json:"queues"`
	}{Design: p.Design, Shop: p.Shop.ID, HoursPerDay: p.Shop.HoursPerDay}
	if p.Crew != nil {
		out.Crew, out.CrewQualifications = p.Crew.ID, p.Crew.Basis()
	}
	for _, q := range p.Queues {
		jobs := q.Jobs
		if jobs == nil {
			jobs = []*Job{}
		}
		out.Queues = append(out.Queues, queueJSON{q.Machine.ID, q.Machine.Name, q.Machine.Process, q.Minutes().StringFixed(1), jobs})
	}
	data, err := json.MarshalIndent(out, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("queues: %w", err)
	}
	return append(data, '\n'), nil
}

// Files renders every output of the plan, keyed by path relative to the
// package folder: nesting/<sheet>.svg and .dxf, gcode/<sheet>.nc (each DXF
// and G-code file names the design and its hash in its header),
// cutlists/<station>.csv and .txt, cutlists/purchase.csv, jobs.csv,
// queues.json and jobs-summary.txt.
func (p *Plan) Files(cat *designs.Catalog) (map[string][]byte, error) {
	out := map[string][]byte{}
	var bit designs.Length
	if p.Router != nil {
		bit = p.Router.ToolDiameter
	}
	header := []string{"design " + p.Design, "design sha256 " + p.DesignSHA256}
	for _, s := range p.Layout.Sheets() {
		out["nesting/"+s.Name()+".svg"] = nesting.SVG(s)
		out["nesting/"+s.Name()+".dxf"] = nesting.DXFComments(nesting.DXF(s, bit), header...)
		if prog := p.Programs[s.Name()]; prog != nil {
			out["gcode/"+s.Name()+".nc"] = nesting.GCodeComments(prog.Code, header...)
		}
	}
	for _, st := range p.Stations {
		out["cutlists/"+st.Machine.ID+".csv"] = st.CSV()
		out["cutlists/"+st.Machine.ID+".txt"] = st.Table()
	}
	out["cutlists/purchase.csv"] = cutlist.PurchaseCSV(p.Cuts, cat)
	out["jobs.csv"] = p.JobsCSV()
	q, err := p.QueuesJSON()
	if err != nil {
		return nil, err
	}
	out["queues.json"] = q
	out["jobs-summary.txt"] = []byte(p.Summary())
	return out, nil
}

// WriteFiles writes rendered files under dir, each atomically (temp file and
// rename), and returns their paths sorted.
func WriteFiles(dir string, files map[string][]byte) ([]string, error) {
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	var out []string
	for _, n := range names {
		path := filepath.Join(dir, filepath.FromSlash(n))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return out, fmt.Errorf("write %s: %w", path, err)
		}
		if err := designs.WriteFileAtomic(path, files[n]); err != nil {
			return out, fmt.Errorf("write %s: %w", path, err)
		}
		out = append(out, path)
	}
	return out, nil
}

// WritePackage builds the design's machine jobs in the shop, assigns them to
// the default crew, and writes every output (see Plan.Files) into dir. It
// returns the files written. (A build package gets the same files from
// production/manufacturing/export, which composes them with the rest.)
func WritePackage(dir string, d *designs.Design, cat *designs.Catalog, shop *designs.Shop) ([]string, error) {
	p, err := Build(d, cat, shop)
	if err != nil {
		return nil, err
	}
	crews, err := designs.DefaultCrews(cat)
	if err != nil {
		return nil, err
	}
	if err := p.AssignCrew(crews[designs.DefaultCrewID]); err != nil {
		return nil, err
	}
	files, err := p.Files(cat)
	if err != nil {
		return nil, err
	}
	return WriteFiles(dir, files)
}

// materialList joins SKUs for a job's material column.
func materialList(skus []string) string { return strings.Join(skus, " ") }
