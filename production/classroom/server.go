package classroom

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"embed"
	"encoding/csv"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"log"
	"mime"
	"net/http"
	"path"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/opensourceecology/prodos/production/classroom/submission"
	"github.com/shopspring/decimal"
)

// MaxBody is the largest request body the server reads (a long replay is a
// few hundred kilobytes).
const MaxBody = 1 << 20

//go:embed templates/*.html
var templateFS embed.FS

// Server serves the browser game, the learner API and the facilitator
// dashboard.
type Server struct {
	Store    Store
	Verifier Verifier
	// Token is the facilitator's secret; dashboard pages need it.
	Token string
	// Web holds the browser build (index.html, wasm_exec.js, housegame.wasm.gz).
	Web fs.FS
	// Log receives one line per refused or failed request; nil discards.
	Log *log.Logger
	// LevelName, when set, names a level or challenge id for the dashboard
	// ("Close a one-room shed", "Challenge 1: Groundwork"); "" keeps the id.
	LevelName func(id string) string
	// Award, when set, decides which qualifications a verified result earns,
	// given the learner's progress before it.
	Award AwardFunc
	// SignOff, when set, records practical sign-offs from the dashboard's
	// form (signoff.go).
	SignOff SignOffFunc
	// Challenge, when set, says whether a challenge id exists: attempt ids
	// are issued only for those.
	Challenge ValidChallenge
	// Assignments keeps class assignments and Levels finds the published
	// levels they name (assignments.go); nil: no assignments.
	Assignments AssignmentStore
	Levels      LevelLookup
	// Limits bound the work clients can cause; zero fields take defaults.
	Limits Limits
	// Now is the clock of rate limits and sessions (time.Now when nil).
	Now func() time.Time
	// Mount, when set, adds pages to the server (the crew page of `prodos
	// serve --crew`); guard wraps a handler in the facilitator check (a
	// session cookie, SameSite=Strict, or a bearer token).
	Mount func(m *http.ServeMux, guard func(http.HandlerFunc) http.HandlerFunc)

	once     sync.Once
	tmpl     *template.Template
	files    map[string]*webFile
	mux      *http.ServeMux
	gameCSP  string
	log      *quietLog
	sessions sessions
	verify   chan struct{} // a slot per verification running
	waiting  atomic.Int64  // submissions waiting for a slot
	submits  *limiter      // per learner
	joins    *limiter      // per address
	badCodes *limiter      // per address
	logins   *limiter      // per address
}

func (s *Server) now() time.Time {
	if s.Now != nil {
		return s.Now()
	}
	return time.Now()
}

type webFile struct {
	size    int    // uncompressed length, for the page's loading bar
	gz      []byte // precompressed body, served as-is to gzip clients
	plain   []byte // decompressed, for clients without gzip (built lazily)
	ctype   string
	etag    string
	mu      sync.Mutex
	noCache bool
}

func (s *Server) init() {
	s.once.Do(func() {
		s.tmpl = template.Must(template.New("").Funcs(template.FuncMap{
			"sixtyDec":       func() decimal.Decimal { return sixty },
			"levelName":      s.levelName,
			"clock":          clock,
			"refreshSeconds": func() int { return RefreshSeconds },
		}).ParseFS(templateFS, "templates/*.html"))
		s.files = map[string]*webFile{}
		if s.Web != nil {
			s.loadWeb()
		}
		s.gameCSP = gameCSP(inlineScriptHashes(s.indexHTML()))
		s.Limits = s.Limits.withDefaults()
		lim := s.Limits
		s.verify = make(chan struct{}, lim.Verifications)
		s.submits = newLimiter(lim.SubmitBurst, lim.SubmitEvery, s.now)
		s.joins = newLimiter(lim.JoinBurst, lim.JoinEvery, s.now)
		s.badCodes = newLimiter(lim.BadCodeBurst, lim.BadCodeEvery, s.now)
		s.logins = newLimiter(lim.LoginBurst, lim.LoginEvery, s.now)
		s.log = &quietLog{out: func() *log.Logger { return s.Log }, lim: newLimiter(50, time.Second, s.now)}
		m := http.NewServeMux()
		m.HandleFunc("GET /{$}", s.serveFile("index.html"))
		m.HandleFunc("GET /{file}", s.serveStatic)
		m.HandleFunc("POST /api/join", s.handleJoin)
		m.HandleFunc("POST /api/submissions", s.handleSubmit)
		m.HandleFunc("POST /api/attempts", s.handleStartAttempt)
		m.HandleFunc("GET /api/me", s.handleMe)
		m.HandleFunc("POST /api/rejoin", s.handleRejoin)
		m.HandleFunc("GET /api/rejoin", s.handleRejoinStatus)
		m.HandleFunc("POST /dashboard/classes/{id}/rejoin/{req}/{decision}", s.facilitator(s.handleRejoinDecision))
		m.HandleFunc("GET /dashboard", s.facilitator(s.handleDashboard))
		m.HandleFunc("POST /dashboard/classes", s.facilitator(s.handleCreateClass))
		m.HandleFunc("POST /api/classes", s.facilitator(s.handleCreateClassAPI))
		m.HandleFunc("GET /dashboard/classes/{id}", s.facilitator(s.handleClass))
		m.HandleFunc("GET /dashboard/classes/{id}/results.csv", s.facilitator(s.handleCSV))
		m.HandleFunc("POST /dashboard/login", s.handleLogin)
		m.HandleFunc("POST /dashboard/logout", s.handleLogout)
		m.HandleFunc("POST /dashboard/classes/{id}/joining", s.facilitator(s.classAction(s.handleJoining)))
		m.HandleFunc("POST /dashboard/classes/{id}/code", s.facilitator(s.classAction(s.handleRotateCode)))
		m.HandleFunc("POST /dashboard/classes/{id}/remove", s.facilitator(s.classAction(s.handleRemoveLearner)))
		m.HandleFunc("POST /dashboard/classes/{id}/assignments", s.facilitator(s.classAction(s.handleCreateAssignment)))
		m.HandleFunc("GET /api/assignments", s.handleLearnerAssignments)
		m.HandleFunc("GET /dashboard/signoff", s.facilitator(s.handleSignOffForm))
		m.HandleFunc("POST /dashboard/signoff", s.facilitator(s.handleSignOff))
		if s.Mount != nil {
			s.Mount(m, s.facilitator)
		}
		s.mux = m
	})
}

// loadWeb indexes the browser build. Files ending in .gz are served under
// their name without .gz, with Content-Encoding: gzip.
func (s *Server) loadWeb() {
	_ = fs.WalkDir(s.Web, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasPrefix(d.Name(), ".") {
			return err
		}
		data, err := fs.ReadFile(s.Web, p)
		if err != nil {
			return err
		}
		name := strings.TrimSuffix(p, ".gz")
		f := &webFile{ctype: contentType(name), noCache: name == "index.html"}
		if strings.HasSuffix(p, ".gz") {
			f.gz = data
			if n := len(data); n >= 4 { // gzip trailer: ISIZE, little-endian
				f.size = int(uint32(data[n-4]) | uint32(data[n-3])<<8 | uint32(data[n-2])<<16 | uint32(data[n-1])<<24)
			}
		} else {
			f.size = len(data)
			var b bytes.Buffer
			zw, _ := gzip.NewWriterLevel(&b, gzip.BestCompression)
			zw.Write(data)
			zw.Close()
			f.gz, f.plain = b.Bytes(), data
		}
		sum := sha256.Sum256(f.gz)
		f.etag = `"` + hex.EncodeToString(sum[:12]) + `"`
		s.files[name] = f
		return nil
	})
}

func contentType(name string) string {
	switch path.Ext(name) {
	case ".wasm":
		return "application/wasm"
	case ".js":
		return "text/javascript; charset=utf-8"
	case ".html":
		return "text/html; charset=utf-8"
	}
	if t := mime.TypeByExtension(path.Ext(name)); t != "" {
		return t
	}
	return "application/octet-stream"
}

// ServeHTTP makes Server an http.Handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.init()
	s.securityHeaders(w, r)
	s.mux.ServeHTTP(w, r)
}

func (s *Server) serveStatic(w http.ResponseWriter, r *http.Request) {
	s.serveFile(r.PathValue("file"))(w, r)
}

func (s *Server) serveFile(name string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		f := s.files[name]
		if f == nil {
			if name == "index.html" {
				w.Header().Set("Content-Type", "text/html; charset=utf-8")
				w.WriteHeader(http.StatusServiceUnavailable)
				io.WriteString(w, notBuiltPage)
				return
			}
			http.NotFound(w, r)
			return
		}
		h := w.Header()
		h.Set("Content-Type", f.ctype)
		h.Set("ETag", f.etag)
		h.Set("Vary", "Accept-Encoding")
		h.Set("X-Uncompressed-Length", strconv.Itoa(f.size))
		if f.noCache {
			h.Set("Cache-Control", "no-cache")
		} else {
			h.Set("Cache-Control", "public, max-age=3600, must-revalidate")
		}
		if match := r.Header.Get("If-None-Match"); match != "" && match == f.etag {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		if strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
			h.Set("Content-Encoding", "gzip")
			h.Set("Content-Length", strconv.Itoa(len(f.gz)))
			w.Write(f.gz)
			return
		}
		f.mu.Lock()
		if f.plain == nil {
			zr, err := gzip.NewReader(bytes.NewReader(f.gz))
			if err == nil {
				f.plain, err = io.ReadAll(zr)
			}
			if err != nil {
				f.mu.Unlock()
				http.Error(w, "corrupt build file", http.StatusInternalServerError)
				return
			}
		}
		plain := f.plain
		f.mu.Unlock()
		h.Set("Content-Length", strconv.Itoa(len(plain)))
		w.Write(plain)
	}
}

const notBuiltPage = `<!doctype html><meta charset="utf-8"><title>Production OS</title>
<h1>The browser game is not built into this server</h1>
<p>Run <code>make web</code> and start <code>prodos serve</code> again (the build is embedded at compile time).</p>
<p>Facilitators: the dashboard is at <a href="/dashboard">/dashboard</a>.</p>`

// apiError writes {"error": msg} with status.
func (s *Server) apiError(w http.ResponseWriter, r *http.Request, status int, msg string) {
	s.log.printf("%s %s: %d %s", r.Method, r.URL.Path, status, msg)
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(map[string]string{"error": msg})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}

// readJSON decodes a size-limited JSON body with no unknown fields.
func (s *Server) readJSON(w http.ResponseWriter, r *http.Request, v any) bool {
	r.Body = http.MaxBytesReader(w, r.Body, MaxBody)
	dec := json.NewDecoder(r.Body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			s.apiError(w, r, http.StatusRequestEntityTooLarge, fmt.Sprintf("request body is larger than %d bytes", MaxBody))
			return false
		}
		s.apiError(w, r, http.StatusBadRequest, "malformed JSON: "+err.Error())
		return false
	}
	return true
}

// JoinRequest is the body of POST /api/join.
type JoinRequest struct {
	Code string `json:"code"`
	Name string `json:"name"`
}

// JoinResponse answers a join: the token authenticates later submissions.
type JoinResponse struct {
	LearnerID int64  `json:"learner_id"`
	Class     string `json:"class"`
	Name      string `json:"name"`
	Token     string `json:"token"`
}

func (s *Server) handleJoin(w http.ResponseWriter, r *http.Request) {
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
	c, ok := s.joinClass(w, r, req.Code)
	if !ok {
		return
	}
	tok, err := NewToken()
	if err != nil {
		s.apiError(w, r, http.StatusInternalServerError, "could not make a token")
		return
	}
	l, err := s.Store.AddLearner(r.Context(), c.ID, name, tok)
	if errors.Is(err, ErrDuplicate) {
		s.apiError(w, r, http.StatusConflict, fmt.Sprintf("the name %q is already taken in %s", name, c.Name))
		return
	} else if err != nil {
		s.apiError(w, r, http.StatusInternalServerError, "could not join the class")
		return
	}
	writeJSON(w, http.StatusCreated, JoinResponse{LearnerID: l.ID, Class: c.Name, Name: l.Name, Token: tok})
}

// learner authenticates a learner by "Authorization: Bearer TOKEN".
func (s *Server) learner(w http.ResponseWriter, r *http.Request) (Learner, bool) {
	tok, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	if !ok || tok == "" {
		s.apiError(w, r, http.StatusUnauthorized, "join a class first: no learner token")
		return Learner{}, false
	}
	l, err := s.Store.LearnerByToken(r.Context(), tok)
	if err != nil {
		s.apiError(w, r, http.StatusUnauthorized, "unknown learner token")
		return Learner{}, false
	}
	return l, true
}

// SubmitRequest is the body of POST /api/submissions; the game encodes it
// with package submission, so both sides share one format.
type SubmitRequest = submission.Request

// SubmitResponse reports the verified result.
type SubmitResponse = submission.Response

func (s *Server) handleSubmit(w http.ResponseWriter, r *http.Request) {
	l, ok := s.learner(w, r)
	if !ok || !s.submitAllowed(w, r, l) {
		return
	}
	var req SubmitRequest
	if !s.readJSON(w, r, &req) {
		return
	}
	if err := req.Check(); err != nil {
		s.apiError(w, r, http.StatusBadRequest, err.Error())
		return
	}
	sum := sha256.Sum256([]byte(req.Replay))
	hash := hex.EncodeToString(sum[:])
	key, ok := s.idempotencyKey(w, r, req, hash)
	if !ok {
		return
	}
	if old, err := s.Store.ResultByKey(r.Context(), l.ID, key); err == nil {
		writeSubmitted(w, http.StatusOK, old) // a retry: the first answer again
		return
	}
	v, ok := s.verifyLimited(w, r, req)
	if !ok {
		return
	}
	v.ReplayHash = hash
	v.Kind, v.Level = req.Kind, req.Level
	if v.Kind == KindChallenge && !s.checkAttempt(w, r, l, hash, v) {
		return
	}
	res, dup, err := s.Store.AddResult(r.Context(), l.ID, key, v, s.Award)
	if errors.Is(err, ErrAttemptUsed) {
		s.apiError(w, r, http.StatusConflict, "refused: "+err.Error()+": each attempt id earns once")
		return
	} else if err != nil {
		s.apiError(w, r, http.StatusInternalServerError, "could not record the result")
		return
	}
	status := http.StatusCreated
	if dup {
		status = http.StatusOK
	}
	writeSubmitted(w, status, res)
}

func writeSubmitted(w http.ResponseWriter, status int, res Result) {
	v := res.Verified
	quals := v.Qualifications
	if quals == nil {
		quals = []string{}
	}
	writeJSON(w, status, SubmitResponse{ID: res.ID, Score: v.Score, Stars: v.Stars, Passed: v.Passed,
		Cost: v.Cost.StringFixed(2), LabourHours: v.LabourMinutes.Div(sixty).StringFixed(1), SheetWastePct: v.SheetWastePct.StringFixed(1),
		Qualifications: quals, ReplayHash: v.ReplayHash, Attestation: Attestation})
}

func (s *Server) handleMe(w http.ResponseWriter, r *http.Request) {
	l, ok := s.learner(w, r)
	if !ok {
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"learner_id": l.ID, "name": l.Name})
}

func (s *Server) render(w http.ResponseWriter, name string, data any) {
	var b bytes.Buffer
	if err := s.tmpl.ExecuteTemplate(&b, name, data); err != nil {
		http.Error(w, "template: "+err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Content-Security-Policy", dashboardCSP(inlineScriptHashes(b.Bytes())))
	w.Write(b.Bytes())
}

func (s *Server) handleDashboard(w http.ResponseWriter, r *http.Request) {
	classes, err := s.Store.Classes(r.Context())
	if err != nil {
		http.Error(w, "could not list classes", http.StatusInternalServerError)
		return
	}
	s.render(w, "dashboard.html", map[string]any{"Classes": classes})
}

func (s *Server) createClass(ctx context.Context, name string) (Class, error) {
	name, err := CheckName("class name", name)
	if err != nil {
		return Class{}, err
	}
	for try := 0; ; try++ {
		code, err := NewJoinCode()
		if err != nil {
			return Class{}, err
		}
		c, err := s.Store.CreateClass(ctx, name, code)
		if errors.Is(err, ErrDuplicate) && try < 5 {
			continue
		}
		return c, err
	}
}

func (s *Server) handleCreateClass(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, 4096)
	if err := r.ParseForm(); err != nil {
		http.Error(w, "bad form", http.StatusBadRequest)
		return
	}
	c, err := s.createClass(r.Context(), r.PostForm.Get("name"))
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	http.Redirect(w, r, fmt.Sprintf("/dashboard/classes/%d", c.ID), http.StatusSeeOther)
}

// CreateClassResponse answers POST /api/classes.
type CreateClassResponse struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
	Code string `json:"code"`
}

func (s *Server) handleCreateClassAPI(w http.ResponseWriter, r *http.Request) {
	var req struct {
		Name string `json:"name"`
	}
	if !s.readJSON(w, r, &req) {
		return
	}
	c, err := s.createClass(r.Context(), req.Name)
	if err != nil {
		s.apiError(w, r, http.StatusBadRequest, err.Error())
		return
	}
	writeJSON(w, http.StatusCreated, CreateClassResponse{ID: c.ID, Name: c.Name, Code: c.Code})
}

// RosterRow is one learner on the class page.
type RosterRow struct {
	Learner
	LevelsPassed   []string
	Qualifications []string
	Submissions    int
}

// ClassReport is everything the class page and CSV show.
type ClassReport struct {
	Class       Class
	Roster      []RosterRow
	Levels      []string
	Leaderboard map[string][]Standing
	Results     []Result
	// Rejoin are the open requests to rejoin under a learner's name.
	Rejoin []RejoinRequest
	// Flags are refused submissions the facilitator should look at: a
	// replay already credited to another learner, another learner's attempt.
	Flags []Flag
	// Sections are the leaderboard by level for the class page: design
	// levels first, then challenges, each in id order.
	Sections []Section
	// Assignments are the class's assignments with each learner's result.
	Assignments []AssignmentReport
	// CanAssign is true when the server can set levels from the commons.
	CanAssign bool
	// Updated is when the report was made (the page refreshes itself).
	Updated time.Time
}

// Section is one level's leaderboard on the class page. A challenge shows
// only the measures a challenge has (score, stars, time, mistakes); a
// design level shows cost, labour hours, sheet waste and standings.
type Section struct {
	ID, Name  string
	Challenge bool
	Rows      []Standing
}

// RefreshSeconds is how often the class page reloads itself.
const RefreshSeconds = 15

// levelName is the dashboard's name for a level id.
func (s *Server) levelName(id string) string {
	if s.LevelName != nil {
		if n := s.LevelName(id); n != "" {
			return n
		}
	}
	return id
}

// clock is m:ss of ticks (60 a second), rounded up.
func clock(ticks int) string {
	secs := (ticks + 59) / 60
	return fmt.Sprintf("%d:%02d", secs/60, secs%60)
}

// sections orders the leaderboard for the page.
func sections(levels []string, board map[string][]Standing, name func(string) string) []Section {
	var out []Section
	for _, challenge := range []bool{false, true} {
		for _, id := range levels {
			rows := board[id]
			if len(rows) > 0 && (rows[0].Kind == KindChallenge) == challenge {
				out = append(out, Section{ID: id, Name: name(id), Challenge: challenge, Rows: rows})
			}
		}
	}
	return out
}

// Report gathers a class's roster, levels passed, qualifications and leaderboard.
func (s *Server) Report(ctx context.Context, classID int64) (ClassReport, error) {
	c, err := s.Store.Class(ctx, classID)
	if err != nil {
		return ClassReport{}, err
	}
	learners, err := s.Store.Learners(ctx, classID)
	if err != nil {
		return ClassReport{}, err
	}
	results, err := s.Store.Results(ctx, classID)
	if err != nil {
		return ClassReport{}, err
	}
	rejoin, err := s.Store.RejoinRequests(ctx, classID)
	if err != nil {
		return ClassReport{}, err
	}
	flags, err := s.Store.Flags(ctx, classID)
	if err != nil {
		return ClassReport{}, err
	}
	rep := ClassReport{Class: c, Leaderboard: Leaderboard(results), Results: results, Rejoin: rejoin, Flags: flags,
		CanAssign: s.Assignments != nil && s.Levels != nil}
	if s.Assignments != nil {
		as, err := s.Assignments.Assignments(ctx, classID)
		if err != nil {
			return ClassReport{}, err
		}
		rep.Assignments = assignmentReports(as, learners, results)
	}
	for level := range rep.Leaderboard {
		rep.Levels = append(rep.Levels, level)
	}
	sort.Strings(rep.Levels)
	rep.Sections, rep.Updated = sections(rep.Levels, rep.Leaderboard, s.levelName), time.Now()
	for _, l := range learners {
		row := RosterRow{Learner: l}
		passed, quals := map[string]bool{}, map[string]bool{}
		for _, r := range results {
			if r.LearnerID != l.ID {
				continue
			}
			row.Submissions++
			if r.Passed {
				passed[r.Level] = true
			}
			for _, q := range r.Qualifications {
				quals[q] = true
			}
		}
		row.LevelsPassed = sortedKeys(passed)
		row.Qualifications = sortedKeys(quals)
		rep.Roster = append(rep.Roster, row)
	}
	return rep, nil
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func (s *Server) classReport(w http.ResponseWriter, r *http.Request) (ClassReport, bool) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		http.Error(w, "class id must be a positive number", http.StatusBadRequest)
		return ClassReport{}, false
	}
	rep, err := s.Report(r.Context(), id)
	if errors.Is(err, ErrNotFound) {
		http.Error(w, fmt.Sprintf("no class %d", id), http.StatusNotFound)
		return ClassReport{}, false
	} else if err != nil {
		http.Error(w, "could not read the class", http.StatusInternalServerError)
		return ClassReport{}, false
	}
	return rep, true
}

func (s *Server) handleClass(w http.ResponseWriter, r *http.Request) {
	if rep, ok := s.classReport(w, r); ok {
		w.Header().Set("Refresh", strconv.Itoa(RefreshSeconds)) // the page reloads itself
		s.render(w, "class.html", rep)
	}
}

// WriteCSV writes the class leaderboard as CSV, one row per learner and
// level. A challenge row leaves the design measures (cost, labour, waste and
// their percentiles) empty and gives its time and mistakes; a design level
// row leaves those two empty.
func (rep ClassReport) WriteCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"level", "learner", "score", "stars", "cost", "labour_hours", "sheet_waste_pct", "cost_percentile", "labour_percentile", "waste_percentile", "replay_sha256", "verified_at", "kind", "time_s", "mistakes"})
	for _, level := range rep.Levels {
		for _, st := range rep.Leaderboard[level] {
			row := []string{csvCell(level), csvCell(st.Learner), strconv.Itoa(st.Score), strconv.Itoa(st.Stars), st.Cost.StringFixed(2),
				st.LabourMinutes.Div(sixty).StringFixed(1), st.SheetWastePct.StringFixed(1), strconv.Itoa(st.CostPct),
				strconv.Itoa(st.LabourPct), strconv.Itoa(st.WastePct), st.ReplayHash, st.At.UTC().Format(time.RFC3339), st.Kind, "", ""}
			if st.Kind == KindChallenge {
				clear(row[4:10])
				row[13], row[14] = decimal.New(int64(st.Ticks), 0).Div(sixty).StringFixed(1), strconv.Itoa(st.Mistakes)
			}
			cw.Write(row)
		}
	}
	cw.Flush()
	return cw.Error()
}

func (s *Server) handleCSV(w http.ResponseWriter, r *http.Request) {
	rep, ok := s.classReport(w, r)
	if !ok {
		return
	}
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="class-%d-results.csv"`, rep.Class.ID))
	rep.WriteCSV(w)
}
