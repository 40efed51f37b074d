// Package submission is the one format a finished design level or training
// challenge travels in, from the game through the web page to the
// classroom server: the JSON body of POST /api/submissions and the answer
// the game reads back. The game encodes with ForLevel and ForChallenge; the
// server decodes with Check and LevelCommands. Both sides use this package,
// so the format cannot drift between them. It is pure Go (no ebiten, no
// database) and builds for the browser.
package submission

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/opensourceecology/prodos/engine"
)

// Kinds of submission.
const (
	KindLevel     = "level"     // a design level: the engine's session log (engine.MarshalSession)
	KindChallenge = "challenge" // a training challenge: its replay (training.Replay)
)

// MaxLevelID bounds a level id.
const MaxLevelID = 64

// Request is the body of POST /api/submissions.
type Request struct {
	Kind   string `json:"kind"`   // KindLevel or KindChallenge
	Level  string `json:"level"`  // level or challenge id
	Replay string `json:"replay"` // the session log or challenge replay
}

// ForLevel is the submission of a design level: its session log, which
// names the level so the server replays it on the right one.
func ForLevel(levelID string, cmds []engine.Command) Request {
	return Request{Kind: KindLevel, Level: levelID, Replay: string(engine.MarshalSession(levelID, cmds))}
}

// ForPublishedLevel is the submission of a design level published in the
// commons (a class assignment): Level is the level file's hash, the
// replay a session of the level's own id.
func ForPublishedLevel(hash, levelID string, cmds []engine.Command) Request {
	return Request{Kind: KindLevel, Level: hash, Replay: string(engine.MarshalSession(levelID, cmds))}
}

// ForChallenge is the submission of a training challenge's replay.
func ForChallenge(levelID string, replay []byte) Request {
	return Request{Kind: KindChallenge, Level: levelID, Replay: string(replay)}
}

// JSON is the request body.
func (r Request) JSON() []byte {
	b, _ := json.Marshal(r) // a struct of strings always marshals
	return b
}

// Check says what is wrong with a request before any replay is run: an
// unknown kind, a level field that is not a level id, an empty replay.
func (r Request) Check() error {
	if r.Kind != KindLevel && r.Kind != KindChallenge {
		return fmt.Errorf("kind must be %q or %q, got %q", KindLevel, KindChallenge, r.Kind)
	}
	if r.Level == "" || len(r.Level) > MaxLevelID || strings.ContainsAny(r.Level, " \t\r\n/\\<>\"'") {
		return fmt.Errorf("level must be a level id, got %q", r.Level)
	}
	if strings.TrimSpace(r.Replay) == "" {
		return fmt.Errorf("replay is empty")
	}
	return nil
}

// LevelCommands decodes a design level's session log (see ForLevel) and
// checks that it is a session of level. Errors name the line and column.
func LevelCommands(level string, replay []byte) ([]engine.Command, error) {
	logLevel, cmds, err := engine.ParseSession("replay", bytes.NewReader(replay))
	if err != nil {
		return nil, err
	}
	if logLevel != level {
		return nil, fmt.Errorf("the replay is of level %q, not %q", logLevel, level)
	}
	return cmds, nil
}

// Response is the server's answer to an accepted submission (201).
type Response struct {
	ID             int64    `json:"id"`
	Score          int      `json:"score"`
	Stars          int      `json:"stars"`
	Passed         bool     `json:"passed"`
	Cost           string   `json:"cost"`
	LabourHours    string   `json:"labour_hours"`
	SheetWastePct  string   `json:"sheet_waste_pct"`
	Qualifications []string `json:"qualifications"`
	ReplayHash     string   `json:"replay_hash"`
	// Attestation is "verified": the class server issued the attempt id,
	// timed the attempt and re-simulated it.
	Attestation string `json:"attestation"`
}

// ErrorResponse is the server's answer to a refused request.
type ErrorResponse struct {
	Error string `json:"error"`
}

// Reply is what the game tells the learner about a submission.
type Reply struct {
	Sent     bool   // false when the page has no class to send to
	Accepted bool   // the server verified and recorded it
	Msg      string // one line for the learner
	Result   Response
}

// NotSent is the reply when there is no class to send to (no page hook,
// or the learner has not joined a class).
var NotSent = Reply{}

// Interpret turns the server's HTTP status and body into a Reply. Status 0
// stands for a request that never got an answer (the body then says why).
func Interpret(status int, body []byte) Reply {
	if status == 201 || status == 200 {
		var res Response
		if err := json.Unmarshal(body, &res); err != nil {
			return Reply{Sent: true, Msg: "Your class server sent an answer the game cannot read: " + clip(string(body))}
		}
		msg := fmt.Sprintf("Verified by your class: %d stars, score %d", res.Stars, res.Score)
		if !res.Passed {
			msg = fmt.Sprintf("Verified by your class, not passed (score %d)", res.Score)
		}
		if len(res.Qualifications) > 0 {
			msg += "; earned " + strings.Join(res.Qualifications, ", ")
		}
		return Reply{Sent: true, Accepted: true, Msg: msg, Result: res}
	}
	var e ErrorResponse
	reason := clip(strings.TrimSpace(string(body)))
	if json.Unmarshal(body, &e) == nil && e.Error != "" {
		reason = clip(e.Error)
	}
	if reason == "" {
		reason = "no reason given"
	}
	if status == 0 {
		return Reply{Sent: true, Msg: "Not sent to your class: " + reason}
	}
	return Reply{Sent: true, Msg: fmt.Sprintf("Your class refused this result (%d): %s", status, reason)}
}

// clip keeps a reason to one short line.
func clip(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	if r := []rune(s); len(r) > 200 {
		s = string(r[:200]) + "…"
	}
	return s
}
