//go:build !js

package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/opensourceecology/prodos/designs"
	"github.com/opensourceecology/prodos/production/asbuilt"
)

func init() {
	register(&command{
		name:    "calibrate",
		usage:   "calibrate HOUSE... --out OVERLAY.toml [--db FILE] [--format table|json]",
		summary: "propose labour minutes and waste per module from as-built records (median, spread, records) as a site overlay file",
		run:     runCalibrate,
	})
}

func runCalibrate(e *env, args []string) int {
	fs := newFlags(e, "calibrate")
	db := fs.String("db", defaultAsBuiltDB(), "as-built database (SQLite)")
	out := fs.String("out", "", "write the proposed site overlay (TOML) to this file; load it with prodos --overlay FILE COMMAND")
	format := fs.String("format", "table", "output format: table or json")
	houses, ok := cliArgs(e, fs, args, cliSpec{args: func(pos []string) bool { return len(pos) > 0 && *out != "" },
		format: format, formats: []string{"table", "json"}, check: func() bool { return prodTargetOK(e, "out", *out, false) }})
	if !ok {
		return exitUsage
	}
	cat, ok := loadCatalog(e)
	if !ok {
		return exitUsage
	}
	st, ok := openAsBuilt(e, *db)
	if !ok {
		return exitUsage
	}
	defer st.Close()
	var recs []asbuilt.Record
	for _, h := range houses {
		list, err := st.House(context.Background(), h)
		if err != nil {
			fmt.Fprintf(e.stderr, "prodos: %v\n", err)
			return exitProblems
		}
		recs = append(recs, list...)
	}
	c, err := asbuilt.Calibrate(cat, recs)
	if err != nil {
		fmt.Fprintf(e.stderr, "prodos: %v\n", err)
		return exitProblems
	}
	var b bytes.Buffer
	header := []string{"Site overlay proposed by prodos calibrate from " + fmt.Sprint(len(recs)) + " as-built records of " + strings.Join(c.Houses, ", ") + ".",
		"Each figure is the median of its records; *_spread is the lowest and highest, *_records how many.",
		"Nothing changes until a command loads it: prodos --overlay FILE COMMAND (or PRODOS_OVERLAY=FILE)."}
	if err := c.Overlay().WriteTOML(&b, header); err == nil {
		err = designs.WriteFileAtomic(*out, b.Bytes())
	}
	if err != nil {
		fmt.Fprintf(e.stderr, "prodos: --out: %v\n", err)
		return exitProblems
	}
	if *format == "json" {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		err = enc.Encode(c)
	} else {
		err = writeCalibration(e, c)
		fmt.Fprintf(e.stdout, "site overlay written to %s; the defaults are unchanged until a command loads it with prodos --overlay %s\n", *out, *out)
	}
	if err != nil {
		fmt.Fprintf(e.stderr, "prodos: %v\n", err)
		return exitProblems
	}
	return exitOK
}

// writeCalibration prints the proposals: per module and figure, the
// default, the median, the spread and the number of records.
func writeCalibration(e *env, c *asbuilt.Calibration) error {
	tw := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "calibration from houses %s\n\n", strings.Join(c.Houses, ", "))
	fmt.Fprintln(tw, "MODULE\tFIGURE\tDEFAULT\tPROPOSED (MEDIAN)\tSPREAD\tRECORDS")
	for _, p := range c.Proposals {
		for _, f := range []struct {
			name string
			fig  *asbuilt.Figure
		}{{"build minutes", p.Build}, {"install minutes", p.Install}, {"waste", p.Waste}} {
			if f.fig == nil {
				continue
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s to %s\t%d\n", p.Module, f.name, f.fig.Default, f.fig.Median, f.fig.Low, f.fig.High, f.fig.Records)
		}
	}
	return tw.Flush()
}
