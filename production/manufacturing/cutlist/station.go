package cutlist

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"sort"
	"strconv"
	"text/tabwriter"

	"github.com/opensourceecology/prodos/designs"
	"github.com/shopspring/decimal"
)

// Station is the cut list of one saw station.
type Station struct {
	Machine designs.Machine
	Bars    []*Bar
	Kerf    designs.Length
}

// Cuts is the number of saw cuts at the station.
func (s *Station) Cuts() int {
	n := 0
	for _, b := range s.Bars {
		n += b.Cuts(s.Kerf)
	}
	return n
}

// Seconds is the station's saw time: cuts times the machine's seconds per cut.
func (s *Station) Seconds() decimal.Decimal {
	return s.Machine.SecondsPerCut.Mul(decimal.NewFromInt(int64(s.Cuts())))
}

// Stations shares the plan's stock pieces among the shop's saw stations
// (machines whose process is a saw), longest job first to the least busy
// station, so the stations finish close together. It sets each bar's Station.
func Stations(p *Plan, shop *designs.Shop) ([]*Station, error) {
	var out []*Station
	for _, m := range shop.Machines {
		if isSaw(m.Process) {
			out = append(out, &Station{Machine: m, Kerf: p.Kerf})
		}
	}
	bars := p.Bars()
	if len(bars) == 0 {
		return out, nil
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("shop %s has no saw station for %d pieces of framing lumber", shop.ID, len(bars))
	}
	cuts := make([]int, len(bars))
	order := make([]int, len(bars))
	for i, b := range bars {
		cuts[i], order[i] = b.Cuts(p.Kerf), i
	}
	sort.SliceStable(order, func(i, j int) bool { return cuts[order[i]] > cuts[order[j]] })
	load := make([]decimal.Decimal, len(out))
	at := make([]int, len(bars))
	for _, i := range order {
		best := 0
		for k := range out {
			if load[k].LessThan(load[best]) {
				best = k
			}
		}
		at[i] = best
		load[best] = load[best].Add(out[best].Machine.SecondsPerCut.Mul(decimal.NewFromInt(int64(cuts[i]))))
	}
	// Within a station keep the plan's order (by profile, longest stock first).
	for i, b := range bars {
		out[at[i]].Bars = append(out[at[i]].Bars, b)
		b.Station = out[at[i]].Machine.ID
	}
	return out, nil
}

func isSaw(process string) bool {
	switch process {
	case "miter-saw", "chop-saw", "radial-arm-saw", "circular-saw", "saw":
		return true
	}
	return false
}

func inches(l designs.Length) string { return strconv.FormatFloat(l.InchesFloat(), 'f', -1, 64) }

// CSVHeader is the header of a station's cut list CSV.
var CSVHeader = []string{"station", "stock", "stock_sku", "stock_length_in", "cut", "piece", "module", "placement", "length", "length_in", "offcut_in"}

// CSV writes the station's cut list: one row per piece, in cutting order.
// The stock number counts stock pieces at the station from 1; the offcut is
// given on the last piece of each stock piece.
func (s *Station) CSV() []byte {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	_ = w.Write(CSVHeader)
	for i, bar := range s.Bars {
		for j, p := range bar.Pieces {
			off := ""
			if j == len(bar.Pieces)-1 {
				off = inches(bar.Offcut(s.Kerf))
			}
			_ = w.Write([]string{s.Machine.ID, strconv.Itoa(i + 1), bar.Stock.SKU, inches(bar.Stock.Length), strconv.Itoa(j + 1),
				p.Name, p.Module, strconv.Itoa(p.Placement + 1), p.Length.String(), inches(p.Length), off})
		}
	}
	w.Flush()
	return b.Bytes()
}

// Table writes the station's cut list as a printable text table: one line
// per stock piece with its cuts in order and the offcut.
func (s *Station) Table() []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "Cut list for %s (%s), kerf %s in: %d stock pieces, %d cuts, about %s min\n\n",
		s.Machine.ID, s.Machine.Name, s.Kerf, len(s.Bars), s.Cuts(), s.Seconds().Div(decimal.NewFromInt(60)).Ceil())
	tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "#\tstock\tcuts (in, in order)\toffcut\t")
	for i, bar := range s.Bars {
		cuts := ""
		for j, p := range bar.Pieces {
			if j > 0 {
				cuts += " | "
			}
			cuts += fmt.Sprintf("%s %s (%s #%d)", p.Length, p.Name, p.Module, p.Placement+1)
		}
		fmt.Fprintf(tw, "%d\t%s %s ft\t%s\t%s\t\n", i+1, bar.Stock.SKU, strconv.FormatFloat(float64(bar.Stock.Length)/float64(designs.Foot), 'f', -1, 64), cuts, bar.Offcut(s.Kerf))
	}
	tw.Flush()
	return b.Bytes()
}

// PurchaseCSV writes the stock to buy: sku, description, quantity, length.
func PurchaseCSV(p *Plan, cat *designs.Catalog) []byte {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	_ = w.Write([]string{"sku", "description", "qty", "stock_length_in", "unit_price", "total"})
	buy := p.Buy()
	for _, sku := range cat.MaterialSKUs() {
		n := buy[sku]
		if n == 0 {
			continue
		}
		m := cat.Materials[sku]
		_ = w.Write([]string{sku, m.Description, strconv.Itoa(n), inches(m.Length), m.Price.StringFixed(2), m.Price.Mul(decimal.NewFromInt(int64(n))).StringFixed(2)})
	}
	w.Flush()
	return b.Bytes()
}
