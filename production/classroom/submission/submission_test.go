package submission

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/opensourceecology/prodos/designs"
	"github.com/opensourceecology/prodos/engine"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCheck(t *testing.T) {
	for _, c := range []struct {
		req  Request
		want string
	}{
		{Request{Kind: KindLevel, Level: "shed", Replay: "x"}, ""},
		{Request{Kind: KindChallenge, Level: "c01-groundwork", Replay: "x"}, ""},
		{Request{Kind: "score", Level: "shed", Replay: "x"}, `kind must be "level" or "challenge", got "score"`},
		{Request{Kind: KindLevel, Level: "", Replay: "x"}, `level must be a level id, got ""`},
		{Request{Kind: KindLevel, Level: "../etc", Replay: "x"}, `level must be a level id, got "../etc"`},
		{Request{Kind: KindLevel, Level: strings.Repeat("a", 65), Replay: "x"}, "level must be a level id"},
		{Request{Kind: KindLevel, Level: "shed", Replay: " \n"}, "replay is empty"},
	} {
		err := c.req.Check()
		if c.want == "" {
			assert.NoError(t, err, "%+v", c.req)
		} else if assert.Error(t, err, "%+v", c.req) {
			assert.Contains(t, err.Error(), c.want)
		}
	}
}

// TestLevelRoundTrip: what ForLevel encodes, LevelCommands decodes for the
// same level and refuses for another; a bare command log (no level line),
// as the browser build sent before, is refused with the reason.
func TestLevelRoundTrip(t *testing.T) {
	cmds := []engine.Command{engine.Place(30, designs.Placement{Module: "wall-ext-4x8", X: 2, Y: 2, Edge: "n"})}
	req := ForLevel("shed", cmds)
	require.NoError(t, req.Check())
	var back Request
	require.NoError(t, json.Unmarshal(req.JSON(), &back))
	assert.Equal(t, req, back)
	got, err := LevelCommands("shed", []byte(back.Replay))
	require.NoError(t, err)
	assert.Equal(t, cmds, got)
	_, err = LevelCommands("cabin", []byte(back.Replay))
	assert.EqualError(t, err, `the replay is of level "shed", not "cabin"`)
	_, err = LevelCommands("shed", engine.MarshalLog(cmds))
	assert.EqualError(t, err, `the replay is of level "", not "shed"`)
}

func TestInterpret(t *testing.T) {
	for _, c := range []struct {
		status         int
		body           string
		sent, accepted bool
		msg            string
	}{
		{201, `{"id":3,"score":3000,"stars":3,"passed":true,"cost":"1234.00"}`, true, true, "Verified by your class: 3 stars, score 3000"},
		{201, `{"id":3,"score":0,"stars":0,"passed":false}`, true, true, "Verified by your class, not passed (score 0)"},
		{422, `{"error":"replay does not verify: the replay is of level \"\", not \"shed\""}`, true, false, `Your class refused this result (422): replay does not verify: the replay is of level "", not "shed"`},
		{401, `{"error":"unknown learner token"}`, true, false, "Your class refused this result (401): unknown learner token"},
		{502, "Bad Gateway\nmore", true, false, "Your class refused this result (502): Bad Gateway"},
		{500, "", true, false, "Your class refused this result (500): no reason given"},
		{0, "TypeError: Failed to fetch", true, false, "Not sent to your class: TypeError: Failed to fetch"},
		{201, "<html>", true, false, "Your class server sent an answer the game cannot read: <html>"},
	} {
		r := Interpret(c.status, []byte(c.body))
		assert.Equal(t, c.sent, r.Sent, c.body)
		assert.Equal(t, c.accepted, r.Accepted, c.body)
		assert.Equal(t, c.msg, r.Msg)
	}
}
