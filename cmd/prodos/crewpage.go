//go:build !js

package main

import (
	"crypto/hmac"
	crand "crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"html/template"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/opensourceecology/prodos/designs"
	"github.com/opensourceecology/prodos/production/asbuilt"
	"github.com/opensourceecology/prodos/production/classroom"
	"github.com/opensourceecology/prodos/production/inspection"
	"github.com/opensourceecology/prodos/production/manufacturing/schedule"
	"github.com/opensourceecology/prodos/production/training/profiles"
)

// crewPage is the crew page of `prodos serve --crew DESIGN`: a
// server-rendered page, made for a phone (no script, large touch targets),
// where the crew records what each task took and an inspector records a
// module's inspection, for one house. It sits behind the facilitator
// login; every form carries a token derived from the session (HMAC with
// the facilitator token), so another site cannot post it.
type crewPage struct {
	env         *env
	cat         *designs.Catalog
	design      *designs.Design
	house       string
	asBuilt     asbuilt.Store
	inspections inspection.Store
	checkpoints *inspection.Checkpoints
	key         []byte // the facilitator token
	tasks       []schedule.Task
}

// MaxPhoto bounds an uploaded photo (only its hash is kept).
const MaxPhoto = 20 << 20

func newCrewPage(e *env, cat *designs.Catalog, d *designs.Design, house string, ab asbuilt.Store, in inspection.Store, token string) (*crewPage, error) {
	cs, err := inspection.DefaultCheckpoints(cat)
	if err != nil {
		return nil, err
	}
	tasks, err := schedule.FromDesign(d, cat)
	if err != nil {
		return nil, err
	}
	var withModule []schedule.Task
	for _, t := range tasks {
		if t.Module >= 0 && t.Module < len(d.Placements) {
			withModule = append(withModule, t)
		}
	}
	return &crewPage{env: e, cat: cat, design: d, house: house, asBuilt: ab, inspections: in, checkpoints: cs, key: []byte(token), tasks: withModule}, nil
}

// mount adds the crew routes (classroom.Server.Mount).
func (p *crewPage) mount(m *http.ServeMux, guard func(http.HandlerFunc) http.HandlerFunc) {
	m.HandleFunc("GET /crew", guard(p.handlePage))
	m.HandleFunc("GET /crew/inspect", guard(p.handleInspectForm))
	m.HandleFunc("POST /crew/asbuilt", guard(p.handleAsBuilt))
	m.HandleFunc("POST /crew/inspect", guard(p.handleInspect))
}

// formToken is the session's form token: HMAC-SHA256 of the session cookie
// under the facilitator token. A bearer-token client has no cookie and
// needs none (a browser never adds an Authorization header by itself).
func (p *crewPage) formToken(r *http.Request) string {
	c, err := r.Cookie(classroom.SessionCookie)
	if err != nil {
		return ""
	}
	mac := hmac.New(sha256.New, p.key)
	io.WriteString(mac, "crew-form\x00"+c.Value)
	return hex.EncodeToString(mac.Sum(nil))
}

// formOK refuses a form posted from another site: a cross-site Origin or
// Sec-Fetch-Site, or (with a session cookie) a missing or wrong form token.
func (p *crewPage) formOK(r *http.Request) bool {
	if site := r.Header.Get("Sec-Fetch-Site"); site != "" && site != "same-origin" && site != "none" {
		return false
	}
	if o := r.Header.Get("Origin"); o != "" {
		u, err := url.Parse(o)
		if err != nil || u.Host != r.Host {
			return false
		}
	}
	if strings.HasPrefix(r.Header.Get("Authorization"), "Bearer ") {
		return true
	}
	want := p.formToken(r)
	return want != "" && hmac.Equal([]byte(want), []byte(r.PostFormValue("form_token")))
}

type crewView struct {
	House, Design, Token string
	Tasks                []schedule.Task
	Placement            string
	Module               *designs.Module
	Points               []*inspection.Checkpoint
	Message              string
	Problems             []string
	OK                   bool
	Recent               []asbuilt.Record
	Inspections          []inspection.Inspection
}

func (p *crewPage) render(w http.ResponseWriter, status int, page string, v crewView) {
	v.House, v.Design = p.house, p.design.Name
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	if err := crewTmpl().ExecuteTemplate(w, page, v); err != nil {
		fmt.Fprintf(p.env.stderr, "prodos serve: crew page: %v\n", err)
	}
}

func (p *crewPage) handlePage(w http.ResponseWriter, r *http.Request) {
	v := crewView{Token: p.formToken(r), Tasks: p.tasks}
	if recs, err := p.asBuilt.House(r.Context(), p.house); err == nil {
		v.Recent = lastN(recs, 10)
	}
	if list, err := p.inspections.House(r.Context(), p.house); err == nil {
		v.Inspections = lastN(list, 10)
	}
	p.render(w, http.StatusOK, "crew", v)
}

func lastN[T any](list []T, n int) []T {
	out := make([]T, 0, n)
	for i := len(list) - 1; i >= 0 && len(out) < n; i-- {
		out = append(out, list[i])
	}
	return out
}

func (p *crewPage) handleInspectForm(w http.ResponseWriter, r *http.Request) {
	place := r.URL.Query().Get("placement")
	_, module, err := scheduleTask(p.design, p.cat, place)
	if err != nil {
		p.render(w, http.StatusBadRequest, "result", crewView{Message: err.Error()})
		return
	}
	m := p.cat.Modules[module]
	p.render(w, http.StatusOK, "inspect", crewView{Token: p.formToken(r), Placement: place, Module: m, Points: p.checkpoints.For(m)})
}

func (p *crewPage) handleAsBuilt(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, 64<<10)
	if err := r.ParseForm(); err != nil {
		p.render(w, http.StatusBadRequest, "result", crewView{Message: "bad form: " + err.Error()})
		return
	}
	if !p.formOK(r) {
		p.render(w, http.StatusForbidden, "result", crewView{Message: "this form was not sent from the crew page: open /crew and send it again"})
		return
	}
	f := r.PostForm
	rec, dup, err := recordAsBuilt(r.Context(), p.asBuilt, p.cat, p.design, asBuiltRequest{House: p.house, Task: f.Get("task"),
		Minutes: f.Get("minutes"), People: f.Get("people"), Used: f.Get("used"), Wasted: f.Get("wasted"), Problems: f.Get("problems"),
		Key: crewKey(p.house, f.Get("task"), f.Get("form_key")), At: time.Now()})
	if err != nil {
		status := http.StatusInternalServerError
		if errors.Is(err, asbuilt.ErrInvalid) {
			status = http.StatusBadRequest
		}
		p.render(w, status, "result", crewView{Message: err.Error()})
		return
	}
	msg := fmt.Sprintf("Recorded: %s %s took %s minutes (planned %s), by %s.", rec.Task, rec.TaskName, rec.ActualMinutes, rec.PlanMinutes, strings.Join(rec.People, ", "))
	if dup {
		msg = "Already recorded: " + rec.Task + " (this form was sent before)."
	}
	p.render(w, http.StatusOK, "result", crewView{Message: msg, OK: true})
}

// crewKey is a record's idempotency key: the form's own key (a page shows
// a fresh one each time), so sending the same form twice records it once.
func crewKey(house, task, formKey string) string {
	if formKey == "" {
		return ""
	}
	return house + "/" + task + "/crew-" + formKey
}

func (p *crewPage) handleInspect(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, MaxPhoto+64<<10)
	if err := r.ParseMultipartForm(1 << 20); err != nil {
		p.render(w, http.StatusBadRequest, "result", crewView{Message: "bad form: " + err.Error()})
		return
	}
	if !p.formOK(r) {
		p.render(w, http.StatusForbidden, "result", crewView{Message: "this form was not sent from the crew page: open /crew and send it again"})
		return
	}
	f := r.PostForm
	req := inspectRequest{House: p.house, Placement: f.Get("placement"), Inspector: f.Get("inspector"), Notes: f.Get("notes"),
		Values: map[string]string{}, At: time.Now()}
	for k, v := range f {
		if id, ok := strings.CutPrefix(k, "cp_"); ok && len(v) > 0 {
			req.Values[id] = v[0]
		}
	}
	if file, _, err := r.FormFile("photo"); err == nil {
		h := sha256.New()
		_, err = io.Copy(h, file)
		file.Close()
		if err != nil {
			p.render(w, http.StatusBadRequest, "result", crewView{Message: "photo: " + err.Error()})
			return
		}
		req.PhotoHash = "sha256:" + hex.EncodeToString(h.Sum(nil))
	}
	if fk := f.Get("form_key"); fk != "" {
		req.Key = p.house + "/" + req.Placement + "/crew-" + fk
	}
	in, dup, err := recordInspection(r.Context(), p.env, p.inspections, p.cat, p.design, req)
	switch {
	case errors.Is(err, profiles.ErrNotPermitted), errors.Is(err, profiles.ErrNotFound):
		p.render(w, http.StatusForbidden, "result", crewView{Message: err.Error()})
		return
	case errors.Is(err, inspection.ErrInvalid):
		p.render(w, http.StatusBadRequest, "result", crewView{Message: err.Error()})
		return
	case err != nil:
		p.render(w, http.StatusInternalServerError, "result", crewView{Message: err.Error()})
		return
	}
	v := crewView{OK: in.Passed, Problems: in.Fixes()}
	v.Message = fmt.Sprintf("Inspection %d of %s (%s) by %s: PASSED. It may be installed.", in.ID, in.Placement, in.Module, in.Inspector)
	if !in.Passed {
		v.Message = fmt.Sprintf("Inspection %d of %s (%s) by %s: FAILED. Fix these, then inspect it again; it cannot be installed until it passes:", in.ID, in.Placement, in.Module, in.Inspector)
	}
	if dup {
		v.Message = "Already recorded (this form was sent before). " + v.Message
	}
	p.render(w, http.StatusOK, "result", v)
}

var crewTmpl = sync.OnceValue(func() *template.Template {
	return template.Must(template.New("").Funcs(template.FuncMap{"newKey": newFormKey}).Parse(crewHTML))
})

// newFormKey is a fresh key for one rendered form.
func newFormKey() string {
	var b [12]byte
	if _, err := crand.Read(b[:]); err != nil {
		return ""
	}
	return hex.EncodeToString(b[:])
}

// crewFlags are the crew page's flags of `prodos serve`.
type crewFlags struct {
	design, house, asBuiltDB, inspectionsDB *string
}

func addCrewFlags(fs interface {
	String(name, value, usage string) *string
}) *crewFlags {
	return &crewFlags{
		design:        fs.String("crew", "", "serve the crew page (/crew) for the house of this DESIGN file: as-built records and inspections from a phone"),
		house:         fs.String("crew-house", "", "the crew page's house id (default: the design file name without .toml, as the ledger's)"),
		asBuiltDB:     fs.String("asbuilt-db", defaultAsBuiltDB(), "as-built database of the crew page (SQLite)"),
		inspectionsDB: fs.String("inspections-db", defaultInspectionsDB(), "inspections database of the crew page (SQLite)"),
	}
}

// open makes the crew page when --crew is given: the mount for
// classroom.Server.Mount and a function that closes its stores. A nil
// mount with exitOK means no crew page.
func (f *crewFlags) open(e *env, token string) (func(*http.ServeMux, func(http.HandlerFunc) http.HandlerFunc), func(), int) {
	if *f.design == "" {
		return nil, func() {}, exitOK
	}
	cat, ok := loadCatalog(e)
	if !ok {
		return nil, nil, exitUsage
	}
	d, ok := loadDesign(e, cat, *f.design)
	if !ok {
		return nil, nil, exitUsage
	}
	house := *f.house
	if house == "" {
		house = prodHouseID(*f.design)
	}
	ab, ok := openAsBuilt(e, *f.asBuiltDB)
	if !ok {
		return nil, nil, exitUsage
	}
	in, ok := openInspections(e, *f.inspectionsDB)
	if !ok {
		ab.Close()
		return nil, nil, exitUsage
	}
	closeAll := func() { ab.Close(); in.Close() }
	p, err := newCrewPage(e, cat, d, house, ab, in, token)
	if err != nil {
		closeAll()
		fmt.Fprintf(e.stderr, "prodos serve: crew page: %v\n", err)
		return nil, nil, exitUsage
	}
	fmt.Fprintf(e.stderr, "prodos serve: crew page /crew for house %s (%s); as-built %s, inspections %s\n", house, *f.design, *f.asBuiltDB, *f.inspectionsDB)
	return p.mount, closeAll, exitOK
}
