package classroom

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"regexp"
	"sort"
	"strings"
	"time"
)

// Assignment is a published level (by its commons hash) a facilitator set a
// class, with a due time. Learners submit replays of it under the level
// id Level (the hash); the server re-simulates them as any level.
type Assignment struct {
	ID      int64     `json:"id"`
	ClassID int64     `json:"-"`
	Level   string    `json:"level"` // the level's commons hash
	Title   string    `json:"title"`
	Due     time.Time `json:"due"`
	Created time.Time `json:"created"`
}

// AssignmentStore keeps assignments. Every method is one transaction.
type AssignmentStore interface {
	// CreateAssignment sets a class a level; ErrNotFound for no class,
	// ErrDuplicate when the class has that level set already.
	CreateAssignment(ctx context.Context, a Assignment) (Assignment, error)
	// Assignments lists a class's assignments by due time.
	Assignments(ctx context.Context, classID int64) ([]Assignment, error)
}

// LevelLookup finds a published level by hash and returns its title; an
// error when the commons holds no such level.
type LevelLookup func(ctx context.Context, hash string) (string, error)

var levelHashRE = regexp.MustCompile(`^[0-9a-f]{64}$`)

// AssignmentRow is one learner's standing on an assignment: their best
// verified result on its level (zero when none) and whether it came in by
// the due time.
type AssignmentRow struct {
	Learner   string
	Submitted bool
	Best      Result
	OnTime    bool
}

// AssignmentReport is an assignment with a row per learner of the class.
type AssignmentReport struct {
	Assignment
	Rows []AssignmentRow
}

// assignmentReports builds the per-assignment results: each learner's
// best passed result (else best attempt) on the level; on time when its
// verified time is not after the due time.
func assignmentReports(as []Assignment, learners []Learner, results []Result) []AssignmentReport {
	var out []AssignmentReport
	for _, a := range as {
		rep := AssignmentReport{Assignment: a}
		for _, l := range learners {
			row := AssignmentRow{Learner: l.Name}
			for _, r := range results {
				if r.LearnerID != l.ID || r.Level != a.Level {
					continue
				}
				if !row.Submitted || better(r, row.Best) {
					row.Best, row.Submitted = r, true
				}
			}
			row.OnTime = row.Submitted && !row.Best.At.After(a.Due)
			rep.Rows = append(rep.Rows, row)
		}
		sort.SliceStable(rep.Rows, func(i, j int) bool { return rep.Rows[i].Learner < rep.Rows[j].Learner })
		out = append(out, rep)
	}
	return out
}

// better prefers a passed result, then a higher score, then the earlier.
func better(r, cur Result) bool {
	if r.Passed != cur.Passed {
		return r.Passed
	}
	if r.Score != cur.Score {
		return r.Score > cur.Score
	}
	return r.At.Before(cur.At)
}

// ParseDue reads a due time from the form: "2006-01-02" (the end of that
// day, UTC) or "2006-01-02T15:04" (UTC).
func ParseDue(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	if d, err := time.Parse("2006-01-02", s); err == nil {
		return d.Add(24*time.Hour - time.Second), nil
	}
	if d, err := time.Parse("2006-01-02T15:04", s); err == nil {
		return d, nil
	}
	return time.Time{}, fmt.Errorf("due %q: want a date (2006-01-02) or a date and time (2006-01-02T15:04), UTC", s)
}

// handleCreateAssignment sets the class a published level (form fields
// level: its hash, due).
func (s *Server) handleCreateAssignment(r *http.Request, classID int64) error {
	hash := strings.TrimSpace(r.PostForm.Get("level"))
	if !levelHashRE.MatchString(hash) {
		return badForm(fmt.Sprintf("level %q is not a published level's hash (64 hex digits)", hash))
	}
	due, err := ParseDue(r.PostForm.Get("due"))
	if err != nil {
		return badForm(err.Error())
	}
	if s.Levels == nil || s.Assignments == nil {
		return badForm("this server has no commons of levels to assign from")
	}
	title, err := s.Levels(r.Context(), hash)
	if err != nil {
		return badForm(fmt.Sprintf("level %s: %v", hash, err))
	}
	_, err = s.Assignments.CreateAssignment(r.Context(), Assignment{ClassID: classID, Level: hash, Title: title, Due: due})
	if errors.Is(err, ErrDuplicate) {
		return badForm("the class has this level set already")
	}
	return err
}

// AssignmentJSON is one assignment as a learner's game sees it: where to
// download the level (its SHA-256 is Level: the game checks it).
type AssignmentJSON struct {
	Assignment
	Download string `json:"download"`
}

// handleLearnerAssignments answers GET /api/assignments: the learner's
// class's assignments.
func (s *Server) handleLearnerAssignments(w http.ResponseWriter, r *http.Request) {
	l, ok := s.learner(w, r)
	if !ok {
		return
	}
	out := []AssignmentJSON{}
	if s.Assignments != nil {
		as, err := s.Assignments.Assignments(r.Context(), l.ClassID)
		if err != nil {
			s.apiError(w, r, http.StatusInternalServerError, "could not list assignments")
			return
		}
		for _, a := range as {
			out = append(out, AssignmentJSON{Assignment: a, Download: "/commons/levels/" + a.Level + "/level.toml"})
		}
	}
	writeJSON(w, http.StatusOK, map[string]any{"assignments": out})
}
