package game

import (
	"github.com/opensourceecology/prodos/engine"
	"github.com/opensourceecology/prodos/game/pagesubmit"
)

// Kinds of submission handed to the page (window.prodosSubmit).
const (
	SubmitLevel     = pagesubmit.Level
	SubmitChallenge = pagesubmit.Challenge
)

// submitToPage hands a finished level or challenge to the browser page
// (a no-op on the desktop); see package pagesubmit.
var submitToPage = pagesubmit.Submit

// submitJS hands the finished design level's command log to the page.
func (s *DesignScene) submitJS() {
	if eb, ok := s.board.(*EngineBoard); ok {
		submitToPage(SubmitLevel, s.level.ID, engine.MarshalLog(eb.E.Log()))
	}
}
