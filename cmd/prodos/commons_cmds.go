package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"strings"
	"text/tabwriter"

	"github.com/opensourceecology/prodos/designs"
	"github.com/opensourceecology/prodos/production/commons"
	"github.com/opensourceecology/prodos/production/commons/web"
)

// commonsFlags are the flags every commons subcommand has.
type commonsFlags struct {
	server, db, format *string
}

func newCommonsFlags(e *env, sub string) (*flag.FlagSet, commonsFlags) {
	fs := newFlags(e, "commons")
	fs.Usage = func() {
		fmt.Fprintf(e.stderr, "usage: prodos commons %s\n", sub)
		fs.PrintDefaults()
	}
	return fs, commonsFlags{
		server: fs.String("server", "", "the commons of a prodos serve at this URL (publishing needs $"+tokenEnv+")"),
		db:     fs.String("db", "", "a local commons file (default: $PRODOS_COMMONS_DB, else commons.db in the user's data directory)"),
		format: fs.String("format", "table", "output format: table or json"),
	}
}

func (cf commonsFlags) open(e *env) (*commonsClient, bool) { return commonsOpen(e, *cf.server, *cf.db) }

func printJSON(e *env, v any) int {
	enc := json.NewEncoder(e.stdout)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return exitProblems
	}
	return exitOK
}

func commonsPublish(e *env, args []string) int {
	fs, cf := newCommonsFlags(e, "publish DESIGN --as PROFILE [--server URL | --db FILE] [--format table|json]")
	as := fs.String("as", "", "the profile publishing (the author); a build-ready version needs its Designer qualification")
	pos, ok := cliArgs(e, fs, args, cliSpec{n: 1, format: cf.format, formats: []string{"table", "json"}})
	if !ok {
		return exitUsage
	}
	if *as == "" {
		fmt.Fprintln(e.stderr, "prodos commons publish: --as PROFILE is required (the author of the version)")
		return exitUsage
	}
	data, err := readFileLimit(pos[0], commons.MaxUpload)
	if err != nil {
		fmt.Fprintf(e.stderr, "prodos commons publish: %v\n", err)
		return exitUsage
	}
	c, ok := cf.open(e)
	if !ok {
		return exitUsage
	}
	defer c.close()
	var res web.PublishJSON
	if _, err := c.call(http.MethodPost, "/api/commons/designs", url.Values{"as": {*as}, "file": {pos[0]}}, data, &res); err != nil {
		return commonsFail(e, err)
	}
	if *cf.format == "json" {
		return printJSON(e, res)
	}
	v := res.Version
	verb := "published"
	if !res.Created {
		verb = "already published"
	}
	fmt.Fprintf(e.stdout, "%s: %s %s\n  %s by %s, %s, %s\n", pos[0], verb, v.Hash, v.Name, v.Author, v.Licence, statusText(v.Status))
	for _, p := range v.Problems {
		fmt.Fprintf(e.stdout, "  draft because %s\n", p)
	}
	return exitOK
}

// statusText is a status as the commons shows it: drafts in capitals.
func statusText(s string) string {
	if s == commons.StatusDraft {
		return "DRAFT (not for construction)"
	}
	return s
}

func commonsSearch(e *env, args []string) int {
	fs, cf := newCommonsFlags(e, "search [filters] [--server URL | --db FILE] [--format table|json]")
	vals := map[string]*string{}
	for _, k := range commons.FilterKeys {
		vals[k] = fs.String(strings.ReplaceAll(k, "_", "-"), "", "filter "+k+" (see docs/commons.md)")
	}
	if _, ok := cliArgs(e, fs, args, cliSpec{n: 0, format: cf.format, formats: []string{"table", "json"}}); !ok {
		return exitUsage
	}
	q := url.Values{}
	for k, v := range vals {
		if *v != "" {
			q.Set(k, *v)
		}
	}
	if _, err := commons.ParseFilter(q); err != nil {
		fmt.Fprintf(e.stderr, "prodos commons search: %v\n", err)
		return exitUsage
	}
	c, ok := cf.open(e)
	if !ok {
		return exitUsage
	}
	defer c.close()
	var res web.SearchJSON
	if _, err := c.call(http.MethodGet, "/api/commons/designs", q, nil, &res); err != nil {
		return commonsFail(e, err)
	}
	if *cf.format == "json" {
		return printJSON(e, res)
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "hash\tstatus\tsq ft\tbeds\tcost\t$/sq ft\tlicense\tauthor\tname")
	for _, v := range res.Designs {
		st := v.Status
		if st == commons.StatusDraft {
			st = "DRAFT"
		}
		fmt.Fprintf(tw, "%s\t%s\t%d\t%d\t%s\t%s\t%s\t%s\t%s\n", v.Hash, st, v.FloorArea, v.Bedrooms,
			v.Cost.StringFixed(2), v.CostPerSqFt.StringFixed(2), v.Licence, v.Author, v.Name)
	}
	tw.Flush()
	fmt.Fprintf(e.stdout, "%d design(s)\n", len(res.Designs))
	return exitOK
}

// hashArg checks a version id argument.
func hashArg(e *env, s string) bool {
	if commons.IsHash(s) {
		return true
	}
	fmt.Fprintf(e.stderr, "prodos commons: %q is not a version id (the 64 hex digits of its SHA-256)\n", s)
	return false
}

func commonsShow(e *env, args []string) int {
	fs, cf := newCommonsFlags(e, "show HASH [--server URL | --db FILE] [--format table|json]")
	pos, ok := cliArgs(e, fs, args, cliSpec{n: 1, format: cf.format, formats: []string{"table", "json"}})
	if !ok || !hashArg(e, pos[0]) {
		return exitUsage
	}
	c, ok := cf.open(e)
	if !ok {
		return exitUsage
	}
	defer c.close()
	var d commons.Detail
	if _, err := c.call(http.MethodGet, "/api/commons/designs/"+pos[0], nil, nil, &d); err != nil {
		return commonsFail(e, err)
	}
	if *cf.format == "json" {
		return printJSON(e, d)
	}
	printDetail(e, &d)
	return exitOK
}

func printDetail(e *env, d *commons.Detail) {
	v := d.Version
	fmt.Fprintf(e.stdout, "%s\n  %s\n  version %s\n  by %s, published %s, license %s\n", v.Name, statusText(v.Status), v.Hash, v.Author, v.Published.Format("2006-01-02"), v.Licence)
	for _, p := range v.Problems {
		fmt.Fprintf(e.stdout, "  draft because %s\n", p)
	}
	fmt.Fprintf(e.stdout, "  %d sq ft, %d bedroom(s) (estimated), %d modules\n", v.FloorArea, v.Bedrooms, v.Modules)
	fmt.Fprintf(e.stdout, "  cost $%s (materials %s, labor %s, machine %s), $%s per sq ft\n", d.Cost.Total, d.Cost.Materials, d.Cost.Labor, d.Cost.Machine, v.CostPerSqFt.StringFixed(2))
	fmt.Fprintf(e.stdout, "  labor %s h (build %s h in the shop, install %s h on site)\n", d.Labor.Total, d.Labor.Build, d.Labor.Install)
	fmt.Fprintf(e.stdout, "  bill of materials: %d lines, $%s\n", d.BOM.Lines, d.BOM.Total)
	fmt.Fprintln(e.stdout, "remix tree:")
	depth := len(d.Lineage.Ancestors)
	for i := depth - 1; i >= 0; i-- {
		a := d.Lineage.Ancestors[i]
		fmt.Fprintf(e.stdout, "%s%s %s (%s, %s)\n", strings.Repeat("  ", depth-1-i+1), a.Hash, a.Name, a.Author, a.Status)
	}
	fmt.Fprintf(e.stdout, "%s%s %s (%s, %s)  <- this version\n", strings.Repeat("  ", depth+1), v.Hash, v.Name, v.Author, v.Status)
	var walk func(ns []*commons.Node, level int)
	walk = func(ns []*commons.Node, level int) {
		for _, n := range ns {
			fmt.Fprintf(e.stdout, "%s%s %s (%s, %s)\n", strings.Repeat("  ", level), n.Version.Hash, n.Version.Name, n.Version.Author, n.Version.Status)
			walk(n.Children, level+1)
		}
	}
	walk(d.Lineage.Children, depth+2)
}

// download fetches a version's design file and checks it against its hash.
func download(e *env, c *commonsClient, hash string) ([]byte, int) {
	data, err := c.call(http.MethodGet, "/commons/"+hash+"/design.toml", nil, nil, nil)
	if err != nil {
		return nil, commonsFail(e, err)
	}
	if got := commons.Hash(data); got != hash {
		fmt.Fprintf(e.stderr, "prodos commons: the download of %s has SHA-256 %s: it was altered on the way or in storage; nothing written\n", hash, got)
		return nil, exitProblems
	}
	return data, exitOK
}

func commonsGet(e *env, args []string) int {
	fs, cf := newCommonsFlags(e, "get HASH [--out FILE] [--server URL | --db FILE]")
	out := fs.String("out", "", "write the design file here (default: standard output)")
	pos, ok := cliArgs(e, fs, args, cliSpec{n: 1, check: func() bool { return prodTargetOK(e, "out", *out, false) }})
	if !ok || !hashArg(e, pos[0]) {
		return exitUsage
	}
	c, ok := cf.open(e)
	if !ok {
		return exitUsage
	}
	defer c.close()
	data, code := download(e, c, pos[0])
	if code != exitOK {
		return code
	}
	if *out == "" {
		_, _ = e.stdout.Write(data)
		return exitOK
	}
	if err := designs.WriteFileAtomic(*out, data); err != nil {
		fmt.Fprintf(e.stderr, "prodos commons get: %v\n", err)
		return exitProblems
	}
	fmt.Fprintf(e.stdout, "%s: design %s (SHA-256 checked)\n", *out, pos[0])
	printPackHint(e, data)
	return exitOK
}

func commonsFork(e *env, args []string) int {
	fs, cf := newCommonsFlags(e, "fork HASH --out FILE [--server URL | --db FILE]")
	out := fs.String("out", "", "write the remix here (must not exist)")
	pos, ok := cliArgs(e, fs, args, cliSpec{args: func(p []string) bool { return len(p) == 1 && *out != "" }})
	if !ok || !hashArg(e, pos[0]) {
		return exitUsage
	}
	if _, err := os.Lstat(*out); err == nil {
		fmt.Fprintf(e.stderr, "prodos commons fork: %s exists; fork into a new file\n", *out)
		return exitUsage
	}
	c, ok := cf.open(e)
	if !ok {
		return exitUsage
	}
	defer c.close()
	data, code := download(e, c, pos[0])
	if code != exitOK {
		return code
	}
	cat, ok := loadCatalog(e)
	if !ok {
		return exitUsage
	}
	d, err := commons.Fork(cat, designs.PackSources{clientPacks{c}, packSource("")}, commons.Version{Hash: pos[0]}, data)
	if err == nil {
		err = d.Save(*out)
	}
	if err != nil {
		fmt.Fprintf(e.stderr, "prodos commons fork: %v\n", err)
		return exitProblems
	}
	fmt.Fprintf(e.stdout, "%s: remix of %s under %s; change it, then prodos commons publish %s --as PROFILE\n", *out, pos[0], d.License, *out)
	return exitOK
}
