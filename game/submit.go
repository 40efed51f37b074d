package game

import (
	"github.com/opensourceecology/prodos/game/pagesubmit"
	"github.com/opensourceecology/prodos/production/classroom/submission"
)

// submitToPage hands a finished level or challenge to the browser page and
// returns the channel its class server's answer arrives on (nil on the
// desktop, where there is no page); see package pagesubmit.
var submitToPage = pagesubmit.Submit

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
	g.sendToClass(submission.ForLevel(s.level.ID, s.board.E.Log()))
}
