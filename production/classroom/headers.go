package classroom

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/base64"
	"io"
	"net/http"
	"regexp"
	"strings"
	"sync"
)

// pageCSP is the Content-Security-Policy of the dashboard, the API and
// every file but the game page: nothing runs, nothing frames it.
const pageCSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

// dashboardCSP is pageCSP for a rendered dashboard page, allowing exactly
// the inline scripts it holds (by hash) and fetches to this server.
func dashboardCSP(scriptHashes []string) string {
	if len(scriptHashes) == 0 {
		return pageCSP
	}
	src := "'self'"
	for _, h := range scriptHashes {
		src += " 'sha256-" + h + "'"
	}
	return pageCSP + "; script-src " + src + "; connect-src 'self'"
}

// gameCSP is the game page's policy; scriptHashes allows its inline scripts.
func gameCSP(scriptHashes []string) string {
	src := "'self' 'wasm-unsafe-eval'"
	for _, h := range scriptHashes {
		src += " 'sha256-" + h + "'"
	}
	return "default-src 'self'; script-src " + src + "; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
		"media-src 'self' data: blob:; worker-src 'self' blob:; connect-src 'self'; object-src 'none'; " +
		"form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
}

// inlineScript is compiled on first use (the CLI's other commands never
// need it).
var inlineScript = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`(?s)<script>(.*?)</script>`) })

// inlineScriptHashes are the base64 SHA-256 of each inline <script> of an
// HTML page, as CSP's 'sha256-...' sources want them.
func inlineScriptHashes(html []byte) []string {
	var out []string
	for _, m := range inlineScript().FindAllSubmatch(html, -1) {
		sum := sha256.Sum256(m[1])
		out = append(out, base64.StdEncoding.EncodeToString(sum[:]))
	}
	return out
}

// indexHTML is the game page's text, from the loaded build.
func (s *Server) indexHTML() []byte {
	f := s.files["index.html"]
	if f == nil {
		return nil
	}
	if f.plain != nil {
		return f.plain
	}
	zr, err := gzip.NewReader(bytes.NewReader(f.gz))
	if err != nil {
		return nil
	}
	b, _ := io.ReadAll(zr)
	return b
}

// securityHeaders are sent with every response.
func (s *Server) securityHeaders(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("X-Frame-Options", "DENY")
	if r.URL.Path == "/" || r.URL.Path == "/index.html" {
		h.Set("Content-Security-Policy", s.gameCSP)
	} else {
		h.Set("Content-Security-Policy", pageCSP)
	}
	if r.TLS != nil {
		h.Set("Strict-Transport-Security", "max-age=31536000")
	}
}

// csvCell neutralises a cell a spreadsheet would run as a formula (OWASP
// CSV injection): one that starts with = + - @, a tab or a carriage return
// gets a leading apostrophe.
func csvCell(v string) string {
	if v != "" && strings.ContainsRune("=+-@\t\r", rune(v[0])) {
		return "'" + v
	}
	return v
}
