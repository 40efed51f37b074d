package classroom

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/hex"
	"errors"
	"fmt"
	"html/template"
	"net/http"
	"strings"
	"sync"
	"time"
	"unicode/utf8"
)

// MinTokenLength and MinTokenDistinct make a facilitator token hard to
// guess: "aaaaaaaaaaaa" or "classroom123" are refused.
const (
	MinTokenLength   = 16
	MinTokenDistinct = 8
)

// CheckToken refuses a weak facilitator token.
func CheckToken(tok string) error {
	if utf8.RuneCountInString(tok) < MinTokenLength {
		return fmt.Errorf("the facilitator token must be at least %d characters", MinTokenLength)
	}
	distinct := map[rune]bool{}
	for _, r := range tok {
		distinct[r] = true
	}
	if len(distinct) < MinTokenDistinct {
		return fmt.Errorf("the facilitator token must use at least %d different characters (it has %d): use a random one, e.g. from `openssl rand -hex 16`", MinTokenDistinct, len(distinct))
	}
	if strings.ContainsAny(tok, " \t\r\n") {
		return errors.New("the facilitator token must not contain spaces or line breaks")
	}
	return nil
}

// SessionCookie holds a facilitator's session id (never the token).
const SessionCookie = "prodos_session"

// sessionTTL is how long a facilitator stays logged in.
const sessionTTL = 12 * time.Hour

// sessions maps random session ids to their expiry. It lives in memory: a
// restart logs facilitators out, which is the safe direction.
type sessions struct {
	mu sync.Mutex
	m  map[string]time.Time
}

func (s *sessions) create(now time.Time) (string, error) {
	buf := make([]byte, 32)
	if _, err := rand.Read(buf); err != nil {
		return "", fmt.Errorf("session: %w", err)
	}
	id := hex.EncodeToString(buf)
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.m == nil {
		s.m = map[string]time.Time{}
	}
	for k, exp := range s.m {
		if now.After(exp) {
			delete(s.m, k)
		}
	}
	s.m[id] = now.Add(sessionTTL)
	return id, nil
}

func (s *sessions) valid(id string, now time.Time) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	exp, ok := s.m[id]
	return ok && now.Before(exp)
}

func (s *sessions) end(id string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.m, id)
}

func (s *Server) tokenOK(given string) bool {
	return s.Token != "" && given != "" && subtle.ConstantTimeCompare([]byte(given), []byte(s.Token)) == 1
}

// startSession sets the session cookie (HttpOnly, SameSite=Strict, Secure
// over TLS) for a facilitator who gave the right token.
func (s *Server) startSession(w http.ResponseWriter, r *http.Request) bool {
	id, err := s.sessions.create(s.now())
	if err != nil {
		http.Error(w, "could not start a session", http.StatusInternalServerError)
		return false
	}
	http.SetCookie(w, &http.Cookie{Name: SessionCookie, Value: id, Path: "/", HttpOnly: true, Secure: r.TLS != nil,
		SameSite: http.SameSiteStrictMode, MaxAge: int(sessionTTL.Seconds())})
	return true
}

// facilitator guards dashboard pages: a session cookie from logging in, or
// "Authorization: Bearer TOKEN" for scripts. An address given once as
// ?token= logs in and redirects to the same address without the token, so
// the token does not stay in the address bar or the history.
func (s *Server) facilitator(next http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if tok, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer "); ok {
			if !s.loginAllowed(w, r) {
				return
			}
			if !s.tokenOK(tok) {
				s.loginFailed(w, r, http.StatusUnauthorized)
				return
			}
		} else if q := r.URL.Query(); q.Has("token") {
			if !s.loginAllowed(w, r) {
				return
			}
			if !s.tokenOK(q.Get("token")) {
				s.loginFailed(w, r, http.StatusUnauthorized)
				return
			}
			if !s.startSession(w, r) {
				return
			}
			q.Del("token")
			clean := *r.URL
			clean.RawQuery = q.Encode()
			http.Redirect(w, r, clean.RequestURI(), http.StatusSeeOther)
			return
		} else if c, err := r.Cookie(SessionCookie); err != nil || !s.sessions.valid(c.Value, s.now()) {
			s.loginPage(w, http.StatusUnauthorized, "")
			return
		}
		w.Header().Set("Cache-Control", "no-store")
		next(w, r)
	}
}

// loginAllowed applies the per-address limit on facilitator token guesses.
func (s *Server) loginAllowed(w http.ResponseWriter, r *http.Request) bool {
	if ok, wait := s.logins.peek(clientAddr(r)); !ok {
		retryAfter(w, wait)
		s.log.printf("%s %s: 429 too many wrong facilitator tokens from %s", r.Method, r.URL.Path, clientAddr(r))
		http.Error(w, "too many wrong facilitator tokens from this address: wait and try again", http.StatusTooManyRequests)
		return false
	}
	return true
}

func (s *Server) loginFailed(w http.ResponseWriter, r *http.Request, status int) {
	s.logins.take(clientAddr(r))
	s.log.printf("%s %s: %d facilitator token wrong (from %s)", r.Method, r.URL.Path, status, clientAddr(r))
	s.loginPage(w, status, "That is not the facilitator token.")
}

// loginTmpl is parsed on first use, not at every start of the CLI.
var loginTmpl = sync.OnceValue(func() *template.Template {
	return template.Must(template.New("login").Parse(`<!doctype html><meta charset="utf-8"><title>Facilitator log in</title>
<h1>Facilitator log in</h1>{{if .}}<p><strong>{{.}}</strong></p>{{end}}
<form method="post" action="/dashboard/login"><label>Facilitator token <input type="password" name="token" autocomplete="current-password" autofocus></label> <button>Log in</button></form>
<p>The token is the one <code>prodos serve</code> was started with (<code>--token-file</code>, <code>PRODOS_FACILITATOR_TOKEN</code> or the file it printed).</p>`))
})

func (s *Server) loginPage(w http.ResponseWriter, status int, msg string) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	loginTmpl().Execute(w, msg)
}

// handleLogin checks the posted token, starts a session and redirects to
// the dashboard.
func (s *Server) handleLogin(w http.ResponseWriter, r *http.Request) {
	if !s.loginAllowed(w, r) {
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, 4096)
	if err := r.ParseForm(); err != nil {
		http.Error(w, "bad form", http.StatusBadRequest)
		return
	}
	if !s.tokenOK(r.PostForm.Get("token")) {
		s.loginFailed(w, r, http.StatusUnauthorized)
		return
	}
	if s.startSession(w, r) {
		http.Redirect(w, r, "/dashboard", http.StatusSeeOther)
	}
}

func (s *Server) handleLogout(w http.ResponseWriter, r *http.Request) {
	if c, err := r.Cookie(SessionCookie); err == nil {
		s.sessions.end(c.Value)
	}
	http.SetCookie(w, &http.Cookie{Name: SessionCookie, Value: "", Path: "/", MaxAge: -1, HttpOnly: true, SameSite: http.SameSiteStrictMode})
	http.Redirect(w, r, "/dashboard", http.StatusSeeOther)
}
