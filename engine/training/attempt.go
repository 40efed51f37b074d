package training

import (
	"errors"
	"fmt"
	"time"
)

// Attempt binds a replay to one attempt: the one-time attempt id its issuer
// (the classroom server, or the local profile store offline) gave when the
// attempt started, the learner it was issued to, and the wall-clock times
// the attempt started and ended. It is written into the replay, so the
// replay's hash covers it.
type Attempt struct {
	ID      string
	Learner string
	Started time.Time
	Ended   time.Time
}

// Ticket is an attempt id as its issuer recorded it.
type Ticket struct {
	ID        string
	Learner   string
	Challenge string
	Issued    time.Time
	Used      bool
}

// ClockSkew is how far a replay's start may precede the issue of its
// attempt id, and its end follow the submission, before the times are
// refused: 2 s (two clocks, rounding, a slow network).
const ClockSkew = 2 * time.Second

// Refusals of CheckTicket (each wrapped with the reason).
var (
	// ErrDemo marks a demonstration replay (prodos replay demo).
	ErrDemo = errors.New("a demonstration never earns anything")
	// ErrAttempt marks a replay not bound to a valid attempt id of the
	// learner who submits it: no id, an unknown or used id, another
	// learner's id or replay.
	ErrAttempt = errors.New("not this learner's started attempt")
	// ErrClock marks wall-clock times that disagree with the replay's ticks
	// or with when its attempt id was issued.
	ErrClock = errors.New("wall-clock times disagree with the attempt")
)

// CheckTicket says whether a verified replay may earn anything for
// learner: it is not a demonstration; it carries an attempt id, which is
// ticket (nil when the issuer does not know it), issued to learner for
// this challenge and not used before; the replay names learner; and it
// started after the id was issued and ended by now, the time of the
// submission (each within ClockSkew). VerifyReplay has already checked
// that its start and end agree with its ticks.
func (v *Verified) CheckTicket(t *Ticket, learner string, now time.Time) error {
	return CheckTicket(v.Attempt, v.Demo, v.Level.ID, t, learner, now)
}

// CheckTicket is Verified.CheckTicket for a replay of challenge bound to
// attempt a (demo when it is a demonstration).
func CheckTicket(a Attempt, demo bool, challenge string, t *Ticket, learner string, now time.Time) error {
	switch {
	case demo:
		return fmt.Errorf("%w: this replay was written by `prodos replay demo` and is marked as a demonstration", ErrDemo)
	case a.ID == "":
		return fmt.Errorf("%w: the replay has no attempt id; start the attempt first (the game does, or `prodos attempt start`) and play it", ErrAttempt)
	case t == nil:
		return fmt.Errorf("%w: unknown attempt id %q: it was not issued here", ErrAttempt, a.ID)
	case t.Used:
		return fmt.Errorf("%w: attempt id %q was already used: each attempt id earns once", ErrAttempt, a.ID)
	case t.Learner != learner:
		return fmt.Errorf("%w: attempt id %q was issued to another learner, not %s", ErrAttempt, a.ID, learner)
	case a.Learner != learner:
		return fmt.Errorf("%w: the replay is %s's attempt, not %s's", ErrAttempt, a.Learner, learner)
	case t.Challenge != challenge:
		return fmt.Errorf("%w: attempt id %q was issued for challenge %s, not %s", ErrAttempt, a.ID, t.Challenge, challenge)
	case a.Started.Before(t.Issued.Add(-ClockSkew)):
		return fmt.Errorf("%w: the replay says it started at %s, before its attempt id was issued at %s",
			ErrClock, a.Started.UTC().Format(time.RFC3339), t.Issued.UTC().Format(time.RFC3339))
	case a.Ended.After(now.Add(ClockSkew)):
		return fmt.Errorf("%w: the replay says it ended at %s, after it was submitted at %s",
			ErrClock, a.Ended.UTC().Format(time.RFC3339), now.UTC().Format(time.RFC3339))
	}
	return nil
}

// replayMeta collects a replay's attempt and demo lines.
type replayMeta struct {
	a    Attempt
	seen map[string]int // line name -> line number (1-based) where it was
	demo bool
}

func (m *replayMeta) is(name string) bool {
	switch name {
	case "attempt", "learner", "started", "ended", "demo":
		return true
	}
	return false
}

// parse reads one attempt or demo line; it returns what is wrong, or "".
func (m *replayMeta) parse(name, rest string) string {
	if m.seen == nil {
		m.seen = map[string]int{}
	}
	if _, dup := m.seen[name]; dup {
		return fmt.Sprintf("want one %s line", name)
	}
	m.seen[name] = len(m.seen) + 1
	switch name {
	case "demo":
		if rest != "" {
			return `want "demo" alone on its line`
		}
		m.demo = true
	case "attempt":
		if !validAttemptID(rest) {
			return fmt.Sprintf("want \"attempt ID\" with an id of 1-64 letters, digits, '-' or '_', got %q", rest)
		}
		m.a.ID = rest
	case "learner":
		if rest == "" || len(rest) > 240 {
			return `want "learner NAME"`
		}
		m.a.Learner = rest
	default: // started, ended
		t, err := time.Parse(time.RFC3339Nano, rest)
		if err != nil {
			return fmt.Sprintf("want \"%s TIME\" with an RFC 3339 time, got %q", name, rest)
		}
		if name == "started" {
			m.a.Started = t
		} else {
			m.a.Ended = t
		}
	}
	return ""
}

// check says what is wrong with the attempt lines as a whole: all four or
// none, not with demo, and their times agree with the end tick (within
// ClockTolerance).
func (m *replayMeta) check(file string, end int) error {
	n := 0
	for _, k := range []string{"attempt", "learner", "started", "ended"} {
		if _, ok := m.seen[k]; ok {
			n++
		}
	}
	if n == 0 {
		return nil
	}
	if n != 4 || m.demo {
		return fmt.Errorf("%s: want all four of the attempt, learner, started and ended lines (and no demo line), or none", file)
	}
	took := m.a.Ended.Sub(m.a.Started)
	if d, tol := TicksTime(end)-took, ClockTolerance(took); took < 0 || d > tol || -d > tol {
		return clockFailed(fmt.Errorf("%s: the attempt started at %s and ended at %s (%.1f s of real time) but its clock shows %.1f s (%d ticks); they may differ by %.1f s at most",
			file, m.a.Started.UTC().Format(replayTime), m.a.Ended.UTC().Format(replayTime), took.Seconds(), TicksTime(end).Seconds(), end, tol.Seconds()))
	}
	return nil
}

// validAttemptID reports whether id is 1-64 letters, digits, '-' or '_'.
func validAttemptID(id string) bool {
	if id == "" || len(id) > 64 {
		return false
	}
	for _, r := range id {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_') {
			return false
		}
	}
	return true
}
