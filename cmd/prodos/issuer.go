package main

import (
	"crypto/ed25519"
	"log"
	"net/http"
	"time"

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
