package training

import (
	"fmt"

	"github.com/opensourceecology/prodos/engine/buildseq"
)

// Status is where an attempt stands.
type Status int

// Attempt statuses.
const (
	Playing Status = iota
	Won            // every task done before the time ran out
	Lost           // the time ran out, or the trainee gave up
)

func (s Status) String() string {
	return [...]string{"playing", "won", "lost"}[s]
}

// TaskState is how a task looks to the trainee.
type TaskState int

// Task states.
const (
	Waiting TaskState = iota // a dependency is not done
	Ready                    // can be picked or assigned now
	Working                  // a crew member is on it
	Done                     // installed / standing
)

func (s TaskState) String() string {
	return [...]string{"waiting", "ready", "working", "done"}[s]
}

// Command is one entry of an attempt's command log.
type Command struct {
	Tick   int
	Op     string // "pick", "assign", "quit"
	Task   string // task id
	Member string // assign only
}

func (c Command) String() string {
	switch c.Op {
	case "assign":
		return fmt.Sprintf("%d assign %s %s", c.Tick, c.Task, c.Member)
	case "pick":
		return fmt.Sprintf("%d pick %s", c.Tick, c.Task)
	}
	return fmt.Sprintf("%d %s", c.Tick, c.Op)
}

// Outcome is the answer to a pick or an assignment.
type Outcome struct {
	OK bool
	// Mistake is set when the move was wrong and cost time.
	Mistake bool
	// Msg explains, for example "roof panel R3 needs wall W7 standing
	// first (-5 s)"; empty on success.
	Msg string
}

type crewState struct {
	task  int // -1 when free
	until int // tick the task finishes
	busy  int // ticks worked
}

// Session is one attempt at a level. It changes only through Tick, Pick,
// Assign and Quit, each recorded with its tick, so the command log
// re-simulates the attempt exactly.
type Session struct {
	level    *Level
	g        *buildseq.Graph
	tick     int
	penalty  int
	mistakes int
	done     []bool
	worker   []int // crew member on the task, -1
	ndone    int
	crew     []crewState
	status   Status
	finish   int
	log      []Command
	last     Outcome
	aside    []bool // distractors picked and set aside
}

// NewSession starts an attempt at tick 0.
func NewSession(l *Level) *Session {
	n := l.graph.Len()
	s := &Session{level: l, g: l.graph, done: make([]bool, n), worker: make([]int, n), crew: make([]crewState, len(l.Crew)),
		aside: make([]bool, len(l.Distractor))}
	for i := range s.worker {
		s.worker[i] = -1
	}
	for i := range s.crew {
		s.crew[i].task = -1
	}
	return s
}

// Level is the level being played.
func (s *Session) Level() *Level { return s.level }

// Tick is the current tick.
func (s *Session) Tick() int { return s.tick }

// Status is the attempt's status.
func (s *Session) Status() Status { return s.status }

// Mistakes counts wrong picks and assignments.
func (s *Session) Mistakes() int { return s.mistakes }

// Remaining is the time left in ticks (the limit minus elapsed ticks and
// penalties), never negative.
func (s *Session) Remaining() int {
	end := s.tick
	if s.status == Won {
		end = s.finish
	}
	return max(0, s.level.LimitTicks()-end-s.penalty)
}

// Last is the outcome of the latest pick or assignment (for a message).
func (s *Session) Last() Outcome { return s.last }

// Log is the command log so far.
func (s *Session) Log() []Command { return append([]Command(nil), s.log...) }

// State is the task's state.
func (s *Session) State(task int) TaskState {
	switch {
	case s.done[task]:
		return Done
	case s.worker[task] >= 0:
		return Working
	case s.g.Blocker(s.done, task) < 0:
		return Ready
	}
	return Waiting
}

// Worker is the crew member working on the task, or "".
func (s *Session) Worker(task int) string {
	if w := s.worker[task]; w >= 0 {
		return s.level.Crew[w].Name
	}
	return ""
}

// MemberView describes a crew member for drawing.
type MemberView struct {
	Member
	Task string // id of the task in hand, "" when free
	Left int    // ticks until that task is done
	Busy int    // ticks worked so far
}

// Crew describes the crew (empty outside crew levels).
func (s *Session) Crew() []MemberView {
	out := make([]MemberView, len(s.crew))
	for i, c := range s.crew {
		out[i] = MemberView{Member: s.level.Crew[i], Busy: c.busy}
		if c.task >= 0 {
			out[i].Task = s.g.Tasks[c.task].ID
			out[i].Left = c.until - s.tick
		}
	}
	return out
}

// Step advances one tick: crew members finish their tasks, the attempt is
// won when every task is done, lost when the time runs out.
func (s *Session) Step() {
	if s.status != Playing {
		return
	}
	s.tick++
	for i := range s.crew {
		c := &s.crew[i]
		if c.task < 0 {
			continue
		}
		c.busy++
		if c.until <= s.tick {
			s.done[c.task] = true
			s.worker[c.task] = -1
			s.ndone++
			c.task = -1
		}
	}
	s.settle()
}

// AdvanceTo steps until tick t (no-op when t is not later).
func (s *Session) AdvanceTo(t int) {
	for s.tick < t && s.status == Playing {
		s.Step()
	}
}

func (s *Session) settle() {
	if s.status != Playing {
		return
	}
	if s.ndone == len(s.done) {
		s.status, s.finish = Won, s.tick
		return
	}
	if s.level.LimitTicks()-s.tick-s.penalty <= 0 {
		s.status = Lost
	}
}

func (s *Session) mistake(msg string) Outcome {
	s.mistakes++
	s.penalty += s.level.PenaltyTicks()
	o := Outcome{Mistake: true, Msg: fmt.Sprintf("%s (-%d s)", msg, s.level.Penalty)}
	s.settle()
	return o
}

func (s *Session) record(c Command, o Outcome) Outcome {
	s.log = append(s.log, c)
	s.last = o
	return o
}

// Pick installs a task at once (levels without a crew). A task whose
// dependencies are not done is a mistake that costs the level's penalty
// and explains what it waits for.
func (s *Session) Pick(id string) Outcome {
	if s.status != Playing {
		return Outcome{Msg: "the challenge is over"}
	}
	if s.level.CrewMode() {
		return Outcome{Msg: "in this level each task goes to a crew member: assign it"}
	}
	i := s.g.Index(id)
	if k := s.level.distractor(id); i < 0 && k >= 0 {
		return s.pickDistractor(k)
	}
	if i < 0 {
		return Outcome{Msg: fmt.Sprintf("there is no task %q", id)}
	}
	if s.done[i] {
		t := s.g.Tasks[i]
		return Outcome{Msg: fmt.Sprintf("%s %s is already done", t.Noun, t.ID)}
	}
	c := Command{Tick: s.tick, Op: "pick", Task: id}
	if d := s.g.Blocker(s.done, i); d >= 0 {
		return s.record(c, s.mistake(s.g.Waits(i, d)))
	}
	s.done[i] = true
	s.ndone++
	s.settle()
	return s.record(c, Outcome{OK: true})
}

// Assign gives a task to a crew member (crew levels). It is a mistake,
// costing the penalty, when the task waits for another, the member is busy,
// or the member lacks the task's skill or qualification.
func (s *Session) Assign(id, member string) Outcome {
	if s.status != Playing {
		return Outcome{Msg: "the challenge is over"}
	}
	if !s.level.CrewMode() {
		return Outcome{Msg: "this level has no crew: pick the tasks"}
	}
	i := s.g.Index(id)
	if i < 0 {
		return Outcome{Msg: fmt.Sprintf("there is no task %q", id)}
	}
	w := -1
	for k := range s.level.Crew {
		if s.level.Crew[k].Name == member {
			w = k
		}
	}
	if w < 0 {
		return Outcome{Msg: fmt.Sprintf("there is no crew member %q", member)}
	}
	t := s.g.Tasks[i]
	switch {
	case s.done[i]:
		return Outcome{Msg: fmt.Sprintf("%s %s is already done", t.Noun, t.ID)}
	case s.worker[i] >= 0:
		return Outcome{Msg: fmt.Sprintf("%s %s is already in hand (%s)", t.Noun, t.ID, s.level.Crew[s.worker[i]].Name)}
	}
	c := Command{Tick: s.tick, Op: "assign", Task: id, Member: member}
	m := &s.level.Crew[w]
	if d := s.g.Blocker(s.done, i); d >= 0 {
		msg := s.g.Waits(i, d)
		if s.worker[d] >= 0 {
			msg += fmt.Sprintf(" (%s is still on it)", s.level.Crew[s.worker[d]].Name)
		}
		return s.record(c, s.mistake(msg))
	}
	if cs := s.crew[w]; cs.task >= 0 {
		return s.record(c, s.mistake(fmt.Sprintf("%s is busy with %s for %d more s", m.Name, s.g.Tasks[cs.task].ID, (cs.until-s.tick+TicksPerSecond-1)/TicksPerSecond)))
	}
	if okSkill, okQual := m.Has(t.Skill, t.Qual); !okSkill {
		return s.record(c, s.mistake(fmt.Sprintf("%s lacks the %s skill that %s %s needs", m.Name, t.Skill, t.Noun, t.ID)))
	} else if !okQual {
		return s.record(c, s.mistake(fmt.Sprintf("%s is not qualified as %s, which %s %s needs", m.Name, t.Qual, t.Noun, t.ID)))
	}
	s.worker[i] = w
	s.crew[w] = crewState{task: i, until: s.tick + s.level.Duration(i), busy: s.crew[w].busy}
	return s.record(c, Outcome{OK: true})
}

// Quit gives up: the attempt is lost.
func (s *Session) Quit() {
	if s.status != Playing {
		return
	}
	s.log = append(s.log, Command{Tick: s.tick, Op: "quit"})
	s.status = Lost
}

// Apply runs one logged command: it advances to the command's tick, then
// applies it. A command that the session refuses without recording it
// (an unknown task, a pick in a crew level) is an error.
func (s *Session) Apply(c Command) error {
	if c.Tick < s.tick {
		return fmt.Errorf("command at tick %d comes after tick %d", c.Tick, s.tick)
	}
	s.AdvanceTo(c.Tick)
	if s.status != Playing {
		return fmt.Errorf("command %q at tick %d comes after the attempt ended (%s at tick %d)", c, c.Tick, s.status, s.tick)
	}
	n := len(s.log)
	var o Outcome
	switch c.Op {
	case "pick":
		o = s.Pick(c.Task)
	case "assign":
		o = s.Assign(c.Task, c.Member)
	case "quit":
		s.Quit()
	default:
		return fmt.Errorf("unknown command %q", c.Op)
	}
	if len(s.log) == n {
		return fmt.Errorf("command %q was refused: %s", c, o.Msg)
	}
	return nil
}

// Result is the score of an attempt.
type Result struct {
	Status   Status
	Tick     int // finish tick when won, else the current tick
	TimeLeft int // ticks
	Mistakes int
	CrewUse  int // percent of crew time spent working (crew levels)
	Score    int
	Stars    int
	Passed   bool
}

// Scoring constants (the formula is documented in docs/training.md).
const (
	ScoreFinish       = 1000 // for finishing in time
	ScoreTime         = 1000 // times the share of the time limit left
	ScoreCrewPerPoint = 5    // per percent of crew use (crew levels)
	ScoreMistake      = 100  // taken off per mistake
)

// Result scores the attempt as it stands. Only a won attempt scores:
// 1000 + 1000 x time left / time limit + 5 x crew use % - 100 x mistakes,
// never below 0; stars and passing from the level's thresholds.
func (s *Session) Result() Result {
	r := Result{Status: s.status, Tick: s.tick, TimeLeft: s.Remaining(), Mistakes: s.mistakes}
	if s.status == Won {
		r.Tick = s.finish
	}
	if len(s.crew) > 0 && r.Tick > 0 {
		busy := 0
		for _, c := range s.crew {
			busy += c.busy
		}
		r.CrewUse = 100 * busy / (len(s.crew) * r.Tick)
	}
	if s.status != Won {
		return r
	}
	r.Score = ScoreFinish + ScoreTime*r.TimeLeft/s.level.LimitTicks() + ScoreCrewPerPoint*r.CrewUse - ScoreMistake*r.Mistakes
	r.Score = max(r.Score, 0)
	for _, th := range s.level.Stars {
		if r.Score >= th {
			r.Stars++
		}
	}
	r.Passed = r.Stars > 0
	return r
}
