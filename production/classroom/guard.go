package classroom

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"
)

// joinAllowed applies the per-address join limit and the stricter one on
// wrong join codes (a guesser is stopped even before a wrong guess lands).
func (s *Server) joinAllowed(w http.ResponseWriter, r *http.Request) bool {
	addr := clientAddr(r)
	if ok, wait := s.badCodes.peek(addr); !ok {
		retryAfter(w, wait)
		s.apiError(w, r, http.StatusTooManyRequests, "too many wrong join codes from this address: wait and try again")
		return false
	}
	if ok, wait := s.joins.take(addr); !ok {
		retryAfter(w, wait)
		s.apiError(w, r, http.StatusTooManyRequests, "too many joins from this address: wait and try again")
		return false
	}
	return true
}

// joinClass finds the class of a join code that is open for joining. A
// wrong code costs the address one of its few wrong-code tokens.
func (s *Server) joinClass(w http.ResponseWriter, r *http.Request, code string) (Class, bool) {
	c, ok := s.classByCode(w, r, code)
	if ok && !c.JoiningOpen {
		s.apiError(w, r, http.StatusForbidden, fmt.Sprintf("%s is closed for joining: ask the facilitator", c.Name))
		return c, false
	}
	return c, ok
}

// classByCode looks up the class with the join code, open for joining or
// not (a rejoin request works in a closed class); an unknown code counts
// against the address's wrong-code limit.
func (s *Server) classByCode(w http.ResponseWriter, r *http.Request, code string) (Class, bool) {
	c, err := s.Store.ClassByCode(r.Context(), NormalizeCode(code))
	if errors.Is(err, ErrNotFound) {
		s.badCodes.take(clientAddr(r))
		s.apiError(w, r, http.StatusNotFound, fmt.Sprintf("no class has the join code %q", clip(code, 20)))
		return c, false
	} else if err != nil {
		s.apiError(w, r, http.StatusInternalServerError, "could not look up the class")
		return c, false
	}
	return c, true
}

func clip(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n]) + "..."
	}
	return s
}

// submitAllowed applies the per-learner submission rate.
func (s *Server) submitAllowed(w http.ResponseWriter, r *http.Request, l Learner) bool {
	if ok, wait := s.submits.take(fmt.Sprint(l.ID)); !ok {
		retryAfter(w, wait)
		s.apiError(w, r, http.StatusTooManyRequests, "too many submissions: wait a moment and send it again")
		return false
	}
	return true
}

// MaxIdempotencyKey bounds the Idempotency-Key header.
const MaxIdempotencyKey = 100

// idempotencyKey is the client's Idempotency-Key header, else the kind,
// level and replay hash: a retried submission is then recorded once.
func (s *Server) idempotencyKey(w http.ResponseWriter, r *http.Request, req SubmitRequest, hash string) (string, bool) {
	k := r.Header.Get("Idempotency-Key")
	if k == "" {
		return req.Kind + "/" + req.Level + "/sha256:" + hash, true
	}
	if len(k) > MaxIdempotencyKey || strings.IndexFunc(k, func(c rune) bool { return c < 0x21 || c > 0x7e }) >= 0 {
		s.apiError(w, r, http.StatusBadRequest, fmt.Sprintf("Idempotency-Key must be 1 to %d printable ASCII characters", MaxIdempotencyKey))
		return "", false
	}
	return "key:" + k, true
}

// verifyLimited re-simulates the replay in one of Limits.Verifications
// slots, within Limits.VerifyTimeout. With every slot busy it waits up to
// Limits.QueueWait behind at most Limits.Queue others, else answers 503
// with Retry-After.
func (s *Server) verifyLimited(w http.ResponseWriter, r *http.Request, req SubmitRequest) (Verified, bool) {
	if !s.acquireVerify(r.Context()) {
		retryAfter(w, time.Second)
		s.apiError(w, r, http.StatusServiceUnavailable, "the server is busy checking other replays: send it again in a moment")
		return Verified{}, false
	}
	defer func() { <-s.verify }()
	ctx, cancel := context.WithTimeout(r.Context(), s.Limits.VerifyTimeout)
	defer cancel()
	v, err := s.Verifier.Verify(ctx, req.Kind, req.Level, []byte(req.Replay))
	if err != nil {
		if ctx.Err() != nil {
			err = fmt.Errorf("re-simulating it took longer than %s (%w)", s.Limits.VerifyTimeout, err)
		}
		s.apiError(w, r, http.StatusUnprocessableEntity, "replay does not verify: "+err.Error())
		return Verified{}, false
	}
	return v, true
}

func (s *Server) acquireVerify(ctx context.Context) bool {
	select {
	case s.verify <- struct{}{}:
		return true
	default:
	}
	if s.waiting.Add(1) > int64(s.Limits.Queue) {
		s.waiting.Add(-1)
		return false
	}
	defer s.waiting.Add(-1)
	t := time.NewTimer(s.Limits.QueueWait)
	defer t.Stop()
	select {
	case s.verify <- struct{}{}:
		return true
	case <-t.C:
		return false
	case <-ctx.Done():
		return false
	}
}
