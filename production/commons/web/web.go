// Package web serves the open design commons over HTTP: server-rendered
// pages (the gallery with plan thumbnails, search and filters; a design
// page with plan, cost, bill of materials, labour hours, remix tree and
// downloads) and a JSON API with the same data. `prodos serve` mounts it at
// /commons and /api/commons; `prodos commons --db` drives the same handler
// in-process, so scripts and the server share one code path.
package web

import (
	"bytes"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"io"
	"log"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/opensourceecology/prodos/designs"
	"github.com/opensourceecology/prodos/production/commons"
	"github.com/opensourceecology/prodos/production/manufacturing/export"
)

//go:embed templates/*.html
var templateFS embed.FS

// pages are the commons' page templates, parsed on first use: every prodos
// command pays for package inits, and only the server renders pages (issue
// 14).
var pages = sync.OnceValue(func() *template.Template {
	return template.Must(template.New("").Funcs(template.FuncMap{
		"short": short,
		"date":  func(t time.Time) string { return t.Format("2006-01-02") },
	}).ParseFS(templateFS, "templates/*.html"))
})

// pageCSP lets nothing run and nothing frame the pages.
const pageCSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

// Handler serves the commons.
type Handler struct {
	Publisher *commons.Publisher
	// Token, when set, is the bearer token POST /api/commons/designs
	// needs (the facilitator's: the server vouches for the author it is
	// told). Empty means no token is asked (the in-process CLI on a local
	// file).
	Token string
	// Learner, when set, also lets a class learner publish with their
	// learner token, as themselves (see LearnerFunc).
	Learner LearnerFunc
	Log     *log.Logger
	once    sync.Once
	mux     *http.ServeMux
}

// ServeHTTP routes a request (see the package comment and docs/commons.md).
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h.once.Do(func() {
		m := http.NewServeMux()
		m.HandleFunc("GET /commons", h.gallery)
		m.HandleFunc("GET /commons/{$}", h.gallery)
		m.HandleFunc("GET /commons/{hash}", h.page)
		m.HandleFunc("GET /commons/{hash}/design.toml", h.designFile)
		m.HandleFunc("GET /commons/{hash}/plan.svg", h.plan)
		m.HandleFunc("GET /commons/{hash}/package.zip", h.pkg)
		m.HandleFunc("GET /api/commons/designs", h.apiSearch)
		m.HandleFunc("POST /api/commons/designs", h.apiPublish)
		m.HandleFunc("GET /api/commons/designs/{hash}", h.apiShow)
		m.HandleFunc("GET /api/commons/licenses", h.apiLicences)
		h.packRoutes(m)
		h.levelRoutes(m)
		h.mux = m
	})
	w.Header().Set("Content-Security-Policy", pageCSP)
	w.Header().Set("X-Content-Type-Options", "nosniff")
	h.mux.ServeHTTP(w, r)
}

func short(hash string) string {
	if len(hash) > 12 {
		return hash[:12]
	}
	return hash
}

func (h *Handler) logf(f string, a ...any) {
	if h.Log != nil {
		h.Log.Printf(f, a...)
	}
}

// apiError is the JSON body of every API error: the message and a code
// naming the kind of refusal (ErrorCode).
type apiError struct {
	Error string `json:"error"`
	Code  string `json:"code"`
}

// ErrorCode names the kind of a commons error for API clients: not_found,
// too_large, invalid (the design does not parse), license, parent, author,
// hash, unauthorized or internal.
func ErrorCode(err error) string {
	for _, c := range []struct {
		err  error
		code string
	}{{commons.ErrParent, "parent"}, {commons.ErrLicence, "license"}, {commons.ErrAuthor, "author"}, {commons.ErrInvalid, "invalid"},
		{commons.ErrTooLarge, "too_large"}, {commons.ErrHash, "hash"}, {commons.ErrNotFound, "not_found"}, {commons.ErrPackNotFound, "not_found"},
		{commons.ErrLevelNotFound, "not_found"}} {
		if errors.Is(err, c.err) {
			return c.code
		}
	}
	return "internal"
}

func writeJSON(w http.ResponseWriter, code int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(code)
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	_ = enc.Encode(v)
}

// status maps a commons error to an HTTP status.
func status(err error) int {
	switch ErrorCode(err) {
	case "not_found":
		return http.StatusNotFound
	case "too_large":
		return http.StatusRequestEntityTooLarge
	case "internal":
		return http.StatusInternalServerError
	}
	return http.StatusUnprocessableEntity
}

func (h *Handler) fail(w http.ResponseWriter, r *http.Request, err error) {
	code := status(err)
	if code == http.StatusInternalServerError {
		h.logf("%s %s: %v", r.Method, r.URL.Path, err)
	}
	if strings.HasPrefix(r.URL.Path, "/api/") {
		writeJSON(w, code, apiError{err.Error(), ErrorCode(err)})
		return
	}
	http.Error(w, err.Error(), code)
}

// version reads the {hash} of the path and the stored version.
func (h *Handler) version(w http.ResponseWriter, r *http.Request) (commons.Version, []byte, bool) {
	hash := r.PathValue("hash")
	if !commons.IsHash(hash) {
		h.fail(w, r, fmt.Errorf("%w: %q is not a version id (64 hex digits)", commons.ErrNotFound, hash))
		return commons.Version{}, nil, false
	}
	v, data, err := h.Publisher.Store.Get(r.Context(), hash)
	if err != nil {
		h.fail(w, r, err)
		return commons.Version{}, nil, false
	}
	return v, data, true
}

func (h *Handler) design(w http.ResponseWriter, r *http.Request, v commons.Version, data []byte) (*designs.Design, *designs.Catalog, bool) {
	d, cat, err := commons.ParseStored(r.Context(), h.Publisher.Store, h.Publisher.Catalog, v.Hash, data)
	if err != nil {
		h.fail(w, r, fmt.Errorf("stored version %s: %w", v.Hash, err))
		return nil, nil, false
	}
	return d, cat, true
}

func (h *Handler) designFile(w http.ResponseWriter, r *http.Request) {
	v, data, ok := h.version(w, r)
	if !ok {
		return
	}
	w.Header().Set("Content-Type", "application/toml; charset=utf-8")
	w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="%s.toml"`, short(v.Hash)))
	w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
	_, _ = w.Write(data)
}

func (h *Handler) plan(w http.ResponseWriter, r *http.Request) {
	v, data, ok := h.version(w, r)
	if !ok {
		return
	}
	d, cat, ok := h.design(w, r, v, data)
	if !ok {
		return
	}
	w.Header().Set("Content-Type", "image/svg+xml")
	w.Header().Set("Cache-Control", "public, max-age=86400")
	_, _ = w.Write(export.PlanSVG(cat, d))
}

// pkg serves the build package as a zip, made as `prodos export` makes it,
// with the version's publication date as the purchase orders' date; a
// draft's files are marked DRAFT, NOT FOR CONSTRUCTION.
func (h *Handler) pkg(w http.ResponseWriter, r *http.Request) {
	v, data, ok := h.version(w, r)
	if !ok {
		return
	}
	d, cat, ok := h.design(w, r, v, data)
	if !ok {
		return
	}
	files, err := export.Package(cat, d, export.Options{Today: v.Published, Violations: v.Problems, Draft: v.Status == commons.StatusDraft})
	if err == nil {
		data, err = export.Zip(files)
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/zip")
	w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="%s-build-package.zip"`, short(v.Hash)))
	_, _ = w.Write(data)
}

func (h *Handler) render(w http.ResponseWriter, r *http.Request, name string, data any) {
	var b bytes.Buffer
	if err := pages().ExecuteTemplate(&b, name, data); err != nil {
		h.fail(w, r, fmt.Errorf("template %s: %w", name, err))
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	_, _ = io.Copy(w, &b)
}
