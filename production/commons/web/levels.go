package web

import (
	"crypto/subtle"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"

	"github.com/opensourceecology/prodos/levels"
	"github.com/opensourceecology/prodos/production/commons"
)

// LevelsJSON is the body of GET /api/commons/levels.
type LevelsJSON struct {
	Levels []commons.LevelVersion `json:"levels"`
}

// LevelJSON is the body of GET /api/commons/levels/{hash} and of a
// publish: the level and (publish only) whether this call stored it.
type LevelJSON struct {
	Level    commons.LevelVersion `json:"level"`
	Created  bool                 `json:"created"`
	Download string               `json:"download"`
}

// levelRoutes adds the design level pages and API.
func (h *Handler) levelRoutes(m *http.ServeMux) {
	m.HandleFunc("GET /commons/levels", h.levelsPage)
	m.HandleFunc("GET /commons/levels/{hash}/level.toml", h.levelFile)
	m.HandleFunc("GET /api/commons/levels", h.apiLevels)
	m.HandleFunc("POST /api/commons/levels", h.apiPublishLevel)
	m.HandleFunc("GET /api/commons/levels/{hash}", h.apiLevel)
}

func (h *Handler) levelList(w http.ResponseWriter, r *http.Request) ([]commons.LevelVersion, bool) {
	limit := 0
	if s := r.URL.Query().Get("limit"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 {
			h.fail(w, r, fmt.Errorf("%w: limit must be a positive number, got %q", commons.ErrInvalid, s))
			return nil, false
		}
		limit = n
	}
	ls, err := h.Publisher.Store.Levels(r.Context(), limit)
	if err != nil {
		h.fail(w, r, err)
		return nil, false
	}
	return append([]commons.LevelVersion{}, ls...), true
}

func (h *Handler) levelsPage(w http.ResponseWriter, r *http.Request) {
	if ls, ok := h.levelList(w, r); ok {
		h.render(w, r, "levels.html", ls)
	}
}

func (h *Handler) apiLevels(w http.ResponseWriter, r *http.Request) {
	if ls, ok := h.levelList(w, r); ok {
		writeJSON(w, http.StatusOK, LevelsJSON{Levels: ls})
	}
}

// level reads the {hash} of the path and the stored level.
func (h *Handler) level(w http.ResponseWriter, r *http.Request) (commons.LevelVersion, []byte, bool) {
	hash := r.PathValue("hash")
	if !commons.IsHash(hash) {
		h.fail(w, r, fmt.Errorf("%w: %q is not a level id (64 hex digits)", commons.ErrLevelNotFound, hash))
		return commons.LevelVersion{}, nil, false
	}
	v, data, err := h.Publisher.Store.GetLevel(r.Context(), hash)
	if err != nil {
		h.fail(w, r, err)
		return commons.LevelVersion{}, nil, false
	}
	return v, data, true
}

// LevelDownload is the path of a published level's file.
func LevelDownload(hash string) string { return "/commons/levels/" + hash + "/level.toml" }

func (h *Handler) apiLevel(w http.ResponseWriter, r *http.Request) {
	if v, _, ok := h.level(w, r); ok {
		writeJSON(w, http.StatusOK, LevelJSON{Level: v, Download: LevelDownload(v.Hash)})
	}
}

// levelFile serves the level file as published; its SHA-256 is the hash
// (the browser game checks it before playing).
func (h *Handler) levelFile(w http.ResponseWriter, r *http.Request) {
	v, data, ok := h.level(w, r)
	if !ok {
		return
	}
	w.Header().Set("Content-Type", "application/toml; charset=utf-8")
	w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="%s.toml"`, v.Hash))
	w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
	_, _ = w.Write(data)
}

// apiPublishLevel publishes the request body (a level file) as ?as=PROFILE.
func (h *Handler) apiPublishLevel(w http.ResponseWriter, r *http.Request) {
	if !h.facilitatorOnly(w, r) {
		return
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, levels.MaxLevelFile))
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			err = fmt.Errorf("%w: more than the %d bytes a level may be", commons.ErrTooLarge, levels.MaxLevelFile)
		}
		h.fail(w, r, err)
		return
	}
	name := r.URL.Query().Get("file")
	if name == "" {
		name = "level.toml"
	}
	v, created, err := h.Publisher.PublishLevel(r.Context(), name, body, r.URL.Query().Get("as"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	code := http.StatusOK
	if created {
		code = http.StatusCreated
		h.logf("commons: %s published level %s (%s)", v.Author, v.Hash, v.ID)
	}
	writeJSON(w, code, LevelJSON{Level: v, Created: created, Download: LevelDownload(v.Hash)})
}

// facilitatorOnly checks the facilitator token publishing a level needs
// (when the handler has one: a learner's token does not do); false means
// the 401 answer is written.
func (h *Handler) facilitatorOnly(w http.ResponseWriter, r *http.Request) bool {
	if h.Token == "" {
		return true
	}
	got, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	if ok && subtle.ConstantTimeCompare([]byte(got), []byte(h.Token)) == 1 {
		return true
	}
	writeJSON(w, http.StatusUnauthorized, apiError{"publishing a level needs the facilitator token (Authorization: Bearer TOKEN)", "unauthorized"})
	return false
}
