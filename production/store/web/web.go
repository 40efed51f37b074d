// Package web serves the Open Source Store's pages from one shared
// template, server-rendered and working without JavaScript: the store index
// of every enterprise's products (/store), each enterprise's store front
// (/store/{enterprise}) and a product page (/store/{enterprise}/{hash12}).
// The OSE Certified mark is computed on every request, never stored.
package web

import (
	"bytes"
	"context"
	"embed"
	"errors"
	"html/template"
	"log"
	"net/http"
	"strings"
	"sync"

	"github.com/opensourceecology/prodos/production/store"
)

//go:embed templates/store.html
var templateFS embed.FS

var page = sync.OnceValue(func() *template.Template {
	return template.Must(template.New("").Funcs(template.FuncMap{
		"short":  short,
		"listed": func(l store.Listing, level int) bool { return l.Offers(level) },
		"offer":  func(q *store.Quote, kind string) *store.Offer { return q.Offer(kind) },
		"levels": func(ls []int) string {
			var parts []string
			for _, l := range ls {
				parts = append(parts, string(rune('0'+l)))
			}
			return strings.Join(parts, ", ")
		},
	}).ParseFS(templateFS, "templates/store.html"))
})

// pageCSP lets nothing run and nothing frame the pages.
const pageCSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

// Handler serves the store pages and takes orders from the product
// pages' order form (POST /store/{enterprise}/{product}/order).
type Handler struct {
	Service *store.Service
	Log     *log.Logger
	keyOnce sync.Once
	key     []byte // signs the form tokens; new for each process
}

// Row is a product of the store index.
type Row struct {
	store.Product
	Enterprise string
}

type pageData struct {
	Kind, Title string
	Rows        []Row
	Enterprise  store.Enterprise
	Products    []store.Product
	Product     store.Product
	Token       string      // the order form's token
	Order       store.Order // the order just placed
}

// ServeHTTP routes /store, /store/{enterprise} and /store/{enterprise}/{product}.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Security-Policy", pageCSP)
	w.Header().Set("X-Content-Type-Options", "nosniff")
	parts := strings.Split(strings.Trim(strings.TrimPrefix(r.URL.Path, "/store"), "/"), "/")
	if len(parts) == 3 && parts[2] == "order" {
		if r.Method != http.MethodPost {
			w.Header().Set("Allow", "POST")
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		h.placeOrder(w, r, parts[0], parts[1])
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	ctx := r.Context()
	var d pageData
	var err error
	switch {
	case parts[0] == "":
		d, err = h.index(ctx)
	case len(parts) == 1:
		d, err = h.front(ctx, parts[0])
	case len(parts) == 2:
		d, err = h.product(ctx, parts[0], parts[1])
		d.Token = h.formToken(w, r)
	default:
		err = store.ErrNotFound
	}
	if err != nil {
		h.fail(w, err)
		return
	}
	h.render(w, http.StatusOK, d)
}

func (h *Handler) render(w http.ResponseWriter, status int, d pageData) {
	var b bytes.Buffer
	if err := page().ExecuteTemplate(&b, "page", d); err != nil {
		h.fail(w, err)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	w.Write(b.Bytes())
}

func (h *Handler) fail(w http.ResponseWriter, err error) {
	if errors.Is(err, store.ErrNotFound) {
		http.Error(w, "not found", http.StatusNotFound)
		return
	}
	if h.Log != nil {
		h.Log.Printf("store: %v", err)
	}
	http.Error(w, "internal error", http.StatusInternalServerError)
}

func (h *Handler) index(ctx context.Context) (pageData, error) {
	d := pageData{Kind: "index", Title: "Store"}
	all, err := h.Service.Store.List(ctx)
	if err != nil {
		return d, err
	}
	for _, e := range all {
		ps, err := h.Service.Products(ctx, e)
		if err != nil {
			return d, err
		}
		for _, p := range ps {
			d.Rows = append(d.Rows, Row{Product: p, Enterprise: e.Site.Name})
		}
	}
	return d, nil
}

func (h *Handler) front(ctx context.Context, id string) (pageData, error) {
	e, err := h.Service.Store.Get(ctx, id)
	if err != nil {
		return pageData{}, err
	}
	ps, err := h.Service.Products(ctx, e)
	return pageData{Kind: "front", Title: e.Site.Name, Enterprise: e, Products: ps}, err
}

func (h *Handler) product(ctx context.Context, id, arg string) (pageData, error) {
	e, err := h.Service.Store.Get(ctx, id)
	if err != nil {
		return pageData{}, err
	}
	hash, err := store.Resolve(e, arg)
	if err != nil {
		return pageData{}, err
	}
	ps, err := h.Service.Products(ctx, e)
	if err != nil {
		return pageData{}, err
	}
	for _, p := range ps {
		if p.Listing.Design == hash {
			return pageData{Kind: "product", Title: p.Version.Name, Enterprise: e, Product: p}, nil
		}
	}
	return pageData{}, store.ErrNotFound
}

func short(hash string) string {
	if len(hash) > 12 {
		return hash[:12]
	}
	return hash
}
