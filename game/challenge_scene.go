package game

import (
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/opensourceecology/prodos/engine/training"
	"github.com/opensourceecology/prodos/production/classroom/submission"
	"github.com/opensourceecology/prodos/production/training/profiles"
)

// Panel sizes of the challenge scene, logical pixels.
const (
	chTopH  = 60.0
	chLeftW = 330.0
	chCrewW = 250.0
)

// flashFor is how long a wrong pick stays marked (real time on the game's Clock).
const flashFor = 1500 * time.Millisecond

// ChallengeScene is one attempt at a training challenge: the house or
// module, the parts to click in build order, the timer, the crew (crew
// levels), the reason for a wrong pick, and the results.
type ChallengeScene struct {
	level   *training.Level
	sess    *training.Session
	started bool
	t0      time.Duration // the game's Clock when the challenge clock started
	member  int           // selected crew member
	in      Frame

	wrong, need int           // last wrong pick and what it waited for
	flashOn     bool          // the wrong pick is marked, until flashEnd
	flashEnd    time.Duration // on the game's Clock
	now         time.Duration // the game's Clock at this Update
	msg         string
	msgBad      bool

	ended     bool
	result    training.Result
	replay    []byte
	awards    []profiles.Award
	submitErr string
	endT      int // 60ths of a second since the attempt ended (real time)
	endClock  sceneClock

	lay    *challengeLayout
	layKey [3]float64

	// The attempt ids asked for when the clock started: the local profile
	// store's (nil for a guest) and the class server's (nil outside a
	// class); wallStart is the wall-clock start (Game.Wall).
	local     *training.Ticket
	classID   <-chan submission.AttemptReply
	wallStart time.Time
}

// NewChallengeScene starts an attempt; the briefing shows until the
// trainee starts the clock.
func NewChallengeScene(l *training.Level) *ChallengeScene {
	return &ChallengeScene{level: l, sess: training.NewSession(l), wrong: -1, need: -1}
}

// OpenChallenge puts the game in a challenge's scene (screenshots, tests).
func (g *Game) OpenChallenge(id string, start bool) (*ChallengeScene, error) {
	set, _ := g.Training()
	if set == nil {
		return nil, fmt.Errorf("training levels: %w", g.trainer().err)
	}
	l := set.Level(id)
	if l == nil {
		var ids []string
		for _, l := range set.Levels {
			ids = append(ids, l.ID)
		}
		return nil, fmt.Errorf("no challenge %q (challenges: %s)", id, strings.Join(ids, ", "))
	}
	s := NewChallengeScene(l)
	if start {
		s.start(g)
	}
	g.scene, g.next = s, nil
	return s, nil
}

// Session is the attempt.
func (s *ChallengeScene) Session() *training.Session { return s.sess }

// Ended reports whether the attempt is over and the results are shown.
func (s *ChallengeScene) Ended() bool { return s.ended }

// Awards are the qualifications the attempt earned.
func (s *ChallengeScene) Awards() []profiles.Award { return s.awards }

// Animating keeps frames coming while the clock runs (and the results appear).
func (s *ChallengeScene) Animating() bool {
	return s.started && (!s.ended || s.endT < 60) || s.flashOn
}

func (s *ChallengeScene) layout(g *Game) *challengeLayout {
	w, h := g.Size()
	key := [3]float64{w, h, 0}
	if s.lay == nil || s.layKey != key {
		x, y, cw, ch := s.centerRect(g)
		s.lay = layoutChallenge(s.level, g.Cat, x, y, cw, ch)
		s.layKey = key
	}
	return s.lay
}

func (s *ChallengeScene) centerRect(g *Game) (x, y, w, h float64) {
	gw, gh := g.Size()
	right := 0.0
	if s.level.CrewMode() {
		right = chCrewW
	}
	return chLeftW + 10, chTopH + 10, gw - chLeftW - right - 20, gh - chTopH - 20
}

// TaskPoint is a screen point on a task's part (for tests and tours).
func (s *ChallengeScene) TaskPoint(g *Game, id string) (float64, float64, bool) {
	i := s.level.Graph().Index(id)
	if i < 0 {
		return 0, 0, false
	}
	return s.layout(g).center(i)
}

// MemberPoint is a screen point on a crew member's card.
func (s *ChallengeScene) MemberPoint(g *Game, name string) (float64, float64, bool) {
	for i, b := range s.crewCards(g) {
		if s.level.Crew[i].Name == name {
			return b.x + b.w/2, b.y + 20, true
		}
	}
	return 0, 0, false
}

func (s *ChallengeScene) crewCards(g *Game) []button {
	gw, _ := g.Size()
	var out []button
	for i := range s.level.Crew {
		out = append(out, button{gw - chCrewW + 8, chTopH + 44 + float64(i)*112, chCrewW - 16, 104, s.level.Crew[i].Name, true})
	}
	return out
}

func (s *ChallengeScene) backButton() button {
	return button{10, 10, 150, 40, "< Challenges", true}
}

func (s *ChallengeScene) startButton(g *Game) button {
	w, h := g.Size()
	return button{w/2 - 130, h/2 + 170, 260, 54, "Start the clock", true}
}

func (s *ChallengeScene) resultButtons(g *Game) []action {
	w, h := g.Size()
	y := h/2 + 200
	next := s.nextChallenge(g)
	return []action{
		{button{w/2 - 330, y, 200, 50, "Try again", true}, IntentNone, func() {
			n := NewChallengeScene(s.level)
			n.start(g)
			g.Goto(n)
		}},
		{button{w/2 - 100, y, 200, 50, "Challenges", true}, IntentBack, func() { g.Goto(&ChallengeSelectScene{}) }},
		{button{w/2 + 130, y, 200, 50, "Next challenge", next != nil && g.ChallengeLock(next) == ""}, IntentConfirm,
			func() { g.Goto(NewChallengeScene(next)) }},
	}
}

func (s *ChallengeScene) nextChallenge(g *Game) *training.Level {
	set, _ := g.Training()
	for i, l := range set.Levels {
		if l == s.level && i+1 < len(set.Levels) {
			return set.Levels[i+1]
		}
	}
	return nil
}

// Update implements Scene.
func (s *ChallengeScene) Update(g *Game, in Frame) error {
	s.in = in
	s.now = g.Clock()
	if s.flashOn && s.now >= s.flashEnd {
		s.flashOn = false
	}
	switch {
	case !s.started:
		switch {
		case in.Has(IntentBack) || s.backButton().clicked(in):
			g.Goto(&ChallengeSelectScene{})
		case in.Has(IntentConfirm) || s.startButton(g).clicked(in):
			s.start(g)
		}
		return nil
	case s.ended:
		s.endT = s.endClock.frames(g)
		runAction(in, s.resultButtons(g))
		return nil
	}
	if in.Has(IntentBack) || s.backButton().clicked(in) {
		s.sess.Quit()
		s.end(g)
		return nil
	}
	s.sess.AdvanceTo(s.clockTicks(g))
	if in.Pressed.Left {
		for i, c := range s.crewCards(g) {
			if c.hover(in) {
				s.member = i
			}
		}
		if t := s.layout(g).hit(in.X, in.Y); t >= 0 {
			s.act(t)
		}
	}
	if s.sess.Status() != training.Playing {
		s.end(g)
	}
	return nil
}

// start starts the challenge clock.
func (s *ChallengeScene) start(g *Game) {
	s.started, s.t0 = true, g.Clock()
	s.wallStart = g.Wall()
	s.local = g.StartAttempt(s.level.ID)
	s.classID = startAtPage(submission.ForAttempt(s.level.ID))
}

// elapsed is the real time since the clock started.
func (s *ChallengeScene) elapsed(g *Game) time.Duration { return g.Clock() - s.t0 }

// clockTicks is the tick the attempt is at: the real time since the start
// in ticks, however few frames the machine draws (the replay keeps ticks).
func (s *ChallengeScene) clockTicks(g *Game) int {
	return int((s.elapsed(g)*training.TicksPerSecond + time.Second/2) / time.Second)
}

// act picks the task, or gives it to the selected crew member.
func (s *ChallengeScene) act(i int) {
	gr := s.level.Graph()
	if s.level.PartsBin() {
		id := s.binPick(i)
		if i = gr.Index(id); i < 0 { // a part that does not belong
			o := s.sess.Pick(id)
			s.msg, s.msgBad = capitalize(o.Msg), o.Mistake
			if o.Mistake {
				s.wrong, s.need, s.flashOn, s.flashEnd = gr.Len()+indexOfDistractor(s.level, id), -1, true, s.now+flashFor
			}
			return
		}
	}
	t := gr.Tasks[i]
	done := make([]bool, gr.Len())
	for k := range done {
		done[k] = s.sess.State(k) == training.Done
	}
	blocker := gr.Blocker(done, i)
	var o training.Outcome
	if s.level.CrewMode() {
		o = s.sess.Assign(t.ID, s.level.Crew[s.member].Name)
	} else {
		o = s.sess.Pick(t.ID)
	}
	if o.OK {
		s.flashOn = false
	}
	switch {
	case o.OK && s.level.CrewMode():
		s.msg, s.msgBad = fmt.Sprintf("%s is on %s %s", s.level.Crew[s.member].Name, t.Noun, t.ID), false
	case o.OK && s.level.PartsBin():
		s.msg, s.msgBad = capitalize(t.Noun)+" is in place", false
	case o.OK:
		s.msg, s.msgBad = fmt.Sprintf("%s %s is in place", capitalize(t.Noun), t.ID), false
	case o.Mistake && s.level.PartsBin() && blocker >= 0:
		s.msg, s.msgBad = binWaits(t, gr.Tasks[blocker], s.level.Penalty), true
		s.wrong, s.need, s.flashOn, s.flashEnd = i, blocker, true, s.now+flashFor
	default:
		s.msg, s.msgBad = o.Msg, o.Mistake
		if o.Mistake {
			s.wrong, s.need, s.flashOn, s.flashEnd = i, blocker, true, s.now+flashFor
		}
	}
}

// end records the attempt: its replay is verified and submitted to the
// learner's profile (awarding qualifications), and handed to the page in
// the browser.
func (s *ChallengeScene) end(g *Game) {
	if s.ended {
		return
	}
	s.ended = true
	s.result = s.sess.Result()
	started, ended := s.wallStart, s.wallStart.Add(s.elapsed(g))
	if s.local != nil {
		s.replay = training.ReplayAttempt(s.sess, training.Attempt{ID: s.local.ID, Learner: s.local.Learner, Started: started, Ended: ended})
	} else {
		s.replay = training.ReplayWall(s.sess, s.elapsed(g))
	}
	awards, err := g.SubmitAttempt(s.replay)
	s.awards = awards
	if err != nil {
		s.submitErr = "Not recorded: " + firstLine(err)
		g.Notify(s.submitErr, true)
	}
	sess, level := s.sess, s.level.ID
	g.sendChallengeToClass(s.classID, func(a submission.AttemptResponse) submission.Request {
		return submission.ForChallenge(level, training.ReplayAttempt(sess, training.Attempt{ID: a.AttemptID, Learner: a.Learner, Started: started, Ended: ended}))
	})
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// clock is m:ss of ticks.
func clock(ticks int) string {
	secs := (ticks + training.TicksPerSecond - 1) / training.TicksPerSecond
	return fmt.Sprintf("%d:%02d", secs/60, secs%60)
}

func ease(t int) float64 { return math.Min(1, float64(t)/20) }
