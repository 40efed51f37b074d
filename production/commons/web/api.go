package web

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"

	"github.com/opensourceecology/prodos/production/commons"
)

// SearchJSON is the body of GET /api/commons/designs.
type SearchJSON struct {
	Designs []commons.Version `json:"designs"`
}

// PublishJSON is the body of POST /api/commons/designs: the version and
// whether this call stored it (false: it was already published).
type PublishJSON struct {
	Version commons.Version `json:"version"`
	Created bool            `json:"created"`
}

func (h *Handler) search(w http.ResponseWriter, r *http.Request) (commons.Filter, []commons.Version, bool) {
	q := url.Values{}
	for k, vs := range r.URL.Query() {
		if len(vs) > 0 && vs[0] != "" { // a gallery form sends its empty fields
			q[k] = vs
		}
	}
	f, err := commons.ParseFilter(q)
	if err != nil {
		h.fail(w, r, fmt.Errorf("%w: %w", commons.ErrInvalid, err))
		return f, nil, false
	}
	vs, err := h.Publisher.Store.Search(r.Context(), f)
	if err != nil {
		h.fail(w, r, err)
		return f, nil, false
	}
	return f, vs, true
}

func (h *Handler) apiSearch(w http.ResponseWriter, r *http.Request) {
	if _, vs, ok := h.search(w, r); ok {
		writeJSON(w, http.StatusOK, SearchJSON{Designs: append([]commons.Version{}, vs...)})
	}
}

func (h *Handler) apiShow(w http.ResponseWriter, r *http.Request) {
	v, data, ok := h.version(w, r)
	if !ok {
		return
	}
	d, err := commons.Describe(r.Context(), h.Publisher.Store, h.Publisher.Catalog, v, data)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, d)
}

func (h *Handler) apiLicences(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, map[string]any{"licenses": commons.Licences})
}

// apiPublish publishes the request body (a design file) as ?as=PROFILE.
func (h *Handler) apiPublish(w http.ResponseWriter, r *http.Request) {
	p, author, ok := h.publisher(w, r)
	if !ok {
		return
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, commons.MaxUpload))
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			err = fmt.Errorf("%w: more than the %d bytes a published design may be", commons.ErrTooLarge, commons.MaxUpload)
		}
		h.fail(w, r, err)
		return
	}
	name := r.URL.Query().Get("file")
	if name == "" {
		name = "upload.toml"
	}
	v, created, err := p.Publish(r.Context(), name, body, author)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	code := http.StatusOK
	if created {
		code = http.StatusCreated
		h.logf("commons: %s published %s (%s, %s)", v.Author, v.Hash, v.Name, v.Status)
	}
	writeJSON(w, code, PublishJSON{Version: v, Created: created})
}

// galleryPage is the gallery template's data.
type galleryPage struct {
	Designs  []commons.Version
	Form     url.Values
	Licences []commons.Licence
	Statuses []string
}

func (h *Handler) gallery(w http.ResponseWriter, r *http.Request) {
	_, vs, ok := h.search(w, r)
	if !ok {
		return
	}
	h.render(w, r, "gallery.html", galleryPage{Designs: vs, Form: r.URL.Query(), Licences: commons.Licences,
		Statuses: []string{commons.StatusBuildReady, commons.StatusDraft}})
}

func (h *Handler) page(w http.ResponseWriter, r *http.Request) {
	v, data, ok := h.version(w, r)
	if !ok {
		return
	}
	d, err := commons.Describe(r.Context(), h.Publisher.Store, h.Publisher.Catalog, v, data)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.render(w, r, "design.html", d)
}
