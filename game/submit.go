package game

import "github.com/opensourceecology/prodos/engine"

// Kinds of submission handed to the page (window.prodosSubmit).
const (
	SubmitLevel     = "level"     // a design level: the engine's command log (engine.MarshalLog)
	SubmitChallenge = "challenge" // a training challenge: its replay (training.Replay)
)

// submitJS hands the finished design level's command log to the page.
func (s *DesignScene) submitJS() {
	if eb, ok := s.board.(*EngineBoard); ok {
		submitToPage(SubmitLevel, s.level.ID, engine.MarshalLog(eb.E.Log()))
	}
}
