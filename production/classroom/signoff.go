package classroom

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
)

// SignOffRequest is the dashboard's practical sign-off form: an assessor
// attests that a learner built a module in a measured time.
type SignOffRequest struct {
	Learner, Assessor, Qualification, Module string
	Date                                     string // YYYY-MM-DD; "" is today
	Minutes                                  int
	Notes                                    string
	PhotoHash                                string // "sha256:<hex>" of a photo, optional
}

// SignOffFunc signs and records a practical sign-off with the assessor's
// own key and returns what it recorded, in words; an error says why it was
// refused. prodos serve provides it (production/training/signoff).
type SignOffFunc func(ctx context.Context, req SignOffRequest) (string, error)

// signOffLimit is the largest sign-off form read.
const signOffLimit = 8 << 10

func (s *Server) handleSignOffForm(w http.ResponseWriter, r *http.Request) {
	s.render(w, "signoff.html", map[string]any{"Enabled": s.SignOff != nil})
}

// sameOrigin reports whether a form post comes from this server's own
// pages: besides the SameSite=Strict session cookie, a browser's Origin
// (or Sec-Fetch-Site) must not name another site.
func sameOrigin(r *http.Request) bool {
	if site := r.Header.Get("Sec-Fetch-Site"); site != "" && site != "same-origin" && site != "none" {
		return false
	}
	o := r.Header.Get("Origin")
	if o == "" {
		return true // not a browser's cross-site form (those send Origin)
	}
	u, err := url.Parse(o)
	return err == nil && u.Host == r.Host
}

func (s *Server) handleSignOff(w http.ResponseWriter, r *http.Request) {
	if !sameOrigin(r) {
		http.Error(w, "cross-site form post refused", http.StatusForbidden)
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, signOffLimit)
	if err := r.ParseForm(); err != nil {
		http.Error(w, "bad form", http.StatusBadRequest)
		return
	}
	f := func(k string) string { return strings.TrimSpace(r.PostForm.Get(k)) }
	req := SignOffRequest{Learner: f("learner"), Assessor: f("assessor"), Qualification: f("qualification"),
		Module: f("module"), Date: f("date"), Notes: f("notes"), PhotoHash: f("photo_hash")}
	data := map[string]any{"Enabled": s.SignOff != nil, "Form": req}
	var err error
	if req.Minutes, err = strconv.Atoi(f("minutes")); err != nil {
		data["Refused"] = "measured time: give whole minutes, got " + strconv.Quote(clip(f("minutes"), 20))
		w.WriteHeader(http.StatusUnprocessableEntity)
		s.render(w, "signoff.html", data)
		return
	}
	data["Minutes"] = req.Minutes
	if s.SignOff == nil {
		http.Error(w, "this server does not record practical sign-offs", http.StatusNotImplemented)
		return
	}
	done, err := s.SignOff(r.Context(), req)
	if err != nil {
		s.log.printf("%s %s: sign-off refused: %v", r.Method, r.URL.Path, err)
		data["Refused"] = err.Error()
		w.WriteHeader(http.StatusUnprocessableEntity)
	} else {
		data["Done"] = done
		delete(data, "Form")
	}
	s.render(w, "signoff.html", data)
}
