package classroom

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/opensourceecology/prodos/engine/training"
	"github.com/opensourceecology/prodos/production/classroom/submission"
)

// ErrAttemptUsed is returned by AddResult when the result's attempt id is
// used already (or is not the learner's).
var ErrAttemptUsed = errors.New("attempt id already used")

// Flag is a refused submission shown on the facilitator's class page: a
// learner sent a replay already credited to another learner, or a replay
// bound to another learner's attempt.
type Flag struct {
	ID         int64
	LearnerID  int64
	Learner    string
	Level      string
	ReplayHash string
	Reason     string
	At         time.Time
}

// AttemptRequest is the body of POST /api/attempts (package submission,
// shared with the game).
type AttemptRequest = submission.AttemptRequest

// AttemptResponse answers POST /api/attempts.
type AttemptResponse = submission.AttemptResponse

// Attestation of every result this server records: it issued the attempt
// id, timed the attempt on its own clock and re-simulated the replay.
const Attestation = "verified"

// ValidChallenge, when set, says whether a challenge id exists (the
// server refuses attempt ids for others); nil accepts any well-formed id.
type ValidChallenge func(id string) bool

func (s *Server) handleStartAttempt(w http.ResponseWriter, r *http.Request) {
	l, ok := s.learner(w, r)
	if !ok || !s.submitAllowed(w, r, l) {
		return
	}
	var req AttemptRequest
	if !s.readJSON(w, r, &req) {
		return
	}
	if req.Kind != KindChallenge {
		s.apiError(w, r, http.StatusBadRequest, fmt.Sprintf("attempt ids are for %q attempts, got kind %q", KindChallenge, req.Kind))
		return
	}
	if (SubmitRequest{Kind: req.Kind, Level: req.Level, Replay: "-"}).Check() != nil || (s.Challenge != nil && !s.Challenge(req.Level)) {
		s.apiError(w, r, http.StatusBadRequest, fmt.Sprintf("no challenge %q", req.Level))
		return
	}
	id, err := NewToken()
	if err != nil {
		s.apiError(w, r, http.StatusInternalServerError, "could not make an attempt id")
		return
	}
	t := training.Ticket{ID: id, Learner: l.Name, Challenge: req.Level, Issued: s.now().UTC()}
	if err := s.Store.IssueAttempt(r.Context(), l.ID, t); err != nil {
		s.apiError(w, r, http.StatusInternalServerError, "could not issue an attempt id")
		return
	}
	writeJSON(w, http.StatusCreated, AttemptResponse{AttemptID: id, Learner: l.Name, Level: req.Level, IssuedAt: t.Issued})
}

// checkAttempt refuses a challenge result that may not count for learner
// l: a demonstration; a replay already credited to another learner or
// bound to another learner's attempt id (both flagged for the
// facilitator); no, an unknown or a used attempt id; wall-clock times
// outside the time between the id's issue and now. It writes the refusal.
func (s *Server) checkAttempt(w http.ResponseWriter, r *http.Request, l Learner, hash string, v Verified) bool {
	ctx := r.Context()
	refuse := func(status int, err error) bool {
		s.apiError(w, r, status, "refused: "+err.Error())
		return false
	}
	if v.Demo {
		return refuse(http.StatusUnprocessableEntity, training.CheckTicket(v.Attempt, true, v.Level, nil, l.Name, s.now()))
	}
	other, err := s.Store.CreditedTo(ctx, hash, l.ID)
	if err != nil {
		return refuse(http.StatusInternalServerError, errors.New("could not check the replay"))
	}
	if other != "" {
		s.flag(ctx, l, v, hash, fmt.Sprintf("sent a replay already credited to %s", other))
		return refuse(http.StatusConflict, errors.New("this replay is already credited to another learner; your facilitator has been told"))
	}
	var t *training.Ticket
	if v.Attempt.ID != "" {
		var owner int64
		if t, owner, err = s.Store.AttemptTicket(ctx, v.Attempt.ID); err != nil {
			return refuse(http.StatusInternalServerError, errors.New("could not read the attempt id"))
		}
		if t != nil && owner != l.ID {
			s.flag(ctx, l, v, hash, fmt.Sprintf("sent a replay of attempt %s, issued to %s", v.Attempt.ID, t.Learner))
			t.Learner = "" // another learner's: CheckTicket refuses it
		}
	}
	if err := training.CheckTicket(v.Attempt, false, v.Level, t, l.Name, s.now()); err != nil {
		return refuse(http.StatusUnprocessableEntity, err)
	}
	return true
}

// flag records a refused submission for the class page (a failure to
// record it is logged; the submission is refused all the same).
func (s *Server) flag(ctx context.Context, l Learner, v Verified, hash, reason string) {
	f := Flag{LearnerID: l.ID, Learner: l.Name, Level: v.Level, ReplayHash: hash, Reason: reason, At: s.now().UTC()}
	if err := s.Store.AddFlag(ctx, f); err != nil {
		s.log.printf("flag %s: %v", l.Name, err)
	}
}
