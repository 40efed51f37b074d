package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/opensourceecology/prodos/production/store"
)

func init() {
	register(&command{
		name:    "certify",
		usage:   "certify check ENTERPRISE PRODUCT [--format text|json] [--db FILE] [--commons-db FILE] [--ledger-db FILE] [--inspections-db FILE]",
		summary: "the OSE Certified check: yes, or no and what is missing (contributions, machine criteria, inspections)",
		run:     runCertify,
	})
}

func runCertify(e *env, args []string) int {
	if len(args) == 0 || args[0] != "check" {
		fmt.Fprintf(e.stderr, "usage: prodos %s\n", commands["certify"].usage)
		return exitUsage
	}
	fs := newFlags(e, "certify")
	sf := newStoreFlags(fs)
	format := fs.String("format", "text", "output format: text or json")
	pos, ok := cliArgs(e, fs, args[1:], cliSpec{n: 2, format: format, formats: []string{"text", "json"}})
	if !ok {
		return exitUsage
	}
	o, code := openStore(e, sf)
	if o == nil {
		return code
	}
	defer o.close()
	ctx := context.Background()
	ent, err := o.svc.Store.Get(ctx, pos[0])
	if err != nil {
		return storeExit(e, err)
	}
	hash, err := store.Resolve(ent, pos[1])
	if err != nil {
		return storeExit(e, err)
	}
	c, _, err := o.svc.Certify(ctx, ent, hash)
	if err != nil {
		return storeExit(e, err)
	}
	if *format == "json" {
		b, _ := json.MarshalIndent(c, "", "  ")
		fmt.Fprintln(e.stdout, string(b))
	} else {
		writeCertification(e.stdout, c)
	}
	if !c.Certified {
		return exitProblems
	}
	return exitOK
}

func writeCertification(w io.Writer, c store.Certification) {
	if c.Certified {
		fmt.Fprintf(w, "OSE Certified: yes (%s, design %s)\n", c.Enterprise, c.Design)
	} else {
		fmt.Fprintf(w, "OSE Certified: no (%s, design %s)\nmissing:\n", c.Enterprise, c.Design)
		for _, m := range c.Missing {
			fmt.Fprintf(w, "  - %s\n", m)
		}
	}
	if len(c.Evidence) > 0 {
		fmt.Fprintln(w, "evidence:")
		for _, ev := range c.Evidence {
			fmt.Fprintf(w, "  - %s\n", ev)
		}
	}
}

func runEnterpriseShow(e *env, args []string) int {
	fs := newFlags(e, "enterprise")
	sf := newStoreFlags(fs)
	format := fs.String("format", "text", "output format: text or json")
	pos, ok := cliArgs(e, fs, args, cliSpec{n: 1, format: format, formats: []string{"text", "json"}})
	if !ok {
		return exitUsage
	}
	o, code := openStore(e, sf)
	if o == nil {
		return code
	}
	defer o.close()
	ctx := context.Background()
	ent, err := o.svc.Store.Get(ctx, pos[0])
	if err != nil {
		return storeExit(e, err)
	}
	ps, err := o.svc.Products(ctx, ent)
	if err != nil {
		return storeExit(e, err)
	}
	if *format == "json" {
		out := enterpriseJSON{Enterprise: ent, Products: []productJSON{}}
		for _, p := range ps {
			out.Products = append(out.Products, productJSON{Listing: p.Listing, Name: p.Version.Name, Quote: p.Quote, Certification: p.Certification})
		}
		b, _ := json.MarshalIndent(out, "", "  ")
		fmt.Fprintln(e.stdout, string(b))
		return exitOK
	}
	writeEnterprise(e.stdout, ent, ps)
	return exitOK
}

func writeEnterprise(w io.Writer, ent store.Enterprise, ps []store.Product) {
	s := ent.Site
	sups := strings.Join(s.Suppliers, ", ")
	if sups == "" {
		sups = "every known supplier"
	}
	fmt.Fprintf(w, "%s (%s)\n  location: %s\n  shop: %s; crew: %s; suppliers: %s\n  labour rate: %s/h; overhead %s; margin %s\n",
		s.Name, ent.ID, s.Location, s.Shop, s.Crew, sups, s.LabourRate.StringFixed(2), s.Overhead, s.Margin)
	fmt.Fprintln(w, "members:")
	for _, m := range ent.Members {
		fmt.Fprintf(w, "  %s (%s)\n", m.Profile, m.Role)
	}
	for _, p := range ps {
		mark := "not OSE Certified"
		if p.Certification.Certified {
			mark = "OSE Certified"
		}
		fmt.Fprintf(w, "\n%s  %s  levels %v  [%s]\n", p.Listing.ID, p.Version.Name, p.Listing.Levels, mark)
		for _, o := range p.Quote.Offers {
			if !p.Listing.Offers(o.Level) {
				continue
			}
			fmt.Fprintf(w, "  level %d, %s: %s\n", o.Level, o.Title, o.Total.StringFixed(2))
			for _, l := range o.Lines {
				name := l.Name
				if l.Estimate {
					name += " (estimate)"
				}
				fmt.Fprintf(w, "    %-50s %12s  %s\n", name, l.Amount.StringFixed(2), l.Basis)
			}
		}
		c := p.Quote.Carbon
		fmt.Fprintf(w, "  embodied carbon: %s kg CO2e (ICE v3.0, estimate; not counted: %s)\n", c.KgCO2e.StringFixed(1), strings.Join(c.NotCounted, ", "))
	}
}
