package main

import (
	"fmt"
	"net/http"
	"net/url"
	"text/tabwriter"

	"github.com/opensourceecology/prodos/designs"
	"github.com/opensourceecology/prodos/levels"
	"github.com/opensourceecology/prodos/production/commons"
	"github.com/opensourceecology/prodos/production/commons/web"
)

// commonsPublishLevel is `prodos commons publish-level LEVEL --as PROFILE`.
func commonsPublishLevel(e *env, args []string) int {
	fs, cf := newCommonsFlags(e, "publish-level LEVEL --as PROFILE [--server URL | --db FILE] [--format table|json]")
	as := fs.String("as", "", "the profile publishing (the author)")
	pos, ok := cliArgs(e, fs, args, cliSpec{n: 1, format: cf.format, formats: []string{"table", "json"}})
	if !ok {
		return exitUsage
	}
	if *as == "" {
		fmt.Fprintln(e.stderr, "prodos commons publish-level: --as PROFILE is required (the author of the level)")
		return exitUsage
	}
	data, err := readFileLimit(pos[0], levels.MaxLevelFile)
	if err != nil {
		fmt.Fprintf(e.stderr, "prodos commons publish-level: %v\n", err)
		return exitUsage
	}
	c, ok := cf.open(e)
	if !ok {
		return exitUsage
	}
	defer c.close()
	var res web.LevelJSON
	if _, err := c.call(http.MethodPost, "/api/commons/levels", url.Values{"as": {*as}, "file": {pos[0]}}, data, &res); err != nil {
		return commonsFail(e, err)
	}
	if *cf.format == "json" {
		return printJSON(e, res)
	}
	verb := "published"
	if !res.Created {
		verb = "already published"
	}
	v := res.Level
	budget := "no budget"
	if v.Budget != "" {
		budget = "budget $" + v.Budget
	}
	fmt.Fprintf(e.stdout, "%s: %s level %s\n  %s (%s) by %s, %s\n  site %dx%d cells, %s, %d objectives, rules %s\n",
		pos[0], verb, v.Hash, v.Title, v.ID, v.Author, v.Licence, v.Width, v.Height, budget, v.Goals, v.Rules)
	return exitOK
}

// commonsLevels is `prodos commons levels`.
func commonsLevels(e *env, args []string) int {
	fs, cf := newCommonsFlags(e, "levels [--limit N] [--server URL | --db FILE] [--format table|json]")
	limit := fs.Int("limit", 0, "at most this many levels (default and maximum 200)")
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
	var res web.LevelsJSON
	if _, err := c.call(http.MethodGet, "/api/commons/levels", q, nil, &res); err != nil {
		return commonsFail(e, err)
	}
	if *cf.format == "json" {
		return printJSON(e, res)
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "hash\tid\ttitle\tsite\tbudget\tlicense\tauthor\tpublished")
	for _, v := range res.Levels {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%dx%d\t%s\t%s\t%s\t%s\n", v.Hash[:12], v.ID, v.Title, v.Width, v.Height, v.Budget, v.Licence, v.Author, v.Published.Format("2006-01-02"))
	}
	tw.Flush()
	return exitOK
}

// commonsGetLevel is `prodos commons get-level HASH [--out FILE]`: the
// download is checked against its hash and parsed before it is written.
func commonsGetLevel(e *env, args []string) int {
	fs, cf := newCommonsFlags(e, "get-level HASH [--out FILE] [--server URL | --db FILE]")
	out := fs.String("out", "", "write the level file here (default: standard output)")
	pos, ok := cliArgs(e, fs, args, cliSpec{n: 1, check: func() bool { return prodTargetOK(e, "out", *out, false) }})
	if !ok || !hashArg(e, pos[0]) {
		return exitUsage
	}
	c, ok := cf.open(e)
	if !ok {
		return exitUsage
	}
	defer c.close()
	data, err := c.call(http.MethodGet, web.LevelDownload(pos[0]), nil, nil, nil)
	if err != nil {
		return commonsFail(e, err)
	}
	if got := commons.Hash(data); got != pos[0] {
		fmt.Fprintf(e.stderr, "prodos commons: the download of level %s has SHA-256 %s: it was altered on the way or in storage; nothing written\n", pos[0], got)
		return exitProblems
	}
	if _, err := levels.Parse(pos[0]+".toml", data); err != nil {
		fmt.Fprintf(e.stderr, "prodos commons get-level: %v\n", err)
		return exitProblems
	}
	if *out == "" {
		_, _ = e.stdout.Write(data)
		return exitOK
	}
	if err := designs.WriteFileAtomic(*out, data); err != nil {
		fmt.Fprintf(e.stderr, "prodos commons get-level: %v\n", err)
		return exitProblems
	}
	fmt.Fprintf(e.stdout, "%s: level %s (SHA-256 checked)\n", *out, pos[0])
	return exitOK
}
