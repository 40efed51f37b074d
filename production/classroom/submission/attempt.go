package submission

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"
)

// AttemptRequest is the body of POST /api/attempts: the game asks its
// class server for a one-time attempt id when a challenge's clock starts.
type AttemptRequest struct {
	Kind  string `json:"kind"`  // KindChallenge
	Level string `json:"level"` // the challenge id
}

// ForAttempt is the request that starts an attempt at a challenge.
func ForAttempt(levelID string) AttemptRequest {
	return AttemptRequest{Kind: KindChallenge, Level: levelID}
}

// JSON is the request body.
func (r AttemptRequest) JSON() []byte {
	b, _ := json.Marshal(r) // a struct of strings always marshals
	return b
}

// AttemptResponse answers POST /api/attempts (201). The attempt's replay
// carries the id and the learner's name (training.ReplayAttempt).
type AttemptResponse struct {
	AttemptID string    `json:"attempt_id"`
	Learner   string    `json:"learner"`
	Level     string    `json:"level"`
	IssuedAt  time.Time `json:"issued_at"`
}

// AttemptReply is what the game learns from starting an attempt.
type AttemptReply struct {
	Sent    bool   // false when the page has no class to ask
	OK      bool   // the class server issued an attempt id
	Msg     string // why not, for the learner
	Attempt AttemptResponse
}

// InterpretAttempt turns the server's answer to POST /api/attempts into an
// AttemptReply (status 0: no answer; the body says why).
func InterpretAttempt(status int, body []byte) AttemptReply {
	if status == 201 || status == 200 {
		var a AttemptResponse
		if err := json.Unmarshal(body, &a); err != nil || a.AttemptID == "" {
			return AttemptReply{Sent: true, Msg: "Your class server sent an answer the game cannot read: " + clip(string(body))}
		}
		return AttemptReply{Sent: true, OK: true, Attempt: a}
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
		return AttemptReply{Sent: true, Msg: "Your class could not start this attempt: " + reason}
	}
	return AttemptReply{Sent: true, Msg: fmt.Sprintf("Your class could not start this attempt (%d): %s", status, reason)}
}
