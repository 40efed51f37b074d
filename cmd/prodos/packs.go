package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"text/tabwriter"

	"github.com/BurntSushi/toml"

	"github.com/opensourceecology/prodos/designs"
	"github.com/opensourceecology/prodos/production/commons"
	"github.com/opensourceecology/prodos/production/commons/web"
	"github.com/opensourceecology/prodos/production/userdata"
)

// Module packs on the command line: a design names the packs it uses by
// hash (packs = [...]); every command that reads a design finds them in
// --packs DIR, then in the packs folder of the user's data directory, then
// in the local commons file ($PRODOS_COMMONS_DB, else commons.db in the
// data directory), and checks each one's SHA-256. docs/packs.md.

// packsFlagName is the flag every design-reading command has.
const packsFlagName = "packs"

// addPacksFlag adds --packs DIR to a command's flags.
func addPacksFlag(fs *flag.FlagSet) *string {
	return fs.String(packsFlagName, "", "folder of module pack files the design's packs are looked up in first (see docs/packs.md)")
}

// packsFlag is the --packs value of a parsed flag set ("" when the
// command has none or it was not given).
func packsFlag(fs *flag.FlagSet) string {
	if f := fs.Lookup(packsFlagName); f != nil {
		return f.Value.String()
	}
	return ""
}

// userPacksDir is the packs folder of the user's data directory.
func userPacksDir() string {
	p, err := userdata.File("packs")
	if err != nil {
		return ""
	}
	return p
}

// commonsPackSource reads packs from a local commons file, opened only when
// a pack is not found in a folder first.
type commonsPackSource struct{ path string }

func (s commonsPackSource) PackData(hash string) ([]byte, string, error) {
	if _, err := os.Stat(s.path); err != nil {
		return nil, "", fmt.Errorf("%w in the commons (no commons file at %s)", designs.ErrPackNotFound, s.path)
	}
	st, err := openCommonsStore(s.path)
	if err != nil {
		return nil, s.path, err
	}
	defer st.Close()
	data, where, err := commons.StorePacks{Ctx: context.Background(), Store: st}.PackData(hash)
	if errors.Is(err, designs.ErrPackNotFound) {
		return nil, where, fmt.Errorf("%w in the commons %s", designs.ErrPackNotFound, s.path)
	}
	return data, where, err
}

// packSource is where a command looks for packs: dir (--packs), the
// user's packs folder, the local commons.
func packSource(dir string) designs.PackSource {
	var src designs.PackSources
	if dir != "" {
		src = append(src, designs.PackDir(dir))
	}
	if u := userPacksDir(); u != "" {
		if _, err := os.Stat(u); err == nil {
			src = append(src, designs.PackDir(u))
		}
	}
	return append(src, commonsPackSource{defaultCommonsDB()})
}

// loadDesignPacks loads a design file with the module packs it names,
// printing each problem as file:line:col: message. It returns the design
// and the catalog extended with its packs; false means exit 2.
func loadDesignPacks(e *env, cat *designs.Catalog, path, packsDir string) (*designs.Design, *designs.Catalog, bool) {
	d, ext, err := designs.LoadDesignPacks(path, cat, packSource(packsDir))
	if err != nil {
		for _, pe := range designs.Errors(err) {
			if pe.File == "" {
				pe.File = path
			}
			fmt.Fprintln(e.stderr, pe.Error())
		}
		return nil, nil, false
	}
	return d, ext, true
}

// clientPacks finds packs through the commons API (a server or the local
// file): fork and get-pack use it.
type clientPacks struct{ c *commonsClient }

func (s clientPacks) PackData(hash string) ([]byte, string, error) {
	data, err := s.c.call(http.MethodGet, "/commons/packs/"+hash+"/pack.toml", nil, nil, nil)
	var ae *commonsAPIError
	if errors.As(err, &ae) && ae.Status == http.StatusNotFound {
		return nil, s.c.base, fmt.Errorf("%w in the commons", designs.ErrPackNotFound)
	}
	return data, s.c.base + "/commons/packs/" + hash + "/pack.toml", err
}

func commonsPublishPack(e *env, args []string) int {
	fs, cf := newCommonsFlags(e, "publish-pack PACK --as PROFILE [--server URL | --db FILE] [--format table|json]")
	as := fs.String("as", "", "the profile publishing (the author)")
	pos, ok := cliArgs(e, fs, args, cliSpec{n: 1, format: cf.format, formats: []string{"table", "json"}})
	if !ok {
		return exitUsage
	}
	if *as == "" {
		fmt.Fprintln(e.stderr, "prodos commons publish-pack: --as PROFILE is required (the author of the pack)")
		return exitUsage
	}
	data, err := readFileLimit(pos[0], commons.MaxUpload)
	if err != nil {
		fmt.Fprintf(e.stderr, "prodos commons publish-pack: %v\n", err)
		return exitUsage
	}
	c, ok := cf.open(e)
	if !ok {
		return exitUsage
	}
	defer c.close()
	var res web.PackJSON
	if _, err := c.call(http.MethodPost, "/api/commons/packs", url.Values{"as": {*as}, "file": {pos[0]}}, data, &res); err != nil {
		return commonsFail(e, err)
	}
	if *cf.format == "json" {
		return printJSON(e, res)
	}
	verb := "published"
	if !res.Created {
		verb = "already published"
	}
	v := res.Pack
	fmt.Fprintf(e.stdout, "%s: %s pack %s\n  %s (%s) by %s, %s\n", pos[0], verb, v.Hash, v.Name, v.ID, v.Author, v.Licence)
	for _, m := range v.Modules {
		fmt.Fprintf(e.stdout, "  module %s: %s (%s), unit cost $%s\n", m.ID, m.Name, m.Category, m.Cost.StringFixed(2))
	}
	fmt.Fprintf(e.stdout, "  a design uses it with: packs = [\"%s\"]\n", v.Hash)
	return exitOK
}

func commonsPacks(e *env, args []string) int {
	fs, cf := newCommonsFlags(e, "packs [--limit N] [--server URL | --db FILE] [--format table|json]")
	limit := fs.Int("limit", 0, "at most this many packs (default and maximum 200)")
	if _, ok := cliArgs(e, fs, args, cliSpec{format: cf.format, formats: []string{"table", "json"}}); !ok {
		return exitUsage
	}
	c, ok := cf.open(e)
	if !ok {
		return exitUsage
	}
	defer c.close()
	q := url.Values{}
	if *limit > 0 {
		q.Set("limit", fmt.Sprint(*limit))
	}
	var res web.PacksJSON
	if _, err := c.call(http.MethodGet, "/api/commons/packs", q, nil, &res); err != nil {
		return commonsFail(e, err)
	}
	if *cf.format == "json" {
		return printJSON(e, res)
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "hash\tid\tname\tmodules\tlicense\tauthor\tpublished")
	for _, v := range res.Packs {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%s\t%s\t%s\n", v.Hash[:12], v.ID, v.Name, len(v.Modules), v.Licence, v.Author, v.Published.Format("2006-01-02"))
	}
	tw.Flush()
	return exitOK
}

func commonsGetPack(e *env, args []string) int {
	fs, cf := newCommonsFlags(e, "get-pack HASH [--out DIR] [--server URL | --db FILE]")
	out := fs.String("out", "", "write HASH.toml into this folder (default: the packs folder of the user's data directory)")
	pos, ok := cliArgs(e, fs, args, cliSpec{n: 1})
	if !ok || !hashArg(e, pos[0]) {
		return exitUsage
	}
	dir := *out
	if dir == "" {
		if dir = userPacksDir(); dir == "" {
			fmt.Fprintln(e.stderr, "prodos commons get-pack: no data directory; give --out DIR")
			return exitUsage
		}
	}
	c, ok := cf.open(e)
	if !ok {
		return exitUsage
	}
	defer c.close()
	data, _, err := clientPacks{c}.PackData(pos[0])
	if err != nil {
		return commonsFail(e, err)
	}
	if got := designs.PackHash(data); got != pos[0] {
		fmt.Fprintf(e.stderr, "prodos commons: the download of pack %s has SHA-256 %s: it was altered on the way or in storage; nothing written\n", pos[0], got)
		return exitProblems
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		fmt.Fprintf(e.stderr, "prodos commons get-pack: %v\n", err)
		return exitProblems
	}
	path := filepath.Join(dir, pos[0]+".toml")
	if err := designs.WriteFileAtomic(path, data); err != nil {
		fmt.Fprintf(e.stderr, "prodos commons get-pack: %v\n", err)
		return exitProblems
	}
	fmt.Fprintf(e.stdout, "%s: module pack %s (SHA-256 checked)\n", path, pos[0])
	return exitOK
}

// printPackHint tells how to fetch the module packs a downloaded design
// names.
func printPackHint(e *env, design []byte) {
	var head struct {
		Packs []string `toml:"packs"`
	}
	if _, err := toml.Decode(string(design), &head); err != nil {
		return
	}
	for _, h := range head.Packs {
		fmt.Fprintf(e.stdout, "  it uses module pack %s: prodos commons get-pack %s\n", h, h)
	}
}
