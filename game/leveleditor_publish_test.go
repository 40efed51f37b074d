//go:build !js

package game

import (
	"context"
	"io"
	"net/http"
	"testing"

	"github.com/opensourceecology/prodos/game/commonsclient"
	"github.com/opensourceecology/prodos/production/commons"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The facilitator publishes the edited level from the editor's Publish
// button to a real commons (SQLite, JSON API): without the facilitator
// token the editor shows the server's refusal; with it, the level's hash,
// and the commons serves back the very bytes the editor built, which the
// game then plays as a published level.
func TestLevelEditorPublish(t *testing.T) {
	g, _ := newTestGame(t)
	d := driver{t, g}
	s := g.OpenLevelEditor()
	d.step(Frame{})
	pressLabel(t, d, s, "Publish", 1)
	assert.Contains(t, s.msg, "No design commons")

	srv, st := commonsServer(t, g.Cat)
	g.UseCommons(&commonsclient.Client{Base: srv.URL, Token: "a-learner-token", As: "ana"})
	pressLabel(t, d, s, "budget +", 4)
	pressLabel(t, d, s, "Publish", 1)
	s.WaitPublish()
	assert.True(t, s.bad)
	assert.Contains(t, s.msg, "Not published: publishing a level needs the facilitator token")
	assert.Empty(t, s.Published)

	g.UseCommons(&commonsclient.Client{Base: srv.URL, Token: "a-learner-token", LevelToken: "tok", As: "ana"})
	pressLabel(t, d, s, "Publish", 1)
	s.WaitPublish()
	require.False(t, s.bad, s.msg)
	_, want, err := s.Model.Build("x.toml")
	require.NoError(t, err)
	hash := commons.Hash(want)
	assert.Equal(t, hash, s.Published)
	assert.Contains(t, s.msg, "Published to the commons as level "+hash)
	shot(t, g, "level-editor-published")

	v, _, err := st.GetLevel(context.Background(), hash)
	require.NoError(t, err)
	assert.Equal(t, "ana", v.Author)
	assert.Equal(t, "2000.00", v.Budget)
	resp, err := http.Get(srv.URL + "/commons/levels/" + hash + "/level.toml")
	require.NoError(t, err)
	defer resp.Body.Close()
	got, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	assert.Equal(t, string(want), string(got))
	require.NoError(t, g.PlayPublished(got, hash))

	// the same level again: already there, same hash
	s2 := g.OpenLevelEditor()
	d.step(Frame{})
	pressLabel(t, d, s2, "budget +", 4)
	pressLabel(t, d, s2, "Publish", 1)
	s2.WaitPublish()
	assert.Contains(t, s2.msg, "Already in the commons as level "+hash)
}
