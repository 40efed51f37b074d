package main

import (
	"crypto/ed25519"
	"log"
	"net/http"
	"time"

	"github.com/opensourceecology/prodos/production/classroom"
	"github.com/opensourceecology/prodos/production/training/badge"
	"github.com/opensourceecology/prodos/production/training/profiles"
)

// issuerRoutes publishes what a verifier elsewhere needs to check this
// installation's badges: the issuer profile document (GET /issuer) and the
// revocation status list (GET /credentials/status/1), both signed with the
// issuer key. Their URLs are built from the request's host, so they match
// the URLs the badges name when issued with --issuer-url set to this
// server's address. Every other request goes to next.
type issuerRoutes struct {
	key   ed25519.PrivateKey
	creds profiles.CredentialStore
	name  string
	log   *log.Logger
	next  http.Handler
	mux   *http.ServeMux
}

func newIssuerRoutes(key ed25519.PrivateKey, creds profiles.CredentialStore, logger *log.Logger, next http.Handler) *issuerRoutes {
	h := &issuerRoutes{key: key, creds: creds, name: issuerName(), log: logger, next: next, mux: http.NewServeMux()}
	h.mux.HandleFunc("GET "+badge.IssuerPath, h.profile)
	h.mux.HandleFunc("GET "+badge.StatusListPath, h.statusList)
	h.mux.Handle("/", next)
	return h
}

func (h *issuerRoutes) ServeHTTP(w http.ResponseWriter, r *http.Request) { h.mux.ServeHTTP(w, r) }

func baseURL(r *http.Request) string {
	if r.TLS != nil {
		return "https://" + r.Host
	}
	return "http://" + r.Host
}

func (h *issuerRoutes) profile(w http.ResponseWriter, r *http.Request) {
	data, err := badge.IssuerProfile(h.key, h.name, baseURL(r), time.Now())
	h.write(w, r, "application/ld+json", data, err)
}

func (h *issuerRoutes) statusList(w http.ResponseWriter, r *http.Request) {
	all, err := h.creds.Credentials(r.Context())
	var data []byte
	if err == nil {
		var revoked []int
		for _, c := range all {
			if c.Revoked() {
				revoked = append(revoked, c.Index)
			}
		}
		data, err = badge.IssueStatusList(h.key, baseURL(r)+badge.StatusListPath, revoked, time.Now())
	}
	h.write(w, r, "application/vc+ld+json", data, err)
}

func (h *issuerRoutes) write(w http.ResponseWriter, r *http.Request, ctype string, data []byte, err error) {
	if err != nil {
		h.log.Printf("%s %s: %v", r.Method, r.URL.Path, err)
		http.Error(w, "could not build the document", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("Cache-Control", "no-cache")
	w.Header().Set("Access-Control-Allow-Origin", "*")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Write(data)
}

// servedIssuer is what prodos serve needs for the issuer routes and the
// dashboard's sign-off form: the issuer key, the profiles database and the
// sign-off gate.
type servedIssuer struct {
	key  ed25519.PrivateKey
	st   profiles.Store
	gate profiles.Gate
}

// serveIssuer loads the issuer key and opens the profiles database; nil
// and the exit code when it cannot (the problem is printed).
func serveIssuer(e *env, db, keyPath string) (*servedIssuer, int) {
	key, code := issuerKey(e, keyPath)
	if code != exitOK {
		return nil, code
	}
	gate, code := loadGate(e, key)
	if code != exitOK {
		return nil, code
	}
	st, ok := openProfiles(e, db)
	if !ok {
		return nil, exitUsage
	}
	return &servedIssuer{key: key, st: st, gate: gate}, exitOK
}

func (s *servedIssuer) close() { s.st.Close() }

// mount serves the issuer routes in front of next.
func (s *servedIssuer) mount(logger *log.Logger, next http.Handler) http.Handler {
	return newIssuerRoutes(s.key, s.st.(profiles.CredentialStore), logger, next)
}

func (s *servedIssuer) signOff(e *env) classroom.SignOffFunc {
	return dashboardSignOff(e, s.st, s.gate)
}
