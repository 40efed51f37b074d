package classroom

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"
)

// classAction runs a facilitator's enrolment action on the class in the
// path and redirects back to the class page.
func (s *Server) classAction(act func(r *http.Request, classID int64) error) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
		if err != nil || id <= 0 {
			http.Error(w, "class id must be a positive number", http.StatusBadRequest)
			return
		}
		r.Body = http.MaxBytesReader(w, r.Body, 4096)
		if err := r.ParseForm(); err != nil {
			http.Error(w, "bad form", http.StatusBadRequest)
			return
		}
		switch err := act(r, id); {
		case errors.Is(err, ErrNotFound):
			http.Error(w, fmt.Sprintf("no such class or learner in class %d", id), http.StatusNotFound)
		case errors.As(err, new(badForm)):
			http.Error(w, err.Error(), http.StatusBadRequest)
		case err != nil:
			http.Error(w, "could not change the class", http.StatusInternalServerError)
		default:
			http.Redirect(w, r, fmt.Sprintf("/dashboard/classes/%d", id), http.StatusSeeOther)
		}
	}
}

type badForm string

func (b badForm) Error() string { return string(b) }

func (s *Server) handleJoining(r *http.Request, classID int64) error {
	open := r.PostForm.Get("open")
	if open != "0" && open != "1" {
		return badForm(fmt.Sprintf("open must be 0 or 1, got %q", open))
	}
	return s.Store.SetJoining(r.Context(), classID, open == "1")
}

func (s *Server) handleRotateCode(r *http.Request, classID int64) error {
	for try := 0; ; try++ {
		code, err := NewJoinCode()
		if err != nil {
			return err
		}
		err = s.Store.RotateCode(r.Context(), classID, code)
		if errors.Is(err, ErrDuplicate) && try < 5 {
			continue
		}
		return err
	}
}

func (s *Server) handleRemoveLearner(r *http.Request, classID int64) error {
	lid, err := strconv.ParseInt(r.PostForm.Get("learner"), 10, 64)
	if err != nil || lid <= 0 {
		return badForm(fmt.Sprintf("learner must be a learner id, got %q", r.PostForm.Get("learner")))
	}
	return s.Store.RemoveLearner(r.Context(), classID, lid)
}
