package game

import (
	"github.com/opensourceecology/prodos/game/pagesubmit"
	"github.com/opensourceecology/prodos/production/classroom/submission"
)

// submitToPage hands a finished level or challenge to the browser page and
// returns the channel its class server's answer arrives on (nil on the
// desktop, where there is no page); see package pagesubmit.
var submitToPage = pagesubmit.Submit

// startAtPage asks the page's class server for a challenge's one-time
// attempt id when its clock starts (nil channel on the desktop).
var startAtPage = pagesubmit.StartAttempt

// pendingClass is an ended challenge whose class attempt id has not come
// yet: its replay is made and sent when it does.
type pendingClass struct {
	id   <-chan submission.AttemptReply
	send func(a submission.AttemptResponse) submission.Request
}

// sendChallengeToClass sends an ended challenge to the learner's class
// once the attempt id asked for at its start has come (now, or on a later
// frame: pollClass). The replay is bound to that id and to the learner's
// name in the class; without an id nothing is sent (the class would refuse
// it), and a refusal to start the attempt is shown.
func (g *Game) sendChallengeToClass(id <-chan submission.AttemptReply, send func(a submission.AttemptResponse) submission.Request) {
	if id == nil {
		return
	}
	g.classPend = append(g.classPend, pendingClass{id, send})
	g.pollClass()
}

// pollAttempts sends the ended challenges whose attempt ids have come.
func (g *Game) pollAttempts() {
	keep := g.classPend[:0]
	for _, p := range g.classPend {
		select {
		case r := <-p.id:
			switch {
			case r.OK:
				g.sendToClass(p.send(r.Attempt))
			case r.Sent:
				g.Notify("Not sent to your class: "+r.Msg, true)
			}
		default:
			keep = append(keep, p)
		}
	}
	g.classPend = keep
}

// sendToClass submits a finished attempt to the learner's class (in the
// browser) and keeps the answer's channel for pollClass.
func (g *Game) sendToClass(req submission.Request) {
	if ch := submitToPage(req); ch != nil {
		g.classWait = append(g.classWait, ch)
	}
}

// pollClass shows the class server's answers as they arrive: what it
// verified, or why it refused the result.
func (g *Game) pollClass() {
	if len(g.classPend) > 0 {
		g.pollAttempts()
	}
	if len(g.classWait) == 0 {
		return
	}
	keep := g.classWait[:0]
	for _, ch := range g.classWait {
		select {
		case r := <-ch:
			if r.Sent {
				g.classReply = r
				g.Notify(r.Msg, !r.Accepted)
			}
		default:
			keep = append(keep, ch)
		}
	}
	g.classWait = keep
}

// ClassReply is the class server's latest answer to a submission (zero
// until one arrives).
func (g *Game) ClassReply() submission.Reply { return g.classReply }

// submitJS hands the finished design level's session log to the page.
func (s *DesignScene) submitJS(g *Game) {
	g.sendToClass(s.submission())
}

// submission is the finished level's request: a published level (an
// assignment) is named by its hash.
func (s *DesignScene) submission() submission.Request {
	if s.level.Hash != "" {
		return submission.ForPublishedLevel(s.level.Hash, s.level.ID, s.board.E.Log())
	}
	return submission.ForLevel(s.level.ID, s.board.E.Log())
}
