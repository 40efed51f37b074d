package classroom

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"
)

// A learner who lost their browser's storage lost their token with it, and
// their name is taken in the class by their own earlier self. They ask to
// rejoin (POST /api/rejoin) and get a new token that works only once the
// facilitator lets them back in on the class page; the old token then stops
// working. A join whose name is taken answers 409; the page then offers
// to ask to rejoin.

// RejoinResponse answers POST /api/rejoin (202) and GET /api/rejoin (200).
type RejoinResponse struct {
	LearnerID int64  `json:"learner_id,omitempty"`
	Class     string `json:"class,omitempty"`
	Name      string `json:"name,omitempty"`
	Token     string `json:"token,omitempty"`
	Status    string `json:"status"` // "pending" or "approved"
}

// handleRejoin records a request to rejoin. It shares the join limits per
// address (a wrong code costs one of the few wrong-code tokens) but works
// in a class closed for joining: the facilitator decides anyway.
func (s *Server) handleRejoin(w http.ResponseWriter, r *http.Request) {
	if !s.joinAllowed(w, r) {
		return
	}
	var req JoinRequest
	if !s.readJSON(w, r, &req) {
		return
	}
	name, err := CheckName("name", req.Name)
	if err != nil {
		s.apiError(w, r, http.StatusBadRequest, err.Error())
		return
	}
	c, ok := s.classByCode(w, r, req.Code)
	if !ok {
		return
	}
	tok, err := NewToken()
	if err != nil {
		s.apiError(w, r, http.StatusInternalServerError, "could not make a token")
		return
	}
	rq, err := s.Store.RequestRejoin(r.Context(), c.ID, name, tok)
	if errors.Is(err, ErrNotFound) {
		s.apiError(w, r, http.StatusNotFound, fmt.Sprintf("nobody called %q has joined %s: join as a new learner", name, c.Name))
		return
	} else if err != nil {
		s.apiError(w, r, http.StatusInternalServerError, "could not record the request")
		return
	}
	writeJSON(w, http.StatusAccepted, RejoinResponse{LearnerID: rq.LearnerID, Class: c.Name, Name: name, Token: tok, Status: "pending"})
}

// handleRejoinStatus tells a learner who asked to rejoin whether they are
// back in: 200 pending or approved; 404 when the request was refused.
func (s *Server) handleRejoinStatus(w http.ResponseWriter, r *http.Request) {
	tok, ok := bearer(r)
	if !ok {
		s.apiError(w, r, http.StatusUnauthorized, "no rejoin token")
		return
	}
	if l, err := s.Store.LearnerByToken(r.Context(), tok); err == nil {
		writeJSON(w, http.StatusOK, RejoinResponse{LearnerID: l.ID, Name: l.Name, Status: "approved"})
		return
	}
	pending, err := s.Store.RejoinPending(r.Context(), tok)
	if err != nil {
		s.apiError(w, r, http.StatusInternalServerError, "could not read the request")
		return
	}
	if !pending {
		s.apiError(w, r, http.StatusNotFound, "your facilitator did not let you back in under that name")
		return
	}
	writeJSON(w, http.StatusOK, RejoinResponse{Status: "pending"})
}

func bearer(r *http.Request) (string, bool) {
	tok, ok := r.Header.Get("Authorization"), false
	if len(tok) > 7 && tok[:7] == "Bearer " {
		tok, ok = tok[7:], true
	}
	return tok, ok
}

// handleRejoinDecision approves or refuses a request from the class page.
func (s *Server) handleRejoinDecision(w http.ResponseWriter, r *http.Request) {
	class, err1 := strconv.ParseInt(r.PathValue("id"), 10, 64)
	req, err2 := strconv.ParseInt(r.PathValue("req"), 10, 64)
	if err1 != nil || err2 != nil {
		http.Error(w, "class and request ids must be numbers", http.StatusBadRequest)
		return
	}
	var err error
	switch r.PathValue("decision") {
	case "approve":
		_, err = s.Store.ApproveRejoin(r.Context(), class, req)
	case "refuse":
		err = s.Store.RefuseRejoin(r.Context(), class, req)
	default:
		http.NotFound(w, r)
		return
	}
	if errors.Is(err, ErrNotFound) {
		http.Error(w, fmt.Sprintf("class %d has no open rejoin request %d", class, req), http.StatusNotFound)
		return
	} else if err != nil {
		http.Error(w, "could not record the decision", http.StatusInternalServerError)
		return
	}
	http.Redirect(w, r, fmt.Sprintf("/dashboard/classes/%d", class), http.StatusSeeOther)
}
