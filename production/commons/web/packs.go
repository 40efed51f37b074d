package web

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"

	"github.com/opensourceecology/prodos/production/commons"
)

// PacksJSON is the body of GET /api/commons/packs.
type PacksJSON struct {
	Packs []commons.PackVersion `json:"packs"`
}

// PackJSON is the body of GET /api/commons/packs/{hash} and of a publish:
// the pack and (publish only) whether this call stored it.
type PackJSON struct {
	Pack     commons.PackVersion `json:"pack"`
	Created  bool                `json:"created"`
	Download string              `json:"download"`
}

// packRoutes adds the module pack pages and API.
func (h *Handler) packRoutes(m *http.ServeMux) {
	m.HandleFunc("GET /commons/packs", h.packsPage)
	m.HandleFunc("GET /commons/packs/{hash}/pack.toml", h.packFile)
	m.HandleFunc("GET /api/commons/packs", h.apiPacks)
	m.HandleFunc("POST /api/commons/packs", h.apiPublishPack)
	m.HandleFunc("GET /api/commons/packs/{hash}", h.apiPack)
}

func (h *Handler) packs(w http.ResponseWriter, r *http.Request) ([]commons.PackVersion, bool) {
	limit := 0
	if s := r.URL.Query().Get("limit"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 {
			h.fail(w, r, fmt.Errorf("%w: limit must be a positive number, got %q", commons.ErrInvalid, s))
			return nil, false
		}
		limit = n
	}
	ps, err := h.Publisher.Store.Packs(r.Context(), limit)
	if err != nil {
		h.fail(w, r, err)
		return nil, false
	}
	return append([]commons.PackVersion{}, ps...), true
}

func (h *Handler) packsPage(w http.ResponseWriter, r *http.Request) {
	if ps, ok := h.packs(w, r); ok {
		h.render(w, r, "packs.html", ps)
	}
}

func (h *Handler) apiPacks(w http.ResponseWriter, r *http.Request) {
	if ps, ok := h.packs(w, r); ok {
		writeJSON(w, http.StatusOK, PacksJSON{Packs: ps})
	}
}

// pack reads the {hash} of the path and the stored pack.
func (h *Handler) pack(w http.ResponseWriter, r *http.Request) (commons.PackVersion, []byte, bool) {
	hash := r.PathValue("hash")
	if !commons.IsHash(hash) {
		h.fail(w, r, fmt.Errorf("%w: %q is not a pack id (64 hex digits)", commons.ErrPackNotFound, hash))
		return commons.PackVersion{}, nil, false
	}
	v, data, err := h.Publisher.Store.GetPack(r.Context(), hash)
	if err != nil {
		h.fail(w, r, err)
		return commons.PackVersion{}, nil, false
	}
	return v, data, true
}

func packDownload(hash string) string { return "/commons/packs/" + hash + "/pack.toml" }

func (h *Handler) apiPack(w http.ResponseWriter, r *http.Request) {
	if v, _, ok := h.pack(w, r); ok {
		writeJSON(w, http.StatusOK, PackJSON{Pack: v, Download: packDownload(v.Hash)})
	}
}

func (h *Handler) packFile(w http.ResponseWriter, r *http.Request) {
	v, data, ok := h.pack(w, r)
	if !ok {
		return
	}
	w.Header().Set("Content-Type", "application/toml; charset=utf-8")
	w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="%s.toml"`, v.Hash))
	w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
	_, _ = w.Write(data)
}

// apiPublishPack publishes the request body (a pack file) as ?as=PROFILE
// (with the facilitator token) or as the class learner whose token it is,
// as a design is published.
func (h *Handler) apiPublishPack(w http.ResponseWriter, r *http.Request) {
	p, author, ok := h.publisher(w, r)
	if !ok {
		return
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, commons.MaxUpload))
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			err = fmt.Errorf("%w: more than the %d bytes a published pack may be", commons.ErrTooLarge, commons.MaxUpload)
		}
		h.fail(w, r, err)
		return
	}
	name := r.URL.Query().Get("file")
	if name == "" {
		name = "pack.toml"
	}
	v, created, err := p.PublishPack(r.Context(), name, body, author)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	code := http.StatusOK
	if created {
		code = http.StatusCreated
		h.logf("commons: %s published pack %s (%s)", v.Author, v.Hash, v.ID)
	}
	writeJSON(w, code, PackJSON{Pack: v, Created: created, Download: packDownload(v.Hash)})
}
