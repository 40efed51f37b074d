package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/opensourceecology/prodos/designs"
	"github.com/opensourceecology/prodos/production/commons"
	commonsstore "github.com/opensourceecology/prodos/production/commons/sqlitestore"
	"github.com/opensourceecology/prodos/production/commons/web"
	"github.com/opensourceecology/prodos/production/training/profiles"
	profilestore "github.com/opensourceecology/prodos/production/training/profiles/sqlitestore"
	"github.com/opensourceecology/prodos/production/userdata"
)

// The open design commons from the command line. Every subcommand talks to
// the commons' JSON API: of a server (--server URL), or of a local commons
// file (--db FILE) through the same handler run in-process, so a script
// sees the same data either way.

func init() {
	register(&command{
		name: "commons",
		usage: "commons publish DESIGN --as PROFILE | search [--q WORDS] [--min-area N] [--max-area N] [--min-bedrooms N] [--min-cost $] [--max-cost $] [--max-cost-per-sq-ft $] [--license ID] [--status S] [--author P] [--limit N] | " +
			"show HASH | get HASH [--out FILE] | fork HASH --out FILE | publish-pack PACK --as PROFILE | packs [--limit N] | get-pack HASH [--out DIR] | publish-level LEVEL --as PROFILE | levels [--limit N] | get-level HASH [--out FILE]   [--server URL | --db FILE] [--format table|json]",
		summary: "the open design commons: publish a design version, search, show (cost, BOM, remix tree), get (hash-checked), fork a remix",
		run:     runCommons,
	})
}

// defaultCommonsDB is $PRODOS_COMMONS_DB, else commons.db in the data dir.
func defaultCommonsDB() string {
	if p := os.Getenv("PRODOS_COMMONS_DB"); p != "" {
		return p
	}
	p, err := userdata.File("commons.db")
	if err != nil {
		return "commons.db"
	}
	return p
}

// commonsDesigner reports whether a profile of the profiles database at
// path holds the Designer qualification; an unknown profile is an error.
func commonsDesigner(path string) func(ctx context.Context, name string) (bool, error) {
	return func(ctx context.Context, name string) (bool, error) {
		if _, err := os.Stat(path); err != nil {
			return false, fmt.Errorf("%w: no profiles database at %s (create the profile with prodos profile create %s)", profiles.ErrNotFound, path, name)
		}
		st, err := profilestore.Open(path)
		if err != nil {
			return false, err
		}
		defer st.Close()
		p, err := st.Get(ctx, name)
		if err != nil {
			return false, err
		}
		return p.Holds()[commons.DesignerQualification], nil
	}
}

// openCommonsStore opens the commons file at path (made on first use).
func openCommonsStore(path string) (*commonsstore.DB, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("commons database: %w", err)
	}
	return commonsstore.Open(path)
}

// commonsHandler is the commons' HTTP handler over a store.
func commonsHandler(st commons.Store, cat *designs.Catalog, token string, lg *log.Logger) *web.Handler {
	return &web.Handler{Publisher: &commons.Publisher{Store: st, Catalog: cat, Designer: commonsDesigner(defaultProfilesDB())},
		Token: token, Log: lg}
}

// commonsClient talks to the commons' JSON API.
type commonsClient struct {
	base  string
	hc    *http.Client
	token string
	close func()
}

// handlerTransport serves requests with a handler in-process.
type handlerTransport struct{ h http.Handler }

func (t handlerTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	rec := httptest.NewRecorder()
	t.h.ServeHTTP(rec, r)
	return rec.Result(), nil
}

// commonsOpen connects to --server or opens --db; false means exit 2 (the
// problem is printed).
func commonsOpen(e *env, server, db string) (*commonsClient, bool) {
	if server != "" && db != "" {
		fmt.Fprintln(e.stderr, "prodos commons: give --server or --db, not both")
		return nil, false
	}
	if server != "" {
		u, err := url.Parse(server)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			fmt.Fprintf(e.stderr, "prodos commons: --server %q is not an http:// or https:// URL\n", server)
			return nil, false
		}
		return &commonsClient{base: strings.TrimSuffix(server, "/"), hc: &http.Client{Timeout: 2 * time.Minute},
			token: os.Getenv(tokenEnv), close: func() {}}, true
	}
	if db == "" {
		db = defaultCommonsDB()
	}
	cat, ok := loadCatalog(e)
	if !ok {
		return nil, false
	}
	st, err := openCommonsStore(db)
	if err != nil {
		fmt.Fprintf(e.stderr, "prodos commons: %v\n", err)
		return nil, false
	}
	h := commonsHandler(st, cat, "", nil)
	return &commonsClient{base: "http://commons.local", hc: &http.Client{Transport: handlerTransport{h}},
		close: func() { st.Close() }}, true
}

// commonsAPIError is an error the API answered with.
type commonsAPIError struct {
	Status  int
	Message string `json:"error"`
	Code    string `json:"code"`
}

func (e *commonsAPIError) Error() string { return e.Message }

// call makes a request and returns the body of a 2xx answer; out, when not
// nil, receives the JSON body.
func (c *commonsClient) call(method, path string, q url.Values, body []byte, out any) ([]byte, error) {
	u := c.base + path
	if len(q) > 0 {
		u += "?" + q.Encode()
	}
	req, err := http.NewRequest(method, u, bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	if c.token != "" && method == http.MethodPost {
		req.Header.Set("Authorization", "Bearer "+c.token)
	}
	resp, err := c.hc.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, 64<<20))
	if err != nil {
		return nil, fmt.Errorf("%s %s: %w", method, u, err)
	}
	if resp.StatusCode/100 != 2 {
		ae := &commonsAPIError{Status: resp.StatusCode}
		if json.Unmarshal(data, ae) != nil || ae.Message == "" {
			ae.Message = fmt.Sprintf("%s %s: %s", method, u, resp.Status)
		}
		return nil, ae
	}
	if out != nil {
		if err := json.Unmarshal(data, out); err != nil {
			return nil, fmt.Errorf("%s %s: %w", method, u, err)
		}
	}
	return data, nil
}

// commonsFail prints an error and returns its exit code: 2 for a design
// that does not parse, a file too large or bad usage; 1 for a refusal
// (licence, parent, author, not found) or a failure.
func commonsFail(e *env, err error) int {
	fmt.Fprintf(e.stderr, "prodos commons: %v\n", err)
	if ae, ok := err.(*commonsAPIError); ok && (ae.Code == "invalid" || ae.Code == "too_large") {
		return exitUsage
	}
	return exitProblems
}

func runCommons(e *env, args []string) int {
	subs := map[string]func(*env, []string) int{
		"publish": commonsPublish, "search": commonsSearch, "show": commonsShow, "get": commonsGet, "fork": commonsFork,
		"publish-pack": commonsPublishPack, "packs": commonsPacks, "get-pack": commonsGetPack,
		"publish-level": commonsPublishLevel, "levels": commonsLevels, "get-level": commonsGetLevel,
	}
	if len(args) == 0 || subs[args[0]] == nil {
		fmt.Fprintf(e.stderr, "usage: prodos %s\n", commands["commons"].usage)
		return exitUsage
	}
	return subs[args[0]](e, args[1:])
}

// servedCommons is the commons `prodos serve` mounts.
type servedCommons struct {
	h http.Handler
	// cstore is the commons store (assignments read levels from it).
	cstore commons.Store
	close  func()
	// store serves /store when set (serveStore).
	store http.Handler
}

// serveCommons opens the commons file for `prodos serve` (by default
// $PRODOS_COMMONS_DB, else commons.db beside the classroom database); nil
// means exit with the code returned (the problem is printed).
func serveCommons(e *env, path, classDB, token string, lg *log.Logger) (*servedCommons, int) {
	if path == "" {
		path = os.Getenv("PRODOS_COMMONS_DB")
	}
	if path == "" {
		path = filepath.Join(filepath.Dir(classDB), "commons.db")
	}
	cat, ok := loadCatalog(e)
	if !ok {
		return nil, exitUsage
	}
	st, err := openCommonsStore(path)
	if err != nil {
		fmt.Fprintf(e.stderr, "prodos serve: %v\n", err)
		return nil, exitUsage
	}
	return &servedCommons{h: commonsHandler(st, cat, token, lg), cstore: st, close: func() { st.Close() }}, exitOK
}

// mount routes /commons and /api/commons to the commons, the rest to next.
func (c *servedCommons) mount(next http.Handler) http.Handler {
	m := http.NewServeMux()
	m.Handle("/commons", c.h)
	m.Handle("/commons/", c.h)
	m.Handle("/api/commons/", c.h)
	if c.store != nil {
		m.Handle("/store", c.store)
		m.Handle("/store/", c.store)
	}
	m.Handle("/", next)
	return m
}

// openLicence is a designCheck: the design's licence must be on the
// commons' allow-list of open licences.
func openLicence(file string, d *designs.Design, _ *designs.Catalog) []string {
	if err := commons.CheckLicence(d.License); err != nil {
		return []string{file + ": license: " + err.Error()}
	}
	return nil
}
