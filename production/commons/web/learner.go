package web

import (
	"context"
	"crypto/subtle"
	"errors"
	"net/http"
	"strings"

	"github.com/opensourceecology/prodos/production/commons"
)

// ErrUnknownLearner is what a Handler.Learner returns for a token that is
// no class learner's.
var ErrUnknownLearner = errors.New("unknown learner token")

// LearnerFunc finds the class learner a bearer token belongs to: the
// learner's name (the version's author) and whether the class has verified
// the Designer qualification for them. `prodos serve` reads both from the
// classroom database, so a learner who joined a class publishes from the
// game with the token the page got when they joined.
type LearnerFunc func(ctx context.Context, token string) (name string, designer bool, err error)

// publisher decides who publishes a request: with the facilitator token,
// the ?as= profile, qualified by the profiles database (Publisher as is);
// with a class learner's token (Learner), that learner, qualified by the
// class. Without a Token nothing is asked (the in-process CLI). ok false
// means the refusal is written.
func (h *Handler) publisher(w http.ResponseWriter, r *http.Request) (p *commons.Publisher, author string, ok bool) {
	author = r.URL.Query().Get("as")
	if h.Token == "" {
		return h.Publisher, author, true
	}
	got, bearer := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	if bearer && subtle.ConstantTimeCompare([]byte(got), []byte(h.Token)) == 1 {
		return h.Publisher, author, true
	}
	msg := "publishing needs the facilitator token (Authorization: Bearer TOKEN)"
	if h.Learner != nil {
		msg = "publishing needs the facilitator token or a class learner's token (join a class first)"
		if bearer && got != "" {
			name, designer, err := h.Learner(r.Context(), got)
			if err == nil {
				lp := *h.Publisher
				lp.Designer = func(context.Context, string) (bool, error) { return designer, nil }
				return &lp, name, true
			}
			if !errors.Is(err, ErrUnknownLearner) {
				h.fail(w, r, err)
				return nil, "", false
			}
		}
	}
	writeJSON(w, http.StatusUnauthorized, apiError{msg, "unauthorized"})
	return nil, "", false
}
