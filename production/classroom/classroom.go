// Package classroom is the facilitator's classroom: classes with join codes,
// learners, verified submissions and the class dashboard. A submission is a
// replay; the server re-simulates it through a Verifier and records only
// what the simulation says, never a score the client claims.
package classroom

import (
	"context"
	"crypto/rand"
	"encoding/base32"
	"errors"
	"fmt"
	"math/big"
	"sort"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/opensourceecology/prodos/engine/training"
	"github.com/opensourceecology/prodos/production/classroom/submission"
	"github.com/shopspring/decimal"
	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"
)

// Submission kinds.
const (
	KindLevel     = submission.KindLevel     // a design level: the replay is the engine's session log
	KindChallenge = submission.KindChallenge // a training challenge: the replay is its pick log
)

// Class is one group of learners with a join code.
type Class struct {
	ID          int64
	Name        string
	Code        string
	Created     time.Time
	JoiningOpen bool // a facilitator can close joining
}

// Learner is one member of a class. Token authenticates the learner's own
// submissions and is shown to the learner once, at join.
type Learner struct {
	ID      int64
	ClassID int64
	Name    string
	Token   string
	Joined  time.Time
}

// Verified is what re-simulating a replay established.
type Verified struct {
	Kind           string
	Level          string
	ReplayHash     string // hex SHA-256 of the replay text
	Score          int
	Stars          int
	Passed         bool
	Cost           decimal.Decimal // design levels: total cost of the design
	LabourMinutes  decimal.Decimal // design levels: on-site and shop labour
	SheetWastePct  decimal.Decimal // design levels: share of sheet area wasted by nesting
	Ticks          int             // challenges: the attempt's time, 60 ticks a second
	Mistakes       int             // challenges: wrong picks and assignments
	Qualifications []string        // qualifications this result earns
	// Attempt is the attempt a challenge replay is bound to (its one-time
	// attempt id, learner, start and end); Demo marks a demonstration
	// replay. The verifier fills them; the server checks them.
	Attempt training.Attempt
	Demo    bool
}

// Result is a stored verified submission.
type Result struct {
	Verified
	ID        int64
	LearnerID int64
	Learner   string
	At        time.Time
}

// Verifier re-simulates a replay. It returns an error that says why when the
// replay does not verify (tampered, unknown level, malformed).
type Verifier interface {
	Verify(ctx context.Context, kind, level string, replay []byte) (Verified, error)
}

// VerifierFunc adapts a function to Verifier.
type VerifierFunc func(ctx context.Context, kind, level string, replay []byte) (Verified, error)

// Verify calls f.
func (f VerifierFunc) Verify(ctx context.Context, kind, level string, replay []byte) (Verified, error) {
	return f(ctx, kind, level, replay)
}

// Store keeps classes, learners and results. The SQLite implementation is in
// sqlitestore; every method is one transaction.
type Store interface {
	CreateClass(ctx context.Context, name, code string) (Class, error)
	ClassByCode(ctx context.Context, code string) (Class, error)
	Class(ctx context.Context, id int64) (Class, error)
	Classes(ctx context.Context) ([]Class, error)
	AddLearner(ctx context.Context, classID int64, name, token string) (Learner, error)
	LearnerByToken(ctx context.Context, token string) (Learner, error)
	Learners(ctx context.Context, classID int64) ([]Learner, error)
	// AddResult records a verified result under key (the client's
	// idempotency key or the replay hash) in one immediate transaction that
	// also reads the learner's Progress, asks award (when not nil) which
	// qualifications the result earns, and updates the best-per-level and
	// held-qualification tables. A key already recorded for the learner
	// returns that result and true, and records nothing.
	AddResult(ctx context.Context, learnerID int64, key string, v Verified, award AwardFunc) (Result, bool, error)
	// ResultByKey finds the learner's result recorded under key.
	ResultByKey(ctx context.Context, learnerID int64, key string) (Result, error)
	Results(ctx context.Context, classID int64) ([]Result, error)
	// SetJoining opens or closes a class for joining.
	SetJoining(ctx context.Context, classID int64, open bool) error
	// RotateCode gives a class a new join code; the old one stops working.
	RotateCode(ctx context.Context, classID int64, code string) error
	// RemoveLearner deletes a learner of the class with their results; their
	// token stops working.
	RemoveLearner(ctx context.Context, classID, learnerID int64) error

	// RequestRejoin records that someone asks to rejoin a class as the
	// learner called name, with a new token; it replaces that learner's
	// earlier open request. ErrNotFound when nobody of that name joined.
	RequestRejoin(ctx context.Context, classID int64, name, token string) (RejoinRequest, error)
	// RejoinRequests lists a class's open requests, oldest first.
	RejoinRequests(ctx context.Context, classID int64) ([]RejoinRequest, error)
	// RejoinPending reports whether token belongs to an open request.
	RejoinPending(ctx context.Context, token string) (bool, error)
	// ApproveRejoin lets the learner back in: the request's token replaces
	// the learner's (the lost browser's token stops working) and the
	// request is closed. ErrNotFound when the class has no such request.
	ApproveRejoin(ctx context.Context, classID, requestID int64) (Learner, error)
	// RefuseRejoin closes a request; its token never works.
	RefuseRejoin(ctx context.Context, classID, requestID int64) error

	// IssueAttempt records a one-time attempt id issued to a learner when a
	// challenge attempt starts. AddResult uses it up (ErrAttemptUsed when
	// it is used already or is not the learner's) in its transaction.
	IssueAttempt(ctx context.Context, learnerID int64, t training.Ticket) error
	// AttemptTicket returns an attempt id's ticket (Learner is the owner's
	// name) and the owner's learner id; nil when it was never issued.
	AttemptTicket(ctx context.Context, id string) (*training.Ticket, int64, error)
	// CreditedTo names another learner (not learnerID) already credited
	// with a result of this replay hash, or "".
	CreditedTo(ctx context.Context, hash string, learnerID int64) (string, error)
	// AddFlag records a refused submission the facilitator should see.
	AddFlag(ctx context.Context, f Flag) error
	// Flags lists a class's flags, oldest first.
	Flags(ctx context.Context, classID int64) ([]Flag, error)
}

// RejoinRequest is a learner's request to rejoin a class under their name,
// for example after their browser's storage (and with it their token) was
// lost. The facilitator approves or refuses it on the class page.
type RejoinRequest struct {
	ID        int64
	LearnerID int64
	Learner   string
	At        time.Time
}

// ErrNotFound is returned by stores for a missing class, code or token.
var ErrNotFound = errors.New("not found")

// ErrDuplicate is returned when a learner name is already taken in a class.
var ErrDuplicate = errors.New("already exists")

// NewJoinCode makes a short code without look-alike letters, e.g. "K7PM-3QXD".
func NewJoinCode() (string, error) {
	const alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
	var b strings.Builder
	for i := 0; i < 8; i++ {
		if i == 4 {
			b.WriteByte('-')
		}
		n, err := rand.Int(rand.Reader, big.NewInt(int64(len(alphabet))))
		if err != nil {
			return "", fmt.Errorf("join code: %w", err)
		}
		b.WriteByte(alphabet[n.Int64()])
	}
	return b.String(), nil
}

// NewToken makes a 160-bit random secret.
func NewToken() (string, error) {
	buf := make([]byte, 20)
	if _, err := rand.Read(buf); err != nil {
		return "", fmt.Errorf("token: %w", err)
	}
	return strings.ToLower(base32.StdEncoding.WithPadding(base32.NoPadding).EncodeToString(buf)), nil
}

// NormalizeCode upper-cases a typed join code and restores its dash.
func NormalizeCode(s string) string {
	s = strings.ToUpper(strings.ReplaceAll(strings.TrimSpace(s), "-", ""))
	if len(s) == 8 {
		return s[:4] + "-" + s[4:]
	}
	return s
}

// CheckName validates a class or learner name: 1 to 60 printable
// characters after NFKC normalisation (so look-alike compatibility forms
// become one), with no control, format (zero-width) or bidi characters and
// no markup brackets.
func CheckName(what, s string) (string, error) {
	if !utf8.ValidString(s) {
		return "", fmt.Errorf("%s must be text (UTF-8)", what)
	}
	s = strings.TrimSpace(norm.NFKC.String(s))
	if s == "" {
		return "", fmt.Errorf("%s is empty", what)
	}
	if utf8.RuneCountInString(s) > 60 {
		return "", fmt.Errorf("%s must be at most 60 characters of text", what)
	}
	for _, r := range s {
		if r < 0x20 || r == 0x7f || r == '<' || r == '>' || unicode.IsControl(r) || unicode.Is(unicode.Cf, r) ||
			unicode.Is(unicode.Bidi_Control, r) || unicode.In(r, unicode.Zl, unicode.Zp) {
			return "", fmt.Errorf("%s contains a character that is not allowed: %q", what, r)
		}
	}
	return s, nil
}

// NameKey is what makes two learner names the same in a class: the checked
// name, case-folded ("Ana" and "ANA" are one learner).
func NameKey(name string) string {
	return cases.Fold().String(name)
}

// Standing is one learner's best verified result on one level, with the
// share of the class they beat on each measure (higher is better).
type Standing struct {
	Result
	CostPct, LabourPct, WastePct int // "better than N% of the class"
}

// Leaderboard ranks each learner's best result per level and computes
// percentiles on cost, labour hours and sheet waste, where lower values are
// better. Levels are sorted by id; within a level, by score (desc) then name.
func Leaderboard(results []Result) map[string][]Standing {
	best := map[string]map[int64]Result{}
	for _, r := range results {
		if !r.Passed {
			continue
		}
		byLearner := best[r.Level]
		if byLearner == nil {
			byLearner = map[int64]Result{}
			best[r.Level] = byLearner
		}
		if cur, ok := byLearner[r.LearnerID]; !ok || r.Score > cur.Score || (r.Score == cur.Score && r.At.Before(cur.At)) {
			byLearner[r.LearnerID] = r
		}
	}
	out := map[string][]Standing{}
	for level, byLearner := range best {
		rows := make([]Standing, 0, len(byLearner))
		for _, r := range byLearner {
			rows = append(rows, Standing{Result: r})
		}
		for i := range rows {
			rows[i].CostPct = betterThan(rows, i, func(r Result) decimal.Decimal { return r.Cost })
			rows[i].LabourPct = betterThan(rows, i, func(r Result) decimal.Decimal { return r.LabourMinutes })
			rows[i].WastePct = betterThan(rows, i, func(r Result) decimal.Decimal { return r.SheetWastePct })
		}
		sort.Slice(rows, func(i, j int) bool {
			if rows[i].Score != rows[j].Score {
				return rows[i].Score > rows[j].Score
			}
			return rows[i].Learner < rows[j].Learner
		})
		out[level] = rows
	}
	return out
}

// betterThan is the percentage of the other rows whose value is strictly
// higher (worse) than row i's; ties count half. A lone result beats 100%.
func betterThan(rows []Standing, i int, v func(Result) decimal.Decimal) int {
	if len(rows) == 1 {
		return 100
	}
	mine := v(rows[i].Result)
	twice := 0
	for j := range rows {
		if j == i {
			continue
		}
		switch v(rows[j].Result).Cmp(mine) {
		case 1:
			twice += 2
		case 0:
			twice++
		}
	}
	return twice * 100 / (2 * (len(rows) - 1))
}

var sixty = decimal.NewFromInt(60)
