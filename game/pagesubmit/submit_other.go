//go:build !js

package pagesubmit

import "github.com/opensourceecology/prodos/production/classroom/submission"

// Submit does nothing outside the browser: there is no page to hand the
// attempt to (see submit_js.go). It returns nil: no answer will come.
func Submit(req submission.Request) <-chan submission.Reply { return nil }

// StartAttempt does nothing outside the browser (see submit_js.go): it
// returns nil, and the attempt is not sent to a class.
func StartAttempt(req submission.AttemptRequest) <-chan submission.AttemptReply { return nil }
