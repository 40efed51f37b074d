package training

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/opensourceecology/prodos/designs"
)

// ReplayHeader is the first line of a replay file.
const ReplayHeader = "prodos-replay 1"

// Replay is the text of an attempt: its level, its command log, the tick
// it ended at and the result it claims.
//
//	prodos-replay 1
//	level c01-groundwork sha256:<hash of the level file>
//	attempt 7QK2M4XW9RTD3P6A
//	learner ana
//	started 2026-12-01T20:00:00.000Z
//	ended 2026-12-01T20:00:20.580Z
//	0 pick F1
//	41 pick F2
//	200 assign W1 ana
//	end 1234
//	wall 20580
//	claim won score 1876 stars 3
//
// The optional wall line is the real time the attempt took, in
// milliseconds from the start of the clock to the end (see ReplayWall).
// The optional attempt, learner, started and ended lines (all four or
// none) bind the replay to one attempt (see Attempt and ReplayAttempt);
// their times must agree with the end tick. A "demo" line instead marks a
// demonstration (ReplayDemo), which never earns anything. These lines are
// part of the file, so its hash changes if one is added, edited or removed.
// Lines starting with '#' are comments.
func Replay(s *Session) []byte {
	return replay(s, -1, nil, false)
}

// ReplayWall is Replay with the real time the attempt took. The game runs
// the challenge clock on real time, so the end tick and the wall time agree
// (within ClockTolerance); VerifyReplay checks that they do.
func ReplayWall(s *Session, wall time.Duration) []byte {
	return replay(s, wall, nil, false)
}

// ReplayAttempt is the replay of an attempt bound to its attempt id and
// learner, with its wall-clock start and end (the wall line is their
// difference). Only such a replay can earn a qualification.
func ReplayAttempt(s *Session, a Attempt) []byte {
	return replay(s, a.Ended.Sub(a.Started), &a, false)
}

// ReplayDemo is a demonstration replay, as `prodos replay demo` writes it:
// marked "demo", played at exactly real time. It verifies and shows how a
// level is played but never earns anything.
func ReplayDemo(s *Session) []byte {
	return replay(s, TicksTime(s.tick), nil, true)
}

// replayTime is how the started and ended lines write a time.
const replayTime = "2006-01-02T15:04:05.000Z07:00"

// TicksTime is the real time of a number of ticks.
func TicksTime(ticks int) time.Duration {
	return time.Duration(ticks) * time.Second / TicksPerSecond
}

// ClockTolerance is how far a replay's wall time may be from its end tick's
// time: 2 s, or 5% of the wall time when that is more (a frame or two of
// lag, a browser tab that was hidden for a moment).
func ClockTolerance(wall time.Duration) time.Duration {
	return max(2*time.Second, wall/20)
}

func replay(s *Session, wall time.Duration, a *Attempt, demo bool) []byte {
	var b bytes.Buffer
	fmt.Fprintln(&b, ReplayHeader)
	fmt.Fprintf(&b, "level %s %s\n", s.level.ID, s.level.Hash)
	if a != nil {
		fmt.Fprintf(&b, "attempt %s\nlearner %s\n", a.ID, a.Learner)
		fmt.Fprintf(&b, "started %s\nended %s\n", a.Started.UTC().Format(replayTime), a.Ended.UTC().Format(replayTime))
	}
	if demo {
		fmt.Fprintln(&b, "demo")
	}
	for _, c := range s.log {
		fmt.Fprintln(&b, c.String())
	}
	r := s.Result()
	fmt.Fprintf(&b, "end %d\n", s.tick)
	if wall >= 0 {
		fmt.Fprintf(&b, "wall %d\n", wall.Milliseconds())
	}
	fmt.Fprintf(&b, "claim %s score %d stars %d\n", r.Status, r.Score, r.Stars)
	return b.Bytes()
}

// ReplayHash is the evidence hash of a replay file: "sha256:" and the hex
// SHA-256 of its exact bytes.
func ReplayHash(data []byte) string {
	sum := sha256.Sum256(data)
	return "sha256:" + hex.EncodeToString(sum[:])
}

// Verified is a replay that re-simulated to the result it claims.
type Verified struct {
	Level   *Level
	Result  Result
	Hash    string // ReplayHash of the file
	Session *Session
	// Wall is the real time the replay says the attempt took; -1 when it
	// has no wall line.
	Wall time.Duration
	// Attempt is the attempt the replay is bound to (zero when it has no
	// attempt lines).
	Attempt Attempt
	// Demo is set for a demonstration replay (ReplayDemo).
	Demo bool
}

// ErrClaim marks a well-formed replay that fails verification: its level
// has changed, a command is refused, or its claimed result differs from
// the re-simulation (an edited log).
var ErrClaim = errors.New("replay fails verification")

// verifyError is a positioned problem that is also ErrClaim (and kind,
// when set: ErrClock).
type verifyError struct{ err, kind error }

func (v verifyError) Error() string { return v.err.Error() }
func (v verifyError) Unwrap() []error {
	if v.kind != nil {
		return []error{ErrClaim, v.kind, v.err}
	}
	return []error{ErrClaim, v.err}
}

func failed(err error) error { return verifyError{err: err} }

// clockFailed is a failed clock check: ErrClaim and ErrClock.
func clockFailed(err error) error { return verifyError{err: err, kind: ErrClock} }

// VerifyReplay parses a replay, re-simulates it on a fresh session of its
// level and checks the claimed result. Malformed lines are reported as
// file:line:col: message; a claim that does not match wraps ErrClaim.
func VerifyReplay(file string, data []byte, set *Set) (*Verified, error) {
	lines := strings.Split(string(data), "\n")
	bad := func(ln, col int, f string, a ...any) error {
		return &designs.Error{File: file, Pos: designs.Pos{Line: ln + 1, Col: col}, Msg: fmt.Sprintf(f, a...)}
	}
	var s *Session
	var meta replayMeta
	var claim []string
	claimLine, end := -1, -1
	wall := time.Duration(-1)
	header := false
	var err error
	for ln, raw := range lines {
		line := strings.TrimSpace(strings.TrimSuffix(raw, "\r"))
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Fields(line)
		switch {
		case !header:
			if line != ReplayHeader {
				return nil, bad(ln, 1, "not a replay: the first line must be %q", ReplayHeader)
			}
			header = true
		case claim != nil:
			return nil, bad(ln, 1, "nothing may follow the claim line")
		case f[0] == "level":
			if s != nil || len(f) != 3 {
				return nil, bad(ln, 1, "want one line \"level ID HASH\" after the header")
			}
			l := set.Level(f[1])
			if l == nil {
				return nil, bad(ln, 7, "unknown level %q", f[1])
			}
			if f[2] != l.Hash {
				return nil, failed(bad(ln, 8+len(f[1]), "level %s has changed since this attempt (hash %s, now %s)", f[1], f[2], l.Hash))
			}
			s = NewSession(l)
		case s == nil:
			return nil, bad(ln, 1, "the level line must come first")
		case meta.is(f[0]):
			if len(s.log) > 0 || end >= 0 {
				return nil, bad(ln, 1, "the %s line must come before the commands", f[0])
			}
			if msg := meta.parse(f[0], strings.TrimSpace(line[len(f[0]):])); msg != "" {
				return nil, bad(ln, 1, "%s", msg)
			}
		case f[0] == "end":
			n, err := strconv.Atoi(strings.Join(f[1:], " "))
			if err != nil || len(f) != 2 || n < s.tick || end >= 0 {
				return nil, bad(ln, 5, "want one \"end TICK\" at or after the last command")
			}
			end = n
			s.AdvanceTo(n)
		case f[0] == "wall":
			if wall, err = readWall(f, end, wall, func(col int, msg string) error { return bad(ln, col, "%s", msg) }); err != nil {
				return nil, err
			}
		case f[0] == "claim":
			if end < 0 {
				return nil, bad(ln, 1, "the claim must follow the end line")
			}
			claim, claimLine = f, ln
		default:
			if end >= 0 {
				return nil, bad(ln, 1, "commands must come before the end line")
			}
			tick, err := strconv.Atoi(f[0])
			if err != nil || tick < 0 {
				return nil, bad(ln, 1, "want a tick number, got %q", f[0])
			}
			c := Command{Tick: tick}
			switch {
			case len(f) == 3 && f[1] == "pick":
				c.Op, c.Task = "pick", f[2]
			case len(f) == 4 && f[1] == "assign":
				c.Op, c.Task, c.Member = "assign", f[2], f[3]
			case len(f) == 2 && f[1] == "quit":
				c.Op = "quit"
			default:
				return nil, bad(ln, len(f[0])+2, "want \"TICK pick TASK\", \"TICK assign TASK MEMBER\" or \"TICK quit\"")
			}
			if err := s.Apply(c); err != nil {
				return nil, failed(bad(ln, 1, "%v", err))
			}
		}
	}
	if s == nil || claim == nil {
		return nil, bad(len(lines)-1, 1, "incomplete replay: want the level, end and claim lines")
	}
	if err := meta.check(file, end); err != nil {
		return nil, err
	}
	r := s.Result()
	want := fmt.Sprintf("claim %s score %d stars %d", r.Status, r.Score, r.Stars)
	if got := strings.Join(claim, " "); got != want {
		return nil, failed(bad(claimLine, 1, "the replay claims %q but re-simulation gives %q", strings.TrimPrefix(got, "claim "), strings.TrimPrefix(want, "claim ")))
	}
	return &Verified{Level: s.level, Result: r, Hash: ReplayHash(data), Session: s, Wall: wall, Attempt: meta.a, Demo: meta.demo}, nil
}

// readWall reads the wall line (f, after the end line at tick end) and
// checks it against the end tick; bad positions a problem on the line.
func readWall(f []string, end int, wall time.Duration, bad func(col int, msg string) error) (time.Duration, error) {
	ms, err := strconv.ParseInt(strings.Join(f[1:], " "), 10, 64)
	if err != nil || len(f) != 2 || ms < 0 || ms > math.MaxInt64/int64(time.Millisecond) || end < 0 || wall >= 0 {
		return wall, bad(1, "want one \"wall MILLISECONDS\" after the end line")
	}
	wall = time.Duration(ms) * time.Millisecond
	if d, tol := TicksTime(end)-wall, ClockTolerance(wall); d > tol || -d > tol {
		return wall, clockFailed(bad(6, fmt.Sprintf("the attempt took %.1f s of real time but its clock shows %.1f s (%d ticks); they may differ by %.1f s at most", wall.Seconds(), TicksTime(end).Seconds(), end, tol.Seconds())))
	}
	return wall, nil
}
