package game

import (
	"fmt"
	"strings"

	"github.com/opensourceecology/prodos/engine/training"
)

// Earned access. Qualifications (levels/qualifications.toml) unlock design
// levels and palette categories. They apply to the learner playing now; a
// guest (no profile chosen) holds none, so a guest plays every open level
// (one no qualification locks, opening by stars) and earns nothing: no
// attempt is recorded without a learner. A design level is open when the
// level before it has a star and a qualification the learner holds unlocks
// it (if any does); in the sandbox, a module's category must be unlocked the same way
// (inside a level, the level's own palette decides, since each level was
// made for its modules).

// LevelLock is "" when the learner playing now may open the design level
// as far as qualifications go, else which qualification unlocks it and
// how to earn it.
func (g *Game) LevelLock(l *Level) string {
	t := g.trainer()
	if t.quals == nil {
		return ""
	}
	return guestNote(t, t.quals.LockReason(t.held(), training.UnlockLevel, l.ID))
}

// guestNote adds to a lock reason, for a guest, that qualifications belong
// to a learner.
func guestNote(t *trainer, reason string) string {
	if reason == "" || t.prof != nil {
		return reason
	}
	return reason + " (held by a learner: guests earn nothing, choose or add a learner)"
}

// levelLockText says in short what opens a locked design level: the star
// chain, the qualification, or both (the level card shows it; a click on
// the card gives levelLockDetail).
func (g *Game) levelLockText(l *Level) string {
	return g.levelLock(l, false)
}

// levelLockDetail is levelLockText with how to earn each qualification.
func (g *Game) levelLockDetail(l *Level) string {
	return g.levelLock(l, true)
}

func (g *Game) levelLock(l *Level, detail bool) string {
	var parts []string
	if l.Unlock != "" && g.Progress.Stars[l.Unlock] == 0 {
		title := l.Unlock
		if need := LevelByID(g.Levels, l.Unlock); need != nil {
			title = need.Title
		}
		parts = append(parts, fmt.Sprintf("earn a star in %q", title))
	}
	if r := g.LevelLock(l); r != "" {
		if !detail {
			r = g.shortLevelLock(l)
		}
		parts = append(parts, strings.TrimPrefix(r, "needs ")+" (Training, on the title screen)")
	}
	if len(parts) == 0 {
		return ""
	}
	return "Locked: " + strings.Join(parts, "; and ") + "."
}

// shortLevelLock names the qualifications that open a level, without how
// to earn them.
func (g *Game) shortLevelLock(l *Level) string {
	t := g.trainer()
	var names []string
	for _, x := range t.quals.Unlocking(training.UnlockLevel, l.ID) {
		names = append(names, x.Name)
	}
	if len(names) == 1 {
		return "the " + names[0] + " qualification"
	}
	return "one of the qualifications " + strings.Join(names, ", ")
}

// OpenLock is "" when the learner playing now may open level or challenge
// id from the command line (housegame --level ID), else why not.
func (g *Game) OpenLock(id string) string {
	if l := LevelByID(g.Levels, id); l != nil {
		if g.Unlocked(l) {
			return ""
		}
		return fmt.Sprintf("level %s (%s) is locked: %s", id, l.Title, strings.TrimSuffix(strings.TrimPrefix(g.levelLockDetail(l), "Locked: "), "."))
	}
	if set, _ := g.Training(); set != nil {
		if l := set.Level(id); l != nil {
			if r := g.ChallengeLock(l); r != "" {
				return fmt.Sprintf("challenge %s (%s) is locked: %s", id, l.Title, r)
			}
		}
	}
	return ""
}

// ModuleLock is "" when the learner may use the module in the level, else
// which qualification unlocks its palette category and how to earn it.
func (g *Game) ModuleLock(l *Level, id string) string {
	t := g.trainer()
	m := g.Cat.Modules[id]
	if t.quals == nil || m == nil || !l.Sandbox {
		return ""
	}
	r := t.quals.LockReason(t.held(), training.UnlockCategory, m.Category)
	if r == "" {
		return ""
	}
	return fmt.Sprintf("%s is locked: %s", m.Name, guestNote(t, r))
}

// paletteLock is the DesignScene's lock check for its level.
func (g *Game) paletteLock(l *Level) func(id string) string {
	return func(id string) string { return g.ModuleLock(l, id) }
}

// lockedMsg is the message for a click on a locked palette module.
func (s *DesignScene) lockedMsg(g *Game, id string) string {
	if s.lock != nil {
		if r := s.lock(id); r != "" {
			return r
		}
	}
	return g.Cat.Modules[id].Name + " is locked in this level"
}

// passed reports whether the learner has passed the challenge.
func (t *trainer) passed(id string) bool {
	if t.prof == nil {
		return false
	}
	for _, a := range t.prof.Attempts {
		if a.Challenge == id && a.Passed {
			return true
		}
	}
	return false
}

// ChallengeLock is "" when the learner may play the challenge, else what
// opens it, in short. Challenges open in order: each needs the one before
// it passed (one star), and the qualifications that the first
// qualification it counts towards requires (challenge 4 counts towards
// Opening framer, which requires Wall framer).
func (g *Game) ChallengeLock(l *training.Level) string {
	return g.challengeLock(l, false)
}

// ChallengeLockDetail is ChallengeLock with how to earn each qualification
// it needs.
func (g *Game) ChallengeLockDetail(l *training.Level) string {
	return g.challengeLock(l, true)
}

func (g *Game) challengeLock(l *training.Level, detail bool) string {
	t := g.trainer()
	if g.UnlockAll && t.set != nil {
		return ""
	}
	if t.set == nil {
		return "the training levels could not be loaded"
	}
	if t.prof == nil {
		return "choose a learner first"
	}
	var parts []string
	for i, x := range t.set.Levels {
		if x == l && i > 0 && !t.passed(t.set.Levels[i-1].ID) {
			prev := t.set.Levels[i-1]
			parts = append(parts, fmt.Sprintf("pass challenge %d %q first (one star)", prev.Number, prev.Title))
		}
	}
	held := t.held()
	for _, q := range t.quals.List {
		counts := false
		for _, r := range q.Challenges {
			counts = counts || r.Challenge == l.ID
		}
		if !counts {
			continue
		}
		for _, r := range q.Requires {
			if held[r] {
				continue
			}
			x := t.quals.Get(r)
			if detail {
				parts = append(parts, fmt.Sprintf("hold the %s qualification (%s): %s", x.Name, x.ID, t.quals.HowToEarn(r)))
			} else {
				parts = append(parts, fmt.Sprintf("hold the %s qualification (%s)", x.Name, t.shortEarn(x)))
			}
		}
		break
	}
	return strings.Join(parts, "; and ")
}

// shortEarn is "challenge 3, 1500+ points" or "challenges 6 and 7, 1200+
// points" (and "and more" when other qualifications are needed too).
func (t *trainer) shortEarn(q *training.Qualification) string {
	var nums []string
	same := true
	for _, r := range q.Challenges {
		nums = append(nums, fmt.Sprint(t.set.Level(r.Challenge).Number))
		same = same && r.MinScore == q.Challenges[0].MinScore
	}
	if len(nums) == 0 {
		return "from other qualifications"
	}
	out := "challenge " + nums[0]
	if len(nums) > 1 {
		out = "challenges " + strings.Join(nums[:len(nums)-1], ", ") + " and " + nums[len(nums)-1]
	}
	if same {
		out += fmt.Sprintf(", %d+ points", q.Challenges[0].MinScore)
	}
	if len(q.Requires) > 0 {
		out += ", and more"
	}
	return out
}
